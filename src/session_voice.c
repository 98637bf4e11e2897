/*
 * session_voice: where the voice is in a session's step: the line being
 * said, the room left for a key's word, and a line the clock stopped (or
 * the voice or sound switched off) said again, as the state machine
 * (session.c) and the run (run.c) ask.
 */
#include "session.h"
#include "session_int.h"

#include <stddef.h>
#include <stdint.h>

#include "sched.h"
#include "timeline.h"

/*
 * The line of the step being said at now (tail_ms after its end
 * included), or SIZE_MAX: lines never overlap, so one at most.
 */
size_t
session_line_at(const struct session *s, uint64_t now_ns, uint64_t tail_ms)
{
	uint64_t	t;
	size_t		i;

	for (i = 0; i < s->next_line; i++) {
		t = session_line_ns(s, i);
		if (t <= now_ns && now_ns < t + (s->tl.line[i].len_ms +
		    tail_ms) * SCHED_NS_PER_MS)
			return (i);
	}
	return (SIZE_MAX);
}

/*
 * The clock stops at now (the pause key, the help, the quit question):
 * the line being said then is cut (run.c stops the voice), and is said
 * again when the clock goes on (session_say_again). A countdown word is
 * not: the ticks still count down.
 */
void
session_note_cut(struct session *s, uint64_t now_ns)
{
	size_t	i = session_line_at(s, now_ns, 0);

	s->cut_step = 0;
	if (i != SIZE_MAX && s->tl.line[i].form != TL_COUNT) {
		s->cut_step = s->sched.cur + 1;
		s->cut_form = s->tl.line[i].form;
	}
}

/*
 * The clock went on at now: a line the stop cut is said again, in the
 * longest of its forms that fits before what comes next
 * (timeline_again), SESSION_AGAIN_MS from now. Before the resume's event,
 * so that run.c hands it to the voice with the step's other sounds.
 */
void
session_say_again(struct session *s, uint64_t now_ns)
{
	session_say_again_at(s, now_ns, now_ns + SESSION_AGAIN_MS *
	    SCHED_NS_PER_MS);
}

/* The same, said from at (see session_int.h). */
int
session_say_again_at(struct session *s, uint64_t now_ns, uint64_t at)
{
	uint64_t	len;

	if (s->cut_step != s->sched.cur + 1 || s->opts.voice == NULL) {
		s->cut_step = 0;
		return (-1);
	}
	s->cut_step = 0;
	len = sched_length_ns(&s->sched, now_ns) / SCHED_NS_PER_MS;
	return (timeline_again(s->plan, s->sched.cur, len, s->cut_form,
	    (at - s->sched.cur_start_ns - s->sched.cur_paused_ns) /
	    SCHED_NS_PER_MS, s->opts.voice, &s->tl));
}

/* The voice or the sound came back on at now (see session.h). */
int
session_voice_back(struct session *s, uint64_t now_ns, uint64_t word_ms)
{
	size_t		i;
	uint64_t	ms;

	if (s->state != SESSION_ACTIVE)
		return (0);
	/* Cut as a pause cuts it (no countdown word). */
	i = session_line_at(s, now_ns, 0);
	session_note_cut(s, now_ns);
	if (s->cut_step != s->sched.cur + 1)
		return (0);
	/*
	 * Heard by nobody so far, it ends now, a gap before, so that the
	 * word said now ("Voice on.") finds the voice free.
	 */
	ms = (now_ns - session_line_ns(s, i)) / SCHED_NS_PER_MS;
	s->tl.line[i].len_ms = ms > TL_GAP_MS ? ms - TL_GAP_MS : 0;
	(void)session_say_again_at(s, now_ns, now_ns + (word_ms +
	    SESSION_AGAIN_MS) * SCHED_NS_PER_MS);
	return (1);
}

/* Until when the voice is free from now (see session.h). */
uint64_t
session_voice_free_until(const struct session *s, uint64_t now_ns)
{
	if (s->state != SESSION_ACTIVE ||
	    session_line_at(s, now_ns, TL_GAP_MS) != SIZE_MAX)
		return (now_ns);
	return (session_voice_room(s, now_ns));
}

/* The same, the line said now left out (see session.h). */
uint64_t
session_voice_room(const struct session *s, uint64_t now_ns)
{
	uint64_t	end, t;
	size_t		i;

	if (s->state != SESSION_ACTIVE)
		return (now_ns);
	end = sched_end_ns(&s->sched) - TL_MARGIN_MS * SCHED_NS_PER_MS;
	if (s->next_line < s->tl.nline) {
		t = session_line_ns(s, s->next_line) - TL_GAP_MS *
		    SCHED_NS_PER_MS;
		if (t < end)
			end = t;
	}
	/* Nor over the step's next cue (a pacer tone, a tick, a chime). */
	for (i = s->next_cue; i < s->tl.ncue; i++)
		if (!session_cue_skipped(s, i)) {
			t = session_cue_ns(s, i);
			if (t < end)
				end = t;
			break;
		}
	return (end > now_ns ? end : now_ns);
}
