/*
 * One history across two machines, and a client's history for a
 * therapist: knead history --export FILE, knead import FILE... and the
 * sessions of knead report --from-export FILE. The format is export.c's;
 * the store's side is history_sync.c.
 */
#include "histcmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "exitcodes.h"
#include "export.h"
#include "history.h"
#include "i18n.h"
#include "modules.h"
#include "outfile.h"
#include "textout.h"

/* "knead CMD: what: why" on stderr, the texts cleaned; returns code. */
static int
say_error(const char *cmd, const char *what, const char *why, int code)
{
	fprintf(stderr, _("knead %s: "), cmd);
	if (what != NULL) {
		tout_text(stderr, what, 0);
		fprintf(stderr, ": ");
	}
	tout_text(stderr, why, 0);
	fprintf(stderr, "\n");
	return code;
}

/*
 * Write the export to path: "-" is standard output, a device or FIFO is
 * written in place, a regular file through a temporary file renamed over
 * it once complete (0600 when new: it holds health data).
 */
static int
write_export(const char *path, const struct export_session *v, size_t n)
{
	struct outfile	 of;
	FILE		*fp = NULL;
	int		 fd, err = 0;
	int64_t		 now = clock_wall_s(&clock_system);

	if (strcmp(path, "-") == 0) {
		if (export_write(stdout, v, n, now) != 0)
			return say_error("history", _("standard output"),
			    strerror(errno), KNEAD_EXIT_IOERR);
		return KNEAD_EXIT_OK;
	}
	if (outfile_open(&of, path, 0600) != 0) {
		if (errno == EISDIR)
			return say_error("history", path, _("it is a folder; "
			    "give "
			    "a file name, e.g. --export knead-export.jsonl"),
			    KNEAD_EXIT_IOERR);
		if (errno != EINVAL)
			return say_error("history", path, strerror(errno),
			    KNEAD_EXIT_IOERR);
		if ((fp = fopen(path, "w")) == NULL)
			return say_error("history", path, strerror(errno),
			    KNEAD_EXIT_IOERR);
		err = export_write(fp, v, n, now) != 0 ? errno : 0;
		if (fclose(fp) != 0 && err == 0)
			err = errno;
		return err != 0 ? say_error("history", path, strerror(err),
		    KNEAD_EXIT_IOERR) : KNEAD_EXIT_OK;
	}
	if ((fd = dup(of.fd)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		err = errno;
		if (fd != -1)
			close(fd);
	}
	if (err == 0 && export_write(fp, v, n, now) != 0)
		err = errno != 0 ? errno : EIO;
	if (fp != NULL && fclose(fp) != 0 && err == 0)
		err = errno;
	if (err != 0)
		outfile_abort(&of);
	else if (outfile_commit(&of) != 0)
		err = errno;
	if (err != 0)
		return say_error("history", path, strerror(err),
		    KNEAD_EXIT_IOERR);
	return KNEAD_EXIT_OK;
}

int
histcmd_export(const struct hopts *o)
{
	struct export_session	*v;
	struct history		*h;
	char			*cause = NULL;
	size_t			 n;
	int			 rc;

	if ((rc = histcmd_open(o, &h)) != 0)
		return rc;
	/* An export written over the store would destroy it. */
	if (strcmp(o->export_to, "-") != 0 &&
	    history_owns_path(h, o->export_to)) {
		history_close(h);
		return say_error("history", o->export_to, _("this is the "
		    "history store or one of its files; give another file"),
		    KNEAD_EXIT_USAGE);
	}
	rc = history_sync_read(h, o->since, o->routine, &v, &n, &cause);
	history_close(h);
	if (rc != 0) {
		say_error("history", NULL, cause, rc);
		free(cause);
		return KNEAD_EXIT_IOERR;
	}
	/* Nothing is written for a --routine that names nothing. */
	if (n == 0 && (rc = histcmd_no_routine("history", o, NULL)) != 0) {
		export_free(v, n);
		return rc;
	}
	if ((rc = write_export(o->export_to, v, n)) == KNEAD_EXIT_OK) {
		fprintf(strcmp(o->export_to, "-") == 0 ? stderr : stdout,
		    ngettext("exported %zu session to ",
		    "exported %zu sessions to ", n), n);
		tout_text(strcmp(o->export_to, "-") == 0 ? stderr : stdout,
		    strcmp(o->export_to, "-") == 0 ? "standard output" :
		    o->export_to, 0);
		fprintf(strcmp(o->export_to, "-") == 0 ? stderr : stdout,
		    "\n");
	}
	export_free(v, n);
	return rc;
}

/*
 * Read the export at path ("-": standard input); 0, or an exit code after
 * saying why (66 no such file, 65 not a knead export or a newer format,
 * 74 without knead-store.so, as for a store that cannot be opened: its
 * JSON reader and SQLite are there).
 */
static int
read_export(const char *cmd, const char *path, struct export_session **v,
    size_t *n)
{
	FILE	*fp;
	char	*cause = NULL;
	int	 newer, rc;

	if (kmod_get(KMOD_STORE) == NULL)
		return say_error(cmd, path, kmod_why(KMOD_STORE),
		    KNEAD_EXIT_IOERR);
	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "r")) == NULL)
		return say_error(cmd, path, strerror(errno), errno == ENOENT ?
		    KNEAD_EXIT_NOINPUT : KNEAD_EXIT_IOERR);
	rc = export_read(fp, strcmp(path, "-") == 0 ? "standard input" : path,
	    clock_wall_s(&clock_system), v, n, &newer, &cause);
	if (fp != stdin)
		fclose(fp);
	if (rc != 0) {
		say_error(cmd, NULL, cause, 0);
		if (!newer)
			fprintf(stderr, _("knead %s: %sthe file must be one "
			    "written by knead history --export\n"), cmd,
			    strcmp(cmd, "import") == 0 ? "nothing was "
			    "imported; " : "");
		free(cause);
		return KNEAD_EXIT_DATAERR;
	}
	return 0;
}

