/*
 * knead status, knead history and knead report: what the history store
 * knows, for the user (status, history) and for a therapist (report).
 *
 * Everything read from the store is text someone typed (override reasons,
 * routine titles, screen questions), so it is written through put_text,
 * put_json or put_csv, which never let a control byte reach the terminal or
 * the file.
 */
#include "cli.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "areas.h"
#include "clock.h"
#include "exitcodes.h"
#include "history.h"
#include "library.h"
#include "routine.h"
#include "xmalloc.h"

enum fmt {
	FMT_TEXT,
	FMT_MD,
	FMT_CSV,
	FMT_JSON
};

/* Options shared by status, history and report. */
struct hopts {
	const char	*db;
	const char	*routines;
	const char	*out;
	int64_t		 since;		/* unix s; 0 = everything */
	const char	*since_arg;
	enum fmt	 fmt;
};

/*
 * Length of the valid UTF-8 sequence at s and its code point, or 0 when the
 * bytes are not valid UTF-8.
 */
static size_t
u8_next(const unsigned char *s, uint32_t *cp)
{
	size_t	 n, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* A control character (C0, DEL, C1) that must never be printed raw. */
static int
is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

/*
 * Text for a terminal or a Markdown table: controls and invalid bytes
 * become '?'; in Markdown the table separator and backslash are escaped.
 */
static void
put_text(FILE *fp, const char *s, int md)
{
	const unsigned char	*p;
	uint32_t		 c;
	size_t			 n;

	p = (const unsigned char *)(s != NULL ? s : "");
	while (*p != '\0') {
		if ((n = u8_next(p, &c)) == 0) {
			fputc('?', fp);
			p++;
			continue;
		}
		if (is_control(c))
			fputc(c == '\n' || c == '\t' ? ' ' : '?', fp);
		else if (md && (c == '|' || c == '\\' || c == '*' || c == '_' ||
		    c == '`' || c == '<' || c == '[')) {
			fputc('\\', fp);
			fputc((int)c, fp);
		} else
			fwrite(p, 1, n, fp);
		p += n;
	}
}

/* A JSON string (with quotes), or null. */
static void
put_json(FILE *fp, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 n;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	while (*p != '\0') {
		if ((n = u8_next(p, &c)) == 0) {
			fputs("\\ufffd", fp);
			p++;
			continue;
		}
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", (int)c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (is_control(c))
			fprintf(fp, "\\u%04x", (unsigned)c);
		else
			fwrite(p, 1, n, fp);
		p += n;
	}
	fputc('"', fp);
}

/*
 * One CSV field (RFC 4180): quoted, quotes doubled, controls become spaces,
 * and text a spreadsheet would run as a formula gets a leading quote.
 */
static void
put_csv(FILE *fp, const char *s)
{
	const unsigned char	*p;
	uint32_t		 c;
	size_t			 n;

	p = (const unsigned char *)(s != NULL ? s : "");
	fputc('"', fp);
	if (*p == '=' || *p == '+' || *p == '-' || *p == '@')
		fputc('\'', fp);
	while (*p != '\0') {
		if ((n = u8_next(p, &c)) == 0) {
			fputc('?', fp);
			p++;
			continue;
		}
		if (c == '"')
			fputs("\"\"", fp);
		else if (is_control(c))
			fputc(' ', fp);
		else
			fwrite(p, 1, n, fp);
		p += n;
	}
	fputc('"', fp);
}

/* Local "2026-11-23 08:14" (or another strftime format). */
static void
fmt_local(int64_t t, const char *f, char *buf, size_t len)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (localtime_r(&tt, &tm) == NULL || strftime(buf, len, f, &tm) == 0)
		snprintf(buf, len, "?");
}

/* UTC ISO 8601 "2026-11-23T08:14:00Z" for JSON and CSV. */
static void
fmt_utc(int64_t t, char *buf, size_t len)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL)
		snprintf(buf, len, "?");
	else
		strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* "13 h 46 min", "46 min", "3 d 2 h": as the refusal says it. */
static void
fmt_left(int64_t s, char *buf, size_t len)
{
	int64_t	m = (s < 0 ? 0 : s + 59) / 60;

	if (m < 60)
		snprintf(buf, len, "%lld min", (long long)m);
	else if (m >= 72 * 60) {
		m = (m + 59) / 60;
		if (m % 24 == 0)
			snprintf(buf, len, "%lld d", (long long)(m / 24));
		else
			snprintf(buf, len, "%lld d %lld h", (long long)(m / 24),
			    (long long)(m % 24));
	} else if (m % 60 == 0)
		snprintf(buf, len, "%lld h", (long long)(m / 60));
	else
		snprintf(buf, len, "%lld h %lld min", (long long)(m / 60),
		    (long long)(m % 60));
}

/* "8:05" or "1:02:03" from seconds. */
static void
fmt_dur(int64_t s, char *buf, size_t len)
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		snprintf(buf, len, "%lld:%02lld:%02lld", (long long)(s / 3600),
		    (long long)(s / 60 % 60), (long long)(s % 60));
	else
		snprintf(buf, len, "%lld:%02lld", (long long)(s / 60),
		    (long long)(s % 60));
}

/* The display name of a stored area id. */
static const char *
area_name(const char *id)
{
	const struct area	*a;
	const char		*p;

	if (id == NULL)
		return "";
	if ((a = area_find(id)) != NULL)
		return a->name;
	/* An id this knead does not know: shown only if it is plain. */
	for (p = id; *p != '\0'; p++) {
		if ((*p < 'a' || *p > 'z') && (*p < '0' || *p > '9') &&
		    *p != '-')
			return "(unknown area)";
	}
	return id;
}

/* "upper trapezius (left)" or "thoracic spine". */
static void
area_label(const char *id, const char *side, char *buf, size_t len)
{
	if (side != NULL && side[0] != '\0')
		snprintf(buf, len, "%s (%s)", area_name(id), side);
	else
		snprintf(buf, len, "%s", area_name(id));
}

/*
 * Parse WHEN: "7d", "4w", "12h" back from now, or a local date
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
		return now - n * 86400;
	case 'w':
		return now - n * 7 * 86400;
	default:
		return -1;
	}
}

/* Open the store named by --db (or KNEAD_DB, or the default). */
static int
open_history(const struct hopts *o, struct history **h)
{
	char	*cause = NULL;
	int	 rc;

	rc = history_open(o->db, &clock_system, h, &cause);
	if (rc != 0) {
		fprintf(stderr, "knead: history store: ");
		put_text(stderr, cause, 0);
		fprintf(stderr, "\n");
		free(cause);
	}
	return rc;
}

/*
 * Parse the options of one command; returns -1 to go on, or an exit code
 * (help printed, usage error).
 */
static int
parse_opts(const char *cmd, int argc, char **argv, struct hopts *o,
    const char *usage, int flags)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "routines", required_argument, NULL, 'r' },
		{ "since", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	size_t		i;
	int		c;

	memset(o, 0, sizeof *o);
	o->fmt = flags & 2 ? FMT_MD : FMT_TEXT;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hd:r:s:jcf:o:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return KNEAD_EXIT_OK;
		case 'd':
			o->db = optarg;
			break;
		case 'r':
			/* A wrong folder would drop the homework targets. */
			if (library_check_dir(cmd, optarg) != 0)
				return KNEAD_EXIT_NOINPUT;
			o->routines = optarg;
			break;
		case 's':
			if (!(flags & 1))
				goto bad;
			o->since_arg = optarg;
			o->since = parse_since(optarg,
			    clock_wall_s(&clock_system));
			if (o->since < 0)
				return cli_usage_error(cmd, "--since: '%s' is "
				    "not like 7d, 4w, 12h or 2026-11-01",
				    optarg);
			break;
		case 'j':
		case 'c':
			if (flags != 1)
				goto bad;
			if (o->fmt != FMT_TEXT)
				return cli_usage_error(cmd, "--json and --csv "
				    "cannot be combined");
			o->fmt = c == 'j' ? FMT_JSON : FMT_CSV;
			break;
		case 'f':
			if (!(flags & 2))
				goto bad;
			if (strcmp(optarg, "md") == 0)
				o->fmt = FMT_MD;
			else if (strcmp(optarg, "csv") == 0)
				o->fmt = FMT_CSV;
			else if (strcmp(optarg, "json") == 0)
				o->fmt = FMT_JSON;
			else
				return cli_usage_error(cmd, "--format must be "
				    "md, csv or json");
			break;
		case 'o':
			if (!(flags & 2))
				goto bad;
			if (optarg[0] == '\0')
				return cli_usage_error(cmd, "--out needs a "
				    "file name (or - for standard output)");
			o->out = optarg;
			break;
		case ':':
			return cli_usage_error(cmd, "option '%s' needs a value",
			    argv[optind - 1]);
		bad:
			/* argv[optind - 1] may be the option's value here. */
			for (i = 0; longopts[i].name != NULL; i++) {
				if (longopts[i].val == c)
					break;
			}
			return cli_usage_error(cmd, "option '--%s' is not one "
			    "of knead %s's", longopts[i].name != NULL ?
			    longopts[i].name : "?", cmd);
		default:
			return cli_usage_error(cmd, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'",
		    argv[optind]);
	return -1;
}

