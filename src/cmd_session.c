/*
 * knead run and knead (the home screen): option parsing, setting up one
 * run (routine, plan, history, audio, event log) in that order and freeing
 * it in reverse; the run engine itself is run.c.
 */
#include "cli.h"
#include "frontend.h"
#include "keys.h"
#include "run.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio.h"
#include "clock.h"
#include "diag.h"
#include "eventlog.h"
#include "exitcodes.h"
#include "history.h"
#include "homeidx.h"
#include "i18n.h"
#include "inbox.h"
#include "library.h"
#include "plan.h"
#include "refusal.h"
#include "routine.h"
#include "session.h"
#include "ui.h"
#include "validate.h"
#include "waiter.h"
#include "xmalloc.h"

enum {
	OPT_NO_SOUND = 256,
	OPT_NO_VOICE,
	OPT_DEVICE,
	OPT_VOLUME,
	OPT_PLAIN,
	OPT_OVERRIDE,
	OPT_SKIP_RESTING,
	OPT_LOG,
	OPT_DB,
	OPT_ROUTINES
};

static const struct option run_longopts[] = {
	{ "no-sound", no_argument, NULL, OPT_NO_SOUND },
	{ "no-voice", no_argument, NULL, OPT_NO_VOICE },
	{ "device", required_argument, NULL, OPT_DEVICE },
	{ "volume", required_argument, NULL, OPT_VOLUME },
	{ "plain", no_argument, NULL, OPT_PLAIN },
	{ "override", required_argument, NULL, OPT_OVERRIDE },
	{ "skip-resting", no_argument, NULL, OPT_SKIP_RESTING },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "db", required_argument, NULL, OPT_DB },
	{ "routines", required_argument, NULL, OPT_ROUTINES },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The help of knead run (and of the home screen, which takes the same). */
static void
run_usage(FILE *fp, const char *cmd)
{
	const struct key_help	*kh;
	size_t			 i, n;

	fprintf(fp, _("usage: knead%s [OPTIONS]%s\n\n"), cmd,
	    cmd[0] != '\0' ? " ROUTINE" : "");
	if (cmd[0] != '\0')
		fprintf(fp, _("Run one routine (an id from 'knead list' or a "
		    "path to a .yaml file)\nas a guided session.\n\n"));
	else
		fprintf(fp, _("The home screen: pick a routine from the "
		    "library.\n\n"));
	fprintf(fp, _("Options:\n  --no-sound         no cues and no voice\n"
	    "  --no-voice         cues only, no spoken instructions\n"
	    "  --device NAME      audio output device ('knead sound' lists "
	    "them)\n"
	    "  --volume N         volume 0..100 (default 80)\n"
	    "  --plain            no full screen: one line per step, prompts "
	    "on\n"
	    "                     stdin (screen readers, pipes)\n"
	    "  --override REASON  run despite a rest limit (recorded)\n"
	    "  --skip-resting     leave out the areas that are resting\n"
	    "  --log FILE         write the event log to FILE\n"
	    "  --db FILE          the history store (default: KNEAD_DB or\n"
	    "                     $XDG_DATA_HOME/knead/history.db)\n"
	    "  --routines DIR     also look for routines in DIR\n"
	    "  -h, --help         this help\n\n"
	    "Keys during a session (--plain: the first character of a line;\n"
	    "an empty or blank line is space: it ends a hold until release,\n"
	    "else pauses and resumes):\n"));
	kh = keys_help(&n);
	for (i = 0; i < n; i++)
		fprintf(fp, "  %-8s %s\n", kh[i].keys, _(kh[i].what));
}

/* Parse the options of run and home into o; returns optind, or
 * -1 - the exit code when the command is done (help, usage error). */
