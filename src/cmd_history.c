/*
 * knead history: past sessions for the person (JSON here; the text and
 * CSV listing in cmd_history_list.c), and what the status and report
 * commands share with it: the options, the store and library they open,
 * pain trends and homework weeks.
 *
 * Everything read from the store is text someone typed (override reasons,
 * routine titles, screen questions), so it is written through textout.h,
 * which never lets a control byte reach the terminal.
 */
#include "histcmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "areas.h"
#include "cli.h"
#include "clock.h"
#include "dates.h"
#include "exitcodes.h"
#include "halt_why.h"
#include "history.h"
#include "i18n.h"
#include "library.h"
#include "plan.h"
#include "refusal.h"
#include "report.h"
#include "routine.h"
#include "textout.h"
#include "xmalloc.h"

#ifndef KNEAD_LINGUAS
#define KNEAD_LINGUAS	"fr de es"
#endif
#include "utf8.h"

/* A sparkline in the terminal draws at most this many ratings. */
#define TREND_MAX	24

/*
 * Parse WHEN: "12h" back from now, "7d" or "4w" from the local midnight
 * of the day that many days or weeks before today, or a local date
 * "2026-11-01" (from its midnight). Returns -1 when it is neither.
 */
static int64_t
parse_since(const char *s, int64_t now)
{
	struct tm	 tm;
	time_t		 t;
	char		*end;
	long long	 n;
	int		 y, mo, d;
	char		 extra;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &d, &extra) == 3 &&
	    strlen(s) == 10 && s[4] == '-' && s[7] == '-') {
		if (mo < 1 || mo > 12 || d < 1 || d > 31)
			return -1;
		memset(&tm, 0, sizeof tm);
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		/* mktime makes 2026-02-31 into 3 March: not a date. */
		if (t == (time_t)-1 || tm.tm_mday != d || tm.tm_mon != mo - 1)
			return -1;
		return (int64_t)t;
	}
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || end == s || n <= 0 || n > 100000 || s[0] == '-' ||
	    s[0] == '+' || end[0] == '\0' || end[1] != '\0')
		return -1;
	switch (end[0]) {
	case 'h':
		return now - n * 3600;
	case 'd':
	case 'w':
		/*
		 * Days and weeks are whole days: from 00:00 local time of the
		 * day n days (or weeks) before today, the day the period
		 * names ("from Thu 03 Dec"), not the time of day it is now.
		 */
		t = (time_t)now;
		if (localtime_r(&t, &tm) == NULL)
			return -1;
		tm.tm_mday -= (int)(end[0] == 'w' ? 7 * n : n);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		return t == (time_t)-1 ? -1 : (int64_t)t;
	default:
		return -1;
	}
}

enum hfmt
histcmd_fmt_named(const char *s)
{
	static const char *const names[] = { "md", "csv", "json", "pdf",
	    "png", "svg" };
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(s, names[i]) == 0)
			return (enum hfmt)(HFMT_MD + i);
	}
	return HFMT_TEXT;
}

int
histcmd_open(const struct hopts *o, struct history **h)
{
	char	*cause = NULL, *note = NULL;
	int	 rc;

	/* Reading never creates or changes a store (issue 13). */
	rc = history_open_read(o->db, &clock_system, h, &note, &cause);
	if (note != NULL) {
		fprintf(stderr, _("knead: note: the history store could not be "
		    "updated, shown as it is: "));
		tout_text(stderr, note, 0);
		fprintf(stderr, "\n");
		free(note);
	}
	if (rc != 0 || *h == NULL) {
		fprintf(stderr, "%s", _("knead: history store: "));
		tout_text(stderr, cause, 0);
		fprintf(stderr, "%s\n", rc == 0 ? ": check --db or KNEAD_DB" :
		    "");
		free(cause);
		return rc != 0 ? KNEAD_EXIT_IOERR : KNEAD_EXIT_NOINPUT;
	}
	return KNEAD_EXIT_OK;
}