/* Load the library (for homework blocks); problems are not shown here. */
static void
load_library(const struct hopts *o, struct library *lib)
{
	memset(lib, 0, sizeof *lib);
	if (o->routines != NULL)
		library_add_dir(lib, o->routines);
	library_load(lib, NULL);
}

/*
 * One line of homework progress for a routine, after the "Homework:" title
 * when it is the first (*shown counts them). A bundled routine's homework
 * block is an example for therapists, not homework given to this person:
 * it is shown only while they are doing it (a session in the last 7 days).
 */
static void
print_homework(FILE *fp, struct history *h, const struct routine *r,
    int bundled, size_t *shown)
{
	struct homework_progress hp;
	char			*cause = NULL;

	if (history_homework(h, r, &hp, &cause) != 0) {
		free(cause);
		return;
	}
	if (!r->homework.present || (bundled && hp.done_this_week == 0))
		return;
	if ((*shown)++ == 0)
		fprintf(fp, "\nHomework:\n");
	fprintf(fp, "  ");
	put_text(fp, r->id.s, 0);
	if (r->homework.by.s != NULL) {
		fprintf(fp, " (from ");
		put_text(fp, r->homework.by.s, 0);
		fprintf(fp, ")");
	}
	if (!hp.active) {
		fprintf(fp, ": not running now (%s to %s)\n",
		    r->homework.from.s != NULL ? r->homework.from.s : "?",
		    r->homework.until.s != NULL ? r->homework.until.s : "?");
		return;
	}
	if (hp.per_week > 0)
		fprintf(fp, ": %d of %d sessions in the last 7 days",
		    hp.done_this_week, hp.per_week);
	else	/* no weekly target given */
		fprintf(fp, ": %d session%s in the last 7 days",
		    hp.done_this_week, hp.done_this_week == 1 ? "" : "s");
	if (r->homework.until_day.set && hp.days_left == 0)
		fprintf(fp, ", today is its last day");
	else if (r->homework.until_day.set)
		fprintf(fp, ", %d day%s left (until %s)", hp.days_left,
		    hp.days_left == 1 ? "" : "s", r->homework.until.s);
	fprintf(fp, "\n");
}

/* knead status: resting areas and homework progress. */
int
cmd_status(int argc, char **argv)
{
	static const char usage[] =
	    "usage: knead status [--db FILE] [--routines DIR]\n\n"
	    "Which areas are resting after a session, until when (local time)\n"
	    "and for how long, which routines have had their sessions for the\n"
	    "week, and the progress of any homework routine.\n\n"
	    "  --db FILE        the history store (default: KNEAD_DB, then\n"
	    "                   $XDG_DATA_HOME/knead/history.db)\n"
	    "  --routines DIR   also read routines from DIR\n"
	    "  -h, --help       this help\n";
	struct hopts	 o;
	struct history	*h;
	struct resting	*rest;
	struct library	 lib;
	char		*cause = NULL, when[64], left[64], label[128];
	size_t		 n, i, shown = 0, nweek = 0;
	int		 rc;

	if ((rc = parse_opts("status", argc, argv, &o, usage, 0)) != -1)
		return rc;
	tzset();
	if ((rc = open_history(&o, &h)) != 0)
		return rc;
	if ((rc = history_resting(h, &rest, &n, &cause)) != 0) {
		fprintf(stderr, "knead: %s\n", cause);
		free(cause);
		history_close(h);
		return rc;
	}
	if (n == 0)
		printf("Nothing is resting: every area can be worked.\n");
	else
		printf("Resting:\n");
	for (i = 0; i < n; i++) {
		area_label(rest[i].area->id, rest[i].side == SIDE_LEFT ?
		    "left" : rest[i].side == SIDE_RIGHT ? "right" : "", label,
		    sizeof label);
		fmt_local(rest[i].free_at, rest[i].free_at - rest[i].checked_at
		    >= 6 * 86400 ? "%a %d %b %H:%M" : "%a %H:%M", when,
		    sizeof when);
		fmt_left(rest[i].free_at - rest[i].checked_at, left,
		    sizeof left);
		printf("  %-32s until %s (%s left)%s\n", label, when, left,
		    rest[i].clock_behind ? "; the clock is behind its last "
		    "session" : rest[i].in_progress ? "; a session is running "
		    "now" : "");
	}
	free(rest);

	load_library(&o, &lib);
	for (i = 0; i < lib.n; i++) {
		struct resting	 cap;
		int		 capped;

		if (!lib.v[i].valid || history_week_cap(h, lib.v[i].routine,
		    &cap, &capped, &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		if (!capped)
			continue;
		if (nweek++ == 0)
			printf("\nWeekly limits reached:\n");
		fmt_local(cap.free_at, cap.free_at - cap.checked_at >= 6 *
		    86400 ? "%a %d %b %H:%M" : "%a %H:%M", when, sizeof when);
		fmt_left(cap.free_at - cap.checked_at, left, sizeof left);
		printf("  ");
		put_text(stdout, lib.v[i].routine->id.s, 0);
		printf(": %d of %d sessions in 7 days; the next is allowed %s "
		    "(%s left)%s\n", cap.week_count, cap.per_week, when, left,
		    cap.clock_behind ? "; the clock is behind its last "
		    "session" : "");
	}
	for (i = 0; i < lib.n; i++) {
		if (!lib.v[i].valid || !lib.v[i].routine->homework.present)
			continue;
		print_homework(stdout, h, lib.v[i].routine,
		    strcmp(lib.v[i].origin, "bundled") == 0, &shown);
	}
	library_free(&lib);
	history_close(h);
	return KNEAD_EXIT_OK;
}

/*
 * "upper trapezius L R, rhomboids L": the areas a session worked (planned
 * areas it never reached are not listed).
 */
static void
areas_summary(const struct hist_session *s, char *buf, size_t len)
{
	size_t	i, j, off = 0;
	int	seen;

	buf[0] = '\0';
	for (i = 0; i < s->nareas && off < len; i++) {
		if (s->areas[i].done_ms == 0)
			continue;
		seen = 0;
		for (j = 0; j < i; j++)
			seen |= s->areas[j].done_ms != 0 &&
			    strcmp(s->areas[j].area, s->areas[i].area) == 0;
		if (seen)
			continue;
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    off ? ", " : "", area_name(s->areas[i].area));
		for (j = i; j < s->nareas && off < len; j++) {
			if (strcmp(s->areas[j].area, s->areas[i].area) != 0 ||
			    s->areas[j].side[0] == '\0' ||
			    s->areas[j].done_ms == 0)
				continue;
			off += (size_t)snprintf(buf + off, len - off, " %c",
			    s->areas[j].side[0] == 'l' ? 'L' : 'R');
		}
	}
	if (off >= len && len > 4)
		memcpy(buf + len - 4, "...", 4);
}

/* Was the session stopped by a "yes" to a screening question, unstarted? */
static int
screened_out(const struct hist_session *s)
{
	size_t	i;

	if (strcmp(s->outcome, "stopped") != 0 || s->nsteps != 0)
		return 0;
	for (i = 0; i < s->nanswers; i++) {
		if (strcmp(s->answers[i].answer, "yes") == 0)
			return 1;
	}
	return 0;
}

/* Did the session run (not refused, screened out or still running)? */
static int
ran(const struct hist_session *s)
{
	return strcmp(s->outcome, "refused") != 0 &&
	    strcmp(s->outcome, "running") != 0 && !screened_out(s);
}

/* Seconds a session lasted (0 while running or refused). */
static int64_t
session_secs(const struct hist_session *s)
{
	if (s->ended_at == 0 || s->ended_at < s->started_at)
		return 0;
	return s->ended_at - s->started_at;
}

/* The pain before and after as "5 -> 3", "-" when none. */
static void
pain_pair(const struct hist_session *s, char *buf, size_t len)
{
	if (s->pain_before < 0)
		snprintf(buf, len, "-");
	else if (s->npains == 1)
		snprintf(buf, len, "%d", s->pain_before);
	else
		snprintf(buf, len, "%d -> %d", s->pain_before, s->pain_after);
}

/* The rest-limit events of one kind, "a (left), b" into buf. */
static void
limits_of(const struct hist_session *s, const char *action, char *buf,
    size_t len)
{
	char	label[128];
	size_t	i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < s->nlimits && off < len; i++) {
		if (strcmp(s->limits[i].action, action) != 0)
			continue;
		if (s->limits[i].area == NULL)
			snprintf(label, sizeof label, "sessions per week");
		else
			area_label(s->limits[i].area, s->limits[i].side, label,
			    sizeof label);
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    off ? ", " : "", label);
	}
}