static int
run_parse(int argc, char **argv, struct run_opts *o, const char *cmd)
{
	const char	*errstr = NULL;
	long		 v;
	int		 c;

	memset(o, 0, sizeof *o);
	o->volume = -1;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", run_longopts, NULL)) != -1) {
		switch (c) {
		case OPT_NO_SOUND:
			o->no_sound = 1;
			break;
		case OPT_NO_VOICE:
			o->no_voice = 1;
			break;
		case OPT_DEVICE:
			o->device = optarg;
			break;
		case OPT_VOLUME:
			if ((v = cli_num(optarg, 100)) < 0)
				errstr = _("--volume wants a number 0..100");
			else
				o->volume = (int)v;
			break;
		case OPT_PLAIN:
			o->plain = 1;
			break;
		case OPT_OVERRIDE:
			/* Blank is no reason: said here, nothing stored. */
			if (!history_reason_ok(optarg))
				errstr = _("--override wants a reason");
			o->override = optarg;
			break;
		case OPT_SKIP_RESTING:
			o->skip_resting = 1;
			break;
		case OPT_LOG:
			o->log_path = optarg;
			break;
		case OPT_DB:
			if (cli_db(cmd, optarg) != 0)
				return KNEAD_EXIT_USAGE;
			o->db_path = optarg;
			break;
		case OPT_ROUTINES:
			if (cli_routines_dir(cmd + (cmd[0] == ' '),
			    optarg) != 0)
				return (-1 - KNEAD_EXIT_NOINPUT);
			o->routines_dir = optarg;
			break;
		case 'h':
			run_usage(stdout, cmd);
			return (-1 - KNEAD_EXIT_OK);
		case ':':
			cli_usage_error(cmd + (cmd[0] == ' '),
			    _("option '%s' needs a value"), argv[optind - 1]);
			return (-1 - KNEAD_EXIT_USAGE);
		default:
			cli_usage_error(cmd + (cmd[0] == ' '),
			    _("unknown option '%s'"), argv[optind - 1]);
			return (-1 - KNEAD_EXIT_USAGE);
		}
		if (errstr != NULL) {
			cli_usage_error(cmd + (cmd[0] == ' '), "%s", errstr);
			return (-1 - KNEAD_EXIT_USAGE);
		}
	}
	if (o->override != NULL && o->skip_resting) {
		cli_usage_error(cmd + (cmd[0] == ' '),
		    _("--override and --skip-resting exclude each other"));
		return (-1 - KNEAD_EXIT_USAGE);
	}
	return (optind);
}

/* Will the front end ask the day-after question before this run? */
static int
after_question_due(struct history *h)
{
	struct after_due	 d;
	char			*cause = NULL;
	int			 due;

	if (h == NULL)
		return (0);
	memset(&d, 0, sizeof d);
	due = history_after_due(h, &d, &cause) == 0 && d.n > 0;
	free(cause);
	return (due);
}

/*
 * The exit code of what a run came to (run.h): the only place the run's
 * results become exit codes. A session that ran is 0 however it ended
 * (completed, stopped, halted); a refusal is 75, a store that could not
 * begin it 74.
 */
static const int run_exit[] = {
	[RUN_OK] = KNEAD_EXIT_OK,
	[RUN_ENDED] = KNEAD_EXIT_OK,
	[RUN_REFUSED] = KNEAD_EXIT_TEMPFAIL,
	[RUN_STORE_FAILED] = KNEAD_EXIT_IOERR
};

/*
 * The end of a command that SIGTERM or SIGHUP ended (a shutdown, a closed
 * terminal), once the session is saved and the terminal given back: the
 * process ends by that signal, so that its sender sees it (a shell's 143
 * or 129), not 0, which says the session ran its course or the user
 * stopped it. Ctrl-C is the user's quit (rc), and an error the signal
 * came with (74: some of the session could not be saved) says more.
 */
static int
run_exit_signalled(int rc)
{
	sigset_t	set;
	int		sig = waiter_signal();

	if (rc != KNEAD_EXIT_OK || (sig != SIGTERM && sig != SIGHUP))
		return (rc);
	ui_term_stop();
	(void)fflush(stdout);
	(void)fflush(stderr);
	(void)signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	(void)sigprocmask(SIG_UNBLOCK, &set, NULL);
	(void)raise(sig);
	return (128 + sig);	/* not reached */
}

