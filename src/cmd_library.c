/* The library commands: validate, list and show. */
#include "cli.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "areas.h"
#include "clock.h"
#include "dates.h"
#include "diag.h"
#include "exitcodes.h"
#include "history.h"
#include "homework.h"
#include "i18n.h"
#include "library.h"
#include "mixer.h"
#include "modules.h"
#include "plan.h"
#include "routine.h"
#include "shword.h"
#include "speech.h"
#include "textout.h"
#include "timeline.h"
#include "routine_yaml.h"
#include "utf8.h"
#include "validate.h"
#include "xmalloc.h"

#define VALIDATE_MAX_DEPTH	8

/* A file or folder already walked, by device and inode. */
struct seen_node {
	dev_t		dev;
	ino_t		ino;
};

/* A line measured once: copies of a routine say the same lines. */
struct vs_said {
	char		*text;
	uint64_t	 ms;
};

struct vstate {
	struct diag_list dl;
	char		**paths;	/* files checked, for duplicate ids */
	char		**ids;
	struct src_pos	 *idpos;
	size_t		  n;
	struct seen_node *seen;		/* files and folders walked */
	size_t		  nseen;
	int		  missing;	/* a path is missing or unreadable */
	int		  no_speech;	/* --no-speech */
	struct speech	 *speech;	/* the voice of the routine checked */
	char		 *speech_lang;	/* its cues.lang, "" for none */
	int		  speech_failed;
	struct vs_said	 *said;		/* lines measured in that voice */
	size_t		  nsaid, capsaid;
};

/*
 * The speech check's measure: the routine's voice, the length the live
 * session measures (mixer.h) at the rate it asks the device for.
 */
static uint64_t
vs_measure(void *arg, const char *text)
{
	struct vstate	*vs = arg;
	int16_t		*pcm;
	uint64_t	 ms = 0;
	size_t		 n, k;
	int		 rate;

	for (k = 0; k < vs->nsaid; k++)
		if (strcmp(vs->said[k].text, text) == 0)
			return vs->said[k].ms;
	if (speech_synth_s16(vs->speech, text, &pcm, &n, &rate) == 0) {
		free(pcm);
		if (rate > 0)
			ms = sndbuf_said_ms(n, rate, MIXER_RATE);
	}
	if (vs->nsaid == vs->capsaid) {
		vs->capsaid = vs->capsaid * 2 + 32;
		vs->said = xreallocarray(vs->said, vs->capsaid,
		    sizeof *vs->said);
	}
	vs->said[vs->nsaid].text = xstrdup(text);
	vs->said[vs->nsaid++].ms = ms;
	return ms;
}

/* Forget the lines measured (another voice). */
static void
vs_said_clear(struct vstate *vs)
{
	while (vs->nsaid > 0)
		free(vs->said[--vs->nsaid].text);
}

/* Measure r's instructions with its voice (one espeak-ng at a time). */
static void
vs_speech(struct vstate *vs, const struct routine *r)
{
	struct tl_voice	 voice = { vs_measure, vs };
	const char	*lang = r->cues.lang.s != NULL ? r->cues.lang.s : "";

	if (vs->no_speech || vs->speech_failed || !routine_voice(r))
		return;
	if (vs->speech == NULL || strcmp(vs->speech_lang, lang) != 0) {
		speech_close(vs->speech);
		free(vs->speech_lang);
		vs_said_clear(vs);
		vs->speech_lang = xstrdup(lang);
		if ((vs->speech = speech_open(*lang != '\0' ? lang : NULL)) ==
		    NULL) {
			vs->speech_failed = 1;
			fprintf(stderr, _("knead: espeak-ng cannot run%s%s%s: "
			    "the spoken instructions were not measured\n"),
			    kmod_why(KMOD_AUDIO) != NULL ? " (" : "",
			    kmod_why(KMOD_AUDIO) != NULL ?
			    kmod_why(KMOD_AUDIO) : "",
			    kmod_why(KMOD_AUDIO) != NULL ? ")" : "");
			return;
		}
	}
	validate_speech(r, &voice, &vs->dl);
}

