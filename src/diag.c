#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"
#include "utf8.h"

void
diag_init(struct diag_list *dl)
{
	memset(dl, 0, sizeof *dl);
}

void
diag_clear(struct diag_list *dl)
{
	size_t	i;

	for (i = 0; i < dl->n; i++) {
		free(dl->v[i].path);
		free(dl->v[i].msg);
	}
	free(dl->v);
	diag_init(dl);
}

/*
 * The length of the character at p when it is safe to print, or 0 when the
 * next *bad bytes are to be shown as one '?': a control by utf8.h's one
 * rule (C0, DEL, C1, the line and paragraph separators, bidirectional
 * controls), or bytes that are not UTF-8 (a stray or missing continuation
 * byte, an overlong form, a surrogate, past U+10FFFF).
 */
static size_t
safe_len(const unsigned char *p, size_t *bad)
{
	uint32_t	cp;
	size_t		n;

	if ((n = utf8_next(p, (size_t)-1, &cp, bad)) == 0)
		return 0;
	if (utf8_is_control(cp)) {
		*bad = n;
		return 0;
	}
	return n;
}

/* Print s with what could drive the terminal replaced; see diag.h. */
void
diag_safe(FILE *fp, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n, bad, run;

	if (p == NULL)
		return;
	/*
	 * Each run of safe characters in one fwrite: stderr is unbuffered,
	 * and a write a character put a path on the terminal in as many
	 * write(2)s as it has characters (each one waking the terminal,
	 * before a run's first frame).
	 */
	while (*p != '\0') {
		if ((n = safe_len(p, &bad)) == 0) {
			fputc('?', fp);
			p += bad;
			continue;
		}
		run = 0;
		do
			run += n;
		while (p[run] != '\0' && (n = safe_len(p + run, &bad)) != 0);
		fwrite(p, 1, run, fp);
		p += run;
	}
}

/*
 * Copy s into out the same way, cut between two characters to fit len. The
 * copy is never longer than s, so in and out may be the same buffer.
 */
void
diag_clean(const char *in, char *out, size_t len)
{
	const unsigned char	*p = (const unsigned char *)in;
	size_t			 o = 0, n, bad;

	if (len == 0)
		return;
	while (*p != '\0' && o + 1 < len) {
		if ((n = safe_len(p, &bad)) == 0) {
			out[o++] = '?';
			p += bad;
			continue;
		}
		if (o + n >= len)
			break;
		memmove(out + o, p, n);
		o += n;
		p += n;
	}
	out[o] = '\0';
}

/* Messages may quote routine text, and paths are any bytes. */
static void
defang(char *s)
{
	diag_clean(s, s, strlen(s) + 1);
}

void
diag_vadd(struct diag_list *dl, enum diag_severity sev, const char *path,
    unsigned line, unsigned col, const char *fmt, va_list ap)
{
	struct diag	*d;

	if (dl->n == dl->cap) {
		dl->cap = dl->cap == 0 ? 16 : dl->cap * 2;
		dl->v = xreallocarray(dl->v, dl->cap, sizeof *dl->v);
	}
	d = &dl->v[dl->n++];
	d->path = xstrdup(path != NULL ? path : "-");
	defang(d->path);
	d->line = line;
	d->col = col;
	d->sev = sev;
	if (vasprintf(&d->msg, fmt, ap) < 0)
		d->msg = xstrdup("(message lost: out of memory)");
	defang(d->msg);
	if (sev == DIAG_ERROR)
		dl->errors++;
	else if (sev == DIAG_WARNING)
		dl->warnings++;
}

void
diag_add(struct diag_list *dl, enum diag_severity sev, const char *path,
    unsigned line, unsigned col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vadd(dl, sev, path, line, col, fmt, ap);
	va_end(ap);
}

static int
diag_cmp(const struct diag *a, const struct diag *b)
{
	int	c;

	if ((c = strcmp(a->path, b->path)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void
diag_sort(struct diag_list *dl)
{
	size_t		i, j;
	struct diag	tmp;

	/* Insertion sort: stable, and lists are short. */
	for (i = 1; i < dl->n; i++) {
		tmp = dl->v[i];
		for (j = i; j > 0 && diag_cmp(&dl->v[j - 1], &tmp) > 0; j--)
			dl->v[j] = dl->v[j - 1];
		dl->v[j] = tmp;
	}
}

static const char *
sev_name(enum diag_severity sev)
{
	switch (sev) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	default:
		return "note";
	}
}

void
diag_format(const struct diag *d, char *buf, size_t len)
{
	if (d->line == 0)
		snprintf(buf, len, "%s: %s: %s", d->path, sev_name(d->sev),
		    d->msg);
	else
		snprintf(buf, len, "%s:%u:%u: %s: %s", d->path, d->line,
		    d->col, sev_name(d->sev), d->msg);
}

void
diag_print(const struct diag_list *dl, FILE *fp)
{
	size_t		 i;
	const struct diag *d;

	for (i = 0; i < dl->n; i++) {
		d = &dl->v[i];
		if (d->line == 0)
			fprintf(fp, "%s: %s: %s\n", d->path, sev_name(d->sev),
			    d->msg);
		else
			fprintf(fp, "%s:%u:%u: %s: %s\n", d->path, d->line,
			    d->col, sev_name(d->sev), d->msg);
	}
}

/*
 * Edit distance counting a swap of two neighbours as one edit (optimal
 * string alignment), so "tiem" is one edit from "time". Words longer than 64
 * bytes get no suggestion.
 */
static size_t
distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, best;
	size_t	d[65][65];

	if (la > 64 || lb > 64)
		return (size_t)-1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

const char *
diag_suggest(const char *word, const char *const *cand, size_t n)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = (size_t)-1, limit, wl;

	wl = strlen(word);
	limit = wl <= 4 ? 1 : wl <= 8 ? 2 : 3;
	for (i = 0; i < n; i++) {
		d = distance(word, cand[i]);
		/* A prefix of a longer id ("upper-trap") is a plausible typo. */
		if (wl >= 3 && strncmp(word, cand[i], wl) == 0)
			d = d < 2 ? d : 2;
		if (d < bestd) {
			bestd = d;
			best = cand[i];
		}
	}
	return bestd <= limit || (best != NULL &&
	    strncmp(word, best, wl) == 0 && wl >= 3) ? best : NULL;
}
