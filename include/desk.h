/*
 * The desk worker's loop: the break-reminder settings (knead remind), which
 * routine a break suggests now, and the one-line status for tmux. Read by
 * cmd_remind.c and `knead status --line`.
 */
#ifndef KNEAD_DESK_H
#define KNEAD_DESK_H

#include <stddef.h>
#include <stdint.h>

struct history;
struct library;
struct lib_entry;
struct routine;

/* The settings `knead remind --every ...` wrote (remind.conf). */
struct remind_conf {
	int64_t		 every_s;	/* a break this often */
	int		 from_min;	/* window, minutes after local midnight */
	int		 to_min;
	unsigned	 days;		/* bit d: tm_wday d (0 Sunday) */
	char		 routine[200];	/* "" none named */
};

/* $XDG_CONFIG_HOME/knead/remind.conf; static buffer. */
const char	*desk_conf_path(void);
/* Read it: 0, or -1 when there is none or it cannot be read. */
int		 desk_conf_read(const char *path, struct remind_conf *);
/* Write it; 0 or -1 with errno. */
int		 desk_conf_write(const char *path, const struct remind_conf *);
/* "50m", "1h", "90m", "1h30m", "45" (minutes) -> seconds; -1 when bad. */
int64_t		 desk_parse_every(const char *);
/* "09:00-18:00" -> minutes; -1 when bad, -2 when it ends by its start. */
int		 desk_parse_between(const char *, int *from, int *to);
/* "mon-fri", "sat,sun", "daily" -> day bits; 0 when bad. */
unsigned	 desk_parse_days(const char *);
/* "Mon,Tue,Wed" (systemd) or "1,2,3" (cron) for day bits. */
void		 desk_days_text(unsigned days, int cron, char *buf, size_t len);
/* Is local time t inside the settings' days and hours? */
int		 desk_in_window(const struct remind_conf *, int64_t t);

/* Minutes between the timer's checks: 5 when the interval allows, else 1. */
int		 desk_check_step(const struct remind_conf *);
/*
 * The timer's next check at or after t, reckoned from the settings as the
 * timer's OnCalendar (and the crontab line) say: the window's hours on its
 * days, every desk_check_step minutes. 0 when there is none.
 */
int64_t		 desk_next_check(const struct remind_conf *, int64_t t);
/*
 * When the next break is suggested: the first check (check, when it is not
 * before due, else reckoned) at or after due inside the window. 0: none.
 */
int64_t		 desk_next_break(const struct remind_conf *, int64_t due,
		    int64_t check);
/*
 * systemctl show -p NextElapseUSecRealtime --value, with --timestamp=unix
 * ("@1764849600") or as microseconds: Unix seconds, 0 when it says none
 * ("n/a", "0", "") or something else.
 */
int64_t		 desk_systemd_time(const char *);

/* The routine a break suggests (desk_pick). */
struct desk_pick {
	const struct lib_entry *e;	/* NULL: nothing can run now */
	uint64_t	 total_ms;	/* its plan */
	char		 areas[256];	/* "upper trapezius, forearm ..." */
	int64_t		 ready_at;	/* e NULL: when the soonest candidate */
					/* can run (0: no candidate at all); */
					/* e set: when one before it can */
	int		 moving;	/* a candidate rests for a reason */
					/* with no fixed end (a block, a */
					/* running session, the clock set */
					/* back): the answer is not a cache's */
};
/*
 * A routine that can run now by the rest check of the run itself
 * (history_check): the named routine first, else the shortest one tagged
 * desk. h NULL (no store yet): nothing rests. 0, or -1 with
 * *cause.
 */
int		 desk_pick(struct history *, struct library *,
		    const char *named, struct desk_pick *, char **cause);
/* Is routine r tagged desk (a break's candidate)? */
int		 desk_tagged(const struct routine *);
/*
 * One step of desk_pick: can entry e (NULL or invalid: no) run now? 1: it
 * is picked (out->e and the rest set), 0: not (out->ready_at lowered to
 * when it can, if sooner), -1 on a store error with *cause.
 */
int		 desk_consider(struct history *, const struct lib_entry *,
		    struct desk_pick *, char **cause);
/*
 * The break clock, one rule for remind --notify, remind --status and
 * status --line. A break is a session that did at least half of its
 * planned work (the store's half_done, as homework counts it) and counts
 * from when it ended; one running now (its knead alive) is a break on
 * now. desk_last_break: when the last break ended if at or after since
 * (since = now - every), INT64_MAX while one runs, 0 none (h NULL: no
 * store yet), -1 when the store cannot say.
 */
int64_t		 desk_last_break(struct history *, int64_t since);
/*
 * When the next break is due by c, given last (desk_last_break's answer
 * for since = now - c->every_s): INT64_MAX while a session runs (never
 * during a break), last + every while that is later than now, else now.
 * Whether the window is open is desk_in_window's.
 */
int64_t		 desk_break_due(const struct remind_conf *c, int64_t last,
		    int64_t now);

#endif