/* The home screen's status: what the store said, not a guess. */
static void
last_session(const struct run *run, char **msg)
{
	const char	*label;

	label = session_outcome_label(session_outcome(run->session));
	if (run->store_lost)
		xasprintf(msg, _("Last session: %s. It could not be saved: %s"),
		    label, history_error(run->history));
	else if (run->reserve_told)
		xasprintf(msg, _("Last session: %s. The disk is full: the "
		    "space kept in reserve was used to save it; free some "
		    "space."), label);
	else
		xasprintf(msg, _("Last session: %s."), label);
}

/*
 * Open the history store named by the options; on failure the exit code,
 * with *cause (caller frees) for the line the caller prints.
 */
static int
run_store(const struct run_opts *o, struct history **h, char **cause)
{
	*h = NULL;
	*cause = NULL;
	/* NULL: KNEAD_DB, or the default path. */
	if (history_open(o->db_path, &clock_system, h, cause) != 0)
		return (KNEAD_EXIT_IOERR);
	return (0);
}

/* Say why the store did not open (run_store), and free the cause. */
static void
run_store_failed(char *cause)
{
	/* It names the --db path as typed: shown as diagnostics are. */
	if (cause != NULL)
		diag_clean(cause, cause, strlen(cause) + 1);
	fprintf(stderr, _("knead: history store: %s\n"),
	    cause != NULL ? cause : _("cannot open"));
	free(cause);
}

/*
 * The event log named by the options (*log NULL without --log): checked
 * before anything is drawn or opened, and never the store itself.
 */
static int
run_log(const struct run_opts *o, struct eventlog **log)
{
	char	*cause = NULL, shown[1024];

	*log = NULL;
	if (o->log_path == NULL)
		return (0);
	/* The path as typed, its control bytes shown as '?'. */
	diag_clean(o->log_path, shown, sizeof shown);
	if (history_path_owns(o->db_path, o->log_path))
		return (cli_usage_error(NULL, _("--log %s is the history store "
		    "or one of its files; give another file"), shown));
	/* Nothing is written to it before the run begins. */
	if ((*log = eventlog_open(o->log_path, &cause)) == NULL) {
		diag_clean(cause, shown, sizeof shown);
		fprintf(stderr, _("knead: cannot write the event log: %s\n"),
		    shown);
		free(cause);
		return (KNEAD_EXIT_IOERR);
	}
	return (0);
}

/* Close the event log, and say when lines of it were lost (a full disk). */
static void
run_log_close(const struct run_opts *o, struct eventlog *log)
{
	char	shown[1024];
	int	err;

	if ((err = eventlog_close(log)) == 0)
		return;
	diag_clean(o->log_path, shown, sizeof shown);
	fprintf(stderr, _("knead: the event log %s is not complete: %s\n"),
	    shown, strerror(err));
}

/*
 * What stopped a run from beginning, said: a refusal (its words, or its
 * first line in the home screen's status), or the store's cause. The
 * screen is left first: what it showed is replaced by the refusal.
 */
static int
run_refused(struct run *run, enum run_result res, char *cause, int in_tui,
    char **msg)
{
	const struct run_opts	*o = run->opts;
	char			*text;
	int			 rc = run_exit[res];

	if (!o->plain && !in_tui)
		ui_term_stop();
	if (res == RUN_REFUSED) {
		text = run->halt_still ? refusal_halt_text(run->routine,
		    o->routine_arg, run->rest, run->nrest) :
		    refusal_text_as(run->routine, o->routine_arg, run->rest,
		    run->nrest);
		if (!in_tui) {
			fputs(text, stderr);
			fflush(stderr);
			run_say_refused(run);
		} else if (msg != NULL) {
			/* The home screen's status: the first line. */
			text[strcspn(text, "\n")] = '\0';
			*msg = text;
			text = NULL;
		}
		free(text);
	} else if (cause != NULL) {
		if (in_tui && msg != NULL)
			xasprintf(msg, _("history: %s"), cause);
		else
			fprintf(stderr, _("knead: %s\n"), cause);
	}
	free(cause);
	if (!o->plain && !in_tui)
		run_print_queue(run, stderr);
	run_free_queue(run);
	run_clear(run);
	return (rc);
}

/*
 * knead run on the screen, for someone who also uses the home screen (its
 * kept index exists): the session changed the store, so the index is made
 * again as the session's screen closes, and written once the store is
 * closed (home_keep_at_exit), as the home screen does after its own
 * sessions. Without it the next home start rebuilds the index first.
 */
