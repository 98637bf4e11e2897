/*
 * A small JSON reader (see json.h): recursive descent, at most
 * JSON_MAX_DEPTH levels deep, every string checked as UTF-8.
 */
#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

struct jp {
	const unsigned char	*p;
	size_t			 len;
	size_t			 off;
	char			*err;
	size_t			 errlen;
	int			 failed;
};

static int	jp_value(struct jp *, struct json *, int depth);

/* Note the first problem with its offset; returns -1. */
static int
jp_fail(struct jp *j, const char *fmt, ...)
{
	va_list	ap;
	char	msg[128];

	if (j->failed++)
		return (-1);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (j->errlen > 0)
		snprintf(j->err, j->errlen, "%s at byte %zu", msg, j->off + 1);
	return (-1);
}

static void
jp_space(struct jp *j)
{
	while (j->off < j->len && (j->p[j->off] == ' ' ||
	    j->p[j->off] == '\t' || j->p[j->off] == '\n' ||
	    j->p[j->off] == '\r'))
		j->off++;
}

/* Match a literal word (true, false, null). */
static int
jp_word(struct jp *j, const char *w)
{
	size_t	n = strlen(w);

	if (j->len - j->off < n || memcmp(j->p + j->off, w, n) != 0)
		return (jp_fail(j, "not a JSON value"));
	j->off += n;
	return (0);
}

/* Four hex digits of a \u escape. */
static int
jp_hex4(struct jp *j, uint32_t *cp)
{
	size_t		k;
	unsigned char	c;

	*cp = 0;
	if (j->len - j->off < 4)
		return (jp_fail(j, "a \\u escape needs four hex digits"));
	for (k = 0; k < 4; k++) {
		c = j->p[j->off + k];
		*cp <<= 4;
		if (c >= '0' && c <= '9')
			*cp |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*cp |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*cp |= (uint32_t)(c - 'A' + 10);
		else
			return (jp_fail(j, "a \\u escape needs four hex "
			    "digits"));
	}
	j->off += 4;
	return (0);
}

