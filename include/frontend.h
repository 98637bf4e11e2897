/*
 * The front ends of a run, called by cmd_session.c: the curses screens
 * (ui_session.c, ui_home.c, with the terminal in ui_term.c) and --plain
 * (plain.c). They drive the run engine (run.h) and never call back into
 * the command layer.
 */
#ifndef KNEAD_FRONTEND_H
#define KNEAD_FRONTEND_H

struct history;
struct library;
struct run;

/* Front ends: return when the session is over. */
int	plain_run(struct run *);
int	ui_session_run(struct run *);
/*
 * Pick a routine on the home screen (the terminal is started). Returns the
 * index of the chosen valid entry of lib, or -1 when the user quit; *skip
 * is set when it was started without the resting areas (Tab, or s right
 * after a refusal). status (may be NULL) is shown in the status line, e.g.
 * why the last run ended; refused is the entry a rest limit just refused
 * (-1 none).
 */
int	ui_home_run(struct library *lib, struct history *, const char *status,
	    int refused, int *skip);

/* The terminal (ui_term.c): the only owner of initscr and endwin. */
/* Whether curses can draw here; 0 with *why when it cannot. */
int	ui_term_usable(const char **why);
int	ui_term_start(void);
void	ui_term_stop(void);
int	ui_term_active(void);

#endif
