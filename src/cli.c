#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "diag.h"
#include "exitcodes.h"
#include "i18n.h"
#include "library.h"

struct command {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*args;
	const char	*help;
};

static const struct command commands[] = {
	{ "run", cmd_run, "ROUTINE", N_("run one routine (an id or a path)") },
	{ "list", cmd_list, "[--json]", N_("the library: id, title, minutes, "
	    "areas, tools, rest") },
	{ "show", cmd_show, "ROUTINE", N_("the expanded plan: offsets, work "
	    "time per area") },
	{ "validate", cmd_validate, "PATH...", N_("check routine files or "
	    "folders") },
	{ "status", cmd_status, "[--line]", N_("resting areas, homework; "
	    "--line: one line for tmux") },
	{ "history", cmd_history, "[--since WHEN] [--json|--csv|--export FILE]",
	    N_("past sessions; --export: for knead import elsewhere") },
	{ "import", cmd_import, "FILE...",
	    N_("merge another machine's export") },
	{ "report", cmd_report, "[--format md|csv|json|pdf|png|svg] "
	    "[--from-export FILE]", N_("adherence and pain report for a "
	    "therapist") },
	{ "render", cmd_render, "ROUTINE -o FILE.wav|.flac|.ogg|.mp3",
	    N_("the session as an audio guide") },
	{ "sound", cmd_sound, "",
	    N_("list output devices, play each cue once") },
	{ "add", cmd_add, "[--replace] FILE...", N_("check and install "
	    "routines (homework)") },
	{ "remove", cmd_remove, "ID", N_("take an installed routine out") },
	{ "remind", cmd_remind, "--every 50m | --off | --status",
	    N_("break reminders for desk work") },
};

static void
usage(FILE *fp)
{
	char	head[96];
	size_t	i;

	fprintf(fp, _("usage: knead [COMMAND] [OPTIONS]\n\n"
	    "knead is a terminal coach for self-massage with a ball or a foam\n"
	    "roller. Without a command it opens the home screen.\n\n"
	    "Commands:\n"));
	for (i = 0; i < nitems(commands); i++) {
		snprintf(head, sizeof head, "%s%s%s", commands[i].name,
		    commands[i].args[0] != '\0' ? " " : "", commands[i].args);
		if (strlen(head) <= 20)
			fprintf(fp, "  %-20s  %s\n", head,
			    _(commands[i].help));
		else
			fprintf(fp, "  %s\n  %20s  %s\n", head, "",
			    _(commands[i].help));
	}
	fprintf(fp, "%s", _("\n"
	    "Run 'knead COMMAND --help' for the options of a command, and\n"
	    "'man knead' for keys, files and exit codes.\n\n"
	    "Options:\n"
	    "  -h, --help     this help\n"
	    "  -V, --version  the version\n\n"
	    "Exit codes: 0 done, 64 usage, 65 invalid routine, 66 not found,\n"
	    "70 internal error, 74 history store unusable, 75 refused by a "
	    "rest limit.\n"));
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (cmd != NULL && cmd[0] == '\0')
		cmd = NULL;	/* the home screen: "knead: ...", not "knead :" */

	fprintf(stderr, "knead%s%s: ", cmd != NULL ? " " : "",
	    cmd != NULL ? cmd : "");
	/* It may quote the command line: shown as diagnostics are. */
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	diag_safe(stderr, msg != NULL ? msg : "?");
	free(msg);
	fprintf(stderr, _("\nTry 'knead%s%s --help'.\n"),
	    cmd != NULL ? " " : "",
	    cmd != NULL ? cmd : "");
	return KNEAD_EXIT_USAGE;
}

int
cli_db(const char *cmd, const char *file)
{
	if (file[0] != '\0')
		return KNEAD_EXIT_OK;
	return cli_usage_error(cmd, _("--db needs a file name (an empty "
	    "one was given)"));
}

