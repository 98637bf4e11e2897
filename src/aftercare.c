/*
 * Aftercare words (see aftercare.h). The advice is DOMAIN.md section 2,
 * "Frequency, rest and soreness":
 * - soreness after deep work "starts hours later, peaks ~24 h, usually gone
 *   by 48-72 h and should fade, not grow" (biologyinsights.com, "Is it
 *   normal to be sore after a deep tissue massage", [LAY]);
 * - "soreness/bruise next day = too much" (Davies-style self-treatment,
 *   naokootanilmt.blogspot.com, [LAY]);
 * - post-massage soreness may be mild rhabdomyolysis; severe cases showed
 *   tea-coloured urine and haematomas (painscience.com, "Poisoned by
 *   massage", [CLIN]; percussion-gun case report, PMID 33156927, [case]);
 * - the app's defaults: soreness past 72 h, or growing, means a clinician
 *   ("Soreness check-in next session: if soreness > 72 h or increasing ->
 *   block the area and advise clinician"): the follow-up check-in
 *   (history_after.c) asks "Is it still sore?" and says so.
 */
#include "aftercare.h"

#include <stdio.h>
#include <string.h>

#include "areas.h"
#include "history.h"
#include "i18n.h"

/*
 * The screen's, translated at use (_()). The first line reassures: after
 * a halt or a pain stop aftercare_halted_line takes its place (run_text.c).
 */
const char *const aftercare_halted_line =
	N_("Aftercare: watch every area you worked over the next days.");

const char *const aftercare_lines[] = {
	N_("Aftercare: some soreness where you worked is normal for a day or "
	"two, like after exercise; it should fade, not grow."),
	N_("A bruise, or soreness that is worse the next day, means the "
	"pressure was too high: go lighter next time."),
	N_("See a doctor if it is still getting worse after 2 days or lasts "
	"more than 3, and at once for dark (tea-coloured) urine, marked "
	"swelling or weakness."),
	NULL
};

/*
 * Said in the routine's language (i18n_in, context "spoken"): what the
 * screen's lines say, nothing left out (the eyes-free tester heard less
 * than the screen showed: no time limits, no "at once").
 */
const char *const aftercare_spoken = NC_("spoken",
	"Some soreness for a day or two is normal; it should fade, not grow. "
	"A bruise means the pressure was too high: go lighter next time. "
	"See a doctor if it still gets worse after two days or lasts more "
	"than three, and at once for dark urine, marked swelling or "
	"weakness.");

const char *const aftercare_scale =
	N_("0 as before or better ... 10 much worse");

void
aftercare_question(const struct after_area *a, char *buf, size_t len)
{
	char	label[160];

	area_side_label(a->area, a->side, label, sizeof label);
	if (a->followup) {
		snprintf(buf, len, _("%s: is it still sore? Last time you "
		    "said %d/10; how does it feel now, compared with before "
		    "that session?"), label, a->previous);
		return;
	}
	/* "that area": one verb for "calves" and "upper trapezius". */
	snprintf(buf, len, _("%s: how does that area feel today, compared "
	    "with before you last worked it?"), label);
}

/* The verdict of the check-ins: a block, or a block cleared. */
static int
followup_verdict(const struct after_due *d, const int *ratings, char *buf,
    size_t len)
{
	char	label[160];
	size_t	i;

	for (i = 0; ratings != NULL && i < d->n; i++) {
		if (!d->v[i].followup || !d->v[i].blocks)
			continue;
		area_side_label(d->v[i].area, d->v[i].side, label, sizeof label);
		snprintf(buf, len, _("The %s is still sore (%d/10) %s: soreness "
		    "after massage should fade within 72 h, not last or grow. "
		    "knead will not work this area until you answer a later "
		    "check-in below 4/10. See a doctor or physiotherapist "
		    "before working it again."), label, ratings[i],
		    ratings[i] > d->v[i].previous ? _("and getting worse") :
		    _("more than 72 h after the session"));
		return 1;
	}
	for (i = 0; ratings != NULL && i < d->n; i++) {
		if (!d->v[i].followup || !d->v[i].blocked || ratings[i] < 0 ||
		    ratings[i] >= SORE_RATING)
			continue;
		area_side_label(d->v[i].area, d->v[i].side, label, sizeof label);
		snprintf(buf, len, _("Good: the %s is better (%d/10), it can "
		    "be worked again. Go gently at first."), label, ratings[i]);
		return 1;
	}
	return 0;
}

void
aftercare_verdict(const struct after_due *d, const int *ratings, char *buf,
    size_t len)
{
	char	label[160];
	size_t	i, worst = 0;
	int	any = 0, top = -1;

	buf[0] = '\0';
	if (followup_verdict(d, ratings, buf, len))
		return;
	for (i = 0; ratings != NULL && i < d->n; i++) {
		if (ratings[i] < 0)
			continue;
		any = 1;
		if (ratings[i] > top) {
			top = ratings[i];
			worst = i;
		}
	}
	if (!any)
		return;
	if (top < AFTER_WORSE) {
		snprintf(buf, len, "%s", _("Thank you: noted in your "
		    "history."));
		return;
	}
	area_side_label(d->v[worst].area, d->v[worst].side, label, sizeof label);
	/* The area first would need its number ("rhomboids is"). */
	snprintf(buf, len, _("Much worse than before (%d/10) on the %s: "
	    "choose a gentler routine or rest that area longer before "
	    "working it again. If it keeps getting worse, or you see dark "
	    "urine or swelling, see a doctor."), top, label);
}