static struct {
	struct library	lib;
	struct homeidx	idx;
	int		keep;
} run_home;

static void	home_keep_at_exit(const struct run_opts *,
		    const struct library *, struct homeidx *);

static void
run_home_make(const struct run_opts *o, struct history *h)
{
	const char	*path = homeidx_path();

	if (ui_signalled() || path == NULL || access(path, F_OK) != 0)
		return;
	memset(&run_home.lib, 0, sizeof run_home.lib);
	if (o->routines_dir != NULL)
		library_add_dir(&run_home.lib, o->routines_dir);
	library_load(&run_home.lib, NULL);
	run_home.keep = ui_home_index(&run_home.lib, h, &run_home.idx) == 0;
	if (!run_home.keep)
		library_free(&run_home.lib);
}

/* The front end runs the session; its result as an exit code. */
static int
run_front(struct run *run, struct history *h, int in_tui, char **msg)
{
	const struct run_opts	*o = run->opts;
	char			*cause = NULL;
	enum run_result		 res;
	int			 rc;

	if (o->plain) {
		run_open_audio(run);
		res = plain_run(run);
	} else {
		/* The home screen asked when it started. */
		if (!in_tui) {
			ui_after_ask(h);
			ui_watch_inbox(run->inbox);
		}
		res = ui_session_run(run);
		if (!in_tui) {
			ui_watch_inbox(NULL);
			if (res == RUN_OK && !run->store_lost)
				run_home_make(o, h);
			ui_term_stop();
		}
	}
	if (run->cause != NULL) {
		cause = run->cause;
		run->cause = NULL;
	}
	if (res == RUN_REFUSED || (res != RUN_OK && cause != NULL))
		return (run_refused(run, res, cause, in_tui, msg));
	rc = run_exit[res];
	if (!o->plain && !in_tui)
		run_print_queue(run, stdout);
	/*
	 * Only a session the store holds: begun, or screened out (kept as
	 * such). One quit at a screening question never began: no line
	 * says "Last session: stopped." about a session that is not there.
	 */
	if (msg != NULL && run->session != NULL && (run->begun ||
	    session_outcome(run->session) == OUTCOME_SCREENED))
		last_session(run, msg);
	/* The session ran but the store lost it: the exit code says so. */
	if (rc == 0 && run->store_lost)
		rc = KNEAD_EXIT_IOERR;
	run_free_queue(run);
	run_clear(run);
	return (rc);
}

/* Why the full screen cannot be drawn, and that the run goes on in --plain. */
static void
say_plain(const char *why)
{
	fprintf(stderr, _("knead: %s: running line by line (--plain)\n"), why);
}

/* The home screen cannot be drawn here: why, and what to use (exit 64). */
static int
home_unusable(const char *why)
{
	return (cli_usage_error(NULL, _("the home screen cannot be "
	    "drawn here: %s; try 'knead list' and 'knead run --plain "
	    "ROUTINE'"), why));
}

/*
 * Run routine r with everything set up in order: plan, the first frame
 * (drawn from the routine alone, before anything is asked of the store),
 * the store (opened here when *h is NULL), history begin (when there are
 * no screening questions; otherwise after them), audio, the front end.
 * Only once the store has begun the session does its clock start (the
 * session is on disk before it runs); a refusal replaces the frame.
 * in_tui: the home screen already owns the terminal. *msg gets a line
 * for the home screen's status (caller frees).
 */
static int
run_go(const struct run_opts *o, const struct routine *r, struct history **h,
    struct eventlog *log, int in_tui, char **msg)
{
	struct run		 run;
	struct run_opts		 po;
	struct audio_opts	 ao;
	const char		*why;
	char			*cause = NULL;
	enum run_result		 res;
	int			 rc, due;