/* Append code point cp as UTF-8 to buf (room for 4 bytes is there). */
static size_t
jp_put(char *buf, uint32_t cp)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return (1);
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xc0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3f));
		return (2);
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xe0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		return (3);
	}
	buf[0] = (char)(0xf0 | (cp >> 18));
	buf[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	buf[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	buf[3] = (char)(0x80 | (cp & 0x3f));
	return (4);
}

/* One \ escape, the backslash read; its UTF-8 appended at out. */
static int
jp_escape(struct jp *j, char *out, size_t *n)
{
	uint32_t	cp, lo;
	unsigned char	c;

	if (j->off >= j->len)
		return (jp_fail(j, "a string does not end"));
	c = j->p[j->off++];
	switch (c) {
	case '"': case '\\': case '/':
		out[(*n)++] = (char)c;
		return (0);
	case 'b': out[(*n)++] = '\b'; return (0);
	case 'f': out[(*n)++] = '\f'; return (0);
	case 'n': out[(*n)++] = '\n'; return (0);
	case 'r': out[(*n)++] = '\r'; return (0);
	case 't': out[(*n)++] = '\t'; return (0);
	case 'u':
		break;
	default:
		j->off--;
		return (jp_fail(j, "unknown escape \\%c", c >= 0x20 &&
		    c < 0x7f ? c : '?'));
	}
	if (jp_hex4(j, &cp) != 0)
		return (-1);
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return (jp_fail(j, "a lone low surrogate"));
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (j->len - j->off < 2 || j->p[j->off] != '\\' ||
		    j->p[j->off + 1] != 'u')
			return (jp_fail(j, "a lone high surrogate"));
		j->off += 2;
		if (jp_hex4(j, &lo) != 0)
			return (-1);
		if (lo < 0xdc00 || lo > 0xdfff)
			return (jp_fail(j, "a lone high surrogate"));
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return (jp_fail(j, "\\u0000 in a string"));
	*n += jp_put(out + *n, cp);
	return (0);
}

/* A string, the opening quote next; *out is allocated. */
static int
jp_string(struct jp *j, char **out)
{
	size_t		 start, n = 0, k;
	uint32_t	 cp;
	char		*buf;

	*out = NULL;
	if (j->off >= j->len || j->p[j->off] != '"')
		return (jp_fail(j, "a string was expected"));
	start = ++j->off;
	/* Escapes never grow: the raw length bounds the decoded one. */
	for (k = start; k < j->len && j->p[k] != '"'; k++)
		if (j->p[k] == '\\')
			k++;
	buf = xmalloc(k - start + 4);
	while (j->off < j->len && j->p[j->off] != '"') {
		if (j->p[j->off] < 0x20) {
			free(buf);
			return (jp_fail(j, "a control character in a string"));
		}
		if (j->p[j->off] == '\\') {
			j->off++;
			if (jp_escape(j, buf, &n) != 0) {
				free(buf);
				return (-1);
			}
			continue;
		}
		if ((k = utf8_next(j->p + j->off, j->len - j->off, &cp,
		    NULL)) == 0) {
			free(buf);
			return (jp_fail(j, "a string is not UTF-8"));
		}
		memcpy(buf + n, j->p + j->off, k);
		n += k;
		j->off += k;
	}
	if (j->off >= j->len) {
		free(buf);
		return (jp_fail(j, "a string does not end"));
	}
	j->off++;
	buf[n] = '\0';
	*out = buf;
	return (0);
}

/* A number; integers that fit are kept. */
static int
jp_number(struct jp *j, struct json *v)
{
	size_t		digits;
	int		neg = 0, over = 0;
	uint64_t	u = 0;

	v->type = JSON_NUM;
	v->is_int = 1;
	if (j->p[j->off] == '-') {
		neg = 1;
		j->off++;
	}
	digits = j->off;
	while (j->off < j->len && j->p[j->off] >= '0' && j->p[j->off] <= '9') {
		if (u > (UINT64_MAX - 9) / 10)
			over = 1;
		else
			u = u * 10 + (uint64_t)(j->p[j->off] - '0');
		j->off++;
	}
	if (j->off == digits)
		return (jp_fail(j, "a number needs digits"));
	if (j->off - digits > 1 && j->p[digits] == '0')
		return (jp_fail(j, "a number with a leading zero"));
	if (j->off < j->len && j->p[j->off] == '.') {
		v->is_int = 0;
		j->off++;
		digits = j->off;
		while (j->off < j->len && j->p[j->off] >= '0' &&
		    j->p[j->off] <= '9')
			j->off++;
		if (j->off == digits)
			return (jp_fail(j, "a fraction needs digits"));
	}
	if (j->off < j->len && (j->p[j->off] == 'e' || j->p[j->off] == 'E')) {
		v->is_int = 0;
		j->off++;
		if (j->off < j->len && (j->p[j->off] == '+' ||
		    j->p[j->off] == '-'))
			j->off++;
		digits = j->off;
		while (j->off < j->len && j->p[j->off] >= '0' &&
		    j->p[j->off] <= '9')
			j->off++;
		if (j->off == digits)
			return (jp_fail(j, "an exponent needs digits"));
	}
	if (over || u > (uint64_t)INT64_MAX + (uint64_t)neg)
		v->is_int = 0;
	if (v->is_int)
		v->i = neg ? (int64_t)(0 - u) : (int64_t)u;
	return (0);
}

/* An array or object, the bracket next. */
static int
jp_items(struct jp *j, struct json *v, int depth, int obj)
{
	size_t	cap = 0;
	char	*key;

	v->type = obj ? JSON_OBJ : JSON_ARR;
	if (depth >= JSON_MAX_DEPTH)
		return (jp_fail(j, "nested deeper than %d", JSON_MAX_DEPTH));
	j->off++;
	jp_space(j);
	if (j->off < j->len && j->p[j->off] == (obj ? '}' : ']')) {
		j->off++;
		return (0);
	}
	for (;;) {
		key = NULL;
		if (obj) {
			jp_space(j);
			if (jp_string(j, &key) != 0)
				return (-1);
			jp_space(j);
			if (j->off >= j->len || j->p[j->off] != ':') {
				free(key);
				return (jp_fail(j, "':' was expected"));
			}
			j->off++;
		}
		if (v->n == cap) {
			cap = cap ? cap * 2 : 8;
			v->v = xreallocarray(v->v, cap, sizeof *v->v);
			if (obj)
				v->keys = xreallocarray(v->keys, cap,
				    sizeof *v->keys);
		}
		memset(&v->v[v->n], 0, sizeof v->v[v->n]);
		if (obj)
			v->keys[v->n] = key;
		v->n++;
		if (jp_value(j, &v->v[v->n - 1], depth + 1) != 0)
			return (-1);
		jp_space(j);
		if (j->off < j->len && j->p[j->off] == ',') {
			j->off++;
			continue;
		}
		if (j->off < j->len && j->p[j->off] == (obj ? '}' : ']')) {
			j->off++;
			return (0);
		}
		return (jp_fail(j, obj ? "',' or '}' was expected" :
		    "',' or ']' was expected"));
	}
}

static int
jp_value(struct jp *j, struct json *v, int depth)
{
	jp_space(j);
	if (j->off >= j->len)
		return (jp_fail(j, "a value was expected"));
	switch (j->p[j->off]) {
	case '{':
		return (jp_items(j, v, depth, 1));
	case '[':
		return (jp_items(j, v, depth, 0));
	case '"':
		v->type = JSON_STR;
		return (jp_string(j, &v->s));
	case 't':
		v->type = JSON_BOOL;
		v->b = 1;
		return (jp_word(j, "true"));
	case 'f':
		v->type = JSON_BOOL;
		return (jp_word(j, "false"));
	case 'n':
		v->type = JSON_NULL;
		return (jp_word(j, "null"));
	default:
		if (j->p[j->off] == '-' || (j->p[j->off] >= '0' &&
		    j->p[j->off] <= '9'))
			return (jp_number(j, v));
		return (jp_fail(j, "not a JSON value"));
	}
}

int
json_parse(const char *text, size_t len, struct json **out, char *err,
    size_t errlen)
{
	struct jp	 j;
	struct json	*v;

	memset(&j, 0, sizeof j);
	j.p = (const unsigned char *)text;
	j.len = len;
	j.err = err;
	j.errlen = errlen;
	if (errlen > 0)
		err[0] = '\0';
	v = xcalloc(1, sizeof *v);
	if (jp_value(&j, v, 0) == 0) {
		jp_space(&j);
		if (j.off != j.len)
			jp_fail(&j, "more after the value");
	}
	if (j.failed) {
		json_free(v);
		*out = NULL;
		return (-1);
	}
	*out = v;
	return (0);
}

/* Free the contents of v, not v itself. */
static void
json_clear(struct json *v)
{
	size_t	k;

	free(v->s);
	for (k = 0; k < v->n; k++) {
		json_clear(&v->v[k]);
		if (v->keys != NULL)
			free(v->keys[k]);
	}
	free(v->v);
	free(v->keys);
}

void
json_free(struct json *v)
{
	if (v == NULL)
		return;
	json_clear(v);
	free(v);
}

const struct json *
json_get(const struct json *o, const char *key)
{
	size_t	k;

	if (o == NULL || o->type != JSON_OBJ)
		return (NULL);
	for (k = 0; k < o->n; k++)
		if (o->keys[k] != NULL && strcmp(o->keys[k], key) == 0)
			return (&o->v[k]);
	return (NULL);
}