/* Remember a file or folder; 1 if it was walked before (a link loop). */
static int
seen_before(struct vstate *vs, const struct stat *sb)
{
	size_t	i;

	for (i = 0; i < vs->nseen; i++) {
		if (vs->seen[i].dev == sb->st_dev &&
		    vs->seen[i].ino == sb->st_ino)
			return 1;
	}
	vs->seen = xreallocarray(vs->seen, vs->nseen + 1, sizeof *vs->seen);
	vs->seen[vs->nseen].dev = sb->st_dev;
	vs->seen[vs->nseen].ino = sb->st_ino;
	vs->nseen++;
	return 0;
}

/* The checks of one loaded routine (see cli.h). */
int
cli_check_routine(const struct routine *r, struct diag_list *dl)
{
	validate_voices(r, dl);
	return validate_routine(r, dl);
}

/* Print the diagnostics as validate does (see cli.h). */
void
cli_print_diags(struct diag_list *dl)
{
	diag_sort(dl);
	diag_print(dl, stderr);
}

/* Validate one file and remember its id for the duplicate check. */
static void
validate_file(struct vstate *vs, const char *path)
{
	struct routine	*r;
	size_t		 i, errors = vs->dl.errors;
	int		 errnum;

	r = routine_load_file(path, &vs->dl, &errnum);
	if (r == NULL)
		return;
	/*
	 * The spoken lines are measured (espeak-ng, knead-audio.so) only for
	 * a routine with no error at all: not for what the loader refused (a
	 * YAML list, a wrong type), where nothing would be spoken anyway.
	 */
	if (cli_check_routine(r, &vs->dl) == 0 && vs->dl.errors == errors)
		vs_speech(vs, r);
	if (r->id.s != NULL) {
		for (i = 0; i < vs->n; i++) {
			if (strcmp(vs->ids[i], r->id.s) == 0) {
				diag_add(&vs->dl, DIAG_ERROR, path,
				    r->id.pos.line, r->id.pos.col,
				    _("duplicate id '%s': %s already uses "
				    "it (give this copy an id of its own)"),
				    r->id.s, vs->paths[i]);
				break;
			}
		}
		vs->paths = xreallocarray(vs->paths, vs->n + 1,
		    sizeof *vs->paths);
		vs->ids = xreallocarray(vs->ids, vs->n + 1, sizeof *vs->ids);
		vs->paths[vs->n] = xstrdup(path);
		vs->ids[vs->n] = xstrdup(r->id.s);
		vs->n++;
	}
	routine_free(r);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Validate a file, or every routine file under a folder. A file or folder
 * reached a second time (named twice, or through a symbolic link that loops
 * back) is checked once; a folder that cannot be read or is nested too deep
 * is named on stderr, never skipped silently.
 */
static size_t
validate_path(struct vstate *vs, const char *path, int depth, int named)
{
	struct stat	 sb;
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL, *sub, shown[1024];
	size_t		  n = 0, i, count = 0, len;

	/* A name is any bytes: shown as diagnostics show it (diag.h). */
	diag_clean(path, shown, sizeof shown);
	if (stat(path, &sb) == -1) {
		fprintf(stderr, _("knead: %s: %s\n"), shown, strerror(errno));
		vs->missing = 1;
		return 0;
	}
	if (!S_ISDIR(sb.st_mode)) {
		if (S_ISREG(sb.st_mode) && seen_before(vs, &sb))
			return 0;
		validate_file(vs, path);
		return 1;
	}
	if (seen_before(vs, &sb)) {
		if (!named)
			fprintf(stderr, _("knead: %s: folder already checked "
			    "(a link back to it); not checked again\n"), shown);
		return 0;
	}
	if (depth >= VALIDATE_MAX_DEPTH) {
		fprintf(stderr, _("knead: %s: folders nested more than %d deep "
		    "are not checked\n"), shown, VALIDATE_MAX_DEPTH);
		vs->missing = 1;
		return 0;
	}
	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, _("knead: %s: %s\n"), shown, strerror(errno));
		vs->missing = 1;
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_names);
	len = strlen(path);
	for (i = 0; i < n; i++) {
		xasprintf(&sub, "%s%s%s", path,
		    len > 0 && path[len - 1] == '/' ? "" : "/", names[i]);
		if ((stat(sub, &sb) == 0 && S_ISDIR(sb.st_mode)) ||
		    library_is_routine_name(names[i]))
			count += validate_path(vs, sub, depth + 1, 0);
		free(sub);
		free(names[i]);
	}
	free(names);
	/* A folder named with nothing to check is not a pass. */
	if (named && count == 0) {
		fprintf(stderr, _("knead: %s: no routine files (.yaml, .yml) "
		    "in this folder\n"), shown);
		vs->missing = 1;
	}
	return count;
}