	memset(&run, 0, sizeof run);
	run.pre_step = run.ahead_step = SIZE_MAX;
	run.opts = o;
	run.clock = &clock_system;
	run.routine = r;
	run.log = log;
	run_set_audio(&run, NULL);
	if (plan_build(r, &run.full) != 0) {
		fprintf(stderr,
		    _("knead: %s: the routine cannot be expanded\n"),
		    r->path);
		return (KNEAD_EXIT_DATAERR);
	}
	run.plan = &run.full;
	/*
	 * From the home screen (its store open, its day-after question
	 * asked when it started), a refusal comes before the routine's first
	 * page: Enter on a resting routine is refused at once.
	 */
	if (in_tui && *h != NULL) {
		run.history = *h;
		if ((res = run_refusal(&run, &cause)) != RUN_OK) {
			if (res == RUN_STORE_FAILED)
				eventlog_discard(log);
			return (run_refused(&run, res, cause, in_tui, msg));
		}
	}
	memset(&ao, 0, sizeof ao);
	ao.no_sound = o->no_sound;
	ao.no_voice = o->no_voice || !routine_voice(r);
	ao.device = o->device;
	ao.volume = o->volume;	/* negative: MIXER_VOLUME */
	ao.lang = r->cues.lang.s;
	/* The sound opens after the first frame (--plain: before it runs). */
	run.audio_later = &ao;
	if (!o->plain) {
		if (!in_tui && ui_term_start(&why) != 0) {
			/* Nothing recorded yet: line by line instead. */
			say_plain(why);
			run_clear(&run);
			po = *o;
			po.plain = 1;
			return (run_go(&po, r, h, log, 0, msg));
		}
		ui_session_preview(&run);
		/* PortAudio's start is tested in a child beside the store. */
		if (!o->no_sound)
			audio_prepare();
	}
	if (*h == NULL && (rc = run_store(o, h, &cause)) != 0) {
		if (!o->plain && !in_tui)
			ui_term_stop();
		/* The first frame held in the log: nothing is written. */
		eventlog_discard(log);
		run_store_failed(cause);
		run_clear(&run);
		return (rc);
	}
	run.history = *h;
	/*
	 * With screening questions, or a day-after question still to ask
	 * (its answer can hold an area: SORE_RATING), or an override (it
	 * may pass a spot halted for pain: run_screen asks whether that
	 * is gone), the front end asks them, then begins.
	 */
	due = after_question_due(*h);
	/* Halts whose hold has passed: asked about first (run_screen). */
	if (run_halts_passed(&run, &cause) != RUN_OK) {
		eventlog_discard(log);
		return (run_refused(&run, RUN_STORE_FAILED, cause, in_tui,
		    msg));
	}
	if (r->nscreen == 0 && !due && o->override == NULL &&
	    run.npassed == 0)
		res = run_begin(&run, NULL, &cause);
	else if (!in_tui && !due)
		/*
		 * A refusal before the routine's page that asks for Enter
		 * and its questions (a resting run showed "Enter start",
		 * then was refused). Not while a check-in is due: its answer
		 * can lift a hold.
		 */
		res = run_refusal(&run, &cause);
	else
		res = RUN_OK;
	if (res == RUN_STORE_FAILED)
		eventlog_discard(log);
	if (res != RUN_OK)
		return (run_refused(&run, res, cause, in_tui, msg));
	/* For remind --notify's line; the home screen has one already. */
	if (!in_tui)
		run.inbox = inbox_open();
	return (run_front(&run, *h, in_tui, msg));
}

/*
 * A routine's warnings are for its author, who sees them with knead
 * validate; the user cannot act on them. So a run says only that there
 * are some and how to see them; the few the user must know for their
 * safety are in the preamble, in their words (run_preamble).
 */
static void
run_author_notes(const struct routine *r, size_t warnings)
{
	char	*line = NULL;
	size_t	 len = 0;
	FILE	*fp;

	if (warnings == 0)
		return;
	/*
	 * The line in one write(2) (stderr is unbuffered): three or more
	 * writes to the terminal, each waking it, before the first frame.
	 */
	if ((fp = open_memstream(&line, &len)) == NULL)
		fp = stderr;
	fprintf(fp, ngettext("knead: this routine has %zu note for its "
	    "author (it does not change the session); to see it: knead "
	    "validate ", "knead: this routine has %zu notes for its author "
	    "(they do not change the session); to see them: knead validate ",
	    warnings), warnings);
	diag_safe(fp, r->path);
	fputc('\n', fp);
	if (fp != stderr && fclose(fp) == 0)
		fwrite(line, 1, len, stderr);
	free(line);
}

