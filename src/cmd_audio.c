/*
 * knead render: its options and summary (render.c mixes the file).
 * knead sound: list output devices and play each cue once, naming it.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>
#include <time.h>

#include "audio.h"
#include "clock.h"
#include "cueplan.h"
#include "diag.h"
#include "exitcodes.h"
#include "history.h"
#include "i18n.h"
#include "library.h"
#include "mixer.h"
#include "plan.h"
#include "render.h"
#include "routine.h"
#include "speech.h"
#include "timeline.h"
#include "xmalloc.h"

static const struct option render_longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "no-voice", no_argument, NULL, 'V' },
	{ "volume", required_argument, NULL, 'v' },
	{ "routines", required_argument, NULL, 'r' },
	{ "lang", required_argument, NULL, 'l' },
	{ "schedule", required_argument, NULL, 's' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Print render's usage. */
static void
render_usage(FILE *fp)
{
	fprintf(fp, _("usage: knead render ROUTINE -o FILE.wav|.flac|.ogg|.mp3 "
	    "[OPTIONS]\n\n"
	    "Mix the whole session into a sound file: the screening questions,\n"
	    "then spoken instructions, cues and silence at the exact times of\n"
	    "the plan (until-release steps at their max), as a live session\n"
	    "says them. Mono, 48 kHz (.ogg, .mp3: 24 kHz).\n\n"
	    "Options:\n"
	    "  -o, --output FILE   where to write; the extension picks the "
	    "format\n"
	    "      --no-voice      cues only, no spoken instructions\n"
	    "      --volume N      0..100 (default 80)\n"
	    "      --lang LANG     the recording's language, as cues.lang: "
	    "knead's own\n"
	    "                      words (kinds, areas, sides, reps, the "
	    "questions'\n"
	    "                      lead-ins) and the voice; the routine's "
	    "text stays\n"
	    "                      as written (default: cues.lang, then "
	    "the screen's)\n"
	    "      --routines DIR  also look for routines in DIR\n"
	    "      --schedule FILE write the timeline (- for stdout): \"MS step\n"
	    "                      N KIND\", \"MS cue NAME\", \"MS say LEN_MS\n"
	    "                      FORM TEXT\" and \"MS end\" lines\n"
	    "  -h, --help          this help\n\n"
	    "Exit codes: 0 written, 64 usage (unknown extension), 65 invalid "
	    "routine,\n66 routine not found, 74 the file cannot be written, "
	    "70 internal error.\n"));
}
/* A render warning on stderr. */
static void
render_warn_stderr(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, _("knead render: warning: %s\n"), msg);
}

/*
 * The summary line: where, how long the file plays (what a player shows:
 * what is said before the session (render_preamble), the session, the end
 * bell and its tail), what it holds.
 */
static void
render_summary(FILE *fp, const char *out, const struct plan *p,
    const struct render_info *ri, uint64_t ns)
{
	char	file[32], len[32], lead[32], steps[48], cues[48], lines[64];
	char	path[4096];

	/* The file name as typed: no escape sequence reaches the terminal. */
	diag_clean(out, path, sizeof path);
	plan_fmt_elapsed(ri->length_ms, file, sizeof file);
	plan_fmt_ms(p->total_ms, len, sizeof len);
	plan_fmt_ms(ri->lead_ms, lead, sizeof lead);
	i18n_count(ngettext("%zu step", "%zu steps", p->n), p->n, steps,
	    sizeof steps);
	i18n_count(ngettext("%zu cue", "%zu cues", ri->ncues), ri->ncues,
	    cues, sizeof cues);
	i18n_count(ngettext("%zu spoken line", "%zu spoken lines",
	    ri->nspoken), ri->nspoken, lines, sizeof lines);
	if (ri->lead_ms > 0)
		fprintf(fp, _("%s: %s in all: %s said before the session "
		    "(summary, notes, safety questions), then a %s session of "
		    "%s; %s, %s (rendered in %.2f s)\n"), path,
		    file, lead, len, steps, cues, lines, (double)ns / 1e9);
	else
		fprintf(fp, _("%s: %s in all: a %s session of %s; %s, %s "
		    "(rendered in %.2f s)\n"), path, file, len, steps, cues,
		    lines, (double)ns / 1e9);
}

/* Render's options: 0, or the exit code of a usage error. */
static int
render_options(int argc, char **argv, struct render_opts *o,
    const char **out, const char **dir, const char **sched)
{
	int	 ch;
	long	 l;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "ho:", render_longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'o':
			*out = optarg;
			break;
		case 'V':
			o->voice = 0;
			break;
		case 'v':
			if ((l = cli_num(optarg, 100)) < 0)
				return cli_usage_error("render",
				    _("--volume must be 0..100 (got '%s')"),
				    optarg);
			o->volume = (int)l;
			break;
		case 'r':
			if (cli_routines_dir("render", optarg) != 0)
				return KNEAD_EXIT_NOINPUT;
			*dir = optarg;
			break;
		case 'l':
			o->lang = optarg;
			break;
		case 's':
			*sched = optarg;
			break;
		case 'h':
			render_usage(stdout);
			return -1;
		default:
			return cli_bad_option("render", argv, "ho:");
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("render", _("one ROUTINE is needed"));
	if (*out == NULL)
		return cli_usage_error("render", _("-o FILE is needed"));
	return 0;
}

