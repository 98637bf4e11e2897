/*
 * The reserve (issue 13): room kept on the store's disk for the work of a
 * session in progress. A running session writes each step as it ends; a
 * disk that fills in the middle would otherwise leave its row "running",
 * closed at the next start as interrupted with none of the work done.
 *
 * PATH-reserve is a file of HISTORY_RESERVE_BYTES, allocated (not sparse)
 * when a session begins and the disk has the room. When a step, a rating
 * or the end cannot be written because the disk (or the user's quota) is
 * full, the reserve is deleted, its blocks go back to the file system, and
 * the write is tried again at once: SQLite's WAL grows into them. It is
 * made again at a later session's start once there is room. All the data
 * stays in SQLite; the reserve holds nothing but zeros.
 */
#include "history.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "history_int.h"
#include "xmalloc.h"

/* Is SQLite's failure rc (errno sys_errno under it) a full disk? */
int
history_full_fault(int rc, int sys_errno)
{
	if ((rc & 0xff) == SQLITE_FULL)
		return 1;
	/* A file SQLite could not make or grow, or a quota: an I/O error. */
	return (rc & 0xff) == SQLITE_IOERR &&
	    (sys_errno == ENOSPC || sys_errno == EDQUOT);
}

/* The reserve's path; caller frees. */
static char *
reserve_path(const struct history *h)
{
	char	*p;

	xasprintf(&p, "%s-reserve", h->path);
	return p;
}

/* Make PATH-reserve when it is missing and the disk has room (history.h). */
int
history_reserve_keep(struct history *h)
{
	struct stat	 sb;
	char		*p;
	int		 fd, err, ret = 0;

	if (h == NULL || h->db == NULL || h->path == NULL ||
	    sqlite3_db_filename(h->db, "main") == NULL ||
	    sqlite3_db_filename(h->db, "main")[0] == '\0')
		return 0;	/* in memory: nothing to keep */
	p = reserve_path(h);
	if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_blocks * 512 >= HISTORY_RESERVE_BYTES) {
		free(p);
		return 0;
	}
	/* A short one (a crash while it was made) is made again. */
	if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode))
		(void)unlink(p);
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd == -1) {
		free(p);
		return -1;
	}
	/* Real blocks: a sparse file would free nothing. */
	if ((err = posix_fallocate(fd, 0, HISTORY_RESERVE_BYTES)) != 0) {
		(void)unlink(p);
		errno = err;
		ret = -1;
	}
	close(fd);
	free(p);
	return ret;
}

/*
 * The folder's entries to the disk: a file system with a journal (ext4)
 * hands the blocks of a deleted file back only once the deletion is
 * committed, and the retry must find them.
 */
static void
sync_folder(const char *path)
{
	char	*dir, *s;
	int	 fd;

	dir = xstrdup(path);
	if ((s = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else if (s == dir)
		s[1] = '\0';
	else
		*s = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/*
 * A write failed with rc (SQLite's errno sys_errno): when the disk is full
 * and the reserve is there, delete it; 1 when space was freed, so that the
 * caller tries the write again.
 */
int
hist_reserve_spend(struct history *h, int rc, int sys_errno)
{
	char	*p;
	int	 freed;

	if (!history_full_fault(rc, sys_errno))
		return 0;
	p = reserve_path(h);
	freed = unlink(p) == 0;
	if (freed) {
		sync_folder(p);
		h->reserve_spent = 1;
	}
	free(p);
	return freed;
}

/* Was the reserve spent by this handle (history.h)? */
int
history_reserve_spent(const struct history *h)
{
	return h != NULL && h->reserve_spent;
}