/* knead run ROUTINE. */
int
cmd_run(int argc, char **argv)
{
	struct run_opts		 o;
	struct routine		*r;
	struct history		*h;
	struct eventlog		*log;
	const char		*why;
	size_t			 notes;
	int			 i, rc;

	if ((i = run_parse(argc, argv, &o, " run")) < 0)
		return (-1 - i);
	if (argc - i != 1)
		return (cli_usage_error("run", argc - i == 0 ?
		    _("which routine? (an id from 'knead list', or a path)") :
		    _("one routine at a time")));
	/*
	 * --plain: PortAudio's start is tested in a child while the routine
	 * loads. On the screen, after the first frame (run_go).
	 */
	if (o.plain && !o.no_sound)
		audio_prepare();
	/* The routine first: a broken file is said before how to run it. */
	if ((r = cli_resolve_quiet("run", argv[i], o.routines_dir, &notes,
	    &rc)) == NULL)
		return (rc);
	run_author_notes(r, notes);
	o.routine_arg = argv[i];	/* a refusal's commands name it */
	if (!o.plain && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		routine_free(r);
		return (cli_usage_error("run", _("not a terminal: use --plain "
		    "for line-by-line output")));
	}
	/*
	 * Checked before anything is recorded: no phantom session. (TERM
	 * unknown to terminfo is found by run_go, which starts the screen.)
	 */
	if (!o.plain && !ui_term_usable(&why)) {
		say_plain(why);
		o.plain = 1;
	}
	if ((rc = run_log(&o, &log)) != 0) {
		routine_free(r);
		return (rc);
	}
	/* The store is opened by run_go, after the first frame. */
	h = NULL;
	rc = run_go(&o, r, &h, log, 0, NULL);
	history_close(h);
	if (run_home.keep) {
		home_keep_at_exit(&o, &run_home.lib, &run_home.idx);
		library_free(&run_home.lib);
		run_home.keep = 0;
	}
	run_log_close(&o, log);
	routine_free(r);
	return (run_exit_signalled(rc));
}

/*
 * Start the home screen: its first frame from the kept index when it is
 * there and of the same files (homeidx.h: nothing read but it), else
 * from the library loaded and the store read as it is (quick: nothing
 * checked, created or written); then the store proper opened (checked,
 * upgraded, dead sessions swept) and the sound's probe started, both
 * after that frame. A store that cannot be opened leaves the screen and
 * says why. The index of the real frame is kept when it was missing or
 * stale (ui_home_run, after that frame).
 */
static int
home_start(const struct run_opts *o, struct library *lib, struct history **h)
{
	struct history	*ro = NULL;
	struct homeidx	 idx;
	const char	*db, *why;
	char		*cause = NULL, *def = NULL;
	uint64_t	 key = 0;
	int		 rc, racy = 1, kept;

	/* The key before anything is read: a change after it shows. */
	db = history_store_path(o->db_path, &def);
	if (db != NULL)
		key = homeidx_key(lib, db, clock_wall_s(&clock_system), &racy);
	free(def);
	kept = homeidx_read(homeidx_path(), key, clock_wall_s(&clock_system),
	    &idx) == 0;
	if (kept) {
		if (ui_term_start(&why) != 0)
			goto noscreen;
		ui_home_preview_kept(&idx);
		homeidx_free(&idx);
	}
	library_load(lib, NULL);
	if (!kept) {
		/* Missing, older or unreadable: no early frame, the store
		 * says. */
		if (history_open_readonly(o->db_path, &clock_system, &ro,
		    &cause) != 0)
			ro = NULL;
		free(cause);
		cause = NULL;
		if (ui_term_start(&why) != 0)
			goto noscreen;
		if (ro != NULL) {
			ui_home_preview(lib, ro);
			history_close(ro);
		}
	}
	if (!o->no_sound)
		audio_prepare();
	if ((rc = run_store(o, h, &cause)) != 0) {
		ui_term_stop();
		run_store_failed(cause);
		return (rc);
	}
	/* Missing or stale, and no file changed in the last 2 s: kept. */
	if (!kept && !racy)
		ui_home_keep(homeidx_path(), key);
	return (0);
noscreen:
	if (kept)
		homeidx_free(&idx);
	history_close(ro);
	return (home_unusable(why));
}

