/*
 * The therapist's report as data: computed once from the stored sessions
 * and the homework blocks (report_build, no SQLite, no output), then written
 * by one writer per format (report_md.c, report_csv.c, report_json.c,
 * report_pdf.c), which compute nothing of their own.
 */
#ifndef KNEAD_REPORT_H
#define KNEAD_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "history.h"
#include "routine.h"

/* A homework block the library holds (the routine file as it is now). */
struct report_given {
	const char		*id;
	const char		*title;
	const struct homework	*hw;
	int			 bundled;	/* an example, not given */
};

/* What report_build reads. The sessions are owned by the caller. */
struct report_in {
	const struct hist_session *ss;
	size_t			 n;
	const struct report_given *given;
	size_t			 ngiven;
	int64_t			 now;		/* unix s */
	int64_t			 since;		/* unix s; 0: everything */
	const char		*routine;	/* --routine ID; NULL: all */
};

/*
 * One week of one routine. Homework weeks start on the homework's first
 * day; other routines' weeks on Monday. prescribed is the weekly target
 * for the days of the week inside the homework period (a part week gets
 * its share, rounded); done counts the sessions that did at least half of
 * their work, the rule of the weekly cap.
 */
struct report_week {
	int64_t		 day0;		/* first day (day number) */
	int		 ndays;		/* days of it inside the period */
	int		 ran, done, completed;
	int		 prescribed;	/* 0: no target */
	int		 target;	/* the whole week's share, today */
					/* or not (what the person aims at) */
	int		 open;		/* it holds today: not over */
	int64_t		 revised;	/* a revised homework's first part */
					/* week: the day it came in force; */
					/* else -1 */
};

/*
 * One version of a homework as recorded with the sessions: a revised
 * prescription (another per-week, from or until) is a new version from
 * the day the first session recorded it, up to the day before the next;
 * each day of the homework period counts against the version in force.
 */
struct report_hw {
	struct homework	 hw;
	int64_t		 first;		/* day it came in force; -1: from */
					/* the start */
	int64_t		 last;		/* its last day; -1: up to today */
};

struct report_routine {
	const char	*id;
	const char	*title;
	/*
	 * The homework: the last version recorded with the sessions (the
	 * installed file's block only when no session recorded one).
	 * hw.present 0: not homework.
	 */
	struct homework	 hw;
	struct report_hw *hws;		/* every version, oldest first */
	size_t		 nhws;		/* > 1: revised during the period */
	/* The installed file's block when it differs from hw (not used). */
	const struct homework *file_hw;
	/*
	 * Sessions in the report period. completed leaves out the sessions
	 * that did no prescribed work (report_no_work: no_work of them,
	 * whatever their outcome); the completion rate is completed of
	 * rated, the sessions that ran less those.
	 */
	int		 ran, completed, stopped, halted, interrupted;
	int		 refused, screened, overrides, skips, versions;
	int		 no_work, rated;
	int		 override_refused;	/* strict: refused attempts */
	/*
	 * Adherence: sessions done of sessions prescribed over the homework
	 * period up to today (the period the weeks cover); a week counts at
	 * most its own target, so extra sessions do not hide a missed week.
	 */
	int64_t		 period_from, period_to;	/* day numbers */
	int		 done, prescribed;
	int		 targeted;	/* report_has_target */
	struct report_week *weeks;
	size_t		 nweeks;
};

/*
 * The pain ratings of one area and side, oldest first, its day-after
 * ratings (aftercare: 0 as before ... 10 much worse, when rated) and its
 * still-sore check-ins (the same scale, -1 when skipped; blocks: the
 * answer blocked the area), oldest first.
 */
struct report_pain {
	const char	*area;		/* area id */
	const char	*side;		/* "left", "right" or "" */
	int		*v;
	int64_t		*at;
	size_t		*v_sess;	/* each one's session (index in sv) */
	size_t		 n;
	int		*after;
	int64_t		*after_at;
	size_t		*after_sess;
	size_t		 nafter;
	int		*still;
	int64_t		*still_at;
	int		*still_blocks;
	size_t		*still_sess;
	size_t		 nstill;
};

