/*
 * The history export (export.c): every session as the store holds it, one
 * JSON object per line after a header line, for `knead history --export`,
 * `knead import` and `knead report --from-export`. No SQLite here: the
 * store reads and merges these records in history_sync.c.
 *
 * Each session carries a stable unique id (made when it was recorded and
 * kept on every machine it is imported into); each step's id is the
 * session's id and the step's place in it ("ID-1", "ID-2"...).
 *
 * A file is read whole before anything is used: a line that is not JSON,
 * a field of the wrong type or out of its range, a line longer than
 * EXPORT_MAX_LINE, a session dated after the reading machine's clock, one
 * longer than a year, more work than a session lasted or a newer format
 * refuses the file with its line number.
 * Control characters in text (an escape sequence in a title) are masked
 * as '?' when read.
 */
#ifndef KNEAD_EXPORT_H
#define KNEAD_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Format 2 (schema 6): the outcome "screened-out" (format 1 wrote
 * "stopped" for it; such sessions are read back as screened-out), each
 * limit's "rule", and the day-after ratings ("day_after", and
 * "day_after_asked" when the question was asked). Format 1 files are
 * still read.
 *
 * Format 3 (schema 7): a limit's rule may be "sore" (format 2 wrote "rest"
 * for it) or "still-sore", and a session carries its follow-up check-ins
 * ("checkins"). Formats 1 and 2 are still read; a knead that reads only 2
 * refuses a format 3 file as newer instead of failing on a word.
 */
#define EXPORT_FORMAT		3
/* What a knead export's header says it is. */
#define EXPORT_KIND		"knead-history"
#define EXPORT_MAX_LINE		(1024 * 1024)

struct export_step {
	int64_t		 idx;
	char		*kind;
	char		*area;		/* NULL: none */
	char		*side;		/* "left", "right", "" */
	int		 is_work;
	int64_t		 planned_ms, done_ms;
	int		 pressure;	/* -1: none */
	int		 pain;		/* -1: none */
	int64_t		 ended_at;
};

struct export_area {
	char		*area;
	char		*side;
	int64_t		 planned_ms, done_ms;
};

struct export_limit {
	char		*action;	/* refused, overridden, skipped */
	char		*area;		/* NULL: the per-week cap */
	char		*side;
	int64_t		 free_at;
	int		 clock_behind;
	char		*rule;		/* NULL: not recorded (format 1) */
};

struct export_after {		/* a day-after rating (format 2) */
	char		*area;
	char		*side;
	int64_t		 rating;
	int64_t		 rated_at;
};

struct export_checkin {		/* a follow-up check-in (format 3) */
	char		*area;
	char		*side;
	int64_t		 rating;	/* -1: skipped */
	int64_t		 asked_at;
	int		 blocks;	/* the answer blocked the area */
};

struct export_answer {
	int64_t		 idx;
	char		*question;
	char		*answer;
};

/* One session as stored (the columns of the sessions table). */
struct export_session {
	char		*uid;
	char		*routine_id;
	char		*title;		/* NULL: none */
	char		*file_hash;	/* NULL: none */
	int64_t		 started_at;	/* unix s, UTC */
	int64_t		 ended_at;	/* a session still running is not */
					/* exported */
	char		*outcome;	/* the stored word */
	int64_t		 rest_s, per_week;
	int		 strict;
	int64_t		 planned_ms;
	char		*override_reason;
	int		 hw_present;
	int64_t		 hw_per_week;	/* -1: none */
	char		*hw_from, *hw_until, *hw_by, *hw_for, *hw_note;
	char		*halt_why;	/* halt_why.h's word, NULL: none */
	struct export_step *steps;
	size_t		 nsteps;
	struct export_area *areas;
	size_t		 nareas;
	struct export_limit *limits;
	size_t		 nlimits;
	struct export_answer *answers;
	size_t		 nanswers;
	struct export_after *afters;
	size_t		 nafters;
	struct export_checkin *checkins;
	size_t		 ncheckins;
	int64_t		 after_asked_at;	/* 0: never asked */
};

/* Write the header and one line per session; -1 on a write error. */
int	export_write(FILE *, const struct export_session *, size_t n,
	    int64_t now);
/*
 * Read a whole export from fp (named name in messages). Returns 0 with the
 * sessions in *out (free with export_free), or -1 with "NAME:LINE: why"
 * in *cause (caller frees); *newer is set when the file's format is newer
 * than this knead reads. now is the reading machine's clock (unix s): a
 * session that starts or ends, or a step, rating or check-in dated, more
 * than a day after it is refused (a recording machine's wrong date would
 * hold its areas until then); 0 checks no date against a clock.
 */
int	export_read(FILE *, const char *name, int64_t now,
	    struct export_session **out, size_t *n, int *newer, char **cause);
/* The same from memory (the fuzz target). */
int	export_read_mem(const char *buf, size_t len, const char *name,
	    int64_t now, struct export_session **out, size_t *n, int *newer,
	    char **cause);
/* The first screening answer "yes" (a red flag): its index, or nanswers. */
size_t	export_first_yes(const struct export_session *);
void	export_free(struct export_session *, size_t n);

#endif
