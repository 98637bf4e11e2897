/*
 * The front ends of a run, called by cmd_session.c: the curses screens
 * (ui_session.c, ui_home.c, with the terminal in ui_term.c) and --plain
 * (plain.c). They drive the run engine (run.h) and never call back into
 * the command layer.
 */
#ifndef KNEAD_FRONTEND_H
#define KNEAD_FRONTEND_H

#include <stdint.h>

#include "run.h"

struct history;
struct homeidx;
struct library;

/*
 * Front ends: return when the session is over (RUN_OK), or what stopped
 * it from beginning after its questions (RUN_REFUSED, RUN_STORE_FAILED
 * with run->cause); run.h.
 */
enum run_result	plain_run(struct run *);
enum run_result	ui_session_run(struct run *);
/*
 * The screen's first frame drawn from the routine alone (the terminal is
 * started), before the store is opened and the session begun: its
 * preamble, its title before the questions, or its first step as it will
 * be at time 0 (the "first-frame" event, held in the log until the run
 * begins). Nothing starts; ui_session_run then draws the same screen.
 */
void	ui_session_preview(struct run *);
/* What the home screen's user chose besides the routine. */
struct home_pick {
	int	skip;		/* without the resting areas (Tab, or s Enter) */
	char	reason[128];	/* an override's reason (o Enter), "" none */
	char	filter[64];	/* the filter typed when it was picked: in,
				   the one to open on (after a refusal) */
};
/*
 * Pick a routine on the home screen (the terminal is started). Returns the
 * index of the chosen valid entry of lib, or -1 when the user quit; *out
 * says how to start it. status (may be NULL) is shown in the status line,
 * e.g. why the last run ended; refused is the entry a rest limit just
 * refused (-1 none): its panel offers s (skip the resting areas) and o
 * (override with a reason), each confirmed with Enter, over the list
 * filtered by out->filter as it was when that entry was picked.
 */
int	ui_home_run(struct library *lib, struct history *, const char *status,
	    int refused, struct home_pick *out);
/*
 * The home screen's first frame, from a store opened for reading only
 * (history_open_readonly: quick, nothing checked or written) while the
 * store proper is opened after it; ui_home_run then draws the same
 * screen, or what the store proper changed.
 */
void	ui_home_preview(struct library *lib, struct history *);
/*
 * The home screen's first frame from its kept index (homeidx.h), before
 * the library is loaded and the store opened; the rest states as they
 * are now, from the deadlines it holds.
 */
void	ui_home_preview_kept(const struct homeidx *);
/*
 * After its next first frame, ui_home_run keeps the index of that frame
 * at path with key (homeidx_key, taken before the library and the store
 * were read). path NULL: nothing is kept.
 */
void	ui_home_keep(const char *path, uint64_t key);
/*
 * The index of the home screen's first frame as a start would draw it
 * now (key 0, at now: set the key before writing it): 0, or -1 when it
 * is not to be kept (a rest state that can change on its own, homework
 * counted in the last 7 days), idx then already freed. The terminal is
 * started.
 */
int	ui_home_index(struct library *lib, struct history *,
	    struct homeidx *idx);

/*
 * The day-after question (ui_after.c), once, when one is due (the terminal
 * is started): the ratings or the skip are kept in the store.
 */
void	ui_after_ask(struct history *);

/* The terminal (ui_term.c): the only owner of initscr and endwin. */
/* Whether TERM can be drawn on (TERM set, not dumb); 0 with *why if not. */
int	ui_term_usable(const char **why);
/* Curses started: -1 with *why when this terminal cannot be drawn on. */
int	ui_term_start(const char **why);
void	ui_term_stop(void);
int	ui_term_active(void);
/*
 * Also wake the screen's sleep for lines sent to ib (inbox.h; NULL:
 * stop): the session shows the last one on its status line.
 */
struct inbox;
void	ui_watch_inbox(struct inbox *ib);

#endif