int
histcmd_from_export(const struct hopts *o, struct hist_session **ss,
    size_t *n)
{
	struct export_session	*v;
	struct sync_stats	 st;
	struct history		*h;
	char			*cause = NULL;
	size_t			 nv;
	int			 rc;

	if ((rc = read_export("report", o->from_export, &v, &nv)) != 0)
		return rc;
	/* The store's own rules (what ran, what was half done) apply. */
	if ((rc = history_open_memory(o->from_export, &clock_system, &h,
	    &cause)) == 0) {
		if ((rc = history_sync_merge(h, v, nv, &st, &cause)) == 0)
			rc = history_sessions(h, o->since, ss, n, &cause);
		history_close(h);
	}
	export_free(v, nv);
	if (rc != 0) {
		say_error("report", o->from_export, cause, rc);
		free(cause);
		/* What the file holds, not the disk, failed here. */
		return KNEAD_EXIT_DATAERR;
	}
	return 0;
}

/* knead import: merge exports from other machines into the store. */
int
cmd_import(int argc, char **argv)
{
	static const char *const usage =
	    N_("usage: knead import [--db FILE] FILE...\n\n"
	    "Merge the sessions of exports written by knead history --export\n"
	    "(another machine's, through a sync folder or a USB stick) into\n"
	    "the history store, so that rest limits, status and reports see\n"
	    "them. Importing a file twice changes nothing; a session edited\n"
	    "on both machines keeps the copy that ended later, unless it\n"
	    "drops a halt, a pain stop, a red flag or soreness the other\n"
	    "records: the safer copy is kept. Every file is checked before\n"
	    "anything is imported; a file with a session dated more than a\n"
	    "day ahead of this machine's clock, or from a newer knead, is\n"
	    "refused.\n\n"
	    "  --db FILE        the history store (default: KNEAD_DB, then\n"
	    "                   $XDG_DATA_HOME/knead/history.db)\n"
	    "  -h, --help       this help\n");
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct export_session	**v;
	struct sync_stats	 st;
	struct history		*h = NULL;
	const char		*db = NULL;
	char			*cause = NULL;
	size_t			*nv;
	int			 c, i, nf, rc = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hd:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(_(usage), stdout);
			return KNEAD_EXIT_OK;
		case 'd':
			if (cli_db("import", optarg) != 0)
				return KNEAD_EXIT_USAGE;
			db = optarg;
			break;
		case ':':
			return cli_usage_error("import", _("option '%s' needs "
			    "a value"), argv[optind - 1]);
		default:
			return cli_usage_error("import",
			    _("unknown option '%s'"),
			    argv[optind - 1]);
		}
	}
	if ((nf = argc - optind) == 0)
		return cli_usage_error("import", _("give the export file(s) to "
		    "import"));
	v = calloc((size_t)nf, sizeof *v);
	nv = calloc((size_t)nf, sizeof *nv);
	if (v == NULL || nv == NULL) {
		free(v);
		free(nv);
		return say_error("import", NULL, strerror(errno),
		    KNEAD_EXIT_SOFTWARE);
	}
	/* Every file is read and checked before the store is touched. */
	for (i = 0; i < nf && rc == 0; i++)
		rc = read_export("import", argv[optind + i], &v[i], &nv[i]);
	if (rc == 0 && history_open(db, &clock_system, &h, &cause) != 0) {
		rc = say_error("import", _("history store"), cause,
		    KNEAD_EXIT_IOERR);
		free(cause);
	}
	for (i = 0; rc == 0 && i < nf; i++) {
		if (history_sync_merge(h, v[i], nv[i], &st, &cause) != 0) {
			rc = say_error("import", argv[optind + i], cause,
			    st.bad_data ? KNEAD_EXIT_DATAERR :
			    KNEAD_EXIT_IOERR);
			free(cause);
			break;
		}
		printf(_("imported "));
		tout_text(stdout, argv[optind + i], 0);
		printf(_(": %zu new, %zu updated, %zu already here\n"),
		    st.added, st.updated, st.same + st.kept_safer);
		if (st.kept_safer > 0)
			printf(ngettext("kept %zu session as this store has "
			    "it: the imported copy ends later but drops a "
			    "safety event (a halt, a pain stop, a red flag or "
			    "soreness)\n", "kept %zu sessions as this store "
			    "has them: the imported copies end later but drop "
			    "a safety event (a halt, a pain stop, a red flag "
			    "or soreness)\n", st.kept_safer), st.kept_safer);
	}
	history_close(h);
	for (i = 0; i < nf; i++)
		export_free(v[i], nv[i]);
	free(v);
	free(nv);
	return rc;
}
