/*
 * The loader's field readers: one value of the routine format read from a
 * node of the tree (yaml_tree.h) into a struct fnum or fstr of the routine,
 * the problem reported with its position when the value has the wrong type
 * or form. Ranges and cross-field rules are validate.c's.
 */
#ifndef KNEAD_ROUTINE_FIELD_H
#define KNEAD_ROUTINE_FIELD_H

#include <stddef.h>

#include "routine.h"
#include "yaml_tree.h"

/*
 * Check a mapping's keys: every key a scalar, no duplicates, every key in
 * keys (any key when keys is NULL); where names the mapping in messages.
 */
void	 field_check_map(struct yaml_tree *, const struct ynode *m,
	    const char *where, const char *const *keys, size_t n);
/* Report an unknown key, with a suggestion from the keys that fit there. */
void	 field_unknown_key(struct yaml_tree *, const struct ynode *k,
	    const char *where, const char *const *keys, size_t n);

/*
 * Each reader does nothing when v is NULL (the key is absent); otherwise it
 * records v's position in out, and the value when it is well formed.
 */
/* Text: any non-empty scalar. */
void	 field_str(struct yaml_tree *, const struct ynode *v,
	    const char *key, struct fstr *out);
/* A whole number that fits an int. */
void	 field_int(struct yaml_tree *, const struct ynode *v,
	    const char *key, struct fnum *out);
/* true or false. */
void	 field_bool(struct yaml_tree *, const struct ynode *v,
	    const char *key, struct fnum *out);
/* A duration in seconds (routine_parse_duration). */
void	 field_dur(struct yaml_tree *, const struct ynode *v,
	    const char *key, struct fnum *out);
/* One word of a closed list: out->v is its index, or -1 when unknown. */
void	 field_word(struct yaml_tree *, const struct ynode *v,
	    const char *key, const char *const *words, size_t n,
	    struct fnum *out);
/* A tool id (areas.h). */
void	 field_tool(struct yaml_tree *, const struct ynode *v,
	    struct fnum *out);
/* A list of text items, as a new NULL-terminated array of *nout items. */
char	**field_strlist(struct yaml_tree *, const struct ynode *v,
	    const char *key, size_t *nout);
/* An ISO 8601 date YYYY-MM-DD: the text in out, the day number in day. */
void	 field_date(struct yaml_tree *, const struct ynode *v,
	    const char *key, struct fstr *out, struct fnum *day);

#endif
