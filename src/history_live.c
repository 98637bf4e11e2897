/*
 * Which sessions are alive: a running knead holds a lock on its session in
 * PATH-live (the kernel drops it on any exit), and the sweep closes the
 * sessions whose process died as "interrupted", with the work they
 * recorded (history_int.h).
 */
#include "history.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "clock.h"
#include "history_int.h"
#include "xmalloc.h"

/*
 * Where no lock can say whether a running session's process is alive, it
 * counts as alive this long after its planned end or last step: longer
 * than anyone pauses a session, shorter than any rest interval.
 */
#define HISTORY_STALE_S		(6 * 3600)

/*
 * Whether session id may still be running when no lock can tell (PATH-live
 * cannot be opened, or a file system without locks, such as some NFS
 * mounts): until HISTORY_STALE_S after the later of its planned end and
 * its last recorded step. A session that died there then stops keeping
 * its areas resting for ever, and is closed as interrupted like the rest.
 */
static int
session_recent(struct history *h, int64_t id)
{
	sqlite3_stmt	*st;
	int		 recent = 1;

	if (hist_prep(h, "SELECT MAX(s.started_at + (s.planned_ms + 999) / "
	    "1000, COALESCE((SELECT MAX(ended_at) FROM steps WHERE "
	    "session_id = s.id), 0)) FROM sessions s WHERE s.id = ?1",
	    &st) != SQLITE_OK)
		return 1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		recent = clock_wall_s(h->clock) <
		    sqlite3_column_int64(st, 0) + HISTORY_STALE_S;
	sqlite3_finalize(st);
	return recent;
}

/* Does this handle run session id? */
int
hist_session_held(const struct history *h, int64_t id)
{
	size_t	i;

	for (i = 0; i < h->nheld; i++) {
		if (h->held[i] == id)
			return 1;
	}
	return 0;
}

/* Is session id run by a live process (this handle or another)? */
int
hist_session_live(struct history *h, int64_t id)
{
	struct flock	fl;

	if (hist_session_held(h, id))
		return 1;
	/* A lock file made just now (deleted meanwhile) cannot tell. */
	if (h->live_fd == -1 || h->live_fresh)
		return session_recent(h, id);
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = (off_t)id;
	fl.l_len = 1;
	if (fcntl(h->live_fd, F_OFD_GETLK, &fl) == -1 &&
	    (errno != EINVAL || fcntl(h->live_fd, F_GETLK, &fl) == -1))
		return session_recent(h, id);
	return fl.l_type != F_UNLCK;
}

/* The desk reminders' last break (see history.h). */
int
history_last_break(struct history *h, int64_t since, int64_t *at,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*at = 0;
	if ((rc = hist_prep(h, "SELECT id FROM sessions WHERE outcome = "
	    "'running'", &st)) != SQLITE_OK)
		return hist_fail(h, rc, "reading sessions", cause);
	while (*at == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (hist_session_live(h, sqlite3_column_int64(st, 0)))
			*at = INT64_MAX;
	}
	sqlite3_finalize(st);
	if (*at == INT64_MAX)
		return 0;
	if (rc != SQLITE_DONE)
		return hist_fail(h, rc, "reading sessions", cause);
	/* ran and half_done as history_sessions reads them (hist_read). */
	if ((rc = hist_prep(h, "SELECT COALESCE(MAX(s.ended_at), 0) FROM "
	    "sessions s WHERE s.ended_at >= ?1 AND s.outcome IN " RAN_OUTCOMES
	    " AND " HALF_DONE_SQL, &st)) != SQLITE_OK)
		return hist_fail(h, rc, "reading sessions", cause);
	sqlite3_bind_int64(st, 1, since);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*at = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return hist_fail(h, rc, "reading sessions", cause);
	return 0;
}

/*
 * Take the lock that says "session id is running in this process": 0, or
 * -1 with errno when the kernel refused it (ENOLCK: its lock table is
 * full). Without it any other knead takes the session for dead.
 */
int
hist_session_hold(struct history *h, int64_t id)
{
	struct flock	fl;
	int		ret = 0, err = 0;

	if (h->live_fd != -1) {
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_start = (off_t)id;
		fl.l_len = 1;
		/* Kernels before 3.15: a per-process lock does as well. */
		if ((ret = fcntl(h->live_fd, F_OFD_SETLK, &fl)) == -1 &&
		    errno == EINVAL)
			ret = fcntl(h->live_fd, F_SETLK, &fl);
		err = errno;
	}
	h->held = xreallocarray(h->held, h->nheld + 1, sizeof *h->held);
	h->held[h->nheld++] = id;
	errno = err;
	return ret == -1 ? -1 : 0;
}

/*
 * Keep this handle's sessions alive to others (issue 13): when PATH-live
 * was deleted or replaced, lock the sessions again in the file now there;
 * a session another knead closed as interrupted meanwhile, though this
 * process runs it, is running again. Inside the step's transaction.
 */
