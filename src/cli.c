#include "cli.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "exitcodes.h"

struct command {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*args;
	const char	*help;
};

static const struct command commands[] = {
	{ "run", cmd_run, "ROUTINE", "run one routine (an id or a path)" },
	{ "list", cmd_list, "[--json]", "the library: id, title, minutes, "
	    "areas, tools, rest status" },
	{ "show", cmd_show, "ROUTINE", "the expanded plan with offsets and "
	    "pressure time per area" },
	{ "validate", cmd_validate, "PATH...", "check routine files or folders" },
	{ "status", cmd_status, "", "resting areas and homework progress" },
	{ "history", cmd_history, "[--since WHEN] [--json|--csv]",
	    "past sessions" },
	{ "report", cmd_report, "[--since WHEN] [--format md|csv|json] "
	    "[--out FILE]", "adherence and pain report for a therapist" },
	{ "render", cmd_render, "ROUTINE -o FILE.wav|.flac|.ogg",
	    "the session as an audio guide" },
	{ "sound", cmd_sound, "", "list output devices, play each cue once" },
};

static void
usage(FILE *fp)
{
	size_t	i;

	fprintf(fp, "usage: knead [COMMAND] [OPTIONS]\n\n"
	    "knead is a terminal coach for self-massage with a ball or a foam\n"
	    "roller. Without a command it opens the home screen.\n\n"
	    "Commands:\n");
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(fp, "  %-9s %-44s\n  %9s %s\n", commands[i].name,
		    commands[i].args, "", commands[i].help);
	fprintf(fp, "\n"
	    "Run 'knead COMMAND --help' for the options of a command, and\n"
	    "'man knead' for keys, files and exit codes.\n\n"
	    "Options:\n"
	    "  -h, --help     this help\n"
	    "  -V, --version  the version\n\n"
	    "Exit codes: 0 done, 64 usage, 65 invalid routine, 66 not found,\n"
	    "70 internal error, 74 history store unusable, 75 refused by a "
	    "rest limit.\n");
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "knead%s%s: ", cmd != NULL ? " " : "",
	    cmd != NULL ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'knead%s%s --help'.\n", cmd != NULL ? " " : "",
	    cmd != NULL ? cmd : "");
	return KNEAD_EXIT_USAGE;
}

int
cli_run(int argc, char **argv)
{
	size_t	i;

	setlocale(LC_ALL, "");
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
		    strcmp(argv[1], "--help") == 0)) {
			usage(stdout);
			return KNEAD_EXIT_OK;
		}
		if (argc >= 2 && (strcmp(argv[1], "-V") == 0 ||
		    strcmp(argv[1], "--version") == 0)) {
			printf("knead %s\n", KNEAD_VERSION);
			return KNEAD_EXIT_OK;
		}
		/* No command: the home screen, which takes run's options. */
		return cmd_home(argc, argv);
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	}
	if (strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return KNEAD_EXIT_OK;
	}
	fprintf(stderr, "knead: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return KNEAD_EXIT_USAGE;
}
