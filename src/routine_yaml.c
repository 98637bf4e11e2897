#include "routine_yaml.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "areas.h"
#include "compat.h"
#include "dates.h"
#include "diag.h"
#include "routine.h"
#include "xmalloc.h"

/*
 * The loader works in two passes. The first turns libyaml events into a small
 * node tree, applying every guard while the events arrive (depth, alias
 * budget, text hazards), so a hostile file is stopped before it costs
 * anything. The second walks the tree against the schema of the format and
 * fills struct routine, reporting unknown keys and wrong types.
 *
 * Aliased nodes are shared, not copied: the tree is a DAG whose expanded size
 * is counted as it grows, and the schema walk never visits more than that
 * budget.
 */

#define ROUTINE_MAX_EXPANDED_BYTES	(4 * 1024 * 1024)
#define MAX_DURATION_S			(365LL * 86400)

enum ynode_type {
	YN_SCALAR,
	YN_SEQ,
	YN_MAP
};

struct ynode {
	enum ynode_type	 type;
	unsigned	 line;		/* 1-based */
	unsigned	 col;
	char		*val;		/* scalar value, NUL-terminated */
	size_t		 len;
	int		 plain;		/* plain (unquoted) scalar */
	int		 block;		/* literal or folded block scalar */
	int		 bad;		/* scalar text failed a guard */
	struct ynode	**kids;		/* seq: items; map: key, value pairs */
	size_t		 nkids;
	size_t		 capkids;
	char		*anchor;
	int		 open;		/* container still being parsed */
	size_t		 size;		/* nodes, aliases expanded */
	size_t		 bytes;		/* scalar bytes, aliases expanded */
	struct ynode	*next;		/* arena list */
};

struct loader {
	const char	*path;
	struct diag_list *dl;
	struct ynode	*arena;
	struct ynode	*root;
	struct ynode	*stack[ROUTINE_MAX_DEPTH + 1];
	int		 depth;
	size_t		 expanded;
	size_t		 expanded_bytes;
	int		 fatal;		/* stop: the tree is not usable */
	size_t		 aliases;	/* alias events seen */
};

struct keydef {
	const char	*key;
};

static void	 lerr(struct loader *, unsigned, unsigned, const char *, ...)
		    printflike(4, 5);

/* Report an error at a 1-based position. */
static void
lerr(struct loader *ld, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vadd(ld->dl, DIAG_ERROR, ld->path, line, col, fmt, ap);
	va_end(ap);
}

/* Allocate a node in the loader's arena. */
static struct ynode *
node_new(struct loader *ld, enum ynode_type type, const yaml_mark_t *m)
{
	struct ynode	*n;

	n = xcalloc(1, sizeof *n);
	n->type = type;
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
	n->size = 1;
	n->next = ld->arena;
	ld->arena = n;
	return n;
}

/* Free every node of the arena. */
static void
arena_free(struct loader *ld)
{
	struct ynode	*n, *next;

	for (n = ld->arena; n != NULL; n = next) {
		next = n->next;
		free(n->val);
		free(n->kids);
		free(n->anchor);
		free(n);
	}
	ld->arena = NULL;
}

/* Append a child to a container node. */
static void
node_push(struct ynode *parent, struct ynode *kid)
{
	if (parent->nkids == parent->capkids) {
		parent->capkids = parent->capkids == 0 ? 8 :
		    parent->capkids * 2;
		parent->kids = xreallocarray(parent->kids, parent->capkids,
		    sizeof *parent->kids);
	}
	parent->kids[parent->nkids++] = kid;
}

/*
 * Check text for hazards: invalid UTF-8, C0 controls other than newline, DEL,
 * C1 controls (U+0080..U+009F, CSI among them) and bidirectional overrides.
 * Returns 0 when clean, or -1 with a description of the first problem.
 */
