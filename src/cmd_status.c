/*
 * knead status: what rests and until when, homework progress and pain
 * trends, from the history store (the whole screen, or one short line for
 * a status bar with --line). The options and the text helpers it shares
 * with knead history are in cmd_history.c (histcmd.h).
 *
 * Everything read from the store is text someone typed, so it is written
 * through textout.h, which never lets a control byte reach the terminal.
 */
#include "histcmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "areas.h"
#include "cli.h"
#include "clock.h"
#include "dates.h"
#include "exitcodes.h"
#include "halt_why.h"
#include "history.h"
#include "homework.h"
#include "i18n.h"
#include "library.h"
#include "plan.h"
#include "refusal.h"
#include "report.h"
#include "routine.h"
#include "statusline.h"
#include "textout.h"
#include "xmalloc.h"
#include "utf8.h"

/* Pain trends in status cover this many days. */
#define TREND_DAYS	28

/*
 * One line of homework progress for a routine, after the "Homework:" title
 * when it is the first (*shown counts them). A bundled routine's homework
 * block is an example for therapists, not homework given to this person:
 * it is shown only while they are doing it (a session in the last 7 days).
 * bundled 2: known from the history only (run by its path).
 */
static void
print_homework(FILE *fp, struct history *h, const struct routine *r,
    int bundled, size_t *shown)
{
	struct homework_progress hp;
	char			*cause = NULL, terms[256];
	int64_t			 today = dates_day_of(clock_wall_s(
				    &clock_system));

	if (history_homework(h, r, &hp, &cause) != 0) {
		free(cause);
		return;
	}
	if (!r->homework.present || (bundled && hp.done_this_week == 0))
		return;
	if ((*shown)++ == 0)
		fprintf(fp, _("\nHomework:\n"));
	fprintf(fp, "  ");
	tout_text(fp, r->id.s, 0);
	if (r->homework.by.s != NULL) {
		fprintf(fp, _(" (from "));
		tout_text(fp, r->homework.by.s, 0);
	}
	if (bundled == 2)
		fprintf(fp, _("%srun from its file, not installed"),
		    r->homework.by.s != NULL ? "; " : " (");
	if (r->homework.by.s != NULL || bundled == 2)
		fprintf(fp, ")");
	if (!hp.active) {
		/* Ended is said, not dropped: the therapist asks about it. */
		if (homework_ended(&r->homework, today))
			fprintf(fp, _(": ended %s"), r->homework.until.s);
		else
			fprintf(fp, _(": starts %s"),
			    r->homework.from.s != NULL ?
			    r->homework.from.s : "?");
		if (r->homework.from.s != NULL && r->homework.until.s != NULL)
			fprintf(fp, " (%s)", homework_terms(&r->homework,
			    HOMEWORK_PERIOD, terms, sizeof terms));
		fprintf(fp, "\n");
		return;
	}
	if (hp.per_week > 0)
		fprintf(fp, ngettext(": %d of %d session in the last 7 days",
		    ": %d of %d sessions in the last 7 days", (unsigned long)
		    hp.per_week), hp.done_this_week, hp.per_week);
	else	/* no weekly target given */
		fprintf(fp, ngettext(": %d session in the last 7 days",
		    ": %d sessions in the last 7 days", (unsigned long)
		    hp.done_this_week), hp.done_this_week);
	if (homework_last_day(&r->homework, today))
		fputs(_(", today is its last day"), fp);
	else if (r->homework.until_day.set)
		fprintf(fp, ngettext(", %d day left (until %s)",
		    ", %d days left (until %s)", (unsigned long)hp.days_left),
		    hp.days_left, r->homework.until.s);
	fprintf(fp, "\n");
}

/*
 * Homework known only from the history: a routine run by its path (not in
 * the library) counts for its homework like an installed one, so its
 * progress is shown from the block its latest session recorded.
 */
