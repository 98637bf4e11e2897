/*
 * The loader's field readers (routine_field.h): text, numbers, true/false,
 * durations, dates and words of closed lists, read from tree nodes.
 */
#include "routine_field.h"
#include "routine_yaml.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "compat.h"
#include "dates.h"
#include "diag.h"
#include "i18n.h"
#include "xmalloc.h"

#define MAX_DURATION_S			(365LL * 86400)

/* Report an unknown key, with a suggestion from the keys that fit there. */
void
field_unknown_key(struct yaml_tree *ld, const struct ynode *k,
    const char *where, const char *const *keys, size_t n)
{
	const char	*s;

	/* YAML 1.1's merge key: anchors and aliases are read, it is not. */
	if (k->plain && strcmp(k->val, "<<") == 0) {
		ynode_err(ld, k, _("merge keys ('<<: *name') are not read: "
		    "write the keys out (an alias of a whole value, '*name', "
		    "works)"));
		return;
	}
	s = diag_suggest(k->val, keys, n);
	if (s != NULL && where[0] != '\0')
		ynode_err(ld, k, _("unknown key '%.60s' in %s (did you "
		    "mean '%s'?)"), k->val, where, s);
	else if (s != NULL)
		ynode_err(ld, k, _("unknown key '%.60s' (did you mean "
		    "'%s'?)"), k->val, s);
	else if (where[0] != '\0')
		ynode_err(ld, k, _("unknown key '%.60s' in %s"), k->val,
		    where);
	else
		ynode_err(ld, k, _("unknown key '%.60s'"), k->val);
}

/*
 * Check a mapping's keys: every key a scalar, no duplicates, every key in
 * keys. Returns 0 when the mapping can be read.
 */
void
field_check_map(struct yaml_tree *ld, const struct ynode *m,
    const char *where, const char *const *keys, size_t n)
{
	size_t		 i, j, k;
	const struct ynode *key;

	for (i = 0; i + 1 < m->nkids + 1 && i < m->nkids; i += 2) {
		key = m->kids[i];
		if (key->type != YN_SCALAR) {
			ynode_err(ld, key, _("keys must be plain "
			    "words, not %s"), ynode_what(key));
			continue;
		}
		if (key->bad)
			continue;
		for (j = 0; j < i; j += 2) {
			if (m->kids[j]->type == YN_SCALAR &&
			    strcmp(m->kids[j]->val, key->val) == 0) {
				ynode_err(ld, key, _("duplicate key "
				    "'%.60s' (first at line %u)"), key->val,
				    m->kids[j]->line);
				break;
			}
		}
		if (keys == NULL)
			continue;
		for (k = 0; k < n; k++) {
			if (strcmp(keys[k], key->val) == 0)
				break;
		}
		if (k == n)
			field_unknown_key(ld, key, where, keys, n);
	}
}

/* Read text: any non-empty scalar. */
void
field_str(struct yaml_tree *ld, const struct ynode *v, const char *key,
    struct fstr *out)
{
	if (v == NULL)
		return;
	out->pos = ynode_pos(v);
	if (v->type != YN_SCALAR) {
		ynode_err(ld, v, _("'%s' must be text, not %s"), key,
		    ynode_what(v));
		return;
	}
	if (v->bad)
		return;
	if (v->len == 0 || strlen(v->val) != v->len) {
		ynode_err(ld, v, _("'%s' is empty"), key);
		return;
	}
	free(out->s);
	out->s = xstrdup(v->val);
	out->block = v->block;
}

/* Read a whole number. */
void
field_int(struct yaml_tree *ld, const struct ynode *v, const char *key,
    struct fnum *out)
{
	char		*end;
	long long	 x;