static int
text_check(const unsigned char *s, size_t len, char *why, size_t whylen)
{
	size_t		i = 0, need, k;
	unsigned	cp, min;

	while (i < len) {
		unsigned char c = s[i];

		if (c < 0x80) {
			if ((c < 0x20 && c != '\n') || c == 0x7f) {
				if (c == 0x1b)
					snprintf(why, whylen, "escape character "
					    "(U+001B) in text: terminal escape "
					    "sequences are not allowed");
				else if (c == '\t')
					snprintf(why, whylen, "tab character in "
					    "text: use spaces");
				else
					snprintf(why, whylen, "control character "
					    "U+%04X in text", c);
				return -1;
			}
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1; cp = c & 0x1f; min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2; cp = c & 0x0f; min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3; cp = c & 0x07; min = 0x10000;
		} else
			goto bad;
		for (k = 1; k <= need; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		if (cp >= 0x80 && cp <= 0x9f) {
			snprintf(why, whylen, "control character U+%04X in text",
			    cp);
			return -1;
		}
		if ((cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069)) {
			snprintf(why, whylen, "bidirectional control character "
			    "U+%04X in text", cp);
			return -1;
		}
		i += need + 1;
	}
	return 0;
bad:
	snprintf(why, whylen, "invalid UTF-8 in text (byte 0x%02x)", s[i]);
	return -1;
}

/* Add a finished node to the open container (or make it the root). */
static void
attach(struct loader *ld, struct ynode *n, size_t size, size_t bytes)
{
	int	 i;

	ld->expanded += size;
	ld->expanded_bytes += bytes;
	for (i = 0; i < ld->depth; i++) {
		ld->stack[i]->size += size;
		ld->stack[i]->bytes += bytes;
	}
	if (ld->depth == 0)
		ld->root = n;
	else
		node_push(ld->stack[ld->depth - 1], n);
}

/* Remember an anchor on a node, refusing a second one of the same name. */
static void
set_anchor(struct ynode *n, const yaml_char_t *anchor)
{
	if (anchor != NULL)
		n->anchor = xstrdup((const char *)anchor);
}

/* Find the node an alias names: the most recent anchor of that name. */
static struct ynode *
find_anchor(struct loader *ld, const char *name)
{
	struct ynode	*n;

	for (n = ld->arena; n != NULL; n = n->next) {
		if (n->anchor != NULL && strcmp(n->anchor, name) == 0)
			return n;
	}
	return NULL;
}

/* Refuse explicit tags: routines have no use for them. */
static int
check_tag(struct loader *ld, const yaml_char_t *tag, const yaml_mark_t *m)
{
	if (tag == NULL)
		return 0;
	lerr(ld, (unsigned)m->line + 1, (unsigned)m->column + 1,
	    "YAML tags are not used in routines (found '%.40s')",
	    (const char *)tag);
	return -1;
}

/* Handle one event; returns -1 to stop parsing. */
static int
on_event(struct loader *ld, yaml_event_t *ev)
{
	struct ynode	*n, *target;
	const yaml_mark_t *m = &ev->start_mark;
	char		 why[128];

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (ld->root != NULL) {
			lerr(ld, (unsigned)m->line + 1, (unsigned)m->column + 1,
			    "a routine file holds one YAML document; found a "
			    "second one");
			return -1;
		}
		break;
	case YAML_SCALAR_EVENT:
		check_tag(ld, ev->data.scalar.tag, m);
		n = node_new(ld, YN_SCALAR, m);
		n->len = ev->data.scalar.length;
		n->val = xmalloc(n->len + 1);
		memcpy(n->val, ev->data.scalar.value, n->len);
		n->val[n->len] = '\0';
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->block = ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
		    ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
		if (text_check((unsigned char *)n->val, n->len, why,
		    sizeof why) != 0) {
			lerr(ld, n->line, n->col, "%s", why);
			n->bad = 1;
		}
		set_anchor(n, ev->data.scalar.anchor);
		n->bytes = n->len;
		attach(ld, n, 1, n->len);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (ld->depth >= ROUTINE_MAX_DEPTH) {
			lerr(ld, (unsigned)m->line + 1, (unsigned)m->column + 1,
			    "nesting deeper than %d levels", ROUTINE_MAX_DEPTH);
			ld->fatal = 1;
			return -1;
		}
		n = node_new(ld, ev->type == YAML_SEQUENCE_START_EVENT ?
		    YN_SEQ : YN_MAP, m);
		if (ev->type == YAML_SEQUENCE_START_EVENT) {
			check_tag(ld, ev->data.sequence_start.tag, m);
			set_anchor(n, ev->data.sequence_start.anchor);
		} else {
			check_tag(ld, ev->data.mapping_start.tag, m);
			set_anchor(n, ev->data.mapping_start.anchor);
		}
		n->open = 1;
		attach(ld, n, 1, 0);
		ld->stack[ld->depth++] = n;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (ld->depth > 0)
			ld->stack[--ld->depth]->open = 0;
		break;
	case YAML_ALIAS_EVENT:
		target = find_anchor(ld, (const char *)ev->data.alias.anchor);
		if (target == NULL) {
			lerr(ld, (unsigned)m->line + 1, (unsigned)m->column + 1,
			    "alias '*%.40s' names no anchor defined before it",
			    (const char *)ev->data.alias.anchor);
			ld->fatal = 1;
			return -1;
		}
		if (target->open) {
			lerr(ld, (unsigned)m->line + 1, (unsigned)m->column + 1,
			    "alias '*%.40s' refers to a node that contains it",
			    (const char *)ev->data.alias.anchor);
			ld->fatal = 1;
			return -1;
		}
		ld->aliases++;
		attach(ld, target, target->size, target->bytes);
		break;
	default:
		break;
	}
	if ((ld->expanded > ROUTINE_MAX_NODES ||
	    ld->expanded_bytes > ROUTINE_MAX_EXPANDED_BYTES) && !ld->aliases) {
		lerr(ld, (unsigned)m->line + 1, (unsigned)m->column + 1,
		    "more than %d nodes: far more than any routine needs",
		    ROUTINE_MAX_NODES);
		ld->fatal = 1;
		return -1;
	}
	if (ld->expanded > ROUTINE_MAX_NODES ||
	    ld->expanded_bytes > ROUTINE_MAX_EXPANDED_BYTES) {
		lerr(ld, (unsigned)m->line + 1, (unsigned)m->column + 1,
		    "aliases expand to more than %d nodes or %d bytes: the "
		    "document is too large once expanded", ROUTINE_MAX_NODES,
		    ROUTINE_MAX_EXPANDED_BYTES);
		ld->fatal = 1;
		return -1;
	}
	return 0;
}

/*
 * Offset of the first byte that does not start a well-formed UTF-8 sequence,
 * or len when the whole buffer is well formed.
 */