int
cli_routines_dir(const char *cmd, const char *dir)
{
	const char	*cause;

	if (library_check_dir(dir, &cause) == 0)
		return KNEAD_EXIT_OK;
	fprintf(stderr, "knead%s%s: --routines ", cmd[0] != '\0' ? " " : "",
	    cmd);
	diag_safe(stderr, dir);
	fprintf(stderr, ": %s\n", cause);
	return KNEAD_EXIT_NOINPUT;
}

/*
 * The routine name resolves to for command cmd ("" for knead's own
 * "knead: " prefix), its diagnostics printed; hint follows a name the
 * library lacks.
 */
static struct routine *
cli_resolve(const char *cmd, const char *name, const char *extra_dir,
    const char *hint, size_t *warnings, int *exit_code)
{
	struct diag_list	 dl;
	struct routine		*r;
	enum library_miss	 miss;
	char			*cause;

	diag_init(&dl);
	r = library_resolve(name, extra_dir, &dl, &miss, &cause);
	/* A valid routine's warnings only counted, when asked to. */
	if (warnings != NULL && r != NULL)
		*warnings = dl.warnings;
	else
		diag_print(&dl, stderr);
	diag_clear(&dl);
	*exit_code = KNEAD_EXIT_OK;
	if (r != NULL)
		return r;
	switch (miss) {
	case LIBRARY_NO_FILE:
	case LIBRARY_NO_ID:
		fprintf(stderr, "knead%s%s: ", cmd[0] != '\0' ? " " : "", cmd);
		diag_safe(stderr, cause);
		fputs(miss == LIBRARY_NO_ID ? hint : "\n", stderr);
		*exit_code = KNEAD_EXIT_NOINPUT;
		break;
	case LIBRARY_INVALID:
		*exit_code = KNEAD_EXIT_DATAERR;
		break;
	}
	free(cause);
	return NULL;
}

struct routine *
cli_resolve_routine(const char *cmd, const char *name, const char *extra_dir,
    int *exit_code)
{
	return (cli_resolve(cmd, name, extra_dir, _("\nRun 'knead list' to "
	    "see the routines, or give a path to a .yaml file.\n"), NULL,
	    exit_code));
}

struct routine *
cli_resolve_quiet(const char *cmd, const char *name, const char *extra_dir,
    size_t *warnings, int *exit_code)
{
	*warnings = 0;
	return (cli_resolve(cmd, name, extra_dir, _("\nRun 'knead list' to "
	    "see the routines, or give a path to a .yaml file.\n"), warnings,
	    exit_code));
}

struct routine *
cli_resolve_id(const char *cmd, const char *id, const char *extra_dir,
    int *exit_code)
{
	return (cli_resolve(cmd, id, extra_dir, _("\nRun 'knead list' to see "
	    "the routines.\n"), NULL, exit_code));
}

/* An option's whole number (see cli.h). */
long
cli_num(const char *s, long hi)
{
	char	*end;
	long	 l;

	errno = 0;
	l = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || l < 0 || l > hi)
		return -1;
	return l;
}

static int	cli_dispatch(int, char **);

int
cli_run(int argc, char **argv)
{
	return cli_output_done(cli_dispatch(argc, argv));
}

/* What ./knead (main.c) loads: the whole program behind its entry. */
__attribute__((visibility("default")))
const struct knead_core knead_core = { KNEAD_VERSION, cli_run };

/*
 * Whether standard output is a pipe nobody reads any more (an earlier
 * write failed with EPIPE: --plain ends its session then, on purpose).
 */
static int
cli_reader_gone(void)
{
	struct pollfd	pfd;

	pfd.fd = STDOUT_FILENO;
	pfd.events = 0;
	pfd.revents = 0;
	return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLERR) != 0;
}

/*
 * Output that could not be written is an error (issue 13): knead list
 * >/dev/full exited 0. A reader that went away (EPIPE) is not: the
 * output was not wanted any more.
 */
