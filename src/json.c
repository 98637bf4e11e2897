/*
 * The JSON reader (see json.h): jansson parses and checks the text (RFC
 * 8259: UTF-8, escapes, no control characters, nothing after the value,
 * no repeated keys); this file copies jansson's tree into struct json
 * with a depth limit, so the rest of knead never sees jansson's types.
 */
#include "json.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Copy j into v; -1 with a message in err when it is too deep. */
static int
jv_copy(json_t *j, struct json *v, int depth, char *err, size_t errlen)
{
	const char	*key;
	json_t		*item;
	size_t		 k;

	memset(v, 0, sizeof *v);
	if (depth > JSON_MAX_DEPTH) {
		snprintf(err, errlen, "nested more than %d levels deep",
		    JSON_MAX_DEPTH);
		return (-1);
	}
	switch (json_typeof(j)) {
	case JSON_NULL:
		v->type = JV_NULL;
		return (0);
	case JSON_TRUE:
	case JSON_FALSE:
		v->type = JV_BOOL;
		v->b = json_is_true(j);
		return (0);
	case JSON_INTEGER:
		v->type = JV_NUM;
		v->is_int = 1;
		v->i = (int64_t)json_integer_value(j);
		return (0);
	case JSON_REAL:
		v->type = JV_NUM;
		return (0);
	case JSON_STRING:
		v->type = JV_STR;
		v->s = xstrdup(json_string_value(j));
		return (0);
	case JSON_ARRAY:
		v->type = JV_ARR;
		v->n = json_array_size(j);
		v->v = xcalloc(v->n + 1, sizeof *v->v);
		json_array_foreach(j, k, item)
			if (jv_copy(item, &v->v[k], depth + 1, err, errlen) != 0)
				return (-1);
		return (0);
	case JSON_OBJECT:
		v->type = JV_OBJ;
		v->n = json_object_size(j);
		v->v = xcalloc(v->n + 1, sizeof *v->v);
		v->keys = xcalloc(v->n + 1, sizeof *v->keys);
		k = 0;
		json_object_foreach(j, key, item) {
			v->keys[k] = xstrdup(key);
			if (jv_copy(item, &v->v[k++], depth + 1, err,
			    errlen) != 0)
				return (-1);
		}
		return (0);
	}
	snprintf(err, errlen, "unknown JSON value");
	return (-1);
}

int
json_parse(const char *text, size_t len, struct json **out, char *err,
    size_t errlen)
{
	json_error_t	 je;
	json_t		*j;
	struct json	*v;
	char		 msg[160];
	size_t		 n;

	*out = NULL;
	/*
	 * JSON_DECODE_ANY: any value at the top, not only an array or an
	 * object; \u0000 is refused (a C string cannot hold it), as jansson
	 * does without JSON_ALLOW_NUL.
	 */
	j = json_loadb(text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES,
	    &je);
	if (j == NULL) {
		/*
		 * jansson quotes the text near the problem: hostile bytes
		 * must not reach a terminal, so anything but printable
		 * ASCII in its message becomes '?'.
		 */
		for (n = 0; je.text[n] != '\0'; n++)
			if ((unsigned char)je.text[n] < 0x20 ||
			    (unsigned char)je.text[n] >= 0x7f)
				je.text[n] = '?';
		if (errlen > 0)
			snprintf(err, errlen, "%s at byte %d", je.text,
			    je.position);
		return (-1);
	}
	v = xcalloc(1, sizeof *v);
	if (jv_copy(j, v, 1, msg, sizeof msg) != 0) {
		json_decref(j);
		json_free(v);
		if (errlen > 0)
			snprintf(err, errlen, "%s", msg);
		return (-1);
	}
	json_decref(j);
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

	if (o == NULL || o->type != JV_OBJ)
		return (NULL);
	for (k = 0; k < o->n; k++)
		if (o->keys[k] != NULL && strcmp(o->keys[k], key) == 0)
			return (&o->v[k]);
	return (NULL);
}
