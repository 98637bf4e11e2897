/*
 * Private to the session (session.c, the state machine, and
 * session_query.c, what the front ends ask of it): its state.
 */
#ifndef KNEAD_SESSION_INT_H
#define KNEAD_SESSION_INT_H

#include "session.h"
#include "timeline.h"

/* What a pain rating of PAIN_STOP_RATING or more did to a step. */
#define DROP_SKIP	1	/* later on the area: not run */
#define DROP_BAR	2	/* ran on it already: b does not go back */

struct session {
	const struct plan	*plan;
	struct session_opts	 opts;
	struct sched		 sched;
	enum session_state	 state;
	enum session_state	 before_quit;	/* restored by SA_QUIT_NO */
	enum session_outcome	 outcome;

	uint64_t		*done_ms;	/* per plan step */
	unsigned		*holds;		/* its runs past the grace */
	int			*pain;
	unsigned char		*dropped;	/* DROP_SKIP, DROP_BAR */

	struct tl_step		 tl;		/* the current step's sounds */
	size_t			 next_cue;
	size_t			 next_line;
	int			 half_done;	/* its halfway chime sounded */
	size_t			 cut_step;	/* +1: the clock stopped in */
	enum tl_form		 cut_form;	/* a line of it, this form */
	uint64_t		 pain_again_ns;	/* the pain question again */
	int			 pain_asked;	/* times asked again */
	uint64_t		 next_from_ns;	/* SA_NEXT ignored before */

	size_t			 nscreen;
	size_t			 screen_i;
	const char		**answers;

	struct session_event	*ev;
	size_t			 nev;
	size_t			 evcap;
};

/* Absolute due times of cue i and line i of the current step. */
uint64_t	session_cue_ns(const struct session *, size_t i);
uint64_t	session_line_ns(const struct session *, size_t i);
/* Whether cue i is left out (a second halfway chime after +10 s). */
int		session_cue_skipped(const struct session *, size_t i);
/* session_voice.c: the line said at now, tail_ms after it too. */
size_t		session_line_at(const struct session *, uint64_t now_ns,
		    uint64_t tail_ms);
/* The clock stops at now: the line said then is noted as cut. */
void		session_note_cut(struct session *, uint64_t now_ns);
/* The clock went on at now: the cut line again, SESSION_AGAIN_MS on. */
void		session_say_again(struct session *, uint64_t now_ns);
/* The same from at: timeline_again's result, -1 with nothing cut. */
int		session_say_again_at(struct session *, uint64_t now_ns,
		    uint64_t at);

#endif
