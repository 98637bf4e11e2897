/*
 * The home screen's kept index (issue 14, "first frame"): what the home
 * screen's first frame shows, kept from the last full start so that the
 * next start draws that frame before the library is parsed and validated
 * and before the store is opened. Then the normal start runs (library,
 * store, the real frame replaces this one).
 *
 * It holds how many routine files could not be loaded (and the command
 * that says why), each valid routine's row (title, minutes, areas, tools,
 * the homework mark), the detail pane's parts (summary, intensity, strict,
 * the plan's areas and sides, the homework text) and the rest state as
 * stored facts: every resting entry with its deadline (free_at), for the
 * resting list and for each routine's own check. Whether something still
 * rests is decided when the frame is drawn, from those deadlines and the
 * clock then (homeidx_holds_at): a routine that became ready while the
 * index was kept shows ready.
 *
 * $XDG_CACHE_HOME/knead/home-index, text, checksummed, written
 * atomically after a full start. Its key: this binary, every routine
 * folder and file (device, inode, size, mtime to the nanosecond, ctime),
 * the store and its -wal, -journal and -live files, and the language and
 * time zone of the texts. A missing, stale, foreign or damaged index is
 * not used. It only draws: nothing is run, refused or allowed from it.
 */
#ifndef KNEAD_HOMEIDX_H
#define KNEAD_HOMEIDX_H

#include <stddef.h>
#include <stdint.h>

struct area;
struct library;
struct resting;

/* One area and side of a plan, first occurrence of each (area, work). */
struct homeidx_place {
	const struct area	*area;
	int			 side;		/* enum side */
	int			 work;		/* a work step, not a stretch */
};

/* One routine's row and pane. */
struct homeidx_row {
	char			*title;
	char			*areas;		/* the row's areas text */
	char			*tools;
	char			*summary;	/* NULL: none */
	char			*homework;	/* the pane's text, NULL: none */
	uint64_t		 total_ms;
	int			 mark;		/* homework first, "* " */
	int			 intensity;	/* enum intensity */
	int			 strict;
	struct homeidx_place	*place;
	size_t			 nplace;
	struct resting		*chk;		/* its check: what held it */
	size_t			 nchk;
};

struct homeidx {
	uint64_t		 key;
	int64_t			 at;		/* computed then (wall, s) */
	int			 dated;		/* texts of that day only */
	struct homeidx_row	*v;
	size_t			 n;
	struct resting		*rest;		/* history_resting then */
	size_t			 nrest;
	size_t			 nbad;		/* routine files not loaded */
	char			*badhow;	/* the command that says why */
};

/* $XDG_CACHE_HOME/knead/home-index; NULL with no home. Static buffer. */
const char	*homeidx_path(void);
/*
 * The key of what the first frame is made of: the library's files and
 * folders (lib's --routines folders too), the store at db (NULL: no key,
 * 0) and its side files, the language. *racy set when one of them changed
 * in the last two seconds: an index of them is not written.
 */
uint64_t	 homeidx_key(const struct library *, const char *db,
		    int64_t now, int *racy);
/*
 * The key when this process has just written and closed the store (the
 * home screen's exit after a session): as homeidx_key, but a store file
 * changed in the last two seconds is not racy once that change is
 * HOMEIDX_SETTLE_NS old on a file system that keeps finer times than
 * seconds (a non-zero tv_nsec): a later write then has a later mtime.
 * Sleeps up to HOMEIDX_SETTLE_NS for that; clock c gives the time.
 */
#define HOMEIDX_SETTLE_NS	30000000
struct clock;
uint64_t	 homeidx_key_settled(const struct library *, const char *db,
		    const struct clock *c, int *racy);
/* Read it: 0 when whole, of key, and usable at now; else -1. */
int		 homeidx_read(const char *path, uint64_t key, int64_t now,
		    struct homeidx *);
/* Write it atomically (folders made): 0, or -1. */
int		 homeidx_write(const char *path, const struct homeidx *);
void		 homeidx_free(struct homeidx *);
/*
 * Whether an index made at idx->at can be drawn at now: not with the
 * clock set back, nor on another day when its texts are dated.
 */
int		 homeidx_usable(const struct homeidx *, int64_t now);
/*
 * The entries of in that still hold at now (a block holds until a
 * check-in; the others until their free_at), into *out (caller frees).
 * Returns the count.
 */
size_t		 homeidx_holds_at(const struct resting *in, size_t n,
		    int64_t now, struct resting **out);

#endif