/* One session as a JSON object. */
static void
json_session(FILE *fp, const struct hist_session *s)
{
	char	t[64];
	size_t	i;

	fprintf(fp, "{\"id\": %lld, \"routine\": ", (long long)s->id);
	put_json(fp, s->routine_id);
	fprintf(fp, ", \"title\": ");
	put_json(fp, s->title);
	fprintf(fp, ", \"file_hash\": ");
	put_json(fp, s->file_hash);
	fmt_utc(s->started_at, t, sizeof t);
	fprintf(fp, ", \"started\": \"%s\", \"ended\": ", t);
	if (s->ended_at != 0) {
		fmt_utc(s->ended_at, t, sizeof t);
		fprintf(fp, "\"%s\"", t);
	} else
		fprintf(fp, "null");
	fprintf(fp, ", \"outcome\": ");
	put_json(fp, s->outcome);
	fprintf(fp, ", \"duration_s\": %lld, \"planned_s\": %llu, "
	    "\"done_s\": %llu, \"steps\": %zu, ", (long long)session_secs(s),
	    (unsigned long long)(s->planned_ms / 1000),
	    (unsigned long long)(s->done_ms / 1000), s->nsteps);
	if (s->pain_before >= 0)
		fprintf(fp, "\"pain_before\": %d, \"pain_after\": %d",
		    s->pain_before, s->pain_after);
	else
		fprintf(fp, "\"pain_before\": null, \"pain_after\": null");
	fprintf(fp, ", \"override_reason\": ");
	put_json(fp, s->override_reason);
	fprintf(fp, ", \"areas\": [");
	for (i = 0; i < s->nareas; i++) {
		fprintf(fp, "%s{\"area\": ", i ? ", " : "");
		put_json(fp, s->areas[i].area);
		fprintf(fp, ", \"side\": ");
		put_json(fp, s->areas[i].side);
		fprintf(fp, ", \"planned_s\": %llu, \"done_s\": %llu",
		    (unsigned long long)(s->areas[i].planned_ms / 1000),
		    (unsigned long long)(s->areas[i].done_ms / 1000));
		if (s->areas[i].pain_first >= 0)
			fprintf(fp, ", \"pain_first\": %d, \"pain_last\": %d",
			    s->areas[i].pain_first, s->areas[i].pain_last);
		fprintf(fp, "}");
	}
	fprintf(fp, "], \"limits\": [");
	for (i = 0; i < s->nlimits; i++) {
		fmt_utc(s->limits[i].free_at, t, sizeof t);
		fprintf(fp, "%s{\"action\": ", i ? ", " : "");
		put_json(fp, s->limits[i].action);
		fprintf(fp, ", \"area\": ");
		put_json(fp, s->limits[i].area);
		fprintf(fp, ", \"side\": ");
		put_json(fp, s->limits[i].side);
		fprintf(fp, ", \"free_at\": \"%s\", \"clock_behind\": %s}", t,
		    s->limits[i].clock_behind ? "true" : "false");
	}
	fprintf(fp, "], \"last_step\": ");
	if (s->last_kind != NULL) {
		fprintf(fp, "{\"kind\": ");
		put_json(fp, s->last_kind);
		fprintf(fp, ", \"area\": ");
		put_json(fp, s->last_area);
		fprintf(fp, ", \"side\": ");
		put_json(fp, s->last_side);
		fprintf(fp, ", \"done_s\": %llu}",
		    (unsigned long long)(s->last_done_ms / 1000));
	} else
		fprintf(fp, "null");
	fprintf(fp, ", \"screen\": [");
	for (i = 0; i < s->nanswers; i++) {
		fprintf(fp, "%s{\"question\": ", i ? ", " : "");
		put_json(fp, s->answers[i].question);
		fprintf(fp, ", \"answer\": ");
		put_json(fp, s->answers[i].answer);
		fprintf(fp, "}");
	}
	fprintf(fp, "]}");
}