int
cmd_validate(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "no-speech", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	struct vstate	vs;
	size_t		i, files = 0;
	int		c, quiet = 0, no_speech = 0, rc;
	char		e[64], w[64], shown[1024];

	optind = 1;
	while ((c = getopt_long(argc, argv, "hq", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			printf(_("usage: knead validate [--quiet] "
			    "[--no-speech] PATH...\n\n"
			    "Check routine files, or every .yaml/.yml file "
			    "under folders.\nProblems are printed as "
			    "'file:line:col: error|warning: message'.\n"
			    "Each instruction is spoken with espeak-ng to "
			    "check that it fits its step.\n"
			    "  -q, --quiet      problems only: no summary line\n"
			    "      --no-speech  do not measure the spoken "
			    "instructions (faster)\n\n"
			    "Exit: 0 valid (warnings allowed), 65 errors, "
			    "66 a path is missing\nor a folder holds no "
			    "routine file.\n"));
			return KNEAD_EXIT_OK;
		case 'q':
			quiet = 1;
			break;
		case 'S':
			no_speech = 1;
			break;
		default:
			return cli_bad_option("validate", argv, "hq");
		}
	}
	if (optind >= argc)
		return cli_usage_error("validate", _("give at least one file "
		    "or folder"));
	memset(&vs, 0, sizeof vs);
	vs.no_speech = no_speech;
	diag_init(&vs.dl);
	for (i = (size_t)optind; i < (size_t)argc; i++)
		files += validate_path(&vs, argv[i], 0, 1);
	cli_print_diags(&vs.dl);
	if (!quiet && files == 1 && vs.n == 1 && vs.dl.errors == 0 &&
	    vs.dl.warnings == 0) {
		/* One clean file: say so rather than nothing. */
		diag_clean(vs.paths[0], shown, sizeof shown);
		fprintf(stderr, _("knead: %s: valid, no errors or warnings\n"),
		    shown);
	} else if (!quiet && files > 1)
		fprintf(stderr, _("knead: %zu files checked: %s, %s\n"),
		    files, i18n_count(ngettext("%zu error", "%zu errors",
		    vs.dl.errors), vs.dl.errors, e, sizeof e),
		    i18n_count(ngettext("%zu warning", "%zu warnings",
		    vs.dl.warnings), vs.dl.warnings, w, sizeof w));
	rc = vs.missing ? KNEAD_EXIT_NOINPUT : vs.dl.errors > 0 ?
	    KNEAD_EXIT_DATAERR : KNEAD_EXIT_OK;
	for (i = 0; i < vs.n; i++) {
		free(vs.paths[i]);
		free(vs.ids[i]);
	}
	free(vs.paths);
	free(vs.ids);
	free(vs.idpos);
	free(vs.seen);
	speech_close(vs.speech);
	free(vs.speech_lang);
	vs_said_clear(&vs);
	free(vs.said);
	diag_clear(&vs.dl);
	return rc;
}

/* The distinct areas worked by a plan, comma-separated, into buf. */
static void
list_areas(const struct plan *p, char *buf, size_t len)
{
	const struct area *seen[64];
	size_t		   i, j, n = 0;

	buf[0] = '\0';
	for (i = 0; i < p->n && n < nitems(seen); i++) {
		if (p->v[i].area == NULL)
			continue;
		for (j = 0; j < n; j++) {
			if (seen[j] == p->v[i].area)
				break;
		}
		if (j < n)
			continue;
		seen[n++] = p->v[i].area;
		if (strlen(buf) + strlen(p->v[i].area->id) + 3 < len) {
			if (buf[0] != '\0')
				strcat(buf, ",");
			strcat(buf, p->v[i].area->id);
		}
	}
}

/* The tools used by a routine's steps, comma-separated, into buf. */
static void
routine_tools(const struct routine *r, char *buf, size_t len)
{
	unsigned	mask = 0;
	size_t		i;
	int		t;

	for (i = 0; i < r->nsteps; i++) {
		if (r->steps[i].tool.set && r->steps[i].tool.v >= 0)
			mask |= TOOL_BIT(r->steps[i].tool.v);
	}
	buf[0] = '\0';
	for (t = 0; t < TOOL__COUNT; t++) {
		if (!(mask & TOOL_BIT(t)) ||
		    strlen(buf) + strlen(tool_id(t)) + 3 >= len)
			continue;
		if (buf[0] != '\0')
			strcat(buf, ",");
		strcat(buf, tool_id(t));
	}
}

/*
 * Say on stderr why a library file is not listed: its first error. The
 * diagnostics hold the path cleaned (diag.h), so it is found, and shown,
 * cleaned: a name with a control byte would otherwise match none of its
 * errors and reach the terminal as typed.
 */
static void
list_invalid(const struct diag_list *dl, const char *raw)
{
	char	buf[512], path[1024], word[2048];
	size_t	i, n = 0;

	diag_clean(raw, path, sizeof path);
	for (i = 0; i < dl->n; i++) {
		if (dl->v[i].sev != DIAG_ERROR || strcmp(dl->v[i].path,
		    path) != 0)
			continue;
		if (n++ == 0)
			diag_format(&dl->v[i], buf, sizeof buf);
	}
	if (n == 0)
		fprintf(stderr, _("knead: %s cannot be read; not listed\n"),
		    path);
	else {
		/* A command to paste: the path one shell word. */
		sh_word(path, word, sizeof word);
		fprintf(stderr, ngettext("%s\nknead: %s is not listed (%zu "
		    "error; knead validate %s shows it)\n", "%s\nknead: %s is "
		    "not listed (%zu errors; knead validate %s shows them)\n",
		    n), buf, path, n, word);
	}
}

/* A comma-separated list as a JSON array of strings ("a,b" -> ["a", "b"]). */
static void
json_list(FILE *fp, const char *csv)
{
	char	item[128];
	size_t	len, n = 0;

	fputc('[', fp);
	while (*csv != '\0') {
		len = strcspn(csv, ",");
		snprintf(item, sizeof item, "%.*s", (int)len, csv);
		fprintf(fp, "%s", n++ ? ", " : "");
		tout_json(fp, item);
		csv += len;
		if (*csv == ',')
			csv++;
	}
	fputc(']', fp);
}

/*
 * When routine r can run next by the run's own rest check (areas resting,
 * the per-week cap): 0 now, or the latest free_at of what holds it back.
 * No store (h NULL): 0; a store error: 0, said on stderr once, and
 * *store_rc set to KNEAD_EXIT_IOERR (an unknown state is not "ready").
 */
static int64_t
list_ready_at(struct history *h, const struct routine *r,
    const struct plan *p, int *store_rc)
{
	struct resting	*rest;
	char		*cause = NULL;
	size_t		 n, i;
	int64_t		 at = 0;

	if (h == NULL)
		return 0;
	if (history_check(h, r, p, &rest, &n, &cause) != 0) {
		/* Said once; the listing goes on, the exit says it. */
		if (*store_rc == KNEAD_EXIT_OK) {
			fprintf(stderr, "%s", _("knead: history store: "));
			diag_safe(stderr, cause != NULL ? cause :
			    _("cannot open"));
			fputc('\n', stderr);
		}
		*store_rc = KNEAD_EXIT_IOERR;
		free(cause);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (rest[i].free_at > at)
			at = rest[i].free_at;
	}
	free(rest);
	return at;
}

/* One routine of the list as a JSON object (after a comma but the first). */
static void
list_entry_json(const struct lib_entry *e, const struct plan *p,
    const char *areas, const char *tools, int64_t ready_at, int first)
{
	char	when[64];

	printf("%s\n  {\"id\": ", first ? "" : ",");
	tout_json(stdout, e->routine->id.s);
	printf(", \"title\": ");
	tout_json(stdout, e->routine->title.s);
	printf(", \"seconds\": %llu, \"minutes\": %llu, "
	    "\"intensity\": \"%s\", \"areas\": ",
	    (unsigned long long)(p->total_ms / 1000),
	    (unsigned long long)plan_minutes(p->total_ms),
	    intensity_id(e->routine->intensity.set ?
	    (enum intensity)e->routine->intensity.v :
	    INTENSITY_MODERATE));
	json_list(stdout, areas);
	printf(", \"tools\": ");
	json_list(stdout, tools);
	dates_utc(ready_at, when, sizeof when);
	printf(", \"resting_until\": ");
	if (ready_at != 0)
		tout_json(stdout, when);
	else
		printf("null");
	printf(", \"origin\": \"%s\", \"path\": ", e->origin);
	tout_json(stdout, e->path);
	printf("}");
}

/* One routine of the list as two lines of the table. */
static void
list_entry_text(const struct lib_entry *e, const struct plan *p,
    const char *areas, const char *tools, int64_t ready_at, int64_t now)
{
	char	when[64];

	printf("%-28.28s %5llu  ", e->routine->id.s,
	    (unsigned long long)plan_minutes(p->total_ms));
	diag_safe(stdout, e->routine->title.s);
	/* Stretches and breathing alone: "[none]", as the home screen says. */
	printf("\n%42s%s  [%s]", "", areas, tools[0] != '\0' ? tools :
	    _("none"));
	if (ready_at != 0) {
		dates_when(ready_at, now, when, sizeof when);
		printf(_("  resting until %s"), when);
	}
	printf("\n");
}

/*
 * knead list's options into lib (--routines) and *db, *json. Returns -1 to
 * go on, or the exit code to return now (--help, a bad option).
 */
static int
list_opts(int argc, char **argv, struct library *lib, const char **db,
    int *json)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "routines", required_argument, NULL, 'r' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	int	c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hjr:d:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			printf(_("usage: knead list [--json] [--routines DIR] "
			    "[--db FILE]\n\n"
			    "The routine library: the bundled routines, then "
			    "%s/routines,\nthen --routines DIR. Invalid files "
			    "are listed on stderr; check them\nwith 'knead "
			    "validate'. A routine whose areas are resting (or "
			    "whose\nsessions for the week are done) says until "
			    "when; the history store\n(--db FILE, KNEAD_DB, "
			    "the default) is only read.\n"),
			    library_config_dir());
			return KNEAD_EXIT_OK;
		case 'd':
			if (cli_db("list", optarg) != 0)
				return KNEAD_EXIT_USAGE;
			*db = optarg;
			break;
		case 'j':
			*json = 1;
			break;
		case 'r':
			if ((rc = cli_routines_dir("list", optarg)) != 0)
				return rc;
			library_add_dir(lib, optarg);
			break;
		default:
			return cli_bad_option("list", argv, "hjr:");
		}
	}
	if (optind < argc)
		return cli_usage_error("list", _("unexpected argument '%s'"),
		    argv[optind]);
	return -1;
}

