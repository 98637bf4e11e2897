/*
 * The loader's first pass: libyaml events to a node tree, every guard
 * applied while the events arrive (yaml_tree.h), so a hostile file is
 * stopped before it costs anything.
 *
 * Aliased nodes are shared, not copied: the tree is a DAG whose expanded size
 * is counted as it grows, and the schema walk never visits more than that
 * budget.
 */
#include "yaml_tree.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "diag.h"
#include "i18n.h"
#include "utf8.h"
#include "xmalloc.h"

void
yaml_tree_err(struct yaml_tree *ld, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vadd(ld->dl, DIAG_ERROR, ld->path, line, col, fmt, ap);
	va_end(ap);
}

struct src_pos
ynode_pos(const struct ynode *n)
{
	struct src_pos	p = { n->line, n->col };

	return p;
}

const char *
ynode_what(const struct ynode *n)
{
	switch (n->type) {
	case YN_MAP:
		return _("a mapping");
	case YN_SEQ:
		return _("a list");
	default:
		return n->len == 0 && n->plain ? _("an empty value") :
		    _("a value");
	}
}

void
ynode_err(struct yaml_tree *ld, const struct ynode *n, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vadd(ld->dl, DIAG_ERROR, ld->path, n->line, n->col, fmt, ap);
	va_end(ap);
}

/* Report an error at a libyaml mark (0-based). */
static void printflike(3, 4)
mark_err(struct yaml_tree *ld, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vadd(ld->dl, DIAG_ERROR, ld->path, (unsigned)m->line + 1,
	    (unsigned)m->column + 1, fmt, ap);
	va_end(ap);
}

const struct ynode *
ynode_get(const struct ynode *m, const char *key)
{
	size_t	i;

	for (i = 0; i + 1 < m->nkids; i += 2) {
		if (m->kids[i]->type == YN_SCALAR &&
		    strcmp(m->kids[i]->val, key) == 0)
			return m->kids[i + 1];
	}
	return NULL;
}

/* Allocate a node in the loader's arena. */
static struct ynode *
node_new(struct yaml_tree *ld, enum ynode_type type, const yaml_mark_t *m)
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

void
yaml_tree_free(struct yaml_tree *ld)
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
 * C1 controls (U+0080..U+009F, CSI among them), bidirectional overrides and
 * the line and paragraph separators (U+2028, U+2029: a terminal shows them
 * as nothing or as a line break of its own choosing). Returns 0 when clean,
 * or -1 with a description of the first problem.
 */
static int
text_check(const unsigned char *s, size_t len, char *why, size_t whylen)
{
	size_t		i = 0, n;
	uint32_t	cp;

	while (i < len) {
		if ((n = utf8_next(s + i, len - i, &cp, NULL)) == 0) {
			snprintf(why, whylen, _("invalid UTF-8 in text (byte "
			    "0x%02x)"), s[i]);
			return -1;
		}
		i += n;
		if (cp == 0x1b) {
			snprintf(why, whylen, "%s", _("escape character (U+001B) "
			    "in text: terminal escape sequences are not "
			    "allowed"));
			return -1;
		}
		if (cp == '\t') {
			snprintf(why, whylen, "%s", _("tab character in text: "
			    "use spaces"));
			return -1;
		}
		if ((cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp <= 0x9f)) {
			snprintf(why, whylen, _("control character U+%04X in "
			    "text"), (unsigned)cp);
			return -1;
		}
		if ((cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069)) {
			snprintf(why, whylen, _("bidirectional control "
			    "character U+%04X in text"), (unsigned)cp);
			return -1;
		}
		/* Invisible, and nothing to a title or an instruction: two
		   titles could look the same. (Joiners, U+200C/D, are
		   part of some scripts' writing and of emoji.) */
		if (cp == 0x200b || cp == 0x2060 || cp == 0xfeff) {
			snprintf(why, whylen, _("invisible character U+%04X "
			    "(zero width) in text: remove it"), (unsigned)cp);
			return -1;
		}
		if (cp == 0x2028 || cp == 0x2029) {
			snprintf(why, whylen, cp == 0x2028 ?
			    _("line separator U+%04X in text: end the line "
			    "with a plain line break (or write a | block)") :
			    _("paragraph separator U+%04X in text: end the "
			    "line with a plain line break (or write a | "
			    "block)"), (unsigned)cp);
			return -1;
		}
	}
	return 0;
}