/* knead history: past sessions as text, JSON or CSV. */
int
cmd_history(int argc, char **argv)
{
	static const char usage[] =
	    "usage: knead history [--since WHEN] [--json|--csv] [--db FILE]\n\n"
	    "Past sessions, oldest first: when, routine, outcome, duration,\n"
	    "areas worked, pain before and after, overrides and skipped "
	    "areas.\n"
	    "Refused attempts are listed too.\n\n"
	    "  --since WHEN     only sessions since WHEN: 12h, 7d, 4w or a "
	    "date\n"
	    "                   like 2026-11-01 (local midnight)\n"
	    "  --json, --csv    machine-readable output (times in UTC)\n"
	    "  --db FILE        the history store (default: KNEAD_DB, then\n"
	    "                   $XDG_DATA_HOME/knead/history.db)\n"
	    "  --routines DIR   accepted for symmetry with the other commands\n"
	    "  -h, --help       this help\n";
	struct hopts		 o;
	struct history		*h;
	struct hist_session	*ss, *s;
	char			*cause = NULL, when[64], dur[32], areas[512];
	char			 pain[32], buf[512], t2[64];
	size_t			 n, i, k;
	int			 rc;

	if ((rc = parse_opts("history", argc, argv, &o, usage, 1)) != -1)
		return rc;
	tzset();
	if ((rc = open_history(&o, &h)) != 0)
		return rc;
	if ((rc = history_sessions(h, o.since, &ss, &n, &cause)) != 0) {
		fprintf(stderr, "knead: %s\n", cause);
		free(cause);
		history_close(h);
		return rc;
	}
	if (o.fmt == FMT_JSON) {
		printf("[");
		for (i = 0; i < n; i++) {
			printf("%s\n  ", i ? "," : "");
			json_session(stdout, &ss[i]);
		}
		printf("%s]\n", n ? "\n" : "");
	} else if (o.fmt == FMT_CSV) {
		printf("id,started,ended,routine,title,outcome,duration_s,"
		    "planned_s,done_s,areas,pain_before,pain_after,"
		    "override_reason,overridden,skipped,refused\r\n");
		for (i = 0; i < n; i++) {
			s = &ss[i];
			fmt_utc(s->started_at, when, sizeof when);
			fmt_utc(s->ended_at, t2, sizeof t2);
			printf("%lld,%s,%s,", (long long)s->id, when,
			    s->ended_at ? t2 : "");
			put_csv(stdout, s->routine_id);
			printf(",");
			put_csv(stdout, s->title);
			printf(",%s,%lld,%llu,%llu,", s->outcome,
			    (long long)session_secs(s),
			    (unsigned long long)(s->planned_ms / 1000),
			    (unsigned long long)(s->done_ms / 1000));
			areas_summary(s, areas, sizeof areas);
			put_csv(stdout, areas);
			if (s->pain_before >= 0)
				printf(",%d,%d,", s->pain_before,
				    s->pain_after);
			else
				printf(",,,");
			put_csv(stdout, s->override_reason);
			limits_of(s, "overridden", buf, sizeof buf);
			printf(",");
			put_csv(stdout, buf);
			limits_of(s, "skipped", buf, sizeof buf);
			printf(",");
			put_csv(stdout, buf);
			limits_of(s, "refused", buf, sizeof buf);
			printf(",");
			put_csv(stdout, buf);
			printf("\r\n");
		}
	} else {
		if (n == 0)
			printf("No sessions%s%s.\n", o.since_arg ? " since " :
			    "", o.since_arg ? o.since_arg : "");
		else
			printf("%-16s  %-24s %-11s %8s  %-7s  %s\n", "WHEN",
			    "ROUTINE", "OUTCOME", "DURATION", "PAIN", "AREAS");
		for (i = 0; i < n; i++) {
			s = &ss[i];
			fmt_local(s->started_at, "%Y-%m-%d %H:%M", when,
			    sizeof when);
			if (s->ended_at != 0 && ran(s))
				fmt_dur(session_secs(s), dur, sizeof dur);
			else
				snprintf(dur, sizeof dur, "-");
			pain_pair(s, pain, sizeof pain);
			areas_summary(s, areas, sizeof areas);
			printf("%-16s  ", when);
			snprintf(buf, sizeof buf, "%-24s", s->routine_id);
			put_text(stdout, buf, 0);
			printf(" %-11s %8s  %-7s  %s\n", s->outcome, dur, pain,
			    areas);
			if (s->override_reason != NULL) {
				limits_of(s, "overridden", buf, sizeof buf);
				printf("%18soverride (%s): \"", "", buf);
				put_text(stdout, s->override_reason, 0);
				printf("\"\n");
			}
			limits_of(s, "skipped", buf, sizeof buf);
			if (buf[0] != '\0')
				printf("%18sskipped, resting: %s\n", "", buf);
			limits_of(s, "refused", buf, sizeof buf);
			if (buf[0] != '\0')
				printf("%18srefused, resting: %s\n", "", buf);
			for (k = 0; k < s->nanswers; k++) {
				if (strcmp(s->answers[k].answer, "yes") != 0)
					continue;
				printf("%18snot started: \"", "");
				put_text(stdout, s->answers[k].question, 0);
				printf("\" yes\n");
			}
		}
	}
	history_sessions_free(ss, n);
	history_close(h);
	return KNEAD_EXIT_OK;
}

/* ==== knead report ==== */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The civil date of a day number, as "2026-11-23". */
static void
civil_from_days(int64_t z, char *buf, size_t len)
{
	int64_t	era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	snprintf(buf, len, "%04lld-%02lld-%02lld", (long long)(y + (m <= 2)),
	    (long long)m, (long long)d);
}

/* The day number of the local Monday of the week holding t. */
static int64_t
week_of(int64_t t)
{
	time_t		tt = (time_t)t;
	struct tm	tm;
	int64_t		day;

	if (localtime_r(&tt, &tm) == NULL)
		return t / 86400;
	day = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return day - (tm.tm_wday + 6) % 7;
}

/* Pain series longer than this are drawn by week in the report. */
#define PAIN_LIST_MAX	20
#define PAIN_WEEKS_MAX	26

/* Per routine counts. */
struct rsum {
	const char		*id;
	const char		*title;
	const struct routine	*r;	/* from the library; may be NULL */
	int			 ran, completed, stopped, halted;
	int			 interrupted, refused, overrides, skips;
	int			 screened;	/* not started: screening */
	int			 versions;	/* file versions that ran */
	const char		*last_hash;
	int64_t			 first_week, last_week;
	struct homework		 snap;	/* as stored with its last session */
};

/* One pain rating in the series of an area and side. */
struct pseries {
	const char	*area;
	const char	*side;
	int		*v;
	int64_t		*at;
	size_t		 n;
};

struct report {
	struct hist_session	*ss;
	size_t			 n;
	struct rsum		*rs;
	size_t			 nrs;
	struct pseries		*ps;
	size_t			 nps;
	int64_t			 since, now;
	int64_t			 this_week;
	struct library		 lib;
	/* Per session: its week and routine (index in rs), computed once. */
	int64_t			*sweek;
	size_t			*srs;
};

/* The summary of routine id (created on first use, starting week). */
static struct rsum *
rsum_find(struct report *rp, const char *id, const char *title, int64_t week)
{
	struct lib_entry	*e;
	size_t			 i;

	for (i = 0; i < rp->nrs; i++) {
		if (strcmp(rp->rs[i].id, id) == 0)
			return &rp->rs[i];
	}
	rp->rs = xreallocarray(rp->rs, rp->nrs + 1, sizeof *rp->rs);
	memset(&rp->rs[rp->nrs], 0, sizeof *rp->rs);
	rp->rs[rp->nrs].id = id;
	rp->rs[rp->nrs].title = title;
	e = library_find(&rp->lib, id);
	if (e != NULL && e->valid)
		rp->rs[rp->nrs].r = e->routine;
	rp->rs[rp->nrs].first_week = week;
	rp->rs[rp->nrs].last_week = week;
	return &rp->rs[rp->nrs++];
}

/* The summary of the routine of session s. */
static struct rsum *
rsum_get(struct report *rp, const struct hist_session *s)
{
	return rsum_find(rp, s->routine_id, s->title, week_of(s->started_at));
}

/* A stored "YYYY-MM-DD" as a day number in *out (unset when it is not). */
static void
stored_day(const char *s, struct fnum *out)
{
	int	y, m, d;

	memset(out, 0, sizeof *out);
	if (s != NULL && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
	    m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		out->v = days_from_civil(y, m, d);
		out->set = 1;
	}
}

/* Keep the homework block session s was run with (the latest wins). */
static void
rsum_snap(struct rsum *r, const struct hist_session *s)
{
	struct homework	*hw = &r->snap;

	if (!s->hw_present)
		return;
	memset(hw, 0, sizeof *hw);
	hw->present = 1;
	hw->per_week.set = s->hw_per_week > 0;
	hw->per_week.v = s->hw_per_week;
	hw->from.s = s->hw_from;
	hw->until.s = s->hw_until;
	hw->by.s = s->hw_by;
	hw->for_whom.s = s->hw_for;
	hw->note.s = s->hw_note;
	stored_day(s->hw_from, &hw->from_day);
	stored_day(s->hw_until, &hw->until_day);
}

/*
 * The homework of a routine: its file's block when the library has it,
 * else the block stored with its sessions (the file was changed or
 * deleted); NULL when it is not homework.
 */
static const struct homework *
rsum_hw(const struct rsum *r)
{
	if (r->r != NULL && r->r->homework.present)
		return &r->r->homework;
	if (r->snap.present)
		return &r->snap;
	return NULL;
}

/*
 * Homework given to this person (a routine with a homework block in their
 * own folders, not a bundled example) is listed even when it was never run:
 * zero sessions is what the therapist most needs to see.
 */
static void
report_homework(struct report *rp)
{
	const struct routine	*r;
	size_t			 i;
	int64_t			 w;

	for (i = 0; i < rp->lib.n; i++) {
		r = rp->lib.v[i].routine;
		if (!rp->lib.v[i].valid || strcmp(rp->lib.v[i].origin,
		    "bundled") == 0 || !r->homework.present || r->id.s == NULL)
			continue;
		if (r->homework.until_day.set && rp->since > 0 &&
		    r->homework.until_day.v * 86400 < rp->since)
			continue;	/* ended before the period */
		w = r->homework.from_day.set ? r->homework.from_day.v :
		    rp->this_week;
		w -= ((w + 3) % 7 + 7) % 7;
		if (w > rp->this_week)
			continue;	/* not started yet */
		rsum_find(rp, r->id.s, r->title.s, w);
	}
}