/* knead render: mix the whole session into a file. */
int
cmd_render(int argc, char **argv)
{
	struct render_opts	 o = { 1, -1, NULL, NULL, 0,
				    render_warn_stderr, NULL };
	struct render_info	 ri;
	struct routine		*rt;
	struct plan		 p;
	const char		*out = NULL, *dir = NULL, *sched = NULL, *owned;
	char			*cause, path[4096];
	uint64_t		 t0;
	int			 code, fmt, rc;

	if ((rc = render_options(argc, argv, &o, &out, &dir, &sched)) != 0)
		return rc == -1 ? KNEAD_EXIT_OK : rc;
	if ((fmt = render_format(out)) == 0)
		return cli_usage_error("render", _("cannot tell the format of "
		    "'%s': use %s"), out, render_extensions);
	/* A file written over the store (a link to it too) destroys it. */
	owned = history_path_owns(NULL, out) ? out : sched != NULL &&
	    strcmp(sched, "-") != 0 && history_path_owns(NULL, sched) ?
	    sched : NULL;
	if (owned != NULL) {
		diag_clean(owned, path, sizeof path);
		return cli_usage_error("render", _("%s is the history store "
		    "or one of its files; give another file"), path);
	}
	t0 = clock_mono_ns(&clock_system);
	if ((rt = cli_resolve_routine("render", argv[optind], dir, &code)) == NULL)
		return code;
	if (plan_build(rt, &p) != 0) {
		diag_clean(argv[optind], path, sizeof path);
		fprintf(stderr, _("knead render: %s: cannot expand the plan\n"),
		    path);
		routine_free(rt);
		return KNEAD_EXIT_DATAERR;
	}
	rc = KNEAD_EXIT_OK;
	if (sched != NULL && strcmp(sched, "-") == 0)
		o.sched = stdout;
	else if (sched != NULL && (o.sched = fopen(sched, "w")) == NULL) {
		diag_clean(sched, path, sizeof path);
		fprintf(stderr, _("knead render: %s: %s\n"), path,
		    strerror(errno));
		rc = KNEAD_EXIT_IOERR;
	}
	o.progress = isatty(STDERR_FILENO);
	if (rc == KNEAD_EXIT_OK && render_write(&p, out, fmt, &o, &ri,
	    &cause) != 0) {
		/* One message, so that a language sets both colons. */
		diag_clean(out, path, sizeof path);
		fprintf(stderr, _("knead render: cannot write %s: %s\n"), path,
		    cause);
		free(cause);
		rc = KNEAD_EXIT_IOERR;
	} else if (rc == KNEAD_EXIT_OK)
		/* With the schedule on stdout, the summary goes to stderr. */
		render_summary(o.sched == stdout ? stderr : stdout, out, &p,
		    &ri, clock_mono_ns(&clock_system) - t0);
	if (o.sched != NULL && o.sched != stdout && fclose(o.sched) != 0 &&
	    rc == KNEAD_EXIT_OK) {
		diag_clean(sched, path, sizeof path);
		fprintf(stderr, _("knead render: %s: %s\n"), path,
		    strerror(errno));
		rc = KNEAD_EXIT_IOERR;
	} else if (o.sched == stdout)
		fflush(stdout);
	plan_free(&p);
	routine_free(rt);
	return rc;
}