/*
 * After sessions from the home screen, the store closed (its last writes
 * made): idx, the frame the next start draws, kept under the store's key
 * as it is now, so that start draws it before reading anything (home
 * start keeps an index only when nothing changed in the last 2 s, which
 * the store just did).
 */
static void
home_keep_at_exit(const struct run_opts *o, const struct library *lib,
    struct homeidx *idx)
{
	const char	*db;
	char		*def = NULL;
	int		 racy = 1;

	db = history_store_path(o->db_path, &def);
	if (db != NULL)
		idx->key = homeidx_key_settled(lib, db, &clock_system, &racy);
	free(def);
	if (!racy && idx->key != 0)
		(void)homeidx_write(homeidx_path(), idx);
	homeidx_free(idx);
}

/* knead (no command): the home screen, then sessions, until q. */
int
cmd_home(int argc, char **argv)
{
	struct run_opts		 o;
	struct library		 lib;
	struct history		*h;
	struct eventlog		*log;
	struct run_opts		 one;
	const char		*why;
	char			*msg = NULL;
	struct home_pick	 pick;
	struct inbox		*ib;
	struct homeidx		 kept;
	int			 i, rc = 0, idx, refused = -1, ran = 0;
	int			 keep = 0;

	if ((i = run_parse(argc, argv, &o, "")) < 0)
		return (-1 - i);
	if (argc - i != 0)
		return (cli_usage_error(NULL, _("unknown command '%s'"),
		    argv[i]));
	if (o.plain)
		return (cli_usage_error(NULL, _("--plain needs a routine: "
		    "knead run --plain ROUTINE ('knead list' shows them)")));
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return (cli_usage_error(NULL, _("not a terminal: try "
		    "'knead list' and 'knead run --plain ROUTINE'")));
	if (!ui_term_usable(&why))
		return (home_unusable(why));
	if ((rc = run_log(&o, &log)) != 0)
		return (rc);
	memset(&lib, 0, sizeof lib);
	if (o.routines_dir != NULL)
		library_add_dir(&lib, o.routines_dir);
	/* The library is loaded by home_start, after the first frame. */
	h = NULL;
	if ((rc = home_start(&o, &lib, &h)) != 0)
		goto out;
	ui_after_ask(h);
	/* remind --notify's line, on the home screen and in its sessions. */
	ib = inbox_open();
	ui_watch_inbox(ib);
	memset(&pick, 0, sizeof pick);
	for (;;) {
		idx = ui_home_run(&lib, h, msg, refused, &pick);
		free(msg);
		msg = NULL;
		if (idx < 0)
			break;
		one = o;
		one.skip_resting = pick.skip || o.skip_resting;
		if (one.skip_resting)
			one.override = NULL;
		if (pick.reason[0] != '\0') {	/* o Enter on the home screen */
			one.override = pick.reason;
			one.skip_resting = 0;
		}
		ran = 1;
		rc = run_go(&one, lib.v[idx].routine, &h, log, 1, &msg);
		refused = rc == KNEAD_EXIT_TEMPFAIL ? idx : -1;
		if (refused < 0)	/* a refusal keeps the filter */
			pick.filter[0] = '\0';
		if (rc != 0 && rc != KNEAD_EXIT_TEMPFAIL)
			break;
		rc = 0;
		if (ui_signalled())
			break;
	}
	ui_watch_inbox(NULL);
	inbox_close(ib);
	/* A session changed the store: the next start's frame, kept below. */
	if (ran && rc == 0 && h != NULL && !ui_signalled())
		keep = ui_home_index(&lib, h, &kept) == 0;
	ui_term_stop();
	if (msg != NULL)
		fprintf(stderr, _("knead: %s\n"), msg);
out:
	free(msg);
	history_close(h);
	if (keep)
		home_keep_at_exit(&o, &lib, &kept);
	run_log_close(&o, log);
	library_free(&lib);
	return (run_exit_signalled(rc));
}
