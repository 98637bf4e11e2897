/*
 * A homework's terms in words for the screen, and its end (see
 * homework.h).
 */
#include "homework.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "routine.h"

/* A homework's period and weekly target, the parts asked for it has. */
const char *
homework_terms(const struct homework *hw, int parts, char *buf, size_t len)
{
	size_t	n;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if ((parts & HOMEWORK_PERIOD) && (hw->from.s != NULL ||
	    hw->until.s != NULL)) {
		/* TRANSLATORS: a homework's first and last days, or "?". */
		snprintf(buf, len, _("%s to %s"), hw->from.s != NULL ?
		    hw->from.s : "?", hw->until.s != NULL ? hw->until.s : "?");
	}
	if ((parts & HOMEWORK_TARGET) && hw->per_week.set) {
		n = strlen(buf);
		if (n > 0) {
			snprintf(buf + n, len - n, ", ");
			n = strlen(buf);
		}
		snprintf(buf + n, len - n, ngettext("%lld session a week",
		    "%lld sessions a week", (unsigned long)hw->per_week.v),
		    (long long)hw->per_week.v);
	}
	return buf;
}

/* Is hw's last day past on day? */
int
homework_ended(const struct homework *hw, int64_t day)
{
	return hw->until_day.set && day > hw->until_day.v;
}

/* Is day hw's last day? */
int
homework_last_day(const struct homework *hw, int64_t day)
{
	return hw->until_day.set && day == hw->until_day.v;
}