/* Add one rating to the series of its area and side. */
static void
pseries_add(struct report *rp, const char *area, const char *side, int pain,
    int64_t at)
{
	struct pseries	*p = NULL;
	size_t		 i;

	for (i = 0; i < rp->nps; i++) {
		if (strcmp(rp->ps[i].area, area) == 0 &&
		    strcmp(rp->ps[i].side, side != NULL ? side : "") == 0) {
			p = &rp->ps[i];
			break;
		}
	}
	if (p == NULL) {
		rp->ps = xreallocarray(rp->ps, rp->nps + 1, sizeof *rp->ps);
		p = &rp->ps[rp->nps++];
		memset(p, 0, sizeof *p);
		p->area = area;
		p->side = side != NULL ? side : "";
	}
	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	p->at = xreallocarray(p->at, p->n + 1, sizeof *p->at);
	p->v[p->n] = pain;
	p->at[p->n++] = at;
}

/* Gather everything the report shows. */
static void
report_build(struct report *rp)
{
	struct hist_session	*s;
	struct rsum		*r;
	size_t			 i, j;

	rp->this_week = week_of(rp->now);
	rp->sweek = xcalloc(rp->n + 1, sizeof *rp->sweek);
	rp->srs = xcalloc(rp->n + 1, sizeof *rp->srs);
	for (i = 0; i < rp->n; i++) {
		s = &rp->ss[i];
		r = rsum_get(rp, s);
		rp->sweek[i] = week_of(s->started_at);
		rp->srs[i] = (size_t)(r - rp->rs);
		if (s->title != NULL)
			r->title = s->title;
		rsum_snap(r, s);
		r->last_week = week_of(s->started_at);
		if (strcmp(s->outcome, "refused") == 0) {
			r->refused++;
			continue;
		}
		if (screened_out(s)) {
			r->screened++;
			continue;
		}
		if (!ran(s))
			continue;
		if (s->file_hash != NULL && (r->last_hash == NULL ||
		    strcmp(r->last_hash, s->file_hash) != 0)) {
			r->versions++;
			r->last_hash = s->file_hash;
		}
		r->ran++;
		r->completed += strcmp(s->outcome, "completed") == 0;
		r->stopped += strcmp(s->outcome, "stopped") == 0;
		r->halted += strcmp(s->outcome, "halted") == 0;
		r->interrupted += strcmp(s->outcome, "interrupted") == 0;
		r->overrides += s->override_reason != NULL;
		for (j = 0; j < s->nlimits; j++)
			r->skips += strcmp(s->limits[j].action, "skipped") == 0;
		for (j = 0; j < s->npains; j++) {
			if (s->pains[j].area != NULL)
				pseries_add(rp, s->pains[j].area,
				    s->pains[j].side, s->pains[j].pain,
				    s->pains[j].at);
		}
	}
	report_homework(rp);
}

/* Free everything report_build gathered. */
static void
report_free(struct report *rp)
{
	size_t	i;

	for (i = 0; i < rp->nps; i++) {
		free(rp->ps[i].v);
		free(rp->ps[i].at);
	}
	free(rp->ps);
	free(rp->rs);
	free(rp->sweek);
	free(rp->srs);
	history_sessions_free(rp->ss, rp->n);
	library_free(&rp->lib);
}

/*
 * Did the session do at least half of its planned work (pressure time on
 * its areas, or its whole plan when it works no area)? The rule knead uses
 * for rest limits, the weekly cap and homework progress (history.c).
 */
static int
half_done(const struct hist_session *s)
{
	uint64_t	planned = 0, done = 0;
	size_t		i;

	if (s->nareas == 0)
		return 2 * s->done_ms >= s->planned_ms;
	for (i = 0; i < s->nareas; i++) {
		planned += s->areas[i].planned_ms;
		done += s->areas[i].done_ms;
	}
	return 2 * done >= planned;
}

/*
 * Sessions of routine ri (its index in rs) that ran in the week starting
 * on day week: all, those that did at least half their work (they count
 * for the target) and those completed.
 */
static void
week_counts(const struct report *rp, size_t ri, int64_t week, int *nran,
    int *ncounted, int *ncompleted)
{
	size_t	i;

	*nran = *ncounted = *ncompleted = 0;
	for (i = 0; i < rp->n; i++) {
		if (rp->sweek[i] != week || rp->srs[i] != ri ||
		    !ran(&rp->ss[i]))
			continue;
		(*nran)++;
		*ncounted += half_done(&rp->ss[i]);
		*ncompleted += strcmp(rp->ss[i].outcome, "completed") == 0;
	}
}

/* The homework weekly target of a routine, 0 when none. */
static int
target_of(const struct rsum *r)
{
	const struct homework	*hw = rsum_hw(r);

	if (hw == NULL || !hw->per_week.set)
		return 0;
	return (int)hw->per_week.v;
}

/* The first week a routine's table starts at: the period or the homework. */
static int64_t
first_week(const struct report *rp, const struct rsum *r)
{
	int64_t	w = r->first_week;

	if (rp->since > 0 && week_of(rp->since) < w && target_of(r) > 0)
		w = week_of(rp->since);
	if (rsum_hw(r) != NULL && rsum_hw(r)->from_day.set) {
		int64_t hw = rsum_hw(r)->from_day.v;

		/* Its Monday (day 0, 1970-01-01, was a Thursday). */
		hw -= ((hw + 3) % 7 + 7) % 7;
		if (target_of(r) > 0 && hw > w && hw <= r->first_week)
			w = hw;
		else if (target_of(r) > 0 && hw < w && (rp->since == 0 ||
		    hw >= week_of(rp->since)))
			w = hw;
	}
	return w;
}

/* A text sparkline of 0..10 ratings with block characters. */
static void
sparkline(FILE *fp, const int *v, size_t n)
{
	static const char *const bars[] = { "\xe2\x96\x81", "\xe2\x96\x82",
	    "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
	    "\xe2\x96\x87", "\xe2\x96\x88" };
	size_t	i;
	int	x;

	for (i = 0; i < n; i++) {
		x = v[i] < 0 ? 0 : v[i] > 10 ? 10 : v[i];
		fputs(bars[(x * 7 + 5) / 10], fp);
	}
}

/*
 * The ratings and trend cells of a long series: "412 ratings, mean 3.4",
 * then one bar per week that has ratings (its mean), the last weeks only.
 */
static void
pain_weekly(FILE *fp, const struct pseries *p)
{
	int	means[PAIN_WEEKS_MAX];
	size_t	i, j, nw = 0, total = 0, cut = 0;
	int64_t	w, sum;

	for (i = 0; i < p->n; i++)
		total += (size_t)p->v[i];
	total = (total * 10 + p->n / 2) / p->n;	/* tenths, rounded */
	fprintf(fp, "%zu ratings, mean %zu.%zu | ", p->n, total / 10,
	    total % 10);
	/* Walk the weeks from the newest back, then draw oldest first. */
	for (i = p->n; i > 0 && nw < PAIN_WEEKS_MAX; i = j) {
		w = week_of(p->at[i - 1]);
		sum = 0;
		for (j = i; j > 0 && week_of(p->at[j - 1]) == w; j--)
			sum += p->v[j - 1];
		means[nw++] = (int)((sum * 2 + (int64_t)(i - j)) /
		    (2 * (int64_t)(i - j)));
		if (nw == PAIN_WEEKS_MAX && j > 0)
			cut = 1;
	}
	for (i = 0; i < nw / 2; i++) {
		sum = means[i];
		means[i] = means[nw - 1 - i];
		means[nw - 1 - i] = (int)sum;
	}
	if (cut)
		fputs("\xe2\x80\xa6", fp);	/* ellipsis: older weeks */
	sparkline(fp, means, nw);
}

