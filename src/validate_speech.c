/*
 * The validator's speech check (validate.h): the first full speaking of
 * each instruction must fit in its step, measured with the voice that will
 * say it (the speech timeline drops what does not fit, timeline.h). An
 * instruction that names a danger site or a sign to stop and would be
 * dropped is an error: the person, eyes closed, would never hear it.
 */
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "plan.h"
#include "routine.h"
#include "timeline.h"

/* Seconds with a tenth: "14.8 s". */
static void
vs_secs(uint64_t ms, char *buf, size_t len)
{
	snprintf(buf, len, "%llu.%llu s", (unsigned long long)(ms / 1000),
	    (unsigned long long)(ms % 1000 / 100));
}

/*
 * At the say: line of position step i said whole in full ms: a warning
 * when it leaves less than VALIDATE_ACT_MS of the step to act on it.
 */
static void
vs_act(const struct plan *p, size_t i, uint64_t full, struct diag_list *dl)
{
	const struct pstep	*ps = &p->v[i];
	const struct rstep	*rs = &p->routine->steps[ps->src];
	struct src_pos		 at;
	char			 said[32], left[32], len[32];

	if (ps->kind != PLAN_POSITION || full + VALIDATE_ACT_MS <=
	    ps->duration_ms)
		return;
	vs_secs(full, said, sizeof said);
	vs_secs(ps->duration_ms - full, left, sizeof left);
	vs_secs(ps->duration_ms, len, sizeof len);
	at = rs->say.pos.line != 0 ? rs->say.pos : rs->pos;
	diag_add(dl, DIAG_WARNING, p->routine->path, at.line, at.col,
	    _("the position takes %s to say and its step lasts %s: that "
	    "leaves %s to get there, less than the %d s it needs; lengthen "
	    "the step or shorten the text"), said, len, left,
	    VALIDATE_ACT_MS / 1000);
}

/*
 * At the say: line of plan step i when its full line is not said: an
 * error when its text names a danger site or a sign to stop, else a
 * warning.
 */
static void
vs_step(const struct plan *p, size_t i, const struct tl_opts *o,
    struct diag_list *dl)
{
	const struct pstep	*ps = &p->v[i];
	const struct rstep	*rs = &p->routine->steps[ps->src];
	struct src_pos		 at;
	struct tl_step		 st;
	size_t			 size, wlen;
	uint64_t		 full;
	char			*text, said[32], room[32], len[32];
	const char		*form, *what, *w;

	size = strlen(ps->say) + 512;
	text = malloc(size);
	if (text == NULL)
		return;
	timeline_text(p, i, TL_FULL, text, size);
	full = o->voice->measure(o->voice->ctx, text);
	free(text);
	if (full == 0)
		return;		/* the voice says nothing: nothing to fit */
	timeline_step(p, i, ps->duration_ms, o, &st);
	if (st.nline > 0 && st.line[0].at_ms == 0 &&
	    st.line[0].form == TL_FULL) {
		timeline_step_free(&st);
		vs_act(p, i, full, dl);
		return;
	}
	form = st.nline > 0 && st.line[0].at_ms == 0 ?
	    timeline_form_name(st.line[0].form) : NULL;
	timeline_step_free(&st);
	vs_secs(full, said, sizeof said);
	vs_secs(ps->duration_ms > TL_MARGIN_MS ? ps->duration_ms -
	    TL_MARGIN_MS : 0, room, sizeof room);
	vs_secs(ps->duration_ms, len, sizeof len);
	at = rs->say.pos.line != 0 ? rs->say.pos : rs->pos;
	what = form == NULL ? _("nothing is said there") :
	    strcmp(form, "head") == 0 ?
	    _("only the step's name is said, not the instruction") :
	    _("only the short form is said, not the instruction");
	if ((w = validate_safety_word(ps->say, &wlen)) != NULL)
		diag_add(dl, DIAG_ERROR, p->routine->path, at.line, at.col,
		    _("the instruction names '%.*s' but its first %s step is "
		    "too short to say it: it takes %s to say with the step's "
		    "name, the step lasts %s (%s to speak in), so %s; "
		    "lengthen the step or shorten the text"), (int)wlen, w,
		    plan_kind_word(ps->kind), said, len, room, what);
	else
		diag_add(dl, DIAG_WARNING, p->routine->path, at.line, at.col,
		    _("the instruction takes %s to say with its step's name, "
		    "but its first %s step lasts %s (%s to speak in): %s; "
		    "shorten it or move the set-up into a position step "
		    "before it"), said, plan_kind_word(ps->kind), len, room,
		    what);
}

/* Check that every instruction of r fits its first step (validate.h). */
int
validate_speech(const struct routine *r, const struct tl_voice *voice,
    struct diag_list *dl)
{
	struct plan	 p;
	struct tl_opts	 o;
	size_t		 i, n0 = dl->n;

	if (voice == NULL || !routine_voice(r) || plan_build(r, &p) != 0)
		return 0;
	o.countdown_s = routine_countdown_s(r);
	o.halfway = routine_halfway(r);
	o.voice = voice;
	o.tones_told = 0;
	for (i = 0; i < p.n; i++)
		if (p.v[i].say != NULL && p.v[i].say[0] != '\0' &&
		    p.v[i].kind != PLAN_SWITCH && p.v[i].kind != PLAN_RELEASE &&
		    timeline_first(&p, i))
			vs_step(&p, i, &o, dl);
	plan_free(&p);
	return (int)(dl->n - n0);
}
