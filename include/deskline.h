/*
 * The status line's answer, cached (issue 16: `knead status --line` under
 * 5 ms). Opening the SQLite store alone costs about 2 ms over an empty
 * process (its library initialised, the schema parsed, the WAL index set
 * up), so a line that asks the store every time cannot be that fast. The
 * answer is a few facts (the routine ready, or when the soonest can run,
 * and the last break) that stay true until one of three things happens:
 *
 *   - the store changes (a session begins or ends): the key holds what
 *     stat says of the store, its -wal, -journal and -live files;
 *   - the library or the binary changes (a routine installed, edited or
 *     removed): the key holds the desk index's key;
 *   - the clock passes a rest deadline, or the next break falls due
 *     (desk_break_due): the facts are valid from "at" to before "until".
 *
 * The reminder settings are in the key too (stat of remind.conf). It is
 * not written when one of those files changed in the last two seconds (a
 * change in the same clock tick would not show), nor when the answer can
 * change on its own (a session stored as running: its process may die; a
 * block that lasts until a check-in; the clock behind the store). The
 * words are made at each run from the facts, in the screen's language.
 *
 * $XDG_CACHE_HOME/knead/status-line, text, checksummed, written
 * atomically; any surprise means the store is read as before.
 */
#ifndef KNEAD_DESKLINE_H
#define KNEAD_DESKLINE_H

#include <stddef.h>
#include <stdint.h>

#define DESKLINE_MAX_S	3600	/* never trusted longer than this */

struct deskline {
	int64_t	at;		/* computed then (wall clock, s) */
	int64_t	until;		/* valid before this */
	char	pick[128];	/* the routine ready; "" none */
	int64_t	ready_at;	/* pick "": when one can run (0: never) */
	int64_t	last;		/* desk_last_break then (0: none, */
				/* INT64_MAX: a session running) */
};

/* $XDG_CACHE_HOME/knead/status-line; NULL with no home. Static buffer. */
const char	*deskline_path(void);
/*
 * The key: the library's (deskidx_lib_key), the store at db and its side
 * files, and the reminder settings at conf. *racy set as deskidx_key_file
 * says.
 */
uint64_t	 deskline_key(uint64_t libkey, const char *db,
		    const char *conf, int64_t now, int *racy);
/* Read it: 0 when it is whole, of key, and valid at now; else -1. */
int		 deskline_read(const char *path, uint64_t key, int64_t now,
		    struct deskline *);
/* Write it atomically (folders made): 0, or -1. */
int		 deskline_write(const char *path, uint64_t key,
		    const struct deskline *);
/* Whether facts computed at "at" hold at now (pure: tests). */
int		 deskline_valid(const struct deskline *, int64_t now);

#endif