int
hist_session_reclaim(struct history *h, int64_t id)
{
	struct stat	 a, b;
	sqlite3_stmt	*st;
	char		*live;
	int64_t		*held;
	size_t		 i, n;
	int		 rc, fd;

	xasprintf(&live, "%s-live", h->path);
	if (h->live_fd != -1 && fstat(h->live_fd, &a) == 0 &&
	    (stat(live, &b) == -1 || a.st_ino != b.st_ino ||
	    a.st_dev != b.st_dev) &&
	    (fd = open(live, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) != -1) {
		close(h->live_fd);
		h->live_fd = fd;
		held = h->held;
		n = h->nheld;
		h->held = NULL;
		h->nheld = 0;
		for (i = 0; i < n; i++)
			(void)hist_session_hold(h, held[i]);
		free(held);
	}
	free(live);
	if ((rc = hist_prep(h, "UPDATE sessions SET outcome = 'running', "
	    "ended_at = NULL WHERE id = ?1 AND outcome = 'interrupted'",
	    &st)) != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Drop the lock of a session that has ended. */
void
hist_session_release(struct history *h, int64_t id)
{
	struct flock	fl;
	size_t		i;

	for (i = 0; i < h->nheld; i++) {
		if (h->held[i] != id)
			continue;
		h->held[i] = h->held[--h->nheld];
		if (h->live_fd != -1) {
			memset(&fl, 0, sizeof fl);
			fl.l_type = F_UNLCK;
			fl.l_whence = SEEK_SET;
			fl.l_start = (off_t)id;
			fl.l_len = 1;
			if (fcntl(h->live_fd, F_OFD_SETLK, &fl) == -1 &&
			    errno == EINVAL)
				(void)fcntl(h->live_fd, F_SETLK, &fl);
		}
		return;
	}
}

/*
 * Close every running session whose process is gone as "interrupted",
 * ending it at its last recorded step. Must run inside a write transaction.
 */
int
hist_close_dead(struct history *h, int *nclosed)
{
	sqlite3_stmt	*sel, *upd;
	int64_t		 id;
	int		 rc;

	*nclosed = 0;
	if ((rc = hist_prep(h, "SELECT id FROM sessions WHERE outcome = "
	    "'running'", &sel)) != SQLITE_OK)
		return rc;
	if ((rc = hist_prep(h, "UPDATE sessions SET outcome = 'interrupted', "
	    "ended_at = COALESCE((SELECT MAX(ended_at) FROM steps WHERE "
	    "session_id = ?1), started_at) WHERE id = ?1", &upd)) !=
	    SQLITE_OK) {
		sqlite3_finalize(sel);
		return rc;
	}
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		id = sqlite3_column_int64(sel, 0);
		if (hist_session_live(h, id))
			continue;
		sqlite3_bind_int64(upd, 1, id);
		if ((rc = sqlite3_step(upd)) != SQLITE_DONE)
			break;
		sqlite3_reset(upd);
		(*nclosed)++;
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Take the live-lock file (PATH-live: each running session holds a lock
 * in it) and close the sessions whose process died as interrupted.
 */
int
hist_sweep_dead(struct history *h, char **cause)
{
	char	*live;
	int	 rc;

	xasprintf(&live, "%s-live", h->path);
	h->live_fd = open(live, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (h->live_fd != -1)
		h->live_fresh = 1;	/* its sessions' locks were lost */
	else
		h->live_fd = open(live, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(live);

	if ((rc = hist_exec(h, "BEGIN IMMEDIATE")) != SQLITE_OK ||
	    (rc = hist_close_dead(h, &h->ninterrupted)) != SQLITE_OK ||
	    (rc = hist_exec(h, "COMMIT")) != SQLITE_OK) {
		rc = hist_fail(h, rc, "closing interrupted sessions", cause);
		hist_rollback(h);
		return rc;
	}
	return 0;
}

/*
 * Does a /proc/locks line hold a write lock on dev/ino over bytes
 * [start, end]? Its process id in *pid (-1: an open file's lock, which
 * names no process).
 */
static int
lock_line(const char *line, dev_t dev, ino_t ino, long long start,
    long long end, long *pid)
{
	char		 kind[16], mode[16], rw[16], endw[32];
	unsigned int	 ma, mi;
	unsigned long	 i;
	long long	 s, e;
	long		 p;

	/* "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 120 120" */
	if (sscanf(line, "%*[^:]: %15s %15s %15s %ld %x:%x:%lu %lld %31s",
	    kind, mode, rw, &p, &ma, &mi, &i, &s, endw) != 9)
		return 0;
	e = strcmp(endw, "EOF") == 0 ? LLONG_MAX : strtoll(endw, NULL, 10);
	if (strcmp(rw, "WRITE") != 0 || ma != major(dev) || mi != minor(dev) ||
	    i != (unsigned long)ino || e < start || s > end)
		return 0;
	*pid = p;
	return 1;
}

/*
 * Who holds the store's write lock (history_int.h): the kernel's list
 * of locks, read (opening the store's files here would drop SQLite's own
 * locks of this process: POSIX locks go with any close).
 */
int
hist_lock_holder(const char *path, long *pid, char *name, size_t len)
{
	/* SQLite's: the WAL writer, checkpoint and recovery bytes of the
	 * -shm file; the lock bytes of the file itself from 2^30. */
	static const struct {
		const char	*suffix;
		long long	 start, end;
	} where[] = { { "-shm", 120, 122 }, { "", 0x40000000LL,
	    0x40000000LL + 511 } };
	struct stat	 sb;
	FILE		*fp;
	char		*p, line[256];
	size_t		 k;
	int		 found = 0;

	*pid = -1;
	name[0] = '\0';
	for (k = 0; k < sizeof where / sizeof where[0] && !found; k++) {
		xasprintf(&p, "%s%s", path, where[k].suffix);
		if (stat(p, &sb) == 0 && (fp = fopen("/proc/locks", "re")) !=
		    NULL) {
			while (!found && fgets(line, sizeof line, fp) != NULL)
				found = lock_line(line, sb.st_dev, sb.st_ino,
				    where[k].start, where[k].end, pid);
			fclose(fp);
		}
		free(p);
	}
	if (!found || *pid <= 0)
		return -1;
	xasprintf(&p, "/proc/%ld/comm", *pid);
	if ((fp = fopen(p, "re")) != NULL) {
		if (fgets(name, (int)len, fp) == NULL)
			name[0] = '\0';
		name[strcspn(name, "\n")] = '\0';
		fclose(fp);
	}
	free(p);
	return 0;
}
