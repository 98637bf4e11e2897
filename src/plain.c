/*
 * --plain: the session without curses, for screen readers and pipes. One
 * line when each step starts, countdown lines at the 10 s marks and at
 * 3-2-1, prompts on stdin. Commands are lines: Enter ends an until-release
 * hold, p pauses and resumes, n next, b back, + and - add or remove 10 s,
 * m mute, v voice, ! stops now, q quits (y confirms). Same timing and
 * events as the full screen: both drive run_apply().
 */
#include "frontend.h"
#include "run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aftercare.h"
#include "areas.h"
#include "audio.h"
#include "clock.h"
#include "diag.h"
#include "halt_why.h"
#include "history.h"
#include "i18n.h"
#include "inbox.h"
#include "plan.h"
#include "routine.h"
#include "session.h"
#include "waiter.h"
#include "words.h"

struct plain {
	struct run	*run;
	int		 in_open;	/* stdin not at end of file */
	int		 tty;		/* stdin is a terminal (it echoes) */
	int		 out_tty;	/* stdout is a terminal (sees that echo) */
	char		 buf[1024];	/* a partial line */
	size_t		 len;
	long		 last_mark;	/* last countdown second printed */
	struct waiter	 waiter;	/* signals, the deadline timer */
	int		 answers[16];	/* pain ratings typed ahead */
	size_t		 nanswers;
	char		 status[256];	/* last status line printed */
	const char	*prompt;	/* a question waiting on its line */
	const char	*cut;		/* one a line printed cut, to repeat */
};

/* Print a line of routine-derived text, cleaned. */
static void
plain_say(const char *fmt, const char *text)
{
	char	buf[1024];

	diag_clean(text, buf, sizeof buf);
	printf(fmt, buf);
}