static const struct option sound_longopts[] = {
	{ "device", required_argument, NULL, 'd' },
	{ "volume", required_argument, NULL, 'v' },
	{ "no-voice", no_argument, NULL, 'V' },
	{ "list", no_argument, NULL, 'l' },
	{ "log", required_argument, NULL, 'L' },
	{ "gap", required_argument, NULL, 'g' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Print one output device. */
static void
sound_print_device(const char *name, const char *api, int is_default,
    void *arg)
{
	(void)arg;
	printf("  %s %s (%s)\n", is_default ? "*" : " ", name, api);
}

/*
 * Say where cue c comes from when it is not the bundled sound, and why a
 * file of the user's was skipped: " (your sound: PATH)", "; skipped ...".
 */
static void
sound_source(enum cue c, char *buf, size_t len)
{
	struct sndbuf	 b;
	char		*cause, *used;
	const char	*user = library_config_dir();
	int		 mine;

	buf[0] = '\0';
	cue_load(NULL, c, MIXER_RATE, &b, &cause, &used);
	sndbuf_free(&b);
	mine = used != NULL && strncmp(used, user, strlen(user)) == 0;
	if (mine || cause != NULL)
		snprintf(buf, len, "%s%s%s%s%s",
		    mine ? _(" (your sound: ") : "",
		    mine ? used : "", mine ? ")" : "",
		    cause != NULL ? _("; skipped ") : "",
		    cause != NULL ? cause : "");
	free(cause);
	free(used);
}

/* knead sound: list devices and play every cue once. */
int
cmd_sound(int argc, char **argv)
{
	struct audio_opts	 o;
	struct audio		*a;
	const char		*msg;
	FILE			*log = NULL;
	char			 src[4200], spoken[32], *p;
	uint64_t		 t, gap_ms = 0;
	int			 ch, c, n, list_only = 0, live;
	long			 l;

	memset(&o, 0, sizeof o);
	o.volume = -1;		/* MIXER_VOLUME */
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", sound_longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			o.device = optarg;
			break;
		case 'v':
			if ((l = cli_num(optarg, 100)) < 0)
				return cli_usage_error("sound",
				    _("--volume must be 0..100 (got '%s')"),
				    optarg);
			o.volume = (int)l;
			break;
		case 'V':
			o.no_voice = 1;
			break;
		case 'l':
			list_only = 1;
			break;
		case 'L':
			if ((log = fopen(optarg, "w")) == NULL) {
				diag_clean(optarg, src, sizeof src);
				fprintf(stderr, _("knead sound: %s: %s\n"),
				    src, strerror(errno));
				return KNEAD_EXIT_IOERR;
			}
			break;
		case 'g':
			if ((l = cli_num(optarg, 60000)) < 0)
				return cli_usage_error("sound",
				    _("--gap must be 0..60000 ms (got '%s')"),
				    optarg);
			gap_ms = (uint64_t)l;
			break;
		case 'h':
			printf(_("usage: knead sound [--device NAME] "
			    "[--volume 0-100] [--no-voice] [--list]\n"
			    "                  [--log FILE] [--gap MS]\n\n"
			    "List the output devices (* marks the default), "
			    "then play each cue once,\nnaming it, on the "
			    "chosen device (--list: only list). --log writes "
			    "\"NS cue NAME\"\nlines (CLOCK_MONOTONIC time the "
			    "cue is due); --gap waits MS between\ncues.\n"));
			return KNEAD_EXIT_OK;
		default:
			return cli_bad_option("sound", argv, "h");
		}
	}
	if (optind != argc)
		return cli_usage_error("sound", _("no arguments expected"));

	printf(_("Output devices:\n"));
	fflush(stdout);
	n = audio_list_devices(sound_print_device, NULL);
	if (n == 0)
		printf(_("  (none)\n"));
	else if (n < 0)
		printf(_("  (none: %s)\n"), audio_none_why());
	if (list_only)
		return KNEAD_EXIT_OK;

	a = audio_open(&o);
	if ((msg = audio_status(a)) != NULL)
		printf("%s\n", msg);
	live = audio_live(a);
	/* With no sound the list is all there is: say that nothing played. */
	printf("%s", live ? _("Cues:\n") : _("Cues (none played: no "
	    "sound):\n"));
	for (c = 0; c < CUE__COUNT; c++) {
		sound_source(c, src, sizeof src);
		snprintf(spoken, sizeof spoken, "%s", cue_name(c));
		for (p = spoken; *p != '\0'; p++)
			if (*p == '-')
				*p = ' ';
		t = clock_mono_ns(&clock_system) + (uint64_t)AUDIO_LEAD_MS * 1000000ULL +
		    gap_ms * 1000000ULL;
		audio_cue_at(a, c, t);
		if (audio_voice(a))
			audio_say_at(a, spoken, t +
			    (audio_cue_ms(a, c) + 150) * 1000000ULL);
		if (log != NULL) {
			fprintf(log, "%llu cue %s\n", (unsigned long long)t,
			    cue_name(c));
			fflush(log);
		}
		if (live)
			clock_sleep_until(&clock_system, t);
		printf("  %s%s\n", cue_name(c), src);
		fflush(stdout);
		while (audio_busy(a))
			clock_sleep_ns(&clock_system, 50000000ULL);
		if ((msg = audio_status(a)) != NULL)
			printf("%s\n", msg);
	}
	/*
	 * The last cue's tail, still in the card, is heard before closing
	 * (audio_heard_by moves on while the engine still mixes it).
	 */
	while ((t = audio_heard_by(a)) != 0 && clock_mono_ns(&clock_system) < t)
		clock_sleep_until(&clock_system, t);
	audio_close(a);
	if (log != NULL)
		fclose(log);
	return KNEAD_EXIT_OK;
}
