/*
 * outfile: write a file so that nothing partial is ever left where the
 * user asked for it. The bytes go to a temporary file beside the target,
 * which replaces it by rename(2) only once every write, the sync and the
 * close succeeded; a symbolic link is followed (the link stays, its target
 * is replaced or, when it does not exist yet, made), a replaced file keeps
 * its mode, a file with other hard links is rewritten in place from the
 * complete temporary copy (the links stay one file), and a read-only file
 * is not replaced (EACCES).
 */
#ifndef KNEAD_OUTFILE_H
#define KNEAD_OUTFILE_H

#include <sys/types.h>

struct outfile {
	char	*tmp;		/* the temporary file, beside the target */
	char	*target;	/* what it replaces: the path, or its link's */
	int	 fd;		/* open on tmp until committed or aborted */
	int	 in_place;	/* the target has other hard links */
	char	*kept;		/* see outfile_commit; the caller frees it */
};

/*
 * Open a temporary file for path. mode is a new file's (a replaced file
 * keeps its own). Returns 0, or -1 with errno set: EISDIR for a folder,
 * EINVAL for something that is not a regular file (a device, a FIFO:
 * write those directly).
 */
int	outfile_open(struct outfile *, const char *path, mode_t mode);
/*
 * Sync, close and rename over the target. 0, or -1 with errno (aborted).
 * In place (other hard links), room for the whole file is reserved before
 * its first byte changes; when a write fails after that (an I/O error),
 * the complete temporary file is kept and named in kept, for the caller
 * to tell the user: the target then holds part of it.
 */
int	outfile_commit(struct outfile *);
/* Close and remove the temporary file; the target is untouched. */
void	outfile_abort(struct outfile *);

#endif