int
cli_output_done(int rc)
{
	int	failed;

	/* Flushed, not closed: the screen's atexit still writes to fd 1. */
	errno = 0;
	failed = fflush(stdout) != 0 || ferror(stdout);
	if (!failed || errno == EPIPE || cli_reader_gone())
		return rc;
	fprintf(stderr, _("knead: cannot write the output: %s\n"),
	    errno != 0 ? strerror(errno) : _("write error"));
	return rc != KNEAD_EXIT_OK ? rc : KNEAD_EXIT_IOERR;
}

/* getopt_long's '?' said the same way for every command (see cli.h). */
int
cli_bad_option(const char *cmd, char *const *argv, const char *optstring)
{
	const char	*arg = argv[optind - 1];
	size_t		 n = strcspn(arg, "=");

	if (strncmp(arg, "--", 2) == 0)
		return optopt != 0 ? cli_usage_error(cmd, _("option '%.*s' "
		    "needs a value"), (int)n, arg) : cli_usage_error(cmd, _("unknown "
		    "option '%.*s'"), (int)n, arg);
	if (optopt != 0 && optopt != ':' && strchr(optstring, optopt) != NULL)
		return cli_usage_error(cmd, _("option '-%c' needs a value"),
		    optopt);
	return cli_usage_error(cmd, _("unknown option '-%c'"), optopt);
}

/* The command called name, or NULL. */
static const struct command *
command_named(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(commands); i++)
		if (strcmp(name, commands[i].name) == 0)
			return (&commands[i]);
	return (NULL);
}

/*
 * knead --help [COMMAND] (or help [COMMAND]): the list of commands, or
 * that command's own help as 'knead COMMAND --help' gives it.
 */
static int
cli_help_of(int argc, char **argv)
{
	const struct command	*c;
	char			*sub[3];

	if (argc == 2) {
		usage(stdout);
		return KNEAD_EXIT_OK;
	}
	if (argc == 3 && (c = command_named(argv[2])) != NULL) {
		sub[0] = argv[2];
		sub[1] = (char *)"--help";
		sub[2] = NULL;
		return c->fn(2, sub);
	}
	if (argc == 3)
		return (cli_usage_error(NULL, _("%s: '%s' is not a command"),
		    argv[1], argv[2]));
	return (cli_usage_error(NULL, _("%s takes one word at most, a "
	    "command"), argv[1]));
}

/* Run the command argv names (see cli.h). */
static int
cli_dispatch(int argc, char **argv)
{
	const struct command	*c;
	const char		*names[nitems(commands) + 1], *near;
	char			 word[256];
	size_t			 i;

	i18n_init();
	opterr = 0;	/* each command says what was wrong, once */
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
		    strcmp(argv[1], "--help") == 0))
			return (cli_help_of(argc, argv));
		if (argc >= 2 && (strcmp(argv[1], "-V") == 0 ||
		    strcmp(argv[1], "--version") == 0)) {
			if (argc > 2)
				return (cli_usage_error(NULL, _("%s takes no "
				    "other words"), argv[1]));
			printf("knead %s\n", KNEAD_VERSION);
			return KNEAD_EXIT_OK;
		}
		/* No command: the home screen, which takes run's options. */
		return cmd_home(argc, argv);
	}
	if ((c = command_named(argv[1])) != NULL)
		return c->fn(argc - 1, argv + 1);
	if (strcmp(argv[1], "help") == 0)
		return (cli_help_of(argc, argv));
	for (i = 0; i < nitems(commands); i++)
		names[i] = commands[i].name;
	names[i] = NULL;
	/* The word as typed: shown as diagnostics are. */
	diag_clean(argv[1], word, sizeof word);
	if ((near = diag_suggest(argv[1], names, nitems(commands))) != NULL)
		fprintf(stderr, _("knead: unknown command '%s' (did you mean "
		    "'%s'?)\n"), word, near);
	else
		fprintf(stderr, _("knead: unknown command '%s'\n"), word);
	fprintf(stderr, "%s",
	    _("Try 'knead --help' for the list of commands.\n"));
	return KNEAD_EXIT_USAGE;
}