/* Percentage as "80 %", or "-" when there is nothing to divide. */
static void
pct(int num, int den, char *buf, size_t len)
{
	if (den <= 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%d %%", (num * 100 + den / 2) / den);
}

/* The events of one kind ("overridden", "skipped") of a session, md. */
static void
md_limits(FILE *fp, const struct hist_session *s, const char *action)
{
	char	label[128], when[64];
	size_t	i, k = 0;

	for (i = 0; i < s->nlimits; i++) {
		if (strcmp(s->limits[i].action, action) != 0)
			continue;
		if (s->limits[i].area == NULL)
			snprintf(label, sizeof label, "the weekly session "
			    "limit");
		else
			area_label(s->limits[i].area, s->limits[i].side, label,
			    sizeof label);
		fmt_local(s->limits[i].free_at, "%a %d %b %H:%M", when,
		    sizeof when);
		fprintf(fp, "%s%s (resting until %s)", k++ ? ", " : "", label,
		    when);
	}
}

/* The Markdown report: readable by someone who never saw knead. */
static void
report_md(FILE *fp, const struct report *rp)
{
	const struct hist_session	*s;
	const struct rsum		*r;
	const struct homework		*hw;
	char				 a[64], b[64], c[32], d[32], label[128];
	size_t				 i, j, k;
	int64_t				 w;
	int				 nr, nh, nc, any;

	fmt_local(rp->now, "%a %d %b %Y %H:%M", a, sizeof a);
	fprintf(fp, "# Self-massage report\n\n");
	fprintf(fp, "Generated by knead %s on %s (local time).  \n",
	    KNEAD_VERSION, a);
	if (rp->since > 0) {
		fmt_local(rp->since, "%a %d %b %Y", b, sizeof b);
		fprintf(fp, "Period: from %s to now.\n\n", b);
	} else
		fprintf(fp, "Period: every session recorded.\n\n");
	fprintf(fp, "knead is a program that guides self-massage with a "
	    "tennis ball, a lacrosse ball\nor a foam roller. Each routine is "
	    "a list of timed steps (press on a spot, roll,\nstretch). knead "
	    "records every session, asks for a pain rating after some steps\n"
	    "(0 = no pain, 10 = worst imaginable) and refuses to work the same "
	    "area again\nbefore its rest interval has passed, unless the "
	    "person "
	    "overrides it with a reason.\n\n");
	fprintf(fp, "Outcomes: **completed** (every step done), **stopped** "
	    "(the person quit),\n**halted** (stopped at once with the \"!\" "
	    "key "
	    "for sharp pain, numbness or\ntingling), **interrupted** (the "
	    "program was closed abruptly; the steps done\nuntil then are "
	    "kept), **refused** (not started because an area was still\n"
	    "resting or the weekly limit was reached).\n\n");

	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		if ((hw = rsum_hw(r)) == NULL)
			continue;
		fprintf(fp, "Homework **");
		put_text(fp, r->id, 1);
		fprintf(fp, "**");
		if (hw->for_whom.s != NULL) {
			fprintf(fp, " for ");
			put_text(fp, hw->for_whom.s, 1);
		}
		if (hw->by.s != NULL) {
			fprintf(fp, ", assigned by ");
			put_text(fp, hw->by.s, 1);
		}
		if (hw->from.s != NULL && hw->until.s != NULL)
			fprintf(fp, ", %s to %s", hw->from.s, hw->until.s);
		if (hw->per_week.set)
			fprintf(fp, ", %lld sessions a week",
			    (long long)hw->per_week.v);
		fprintf(fp, ".");
		if (hw->note.s != NULL) {
			fprintf(fp, " Note: \"");
			put_text(fp, hw->note.s, 1);
			fprintf(fp, "\"");
		}
		fprintf(fp, "\n\n");
	}

	fprintf(fp, "## Summary\n\n");
	if (rp->nrs == 0)
		fprintf(fp, "No sessions were recorded in this period.\n\n");
	else {
		fprintf(fp, "| Routine | Sessions | Completed | Completion "
		    "rate | Stopped | Halted | Interrupted | Refused attempts "
		    "| Not started (screening) | Overrides | Areas skipped "
		    "|\n");
		fprintf(fp, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
		    "---:|\n");
	}
	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		pct(r->completed, r->ran, c, sizeof c);
		fprintf(fp, "| ");
		put_text(fp, r->title != NULL ? r->title : r->id, 1);
		fprintf(fp, " (");
		put_text(fp, r->id, 1);
		fprintf(fp, ") | %d | %d | %s | %d | %d | %d | %d | %d | "
		    "%d | %d |\n", r->ran, r->completed, c, r->stopped,
		    r->halted, r->interrupted, r->refused, r->screened,
		    r->overrides, r->skips);
	}
	for (i = 0, any = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		if (r->versions <= 1)
			continue;
		fprintf(fp, "%s**", any++ ? "" : "\n");
		put_text(fp, r->id, 1);
		fprintf(fp, "**: its routine file was changed during the "
		    "period; %d different\nversions of it were run (times, "
		    "steps or limits may differ between sessions).\n",
		    r->versions);
	}
	if (rp->nrs > 0)
		fprintf(fp, "\nCompletion rate: completed sessions out of the "
		    "sessions that ran (refused\nattempts and sessions a "
		    "screening answer stopped before they began did\nnot "
		    "run).\n\n");

	fprintf(fp, "## Sessions per week\n\n");
	fprintf(fp, "Weeks start on Monday (local time). A session counts "
	    "towards the target when\nat least half of its planned work was "
	    "done (a session stopped after a minute\ndoes not). The target "
	    "is the homework's sessions a week; \"-\" when the routine\nis "
	    "not homework.\n\n");
	fprintf(fp, "| Week of | Routine | Sessions | At least half done | "
	    "Completed | Target | Met |\n|---|---|---:|---:|---:|---:|---|\n");
	any = 0;
	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		for (w = first_week(rp, r); w <= rp->this_week; w += 7) {
			week_counts(rp, i, w, &nr, &nh, &nc);
			if (nr == 0 && target_of(r) == 0)
				continue;
			if (rsum_hw(r) != NULL && rsum_hw(r)->until_day.set &&
			    w > rsum_hw(r)->until_day.v && nr == 0)
				continue;
			civil_from_days(w, a, sizeof a);
			if (target_of(r) > 0) {
				snprintf(c, sizeof c, "%d", target_of(r));
				snprintf(d, sizeof d, "%s", nh >= target_of(r) ?
				    "yes" : w == rp->this_week ?
				    "(week not over)" : "no");
			} else {
				snprintf(c, sizeof c, "-");
				snprintf(d, sizeof d, "-");
			}
			fprintf(fp, "| %s | ", a);
			put_text(fp, r->id, 1);
			fprintf(fp, " | %d | %d | %d | %s | %s |\n", nr, nh, nc,
			    c, d);
			any = 1;
		}
	}
	if (!any)
		fprintf(fp, "| - | - | 0 | 0 | 0 | - | - |\n");

	fprintf(fp, "\n## Pain ratings per area\n\n");
	if (rp->nps == 0)
		fprintf(fp, "No pain ratings were given in this period.\n");
	else {
		fprintf(fp, "Ratings after steps that ask for one, oldest "
		    "first (0 = no pain, 10 = worst).\nThe trend line draws "
		    "each rating as a bar: low bar, low pain. With more than\n"
		    "%d ratings it draws one bar per week (the week's mean, "
		    "the last %d weeks\nat most) and the ratings column gives "
		    "their mean.\n\n", PAIN_LIST_MAX, PAIN_WEEKS_MAX);
		fprintf(fp, "| Area | Side | Ratings | Trend | First | Last | "
		    "Dates |\n|---|---|---|---|---:|---:|---|\n");
	}
	for (i = 0; i < rp->nps; i++) {
		const struct pseries *p = &rp->ps[i];

		fprintf(fp, "| %s | %s | ", area_name(p->area),
		    p->side[0] != '\0' ? p->side : "-");
		if (p->n <= PAIN_LIST_MAX) {
			for (k = 0; k < p->n; k++)
				fprintf(fp, "%s%d", k ? " " : "", p->v[k]);
			fprintf(fp, " | ");
			sparkline(fp, p->v, p->n);
		} else {
			pain_weekly(fp, p);
		}
		fmt_local(p->at[0], "%d %b %Y", a, sizeof a);
		fmt_local(p->at[p->n - 1], "%d %b %Y", b, sizeof b);
		fprintf(fp, " | %d | %d | %s to %s |\n", p->v[0],
		    p->v[p->n - 1], a, b);
	}

	fprintf(fp, "\n## Overrides of rest limits\n\n");
	any = 0;
	for (i = 0; i < rp->n; i++) {
		s = &rp->ss[i];
		if (s->override_reason == NULL)
			continue;
		fmt_local(s->started_at, "%a %d %b %Y %H:%M", a, sizeof a);
		fprintf(fp, "- %s, ", a);
		put_text(fp, s->routine_id, 1);
		fprintf(fp, ": worked ");
		md_limits(fp, s, "overridden");
		fprintf(fp, ". Reason given: \"");
		put_text(fp, s->override_reason, 1);
		fprintf(fp, "\"\n");
		any = 1;
	}
	if (!any)
		fprintf(fp, "None: every rest interval was respected.\n");

	fprintf(fp, "\n## Halted sessions (\"!\" key: pain or nerve "
	    "symptoms)\n\n");
	any = 0;
	for (i = 0; i < rp->n; i++) {
		s = &rp->ss[i];
		if (strcmp(s->outcome, "halted") != 0)
			continue;
		fmt_local(s->started_at, "%a %d %b %Y %H:%M", a, sizeof a);
		fmt_dur(session_secs(s), b, sizeof b);
		fprintf(fp, "- %s, ", a);
		put_text(fp, s->routine_id, 1);
		fprintf(fp, ", after %s", b);
		if (s->last_kind != NULL) {
			fprintf(fp, "; stopped during ");
			put_text(fp, s->last_kind, 1);
			if (s->last_area != NULL) {
				area_label(s->last_area, s->last_side, label,
				    sizeof label);
				fprintf(fp, " of %s", label);
			}
			fmt_dur((int64_t)(s->last_done_ms / 1000), b,
			    sizeof b);
			fprintf(fp, ", %s into it", b);
		}
		if (s->npains > 0)
			fprintf(fp, "; last pain rating %d", s->pain_after);
		for (j = 0, k = 0; j < s->nareas; j++) {
			if (s->areas[j].done_ms == 0)
				continue;
			area_label(s->areas[j].area, s->areas[j].side, label,
			    sizeof label);
			fprintf(fp, "%s%s", k++ ? ", " : "; worked: ", label);
		}
		fprintf(fp, "\n");
		any = 1;
	}
	if (!any)
		fprintf(fp, "None.\n");

	fprintf(fp, "\n## Interrupted sessions\n\n");
	any = 0;
	for (i = 0; i < rp->n; i++) {
		s = &rp->ss[i];
		if (strcmp(s->outcome, "interrupted") != 0)
			continue;
		fmt_local(s->started_at, "%a %d %b %Y %H:%M", a, sizeof a);
		fprintf(fp, "- %s, ", a);
		put_text(fp, s->routine_id, 1);
		fprintf(fp, ": %zu step%s recorded before the program "
		    "stopped\n", s->nsteps, s->nsteps == 1 ? "" : "s");
		any = 1;
	}
	if (!any)
		fprintf(fp, "None.\n");

	fprintf(fp, "\n## Areas skipped because they were resting\n\n");
	any = 0;
	for (i = 0; i < rp->n; i++) {
		s = &rp->ss[i];
		for (j = 0; j < s->nlimits; j++) {
			if (strcmp(s->limits[j].action, "skipped") == 0)
				break;
		}
		if (j == s->nlimits)
			continue;
		fmt_local(s->started_at, "%a %d %b %Y %H:%M", a, sizeof a);
		fprintf(fp, "- %s, ", a);
		put_text(fp, s->routine_id, 1);
		fprintf(fp, ": ");
		md_limits(fp, s, "skipped");
		fprintf(fp, "\n");
		any = 1;
	}
	if (!any)
		fprintf(fp, "None.\n");

	fprintf(fp, "\n## Screening questions answered \"yes\"\n\n");
	any = 0;
	for (i = 0; i < rp->n; i++) {
		s = &rp->ss[i];
		for (j = 0; j < s->nanswers; j++) {
			if (strcmp(s->answers[j].answer, "yes") != 0)
				continue;
			fmt_local(s->started_at, "%a %d %b %Y %H:%M", a,
			    sizeof a);
			fprintf(fp, "- %s, ", a);
			put_text(fp, s->routine_id, 1);
			fprintf(fp, ": \"");
			put_text(fp, s->answers[j].question, 1);
			fprintf(fp, "\" (the session did not go on)\n");
			any = 1;
		}
	}
	if (!any)
		fprintf(fp, "None.\n");
}