int
histcmd_sessions(const struct hopts *o, struct hist_session **ss, size_t *n)
{
	struct history	*h;
	char		*cause = NULL;
	int		 rc;

	if ((rc = histcmd_open(o, &h)) != 0)
		return rc;
	/* A report written over the store would destroy it. */
	if (o->out != NULL && strcmp(o->out, "-") != 0 &&
	    history_owns_path(h, o->out)) {
		fprintf(stderr, _("knead: --out "));
		tout_text(stderr, o->out, 0);
		fprintf(stderr, _(" is the history store or one of its files; "
		    "give another file\n"));
		history_close(h);
		return KNEAD_EXIT_USAGE;
	}
	if ((rc = history_sessions(h, o->since, ss, n, &cause)) != 0) {
		fprintf(stderr, _("knead: "));
		tout_text(stderr, cause, 0);
		fprintf(stderr, "\n");
		free(cause);
		rc = KNEAD_EXIT_IOERR;
	}
	history_close(h);
	return rc;
}

void
histcmd_library(const struct hopts *o, struct library *lib)
{
	memset(lib, 0, sizeof *lib);
	if (o->routines != NULL)
		library_add_dir(lib, o->routines);
	library_load(lib, NULL);
}

/* An unknown --routine with no session, said (see histcmd.h). */
int
histcmd_no_routine(const char *cmd, const struct hopts *o,
    struct library *lib)
{
	struct library	own;
	int		known;

	if (o->routine == NULL)
		return (0);
	if (lib == NULL)
		histcmd_library(o, &own);
	known = library_find(lib != NULL ? lib : &own, o->routine) != NULL;
	if (lib == NULL)
		library_free(&own);
	if (known)
		return (0);
	fprintf(stderr, _("knead %s: --routine "), cmd);
	tout_text(stderr, o->routine, 0);
	fprintf(stderr, _(": no such routine in the library and no session of "
	    "it in the history\n"));
	return (KNEAD_EXIT_NOINPUT);
}

void
histcmd_given(const struct library *lib, struct report_given **out,
    size_t *n)
{
	const struct routine	*r;
	size_t			 i;

	*out = xcalloc(lib->n + 1, sizeof **out);
	*n = 0;
	for (i = 0; i < lib->n; i++) {
		r = lib->v[i].routine;
		if (!lib->v[i].valid || r == NULL || !r->homework.present ||
		    r->id.s == NULL)
			continue;
		(*out)[*n].id = r->id.s;
		(*out)[*n].title = r->title.s;
		(*out)[*n].hw = &r->homework;
		(*out)[(*n)++].bundled = strcmp(lib->v[i].origin,
		    "bundled") == 0;
	}
}

void
histcmd_model(struct report *rp, const struct hist_session *ss, size_t n,
    const struct library *lib, int64_t since, const char *routine,
    struct report_given **given)
{
	struct report_in	in;

	memset(&in, 0, sizeof in);
	in.ss = ss;
	in.n = n;
	histcmd_given(lib, given, &in.ngiven);
	in.given = *given;
	in.now = clock_wall_s(&clock_system);
	in.since = since;
	in.routine = routine;
	report_build(rp, &in);
}

/* Spaces that pad s to width columns (one per character). */
int
histcmd_pad(const char *s, int width)
{
	int	n = (int)utf8_count(s);

	return n < width ? width - n : 1;
}

/*
 * The last three answered still-sore check-ins of a series, after its
 * ratings: "; still sore 4 4 blocked 1" (a skipped one has no value).
 */