int
cmd_list(int argc, char **argv)
{
	struct library	 lib;
	struct diag_list dl;
	struct plan	 p;
	struct lib_entry *e;
	struct history	*h = NULL;
	const char	*db = NULL, *path;
	char		 areas[512], tools[128], *cause = NULL, *note = NULL;
	char		*def = NULL;
	size_t		 i, shown = 0;
	int64_t		 ready_at, now;
	int		 json = 0, rc, store_rc = KNEAD_EXIT_OK;

	memset(&lib, 0, sizeof lib);
	if ((rc = list_opts(argc, argv, &lib, &db, &json)) != -1) {
		library_free(&lib);
		return rc;
	}
	diag_init(&dl);
	library_load(&lib, &dl);
	tzset();
	now = clock_wall_s(&clock_system);
	/*
	 * The rest state is extra: no store shows none. A store that is
	 * there but cannot be read shows none either, and says so: an
	 * unknown rest state must not pass for "ready". No store: SQLite is
	 * not even loaded (knead-store.so, modules.h).
	 */
	path = history_store_path(db, &def);
	if (path != NULL && access(path, F_OK) == 0 &&
	    history_open_read(db, &clock_system, &h, &note, &cause) != 0) {
		h = NULL;
		fprintf(stderr, "%s", _("knead: history store: "));
		diag_safe(stderr, cause != NULL ? cause : _("cannot open"));
		fputc('\n', stderr);
		store_rc = KNEAD_EXIT_IOERR;
	}
	free(note);
	free(cause);
	free(def);
	if (json)
		printf("[");
	else
		printf("%-28s %5s  %-36s %s\n", "ID", "MIN", C_("column",
		    "TITLE"), _("AREAS / TOOLS"));
	/* Every routine's check in one read of the store. */
	(void)history_read_begin(h);
	for (i = 0; i < lib.n; i++) {
		e = &lib.v[i];
		if (!e->valid) {
			list_invalid(&dl, e->path);
			continue;
		}
		if (plan_build(e->routine, &p) != 0)
			continue;
		list_areas(&p, areas, sizeof areas);
		routine_tools(e->routine, tools, sizeof tools);
		ready_at = list_ready_at(h, e->routine, &p, &store_rc);
		if (json)
			list_entry_json(e, &p, areas, tools, ready_at,
			    shown == 0);
		else
			list_entry_text(e, &p, areas, tools, ready_at, now);
		shown++;
		plan_free(&p);
	}
	history_read_end(h);
	if (json)
		printf("%s]\n", shown ? "\n" : "");
	else if (shown == 0)
		printf(_("(no routines found in %s)\n"), library_bundled_dir());
	diag_clear(&dl);
	library_free(&lib);
	if (h != NULL)
		history_close(h);
	return store_rc;
}