/* Copy s into out (len bytes), cut if needed. */
static void
plain_copy(char *out, size_t len, const char *s)
{
	size_t	n = strlen(s);

	if (n >= len)
		n = len - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* Ask a question in the session: its answer follows on the same line. */
static void
plain_prompt(struct plain *pl, const char *q)
{
	fputs(q, stdout);
	fflush(stdout);
	pl->prompt = q;
	pl->cut = NULL;
}

/*
 * Before a line printed while a question waits (a status line, a
 * reminder, the summary after Ctrl-C): the question's line is ended, not
 * run on, and the question is asked again after (plain_reprompt).
 */
static void
plain_break(struct plain *pl)
{
	if (pl->prompt == NULL)
		return;
	putchar('\n');
	pl->cut = pl->prompt;
	pl->prompt = NULL;
}

/* The question a line cut, asked again if it still waits for its answer. */
static void
plain_reprompt(struct plain *pl)
{
	enum session_state	st = session_state(pl->run->session);

	if (pl->cut != NULL && (st == SESSION_PAIN || st == SESSION_QUIT_ASK))
		plain_prompt(pl, pl->cut);
	pl->cut = NULL;
}

/*
 * After a prompt, its answer: a terminal echoed it after the prompt, on
 * stdout if that is the same terminal; read from a pipe, it is shown here;
 * typed at a terminal while stdout goes elsewhere (| tee), the prompt's
 * line is ended so what follows does not run on after it.
 */
static void
plain_answered(struct plain *pl, const char *line)
{
	pl->prompt = NULL;
	if (!pl->tty)
		plain_say("%s\n", line);
	else if (!pl->out_tty)
		putchar('\n');
}

/* Read one line from stdin, blocking (before the session starts). */
static int
plain_getline(struct plain *pl, char *out, size_t len)
{
	int		hup;
	ssize_t		n;
	char		*nl;

	for (;;) {
		if ((nl = memchr(pl->buf, '\n', pl->len)) != NULL) {
			*nl = '\0';
			plain_copy(out, len, pl->buf);
			pl->len -= (size_t)(nl + 1 - pl->buf);
			memmove(pl->buf, nl + 1, pl->len);
			return (0);
		}
		if (!pl->in_open)
			break;
		if (pl->len == sizeof pl->buf - 1)
			pl->len = 0;	/* an absurd line: drop it */
		if (waiter_wait(&pl->waiter, STDIN_FILENO, WAITER_FOREVER,
		    &hup) != WAITER_INPUT) {
			if (waiter_signal())
				return (-1);
			continue;
		}
		n = read(STDIN_FILENO, pl->buf + pl->len,
		    sizeof pl->buf - 1 - pl->len);
		if (n < 0 && errno == EINTR) {
			if (waiter_signal())
				return (-1);
			continue;
		}
		if (n <= 0)
			pl->in_open = 0;
		else
			pl->len += (size_t)n;
	}
	if (pl->len > 0) {
		pl->buf[pl->len] = '\0';
		plain_copy(out, len, pl->buf);
		pl->len = 0;
		return (0);
	}
	return (-1);
}

/*
 * A rating typed at a prompt: 0 to 10, or x for 10 (the key table's "0-9
 * x": the screen takes one key, so 10 is x there); -1 when it is neither.
 * Blanks around it are allowed.
 */
static int
plain_rating(const char *line)
{
	char	*end;
	long	 v;

	line += strspn(line, " \t");
	if ((line[0] == 'x' || line[0] == 'X') &&
	    line[1 + strspn(line + 1, " \t")] == '\0')
		return (10);
	v = strtol(line, &end, 10);
	if (end == line || v < 0 || v > 10 || end[strspn(end, " \t")] != '\0')
		return (-1);
	return ((int)v);
}

/* Ask one screening question on stdin: 1 yes, 0 no, 2 quit, 3 no answer. */
static int
plain_ask(void *ctx, size_t k, size_t n, const char *q)
{
	struct plain	*pl = ctx;
	char		 line[64];

	(void)k;
	(void)n;
	for (;;) {
		plain_say(_("Before we start: %s [y/n] "), q);
		fflush(stdout);
		if (plain_getline(pl, line, sizeof line) != 0) {
			if (waiter_signal())
				return (2);
			/* Never a yes nor a no: nobody answered. */
			fputs(_("\nNo answer: not starting.\n"), stdout);
			return (3);
		}
		plain_answered(pl, line);
		if (line[0] == 'y' || line[0] == 'Y')
			return (1);
		if (line[0] == 'n' || line[0] == 'N')
			return (0);
		if (line[0] == 'q' || line[0] == 'Q') {
			fputs(_("Not starting: you quit at the questions.\n"),
			    stdout);
			return (2);
		}
		fputs(_("Please answer y or n.\n"), stdout);
	}
}

/*
 * The day-after question, once, 12 to 48 h after the last session that did
 * work, and the check-ins about areas still sore (history_after.c): a
 * rating per area, a blank line skips one, s
 * skips the rest; the end of input skips all. Kept either way.
 */
static void
plain_after(struct plain *pl)
{
	struct after_due	 d;
	char			 q[256], line[64], msg[512];
	char			*cause = NULL;
	int			 ratings[AFTER_MAX];
	size_t			 i;
	long			 v;

	if (pl->run->history == NULL ||
	    history_after_due(pl->run->history, &d, &cause) != 0 ||
	    d.n == 0) {
		free(cause);
		return;
	}
	for (i = 0; i < d.n; i++)
		ratings[i] = -1;
	if (d.session_id != 0)
		printf(_("The day after (%s); Enter skips, s skips the "
		    "rest.\n"), _(aftercare_scale));
	else
		printf(_("Still sore? (%s); Enter skips, s skips the "
		    "rest.\n"), _(aftercare_scale));
	for (i = 0; i < d.n; i++) {
		aftercare_question(&d.v[i], q, sizeof q);
		plain_say("%s ", q);
		fflush(stdout);
		if (plain_getline(pl, line, sizeof line) != 0) {
			printf("\n");
			break;
		}
		plain_answered(pl, line);
		if (line[0] == 's' || line[0] == 'S' || line[0] == 'q')
			break;
		if (line[strspn(line, " \t")] == '\0')
			continue;
		if ((v = plain_rating(line)) < 0) {
			printf("%s", _("A number from 0 to 10, or Enter to "
			    "skip.\n"));
			i--;
			continue;
		}
		ratings[i] = (int)v;
	}
	if (history_after_save(pl->run->history, &d, ratings, &cause) != 0) {
		printf("knead: history: %s\n", cause);
		free(cause);
		return;
	}
	aftercare_verdict(&d, ratings, msg, sizeof msg);
	if (msg[0] != '\0')
		plain_say("%s\n", msg);
}

/*
 * After a halt, its safety note printed first: what made the user stop,
 * one line (p, n, s or o); a blank line, q or the end of input is no
 * answer. Any other line asks again (a typo must not lose "numbness":
 * the halt's advice turns on it), as the screen ignores other keys.
 * What the answer means is printed after it.
 */
static void
plain_halt_why(struct plain *pl)
{
	struct run	*run = pl->run;
	char		 line[64];
	const char	*why = NULL;
	size_t		 had, i;

	if (!run_halt_asks(run) || waiter_signal())
		return;
	run_halt_ask(run);
	printf("%s (%s) ", _(halt_why_question), _(halt_why_skip));
	for (;;) {
		fflush(stdout);
		if (plain_getline(pl, line, sizeof line) != 0) {
			printf("\n");
			break;
		}
		plain_answered(pl, line);
		i = strspn(line, " \t");
		if (line[i] == '\0')
			break;
		if (line[i + 1 + strspn(line + i + 1, " \t")] == '\0' &&
		    ((why = halt_why_of_key((unsigned char)line[i])) != NULL ||
		    line[i] == 'q' || line[i] == 'Q'))
			break;
		printf("%s ", _("Please answer p, n, s or o (Enter skips)."));
	}
	had = run->nqueue;
	run_halt_why(run, why);
	for (i = had; i < run->nqueue; i++)
		plain_say("%s\n", run->queue[i]);
	fflush(stdout);
}

/* The line printed when step i starts. */
static void
plain_step_line(struct plain *pl, size_t i)
{
	const struct plan	*p = pl->run->plan;
	const struct pstep	*ps = &p->v[i];
	char			 where[128], t[32], line[1024], pres[32];
	char			 rep[32];
	size_t			 num, nrun;

	run_where(ps, where, sizeof where);
	/* Reps alike line for line, but for this (the voice says it). */
	rep[0] = '\0';
	if (ps->nreps > 1)
		snprintf(rep, sizeof rep, _(" (rep %d/%d)"), ps->rep,
		    ps->nreps);
	plan_fmt_ms(ps->duration_ms, t, sizeof t);
	/* The target pressure, as the screen states it. */
	pres[0] = '\0';
	if (ps->tool >= 0 && ps->is_work && ps->pressure >= 0)
		snprintf(pres, sizeof pres, _(" at pressure %d/10"),
		    ps->pressure);
	session_step_count(pl->run->session, i, &num, &nrun);
	snprintf(line, sizeof line, "[%zu/%zu] %s%s%s%s%s%s%s, %s%s%s%s",
	    num, nrun,
	    plan_kind_label(ps->kind), where[0] != '\0' ? " " : "", where, rep,
	    ps->tool >= 0 && ps->is_work ? _(" with ") : "",
	    ps->tool >= 0 && ps->is_work ? tool_label((enum tool)ps->tool) : "",
	    pres, ps->until_release ? _("until release, up to ") : "", t,
	    ps->until_release ? _(" (Enter to release)") : "",
	    ps->say != NULL ? ": " : ".");
	plain_say("%s", line);
	if (ps->say != NULL)
		plain_say("%s", ps->say);
	printf("\n");
	pl->last_mark = -1;
}

/* Print what the events mean for a listener. */
static void
plain_events(struct plain *pl, const struct session_event *ev, size_t n)
{
	struct run	*run = pl->run;
	size_t		 i;

	if (n > 0 || strcmp(run->status, pl->status) != 0)
		plain_break(pl);
	for (i = 0; i < n; i++) {
		switch (ev[i].type) {
		case SEV_STEP_START:
			/* A rating typed for the last step is not this one's. */
			if (pl->tty)
				pl->nanswers = 0;
			plain_step_line(pl, ev[i].step);
			break;
		case SEV_PAUSE:
			fputs(_("Paused. Enter p to resume.\n"), stdout);
			break;
		case SEV_RESUME:
			fputs(_("Resumed.\n"), stdout);
			break;
		case SEV_SHIFT:
			/* Nothing added: the status line says why, alone. */
			if (ev[i].value != 0 || ev[i].why == NULL)
				printf("%+d s.\n", ev[i].value / 1000);
			break;
		case SEV_PAIN_ASK:
			/* Asked again by the voice only: no prompt in typing. */
			if (ev[i].value == 0)
				plain_prompt(pl, _("Pain on that spot, 0 (none) "
				    "to 10: "));
			break;
		case SEV_QUIT_ASK:
			plain_prompt(pl, _("Quit the session? [y/n] "));
			break;
		case SEV_CUE:
			/* The chime the voice rings: a line to read. */
			if (ev[i].value == CUE_HALFWAY)
				fputs(_("  halfway\n"), stdout);
			break;
		case SEV_AREA_STOP:
			/* Said before the next step starts, not after it. */
			plain_copy(pl->status, sizeof pl->status, run->status);
			printf("(%s)\n", pl->status);
			break;
		case SEV_SESSION_END:
			/* The summary says it: "Session stopped" was twice. */
			break;
		default:
			break;
		}
	}
	if (strcmp(run->status, pl->status) != 0) {
		plain_copy(pl->status, sizeof pl->status, run->status);
		if (pl->status[0] != '\0')
			printf("(%s)\n", pl->status);
	}
	plain_reprompt(pl);
	fflush(stdout);
}

/* Countdown lines: every 10 s mark, and 3, 2, 1. */
static void
plain_countdown(struct plain *pl, uint64_t now)
{
	const struct sched	*sc = session_sched(pl->run->session);
	const struct pstep	*ps = &pl->run->plan->v[sc->cur];
	uint64_t		 rem, el;
	long			 s;
	char			 t[32];

	if (session_state(pl->run->session) != SESSION_ACTIVE)
		return;
	if (ps->until_release) {
		el = sched_elapsed_ns(sc, now) / SCHED_NS_PER_S;
		s = (long)el;
		if (s > 0 && s % 10 == 0 && s != pl->last_mark) {
			plan_fmt_ms(el * 1000, t, sizeof t);
			printf(_("  %s held\n"), t);
			pl->last_mark = s;
		}
		return;
	}
	rem = sched_remaining_ns(sc, now);
	s = (long)((rem + SCHED_NS_PER_S - 1) / SCHED_NS_PER_S);
	if (s <= 0 || s == pl->last_mark ||
	    (uint64_t)s * 1000 >= ps->duration_ms)
		return;
	if (s <= 3)
		printf("  %ld\n", s);
	else if (s % 10 == 0) {
		plan_fmt_ms((uint64_t)s * 1000, t, sizeof t);
		printf(_("  %s left\n"), t);
	} else
		return;
	pl->last_mark = s;
	fflush(stdout);
}

/*
 * A rating with no question asked. Piped, it is kept for the next pain
 * question (a script's answers come ahead of time). Typed at a terminal,
 * it is kept only for the pain question of the step being worked, and
 * dropped when the next step starts: a number typed during a position
 * step or another spot must not answer for a spot pressed later (a 10
 * would stop that area and be recorded as pain it never had). Either
 * way the line says where it went and points to ! (pain now).
 */
static void
plain_rating_ahead(struct plain *pl, int v)
{
	const struct sched	*sc = session_sched(pl->run->session);
	const struct pstep	*ps = &pl->run->plan->v[sc->cur];

	if (pl->tty && !ps->check_pain) {
		printf(_("(No pain rating is asked in this step; pain or "
		    "numbness now: ! and Enter stops)\n"));
		return;
	}
	if (pl->nanswers < nitems(pl->answers))
		pl->answers[pl->nanswers++] = v;
	if (pl->tty)
		printf(_("(%d kept for this step's pain question; pain or "
		    "numbness now: ! and Enter stops)\n"), v);
}

/*
 * What a command line did, printed: a status it set is its answer, printed
 * even when it is the line printed last (m, then v or m again, with no
 * sound: "no sound" each time; + twice at its cap), where a status that
 * no line set is printed only when it changes.
 */
static void
plain_answer(struct plain *pl, unsigned nstatus,
    const struct session_event *ev, size_t n)
{
	if (pl->run->nstatus != nstatus)
		pl->status[0] = '\0';
	plain_events(pl, ev, n);
}

/* One command line typed during the session. */
static void
plain_command(struct plain *pl, const char *line, uint64_t now)
{
	const struct session_event	*ev;
	struct run			*run = pl->run;
	enum session_state		 st = session_state(run->session);
	enum session_action		 a = SA_TICK;
	long				 v;
	size_t				 n;
	enum key_act			 k;
	unsigned			 said = run->nstatus;

	/* An empty line (Enter alone) or a line of blanks is the space key:
	 * it ends an until-release hold, else pauses (read aloud, Enter is
	 * the key at hand; it did nothing outside such a hold). */
	if (line[strspn(line, " \t")] == '\0' &&
	    st != SESSION_PAIN && st != SESSION_QUIT_ASK)
		line = " ";
	while ((*line == ' ' && line[1] != '\0') || *line == '\t')
		line++;
	if (st != SESSION_PAIN && st != SESSION_QUIT_ASK &&
	    (v = plain_rating(line)) >= 0) {
		plain_rating_ahead(pl, (int)v);
		return;
	}
	if (st == SESSION_PAIN || st == SESSION_QUIT_ASK)
		plain_answered(pl, line);
	if (st == SESSION_PAIN && (line[0] == '!' || line[0] == 'q')) {
		n = run_apply(run, line[0] == '!' ? SA_STOP_NOW : SA_QUIT, 0,
		    now, &ev);
		plain_answer(pl, said, ev, n);
		return;
	}
	if (st == SESSION_PAIN) {
		if ((v = plain_rating(line)) < 0) {
			plain_prompt(pl, _("A number from 0 to 10, please: "));
			return;
		}
		n = run_apply(run, SA_PAIN, (int)v, now, &ev);
		plain_answer(pl, said, ev, n);
		return;
	}
	if (st == SESSION_QUIT_ASK) {
		a = (line[0] == 'y' || line[0] == 'Y') ? SA_QUIT_YES :
		    line[0] == '!' ? SA_STOP_NOW : SA_QUIT_NO;
	} else if ((k = keys_action((unsigned char)line[0])) == KEY_ACT_NONE ||
	    k == KEY_ACT_HELP) {
		printf(_("Keys: %s\n"), keys_line());
		/* Read with the clock stopped, as on the screen: Enter goes on. */
		if (k == KEY_ACT_HELP && st == SESSION_ACTIVE)
			a = SA_PAUSE;
	} else
		a = run_key(run, k);
	n = run_apply(run, a, 0, now, &ev);
	plain_answer(pl, said, ev, n);
}

/* Answer a pain prompt with a rating typed ahead, if there is one. */
static void
plain_typed_ahead(struct plain *pl, uint64_t now)
{
	const struct session_event	*ev;
	size_t				 n;
	int				 v;

	while (session_state(pl->run->session) == SESSION_PAIN &&
	    pl->nanswers > 0) {
		v = pl->answers[0];
		memmove(pl->answers, pl->answers + 1,
		    --pl->nanswers * sizeof pl->answers[0]);
		printf("%d\n", v);
		pl->prompt = NULL;
		n = run_apply(pl->run, SA_PAIN, v, now, &ev);
		plain_events(pl, ev, n);
	}
}

/*
 * Run each complete line read so far (and, at the end of input, the last
 * one without its newline). Lines read with a screening answer are run
 * here too: piped answers were lost after the screening (issue 13).
 */
static void
plain_lines(struct plain *pl, uint64_t now)
{
	char	line[1024];
	char	*nl;

	/* Lines after the end are kept: the halt's question reads them. */
	while (session_state(pl->run->session) != SESSION_DONE &&
	    (nl = memchr(pl->buf, '\n', pl->len)) != NULL) {
		*nl = '\0';
		plain_copy(line, sizeof line, pl->buf);
		pl->len -= (size_t)(nl + 1 - pl->buf);
		memmove(pl->buf, nl + 1, pl->len);
		plain_command(pl, line, now);
	}
	if (session_state(pl->run->session) != SESSION_DONE &&
	    !pl->in_open && pl->len > 0) {
		pl->buf[pl->len] = '\0';
		plain_copy(line, sizeof line, pl->buf);
		pl->len = 0;
		plain_command(pl, line, now);
	}
}

/* Read what stdin has; run each complete line. */
static void
plain_input(struct plain *pl, uint64_t now)
{
	ssize_t	n;

	if (pl->len == sizeof pl->buf - 1)
		pl->len = 0;
	n = read(STDIN_FILENO, pl->buf + pl->len, sizeof pl->buf - 1 - pl->len);
	if (n < 0 && errno == EINTR)
		return;
	if (n <= 0)
		pl->in_open = 0;
	else
		pl->len += (size_t)n;
	plain_lines(pl, now);
}

/*
 * Ctrl-Z: the session pauses when the process stopped (not when the loop
 * noticed), or at last, the time last given to the session.
 */
static void
plain_stopped(struct plain *pl, uint64_t last)
{
	const struct session_event	*ev;
	size_t				 n;
	uint64_t			 stop;

	if (!waiter_stopped(&stop) ||
	    session_state(pl->run->session) != SESSION_ACTIVE)
		return;
	if (stop < last)
		stop = last;
	n = run_apply(pl->run, SA_TICK, 0, stop, &ev);
	plain_events(pl, ev, n);
	n = run_apply(pl->run, SA_PAUSE, 0, stop, &ev);
	plain_events(pl, ev, n);
}

/*
 * The title and length, then what the author and the prescriber want said
 * before it starts: printed, and said before the session's clock starts.
 * Returns when that speech ends (0: nothing said).
 */
static uint64_t
plain_intro(struct plain *pl)
{
	struct run		*run = pl->run;
	/* Begun already: what runs, without the areas --skip-resting left. */
	const struct plan	*p = run->begun && run->plan != NULL ?
				    run->plan : &run->full;
	uint64_t		 pre_end = 0;
	char			 t[32], pre[WORDS_PREAMBLE_MAX], *line, *last;

	plan_fmt_ms(p->total_ms, t, sizeof t);
	plain_say("%s", run->routine->title.s != NULL ? run->routine->title.s :
	    run->routine->id.s != NULL ? run->routine->id.s : _("routine"));
	printf(ngettext(" (%zu step, %s)\n", " (%zu steps, %s)\n",
	    p->n), p->n, t);
	plain_after(pl);
	if (run_preamble(run, pre, sizeof pre) > 0) {
		for (line = strtok_r(pre, "\n", &last); line != NULL;
		    line = strtok_r(NULL, "\n", &last))
			plain_say("%s\n", line);
		pre_end = clock_mono_ns(run->clock);
		pre_end += run_say_preamble(run, pre_end);
	}
	if (run->status[0] != '\0') {
		plain_copy(pl->status, sizeof pl->status, run->status);
		printf("(%s)\n", run->status);
	}
	return (pre_end);
}

/* Nobody can answer any more (input closed): go on without an answer. */
static void
plain_unanswered(struct plain *pl, uint64_t now)
{
	const struct session_event	*ev;
	struct run			*run = pl->run;
	size_t				 n;
	int				 said = 0;

	if (session_state(run->session) == SESSION_PAIN) {
		/* Read aloud, the question must not hang unanswered. */
		fputs(_("(no answer)"), stdout);
		pl->prompt = NULL;
		n = run_apply(run, SA_PAIN, -1, now, &ev);
		said = 1;
	} else if (session_state(run->session) == SESSION_QUIT_ASK)
		n = run_apply(run, SA_QUIT_YES, 0, now, &ev);
	else
		n = run_apply(run, SA_RESUME, 0, now, &ev);
	if (n > 0 || said) {
		printf("\n");
		pl->prompt = NULL;
	}
	plain_events(pl, ev, n);
}

/*
 * Wait until the end cue and the spoken aftercare have been heard (a
 * signal cuts them): closing the stream drops what the card still holds.
 */
static void
plain_heard_out(struct plain *pl)
{
	struct run	*run = pl->run;
	uint64_t	 end;
	int		 hup;

	while ((end = run_heard_by(run)) != 0 &&
	    clock_mono_ns(run->clock) < end && !waiter_signal())
		(void)waiter_wait(&pl->waiter, -1, end, &hup);
}

/* Run the whole session line by line (see frontend.h). */
enum run_result
plain_run(struct run *run)
{
	const struct session_event	*ev;
	struct sigaction		 sa, oldpipe;
	struct plain			 pl;
	enum waiter_wake		 w;
	uint64_t			 now, wake, start, pre_end = 0;
	size_t				 n;
	enum run_result			 rc = RUN_OK;
	int				 hup;
	char				 msg[1024];
	const char			*st;

	memset(&pl, 0, sizeof pl);
	pl.run = run;
	pl.in_open = 1;
	pl.tty = isatty(STDIN_FILENO);
	pl.out_tty = isatty(STDOUT_FILENO);
	setvbuf(stdout, NULL, _IOLBF, 0);
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* A closed pipe ends the session as stopped instead of killing us. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &oldpipe);
	/* Signals are let in only while sleeping (no lost wakeup). */
	waiter_start(&pl.waiter, 0);

	pre_end = plain_intro(&pl);
	if (run->session == NULL) {
		rc = run_screen(run, plain_ask, &pl);
		if (rc == RUN_ENDED) {
			if (session_outcome(run->session) ==
			    OUTCOME_SCREENED && !run->screen_unanswered) {
				run_screen_message(run, msg, sizeof msg);
				printf("%s\n", msg);
				plain_heard_out(&pl);
			}
			rc = RUN_OK;
			goto out;
		}
		if (rc != RUN_OK)
			goto out;
		/* What the screening said ("your answers stand"), before
		 * step 1's line; no wait for a preamble an answer cut. */
		plain_events(&pl, NULL, 0);
		if (run->said_until_ns < pre_end)
			pre_end = run->said_until_ns;
	}
	/* The spoken preamble is heard out before step 1 begins. */
	while ((now = clock_mono_ns(run->clock)) < pre_end &&
	    !waiter_signal())
		(void)waiter_wait(&pl.waiter, -1, pre_end, &hup);
	/* The clock starts when its first sounds can be on time. */
	start = run_start_at(run, now);
	while ((now = clock_mono_ns(run->clock)) < start)
		(void)waiter_wait(&pl.waiter, -1, start, &hup);
	now = start;
	n = run_apply(run, SA_START, 0, now, &ev);
	plain_events(&pl, ev, n);
	plain_lines(&pl, now);
	/* From here on, a line sent to the session wakes it (inbox.h). */
	waiter_watch(&pl.waiter, inbox_fd(run->inbox));
	while (session_state(run->session) != SESSION_DONE) {
		/* A signal, or nobody reads our output any more (EPIPE). */
		if (waiter_signal() || ferror(stdout)) {
			now = clock_mono_ns(run->clock);
			/* A reader gone is the user's end, as Ctrl-C is. */
			n = waiter_signal() ? run_signal_end(run,
			    waiter_signal(), now, &ev) : run_quit_now(run, now,
			    &ev);
			plain_events(&pl, ev, n);
			break;
		}
		plain_stopped(&pl, now);	/* stopped while printing */
		now = clock_mono_ns(run->clock);
		plain_typed_ahead(&pl, now);
		wake = session_next_wake(run->session, now);
		/* Input closed: the pain question asked again goes unheard. */
		if (!pl.in_open && (wake == SCHED_NEVER ||
		    session_state(run->session) == SESSION_PAIN)) {
			plain_unanswered(&pl, now);
			continue;
		}
		/* Asking only for input, wake once a minute all the same. */
		if (wake == SCHED_NEVER || wake - now > 60 * SCHED_NS_PER_S)
			wake = now + 60 * SCHED_NS_PER_S;
		w = waiter_wait(&pl.waiter, pl.in_open ? STDIN_FILENO : -1,
		    wake, &hup);
		plain_stopped(&pl, now);
		if (w == WAITER_INPUT)
			plain_input(&pl, clock_mono_ns(run->clock));
		/* Each status printed as it comes, none over another. */
		if ((st = audio_status(run->audio)) != NULL) {
			run_status(run, "%s", st);
			plain_events(&pl, NULL, 0);
		}
		/* A line sent to the session (remind --notify), as status. */
		if (inbox_read(run->inbox, msg, sizeof msg) > 0) {
			run_status(run, "%s", msg);
			plain_events(&pl, NULL, 0);
		}
		now = clock_mono_ns(run->clock);
		n = run_apply(run, SA_TICK, 0, now, &ev);
		plain_events(&pl, ev, n);
		plain_countdown(&pl, now);
	}
	plain_break(&pl);
	run_summary(run);
	run_print_queue(run, stdout);
	if (session_outcome(run->session) == OUTCOME_HALTED)
		fflush(stdout);
	plain_halt_why(&pl);
	plain_heard_out(&pl);
out:
	waiter_stop(&pl.waiter);
	sigaction(SIGPIPE, &oldpipe, NULL);
	if (run->refused)
		return (RUN_REFUSED);
	return (rc);
}