/* The report as JSON: the same sections, times in UTC. */
static void
report_json(FILE *fp, const struct report *rp)
{
	const struct rsum	*r;
	char			 t[64];
	size_t			 i, k, nw = 0;
	int64_t			 w;
	int			 nr, nh, nc;

	fmt_utc(rp->now, t, sizeof t);
	fprintf(fp, "{\n  \"generated\": \"%s\",\n  \"since\": ", t);
	if (rp->since > 0) {
		fmt_utc(rp->since, t, sizeof t);
		fprintf(fp, "\"%s\"", t);
	} else
		fprintf(fp, "null");
	fprintf(fp, ",\n  \"routines\": [");
	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		fprintf(fp, "%s\n    {\"id\": ", i ? "," : "");
		put_json(fp, r->id);
		fprintf(fp, ", \"title\": ");
		put_json(fp, r->title);
		fprintf(fp, ", \"homework_per_week\": %d, \"sessions\": %d, "
		    "\"completed\": %d, \"completion_rate\": ", target_of(r),
		    r->ran, r->completed);
		if (r->ran > 0) {
			/* Not %f: LC_NUMERIC may want a decimal comma. */
			k = (size_t)((r->completed * 1000 + r->ran / 2) /
			    r->ran);
			fprintf(fp, "%zu.%03zu", k / 1000, k % 1000);
		} else
			fprintf(fp, "null");
		fprintf(fp, ", \"stopped\": %d, \"halted\": %d, "
		    "\"interrupted\": %d, \"refused\": %d, "
		    "\"screened_out\": %d, \"overrides\": %d, \"skips\": %d, "
		    "\"file_versions\": %d}", r->stopped, r->halted,
		    r->interrupted, r->refused, r->screened, r->overrides,
		    r->skips, r->versions);
	}
	fprintf(fp, "\n  ],\n  \"weeks\": [");
	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		for (w = first_week(rp, r); w <= rp->this_week; w += 7) {
			week_counts(rp, i, w, &nr, &nh, &nc);
			if (nr == 0 && target_of(r) == 0)
				continue;
			civil_from_days(w, t, sizeof t);
			fprintf(fp, "%s\n    {\"week_of\": \"%s\", "
			    "\"routine\": ", nw++ ? "," : "", t);
			put_json(fp, r->id);
			fprintf(fp, ", \"sessions\": %d, \"half_done\": %d, "
			    "\"completed\": %d, \"target\": %d}", nr, nh, nc,
			    target_of(r));
		}
	}
	fprintf(fp, "\n  ],\n  \"pain\": [");
	for (i = 0; i < rp->nps; i++) {
		fprintf(fp, "%s\n    {\"area\": ", i ? "," : "");
		put_json(fp, rp->ps[i].area);
		fprintf(fp, ", \"side\": ");
		put_json(fp, rp->ps[i].side);
		fprintf(fp, ", \"ratings\": [");
		for (k = 0; k < rp->ps[i].n; k++) {
			fmt_utc(rp->ps[i].at[k], t, sizeof t);
			fprintf(fp, "%s{\"at\": \"%s\", \"pain\": %d}",
			    k ? ", " : "", t, rp->ps[i].v[k]);
		}
		fprintf(fp, "]}");
	}
	fprintf(fp, "\n  ],\n  \"sessions\": [");
	for (i = 0; i < rp->n; i++) {
		fprintf(fp, "%s\n    ", i ? "," : "");
		json_session(fp, &rp->ss[i]);
	}
	fprintf(fp, "\n  ]\n}\n");
}

