/*
 * knead report: the adherence and pain report for a therapist. Reads the
 * store once into the report model (report.c) and hands it to the writer
 * of the format asked for, written safely to --out.
 */
#include "cli.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exitcodes.h"
#include "histcmd.h"
#include "history.h"
#include "i18n.h"
#include "outfile.h"
#include "report.h"
#include "diag.h"
#include "textout.h"
#include "xmalloc.h"

/*
 * Write the report in its format to fp; -1 with the reason in *why (a
 * static text) when a drawing library failed.
 */
static int
emit(FILE *fp, const struct report *rp, enum hfmt fmt, const char **why)
{
	static char	 msg[256];
	char		*cause = NULL;

	switch (fmt) {
	case HFMT_JSON:
		report_json(fp, rp);
		return 0;
	case HFMT_CSV:
		report_csv(fp, rp);
		return 0;
	case HFMT_PDF:
	case HFMT_PNG:
	case HFMT_SVG:
		if (report_pdf(fp, rp, fmt == HFMT_PDF ? REPORT_PDF :
		    fmt == HFMT_PNG ? REPORT_PNG : REPORT_SVG, &cause) == 0)
			return 0;
		snprintf(msg, sizeof msg, "%s", cause != NULL ? cause :
		    _("drawing failed"));
		free(cause);
		*why = msg;
		return -1;
	default:
		report_md(fp, rp);
		return 0;
	}
}

/* Say that path cannot be written; returns KNEAD_EXIT_IOERR. */
static int
out_error(const char *path, const char *why)
{
	char	clean[4096];

	/* One message, so that a language sets both colons. */
	diag_clean(path, clean, sizeof clean);
	fprintf(stderr, _("knead report: cannot write %s: %s\n"), clean, why);
	return KNEAD_EXIT_IOERR;
}

/*
 * Write to something that is not a regular file (a terminal, a pipe,
 * /dev/stdout, /dev/null) in place: renaming over it would replace the
 * device node or the link, and as root that could be /dev/null itself.
 */