	if (v == NULL)
		return;
	out->pos = ynode_pos(v);
	if (v->type != YN_SCALAR || v->bad) {
		if (!v->bad)
			ynode_err(ld, v, _("'%s' must be a whole number, "
			    "not %s"), key, ynode_what(v));
		return;
	}
	errno = 0;
	x = strtoll(v->val, &end, 10);
	if (v->len == 0 || *end != '\0' || end == v->val ||
	    strlen(v->val) != v->len || !v->plain) {
		ynode_err(ld, v, _("'%s' must be a whole number "
		    "(got '%.40s')"), key, v->val);
		return;
	}
	if (errno == ERANGE || x > INT_MAX || x < INT_MIN) {
		ynode_err(ld, v, _("'%s' is out of range (got '%.40s')"),
		    key, v->val);
		return;
	}
	out->v = x;
	out->set = 1;
}

/* Read true or false. */
void
field_bool(struct yaml_tree *ld, const struct ynode *v, const char *key,
    struct fnum *out)
{
	if (v == NULL)
		return;
	out->pos = ynode_pos(v);
	if (v->type == YN_SCALAR && !v->bad && v->plain) {
		if (strcmp(v->val, "true") == 0) {
			out->v = 1;
			out->set = 1;
			return;
		}
		if (strcmp(v->val, "false") == 0) {
			out->v = 0;
			out->set = 1;
			return;
		}
	}
	if (v->type == YN_SCALAR && !v->bad)
		ynode_err(ld, v, _("'%s' must be true or false (got "
		    "'%.40s')"), key, v->val);
	else if (v->type != YN_SCALAR)
		ynode_err(ld, v, _("'%s' must be true or false"), key);
}

int
routine_parse_duration(const char *s, int64_t *out_s, const char **why)
{
	static const struct {
		char	unit;
		int64_t	secs;
	} units[] = { { 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 } };
	const char	*p = s;
	int64_t		 total = 0, x;
	size_t		 u = 0, k;
	int		 any = 0;

	if (*p == '-') {
		*why = N_("a duration cannot be negative");
		return -1;
	}
	if (*p == '\0') {
		*why = N_("empty duration");
		return -1;
	}
	while (*p != '\0') {
		if (*p < '0' || *p > '9') {
			*why = N_("expected a duration like 45s, 1m30s, 2h or "
			    "2d");
			return -1;
		}
		x = 0;
		while (*p >= '0' && *p <= '9') {
			x = x * 10 + (*p - '0');
			if (x > MAX_DURATION_S) {
				*why = N_("duration too long (the most is "
				    "365d)");
				return -1;
			}
			p++;
		}
		if (*p == '.' || *p == ',') {
			*why = N_("durations are whole numbers: write 1m30s, "
			    "not 1.5m");
			return -1;
		}
		if (*p == '\0') {
			if (any) {
				*why = N_("a number after a unit needs its "
				    "own unit "
				    "(1m30s)");
				return -1;
			}
			total = x;
			break;
		}
		for (k = u; k < nitems(units); k++) {
			if (*p == units[k].unit)
				break;
		}
		if (k == nitems(units)) {
			*why = N_("expected a duration like 45s, 1m30s, 2h or "
			    "2d "
			    "(units d, h, m, s, largest first)");
			return -1;
		}
		total += x * units[k].secs;
		if (total > MAX_DURATION_S) {
			*why = N_("duration too long (the most is 365d)");
			return -1;
		}
		u = k + 1;
		any = 1;
		p++;
	}
	if (total == 0) {
		*why = N_("a duration must be more than zero");
		return -1;
	}
	*out_s = total;
	return 0;
}

/* Read a duration in seconds. */
void
field_dur(struct yaml_tree *ld, const struct ynode *v, const char *key,
    struct fnum *out)
{
	const char	*why;
	int64_t		 s;