/*
 * The report as CSV: one row per fact, "section" saying which table it
 * belongs to, so one file opens in any spreadsheet.
 */
static void
report_csv(FILE *fp, const struct report *rp)
{
	const struct hist_session	*s;
	const struct rsum		*r;
	char				 t[64], label[128];
	size_t				 i, k;
	int64_t				 w;
	int				 nr, nh, nc;

	fprintf(fp, "section,date,routine,area,side,value,target,detail\r\n");
	for (i = 0; i < rp->nrs; i++) {
		r = &rp->rs[i];
		for (w = first_week(rp, r); w <= rp->this_week; w += 7) {
			week_counts(rp, i, w, &nr, &nh, &nc);
			if (nr == 0 && target_of(r) == 0)
				continue;
			civil_from_days(w, t, sizeof t);
			fprintf(fp, "week,%s,", t);
			put_csv(fp, r->id);
			fprintf(fp, ",,,%d,%d,\"%d ran, %d completed\"\r\n",
			    nh, target_of(r), nr, nc);
		}
	}
	for (i = 0; i < rp->nps; i++) {
		for (k = 0; k < rp->ps[i].n; k++) {
			fmt_utc(rp->ps[i].at[k], t, sizeof t);
			fprintf(fp, "pain,%s,,", t);
			put_csv(fp, rp->ps[i].area);
			fprintf(fp, ",");
			put_csv(fp, rp->ps[i].side);
			fprintf(fp, ",%d,,\r\n", rp->ps[i].v[k]);
		}
	}
	for (i = 0; i < rp->n; i++) {
		s = &rp->ss[i];
		fmt_utc(s->started_at, t, sizeof t);
		fprintf(fp, "session,%s,", t);
		put_csv(fp, s->routine_id);
		fprintf(fp, ",,,%s,,", s->outcome);
		if (s->override_reason != NULL)
			put_csv(fp, s->override_reason);
		fprintf(fp, "\r\n");
		for (k = 0; k < s->nlimits; k++) {
			if (s->limits[k].area != NULL)
				snprintf(label, sizeof label, "%s",
				    s->limits[k].area);
			else
				snprintf(label, sizeof label, "per-week");
			fprintf(fp, "%s,%s,", s->limits[k].action, t);
			put_csv(fp, s->routine_id);
			fprintf(fp, ",");
			put_csv(fp, label);
			fprintf(fp, ",");
			put_csv(fp, s->limits[k].side);
			fprintf(fp, ",,,");
			if (strcmp(s->limits[k].action, "overridden") == 0)
				put_csv(fp, s->override_reason);
			fprintf(fp, "\r\n");
		}
	}
}

/* Write the report in its format to fp. */
static void
emit(FILE *fp, const struct report *rp, enum fmt fmt)
{
	if (fmt == FMT_JSON)
		report_json(fp, rp);
	else if (fmt == FMT_CSV)
		report_csv(fp, rp);
	else
		report_md(fp, rp);
}

/* Say that path cannot be written; returns KNEAD_EXIT_IOERR. */
static int
out_error(const char *path, const char *why)
{
	fprintf(stderr, "knead report: cannot write ");
	put_text(stderr, path, 0);
	fprintf(stderr, ": %s\n", why);
	return KNEAD_EXIT_IOERR;
}

/*
 * Write to something that is not a regular file (a terminal, a pipe,
 * /dev/stdout, /dev/null) in place: renaming over it would replace the
 * device node or the link, and as root that could be /dev/null itself.
 */
static int
write_special(const char *path, const struct report *rp, enum fmt fmt)
{
	FILE	*fp;
	int	 err = 0;

	if ((fp = fopen(path, "w")) == NULL)
		return out_error(path, strerror(errno));
	emit(fp, rp, fmt);
	if (fflush(fp) != 0 || ferror(fp))
		err = errno != 0 ? errno : EIO;
	if (fclose(fp) != 0 && err == 0)
		err = errno;
	return err != 0 ? out_error(path, strerror(err)) : KNEAD_EXIT_OK;
}

/*
 * Write the report to path ("-": standard output). A regular file is
 * written through a temporary file in its folder, renamed over it only when
 * every write and the close succeeded; a symbolic link is followed, so the
 * link stays and its target is replaced. A new file is 0600 (the report
 * holds health data), a replaced one keeps its mode.
 */
static int
write_out(const char *path, const struct report *rp, enum fmt fmt)
{
	struct stat	 sb;
	char		*tmp, *real = NULL;
	const char	*target = path;
	mode_t		 mode = 0600;
	FILE		*fp;
	int		 fd, err = 0;

	if (strcmp(path, "-") == 0) {
		emit(stdout, rp, fmt);
		return fflush(stdout) == 0 ? KNEAD_EXIT_OK :
		    out_error("standard output", strerror(errno));
	}
	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return out_error(path, "it is a folder; give a file "
			    "name, e.g. --out report.md");
		if (!S_ISREG(sb.st_mode))
			return write_special(path, rp, fmt);
		mode = sb.st_mode & 07777;
		if ((real = realpath(path, NULL)) != NULL)
			target = real;
	} else if (errno != ENOENT)
		return out_error(path, strerror(errno));

	xasprintf(&tmp, "%s.XXXXXX", target);
	fp = NULL;
	if ((fd = mkstemp(tmp)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		err = errno;
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		free(real);
		return out_error(path, strerror(err));
	}
	if (fchmod(fd, mode) != 0)
		err = errno;
	emit(fp, rp, fmt);
	if (err == 0 && (fflush(fp) != 0 || ferror(fp) || fsync(fd) != 0))
		err = errno != 0 ? errno : EIO;
	if (fclose(fp) != 0 && err == 0)
		err = errno;
	if (err == 0 && rename(tmp, target) != 0)
		err = errno;
	if (err != 0)
		unlink(tmp);
	free(tmp);
	free(real);
	return err != 0 ? out_error(path, strerror(err)) : KNEAD_EXIT_OK;
}

/* knead report: the adherence and pain report for a therapist. */
int
cmd_report(int argc, char **argv)
{
	static const char usage[] =
	    "usage: knead report [--since WHEN] [--format md|csv|json] "
	    "[--out FILE]\n\n"
	    "An adherence and pain-trend report for a therapist: sessions per\n"
	    "week against the homework target, completion rate, pain ratings\n"
	    "per area over time, overrides with their reasons, halted and\n"
	    "interrupted sessions.\n\n"
	    "  --since WHEN     only sessions since WHEN: 12h, 7d, 4w or a "
	    "date\n"
	    "                   like 2026-11-01 (local midnight)\n"
	    "  --format FMT     md (default, readable as is), csv or json\n"
	    "  --out FILE       write to FILE instead of standard output\n"
	    "  --db FILE        the history store (default: KNEAD_DB, then\n"
	    "                   $XDG_DATA_HOME/knead/history.db)\n"
	    "  --routines DIR   also read routines (homework targets) from "
	    "DIR\n"
	    "  -h, --help       this help\n";
	struct hopts		 o;
	struct history		*h;
	struct report		 rp;
	char			*cause = NULL;
	int			 rc;

	if ((rc = parse_opts("report", argc, argv, &o, usage, 3)) != -1)
		return rc;
	tzset();
	if ((rc = open_history(&o, &h)) != 0)
		return rc;
	memset(&rp, 0, sizeof rp);
	rp.since = o.since;
	rp.now = clock_wall_s(&clock_system);
	if ((rc = history_sessions(h, o.since, &rp.ss, &rp.n, &cause)) != 0) {
		fprintf(stderr, "knead: %s\n", cause);
		free(cause);
		history_close(h);
		return rc;
	}
	history_close(h);
	load_library(&o, &rp.lib);
	report_build(&rp);
	rc = write_out(o.out != NULL ? o.out : "-", &rp, o.fmt);
	report_free(&rp);
	return rc;
}