/*
 * Work stopped for pain: a rating of PAIN_STOP_RATING or more on an area
 * and side (held 48 h as after a halt), with its highest rating in the
 * session.
 */
struct report_stop {
	size_t		 session;	/* index in sv (the report's) */
	const char	*area;		/* area id */
	const char	*side;		/* "left", "right" or "" */
	int		 rating;
};

/*
 * A day-after rating of AFTER_WORSE or more ("much worse"): the session
 * it is about (index in sv) and the rating's index in its afters.
 */
struct report_worse {
	size_t		 session;
	size_t		 after;
};

/* A "yes" to a screening question: session index and answer index. */
struct report_flag {
	size_t		 session;
	size_t		 answer;
};

struct report {
	const struct hist_session **sv;	/* the sessions in the report */
	size_t		 n;
	int64_t		 now, since;
	const char	*routine;	/* --routine */
	struct report_routine *rs;
	size_t		 nrs;
	struct report_pain *ps;
	size_t		 nps;
	struct report_flag *flags;	/* red flags: screening "yes" */
	size_t		 nflags;
	size_t		*halted;	/* session indexes, each list */
	size_t		 nhalted;
	struct report_stop *stops;	/* work stopped for pain */
	size_t		 nstops;
	struct report_worse *worse;	/* much worse the day after */
	size_t		 nworse;
	size_t		*overrides;
	size_t		 noverrides;
	size_t		*interrupted;
	size_t		 ninterrupted;
	size_t		*skipped;
	size_t		 nskipped;
	/* Overall, homework routines together. */
	int		 done, prescribed;
	/*
	 * The clients the homework blocks name (their "for"), each once: more
	 * than one means the report mixes people (its overall adherence and
	 * pain per area); --routine ID reports on one.
	 */
	const char	**clients;
	size_t		 nclients;
	/* The language of md and pdf ("fr"): report --lang, else the screen's. */
	char		 lang[3];
};

/* Are two pain ratings of one area and side (a missing side is "")? */
int	report_same_spot(const struct hist_pain *, const struct hist_pain *);
/*
 * The areas whose work a pain rating of PAIN_STOP_RATING or more stopped
 * in session s, each area and side once with its highest rating, added
 * to *v (*n of them; session set to session): how many were added. The
 * one rule of knead history's line and the report's list.
 */
size_t	report_pain_stops(const struct hist_session *s, size_t session,
	    struct report_stop **v, size_t *n);

/* Compute the report from in (kept by pointer: in->ss must outlive it). */
void	report_build(struct report *, const struct report_in *in);
void	report_free(struct report *);

/*
 * Does the routine have adherence to show: homework with a weekly target
 * and a period that has begun? (weeks_homework filled its weeks)
 */
int	report_has_target(const struct report_routine *);
/*
 * One row of a weekly table. A table holds one kind of week, in date
 * order: report_week_rows with homework 1, the homework weeks (from the
 * homework's first day) of the routines with a target; with 0, the
 * Monday weeks of the others. Same day: routine order, then as listed.
 * *out (free it; NULL when none) holds the rows; returns how many.
 */
struct report_week_row {
	const struct report_routine	*r;
	const struct report_week	*w;
};
size_t	report_week_rows(const struct report *, int homework,
	    struct report_week_row **out);
/* Percent rounded, -1 when den is 0. */
int	report_pct(int num, int den);
/*
 * Whether week w of a routine with a target met it: 1 yes, 0 no, -1 not
 * yet (the week is not over and its whole target is still ahead: on a
 * homework's first day the share so far rounds to 0, which is no "yes"),
 * -2 nothing was due and nothing done (a part week whose share rounds to
 * 0, at the edge of the period: no "yes" either).
 */
int	report_week_met(const struct report_week *w);
/* The display name of an area id (a stored id this knead lacks: as is). */
const char *report_area_name(const char *id, char *buf, size_t len);
/* "upper trapezius (left)" or "thoracic spine". */
void	report_area_label(const char *id, const char *side, char *buf,
	    size_t len);
