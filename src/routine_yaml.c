#include "routine_yaml.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "areas.h"
#include "compat.h"
#include "diag.h"
#include "i18n.h"
#include "routine.h"
#include "routine_field.h"
#include "routine_step.h"
#include "xmalloc.h"
#include "yaml_tree.h"

/*
 * The loader works in two passes. The first (yaml_tree.c) turns libyaml
 * events into a small node tree, applying every guard while the events
 * arrive. The second, here, walks the tree against the schema of the format
 * and fills struct routine, reporting unknown keys and wrong types; the
 * field readers are routine_field.c's and the steps routine_step.c's.
 */

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

/*
 * Read screen: a list of questions, each a string (urgency clinician) or a
 * mapping {ask: TEXT, if-yes: emergency|urgent|clinician}.
 */
static void
read_screen(struct yaml_tree *ld, const struct ynode *v, struct routine *r)
{
	const struct ynode *q;
	struct screen_item *it;
	struct fstr	 s;
	struct fnum	 u;
	size_t		 i;

	if (v == NULL)
		return;
	if (v->type != YN_SEQ) {
		ynode_err(ld, v, _("'screen' must be a list of yes/no "
		    "questions, not %s"), ynode_what(v));
		return;
	}
	r->screen = xcalloc(v->nkids + 1, sizeof *r->screen);
	r->screen_items = xcalloc(v->nkids + 1, sizeof *r->screen_items);
	for (i = 0; i < v->nkids; i++) {
		q = v->kids[i];
		memset(&s, 0, sizeof s);
		memset(&u, 0, sizeof u);
		if (q->type == YN_MAP) {
			field_check_map(ld, q, "a screen question", screen_keys,
			    nitems(screen_keys));
			if (ynode_get(q, "ask") == NULL)
				ynode_err(ld, q, _("screen question has "
				    "no 'ask' (the yes/no question)"));
			field_str(ld, ynode_get(q, "ask"), "ask", &s);
			field_word(ld, ynode_get(q, "if-yes"), "if-yes",
			    urgencies, nitems(urgencies), &u);
		} else if (q->type == YN_SCALAR)
			field_str(ld, q, "screen", &s);
		else
			ynode_err(ld, q, _("a screen question is text or "
			    "{ask: ..., if-yes: ...}, not %s"), ynode_what(q));
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

/* limits, homework, screen, switch and cues. */
static void
read_settings(struct yaml_tree *ld, const struct ynode *root,
    struct routine *r)
{
	const struct ynode *m;

	if ((m = ynode_get(root, "limits")) != NULL) {
		if (m->type != YN_MAP)
			ynode_err(ld, m, _("'limits' must be a mapping (rest, "
			    "per-week, per-month, strict), not %s"),
			    ynode_what(m));
		else {
			field_check_map(ld, m, "limits", limits_keys,
			    nitems(limits_keys));
			field_dur(ld, ynode_get(m, "rest"), "rest", &r->rest_s);
			field_int(ld, ynode_get(m, "per-week"), "per-week",
			    &r->per_week);
			field_bool(ld, ynode_get(m, "strict"), "strict",
			    &r->strict);
			field_int(ld, ynode_get(m, "per-month"), "per-month",
			    &r->per_month);
		}
	}
	if ((m = ynode_get(root, "homework")) != NULL) {
		r->homework.pos = ynode_pos(m);
		if (m->type != YN_MAP)
			ynode_err(ld, m, _("'homework' must be a mapping "
			    "(by, for, from, until, per-week, note), not %s"),
			    ynode_what(m));
		else {
			r->homework.present = 1;
			field_check_map(ld, m, "homework", homework_keys,
			    nitems(homework_keys));
			field_str(ld, ynode_get(m, "by"), "by",
			    &r->homework.by);
			field_str(ld, ynode_get(m, "for"), "for",
			    &r->homework.for_whom);
			field_date(ld, ynode_get(m, "from"), "from",
			    &r->homework.from, &r->homework.from_day);
			field_date(ld, ynode_get(m, "until"), "until",
			    &r->homework.until, &r->homework.until_day);
			field_int(ld, ynode_get(m, "per-week"), "per-week",
			    &r->homework.per_week);
			field_str(ld, ynode_get(m, "note"), "note",
			    &r->homework.note);
		}
	}
	read_screen(ld, ynode_get(root, "screen"), r);
	field_dur(ld, ynode_get(root, "switch"), "switch", &r->switch_s);
	if ((m = ynode_get(root, "cues")) != NULL) {
		if (m->type != YN_MAP)
			ynode_err(ld, m, _("'cues' must be a mapping "
			    "(voice, lang, countdown, halfway), not %s"),
			    ynode_what(m));
		else {
			field_check_map(ld, m, "cues", cues_keys,
			    nitems(cues_keys));
			field_bool(ld, ynode_get(m, "voice"), "voice",
			    &r->cues.voice);
			field_str(ld, ynode_get(m, "lang"), "lang",
			    &r->cues.lang);
			field_int(ld, ynode_get(m, "countdown"), "countdown",
			    &r->cues.countdown);
			field_bool(ld, ynode_get(m, "halfway"), "halfway",
			    &r->cues.halfway);
		}
	}
}

/*
 * Where 'steps' was misspelt ("stpes:"): the unknown key that
 * field_check_map suggested 'steps' for, when there is no 'steps' key.
 * {0, 0} when none.
 */
static struct src_pos
steps_misspelt(const struct ynode *root)
{
	const struct ynode *k;
	const char	*s;
	struct src_pos	 none = { 0, 0 };
	size_t		 i;

	if (ynode_get(root, "steps") != NULL)
		return none;
	for (i = 0; i + 1 < root->nkids; i += 2) {
		k = root->kids[i];
		if (k->type != YN_SCALAR || k->bad)
			continue;
		s = diag_suggest(k->val, top_keys, nitems(top_keys));
		if (s != NULL && strcmp(s, "steps") == 0)
			return ynode_pos(k);
	}
	return none;
}

/* Walk the tree and fill r. */
static void
read_routine(struct yaml_tree *ld, const struct ynode *root,
    struct routine *r)
{
	static const char *const intensities[] = {
		"gentle", "moderate", "deep"
	};
	const struct ynode *v;
	struct fnum	 t;
	size_t		 i, n;
	char		**tools;

	if (root == NULL) {
		yaml_tree_err(ld, 0, 0, _("empty file: a routine starts with "
		    "'knead: 1'"));
		return;
	}
	if (root->type != YN_MAP) {
		ynode_err(ld, root, _("a routine is a mapping of keys "
		    "(knead, id, title, steps, ...), not "
		    "%s"), ynode_what(root));
		return;
	}
	field_check_map(ld, root, "", top_keys, nitems(top_keys));
	r->steps_misspelt = steps_misspelt(root);
	field_int(ld, ynode_get(root, "knead"), "knead", &r->version);
	field_str(ld, ynode_get(root, "id"), "id", &r->id);
	field_str(ld, ynode_get(root, "title"), "title", &r->title);
	field_str(ld, ynode_get(root, "summary"), "summary", &r->summary);
	if ((v = ynode_get(root, "tools")) != NULL) {
		r->tools_pos = ynode_pos(v);
		tools = field_strlist(ld, v, "tools", &n);
		r->tools.set = 1;
		r->tools.pos = ynode_pos(v);
		for (i = 0; i < n; i++) {
			memset(&t, 0, sizeof t);
			if (tool_from_id(tools[i]) >= 0)
				r->tools.v |= TOOL_BIT(tool_from_id(tools[i]));
			else {
				/* Report with the position of the item. */
				field_tool(ld, v->kids[i], &t);
			}
			free(tools[i]);
		}
		free(tools);
	}
	r->tags = field_strlist(ld, ynode_get(root, "tags"), "tags",
	    &r->ntags);
	field_word(ld, ynode_get(root, "intensity"), "intensity", intensities,
	    nitems(intensities), &r->intensity);
	if (r->intensity.set && r->intensity.v < 0)
		r->intensity.set = 0;

	read_settings(ld, root, r);
	if ((v = ynode_get(root, "steps")) != NULL) {
		if (v->type != YN_SEQ) {
			ynode_err(ld, v, _("'steps' must be a list of "
			    "steps ('- press: ...'), not %s"), ynode_what(v));
			r->steps_not_list = 1;
			return;
		}
		r->steps_pos = ynode_pos(v);
		r->steps_written = v->nkids;
		r->steps = xcalloc(v->nkids, sizeof *r->steps);
		for (i = 0; i < v->nkids; i++) {
			if (routine_read_step(ld, v->kids[i],
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
	struct yaml_tree ld;
	struct routine	*r = NULL;
	size_t		 before = dl->errors;

	memset(&ld, 0, sizeof ld);
	ld.path = name;
	ld.dl = dl;
	if (len > ROUTINE_MAX_BYTES) {
		yaml_tree_err(&ld, 0, 0, _("file is %zu bytes; routines are "
		    "limited to %d bytes (1 MiB)"), len, ROUTINE_MAX_BYTES);
		return NULL;
	}
	if (yaml_tree_build(&ld, buf, len) != 0 && (ld.fatal ||
	    ld.root == NULL || dl->errors > before)) {
		/* A syntax error leaves a partial tree: do not guess. */
		yaml_tree_free(&ld);
		return NULL;
	}
	r = routine_new();
	r->path = xstrdup(name);
	r->file_hash = fnv1a64(buf, len);
	read_routine(&ld, ld.root, r);
	yaml_tree_free(&ld);
	return r;
}

char *
routine_read_file(const char *path, size_t *lenp, struct diag_list *dl,
    int *errnum)
{
	struct stat	 sb;
	char		*buf;
	size_t		 len = 0, cap;
	ssize_t		 got;
	int		 fd;

	*errnum = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd == -1) {
		*errnum = errno;
		diag_add(dl, DIAG_ERROR, path, 0, 0, _("cannot open: %s"),
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		*errnum = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
		diag_add(dl, DIAG_ERROR, path, 0, 0, _("not a regular file"));
		close(fd);
		return NULL;
	}
	if (sb.st_size > ROUTINE_MAX_BYTES) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, _("file is %lld bytes; "
		    "routines are limited to %d bytes (1 MiB)"),
		    (long long)sb.st_size, ROUTINE_MAX_BYTES);
		close(fd);
		return NULL;
	}
	/*
	 * Read at most one byte past the limit: the file may grow. The
	 * buffer is the file's size and a byte, grown if it did grow: one of
	 * the limit's size was an mmap and munmap of 1 MiB, and a page
	 * fault, for every routine read (the first frame of a run reads one).
	 */
	cap = (size_t)sb.st_size + 2;
	buf = xmalloc(cap);
	while (len <= ROUTINE_MAX_BYTES) {
		if (len + 1 == cap) {
			cap = cap > (ROUTINE_MAX_BYTES + 2) / 2 ?
			    ROUTINE_MAX_BYTES + 2 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		got = read(fd, buf + len, cap - 1 - len);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			*errnum = errno;
			diag_add(dl, DIAG_ERROR, path, 0, 0, _("cannot read: "
			    "%s"),
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
	*lenp = len;
	return buf;
}

struct routine *
routine_load_file(const char *path, struct diag_list *dl, int *errnum)
{
	struct routine	*r;
	char		*buf;
	size_t		 len;

	if ((buf = routine_read_file(path, &len, dl, errnum)) == NULL)
		return NULL;
	r = routine_load_string(path, buf, len, dl);
	free(buf);
	return r;
}