/* Add a finished node to the open container (or make it the root). */
static void
attach(struct yaml_tree *ld, struct ynode *n, size_t size, size_t bytes)
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
find_anchor(struct yaml_tree *ld, const char *name)
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
check_tag(struct yaml_tree *ld, const yaml_char_t *tag, const yaml_mark_t *m)
{
	if (tag == NULL)
		return 0;
	mark_err(ld, m, _("YAML tags are not used in routines (found "
	    "'%.40s')"), (const char *)tag);
	return -1;
}

/* Stop the parse once the expanded tree is larger than any routine. */
static int
over_budget(struct yaml_tree *ld, const yaml_mark_t *m)
{
	if (ld->expanded <= ROUTINE_MAX_NODES &&
	    ld->expanded_bytes <= YAML_TREE_MAX_EXPANDED_BYTES)
		return 0;
	if (!ld->aliases) {
		mark_err(ld, m, _("more than %d nodes: far more than any "
		    "routine needs"), ROUTINE_MAX_NODES);
		ld->fatal = 1;
		return -1;
	}
	mark_err(ld, m, _("aliases expand to more than %d nodes or %d bytes: "
	    "the document is too large once expanded"), ROUTINE_MAX_NODES,
	    YAML_TREE_MAX_EXPANDED_BYTES);
	ld->fatal = 1;
	return -1;
}

