/*
 * What the status, history and report commands share: their options, the
 * store and library they open, and the homework blocks the report reads.
 */
#ifndef KNEAD_HISTCMD_H
#define KNEAD_HISTCMD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "library.h"
#include "report.h"

struct history;

enum hfmt {
	HFMT_TEXT,
	HFMT_MD,
	HFMT_CSV,
	HFMT_JSON,
	HFMT_PDF,
	HFMT_PNG,
	HFMT_SVG
};

/* Which options a command takes. */
#define HOPT_SINCE	0x01	/* --since */
#define HOPT_MACHINE	0x02	/* --json, --csv */
#define HOPT_REPORT	0x04	/* --format, --out, --routine */
#define HOPT_EXPORT	0x08	/* --export, --routine (history) */
#define HOPT_FROM	0x10	/* --from-export (report) */

struct hopts {
	const char	*db;
	const char	*routines;
	const char	*out;
	const char	*routine;	/* --routine ID */
	int64_t		 since;		/* unix s; 0 = everything */
	const char	*since_arg;
	enum hfmt	 fmt;
	int		 fmt_given;	/* --format was on the command line */
	const char	*export_to;	/* history --export FILE */
	const char	*from_export;	/* report --from-export FILE */
	const char	*lang;		/* report --lang LANG */
};

/* The format a --format word names; HFMT_TEXT when none. */
enum hfmt	histcmd_fmt_named(const char *);

/*
 * Parse the options of one command; returns -1 to go on, or an exit code
 * (help printed, usage error).
 */
int	histcmd_opts(const char *cmd, int argc, char **argv, struct hopts *,
	    const char *usage, int flags);
/* Open the store named by --db (or KNEAD_DB, or the default). */
int	histcmd_open(const struct hopts *, struct history **);
/*
 * Open the store, read the sessions since o->since and close it; 0, or an
 * exit code after saying why on stderr. Caller frees with
 * history_sessions_free.
 */
int	histcmd_sessions(const struct hopts *, struct hist_session **ss,
	    size_t *n);
/* Load the library (for homework blocks); problems are not shown here. */
void	histcmd_library(const struct hopts *, struct library *);
/*
 * --routine o->routine of command cmd found no session: when lib (NULL:
 * loaded here) has no such routine either, say so (a typo must not give
 * an empty report or export that looks real) and return
 * KNEAD_EXIT_NOINPUT; else 0.
 */
int	histcmd_no_routine(const char *cmd, const struct hopts *,
	    struct library *lib);
/* The homework blocks of a library's valid routines; caller frees *out. */
void	histcmd_given(const struct library *, struct report_given **out,
	    size_t *n);
/*
 * The report model of sessions ss (since, routine: as report_in says) with
 * the library's homework blocks, now by the system clock. Free with
 * report_free, then *given, then the sessions.
 */
void	histcmd_model(struct report *, const struct hist_session *ss,
	    size_t n, const struct library *, int64_t since,
	    const char *routine, struct report_given **given);

/*
 * cmd_history_list.c: knead history's text listing of the n sessions ss,
 * with the pain trends and this homework week after it (o: --since's
 * words, the library), and its CSV.
 */
void	histcmd_list_text(const struct hopts *o, struct hist_session *ss,
	    size_t n);
void	histcmd_list_csv(FILE *, const struct hist_session *ss, size_t n);
/* Spaces that pad s to width columns (one per character; at least 1). */
int	histcmd_pad(const char *s, int width);
/* Pain per area as a sparkline with its last values, under title. */
void	histcmd_trends(FILE *, const struct report *, const char *title);
/* The homework weeks running now: done against the week's target. */
void	histcmd_weeks(FILE *, const struct report *);
/*
 * cmd_sync.c: knead history --export (the sessions since o->since of
 * o->routine to o->export_to) and the sessions of report --from-export,
 * read into a store in memory (the user's history is not opened). Both
 * say why on stderr and return an exit code.
 */
int	histcmd_export(const struct hopts *);
int	histcmd_from_export(const struct hopts *, struct hist_session **ss,
	    size_t *n);

#endif
