/*
 * knead add FILE... and knead remove ID: install a routine (a therapist's
 * homework, a friend's routine) into the user's routine folder, and take
 * one out. A file is installed only when it validates; every file is
 * checked before any is installed; a file is written whole or not at all
 * (outfile.h). The history of a removed routine is kept.
 */
#include "cli.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "exitcodes.h"
#include "i18n.h"
#include "library.h"
#include "outfile.h"
#include "routine.h"
#include "routine_yaml.h"
#include "textout.h"
#include "validate.h"
#include "xmalloc.h"

#define ADD_MAX_BYTES	(1024 * 1024)	/* the loader's own limit is lower */

/* A file to install: its bytes and what it holds. */
struct add_item {
	const char	*path;
	struct routine	*r;
	char		*buf;
	size_t		 len;
	char		*target;	/* the user folder's ID.yaml */
};

/* The user's routine folder ($XDG_CONFIG_HOME/knead/routines). */
static void
add_folder(char *buf, size_t len)
{
	snprintf(buf, len, "%s/routines", library_config_dir());
}

/* Create the folder and its parents, 0700. 0, or -1 with errno. */
static int
add_mkdirs(const char *dir)
{
	char	*p, *s = xstrdup(dir);
	int	 rc = 0;

	for (p = s + 1; rc == 0 && (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(s, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0 && mkdir(s, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(s);
	return rc;
}

/* Read the whole file; 0, or -1 with a reason printed. */
static int
add_read(struct add_item *it)
{
	FILE	*fp;
	size_t	 n;
	char	 path[4096];
	int	 err;

	if ((fp = fopen(it->path, "rb")) == NULL) {
		/* One message, so that a language sets both colons. */
		err = errno;
		diag_clean(it->path, path, sizeof path);
		fprintf(stderr, _("knead add: %s: %s\n"), path, strerror(err));
		return -1;
	}
	it->buf = xmalloc(ADD_MAX_BYTES + 1);
	n = fread(it->buf, 1, ADD_MAX_BYTES + 1, fp);
	fclose(fp);
	if (n > ADD_MAX_BYTES) {
		fprintf(stderr, _("knead add: %s: larger than 1 MB, not a "
		    "routine\n"), it->path);
		return -1;
	}
	it->len = n;
	return 0;
}

/* Load and validate one file; 0, or the exit code with what is wrong. */
static int
add_check(struct add_item *it)
{
	struct diag_list	dl;
	char			dir[4096];
	int			rc = 0;

	if (add_read(it) != 0)
		return KNEAD_EXIT_NOINPUT;
	diag_init(&dl);
	it->r = routine_load_string(it->path, it->buf, it->len, &dl);
	if (it->r != NULL) {
		validate_routine(it->r, &dl);
		validate_voices(it->r, &dl);
	}
	if (it->r == NULL || dl.errors > 0 || it->r->id.s == NULL) {
		diag_print(&dl, stderr);
		fprintf(stderr, _("knead add: %s is not a valid routine: "
		    "nothing installed\n"), it->path);
		rc = KNEAD_EXIT_DATAERR;
	} else {
		add_folder(dir, sizeof dir);
		xasprintf(&it->target, "%s/%s.yaml", dir, it->r->id.s);
	}
	diag_clear(&dl);
	return rc;
}

/* What a replacement changes, one line per field that differs. */
static void
add_changes(const struct routine *old, const struct routine *new)
{
	const struct homework	*a = &old->homework, *b = &new->homework;

	printf(_("  title: "));
	tout_text(stdout, old->title.s != NULL ? old->title.s : "-", 0);
	printf(" -> ");
	tout_text(stdout, new->title.s != NULL ? new->title.s : "-", 0);
	printf(_("\n  steps: %zu -> %zu\n"), old->nsteps, new->nsteps);
	printf(_("  rest: %lld h -> %lld h, per week: %lld -> %lld\n"),
	    (long long)(routine_rest_s(old) / 3600),
	    (long long)(routine_rest_s(new) / 3600),
	    (long long)routine_per_week(old),
	    (long long)routine_per_week(new));
	printf(_("  homework: %s to %s -> %s to %s\n"),
	    a->from.s != NULL ? a->from.s : "-",
	    a->until.s != NULL ? a->until.s : "-",
	    b->from.s != NULL ? b->from.s : "-",
	    b->until.s != NULL ? b->until.s : "-");
}

/* Whether the id is one of the bundled routines. */
static int
add_is_bundled(const char *id)
{
	char		path[4096];
	struct stat	sb;

	snprintf(path, sizeof path, "%s/%s.yaml", library_bundled_dir(), id);
	return stat(path, &sb) == 0;
}

/* Ask a yes/no question at a terminal; 0 when not a terminal. */
static int
add_confirm(const char *q)
{
	char	line[16];

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return 0;
	printf("%s [y/N] ", q);
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

/* May it be installed over what is there? 0 yes, else the exit code. */
static int
add_may_replace(const struct add_item *it, int replace)
{
	struct routine		*old;
	struct diag_list	 dl;
	int			 errnum, ok;

	if (add_is_bundled(it->r->id.s) && !replace) {
		fprintf(stderr, _("knead add: %s: '%s' is a bundled routine; "
		    "installing it would hide the bundled one: use --replace "
		    "to do so\n"), it->path, it->r->id.s);
		return KNEAD_EXIT_USAGE;
	}
	if (access(it->target, F_OK) != 0)
		return 0;
	diag_init(&dl);
	old = routine_load_file(it->target, &dl, &errnum);
	diag_clear(&dl);
	printf(_("%s replaces the installed %s:\n"), it->path, it->target);
	if (old != NULL)
		add_changes(old, it->r);
	routine_free(old);
	ok = replace || add_confirm(_("Replace it?"));
	if (!ok) {
		fprintf(stderr, _("knead add: %s is installed already: use "
		    "--replace to replace it\n"), it->r->id.s);
		return KNEAD_EXIT_USAGE;
	}
	return 0;
}

/* Write the file's bytes to its target, whole or not at all. */
static int
add_install(const struct add_item *it)
{
	struct outfile	of;
	char		dir[4096];
	int		err = 0;

	add_folder(dir, sizeof dir);
	if (add_mkdirs(dir) != 0 || outfile_open(&of, it->target, 0600) != 0)
		err = errno;
	else if (write(of.fd, it->buf, it->len) != (ssize_t)it->len) {
		err = errno != 0 ? errno : EIO;
		outfile_abort(&of);
	} else if (outfile_commit(&of) != 0)
		err = errno;
	if (err != 0) {
		fprintf(stderr, _("knead add: cannot install %s: %s\n"),
		    it->target, strerror(err));
		return KNEAD_EXIT_IOERR;
	}
	printf(_("installed %s: %s\n"), it->r->id.s, it->target);
	return 0;
}

/* knead add [--replace] FILE... */
int
cmd_add(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "replace", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct add_item	*items;
	int		 ch, replace = 0, rc = 0, n, i;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'R':
			replace = 1;
			break;
		case 'h':
			printf(_("usage: knead add [--replace] FILE...\n\n"
			    "Check routine files and install them into your "
			    "routine folder\n(%s/routines), where "
			    "'knead list' and the home screen find them.\n"
			    "Nothing is installed unless every file is "
			    "valid. An id already installed\nis replaced "
			    "only with --replace (or a yes at a terminal), "
			    "after showing\nwhat changes; a bundled id "
			    "needs --replace too.\n\n"
			    "Exit codes: 0 installed, 64 usage (also: "
			    "installed already, no --replace),\n65 invalid "
			    "routine, 66 no such file, 74 the folder cannot "
			    "be written.\n"), library_config_dir());
			return KNEAD_EXIT_OK;
		default:
			return cli_bad_option("add", argv, "h");
		}
	}
	if ((n = argc - optind) < 1)
		return cli_usage_error("add", _("which routine file?"));
	items = xcalloc((size_t)n, sizeof *items);
	for (i = 0; i < n; i++) {
		items[i].path = argv[optind + i];
		if ((ch = add_check(&items[i])) != 0 && rc == 0)
			rc = ch;
	}
	for (i = 0; rc == 0 && i < n; i++)
		rc = add_may_replace(&items[i], replace);
	for (i = 0; rc == 0 && i < n; i++)
		rc = add_install(&items[i]);
	for (i = 0; i < n; i++) {
		routine_free(items[i].r);
		free(items[i].buf);
		free(items[i].target);
	}
	free(items);
	return rc;
}

/* knead remove ID: take an installed routine out; its history stays. */
int
cmd_remove(int argc, char **argv)
{
	char	dir[4096], *path;
	int	rc = KNEAD_EXIT_OK;

	if (argc == 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		printf(_("usage: knead remove ID\n\nTake a routine that "
		    "'knead add' installed out of your routine folder.\n"
		    "Its sessions stay in the history.\n"));
		return KNEAD_EXIT_OK;
	}
	if (argc != 2)
		return cli_usage_error("remove", _("one routine id, please"));
	if (argv[1][0] == '\0' || strspn(argv[1],
	    "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(argv[1]))
		return cli_usage_error("remove", _("'%s' is not a routine id "
		    "(a-z, 0-9 and '-')"), argv[1]);
	add_folder(dir, sizeof dir);
	xasprintf(&path, "%s/%s.yaml", dir, argv[1]);
	if (unlink(path) == 0)
		printf(_("removed %s (its sessions stay in the history)\n"),
		    path);
	else if (errno == ENOENT && add_is_bundled(argv[1])) {
		fprintf(stderr, _("knead remove: %s is a bundled routine, not "
		    "one you installed\n"), argv[1]);
		rc = KNEAD_EXIT_NOINPUT;
	} else if (errno == ENOENT) {
		fprintf(stderr, _("knead remove: %s is not installed ('knead "
		    "add' puts routines in %s; 'knead list' shows them all)\n"),
		    argv[1], dir);
		rc = KNEAD_EXIT_NOINPUT;
	} else {
		fprintf(stderr, _("knead remove: %s: %s\n"), path,
		    strerror(errno));
		rc = KNEAD_EXIT_IOERR;
	}
	free(path);
	return rc;
}