/* Handle one event; returns -1 to stop parsing. */
static int
on_event(struct yaml_tree *ld, yaml_event_t *ev)
{
	struct ynode	*n, *target;
	const yaml_mark_t *m = &ev->start_mark;
	char		 why[128];

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (ld->root != NULL) {
			mark_err(ld, m, _("a routine file holds one YAML "
			    "document; found a second one"));
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
			ynode_err(ld, n, "%s", why);
			n->bad = 1;
		}
		set_anchor(n, ev->data.scalar.anchor);
		n->bytes = n->len;
		attach(ld, n, 1, n->len);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (ld->depth >= ROUTINE_MAX_DEPTH) {
			mark_err(ld, m, _("nesting deeper than %d levels"),
			    ROUTINE_MAX_DEPTH);
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
			mark_err(ld, m, _("alias '*%.40s' names no anchor "
			    "defined before it"),
			    (const char *)ev->data.alias.anchor);
			ld->fatal = 1;
			return -1;
		}
		if (target->open) {
			mark_err(ld, m, _("alias '*%.40s' refers to a node "
			    "that contains it"),
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
	return over_budget(ld, m);
}

/*
 * Offset of the first byte that does not start a well-formed UTF-8 sequence,
 * or len when the whole buffer is well formed.
 */
static size_t
utf8_first_bad(const unsigned char *s, size_t len)
{
	size_t		i = 0, n;
	uint32_t	cp;

	while (i < len) {
		if ((n = utf8_next(s + i, len - i, &cp, NULL)) == 0)
			return i;
		i += n;
	}
	return len;
}

/* The 1-based line and column of byte off of buf, as an editor counts. */
static void
buf_pos(const char *buf, size_t off, unsigned *line, unsigned *col)
{
	size_t	i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/* What a tab in the indentation is told. */
static const char *
tab_hint(void)
{
	return _("; this line is indented with a tab: YAML indents with "
	    "spaces only");
}

/* Line (from 1) of buf: its first byte, its length up to the line end. */
static const char *
line_of(const char *buf, size_t len, unsigned line, size_t *n)
{
	size_t	i = 0, e;

	while (line > 1 && i < len)
		line -= buf[i++] == '\n';
	for (e = i; e < len && buf[e] != '\n' && buf[e] != '\r'; e++)
		;
	*n = e - i;
	return buf + i;
}

/*
 * The lines after and before line l of buf (its first byte, n bytes as
 * line_of gives them), with their lengths in *m; NULL past either end.
 * Walking a file by these is linear, by line_of quadratic.
 */
static const char *
line_next(const char *buf, size_t len, const char *l, size_t n, size_t *m)
{
	const char	*p = l + n, *end = buf + len, *e;

	while (p < end && *p != '\n')
		p++;
	if (p >= end)
		return NULL;
	for (e = ++p; e < end && *e != '\n' && *e != '\r'; e++)
		;
	*m = (size_t)(e - p);
	return p;
}

static const char *
line_prev(const char *buf, const char *l, size_t *m)
{
	const char	*s, *e;

	if (l <= buf)
		return NULL;
	for (s = l - 1; s > buf && s[-1] != '\n'; s--)
		;
	for (e = s; e < l - 1 && *e != '\r'; e++)
		;
	*m = (size_t)(e - s);
	return s;
}

/* Whether line (from 1) of buf is indented with a tab, in part. */
static int
tab_indent(const char *buf, size_t len, unsigned line)
{
	size_t		 i, n;
	const char	*l = line_of(buf, len, line, &n);

	for (i = 0; i < n && (l[i] == ' ' || l[i] == '\t'); i++)
		if (l[i] == '\t')
			return 1;
	return 0;
}

/*
 * Where a line's value starts: after the indentation, any "- " and a
 * "key: ". NULL for a line with no value (a comment, a bare "key:").
 */
static const char *
value_of(const char *l, size_t n, size_t *vn)
{
	size_t	i = 0, k;

	while (i < n && (l[i] == ' ' || (l[i] == '-' && i + 1 < n &&
	    l[i + 1] == ' ')))
		i++;
	for (k = i; k < n && l[k] != '"' && l[k] != '\''; k++)
		if (l[k] == ':' && k + 1 < n && l[k + 1] == ' ') {
			for (i = k + 1; i < n && l[i] == ' '; i++)
				;
			break;
		}
	if (i >= n || l[i] == '#')
		return NULL;
	*vn = n - i;
	return l + i;
}

/* Where v's quoted text closes (v[0] is the quote), or vn when not. */
static size_t
quote_end(const char *v, size_t vn)
{
	size_t	i;

	for (i = 1; i < vn; i++) {
		if (v[0] == '"' && v[i] == '\\')
			i++;
		else if (v[i] == v[0] && v[0] == '\'' && i + 1 < vn &&
		    v[i + 1] == '\'')
			i++;		/* '' is a quote inside '...' */
		else if (v[i] == v[0])
			return i;
	}
	return vn;
}

/*
 * The line where a quoted text opened at v (in buf) closes, reading on
 * over line ends as YAML does; 0 when it never closes.
 */
static unsigned
quote_close_line(const char *buf, size_t len, const char *v, unsigned line)
{
	size_t	i, e = quote_end(v, len - (size_t)(v - buf));

	if (v + e >= buf + len)
		return 0;
	for (i = 1; i < e; i++)
		line += v[i] == '\n';
	return line;
}

/* Spaces before line's first character. */
static size_t
indent_of(const char *l, size_t n)
{
	size_t	i;

	for (i = 0; i < n && l[i] == ' '; i++)
		;
	return i;
}

/* Where a line's key starts: after the indentation and any "- ". */
static size_t
key_of(const char *l, size_t n)
{
	size_t	i = 0;

	while (i < n && (l[i] == ' ' || (l[i] == '-' && i + 1 < n &&
	    l[i + 1] == ' ')))
		i++;
	return i;
}

/*
 * The keys a line indented ind is out of line with: the block of the line
 * above (blank lines and comments passed over) when the line is indented
 * more, else the innermost block still open above it whose keys are
 * indented more than the line. libyaml names the block it reads the line
 * into, the one around the meant one ("- press:" for the keys under it).
 * l is the line's first byte in buf, line its number. Their column
 * (from 1) and their nearest line (*at); 0 when none.
 */
static size_t
block_keys(const char *buf, const char *l, unsigned line, size_t ind,
    unsigned *at)
{
	size_t		 n, k, col = 0;
	unsigned	 i;

	for (i = line - 1; (l = line_prev(buf, l, &n)) != NULL; i--) {
		if ((k = key_of(l, n)) >= n || l[k] == '#' ||
		    (col != 0 && k >= col - 1))
			continue;	/* blank, a comment, inside a block */
		if (k == ind || (k < ind && col != 0))
			break;
		col = k + 1;
		*at = i;
		if (k < ind)
			break;		/* indented more than the line above */
	}
	return col;
}

/*
 * "mapping values are not allowed": a ': ' inside a text without quotes,
 * or a key indented under the one above it (read as that key's text).
 */
static const char *
colon_hint(const char *buf, size_t len, unsigned line, char *hint,
    size_t hlen)
{
	const char	*l, *v, *up;
	size_t		 n, vn, un, uvn;

	l = line_of(buf, len, line, &n);
	if ((v = value_of(l, n, &vn)) != NULL && v[0] != '"' &&
	    v[0] != '\'' && memmem(v, vn, ": ", 2) != NULL)
		return _("; a text with ': ' in it must be in double quotes");
	if (line < 2)
		return "";
	up = line_of(buf, len, line - 1, &un);
	/* The line above a key with its value: "key: value". */
	v = value_of(up, un, &uvn);
	if (indent_of(up, un) < indent_of(l, n) && v != NULL &&
	    v != up + indent_of(up, un)) {
		snprintf(hint, hlen, _("; this line is indented more than the "
		    "key above it (line %u): the keys of one block line up"),
		    line - 1);
		return hint;
	}
	return "";
}

/*
 * How to mend the hand-editing slips libyaml reports in its own terms: a
 * tab in the indentation, a quote left open (libyaml reads on to the next
 * quote and errs there, lines later), an apostrophe that ends a '...'
 * text, a ': ' in a text without quotes, a key or a list item out of line
 * with the mapping it is in. "" when none is seen between the line the
 * context started (from) and the problem's line.
 */
static const char *
syntax_hint(const char *buf, size_t len, const yaml_parser_t *p,
    unsigned from, unsigned line, char *hint, size_t hlen)
{
	const char	*l, *v, *what = p->problem != NULL ? p->problem : "";
	size_t		 n, vn, e, ind, col;
	unsigned	 k, close, at = 0;

	if (tab_indent(buf, len, line))
		return tab_hint();
	l = from >= 1 ? line_of(buf, len, from, &n) : NULL;
	for (k = from; k <= line && l != NULL; k++,
	    l = line_next(buf, len, l, n, &n)) {
		if ((v = value_of(l, n, &vn)) == NULL ||
		    (v[0] != '"' && v[0] != '\''))
			continue;
		/* Open at its line's end and closed only where libyaml
		 * erred, or never: a text on two lines that closes before
		 * is YAML too. */
		if ((e = quote_end(v, vn)) == vn &&
		    ((close = quote_close_line(buf, len, v, k)) == 0 ||
		    close >= line)) {
			snprintf(hint, hlen, _("; the quote opened on line %u "
			    "is not closed on that line"), k);
			return hint;
		}
		if (v[0] == '\'' && k == line && e + 1 < vn &&
		    (isalpha((unsigned char)v[e + 1]) ||
		    (unsigned char)v[e + 1] >= 0x80))
			return _("; an apostrophe ends a text in '...': put "
			    "the text in double quotes, or write the "
			    "apostrophe twice ('')");
	}
	l = line_of(buf, len, line, &n);
	if (strcmp(what, "mapping values are not allowed in this context") ==
	    0)
		return colon_hint(buf, len, line, hint, hlen);
	if (strcmp(what, "did not find expected key") != 0 ||
	    p->context == NULL ||
	    strcmp(p->context, "while parsing a block mapping") != 0)
		return "";
	/* Only where libyaml points at the line's first character. */
	ind = indent_of(l, n);
	if (ind != p->problem_mark.column || ind >= n)
		return "";
	if (l[ind] == '-' && (ind + 1 == n || l[ind + 1] == ' '))
		return _("; a list item out of line: the items of one list "
		    "line up with each other, under the key that holds it");
	if (value_of(l, n, &vn) != l + ind &&
	    (col = block_keys(buf, l, line, ind, &at)) != 0) {
		snprintf(hint, hlen, _("; this line starts at column %zu, "
		    "the keys of its block (line %u) at column %zu: line them "
		    "up"), ind + 1, at, col);
		return hint;
	}
	return "";
}

/*
 * Report a libyaml error with its position, problem and context, and how
 * to mend a common slip (syntax_hint): libyaml does not say.
 */
static void
parse_error(struct yaml_tree *ld, const yaml_parser_t *p, const char *buf,
    size_t len)
{
	const char	*what = p->problem != NULL ? p->problem : "syntax error";
	unsigned	 line = (unsigned)p->problem_mark.line + 1;
	unsigned	 col = (unsigned)p->problem_mark.column + 1;

	size_t		 bad;
	int		 value;
	char		 hint[128];

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
		buf_pos(buf, bad < len ? bad : len, &line, &col);
		if (value != -1 && strstr(what, "UTF-8") == NULL)
			yaml_tree_err(ld, line, col, "%s (byte 0x%02x)", what,
			    value & 0xff);
		else if (value != -1)
			yaml_tree_err(ld, line, col, _("%s (byte 0x%02x): "
			    "the file must be UTF-8 text"), what, value & 0xff);
		else
			yaml_tree_err(ld, line, col, _("%s: the file must be "
			    "UTF-8 text"), what);
	} else if (p->context != NULL) {
		yaml_tree_err(ld, line, col, _("%s %s (started at line %u, "
		    "column %u)%s"), what, p->context,
		    (unsigned)p->context_mark.line + 1,
		    (unsigned)p->context_mark.column + 1, syntax_hint(buf, len,
		    p, (unsigned)p->context_mark.line + 1, line, hint,
		    sizeof hint));
	} else
		yaml_tree_err(ld, line, col, "%s%s", what, syntax_hint(buf,
		    len, p, line, line, hint, sizeof hint));
}

/*
 * The encoding a routine file's first bytes name, when it is not UTF-8: a
 * byte order mark, or the NUL bytes ASCII text has in UTF-16 and UTF-32
 * (YAML 1.2, 5.2). libyaml would read a UTF-16 file with a byte order mark
 * without a word and one without as "control characters"; neither says
 * what to do. NULL when the bytes may be UTF-8.
 */
static const char *
foreign_encoding(const unsigned char *b, size_t len)
{
	if (len >= 4 && b[0] == 0 && b[1] == 0 &&
	    ((b[2] == 0xfe && b[3] == 0xff) || b[2] == 0))
		return "UTF-32BE";
	if (len >= 4 && b[2] == 0 && b[3] == 0 &&
	    ((b[0] == 0xff && b[1] == 0xfe) || b[1] == 0))
		return "UTF-32LE";
	if (len >= 2 && ((b[0] == 0xfe && b[1] == 0xff) || b[0] == 0))
		return "UTF-16BE";
	if (len >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || b[1] == 0))
		return "UTF-16LE";
	return NULL;
}

#define CONTROLS_SHOWN	20	/* raw control characters reported one by one */

/*
 * Raw control characters in the file (C0 but tab and line ends, DEL, C1):
 * libyaml stops at the first with "control characters are not allowed",
 * so one bad byte hid every other problem of the file. Each is reported
 * here with its line and column, and NULL returned when there is none;
 * else a copy of buf with each one's bytes as '?', which is parsed
 * instead, so that the rest of the file is checked too (the file is
 * refused all the same: these are errors). Caller frees.
 */
static char *
find_controls(struct yaml_tree *ld, const char *buf, size_t len)
{
	const unsigned char	*b = (const unsigned char *)buf;
	char			*copy = NULL;
	size_t			 i, n, found = 0;
	unsigned		 line = 1, col = 1, cp;

	for (i = 0; i < len; i += n, col++) {
		n = 1;
		cp = b[i];
		if (b[i] == 0xc2 && i + 1 < len && b[i + 1] >= 0x80 &&
		    b[i + 1] <= 0x9f) {
			n = 2;
			cp = b[i + 1];
		} else if (b[i] == '\n') {
			line++;
			col = 0;
			continue;
		} else if ((b[i] & 0xc0) == 0x80) {
			col--;		/* a continuation byte: same column */
			continue;
		} else if ((b[i] >= 0x20 && b[i] != 0x7f) || b[i] == '\t' ||
		    b[i] == '\r')
			continue;
		if (copy == NULL) {
			copy = xmalloc(len);
			memcpy(copy, buf, len);
		}
		memset(copy + i, '?', n);
		if (++found > CONTROLS_SHOWN)
			continue;
		if (cp == 0x1b)
			yaml_tree_err(ld, line, col, "%s", _("escape character "
			    "(U+001B): terminal escape sequences are not "
			    "allowed"));
		else
			yaml_tree_err(ld, line, col, _("control character "
			    "U+%04X: not allowed in a routine"), cp);
	}
	if (found > CONTROLS_SHOWN)
		yaml_tree_err(ld, 0, 0, _("%zu more control characters"),
		    found - CONTROLS_SHOWN);
	return copy;
}

/*
 * Refuse a line or paragraph separator (U+2028, U+2029) anywhere in the
 * file: libyaml takes either for a line break where editors and terminals
 * do not, so the file would not mean what its author sees. Inside text they
 * could reach the terminal raw. Returns -1 when one was found (reported).
 */
static int
find_separator(struct yaml_tree *ld, const char *buf, size_t len)
{
	const char	*p = buf;
	unsigned	 line, col;

	while ((p = memmem(p, len - (size_t)(p - buf), "\xe2\x80", 2))
	    != NULL) {
		if ((size_t)(p - buf) + 2 < len &&
		    ((unsigned char)p[2] == 0xa8 ||
		    (unsigned char)p[2] == 0xa9)) {
			buf_pos(buf, (size_t)(p - buf), &line, &col);
			yaml_tree_err(ld, line, col, _("%s separator U+%04X: "
			    "YAML reads it as a line break where editors do "
			    "not; use a plain line break"),
			    (unsigned char)p[2] == 0xa8 ? "line" : "paragraph",
			    (unsigned char)p[2] == 0xa8 ? 0x2028 : 0x2029);
			return -1;
		}
		p += 2;
	}
	return 0;
}

int
yaml_tree_build(struct yaml_tree *ld, const char *buf, size_t len)
{
	yaml_parser_t	p;
	yaml_event_t	ev;
	const char	*enc;
	char		*clean;
	int		done = 0, rc = 0;

	if ((enc = foreign_encoding((const unsigned char *)buf, len)) != NULL) {
		yaml_tree_err(ld, 0, 0, _("the file is %s text; routines are "
		    "UTF-8: save it as UTF-8 and try again"), enc);
		ld->fatal = 1;
		return -1;
	}
	/*
	 * A UTF-8 byte order mark (Windows editors write one) is skipped
	 * here rather than by libyaml, so that positions counted from buf
	 * agree with libyaml's.
	 */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (find_separator(ld, buf, len) != 0) {
		ld->fatal = 1;
		return -1;
	}
	if ((clean = find_controls(ld, buf, len)) != NULL)
		buf = clean;
	if (!yaml_parser_initialize(&p)) {
		yaml_tree_err(ld, 0, 0, _("cannot start the YAML parser"));
		free(clean);
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
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
	free(clean);
	return rc;
}
