/*
 * `knead status --line`: its arguments, its kept answer, its words. Shared
 * by the front (main.c answers from the kept answer without loading the
 * core) and the command (cmd_remind.c, which computes the facts from the
 * store when the kept answer does not hold).
 */
#ifndef KNEAD_STATUSLINE_H
#define KNEAD_STATUSLINE_H

#include <stdint.h>

#include "desk.h"
#include "deskline.h"
#include "library.h"

struct statusline {
	const char		*db;		/* the store (KNEAD_DB, XDG) */
	char			*def;		/* db when it is the default */
	struct library		 lib;		/* folders only, not loaded */
	struct remind_conf	 conf;
	int			 have_conf;
	int64_t			 now;
	uint64_t		 libkey, key;
	int			 libracy, racy;
	struct deskline		 dl;
};

/*
 * Whether argv (from "status") asks for the line and nothing else: --line
 * with only --db and --routines beside it (--help or an unknown option is
 * answered by the core, as for any command).
 */
int	statusline_asked(int argc, char **argv);
/*
 * Parse the line's arguments (--db, --routines; others ignored: it never
 * fails) and compute the keys at now: 0, or -1 when there is no store to
 * name (no HOME), or the store named with --db or KNEAD_DB cannot be read
 * (the default one may be missing: nothing recorded yet): nothing to say,
 * not even from the kept answer; the line is empty (the front says so
 * without the core). statusline_end() in every case.
 */
int	statusline_begin(struct statusline *, int argc, char **argv);
/* The kept answer, when it holds: 0 (sl->dl set), else -1. */
int	statusline_kept(struct statusline *);
/* The line's words from sl->dl, in the screen's language. */
void	statusline_print(const struct statusline *);
void	statusline_end(struct statusline *);

#endif