	if (v == NULL)
		return;
	out->pos = ynode_pos(v);
	if (v->type != YN_SCALAR) {
		ynode_err(ld, v, _("'%s' must be a duration like 45s "
		    "or 1m30s, not %s"), key, ynode_what(v));
		return;
	}
	if (v->bad)
		return;
	if (strlen(v->val) != v->len ||
	    routine_parse_duration(v->val, &s, &why) != 0) {
		if (strlen(v->val) != v->len)
			why = N_("expected a duration like 45s, 1m30s, 2h "
			    "or 2d");
		ynode_err(ld, v, _("bad duration '%.40s' for '%s': %s"),
		    v->val, key, _(why));
		return;
	}
	out->v = s;
	out->set = 1;
}

/* Read one word of a closed list; sets out->v to its index or -1. */
void
field_word(struct yaml_tree *ld, const struct ynode *v, const char *key,
    const char *const *words, size_t n, struct fnum *out)
{
	const char	*s;
	size_t		 i;

	if (v == NULL)
		return;
	out->pos = ynode_pos(v);
	if (v->type != YN_SCALAR) {
		ynode_err(ld, v, _("'%s' must be one word, not %s"),
		    key, ynode_what(v));
		return;
	}
	if (v->bad)
		return;
	out->set = 1;
	out->v = -1;
	for (i = 0; i < n; i++) {
		if (strcmp(words[i], v->val) == 0) {
			out->v = (int64_t)i;
			return;
		}
	}
	s = diag_suggest(v->val, words, n);
	if (s != NULL)
		ynode_err(ld, v, _("unknown %s '%.60s' (did you mean "
		    "'%s'?)"), key, v->val, s);
	else {
		char	 list[256] = "";

		for (i = 0; i < n; i++) {
			if (strlen(list) + strlen(words[i]) + 3 >= sizeof list)
				break;
			if (i > 0)
				strcat(list, ", ");
			strcat(list, words[i]);
		}
		ynode_err(ld, v, _("unknown %s '%.60s' (one of: %s)"),
		    key, v->val, list);
	}
}

/* Read a tool id. */
void
field_tool(struct yaml_tree *ld, const struct ynode *v, struct fnum *out)
{
	const char *const *ids = tool_ids();
	size_t		 n = 0;

	while (ids[n] != NULL)
		n++;
	field_word(ld, v, "tool", ids, n, out);
}

/* Read a list of text items into a new array. */
char **
field_strlist(struct yaml_tree *ld, const struct ynode *v, const char *key,
    size_t *nout)
{
	char		**out;
	size_t		  i, n = 0;
	struct fstr	  s;

	*nout = 0;
	if (v == NULL)
		return NULL;
	if (v->type != YN_SEQ) {
		ynode_err(ld, v, _("'%s' must be a list like [a, b], not "
		    "%s"), key, ynode_what(v));
		return NULL;
	}
	out = xcalloc(v->nkids + 1, sizeof *out);
	for (i = 0; i < v->nkids; i++) {
		memset(&s, 0, sizeof s);
		field_str(ld, v->kids[i], key, &s);
		if (s.s != NULL)
			out[n++] = s.s;
	}
	*nout = n;
	return out;
}

/* Read an ISO 8601 date YYYY-MM-DD. */
void
field_date(struct yaml_tree *ld, const struct ynode *v, const char *key,
    struct fstr *out, struct fnum *day)
{
	static const unsigned mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	unsigned	 y, m, d, leap;
	char		 tail;

	field_str(ld, v, key, out);
	if (out->s == NULL)
		return;
	if (strlen(out->s) != 10 || sscanf(out->s, "%4u-%2u-%2u%c", &y, &m,
	    &d, &tail) != 3 || out->s[4] != '-' || out->s[7] != '-') {
		ynode_err(ld, v, _("'%s' must be a date like 2026-11-20 "
		    "(got '%.40s')"), key, out->s);
		return;
	}
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap) || y < 1970) {
		ynode_err(ld, v, _("'%s' is not a real date (got "
		    "'%.40s')"), key, out->s);
		return;
	}
	day->v = dates_from_civil(y, m, d);
	day->set = 1;
	day->pos = out->pos;
}