static void
trend_still(FILE *fp, const struct report_pain *p)
{
	size_t	k, n = 0, from;

	for (k = p->nstill; k > 0 && n < 3; k--)
		n += p->still[k - 1] >= 0;
	for (from = p->nstill; from > 0 && n > 0; from--)
		n -= p->still[from - 1] >= 0;
	for (k = from, n = 0; k < p->nstill; k++) {
		if (p->still[k] < 0)
			continue;
		if (n++ == 0)
			fprintf(fp, "%s%s", p->n > 0 || p->nafter > 0 ? "; " : "",
			    _("still sore"));
		fprintf(fp, " %d", p->still[k]);
		if (p->still_blocks[k])
			fprintf(fp, " %s", _("blocked"));
	}
}

/*
 * Pain per area as a sparkline with its last values: the trend of the
 * ratings, never an arrow between different spots.
 */
void
histcmd_trends(FILE *fp, const struct report *rp, const char *title)
{
	const struct report_pain	*p;
	char				 label[160];
	size_t				 i, k, from, shown;
	int				 utf8 = tout_utf8();

	for (i = 0, shown = 0; i < rp->nps; i++) {
		p = &rp->ps[i];
		if (shown++ == 0)
			fprintf(fp, "\n%s\n", title);
		area_side_label(p->area, p->side, label, sizeof label);
		fprintf(fp, "  ");
		tout_text(fp, label, 0);
		fprintf(fp, "%*s", histcmd_pad(label, 29), "");
		from = p->n > TREND_MAX ? p->n - TREND_MAX : 0;
		if (p->n > 0)
			tout_spark(fp, p->v + from, p->n - from, utf8);
		fprintf(fp, "%*s", (int)(TREND_MAX - (p->n - from)) + 2, "");
		for (k = p->n > 6 ? p->n - 6 : 0; k < p->n; k++)
			fprintf(fp, "%s%d", k > (p->n > 6 ? p->n - 6 : 0) ?
			    " " : p->n > 6 ? "... " : "", p->v[k]);
		/* The day-after ratings (0 as before, 10 much worse). */
		for (k = p->nafter > 3 ? p->nafter - 3 : 0; k < p->nafter; k++)
			fprintf(fp, "%s%d", k == (p->nafter > 3 ? p->nafter - 3 :
			    0) ? (p->n > 0 ? "; day after " : "day after ") :
			    " ", p->after[k]);
		trend_still(fp, p);
		fprintf(fp, "\n");
	}
}

/* The homework weeks running now: done against the week's target. */
void
histcmd_weeks(FILE *fp, const struct report *rp)
{
	const struct report_routine	*r;
	const struct report_week	*w;
	char				 a[32], b[32];
	size_t				 i, shown = 0;

	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		if (r->nweeks == 0 || !r->weeks[r->nweeks - 1].open ||
		    r->weeks[r->nweeks - 1].prescribed == 0)
			continue;
		w = &r->weeks[r->nweeks - 1];
		if (shown++ == 0)
			fprintf(fp, _("\nThis homework week:\n"));
		dates_civil(w->day0, a, sizeof a);
		dates_civil(w->day0 + 6, b, sizeof b);
		fprintf(fp, "  ");
		tout_text(fp, r->id, 0);
		/* English needs no plural; French agrees "faite(s)". */
		fprintf(fp, ngettext(": %d done this homework week (%s to %s), "
		    "target %d", ": %d done this homework week (%s to %s), "
		    "target %d", (unsigned long)w->done), w->done, a, b,
		    w->target);
		/*
		 * The installed file revised: its target counts from the
		 * first session run with it (report.c's versions), so the
		 * file's "N of M" above it is explained, not contradicted.
		 */
		if (r->file_hw != NULL && r->file_hw->per_week.set &&
		    r->file_hw->per_week.v != r->hw.per_week.v)
			fprintf(fp, ngettext("; the revised homework asks %d a "
			    "week from your next session", "; the revised "
			    "homework asks %d a week from your next session",
			    (unsigned long)r->file_hw->per_week.v),
			    (int)r->file_hw->per_week.v);
		fprintf(fp, "\n");
	}
}