static size_t
utf8_first_bad(const unsigned char *s, size_t len)
{
	size_t		i = 0, need, k;
	unsigned	cp, min;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			need = 1; cp = s[i] & 0x1f; min = 0x80;
		} else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			need = 2; cp = s[i] & 0x0f; min = 0x800;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			need = 3; cp = s[i] & 0x07; min = 0x10000;
		} else
			return i;
		for (k = 1; k <= need; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += need + 1;
	}
	return len;
}

/* Report a libyaml error with its position, problem and context. */
static void
parse_error(struct loader *ld, const yaml_parser_t *p, const char *buf,
    size_t len)
{
	const char	*what = p->problem != NULL ? p->problem : "syntax error";
	unsigned	 line = (unsigned)p->problem_mark.line + 1;
	unsigned	 col = (unsigned)p->problem_mark.column + 1;

	size_t		 i, bad;
	int		 value;

	if (p->error == YAML_READER_ERROR) {
		/*
		 * The reader gives a byte offset, sometimes of the byte after
		 * the culprit: point at the first malformed sequence instead.
		 */
		bad = utf8_first_bad((const unsigned char *)buf, len);
		if (bad < len && bad <= p->problem_offset) {
			what = "invalid UTF-8";
			value = (unsigned char)buf[bad];
		} else {
			bad = p->problem_offset;
			value = p->problem_value;
		}
		line = 1;
		col = 1;
		for (i = 0; i < bad && i < len; i++) {
			if (buf[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)buf[i] & 0xc0) != 0x80)
				col++;
		}
		if (value != -1 && strstr(what, "UTF-8") == NULL)
			lerr(ld, line, col, "%s (byte 0x%02x)", what,
			    value & 0xff);
		else if (value != -1)
			lerr(ld, line, col, "%s (byte 0x%02x): the file must "
			    "be UTF-8 text", what, value & 0xff);
		else
			lerr(ld, line, col, "%s: the file must be UTF-8 text",
			    what);
	} else if (p->context != NULL) {
		lerr(ld, line, col, "%s %s (started at line %u, column %u)",
		    what, p->context, (unsigned)p->context_mark.line + 1,
		    (unsigned)p->context_mark.column + 1);
	} else
		lerr(ld, line, col, "%s", what);
}