static void
status_path_homework(struct history *h, struct library *lib, size_t *shown)
{
	struct hist_session	*ss;
	struct routine		 r;
	char			*cause = NULL;
	size_t			 n, i, j;
	int64_t			 day;

	if (history_sessions(h, clock_wall_s(&clock_system) - 90 * 86400,
	    &ss, &n, &cause) != 0) {
		free(cause);
		return;
	}
	for (i = n; i-- > 0;) {
		if (!ss[i].hw_present || library_find(lib,
		    ss[i].routine_id) != NULL)
			continue;
		for (j = i + 1; j < n; j++)	/* its latest session only */
			if (strcmp(ss[j].routine_id, ss[i].routine_id) == 0)
				break;
		if (j < n)
			continue;
		memset(&r, 0, sizeof r);
		r.id.s = ss[i].routine_id;
		r.homework.present = 1;
		r.homework.by.s = ss[i].hw_by;
		r.homework.from.s = ss[i].hw_from;
		r.homework.until.s = ss[i].hw_until;
		r.homework.per_week.v = ss[i].hw_per_week;
		r.homework.per_week.set = ss[i].hw_per_week > 0;
		if (ss[i].hw_from != NULL &&
		    dates_parse_day(ss[i].hw_from, &day) == 0) {
			r.homework.from_day.v = day;
			r.homework.from_day.set = 1;
		}
		if (ss[i].hw_until != NULL &&
		    dates_parse_day(ss[i].hw_until, &day) == 0) {
			r.homework.until_day.v = day;
			r.homework.until_day.set = 1;
		}
		print_homework(stdout, h, &r, 2, shown);
	}
	history_sessions_free(ss, n);
}

/* This homework week and the pain trend per area, for status. */
static void
status_trends(struct history *h, const struct library *lib)
{
	struct hist_session	*ss;
	struct report_given	*given;
	struct report		 rp;
	char			*cause = NULL;
	size_t			 n;
	int64_t			 since;

	since = clock_wall_s(&clock_system) - TREND_DAYS * 86400;
	if (history_sessions(h, since, &ss, &n, &cause) != 0) {
		free(cause);
		return;
	}
	histcmd_model(&rp, ss, n, lib, since, NULL, &given);
	histcmd_weeks(stdout, &rp);
	histcmd_trends(stdout, &rp, _("Pain per area, last 4 weeks (oldest "
	    "first):"));
	report_free(&rp);
	free(given);
	history_sessions_free(ss, n);
}

/* What holds one resting area, and until when (status). */
static void
status_rest_line(const struct resting *x)
{
	char	when[64], left[64];

	dates_when(x->free_at, x->checked_at, when, sizeof when);
	refusal_left(x->free_at - x->checked_at, left, sizeof left);
	if (x->rule == RULE_BLOCKED) {
		printf(_(" blocked: still sore (%d/10) more than 72 h "
		    "after a session, or getting worse; see a doctor "
		    "or physiotherapist. It clears when a check-in "
		    "(from %s) is answered below 4/10\n"), x->count, when);
		return;
	}
	printf(_(" until %s (%s left)"), when, left);
	/* The rule, when it is not the rest interval (issue 12). */
	if (halt_why_hold(x) == HALT_HOLD_HURT)
		printf(_("; hurt %d/10 during a session: not worked until "
		    "then, and only when the pain is gone"), x->count);
	else if (halt_why_hold(x) == HALT_HOLD_ANSWERED)
		printf(_("; halted (!): %s: not worked until then, and only "
		    "when the symptoms are gone"), halt_why_rest_words(x));
	else if (halt_why_hold(x) == HALT_HOLD_PAIN)
		fputs(_("; halted for pain (!): not worked until "
		    "then, and only when the symptoms are gone"), stdout);
	else if (x->rule == RULE_SORE && x->limit == AFTER_BLOCK_S / 3600)
		printf(_("; still sore at a check-in (%d/10): rests "
		    "until 72 h after the session"), x->count);
	else if (x->rule == RULE_SORE)
		printf(_("; rated %d/10 the day after: 48 h of rest"),
		    x->count);
	else if (x->rule == RULE_DEEP)
		printf(_("; deep-work cap: %d deep sessions in 30 days "
		    "(at most %d); gentle work is allowed"),
		    x->count, x->limit);
	printf("%s\n", x->clock_behind ? _("; the clock is behind "
	    "its last session") : x->in_progress ? _("; a session "
	    "is running now") : "");
}