/* Human duration for rest limits: "24 h", "3 h", "90 min", "2 d". */
static void
fmt_rest(int64_t s, char *buf, size_t len)
{
	if (s % 86400 == 0 && s >= 2 * 86400)
		snprintf(buf, len, _("%lld d"), (long long)(s / 86400));
	else if (s % 3600 == 0)
		snprintf(buf, len, _("%lld h"), (long long)(s / 3600));
	else
		snprintf(buf, len, _("%lld min"), (long long)(s / 60));
}

/*
 * What a therapist checks before handing a file over, after the title:
 * the homework block as the reports will state it, and the screening
 * questions asked before step 1 with what a "yes" leads to.
 */
static void
show_given(const struct routine *r)
{
	const struct homework	*hw = &r->homework;
	char			 terms[256];
	size_t			 i;

	if (hw->present) {
		printf("%s", _("Homework"));
		if (hw->for_whom.s != NULL) {
			printf(_(" for "));
			diag_safe(stdout, hw->for_whom.s);
		}
		homework_terms(hw, HOMEWORK_TERMS, terms, sizeof terms);
		if (terms[0] != '\0')
			printf(", %s", terms);
		if (hw->by.s != NULL) {
			printf(_(", assigned by "));
			diag_safe(stdout, hw->by.s);
		}
		printf(".\n");
		if (hw->note.s != NULL) {
			printf(_("Note: "));
			diag_safe(stdout, hw->note.s);
			printf("\n");
		}
	}
	if (r->nscreen > 0)
		printf("%s\n", _("Screening questions, asked before step 1 (a "
		    "\"yes\" stops the session):"));
	for (i = 0; i < r->nscreen; i++) {
		printf("  %zu. ", i + 1);
		diag_safe(stdout, r->screen[i]);
		printf(_(" (if yes: %s)\n"), screen_urgency_id(
		    routine_screen_urgency(r, i)));
	}
	if (hw->present || r->nscreen > 0)
		printf("\n");
}

