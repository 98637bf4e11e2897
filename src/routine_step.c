/*
 * The loader's step reader (routine_step.h): the kind key, the keys each
 * kind takes, the short forms ('- rest: 30s', '- position: Sit down').
 */
#include "routine_step.h"

#include <string.h>

#include "areas.h"
#include "compat.h"
#include "diag.h"
#include "i18n.h"
#include "routine_field.h"

static const char *const kind_keys[STEP__COUNT] = {
	"position", "press", "roll", "stretch", "contract-relax", "breathe",
	"rest", "move"
};
static const char *const press_keys[] = {
	"area", "side", "tool", "time", "until", "max", "pressure", "breathe",
	"say", "check", "reps", "switch"
};
static const char *const roll_keys[] = {
	"area", "side", "tool", "time", "pass", "pressure", "breathe", "say",
	"check", "sets", "switch"
};
static const char *const stretch_keys[] = {
	"area", "side", "time", "reps", "say", "switch"
};
static const char *const cr_keys[] = {
	"area", "side", "contract", "relax", "stretch", "cycles", "say",
	"switch"
};
static const char *const move_keys[] = {
	"area", "side", "time", "reps", "tempo", "say", "switch"
};
static const char *const breathe_keys[] = {
	"time", "rate", "inhale", "exhale", "say"
};
static const char *const rest_keys[] = { "time", "say" };

struct keyset {
	const char *const *keys;
	size_t		 n;
};

static const struct keyset kind_keysets[STEP__COUNT] = {
	{ rest_keys, nitems(rest_keys) },	/* position mapping form */
	{ press_keys, nitems(press_keys) },
	{ roll_keys, nitems(roll_keys) },
	{ stretch_keys, nitems(stretch_keys) },
	{ cr_keys, nitems(cr_keys) },
	{ breathe_keys, nitems(breathe_keys) },
	{ rest_keys, nitems(rest_keys) },
	{ move_keys, nitems(move_keys) },
};


/* Read the fields of one kind mapping into st. */
static void
read_kind_map(struct yaml_tree *ld, const struct ynode *m, struct rstep *st)
{
	static const char *const sides[] = { "", "left", "right", "both" };
	static const char *const untils[] = { "release" };
	static const char *const checks[] = { "pain" };
	const struct keyset *ks = &kind_keysets[st->kind];
	const struct ynode *v;
	struct fnum	 w;

	field_check_map(ld, m, kind_keys[st->kind], ks->keys, ks->n);
	if ((v = ynode_get(m, "area")) != NULL) {
		field_str(ld, v, "area", &st->area_id);
		if (st->area_id.s != NULL)
			st->area = area_find(st->area_id.s);
	}
	if ((v = ynode_get(m, "side")) != NULL) {
		field_word(ld, v, "side", sides + 1, 3, &st->side);
		if (st->side.set && st->side.v >= 0)
			st->side.v += 1;
		else if (st->side.set)
			st->side.set = 0;
	}
	if ((v = ynode_get(m, "tool")) != NULL)
		field_tool(ld, v, &st->tool);
	field_dur(ld, ynode_get(m, "time"), "time", &st->time_s);
	if ((v = ynode_get(m, "until")) != NULL) {
		memset(&w, 0, sizeof w);
		field_word(ld, v, "until", untils, 1, &w);
		/* Keep the position even when the word was wrong. */
		st->until_release.pos = w.pos;
		if (w.set && w.v == 0) {
			st->until_release.v = 1;
			st->until_release.set = 1;
		}
	}
	field_dur(ld, ynode_get(m, "max"), "max", &st->max_s);
	field_int(ld, ynode_get(m, "pressure"), "pressure", &st->pressure);
	field_int(ld, ynode_get(m, "breathe"), "breathe", &st->breathe_bpm);
	field_dur(ld, ynode_get(m, "pass"), "pass", &st->pass_s);
	field_int(ld, ynode_get(m, "reps"), "reps", &st->reps);
	field_int(ld, ynode_get(m, "sets"), "sets", &st->sets);
	field_dur(ld, ynode_get(m, "contract"), "contract", &st->contract_s);
	field_dur(ld, ynode_get(m, "relax"), "relax", &st->relax_s);
	field_dur(ld, ynode_get(m, "stretch"), "stretch", &st->stretch_s);
	field_int(ld, ynode_get(m, "cycles"), "cycles", &st->cycles);
	field_int(ld, ynode_get(m, "rate"), "rate", &st->rate_bpm);
	field_dur(ld, ynode_get(m, "inhale"), "inhale", &st->inhale_s);
	field_dur(ld, ynode_get(m, "exhale"), "exhale", &st->exhale_s);
	field_dur(ld, ynode_get(m, "tempo"), "tempo", &st->tempo_s);
	field_dur(ld, ynode_get(m, "switch"), "switch", &st->switch_s);
	field_str(ld, ynode_get(m, "say"), "say", &st->say);
	if ((v = ynode_get(m, "check")) != NULL) {
		memset(&w, 0, sizeof w);
		field_word(ld, v, "check", checks, 1, &w);
		st->check_pain.pos = w.pos;
		if (w.set && w.v == 0) {
			st->check_pain.v = 1;
			st->check_pain.set = 1;
		}
	}
}