/* Seconds a session lasted (0 while running or refused). */
int64_t	report_secs(const struct hist_session *);
/*
 * Did an override session do work where it overrode: an area whose limit
 * it passed worked (half its planned time, history_area_worked), or the
 * session done (half its planned work) past a weekly or monthly cap (a
 * session with no override recorded: done)? report_limit_worked asks the
 * same of one limit l of s.
 */
int	report_did_work(const struct hist_session *);
/*
 * The pressure time session s did and planned where limit l held: its
 * area and side (both sides for a limit with no side), or every area for
 * a weekly or monthly cap.
 */
void	report_limit_time(const struct hist_session *,
	    const struct hist_limit *l, uint64_t *done_ms,
	    uint64_t *planned_ms);
/*
 * Did session s run with no prescribed work: --skip-resting left out every
 * area it would work (only stretches, moves or positions ran)? Such a
 * session is not counted as completed, nor in the completion rate: there
 * was nothing prescribed to complete ("completed, no prescribed work").
 */
int	report_no_work(const struct hist_session *);
/*
 * Was s an override attempt refused (the routine is strict): a refused
 * session that recorded the reason given with --override?
 */
int	report_override_refused(const struct hist_session *);
int	report_limit_worked(const struct hist_session *,
	    const struct hist_limit *l);
/*
 * A rest-limit event in words: "sessions per week", "sessions per month",
 * "upper trapezius (left)" (its rest interval) or with the rule that held
 * it, "upper trapezius (left) [deep-work cap]", "... [halted for pain]",
 * "... [still there after its hold]" (report_limit_still).
 */
void	report_limit_label(const struct hist_session *,
	    const struct hist_limit *, char *buf, size_t len);
/*
 * 1 when limit l of session s held a spot halted for pain whose hold had
 * passed, the user saying it was still there (its free_at not after the
 * session's start): labelled "still there after its hold", not resting.
 */
int	report_limit_still(const struct hist_session *,
	    const struct hist_limit *);
/* The words l's rule adds after its area (report_rule_word's, or the
   still-there case's), untranslated; NULL for the plain rest rule. */
const char *report_limit_word(const struct hist_session *,
	    const struct hist_limit *);
const char *report_rule_word(const char *rule);
/*
 * A message in the report's language (rp->lang): R_("Period") in a writer
 * that has rp. The words of md and pdf; csv and json stay English.
 */
const char *report_tr(const struct report *, const char *msgid);
#define R_(s)	report_tr(rp, s)
/*
 * Of two messages already in the report's language, the one for a count
 * n >= 1: one for 1, many otherwise. The report's catalogues have no
 * plural forms (i18n_in); this choice is right for every count >= 1 in
 * the languages with a catalogue (fr, de, es), and its counts are never 0.
 */
const char *report_pick(size_t n, const char *one, const char *many);
/* report_area_name and report_area_label in the report's language. */
const char *report_area_text(const struct report *, const char *id,
	    char *buf, size_t len);
void	report_limit_label_in(const struct report *,
	    const struct hist_session *, const struct hist_limit *, char *buf,
	    size_t len);
/*
 * The limits session s acted on as action ("overridden", "skipped"), with
 * worked 1 only those it worked past, 0 only those it did not, -1 all
 * (report_limit_worked): comma-separated, each "label (resting until Sun
 * 06 Dec 2026 12:47)" (the weekly or monthly session limit when it has
 * no area), an overridden one with the time done there ("...; 0:17 of
 * 2:00 planned", report_limit_time), a still-sore block "label (blocked until a check-in below 4/10;
 * next asked from Sun 06 Dec 2026 12:47)": it has no end time. Every date
 * with its day, month and year (a report is read weeks later). Plain text
 * in the report's language, cut at whole parts; each writer escapes it
 * for its format.
 */
void	report_limits_text(const struct report *,
	    const struct hist_session *, const char *action, int worked,
	    char *buf, size_t len);