int
cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "routines", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct routine	 *r;
	struct plan	  p;
	struct area_dose *doses;
	const struct pstep *s;
	const char	 *dir = NULL;
	char		  off[32], dur[32], title[160], rest[32], label[160];
	size_t		  i, nd, n;
	int		  c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hr:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			printf(_("usage: knead show [--routines DIR] "
			    "ROUTINE\n\n"
			    "The expanded plan of a routine (an id from the "
			    "library or a path):\nevery step with its side "
			    "and rep and its start offset, the total time,\n"
			    "pressure time per area and side, and the rest "
			    "limits that apply.\n"));
			return KNEAD_EXIT_OK;
		case 'r':
			if ((rc = cli_routines_dir("show", optarg)) != 0)
				return rc;
			dir = optarg;
			break;
		default:
			return cli_bad_option("show", argv, "hr:");
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("show", _("give one routine (an id or a "
		    "path)"));
	if ((r = cli_resolve_routine("show", argv[optind], dir, &rc)) == NULL)
		return rc;
	if (plan_build(r, &p) != 0) {
		routine_free(r);
		diag_clean(argv[optind], label, sizeof label);
		fprintf(stderr, _("knead: cannot expand %s\n"), label);
		return KNEAD_EXIT_SOFTWARE;
	}
	diag_safe(stdout, r->title.s);
	printf("  (%s, %s)\n", r->id.s, intensity_label(r->intensity.set ?
	    (enum intensity)r->intensity.v : INTENSITY_MODERATE));
	plan_fmt_ms(p.total_ms, dur, sizeof dur);
	printf(ngettext("%zu step, %s in all%s\n\n",
	    "%zu steps, %s in all%s\n\n", p.n), p.n, dur,
	    r->nscreen ? _("; screening questions first") : "");
	show_given(r);
	printf(_("   #    START  LENGTH  STEP\n"));
	for (i = 0; i < p.n; i++) {
		s = &p.v[i];
		plan_fmt_ms(s->start_ms, off, sizeof off);
		plan_fmt_ms(s->duration_ms, dur, sizeof dur);
		plan_step_title(s, title, sizeof title);
		/* Numbered from 1, as the screen's "step N/M" and render's
		 * schedule count them. */
		printf("%4zu  %7s  %6s%s ", i + 1, off, dur,
		    s->until_release ? "*" : " ");
		diag_safe(stdout, title);
		if (s->pressure >= 0 && s->is_work)
			printf(_("  [pressure %d]"), s->pressure);
		printf("\n");
	}
	if (p.n > 0 && r->nsteps > 0) {
		for (i = 0; i < p.n; i++) {
			if (p.v[i].until_release) {
				printf(_("\n  * until release: counts up, ends "
				    "on a key or at this max\n"));
				break;
			}
		}
	}
	nd = plan_doses(&p, &doses);
	printf(_("\nWork time per area and side (press, roll and "
	    "contract-relax; rest limits\ncount this):\n"));
	if (nd == 0)
		printf(_("  none (no press, roll or contract-relax steps)\n"));
	for (i = 0; i < nd; i++) {
		plan_fmt_ms(doses[i].work_ms, dur, sizeof dur);
		/* In the screen's language, as the steps above. */
		area_side_label(doses[i].area->id, side_id(doses[i].side),
		    label, sizeof label);
		n = utf8_count(label);
		printf("  %s%*s %6s", label, n < 30 ? 30 - (int)n : 0, "",
		    dur);
		if (doses[i].max_pressure >= 0)
			printf(_("  max pressure %d"), doses[i].max_pressure);
		printf("\n");
	}
	free(doses);
	fmt_rest(history_rest_s(r, &p), rest, sizeof rest);
	printf(_("\nRest limits: each area and side worked rests %s after a "
	    "session"), rest);
	if (validate_per_week(r) > 0)
		printf(ngettext("; at most %lld session in any 7 days",
		    "; at most %lld sessions in any 7 days", (unsigned long)
		    validate_per_week(r)), (long long)validate_per_week(r));
	if (routine_per_month(r) > 0)
		printf(_("; at most %lld in any 30 days"),
		    (long long)routine_per_month(r));
	printf("%s.\n", routine_strict(r) ? _("; strict (no override)") : "");
	printf(_("A session counts for an area when at least half of its "
	    "planned work time\nthere was done.\n"));
	plan_free(&p);
	routine_free(r);
	return KNEAD_EXIT_OK;
}