/* Add the spots of v not in *all yet (each spot once). */
static void
passed_add(struct resting **all, size_t *nall, const struct resting *v,
    size_t n)
{
	size_t	k, j;

	for (k = 0; k < n; k++) {
		for (j = 0; j < *nall && ((*all)[j].area != v[k].area ||
		    (*all)[j].side != v[k].side); j++)
			;
		if (j < *nall)
			continue;
		*all = xreallocarray(*all, *nall + 1, sizeof **all);
		(*all)[(*nall)++] = v[k];
	}
}

/*
 * The routines whose own check holds them longer than the resting list
 * says (a rest longer than that of the session that worked the area: the
 * longer one wins, docs/routines.md), each with its latest hold; how many.
 * The same pass over the library (one plan each) gathers into *passed the
 * spots some routine would ask about before working them again: a halt
 * for pain whose hold has passed, not worked since (history_halts_passed).
 */
static size_t
status_longer(struct history *h, const struct library *lib,
    const struct resting *rest, size_t nr, struct resting **passed,
    size_t *npassed)
{
	const struct resting	*late;
	struct resting		*v;
	struct plan		 p;
	char			*cause = NULL, when[64], left[64], label[128];
	size_t			 i, n, shown = 0;
	int			 rc;

	(void)history_read_begin(h);
	for (i = 0; i < lib->n; i++) {
		if (!lib->v[i].valid || plan_build(lib->v[i].routine, &p) != 0)
			continue;
		if (history_halts_passed(h, lib->v[i].routine, &p, &v, &n,
		    &cause) == 0) {
			passed_add(passed, npassed, v, n);
			free(v);
		}
		free(cause);
		cause = NULL;
		rc = history_check(h, lib->v[i].routine, &p, &v, &n, &cause);
		plan_free(&p);
		free(cause);
		cause = NULL;
		if (rc != 0)
			continue;
		if ((late = history_later(v, n, rest, nr)) != NULL) {
			if (shown++ == 0)
				printf("%s%s", nr > 0 ? "\n" : "", _("Routines "
				    "whose own rest is longer (limits.rest) "
				    "wait longer:\n"));
			dates_when(late->free_at, late->checked_at, when,
			    sizeof when);
			refusal_left(late->free_at - late->checked_at, left,
			    sizeof left);
			area_side_label(late->area->id, side_id(late->side),
			    label, sizeof label);
			printf("  ");
			tout_text(stdout, lib->v[i].routine->id.s, 0);
			printf(_(": until %s (%s left), %s\n"), when, left,
			    label);
		}
		free(v);
	}
	history_read_end(h);
	return shown;
}

/* The n spots of status_longer's *passed, each with what made it stop. */
static void
status_passed(const struct resting *all, size_t n)
{
	char		 label[160];
	const char	*why;
	size_t		 i;

	if (n > 0)
		printf("%s", _("\nAsked about before they are worked again "
		    "(stopped for pain; the hold has passed):\n"));
	for (i = 0; i < n; i++) {
		area_side_label(all[i].area->id, side_id(all[i].side), label,
		    sizeof label);
		why = halt_why_rest_words(&all[i]);
		printf("  %s", label);
		if (all[i].count > 0)
			printf(_(": hurt %d/10 during a session"),
			    all[i].count);
		else if (why != NULL)
			printf(_(": halted (!): %s"), why);
		else
			printf("%s", _(": halted for pain (!)"));
		printf("\n");
	}
}

