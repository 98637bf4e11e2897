/*
 * The desk index: a small cache for `knead status --line`, which tmux runs
 * every few seconds and which must stay under 5 ms (issue 16). It holds
 * each valid routine's id, file, plan length and desk tag, so that a line
 * reads the one or two routine files it needs instead of the whole library.
 *
 * It lives in $XDG_CACHE_HOME/knead/desk-index (~/.cache/knead), keyed by
 * the knead binary (version, size, times) and every file of every routine
 * folder (path, size, times, inode), and checksummed. It is rebuilt when
 * the key differs or the file is damaged, written atomically, and not
 * written when a routine file changed in the last two seconds (a change in
 * the same clock tick would not show in its times). Unwritable: silently
 * not written. It is trusted for nothing but this line, and even there
 * each file it names is read and validated again before use; any surprise
 * (a file gone, invalid, another id) falls back to the whole library.
 */
#ifndef KNEAD_DESKIDX_H
#define KNEAD_DESKIDX_H

#include <stddef.h>
#include <stdint.h>

struct desk_pick;
struct history;
struct lib_file;
struct library;

struct deskidx_entry {
	char		*id;		/* owned */
	char		*path;		/* owned */
	const char	*origin;	/* "bundled", "user", "dir" */
	uint64_t	 total_ms;	/* UINT64_MAX when it has no plan */
	int		 desk;		/* tagged desk */
};

/* The valid routines, desk ones in desk_pick's order (shortest first). */
struct deskidx {
	uint64_t		 key;
	struct deskidx_entry	*v;
	size_t			 n;
};

/* $XDG_CACHE_HOME/knead/desk-index; NULL with no home. Static buffer. */
const char	*deskidx_path(void);
/*
 * $XDG_CACHE_HOME/knead/NAME (else ~/.cache/knead/NAME) in buf, for every
 * cache file of knead's; NULL with neither set to an absolute path.
 */
const char	*deskidx_cache_file(const char *name, char *buf, size_t len);
/*
 * The key of the files (library_files' list) and the running binary.
 * *racy set when a file was modified in the last two seconds (or later
 * than now): an index of them is not written.
 */
uint64_t	 deskidx_key(const struct lib_file *, size_t n, int64_t now,
		    int *racy);
/* Build the index of a loaded library. */
void		 deskidx_build(struct library *, uint64_t key,
		    struct deskidx *);
/* Read it: 0, or -1 when missing, damaged or of another key. */
int		 deskidx_read(const char *path, uint64_t key,
		    struct deskidx *);
/* Write it atomically (folders made): 0, or -1. */
int		 deskidx_write(const char *path, const struct deskidx *);
void		 deskidx_free(struct deskidx *);

/*
 * desk_pick (desk.h) through the index at path (NULL: none): lib holds
 * the --routines folders and no entries; it gets the entries read (all of
 * them when the index is missing, stale or wrong, which rebuilds it).
 * Same answer as desk_pick. 0, or -1 with *cause on a store error.
 */
int		 deskidx_pick(const char *path, struct history *,
		    struct library *lib, const char *named, struct desk_pick *,
		    char **cause);
/*
 * The same with the key of lib's files given (deskidx_lib_key), racy when
 * a file changed in the last two seconds (then no index is written).
 */
int		 deskidx_pick_key(const char *path, uint64_t key, int racy,
		    struct history *, struct library *lib, const char *named,
		    struct desk_pick *, char **cause);
/* deskidx_key of the files lib would read (its folders listed). */
uint64_t	 deskidx_lib_key(const struct library *lib, int64_t now,
		    int *racy);

/* Helpers shared with the status line's cache (deskline.h). */
/* FNV-1a 64 of n bytes at p, continuing from h. */
uint64_t	 deskidx_hash(uint64_t h, const void *p, size_t n);
#define DESKIDX_HASH0	0xcbf29ce484222325ULL
/*
 * Mix one file's identity into h: path, origin and what stat says of it
 * (size, mtime to the nanosecond, inode, device; with DESKIDX_CTIME also
 * the ctime and mode; or the errno). *racy set when it was modified in the
 * last two seconds or later than now: a change within the same clock tick
 * would not show in its times. Without DESKIDX_CTIME for files whose ctime
 * changes on a mere read: SQLite's read-only open chowns the -wal file.
 */
#define DESKIDX_CTIME	0x1
#define DESKIDX_RACY_S	2	/* seconds a change could hide in */
uint64_t	 deskidx_key_file(uint64_t h, const char *path,
		    const char *origin, int64_t now, int *racy, int flags);
/* Make path's parent folder and its parent (the cache home), 0700. */
int		 deskidx_make_dirs(const char *path);
/*
 * The caches' one file form: text (len bytes of lines), then "sum HEX16\n",
 * the FNV-1a 64 of every byte before it. deskidx_seal writes it atomically
 * (folders made, mode 0600): 0, or -1. deskidx_unseal reads it back: the
 * text NUL-terminated without its last newline and the sum line (*len its
 * length; caller frees), or NULL when the file is not ours (a link, not a
 * regular file, another user's), max bytes or more, holds a NUL byte, does
 * not end in a newline or its sum is wrong.
 */
int		 deskidx_seal(const char *path, const char *text, size_t len);
char		*deskidx_unseal(const char *path, size_t max, size_t *len);

#endif