/*
 * What an override session passed: "worked A (resting until ...; 2:00 of
 * 2:00 planned); overrode, but worked under half the planned time, too
 * little to count for rest limits: B (resting until ...; 0:17 of 2:00
 * planned)", each part only when it has limits; for an attempt a strict
 * routine refused (report_override_refused), "tried to override: refused,
 * the routine is strict; resting: A (...)". Plain text in the report's
 * language.
 */
void	report_override_text(const struct report *,
	    const struct hist_session *, char *buf, size_t len);
void	report_area_label_in(const struct report *, const char *id,
	    const char *side, char *buf, size_t len);
/*
 * A halted session's last pain rating in the report's language, and the
 * area it was given for (often not the one being worked at the halt):
 * "; last pain rating 7, on upper trapezius (right)"; "" with none.
 */
void	report_last_pain(const struct report *, const struct hist_session *,
	    char *buf, size_t len);
/*
 * What made the user halt, as they answered after it, in the report's
 * language: "; stopped for: numbness or tingling"; "" when not answered.
 */
void	report_halt_why(const struct report *, const struct hist_session *,
	    char *buf, size_t len);
/*
 * The line a report with no session shows, in the report's language: "No
 * sessions in this period (Tue 01 Dec 2026 to Sun 06 Dec 2026).", one for
 * a period that starts after today, one for a store with none; "" when
 * the report has sessions. An empty store and an empty period say the
 * same, in md and pdf (csv and json: no session rows).
 */
void	report_empty_text(const struct report *, char *buf, size_t len);
/*
 * When the report period starts (rp->since > 0), in the report's
 * language: "Thu 03 Dec 2026" when it starts at local midnight (--since
 * with a date, or days or weeks), else with its time, "Sun 06 Dec 2026
 * 11:55" (--since 12h).
 */
void	report_since_text(const struct report *, char *buf, size_t len);
/*
 * A homework's terms in the report's language: "2026-11-30 to 2026-12-27,
 * 7 sessions a week" (the parts it has), plain text.
 */
void	report_hw_terms(const struct report *, const struct homework *,
	    char *buf, size_t len);
/*
 * The notes under a routine's homework line, plain text in the report's
 * language, one per call with i from 0 until it returns 0: each earlier
 * version recorded with the sessions ("Until 2026-12-02 the homework
 * recorded with the sessions was ...") and the installed file when it
 * differs.
 */
int	report_hw_note(const struct report *, const struct report_routine *,
	    size_t i, char *buf, size_t len);
/*
 * The warning of a report that mixes clients (nclients > 1), plain text
 * in the report's language; "" otherwise.
 */
void	report_clients_text(const struct report *, char *buf, size_t len);
/*
 * A much-worse day-after rating as one line in the report's language:
 * "Mon 07 Dec 2026 04:57, ub-calves-hw: rhomboids (left) rated 8/10 the
 * day after (Tue 08 Dec 2026 06:01): much worse than before; ...".
 */
void	report_worse_text(const struct report *, const struct report_worse *,
	    char *buf, size_t len);
/*
 * A session's pain ratings area by area, each area and side once with
 * its ratings oldest first: "rhomboids L 4 2; calves R 3" (English, for
 * history --csv). Never one number across areas: a first rating on one
 * area and a last on another are no change.
 */
void	report_pains_text(const struct hist_session *, char *buf,
	    size_t len);
/* One stored session as a JSON object (report and history --json). */
void	report_json_session(FILE *, const struct hist_session *);

/* The writers; report_pdf returns 0, or -1 with a reason in *cause. */
void	report_md(FILE *, const struct report *);
void	report_csv(FILE *, const struct report *);
void	report_json(FILE *, const struct report *);
enum report_pdf_kind {
	REPORT_PDF,		/* the A4 report, 1 to 3 pages */
	REPORT_PNG,		/* the charts alone */
	REPORT_SVG
};
int	report_pdf(FILE *, const struct report *, enum report_pdf_kind,
	    char **cause);

#endif
