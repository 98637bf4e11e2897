/*
 * Stored text (routine titles, override reasons, screening questions,
 * file names) written for a terminal, Markdown, JSON or CSV without ever
 * letting a control (utf8_is_control: C0, C1, the line and paragraph
 * separators, bidirectional controls) or invalid UTF-8 through.
 */
#include "textout.h"
#include "utf8.h"

#include <langinfo.h>
#include <string.h>

void
tout_text(FILE *fp, const char *s, int md)
{
	const unsigned char	*p;
	uint32_t		 c;
	size_t			 n;

	p = (const unsigned char *)(s != NULL ? s : "");
	while (*p != '\0') {
		if ((n = utf8_next(p, (size_t)-1, &c, NULL)) == 0) {
			fputc('?', fp);
			p++;
			continue;
		}
		if (utf8_is_control(c))
			fputc(c == '\n' || c == '\t' ? ' ' : '?', fp);
		else if (md && (c == '|' || c == '\\' || c == '*' || c == '_' ||
		    c == '`' || c == '<' || c == '[')) {
			fputc('\\', fp);
			fputc((int)c, fp);
		} else
			fwrite(p, 1, n, fp);
		p += n;
	}
}

void
tout_json(FILE *fp, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 n;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	while (*p != '\0') {
		if ((n = utf8_next(p, (size_t)-1, &c, NULL)) == 0) {
			fputs("\\ufffd", fp);
			p++;
			continue;
		}
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", (int)c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (utf8_is_control(c))
			fprintf(fp, "\\u%04x", (unsigned)c);
		else
			fwrite(p, 1, n, fp);
		p += n;
	}
	fputc('"', fp);
}

void
tout_csv(FILE *fp, const char *s)
{
	const unsigned char	*p;
	uint32_t		 c;
	size_t			 n;

	p = (const unsigned char *)(s != NULL ? s : "");
	fputc('"', fp);
	if (*p == '=' || *p == '+' || *p == '-' || *p == '@')
		fputc('\'', fp);
	while (*p != '\0') {
		if ((n = utf8_next(p, (size_t)-1, &c, NULL)) == 0) {
			fputc('?', fp);
			p++;
			continue;
		}
		if (c == '"')
			fputs("\"\"", fp);
		else if (utf8_is_control(c))
			fputc(' ', fp);
		else
			fwrite(p, 1, n, fp);
		p += n;
	}
	fputc('"', fp);
}

void
tout_clean(const char *s, char *buf, size_t len)
{
	const unsigned char	*p;
	uint32_t		 c;
	size_t			 n, off = 0;

	if (len == 0)
		return;
	p = (const unsigned char *)(s != NULL ? s : "");
	while (*p != '\0') {
		n = utf8_next(p, (size_t)-1, &c, NULL);
		if (n == 0 || utf8_is_control(c)) {
			if (off + 1 >= len)
				break;
			buf[off++] = n != 0 && (c == '\n' || c == '\t') ? ' ' :
			    '?';
			p += n != 0 ? n : 1;
			continue;
		}
		if (off + n >= len)
			break;
		memcpy(buf + off, p, n);
		off += n;
		p += n;
	}
	buf[off] = '\0';
}

void
tout_spark(FILE *fp, const int *v, size_t n, int utf8)
{
	static const char *const bars[] = { "\xe2\x96\x81", "\xe2\x96\x82",
	    "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
	    "\xe2\x96\x87", "\xe2\x96\x88" };
	static const char ascii[] = "_.,-=+*#";
	size_t	i;
	int	x;

	for (i = 0; i < n; i++) {
		x = v[i] < 0 ? 0 : v[i] > 10 ? 10 : v[i];
		x = (x * 7 + 5) / 10;
		if (utf8)
			fputs(bars[x], fp);
		else
			fputc(ascii[x], fp);
	}
}

int
tout_utf8(void)
{
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}