/* Run libyaml over buf, building the node tree. Returns 0 when usable. */
static int
build_tree(struct loader *ld, const char *buf, size_t len)
{
	yaml_parser_t	p;
	yaml_event_t	ev;
	int		done = 0, rc = 0;

	if (!yaml_parser_initialize(&p)) {
		lerr(ld, 0, 0, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			parse_error(ld, &p, buf, len);
			rc = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (on_event(ld, &ev) != 0) {
			yaml_event_delete(&ev);
			rc = -1;
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* The schema walk. */

static const char *const top_keys[] = {
	"knead", "id", "title", "summary", "tools", "tags", "intensity",
	"limits", "homework", "screen", "cues", "steps", "switch"
};
static const char *const limits_keys[] = {
	"rest", "per-week", "strict", "per-month"
};
static const char *const screen_keys[] = { "ask", "if-yes" };
static const char *const urgencies[] = { "clinician", "urgent", "emergency" };
static const char *const homework_keys[] = {
	"by", "for", "from", "until", "per-week", "note"
};
static const char *const cues_keys[] = {
	"voice", "lang", "countdown", "halfway"
};
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

/* Position of a node as a src_pos. */
static struct src_pos
npos(const struct ynode *n)
{
	struct src_pos	p = { n->line, n->col };

	return p;
}

/* "a mapping", "a list" or "text", for type errors. */
static const char *
ntype(const struct ynode *n)
{
	switch (n->type) {
	case YN_MAP:
		return "a mapping";
	case YN_SEQ:
		return "a list";
	default:
		return n->len == 0 && n->plain ? "an empty value" : "a value";
	}
}

/* Report an unknown key, with a suggestion from the keys that fit there. */
static void
unknown_key(struct loader *ld, const struct ynode *k, const char *where,
    const char *const *keys, size_t n)
{
	const char	*s;

	s = diag_suggest(k->val, keys, n);
	if (s != NULL)
		lerr(ld, k->line, k->col, "unknown key '%.60s'%s%s (did you "
		    "mean '%s'?)", k->val, where[0] ? " in " : "", where, s);
	else
		lerr(ld, k->line, k->col, "unknown key '%.60s'%s%s",
		    k->val, where[0] ? " in " : "", where);
}

/*
 * Check a mapping's keys: every key a scalar, no duplicates, every key in
 * keys. Returns 0 when the mapping can be read.
 */
static int
check_map(struct loader *ld, const struct ynode *m, const char *where,
    const char *const *keys, size_t n)
{
	size_t		 i, j, k;
	const struct ynode *key;

	for (i = 0; i + 1 < m->nkids + 1 && i < m->nkids; i += 2) {
		key = m->kids[i];
		if (key->type != YN_SCALAR) {
			lerr(ld, key->line, key->col, "keys must be plain "
			    "words, not %s", ntype(key));
			continue;
		}
		if (key->bad)
			continue;
		for (j = 0; j < i; j += 2) {
			if (m->kids[j]->type == YN_SCALAR &&
			    strcmp(m->kids[j]->val, key->val) == 0) {
				lerr(ld, key->line, key->col, "duplicate key "
				    "'%.60s' (first at line %u)", key->val,
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
			unknown_key(ld, key, where, keys, n);
	}
	return 0;
}

/* The value of key in mapping m (first occurrence), or NULL. */
static const struct ynode *
map_get(const struct ynode *m, const char *key)
{
	size_t	i;

	for (i = 0; i + 1 < m->nkids; i += 2) {
		if (m->kids[i]->type == YN_SCALAR &&
		    strcmp(m->kids[i]->val, key) == 0)
			return m->kids[i + 1];
	}
	return NULL;
}

/* Read text: any non-empty scalar. */
static void
get_str(struct loader *ld, const struct ynode *v, const char *key,
    struct fstr *out)
{
	if (v == NULL)
		return;
	out->pos = npos(v);
	if (v->type != YN_SCALAR) {
		lerr(ld, v->line, v->col, "'%s' must be text, not %s", key,
		    ntype(v));
		return;
	}
	if (v->bad)
		return;
	if (v->len == 0 || strlen(v->val) != v->len) {
		lerr(ld, v->line, v->col, "'%s' is empty", key);
		return;
	}
	free(out->s);
	out->s = xstrdup(v->val);
	out->block = v->block;
}

/* Read a whole number. */
static void
get_int(struct loader *ld, const struct ynode *v, const char *key,
    struct fnum *out)
{
	char		*end;
	long long	 x;

	if (v == NULL)
		return;
	out->pos = npos(v);
	if (v->type != YN_SCALAR || v->bad) {
		if (!v->bad)
			lerr(ld, v->line, v->col, "'%s' must be a whole number, "
			    "not %s", key, ntype(v));
		return;
	}
	errno = 0;
	x = strtoll(v->val, &end, 10);
	if (v->len == 0 || *end != '\0' || end == v->val ||
	    strlen(v->val) != v->len || !v->plain) {
		lerr(ld, v->line, v->col, "'%s' must be a whole number "
		    "(got '%.40s')", key, v->val);
		return;
	}
	if (errno == ERANGE || x > INT_MAX || x < INT_MIN) {
		lerr(ld, v->line, v->col, "'%s' is out of range (got '%.40s')",
		    key, v->val);
		return;
	}
	out->v = x;
	out->set = 1;
}

/* Read true or false. */
static void
get_bool(struct loader *ld, const struct ynode *v, const char *key,
    struct fnum *out)
{
	if (v == NULL)
		return;
	out->pos = npos(v);
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
	if (v->type != YN_SCALAR || !v->bad)
		lerr(ld, v->line, v->col, "'%s' must be true or false%s%.40s%s",
		    key, v->type == YN_SCALAR ? " (got '" : "",
		    v->type == YN_SCALAR ? v->val : "",
		    v->type == YN_SCALAR ? "')" : "");
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
		*why = "a duration cannot be negative";
		return -1;
	}
	if (*p == '\0') {
		*why = "empty duration";
		return -1;
	}
	while (*p != '\0') {
		if (*p < '0' || *p > '9') {
			*why = "expected a duration like 45s, 1m30s, 2h or 2d";
			return -1;
		}
		x = 0;
		while (*p >= '0' && *p <= '9') {
			x = x * 10 + (*p - '0');
			if (x > MAX_DURATION_S) {
				*why = "duration too long (the most is 365d)";
				return -1;
			}
			p++;
		}
		if (*p == '.' || *p == ',') {
			*why = "durations are whole numbers: write 1m30s, "
			    "not 1.5m";
			return -1;
		}
		if (*p == '\0') {
			if (any) {
				*why = "a number after a unit needs its own unit "
				    "(1m30s)";
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
			*why = "expected a duration like 45s, 1m30s, 2h or 2d "
			    "(units d, h, m, s, largest first)";
			return -1;
		}
		total += x * units[k].secs;
		if (total > MAX_DURATION_S) {
			*why = "duration too long (the most is 365d)";
			return -1;
		}
		u = k + 1;
		any = 1;
		p++;
	}
	if (total == 0) {
		*why = "a duration must be more than zero";
		return -1;
	}
	*out_s = total;
	return 0;
}

/* Read a duration in seconds. */
static void
get_dur(struct loader *ld, const struct ynode *v, const char *key,
    struct fnum *out)
{
	const char	*why;
	int64_t		 s;

	if (v == NULL)
		return;
	out->pos = npos(v);
	if (v->type != YN_SCALAR) {
		lerr(ld, v->line, v->col, "'%s' must be a duration like 45s "
		    "or 1m30s, not %s", key, ntype(v));
		return;
	}
	if (v->bad)
		return;
	if (strlen(v->val) != v->len ||
	    routine_parse_duration(v->val, &s, &why) != 0) {
		if (strlen(v->val) != v->len)
			why = "expected a duration like 45s, 1m30s, 2h or 2d";
		lerr(ld, v->line, v->col, "bad duration '%.40s' for '%s': %s",
		    v->val, key, why);
		return;
	}
	out->v = s;
	out->set = 1;
}

/* Read one word of a closed list; sets out->v to its index or -1. */
static void
get_word(struct loader *ld, const struct ynode *v, const char *key,
    const char *const *words, size_t n, struct fnum *out)
{
	const char	*s;
	size_t		 i;

	if (v == NULL)
		return;
	out->pos = npos(v);
	if (v->type != YN_SCALAR) {
		lerr(ld, v->line, v->col, "'%s' must be one word, not %s",
		    key, ntype(v));
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
		lerr(ld, v->line, v->col, "unknown %s '%.60s' (did you mean "
		    "'%s'?)", key, v->val, s);
	else {
		char	 list[256] = "";

		for (i = 0; i < n; i++) {
			if (strlen(list) + strlen(words[i]) + 3 >= sizeof list)
				break;
			if (i > 0)
				strcat(list, ", ");
			strcat(list, words[i]);
		}
		lerr(ld, v->line, v->col, "unknown %s '%.60s' (one of: %s)",
		    key, v->val, list);
	}
}

/* Read a tool id. */
static void
get_tool(struct loader *ld, const struct ynode *v, struct fnum *out)
{
	const char *const *ids = tool_ids();
	size_t		 n = 0;

	while (ids[n] != NULL)
		n++;
	get_word(ld, v, "tool", ids, n, out);
}

/* Read a list of text items into a new array. */
static char **
get_strlist(struct loader *ld, const struct ynode *v, const char *key,
    size_t *nout)
{
	char		**out;
	size_t		  i, n = 0;
	struct fstr	  s;

	*nout = 0;
	if (v == NULL)
		return NULL;
	if (v->type != YN_SEQ) {
		lerr(ld, v->line, v->col, "'%s' must be a list like [a, b], not "
		    "%s", key, ntype(v));
		return NULL;
	}
	out = xcalloc(v->nkids + 1, sizeof *out);
	for (i = 0; i < v->nkids; i++) {
		memset(&s, 0, sizeof s);
		get_str(ld, v->kids[i], key, &s);
		if (s.s != NULL)
			out[n++] = s.s;
	}
	*nout = n;
	return out;
}

/* Read an ISO 8601 date YYYY-MM-DD. */
static void
get_date(struct loader *ld, const struct ynode *v, const char *key,
    struct fstr *out, struct fnum *day)
{
	static const unsigned mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	unsigned	 y, m, d, leap;
	char		 tail;

	get_str(ld, v, key, out);
	if (out->s == NULL)
		return;
	if (strlen(out->s) != 10 || sscanf(out->s, "%4u-%2u-%2u%c", &y, &m,
	    &d, &tail) != 3 || out->s[4] != '-' || out->s[7] != '-') {
		lerr(ld, v->line, v->col, "'%s' must be a date like 2026-11-20 "
		    "(got '%.40s')", key, out->s);
		return;
	}
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap) || y < 1970) {
		lerr(ld, v->line, v->col, "'%s' is not a real date (got "
		    "'%.40s')", key, out->s);
		return;
	}
	day->v = dates_from_civil(y, m, d);
	day->set = 1;
	day->pos = out->pos;
}

/*
 * Read screen: a list of questions, each a string (urgency clinician) or a
 * mapping {ask: TEXT, if-yes: emergency|urgent|clinician}.
 */
static void
read_screen(struct loader *ld, const struct ynode *v, struct routine *r)
{
	const struct ynode *q;
	struct screen_item *it;
	struct fstr	 s;
	struct fnum	 u;
	size_t		 i;

	if (v == NULL)
		return;
	if (v->type != YN_SEQ) {
		lerr(ld, v->line, v->col, "'screen' must be a list of yes/no "
		    "questions, not %s", ntype(v));
		return;
	}
	r->screen = xcalloc(v->nkids + 1, sizeof *r->screen);
	r->screen_items = xcalloc(v->nkids + 1, sizeof *r->screen_items);
	for (i = 0; i < v->nkids; i++) {
		q = v->kids[i];
		memset(&s, 0, sizeof s);
		memset(&u, 0, sizeof u);
		if (q->type == YN_MAP) {
			check_map(ld, q, "a screen question", screen_keys,
			    nitems(screen_keys));
			if (map_get(q, "ask") == NULL)
				lerr(ld, q->line, q->col, "screen question has "
				    "no 'ask' (the yes/no question)");
			get_str(ld, map_get(q, "ask"), "ask", &s);
			get_word(ld, map_get(q, "if-yes"), "if-yes", urgencies,
			    nitems(urgencies), &u);
		} else if (q->type == YN_SCALAR)
			get_str(ld, q, "screen", &s);
		else
			lerr(ld, q->line, q->col, "a screen question is text "
			    "or {ask: ..., if-yes: ...}, not %s", ntype(q));
		if (s.s == NULL)
			continue;
		it = &r->screen_items[r->nscreen];
		r->screen[r->nscreen] = s.s;
		it->ask = s.s;
		it->pos = s.pos;
		it->urgency = u.set && u.v >= 0 ? (enum screen_urgency)u.v :
		    SCREEN_CLINICIAN;
		it->urgency_pos = u.pos;
		r->nscreen++;
	}
}

/* Read the fields of one kind mapping into st. */
static void
read_kind_map(struct loader *ld, const struct ynode *m, struct rstep *st)
{
	static const char *const sides[] = { "", "left", "right", "both" };
	static const char *const untils[] = { "release" };
	static const char *const checks[] = { "pain" };
	const struct keyset *ks = &kind_keysets[st->kind];
	const struct ynode *v;
	struct fnum	 w;

	check_map(ld, m, kind_keys[st->kind], ks->keys, ks->n);
	if ((v = map_get(m, "area")) != NULL) {
		get_str(ld, v, "area", &st->area_id);
		if (st->area_id.s != NULL)
			st->area = area_find(st->area_id.s);
	}
	if ((v = map_get(m, "side")) != NULL) {
		get_word(ld, v, "side", sides + 1, 3, &st->side);
		if (st->side.set && st->side.v >= 0)
			st->side.v += 1;
		else if (st->side.set)
			st->side.set = 0;
	}
	if ((v = map_get(m, "tool")) != NULL)
		get_tool(ld, v, &st->tool);
	get_dur(ld, map_get(m, "time"), "time", &st->time_s);
	if ((v = map_get(m, "until")) != NULL) {
		memset(&w, 0, sizeof w);
		get_word(ld, v, "until", untils, 1, &w);
		/* Keep the position even when the word was wrong. */
		st->until_release.pos = w.pos;
		if (w.set && w.v == 0) {
			st->until_release.v = 1;
			st->until_release.set = 1;
		}
	}
	get_dur(ld, map_get(m, "max"), "max", &st->max_s);
	get_int(ld, map_get(m, "pressure"), "pressure", &st->pressure);
	get_int(ld, map_get(m, "breathe"), "breathe", &st->breathe_bpm);
	get_dur(ld, map_get(m, "pass"), "pass", &st->pass_s);
	get_int(ld, map_get(m, "reps"), "reps", &st->reps);
	get_int(ld, map_get(m, "sets"), "sets", &st->sets);
	get_dur(ld, map_get(m, "contract"), "contract", &st->contract_s);
	get_dur(ld, map_get(m, "relax"), "relax", &st->relax_s);
	get_dur(ld, map_get(m, "stretch"), "stretch", &st->stretch_s);
	get_int(ld, map_get(m, "cycles"), "cycles", &st->cycles);
	get_int(ld, map_get(m, "rate"), "rate", &st->rate_bpm);
	get_dur(ld, map_get(m, "inhale"), "inhale", &st->inhale_s);
	get_dur(ld, map_get(m, "exhale"), "exhale", &st->exhale_s);
	get_dur(ld, map_get(m, "tempo"), "tempo", &st->tempo_s);
	get_dur(ld, map_get(m, "switch"), "switch", &st->switch_s);
	get_str(ld, map_get(m, "say"), "say", &st->say);
	if ((v = map_get(m, "check")) != NULL) {
		memset(&w, 0, sizeof w);
		get_word(ld, v, "check", checks, 1, &w);
		st->check_pain.pos = w.pos;
		if (w.set && w.v == 0) {
			st->check_pain.v = 1;
			st->check_pain.set = 1;
		}
	}
}

/* Read one step: a mapping with exactly one kind key. */
static int
read_step(struct loader *ld, const struct ynode *sn, struct rstep *st)
{
	static const char *const extra_ok[] = { "time", "say" };
	const struct ynode *key, *val, *kind_key = NULL, *kind_val = NULL;
	size_t		 i, k;
	int		 kind = -1;
	const char	*sug;

	if (sn->type != YN_MAP) {
		lerr(ld, sn->line, sn->col, "a step must be a mapping like "
		    "'- press: {...}', not %s", ntype(sn));
		return -1;
	}
	/* Find the kind key; several is an error, none is an error. */
	for (i = 0; i + 1 < sn->nkids; i += 2) {
		key = sn->kids[i];
		if (key->type != YN_SCALAR || key->bad)
			continue;
		for (k = 0; k < STEP__COUNT; k++) {
			if (strcmp(key->val, kind_keys[k]) == 0)
				break;
		}
		if (k == STEP__COUNT)
			continue;
		if (kind_key != NULL) {
			lerr(ld, key->line, key->col, "a step has exactly one "
			    "kind; this one has '%s' and '%s' (start a new "
			    "step with '- %s:')", kind_keys[kind], key->val,
			    key->val);
			continue;
		}
		kind = (int)k;
		kind_key = key;
		kind_val = sn->kids[i + 1];
	}
	if (kind_key == NULL) {
		for (i = 0; i + 1 < sn->nkids; i += 2) {
			key = sn->kids[i];
			if (key->type != YN_SCALAR || key->bad)
				continue;
			sug = diag_suggest(key->val, kind_keys, STEP__COUNT);
			if (sug != NULL)
				lerr(ld, key->line, key->col, "unknown step kind "
				    "'%.60s' (did you mean '%s'?)", key->val,
				    sug);
			else
				lerr(ld, key->line, key->col, "unknown step kind "
				    "'%.60s' (one of: position, press, roll, "
				    "stretch, contract-relax, breathe, rest, "
				    "move)",
				    key->val);
			break;
		}
		if (i + 1 >= sn->nkids)
			lerr(ld, sn->line, sn->col, "empty step: start it with "
			    "one of position, press, roll, stretch, "
			    "contract-relax, breathe, rest, move");
		return -1;
	}
	st->kind = (enum step_kind)kind;
	st->pos = npos(kind_key);
	st->tool.v = -1;

	/* Keys beside the kind key: only time and say, for scalar forms. */
	for (i = 0; i + 1 < sn->nkids; i += 2) {
		key = sn->kids[i];
		val = sn->kids[i + 1];
		if (key == kind_key || key->type != YN_SCALAR || key->bad)
			continue;
		for (k = 0; k < STEP__COUNT; k++) {
			if (strcmp(key->val, kind_keys[k]) == 0)
				break;
		}
		if (k < STEP__COUNT)
			continue;	/* reported above */
		if (kind_val->type == YN_SCALAR &&
		    (st->kind == STEP_POSITION || st->kind == STEP_REST) &&
		    (strcmp(key->val, "time") == 0 ||
		    strcmp(key->val, "say") == 0)) {
			if (strcmp(key->val, "time") == 0)
				get_dur(ld, val, "time", &st->time_s);
			else
				get_str(ld, val, "say", &st->say);
			continue;
		}
		if (kind_val->type == YN_MAP) {
			const struct keyset *ks = &kind_keysets[st->kind];

			for (k = 0; k < ks->n; k++) {
				if (strcmp(ks->keys[k], key->val) == 0)
					break;
			}
			if (k < ks->n) {
				lerr(ld, key->line, key->col, "'%s' belongs "
				    "inside the %s mapping: indent it under "
				    "'%s:'", key->val, kind_keys[st->kind],
				    kind_keys[st->kind]);
				continue;
			}
		}
		if (st->kind == STEP_POSITION || st->kind == STEP_REST)
			unknown_key(ld, key, kind_keys[st->kind], extra_ok, 2);
		else
			unknown_key(ld, key, "a step", kind_keys, STEP__COUNT);
	}

	switch (kind_val->type) {
	case YN_MAP:
		if (st->kind == STEP_POSITION)
			check_map(ld, kind_val, "position", extra_ok, 2);
		read_kind_map(ld, kind_val, st);
		break;
	case YN_SCALAR:
		if (st->kind == STEP_POSITION) {
			get_str(ld, kind_val, "position", &st->say);
			if (st->say.s == NULL && !kind_val->bad &&
			    kind_val->len == 0)
				st->say.pos = npos(kind_val);
		} else if (st->kind == STEP_REST)
			get_dur(ld, kind_val, "rest", &st->time_s);
		else if (st->kind == STEP_BREATHE && kind_val->len > 0)
			get_dur(ld, kind_val, "breathe", &st->time_s);
		else if (kind_val->len == 0 && kind_val->plain)
			lerr(ld, kind_key->line, kind_key->col, "%s needs its "
			    "fields, e.g. '%s: {area: ..., time: 30s}'",
			    kind_keys[st->kind], kind_keys[st->kind]);
		else
			lerr(ld, kind_val->line, kind_val->col, "%s must be a "
			    "mapping of its fields, not a single value",
			    kind_keys[st->kind]);
		break;
	case YN_SEQ:
		lerr(ld, kind_val->line, kind_val->col, "%s must be a mapping "
		    "of its fields, not a list", kind_keys[st->kind]);
		break;
	}
	return 0;
}

/* limits, homework, screen, switch and cues. */
static void
read_settings(struct loader *ld, const struct ynode *root, struct routine *r)
{
	const struct ynode *m;

	if ((m = map_get(root, "limits")) != NULL) {
		if (m->type != YN_MAP)
			lerr(ld, m->line, m->col, "'limits' must be a mapping "
			    "(rest, per-week, per-month, strict), not %s", ntype(m));
		else {
			check_map(ld, m, "limits", limits_keys,
			    nitems(limits_keys));
			get_dur(ld, map_get(m, "rest"), "rest", &r->rest_s);
			get_int(ld, map_get(m, "per-week"), "per-week",
			    &r->per_week);
			get_bool(ld, map_get(m, "strict"), "strict",
			    &r->strict);
			get_int(ld, map_get(m, "per-month"), "per-month",
			    &r->per_month);
		}
	}
	if ((m = map_get(root, "homework")) != NULL) {
		r->homework.pos = npos(m);
		if (m->type != YN_MAP)
			lerr(ld, m->line, m->col, "'homework' must be a mapping "
			    "(by, for, from, until, per-week, note), not %s",
			    ntype(m));
		else {
			r->homework.present = 1;
			check_map(ld, m, "homework", homework_keys,
			    nitems(homework_keys));
			get_str(ld, map_get(m, "by"), "by", &r->homework.by);
			get_str(ld, map_get(m, "for"), "for",
			    &r->homework.for_whom);
			get_date(ld, map_get(m, "from"), "from",
			    &r->homework.from, &r->homework.from_day);
			get_date(ld, map_get(m, "until"), "until",
			    &r->homework.until, &r->homework.until_day);
			get_int(ld, map_get(m, "per-week"), "per-week",
			    &r->homework.per_week);
			get_str(ld, map_get(m, "note"), "note",
			    &r->homework.note);
		}
	}
	read_screen(ld, map_get(root, "screen"), r);
	get_dur(ld, map_get(root, "switch"), "switch", &r->switch_s);
	if ((m = map_get(root, "cues")) != NULL) {
		if (m->type != YN_MAP)
			lerr(ld, m->line, m->col, "'cues' must be a mapping "
			    "(voice, lang, countdown, halfway), not %s",
			    ntype(m));
		else {
			check_map(ld, m, "cues", cues_keys, nitems(cues_keys));
			get_bool(ld, map_get(m, "voice"), "voice",
			    &r->cues.voice);
			get_str(ld, map_get(m, "lang"), "lang", &r->cues.lang);
			get_int(ld, map_get(m, "countdown"), "countdown",
			    &r->cues.countdown);
			get_bool(ld, map_get(m, "halfway"), "halfway",
			    &r->cues.halfway);
		}
	}
}

/* Walk the tree and fill r. */
static void
read_routine(struct loader *ld, const struct ynode *root, struct routine *r)
{
	static const char *const intensities[] = {
		"gentle", "moderate", "deep"
	};
	const struct ynode *v;
	struct fnum	 t;
	size_t		 i, n;
	char		**tools;

	if (root == NULL) {
		lerr(ld, 0, 0, "empty file: a routine starts with 'knead: 1'");
		return;
	}
	if (root->type != YN_MAP) {
		lerr(ld, root->line, root->col, "a routine is a mapping of keys "
		    "(knead, id, title, steps, ...), not %s", ntype(root));
		return;
	}
	check_map(ld, root, "", top_keys, nitems(top_keys));
	get_int(ld, map_get(root, "knead"), "knead", &r->version);
	get_str(ld, map_get(root, "id"), "id", &r->id);
	get_str(ld, map_get(root, "title"), "title", &r->title);
	get_str(ld, map_get(root, "summary"), "summary", &r->summary);
	if ((v = map_get(root, "tools")) != NULL) {
		r->tools_pos = npos(v);
		tools = get_strlist(ld, v, "tools", &n);
		r->tools.set = 1;
		r->tools.pos = npos(v);
		for (i = 0; i < n; i++) {
			memset(&t, 0, sizeof t);
			if (tool_from_id(tools[i]) >= 0)
				r->tools.v |= TOOL_BIT(tool_from_id(tools[i]));
			else {
				/* Report with the position of the item. */
				get_tool(ld, v->kids[i], &t);
			}
			free(tools[i]);
		}
		free(tools);
	}
	r->tags = get_strlist(ld, map_get(root, "tags"), "tags", &r->ntags);
	get_word(ld, map_get(root, "intensity"), "intensity", intensities, 3,
	    &r->intensity);
	if (r->intensity.set && r->intensity.v < 0)
		r->intensity.set = 0;

	read_settings(ld, root, r);
	if ((v = map_get(root, "steps")) != NULL) {
		if (v->type != YN_SEQ) {
			lerr(ld, v->line, v->col, "'steps' must be a list of "
			    "steps ('- press: ...'), not %s", ntype(v));
			return;
		}
		r->steps = xcalloc(v->nkids, sizeof *r->steps);
		for (i = 0; i < v->nkids; i++) {
			if (read_step(ld, v->kids[i],
			    &r->steps[r->nsteps]) == 0)
				r->nsteps++;
			else
				memset(&r->steps[r->nsteps], 0,
				    sizeof r->steps[r->nsteps]);
		}
	}
}

/* FNV-1a, 64 bits: a cheap fingerprint of the file for the history. */
static uint64_t
fnv1a64(const char *buf, size_t len)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)buf[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

struct routine *
routine_load_string(const char *name, const char *buf, size_t len,
    struct diag_list *dl)
{
	struct loader	 ld;
	struct routine	*r = NULL;
	size_t		 before = dl->errors;

	memset(&ld, 0, sizeof ld);
	ld.path = name;
	ld.dl = dl;
	if (len > ROUTINE_MAX_BYTES) {
		lerr(&ld, 0, 0, "file is %zu bytes; routines are limited to "
		    "%d bytes (1 MiB)", len, ROUTINE_MAX_BYTES);
		return NULL;
	}
	if (build_tree(&ld, buf, len) != 0 && (ld.fatal || ld.root == NULL ||
	    dl->errors > before)) {
		/* A syntax error leaves a partial tree: do not guess. */
		arena_free(&ld);
		return NULL;
	}
	r = routine_new();
	r->path = xstrdup(name);
	r->file_hash = fnv1a64(buf, len);
	read_routine(&ld, ld.root, r);
	arena_free(&ld);
	return r;
}

struct routine *
routine_load_file(const char *path, struct diag_list *dl, int *errnum)
{
	struct stat	 sb;
	struct routine	*r;
	char		*buf;
	size_t		 len = 0;
	ssize_t		 got;
	int		 fd;

	*errnum = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd == -1) {
		*errnum = errno;
		diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		*errnum = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
		diag_add(dl, DIAG_ERROR, path, 0, 0, "not a regular file");
		close(fd);
		return NULL;
	}
	if (sb.st_size > ROUTINE_MAX_BYTES) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "file is %lld bytes; "
		    "routines are limited to %d bytes (1 MiB)",
		    (long long)sb.st_size, ROUTINE_MAX_BYTES);
		close(fd);
		return NULL;
	}
	/* Read at most one byte past the limit: the file may grow. */
	buf = xmalloc(ROUTINE_MAX_BYTES + 2);
	while (len <= ROUTINE_MAX_BYTES) {
		got = read(fd, buf + len, ROUTINE_MAX_BYTES + 1 - len);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			*errnum = errno;
			diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot read: %s",
			    strerror(errno));
			close(fd);
			free(buf);
			return NULL;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	close(fd);
	buf[len] = '\0';
	r = routine_load_string(path, buf, len, dl);
	free(buf);
	return r;
}
