/*
 * A small JSON reader (RFC 8259) for files other programs or people may
 * have written: the history export (export.c). It builds a tree, checks
 * everything the RFC requires (UTF-8, escapes, no control characters in
 * strings, nothing after the value) and has limits instead of recursion
 * without end: nesting at most JSON_MAX_DEPTH levels.
 *
 * Numbers are kept as int64_t when they are integers written without a
 * fraction or exponent and fit; any other number is JSON_NUM with is_int
 * 0 (its value is not kept: nothing this program reads needs one).
 * Strings are NUL-terminated UTF-8; a \u0000 escape is refused, as a C
 * string could not hold it.
 */
#ifndef KNEAD_JSON_H
#define KNEAD_JSON_H

#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH	16

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUM,
	JSON_STR,
	JSON_ARR,
	JSON_OBJ
};

struct json {
	enum json_type	 type;
	int		 b;		/* JSON_BOOL */
	int		 is_int;	/* JSON_NUM: i holds it */
	int64_t		 i;
	char		*s;		/* JSON_STR */
	struct json	*v;		/* JSON_ARR, JSON_OBJ: the items */
	char		**keys;		/* JSON_OBJ: the key of each item */
	size_t		 n;
};

/*
 * Parse text (len bytes, no NUL needed) into *out (free with json_free).
 * Returns 0, or -1 with a message and the byte offset of the problem in
 * err (errlen bytes).
 */
int	json_parse(const char *text, size_t len, struct json **out, char *err,
	    size_t errlen);
void	json_free(struct json *);
/* The value of key in object o (the first if repeated); NULL when none. */
const struct json *json_get(const struct json *o, const char *key);

#endif