static const char *const extra_ok[] = { "time", "say" };

/* The index of a kind key, or STEP__COUNT when key names no kind. */
static size_t
kind_of(const struct ynode *key)
{
	size_t	k;

	for (k = 0; k < STEP__COUNT; k++) {
		if (strcmp(key->val, kind_keys[k]) == 0)
			break;
	}
	return k;
}

/* Report a step with no kind key: its first key, or that it is empty. */
static void
no_kind(struct yaml_tree *ld, const struct ynode *sn)
{
	const struct ynode *key;
	const char	*sug;
	size_t		 i;
	int		 bad = 0;

	for (i = 0; i + 1 < sn->nkids; i += 2) {
		key = sn->kids[i];
		/* A key that cannot be read has its own error: not empty. */
		bad |= key->type == YN_SCALAR && key->bad;
		if (key->type != YN_SCALAR || key->bad)
			continue;
		sug = diag_suggest(key->val, kind_keys, STEP__COUNT);
		if (sug != NULL)
			ynode_err(ld, key, _("unknown step kind '%.60s' (did "
			    "you mean '%s'?)"), key->val, sug);
		else
			ynode_err(ld, key, _("unknown step kind '%.60s' (one "
			    "of: position, press, roll, stretch, "
			    "contract-relax, breathe, rest, move)"), key->val);
		return;
	}
	if (!bad)
		ynode_err(ld, sn, _("empty step: start it with one of "
		    "position, press, roll, stretch, contract-relax, breathe, "
		    "rest, move"));
}

/*
 * The index in sn->kids of the step's kind key; a second kind key is an
 * error. -1 when there is none (reported).
 */
static int
find_kind(struct yaml_tree *ld, const struct ynode *sn)
{
	const struct ynode *key;
	size_t		 i, k;
	int		 at = -1;

	for (i = 0; i + 1 < sn->nkids; i += 2) {
		key = sn->kids[i];
		if (key->type != YN_SCALAR || key->bad ||
		    (k = kind_of(key)) == STEP__COUNT)
			continue;
		if (at != -1) {
			ynode_err(ld, key, _("a step has exactly one kind; "
			    "this one has '%s' and '%s' (start a new step "
			    "with '- %s:')"), sn->kids[at]->val, key->val,
			    key->val);
			continue;
		}
		at = (int)i;
	}
	if (at == -1)
		no_kind(ld, sn);
	return at;
}

/*
 * Keys beside the kind key: only time and say, for the short forms of
 * position and rest; a key of the kind's mapping is told to move inside.
 */
