/*
 * The JSON reader for files other programs or people may have written:
 * the history export (export.c). jansson (a Debian library) parses and
 * checks the text as RFC 8259 requires (UTF-8, escapes, no control
 * characters in strings, nothing after the value) and refuses repeated
 * keys and \u0000 (a C string could not hold it); json.c copies the tree
 * into struct json, at most JSON_MAX_DEPTH levels deep.
 *
 * Integers that fit int64_t are JV_NUM with is_int 1; jansson refuses
 * larger ones. Any other number is JV_NUM with is_int 0 (its value is not
 * kept: nothing this program reads needs one).
 */
#ifndef KNEAD_JSON_H
#define KNEAD_JSON_H

#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH	16

enum jv_type {
	JV_NULL,
	JV_BOOL,
	JV_NUM,
	JV_STR,
	JV_ARR,
	JV_OBJ
};

struct json {
	enum jv_type	 type;
	int		 b;		/* JV_BOOL */
	int		 is_int;	/* JV_NUM: i holds it */
	int64_t		 i;
	char		*s;		/* JV_STR */
	struct json	*v;		/* JV_ARR, JV_OBJ: the items */
	char		**keys;		/* JV_OBJ: the key of each item */
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