static int
write_special(const char *path, const struct report *rp, enum hfmt fmt)
{
	FILE		*fp;
	const char	*why;
	int		 err = 0;

	if ((fp = fopen(path, "w")) == NULL)
		return out_error(path, strerror(errno));
	if (emit(fp, rp, fmt, &why) != 0) {
		fclose(fp);
		return out_error(path, why);
	}
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
write_out(const char *path, const struct report *rp, enum hfmt fmt)
{
	struct outfile	 of;
	const char	*why = NULL;
	FILE		*fp = NULL;
	char		*kept;
	int		 fd, err = 0;

	if (strcmp(path, "-") == 0) {
		if (emit(stdout, rp, fmt, &why) != 0)
			return out_error(_("standard output"), why);
		return fflush(stdout) == 0 ? KNEAD_EXIT_OK :
		    out_error(_("standard output"), strerror(errno));
	}
	if (outfile_open(&of, path, 0600) != 0) {
		if (errno == EISDIR)
			return out_error(path, _("it is a folder; give a file "
			    "name, e.g. --out report.pdf"));
		if (errno == EINVAL)
			return write_special(path, rp, fmt);
		return out_error(path, strerror(errno));
	}
	if ((fd = dup(of.fd)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		err = errno;
		if (fd != -1)
			close(fd);
	}
	if (err == 0 && emit(fp, rp, fmt, &why) != 0)
		err = EIO;
	if (fp != NULL && (fflush(fp) != 0 || ferror(fp)) && err == 0)
		err = errno != 0 ? errno : EIO;
	if (fp != NULL && fclose(fp) != 0 && err == 0)
		err = errno;
	if (err != 0)
		outfile_abort(&of);
	else if (outfile_commit(&of) != 0)
		err = errno;
	if (err != 0 && of.kept != NULL) {
		/* Written in place, cut short: the whole report is there. */
		xasprintf(&kept, _("%s; the complete file was kept as %s"),
		    strerror(err), of.kept);
		free(of.kept);
		err = out_error(path, kept);
		free(kept);
		return err;
	}
	if (err != 0)
		return out_error(path, why != NULL ? why : strerror(err));
	return KNEAD_EXIT_OK;
}

/*
 * The report's language: --lang, else the screen's. Its day and month
 * names follow it through its catalogue (dates_local_in), whatever locale
 * is installed.
 */
static void
report_lang(struct report *rp, const char *lang)
{
	char	screen[3];

	i18n_screen_lang(screen);
	if (lang == NULL || !i18n_has(lang, rp->lang))
		memcpy(rp->lang, screen, 3);
}

/*
 * --out r.pdf with no --format writes a PDF, not Markdown under a .pdf
 * name (a file the therapist could not open): the format follows a known
 * extension (md, csv, json, pdf, png, svg). --format and an extension that
 * disagree are refused; another extension keeps --format's (md).
 */
static int
report_fmt_of_out(struct hopts *o)
{
	const char	*dot;
	char		 low[8];
	enum hfmt	 ext;
	size_t		 i;

	if (o->out == NULL || strcmp(o->out, "-") == 0 ||
	    (dot = strrchr(o->out, '.')) == NULL || strchr(dot, '/') != NULL ||
	    strlen(dot + 1) >= sizeof low)
		return 0;
	for (i = 0; dot[1 + i] != '\0'; i++)	/* report.PDF too */
		low[i] = (char)tolower((unsigned char)dot[1 + i]);
	low[i] = '\0';
	if ((ext = histcmd_fmt_named(low)) == HFMT_TEXT)
		return 0;
	if (!o->fmt_given) {
		o->fmt = ext;
		return 0;
	}
	if (ext != o->fmt)
		return cli_usage_error("report", _("--out '%s' ends in '%s' "
		    "but --format is another: give one that agrees, or "
		    "leave --format out"), o->out, dot);
	return 0;
}

/* knead report: the adherence and pain report for a therapist. */
int
cmd_report(int argc, char **argv)
{
	static const char *const usage =
	    N_("usage: knead report [--since WHEN] [--routine ID] "
	    "[--from-export FILE]\n"
	    "                    [--format md|csv|json|pdf|png|svg] "
	    "[--out FILE]\n\n"
	    "An adherence and pain report for a therapist: red-flag answers\n"
	    "and halted sessions first, sessions done of sessions prescribed\n"
	    "per homework week and overall, the completion rate (a different\n"
	    "measure), pain ratings per area over time, overrides with their\n"
	    "reasons. pdf: one to three A4 pages with charts; png and svg:\n"
	    "the charts alone.\n\n"
	    "  --since WHEN     only sessions since WHEN: 12h, 7d, 4w or a "
	    "date\n"
	    "                   like 2026-11-01 (local midnight)\n"
	    "  --routine ID     only this routine (one homework)\n"
	    "  --format FMT     md (default, readable as is), csv, json, pdf,\n"
	    "                   png or svg (these three need --out)\n"
	    "  --out FILE       write to FILE instead of standard output;\n"
	    "                   without --format its ending sets the format\n"
	    "                   (.md .csv .json .pdf .png .svg)\n"
	    "  --lang LANG      the language of md and pdf: en, fr, de or es\n"
	    "                   (default: the screen's; the therapist's may\n"
	    "                   differ); csv and json are always the same\n"
	    "  --db FILE        the history store (default: KNEAD_DB, then\n"
	    "                   $XDG_DATA_HOME/knead/history.db)\n"
	    "  --routines DIR   also read routines (homework targets) from "
	    "DIR\n"
	    "  --from-export FILE  report on a client's export (knead history\n"
	    "                   --export) instead of the history store, which\n"
	    "                   is not opened\n  -h, --help       this help\n");
	struct hopts		 o;
	struct hist_session	*ss;
	struct report_given	*given;
	struct library		 lib;
	struct report		 rp;
	size_t			 n;
	int			 rc;

	if ((rc = histcmd_opts("report", argc, argv, &o, usage,
	    HOPT_SINCE | HOPT_REPORT | HOPT_FROM)) != -1)
		return rc;
	if ((rc = report_fmt_of_out(&o)) != 0)
		return rc;
	if (o.out == NULL && (o.fmt == HFMT_PDF || o.fmt == HFMT_PNG ||
	    o.fmt == HFMT_SVG))
		return cli_usage_error("report", _("--format pdf, png and svg "
		    "need --out FILE (- for standard output)"));
	tzset();
	if ((rc = o.from_export != NULL ? histcmd_from_export(&o, &ss, &n) :
	    histcmd_sessions(&o, &ss, &n)) != 0)
		return rc;
	histcmd_library(&o, &lib);
	histcmd_model(&rp, ss, n, &lib, o.since, o.routine, &given);
	rc = rp.nrs == 0 ? histcmd_no_routine("report", &o, &lib) : 0;
	if (rc == 0) {
		report_lang(&rp, o.lang);
		rc = write_out(o.out != NULL ? o.out : "-", &rp, o.fmt);
	}
	report_free(&rp);
	free(given);
	library_free(&lib);
	history_sessions_free(ss, n);
	return rc;
}