/* The options of the history commands; each takes the ones its flags say. */
static const struct option hist_longopts[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "routines", required_argument, NULL, 'r' },
	{ "since", required_argument, NULL, 's' },
	{ "json", no_argument, NULL, 'j' },
	{ "csv", no_argument, NULL, 'c' },
	{ "format", required_argument, NULL, 'f' },
	{ "out", required_argument, NULL, 'o' },
	{ "routine", required_argument, NULL, 'R' },
	{ "export", required_argument, NULL, 'E' },
	{ "from-export", required_argument, NULL, 'F' },
	{ "lang", required_argument, NULL, 'L' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* An option of the history commands that cmd does not take. */
static int
opt_not_here(const char *cmd, int c)
{
	size_t	i;

	/* argv[optind - 1] may be the option's value here. */
	for (i = 0; hist_longopts[i].name != NULL; i++) {
		if (hist_longopts[i].val == c)
			break;
	}
	return cli_usage_error(cmd, _("option '--%s' does not apply to "
	    "knead %s"), hist_longopts[i].name != NULL ?
	    hist_longopts[i].name : "?", cmd);
}

/* The options that do not go together; -1 when none of them are given. */
static int
opts_together(const char *cmd, const struct hopts *o, int flags)
{
	if ((flags & HOPT_EXPORT) && o->routine != NULL && o->export_to == NULL)
		return cli_usage_error(cmd, _("--routine goes with --export"));
	if (o->export_to != NULL && o->fmt != HFMT_TEXT)
		return cli_usage_error(cmd, _("--export writes its own format; "
		    "leave out --json and --csv"));
	if (o->from_export != NULL && o->db != NULL)
		return cli_usage_error(cmd, _("--from-export reads the export "
		    "only; leave out --db"));
	return -1;
}

/*
 * Parse the options of one command; returns -1 to go on, or an exit code
 * (help printed, usage error).
 */
int
histcmd_opts(const char *cmd, int argc, char **argv, struct hopts *o,
    const char *usage, int flags)
{
	char	lang[3];
	int	c;

	memset(o, 0, sizeof *o);
	o->fmt = flags & HOPT_REPORT ? HFMT_MD : HFMT_TEXT;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hd:r:s:jcf:o:", hist_longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(_(usage), stdout);
			return KNEAD_EXIT_OK;
		case 'd':
			if (cli_db(cmd, optarg) != 0)
				return KNEAD_EXIT_USAGE;
			o->db = optarg;
			break;
		case 'r':
			/* A wrong folder would drop the homework targets. */
			if (cli_routines_dir(cmd, optarg) != 0)
				return KNEAD_EXIT_NOINPUT;
			o->routines = optarg;
			break;
		case 's':
			if (!(flags & HOPT_SINCE))
				goto bad;
			o->since_arg = optarg;
			o->since = parse_since(optarg,
			    clock_wall_s(&clock_system));
			if (o->since < 0)
				return cli_usage_error(cmd, _("--since: '%s' "
				    "is not like 7d, 4w, 12h or 2026-11-01"),
				    optarg);
			break;
		case 'j':
		case 'c':
			if (!(flags & HOPT_MACHINE))
				goto bad;
			if (o->fmt != HFMT_TEXT)
				return cli_usage_error(cmd, _("--json and "
				    "--csv cannot be combined"));
			o->fmt = c == 'j' ? HFMT_JSON : HFMT_CSV;
			break;
		case 'f':
			if (!(flags & HOPT_REPORT))
				goto bad;
			if ((o->fmt = histcmd_fmt_named(optarg)) == HFMT_TEXT)
				return cli_usage_error(cmd, _("--format must "
				    "be md, csv, json, pdf, png or svg"));
			o->fmt_given = 1;
			break;
		case 'E':
			if (!(flags & HOPT_EXPORT))
				goto bad;
			if (optarg[0] == '\0')
				return cli_usage_error(cmd, _("--export needs "
				    "a file name (or - for standard output)"));
			o->export_to = optarg;
			break;
		case 'F':
			if (!(flags & HOPT_FROM))
				goto bad;
			if (optarg[0] == '\0')
				return cli_usage_error(cmd, _("--from-export "
				    "needs a file name"));
			o->from_export = optarg;
			break;
		case 'L':
			if (!(flags & HOPT_REPORT))
				goto bad;
			if (!i18n_has(optarg, lang))
				return cli_usage_error(cmd, _("--lang: no "
				    "catalogue for '%s' (knead speaks en %s)"),
				    optarg, KNEAD_LINGUAS);
			o->lang = optarg;
			break;
		case 'R':
			if (!(flags & (HOPT_REPORT | HOPT_EXPORT)))
				goto bad;
			if (optarg[0] == '\0')
				return cli_usage_error(cmd, _("--routine needs "
				    "a routine id"));
			o->routine = optarg;
			break;
		case 'o':
			if (!(flags & HOPT_REPORT))
				goto bad;
			if (optarg[0] == '\0')
				return cli_usage_error(cmd, _("--out needs a "
				    "file name (or - for standard output)"));
			o->out = optarg;
			break;
		case ':':
			return cli_usage_error(cmd, _("option '%s' needs a "
			    "value"),
			    argv[optind - 1]);
		bad:
			return opt_not_here(cmd, c);
		default:
			return cli_usage_error(cmd, _("unknown option '%s'"),
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, _("unexpected argument '%s'"),
		    argv[optind]);
	return opts_together(cmd, o, flags);
}


/* knead history: past sessions as text, JSON or CSV. */
int
cmd_history(int argc, char **argv)
{
	static const char *const usage =
	    N_("usage: knead history [--since WHEN] [--json|--csv] [--db "
	    "FILE]\n"
	    "       knead history --export FILE [--since WHEN] [--routine ID]\n"
	    "\n"
	    "Past sessions, oldest first: when, routine, outcome, duration,\n"
	    "areas worked, the pain ratings of each area, overrides and\n"
	    "skipped areas; refused attempts too. Then the pain trend per\n"
	    "area and this week's homework progress.\n\n"
	    "  --since WHEN     only sessions since WHEN: 12h, 7d, 4w or a "
	    "date\n"
	    "                   like 2026-11-01 (local midnight)\n"
	    "  --json, --csv    machine-readable output (times in UTC)\n"
	    "  --export FILE    write every session that has ended as JSON\n"
	    "                   lines (- for standard output), for knead import\n"
	    "                   on another machine or a therapist's knead\n"
	    "                   report --from-export\n"
	    "  --routine ID     with --export: only this routine's sessions\n"
	    "  --db FILE        the history store (default: KNEAD_DB, then\n"
	    "                   $XDG_DATA_HOME/knead/history.db)\n"
	    "  --routines DIR   also read routines (homework targets) from "
	    "DIR\n  -h, --help       this help\n");
	struct hopts		 o;
	struct hist_session	*ss;
	size_t			 n, i;
	int			 rc;

	if ((rc = histcmd_opts("history", argc, argv, &o, usage,
	    HOPT_SINCE | HOPT_MACHINE | HOPT_EXPORT)) != -1)
		return rc;
	tzset();
	if (o.export_to != NULL)
		return histcmd_export(&o);
	if ((rc = histcmd_sessions(&o, &ss, &n)) != 0)
		return rc;
	if (o.fmt == HFMT_JSON) {
		printf("[");
		for (i = 0; i < n; i++) {
			printf("%s\n  ", i ? "," : "");
			report_json_session(stdout, &ss[i]);
		}
		printf("%s]\n", n ? "\n" : "");
	} else if (o.fmt == HFMT_CSV)
		histcmd_list_csv(stdout, ss, n);
	else
		histcmd_list_text(&o, ss, n);
	history_sessions_free(ss, n);
	return KNEAD_EXIT_OK;
}
