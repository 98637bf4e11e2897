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

#include "areas.h"
#include "diag.h"
#include "exitcodes.h"
#include "i18n.h"
#include "library.h"
#include "outfile.h"
#include "plan.h"
#include "refusal.h"
#include "routine.h"
#include "routine_yaml.h"
#include "textout.h"
#include "validate.h"
#include "xmalloc.h"


/* A file to install: its bytes and what it holds. */
struct add_item {
	const char	*path;
	char		 shown[1024];	/* path as said (diag_clean) */
	char		 tshown[1024];	/* target as said */
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

/*
 * Read the whole file as the loader reads a routine (a regular file, not
 * waiting on a FIFO, the size limit): 0, or the exit code with the
 * problem printed as validate prints it (66 missing or unreadable, 65 not
 * a routine file).
 */
static int
add_read(struct add_item *it)
{
	struct diag_list	dl;
	int			errnum = 0;

	diag_init(&dl);
	it->buf = routine_read_file(it->path, &it->len, &dl, &errnum);
	cli_print_diags(&dl);
	diag_clear(&dl);
	if (it->buf != NULL)
		return 0;
	return errnum == ENOENT || errnum == EACCES || errnum == ENOTDIR ?
	    KNEAD_EXIT_NOINPUT : KNEAD_EXIT_DATAERR;
}

/*
 * Load and validate one file; 0, or the exit code with what is wrong. Its
 * warnings are printed too, as knead validate prints them: a therapist who
 * hands over homework with add alone still reads them (tester 24, A2).
 */
static int
add_check(struct add_item *it)
{
	struct diag_list	dl;
	char			dir[4096];
	int			rc = 0;

	if ((rc = add_read(it)) != 0)
		return rc;
	diag_init(&dl);
	it->r = routine_load_string(it->path, it->buf, it->len, &dl);
	if (it->r != NULL)
		cli_check_routine(it->r, &dl);
	cli_print_diags(&dl);
	if (it->r == NULL || dl.errors > 0 || it->r->id.s == NULL) {
		fprintf(stderr, _("knead add: %s is not a valid routine: "
		    "nothing installed\n"), it->shown);
		rc = KNEAD_EXIT_DATAERR;
	} else {
		add_folder(dir, sizeof dir);
		xasprintf(&it->target, "%s/%s.yaml", dir, it->r->id.s);
		diag_clean(it->target, it->tshown, sizeof it->tshown);
	}
	diag_clear(&dl);
	return rc;
}

/* One changed field: "  what: old -> new" (each text cleaned); counts it. */
static void
add_change(int *n, const char *what, const char *a, const char *b)
{
	a = a != NULL ? a : "-";
	b = b != NULL ? b : "-";
	if (strcmp(a, b) == 0)
		return;
	/* TRANSLATORS: a field of a routine replaced, before "old -> new". */
	printf(_("  %s: "), what);
	tout_text(stdout, a, 0);
	printf(" -> ");
	tout_text(stdout, b, 0);
	printf("\n");
	(*n)++;
}

/* add_change of two numbers (0: "-"). */
static void
add_change_num(int *n, const char *what, int64_t a, int64_t b)
{
	char	x[32] = "-", y[32] = "-";

	if (a != 0)
		snprintf(x, sizeof x, "%lld", (long long)a);
	if (b != 0)
		snprintf(y, sizeof y, "%lld", (long long)b);
	add_change(n, what, x, y);
}

/* "1:00, pressure 5" for the work dose d of area and side (NULL: "-"). */
static void
add_dose_text(const struct area_dose *d, char *buf, size_t len)
{
	char	t[32];

	if (d == NULL) {
		snprintf(buf, len, "-");
		return;
	}
	plan_fmt_ms(d->work_ms, t, sizeof t);
	if (d->max_pressure >= 0)
		snprintf(buf, len, _("%s, pressure %d"), t, d->max_pressure);
	else
		snprintf(buf, len, "%s", t);
}

/* The work per area and side that differs between plans a and b. */
static void
add_work_changes(int *n, const struct plan *a, const struct plan *b)
{
	struct area_dose	*da, *db, *x, *y;
	size_t			 na, nb, i, j, k;
	char			 what[192], label[160], ta[64], tb[64];

	na = plan_doses(a, &da);
	nb = plan_doses(b, &db);
	for (k = 0; k < na + nb; k++) {
		x = k < na ? &da[k] : NULL;
		y = k < na ? NULL : &db[k - na];
		if (x != NULL) {	/* the old one's areas, then new ones */
			for (j = 0; j < nb && (db[j].area != x->area ||
			    db[j].side != x->side); j++)
				;
			y = j < nb ? &db[j] : NULL;
		} else {
			for (i = 0; i < na && (da[i].area != y->area ||
			    da[i].side != y->side); i++)
				;
			if (i < na)
				continue;	/* listed with the old */
		}
		add_dose_text(x, ta, sizeof ta);
		add_dose_text(y, tb, sizeof tb);
		area_side_label((x != NULL ? x : y)->area->id,
		    side_id((x != NULL ? x : y)->side), label, sizeof label);
		snprintf(what, sizeof what, _("work on %s"), label);
		add_change(n, what, ta, tb);
	}
	free(da);
	free(db);
}

/*
 * What a replacement changes, one line per field that differs: title,
 * steps, length, limits, homework, and the work per area and side (time
 * and highest pressure). When none of these differs, it says so: other
 * text (the instructions, say) may still.
 */
static void
add_changes(const struct routine *old, const struct routine *new)
{
	const struct homework	*a = &old->homework, *b = &new->homework;
	struct plan		 pa, pb;
	char			 x[32], y[32];
	int			 n = 0;

	add_change(&n, _("title"), old->title.s, new->title.s);
	add_change_num(&n, _("steps"), (int64_t)old->nsteps,
	    (int64_t)new->nsteps);
	if (plan_build(old, &pa) == 0) {
		if (plan_build(new, &pb) == 0) {
			plan_fmt_ms(pa.total_ms, x, sizeof x);
			plan_fmt_ms(pb.total_ms, y, sizeof y);
			add_change(&n, _("length"), x, y);
			add_work_changes(&n, &pa, &pb);
			plan_free(&pb);
		}
		plan_free(&pa);
	}
	refusal_left(validate_rest_s(old), x, sizeof x);
	refusal_left(validate_rest_s(new), y, sizeof y);
	add_change(&n, _("rest"), x, y);
	add_change_num(&n, _("per week"), validate_per_week(old),
	    validate_per_week(new));
	add_change_num(&n, _("per month"), routine_per_month(old),
	    routine_per_month(new));
	add_change(&n, _("homework from"), a->from.s, b->from.s);
	add_change(&n, _("homework until"), a->until.s, b->until.s);
	add_change_num(&n, _("homework per week"), a->per_week.set ?
	    a->per_week.v : 0, b->per_week.set ? b->per_week.v : 0);
	add_change(&n, _("homework by"), a->by.s, b->by.s);
	add_change(&n, _("homework for"), a->for_whom.s, b->for_whom.s);
	add_change(&n, _("homework note"), a->note.s, b->note.s);
	if (n == 0)
		printf("%s", _("  no change in its title, steps, length, limits, "
		    "homework or work per area\n  (the instructions may "
		    "differ)\n"));
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
		    "to do so\n"), it->shown, it->r->id.s);
		return KNEAD_EXIT_USAGE;
	}
	if (access(it->target, F_OK) != 0)
		return 0;
	diag_init(&dl);
	old = routine_load_file(it->target, &dl, &errnum);
	diag_clear(&dl);
	printf(_("%s replaces the installed %s:\n"), it->shown, it->tshown);
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
		    it->tshown, strerror(err));
		return KNEAD_EXIT_IOERR;
	}
	printf(_("installed %s: %s\n"), it->r->id.s, it->tshown);
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
		diag_clean(items[i].path, items[i].shown,
		    sizeof items[i].shown);
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