static void
read_beside(struct yaml_tree *ld, const struct ynode *sn,
    const struct ynode *kind_key, const struct ynode *kind_val,
    struct rstep *st)
{
	const struct keyset *ks = &kind_keysets[st->kind];
	const struct ynode *key, *val;
	int		 short_form;
	size_t		 i, k;

	short_form = st->kind == STEP_POSITION || st->kind == STEP_REST;
	for (i = 0; i + 1 < sn->nkids; i += 2) {
		key = sn->kids[i];
		val = sn->kids[i + 1];
		if (key == kind_key || key->type != YN_SCALAR || key->bad)
			continue;
		if (kind_of(key) < STEP__COUNT)
			continue;	/* reported by find_kind */
		if (kind_val->type == YN_SCALAR && short_form &&
		    strcmp(key->val, "time") == 0) {
			field_dur(ld, val, "time", &st->time_s);
			continue;
		}
		if (kind_val->type == YN_SCALAR && short_form &&
		    strcmp(key->val, "say") == 0) {
			field_str(ld, val, "say", &st->say);
			continue;
		}
		for (k = 0; kind_val->type == YN_MAP && k < ks->n; k++) {
			if (strcmp(ks->keys[k], key->val) == 0)
				break;
		}
		if (kind_val->type == YN_MAP && k < ks->n)
			ynode_err(ld, key, _("'%s' belongs inside the %s "
			    "mapping: indent it under '%s:'"), key->val,
			    kind_keys[st->kind], kind_keys[st->kind]);
		else if (short_form)
			field_unknown_key(ld, key, kind_keys[st->kind],
			    extra_ok, nitems(extra_ok));
		else
			field_unknown_key(ld, key, "a step", kind_keys,
			    STEP__COUNT);
	}
}

/* The kind key's value: the kind's mapping or a short form. */
static void
read_kind_value(struct yaml_tree *ld, const struct ynode *kind_key,
    const struct ynode *kind_val, struct rstep *st)
{
	const char	*kind = kind_keys[st->kind];

	switch (kind_val->type) {
	case YN_MAP:
		if (st->kind == STEP_POSITION)
			field_check_map(ld, kind_val, "position", extra_ok,
			    nitems(extra_ok));
		read_kind_map(ld, kind_val, st);
		break;
	case YN_SCALAR:
		if (st->kind == STEP_POSITION) {
			field_str(ld, kind_val, "position", &st->say);
			if (st->say.s == NULL && !kind_val->bad &&
			    kind_val->len == 0)
				st->say.pos = ynode_pos(kind_val);
		} else if (st->kind == STEP_REST)
			field_dur(ld, kind_val, "rest", &st->time_s);
		else if (st->kind == STEP_BREATHE && kind_val->len > 0)
			field_dur(ld, kind_val, "breathe", &st->time_s);
		else if (kind_val->len == 0 && kind_val->plain)
			ynode_err(ld, kind_key, _("%s needs its fields, e.g. "
			    "'%s: {area: ..., time: 30s}'"), kind, kind);
		else
			ynode_err(ld, kind_val, _("%s must be a mapping of its "
			    "fields, not a single value"), kind);
		break;
	case YN_SEQ:
		ynode_err(ld, kind_val, _("%s must be a mapping of its fields, "
		    "not a list"), kind);
		break;
	}
}

int
routine_read_step(struct yaml_tree *ld, const struct ynode *sn,
    struct rstep *st)
{
	const struct ynode *kind_key, *kind_val;
	int		 at;

	if (sn->type != YN_MAP) {
		ynode_err(ld, sn, _("a step must be a mapping like "
		    "'- press: {...}', not %s"), ynode_what(sn));
		return -1;
	}
	if ((at = find_kind(ld, sn)) == -1)
		return -1;
	kind_key = sn->kids[at];
	kind_val = sn->kids[at + 1];
	st->kind = (enum step_kind)kind_of(kind_key);
	st->pos = ynode_pos(kind_key);
	st->tool.v = -1;
	read_beside(ld, sn, kind_key, kind_val, st);
	read_kind_value(ld, kind_key, kind_val, st);
	return 0;
}