/* knead status: resting areas and homework progress. */
int
cmd_status(int argc, char **argv)
{
	static const char *const usage =
	    N_("usage: knead status [--line] [--db FILE] [--routines DIR]\n\n"
	    "Which areas are resting after a session, until when (local time)\n"
	    "and for how long, which routines have had their sessions for the\n"
	    "week, the progress of any homework routine, and the pain trend\n"
	    "per area over the last 4 weeks.\n\n"
	    "  --line           one short line for a status bar (tmux\n"
	    "                   status-right): \"break in 12 min\", \"desk-break\n"
	    "                   ready\", \"resting until 14:05\", \"break on now\"\n"
	    "                   (a session running); reads only, silent and\n"
	    "                   exit 0 on any error (a --db or KNEAD_DB naming\n"
	    "                   no file is one)\n"
	    "  --db FILE        the history store (default: KNEAD_DB, then\n"
	    "                   $XDG_DATA_HOME/knead/history.db)\n"
	    "  --routines DIR   also read routines from DIR\n"
	    "  -h, --help       this help\n");
	struct hopts	 o;
	struct history	*h;
	struct resting	*rest, *passed = NULL;
	struct library	 lib;
	char		*cause = NULL, when[64], left[64], label[128], **av;
	size_t		 n, i, shown = 0, nweek = 0, npassed = 0;
	int		 rc, w, ac, line = 0;

	if (statusline_asked(argc, argv))
		return cmd_status_line(argc, argv);
	/* --line beside --help or a mistake: the options checked as here. */
	av = xcalloc((size_t)argc + 1, sizeof *av);
	for (i = 0, ac = 0; i < (size_t)argc; i++) {
		if (i > 0 && strcmp(argv[i], "--line") == 0)
			line = 1;
		else
			av[ac++] = argv[i];
	}
	rc = histcmd_opts("status", ac, av, &o, usage, 0);
	free(av);
	if (rc != -1)
		return rc;
	if (line)
		return cmd_status_line(argc, argv);
	tzset();
	if ((rc = histcmd_open(&o, &h)) != 0)
		return rc;
	if (history_resting(h, &rest, &n, &cause) != 0) {
		fprintf(stderr, _("knead: %s\n"), cause);
		free(cause);
		history_close(h);
		return KNEAD_EXIT_IOERR;
	}
	histcmd_library(&o, &lib);
	if (n > 0)
		printf(_("Resting:\n"));
	for (i = 0; i < n; i++) {
		area_side_label(rest[i].area->id, side_id(rest[i].side),
		    label, sizeof label);
		/* Padded by characters: "trapèze" is 7 columns, 8 bytes. */
		w = (int)utf8_count(label);
		printf("  %s%*s", label, w < 32 ? 32 - w : 0, "");
		status_rest_line(&rest[i]);
	}
	if (status_longer(h, &lib, rest, n, &passed, &npassed) == 0 && n == 0)
		printf(_("Nothing is resting: every area can be worked.\n"));
	free(rest);
	status_passed(passed, npassed);
	free(passed);

	for (i = 0; i < lib.n; i++) {
		struct resting	 cap;
		int		 capped;

		if (!lib.v[i].valid || history_week_cap(h, lib.v[i].routine,
		    &cap, &capped, &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		if (!capped)
			continue;
		if (nweek++ == 0)
			printf("%s", _("\nWeekly limits reached:\n"));
		dates_when(cap.free_at, cap.checked_at, when, sizeof when);
		refusal_left(cap.free_at - cap.checked_at, left, sizeof left);
		printf("  ");
		tout_text(stdout, lib.v[i].routine->id.s, 0);
		printf(ngettext(": %d of %d session in 7 days; the next is "
		    "allowed %s (%s left)%s\n", ": %d of %d sessions in 7 days; "
		    "the next is allowed %s (%s left)%s\n", (unsigned long)
		    cap.per_week), cap.week_count, cap.per_week, when, left,
		    cap.clock_behind ? _("; the clock is behind its last "
		    "session") : "");
	}
	for (i = 0; i < lib.n; i++) {
		if (!lib.v[i].valid || !lib.v[i].routine->homework.present)
			continue;
		print_homework(stdout, h, lib.v[i].routine,
		    strcmp(lib.v[i].origin, "bundled") == 0, &shown);
	}
	status_path_homework(h, &lib, &shown);
	status_trends(h, &lib);
	library_free(&lib);
	history_close(h);
	return KNEAD_EXIT_OK;
}
