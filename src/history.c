/*
 * The history store: one SQLite file holding every session, its steps as
 * they finish, and every rest-limit decision (refusal, override, skip).
 *
 * Crash safety comes from SQLite itself (WAL, one transaction per write):
 * the session row is written when the session starts and each step is
 * committed as it ends, so a kill -9 loses at most the step in progress.
 * A session whose process died is found at the next open (its lock in
 * PATH-live is gone) and closed as "interrupted" with the work it recorded.
 *
 * The store is never replaced or rewritten in place: a file this program
 * cannot use (locked, read-only, damaged, from a newer knead, not ours) is
 * left exactly as it was and reported: -1 and a cause, as every function
 * here fails (the commands choose the exit code).
 */
#include "history.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "areas.h"
#include "clock.h"
#include "dates.h"
#include "history_int.h"
#include "plan.h"
#include "routine.h"
#include "xmalloc.h"

#define HISTORY_APP_ID		0x6b6e6164	/* "knad" */
#define HISTORY_BUSY_MS		3000
#define WEEK_S			(7 * 86400)
/*
 * Where no lock can say whether a running session's process is alive, it
 * counts as alive this long after its planned end or last step: longer
 * than anyone pauses a session, shorter than any rest interval.
 */
#define HISTORY_STALE_S		(6 * 3600)

/*
 * Schema version 1, as the first knead wrote it: times in seconds, no
 * record of plans, limits or answers. Kept so that migrations are tested
 * from a real v1 file.
 */
static const char schema_v1[] =
	"CREATE TABLE sessions ("
	" id INTEGER PRIMARY KEY,"
	" routine TEXT NOT NULL,"
	" started INTEGER NOT NULL,"
	" ended INTEGER,"
	" outcome TEXT NOT NULL DEFAULT 'running');"
	"CREATE TABLE steps ("
	" session INTEGER NOT NULL REFERENCES sessions(id),"
	" idx INTEGER NOT NULL,"
	" kind TEXT NOT NULL,"
	" area TEXT,"
	" side TEXT,"
	" planned_s INTEGER NOT NULL,"
	" done_s INTEGER NOT NULL,"
	" pain INTEGER,"
	" PRIMARY KEY (session, idx));";

/* The tables of version 2 (3 adds indexes, 4 the homework columns); times
 * are unix seconds UTC, work in ms. */
#define SCHEMA_V2_TABLES \
	"CREATE TABLE sessions (" \
	" id INTEGER PRIMARY KEY," \
	" routine_id TEXT NOT NULL," \
	" title TEXT," \
	" file_hash TEXT," \
	" started_at INTEGER NOT NULL," \
	" ended_at INTEGER," \
	" outcome TEXT NOT NULL DEFAULT 'running' CHECK (outcome IN" \
	"  ('running', 'completed', 'stopped', 'halted', 'interrupted'," \
	"   'refused'))," \
	" rest_s INTEGER NOT NULL DEFAULT 0," \
	" per_week INTEGER NOT NULL DEFAULT 0," \
	" strict INTEGER NOT NULL DEFAULT 0," \
	" planned_ms INTEGER NOT NULL DEFAULT 0," \
	" override_reason TEXT);" \
	"CREATE INDEX sessions_routine ON sessions (routine_id, started_at);" \
	"CREATE INDEX sessions_outcome ON sessions (outcome);" \
	"CREATE TABLE session_areas (" \
	" session_id INTEGER NOT NULL REFERENCES sessions (id)" \
	"  ON DELETE CASCADE," \
	" area TEXT NOT NULL," \
	" side TEXT NOT NULL DEFAULT ''," \
	" planned_ms INTEGER NOT NULL," \
	" done_ms INTEGER NOT NULL DEFAULT 0," \
	" PRIMARY KEY (session_id, area, side));" \
	"CREATE INDEX session_areas_area ON session_areas (area, side);" \
	"CREATE TABLE steps (" \
	" id INTEGER PRIMARY KEY," \
	" session_id INTEGER NOT NULL REFERENCES sessions (id)" \
	"  ON DELETE CASCADE," \
	" idx INTEGER NOT NULL," \
	" kind TEXT NOT NULL," \
	" area TEXT," \
	" side TEXT NOT NULL DEFAULT ''," \
	" is_work INTEGER NOT NULL DEFAULT 0," \
	" planned_ms INTEGER NOT NULL," \
	" done_ms INTEGER NOT NULL," \
	" pressure INTEGER," \
	" pain INTEGER," \
	" ended_at INTEGER NOT NULL);" \
	"CREATE INDEX steps_session ON steps (session_id, idx);" \
	"CREATE TABLE limit_events (" \
	" session_id INTEGER NOT NULL REFERENCES sessions (id)" \
	"  ON DELETE CASCADE," \
	" action TEXT NOT NULL CHECK (action IN" \
	"  ('refused', 'overridden', 'skipped'))," \
	" area TEXT," \
	" side TEXT NOT NULL DEFAULT ''," \
	" free_at INTEGER NOT NULL," \
	" clock_behind INTEGER NOT NULL DEFAULT 0);" \
	"CREATE INDEX limit_events_session ON limit_events (session_id);" \
	"CREATE TABLE screen_answers (" \
	" session_id INTEGER NOT NULL REFERENCES sessions (id)" \
	"  ON DELETE CASCADE," \
	" idx INTEGER NOT NULL," \
	" question TEXT NOT NULL," \
	" answer TEXT NOT NULL," \
	" PRIMARY KEY (session_id, idx));"

/*
 * Version 1 to 2: rename the old tables, create the new ones, copy every
 * session and step (seconds become milliseconds; v1 had one rest policy,
 * 24 h, so that is the rest recorded for its sessions), rebuild the
 * per-area work from the steps, and drop the old tables.
 */
static const char migrate_v1_v2[] =
	"ALTER TABLE sessions RENAME TO sessions_v1;"
	"ALTER TABLE steps RENAME TO steps_v1;"
	SCHEMA_V2_TABLES
	"INSERT INTO sessions (id, routine_id, title, started_at, ended_at,"
	" outcome, rest_s, planned_ms)"
	" SELECT s.id, s.routine, s.routine, s.started, s.ended,"
	"  CASE WHEN s.outcome IN ('running', 'completed', 'stopped', 'halted',"
	"   'interrupted', 'refused') THEN s.outcome ELSE 'stopped' END,"
	"  86400,"
	"  (SELECT COALESCE(SUM(planned_s), 0) * 1000 FROM steps_v1"
	"   WHERE session = s.id)"
	" FROM sessions_v1 s;"
	"INSERT INTO steps (session_id, idx, kind, area, side, is_work,"
	" planned_ms, done_ms, pain, ended_at)"
	" SELECT t.session, t.idx, t.kind, t.area, COALESCE(t.side, ''),"
	"  t.kind IN ('press', 'roll', 'contract-relax') AND t.area IS NOT "
	"NULL,"
	"  t.planned_s * 1000, t.done_s * 1000, t.pain,"
	"  COALESCE(s.ended, s.started)"
	" FROM steps_v1 t JOIN sessions_v1 s ON s.id = t.session"
	" ORDER BY t.session, t.idx;"
	"INSERT INTO session_areas (session_id, area, side, planned_ms, "
	"done_ms)"
	" SELECT session_id, area, side, SUM(planned_ms), SUM(done_ms)"
	" FROM steps WHERE is_work GROUP BY session_id, area, side;"
	"DROP TABLE steps_v1;"
	"DROP TABLE sessions_v1;";

/*
 * Version 2 to 3: indexes so that rest checks read only recent sessions
 * (history_begin stays at a few milliseconds with 10,000 sessions).
 */
static const char migrate_v2_v3[] =
	"CREATE INDEX sessions_ended ON sessions (ended_at);"
	"CREATE INDEX sessions_rest ON sessions (rest_s);";

/*
 * Version 3 to 4: the homework block as it was when each session started
 * (NULL: not homework), so a report keeps the therapist's target and dates
 * after the routine file is changed or deleted.
 */
static const char migrate_v3_v4[] =
	"ALTER TABLE sessions ADD COLUMN hw_per_week INTEGER;"
	"ALTER TABLE sessions ADD COLUMN hw_from TEXT;"
	"ALTER TABLE sessions ADD COLUMN hw_until TEXT;"
	"ALTER TABLE sessions ADD COLUMN hw_by TEXT;"
	"ALTER TABLE sessions ADD COLUMN hw_for TEXT;"
	"ALTER TABLE sessions ADD COLUMN hw_note TEXT;"
	"ALTER TABLE sessions ADD COLUMN hw_present INTEGER NOT NULL "
	"DEFAULT 0;";

/*
 * Version 4 to 5: a unique id for every session, the same on every machine
 * it is exported to and imported into (history_sync.c): given to the
 * sessions there are, and to each new one by a trigger, whoever inserts.
 */
static const char migrate_v4_v5[] =
	"ALTER TABLE sessions ADD COLUMN uid TEXT;"
	"UPDATE sessions SET uid = lower(hex(randomblob(16)));"
	"CREATE UNIQUE INDEX sessions_uid ON sessions (uid);"
	"CREATE TRIGGER sessions_uid AFTER INSERT ON sessions"
	" FOR EACH ROW WHEN NEW.uid IS NULL BEGIN"
	" UPDATE sessions SET uid = lower(hex(randomblob(16)))"
	" WHERE id = NEW.id; END;";

/*
 * Version 5 to 6 (issues 12, 13): a screened-out run gets its own outcome
 * word (it was stored "stopped" and told apart by having no step and a
 * "yes"), so the sessions table is rebuilt for its CHECK, SQLite's way:
 * new table, copy, drop, rename, indexes and trigger again. limit_events
 * names the rule that decided (NULL before 6: not recorded), and
 * aftercare_ratings keeps the day-after rating per session and area
 * (history_after.c).
 */
static const char migrate_v5_v6[] =
	"CREATE TABLE sessions_v6 ("
	" id INTEGER PRIMARY KEY,"
	" routine_id TEXT NOT NULL,"
	" title TEXT,"
	" file_hash TEXT,"
	" started_at INTEGER NOT NULL,"
	" ended_at INTEGER,"
	" outcome TEXT NOT NULL DEFAULT 'running' CHECK (outcome IN"
	"  ('running', 'completed', 'stopped', 'halted', 'interrupted',"
	"   'refused', 'screened-out')),"
	" rest_s INTEGER NOT NULL DEFAULT 0,"
	" per_week INTEGER NOT NULL DEFAULT 0,"
	" strict INTEGER NOT NULL DEFAULT 0,"
	" planned_ms INTEGER NOT NULL DEFAULT 0,"
	" override_reason TEXT,"
	" hw_per_week INTEGER, hw_from TEXT, hw_until TEXT, hw_by TEXT,"
	" hw_for TEXT, hw_note TEXT,"
	" hw_present INTEGER NOT NULL DEFAULT 0,"
	" uid TEXT);"
	"INSERT INTO sessions_v6 (id, routine_id, title, file_hash, started_at,"
	" ended_at, outcome, rest_s, per_week, strict, planned_ms,"
	" override_reason, hw_per_week, hw_from, hw_until, hw_by, hw_for,"
	" hw_note, hw_present, uid)"
	" SELECT id, routine_id, title, file_hash, started_at, ended_at,"
	"  CASE WHEN " SCREENED_OUT_V5_SQL " THEN 'screened-out'"
	"  ELSE outcome END, rest_s, per_week, strict, planned_ms,"
	"  override_reason, hw_per_week, hw_from, hw_until, hw_by, hw_for,"
	"  hw_note, hw_present, uid FROM sessions s;"
	"DROP TABLE sessions;"
	"ALTER TABLE sessions_v6 RENAME TO sessions;"
	"CREATE INDEX sessions_routine ON sessions (routine_id, started_at);"
	"CREATE INDEX sessions_outcome ON sessions (outcome);"
	"CREATE INDEX sessions_ended ON sessions (ended_at);"
	"CREATE INDEX sessions_rest ON sessions (rest_s);"
	"CREATE UNIQUE INDEX sessions_uid ON sessions (uid);"
	"CREATE TRIGGER sessions_uid AFTER INSERT ON sessions"
	" FOR EACH ROW WHEN NEW.uid IS NULL BEGIN"
	" UPDATE sessions SET uid = lower(hex(randomblob(16)))"
	" WHERE id = NEW.id; END;"
	"ALTER TABLE limit_events ADD COLUMN rule TEXT CHECK (rule IS NULL OR"
	" rule IN ('rest', 'per-week', 'per-month', 'deep-cap', 'halted'));"
	"CREATE TABLE aftercare_ratings ("
	" session_id INTEGER NOT NULL REFERENCES sessions (id)"
	"  ON DELETE CASCADE,"
	" area TEXT NOT NULL,"
	" side TEXT NOT NULL DEFAULT '',"
	" rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),"
	" rated_at INTEGER NOT NULL,"
	" PRIMARY KEY (session_id, area, side));"
	"CREATE TABLE aftercare_asked ("
	" session_id INTEGER PRIMARY KEY REFERENCES sessions (id)"
	"  ON DELETE CASCADE,"
	" asked_at INTEGER NOT NULL);";

/* migrations[v] takes a store from version v to v + 1. */
static const char *const migrations[HISTORY_SCHEMA_VERSION] = {
	schema_v1,
	migrate_v1_v2,
	migrate_v2_v3,
	migrate_v3_v4,
	migrate_v4_v5,
	migrate_v5_v6,
};

/* Format a message into *cause (when cause is not NULL). */
static void printflike(2, 3)
set_cause(char **cause, const char *fmt, ...)
{
	va_list	ap;
	char   *s;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		s = xstrdup("history store error");
	va_end(ap);
	free(*cause);
	*cause = s;
}

/* Turn a SQLite failure into a message for the user (see history_int.h). */
int
hist_fail(struct history *h, int rc, const char *what, char **cause)
{
	const char	*path = h != NULL ? h->path : "";
	const char	*msg = sqlite3_errstr(rc);

	/* The handle's message only when it is about this failure (a
	 * check that found damage leaves "not an error" there). */
	if (h != NULL && h->db != NULL &&
	    (sqlite3_errcode(h->db) & 0xff) == (rc & 0xff))
		msg = sqlite3_errmsg(h->db);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		set_cause(cause, "%s is locked by another program "
		    "(waited %d s while %s); try again when it has finished",
		    path, HISTORY_BUSY_MS / 1000, what);
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		set_cause(cause, "%s cannot be written (%s while "
		    "%s); check the permissions of the file and its folder",
		    path, msg, what);
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		set_cause(cause, "%s is damaged or is not a knead "
		    "history file (%s while %s); it was left untouched. Check "
		    "it with: sqlite3 '%s' 'PRAGMA integrity_check'",
		    path, msg, what, path);
		break;
	case SQLITE_FULL:
		set_cause(cause, "%s: the disk is full (while %s)",
		    path, what);
		break;
	default:
		set_cause(cause, "%s: %s (while %s)", path, msg,
		    what);
		break;
	}
	return -1;
}

/* Prepare one statement on the store. */
int
hist_prep(struct history *h, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(h->db, sql, -1, st, NULL);
}

/* Copy a text column (NULL stays NULL). */
char *
hist_col_str(sqlite3_stmt *st, int col)
{
	const unsigned char	*s;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	s = sqlite3_column_text(st, col);
	return xstrdup(s != NULL ? (const char *)s : "");
}

/* Run SQL with no results; returns the SQLite code. */
static int
exec_sql(struct history *h, const char *sql)
{
	return sqlite3_exec(h->db, sql, NULL, NULL, NULL);
}

/* Read one integer (PRAGMA or SELECT); returns the SQLite code. */
static int
query_int(struct history *h, const char *sql, int64_t *out)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = hist_prep(h, sql, &st)) != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		*out = 0;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Roll back whatever is open (after a failure); errors are ignored. */
static void
rollback(struct history *h)
{
	if (!sqlite3_get_autocommit(h->db))
		exec_sql(h, "ROLLBACK");
}

/*
 * The XDG location of the store, or ~/.local/share as XDG says; without
 * HOME, the home folder of the user from the password database. NULL when
 * there is none: a store in whatever folder knead was started from would
 * be a different store each time, and the rest limits would not hold.
 */
char *
history_default_path(void)
{
	const char	*xdg = getenv("XDG_DATA_HOME");
	const char	*home = getenv("HOME");
	struct passwd	*pw;
	char		*p;

	if (xdg != NULL && xdg[0] == '/')
		xasprintf(&p, "%s/knead/history.db", xdg);
	else {
		if ((home == NULL || home[0] != '/') &&
		    (pw = getpwuid(getuid())) != NULL)
			home = pw->pw_dir;
		if (home == NULL || home[0] != '/')
			return NULL;
		xasprintf(&p, "%s/.local/share/knead/history.db", home);
	}
	return p;
}

/* Create every missing folder above path, 0700 (XDG base directories). */
static int
make_parents(const char *path, char **cause)
{
	char	*dir, *p, c;
	int	 ret = 0;

	dir = xstrdup(path);
	if ((p = strrchr(dir, '/')) == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			set_cause(cause, "cannot create the history folder "
			    "%s: %s", dir, strerror(errno));
			ret = -1;
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return ret;
}

/*
 * The default store's own folder (.../knead) is 0700 even when something
 * else created it: history is health data. Only that folder, never the
 * XDG folders above it, and only when it is ours.
 */
static void
private_folder(const char *path)
{
	struct stat	 sb;
	char		*dir, *p;

	dir = xstrdup(path);
	if ((p = strrchr(dir, '/')) != NULL && p != dir) {
		*p = '\0';
		if (lstat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) &&
		    sb.st_uid == geteuid() && (sb.st_mode & 077) != 0)
			(void)chmod(dir, sb.st_mode & 0700);
	}
	free(dir);
}

/*
 * Make sure path exists as a regular file we may write, creating it 0600.
 * Root ignores permission bits, so a file without the owner's write bit is
 * treated as read-only on purpose: the user marked it so.
 */
static int
prepare_file(const char *path, int is_default, char **cause)
{
	struct stat	sb;
	int		fd;

	if (is_default && make_parents(path, cause) != 0)
		return -1;
	if (lstat(path, &sb) == -1) {
		if (errno != ENOENT) {
			set_cause(cause, "%s: %s", path,
			    strerror(errno));
			return -1;
		}
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd == -1 && errno != EEXIST) {
			set_cause(cause, "cannot create the history store "
			    "%s: %s", path, strerror(errno));
			return -1;
		}
		if (fd != -1)
			close(fd);
		if (is_default)
			private_folder(path);
		return 0;
	}
	if (S_ISLNK(sb.st_mode) && stat(path, &sb) == -1) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		set_cause(cause, "%s is not a regular file", path);
		return -1;
	}
	if ((sb.st_mode & S_IWUSR) == 0 || access(path, W_OK) == -1) {
		set_cause(cause, "%s is read-only; knead needs to "
		    "write to it (chmod u+w '%s'), it was left untouched",
		    path, path);
		return -1;
	}
	if (is_default && (sb.st_mode & 077) != 0)
		chmod(path, sb.st_mode & 0700);
	if (is_default)
		private_folder(path);
	return 0;
}

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
static int
session_held(const struct history *h, int64_t id)
{
	size_t	i;

	for (i = 0; i < h->nheld; i++) {
		if (h->held[i] == id)
			return 1;
	}
	return 0;
}

/* Is session id run by a live process (this handle or another)? */
static int
session_live(struct history *h, int64_t id)
{
	struct flock	fl;

	if (session_held(h, id))
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

/* Take the lock that says "session id is running in this process". */
static void
session_hold(struct history *h, int64_t id)
{
	struct flock	fl;

	if (h->live_fd != -1) {
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_start = (off_t)id;
		fl.l_len = 1;
		/* Kernels before 3.15: a per-process lock does as well. */
		if (fcntl(h->live_fd, F_OFD_SETLK, &fl) == -1 &&
		    errno == EINVAL)
			(void)fcntl(h->live_fd, F_SETLK, &fl);
	}
	h->held = xreallocarray(h->held, h->nheld + 1, sizeof *h->held);
	h->held[h->nheld++] = id;
}

/*
 * Keep this handle's sessions alive to others (issue 13): when PATH-live
 * was deleted or replaced, lock the sessions again in the file now there;
 * a session another knead closed as interrupted meanwhile, though this
 * process runs it, is running again. Inside the step's transaction.
 */
static int
session_reclaim(struct history *h, int64_t id)
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
			session_hold(h, held[i]);
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
static void
session_release(struct history *h, int64_t id)
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
static int
close_dead(struct history *h, int *nclosed)
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
		if (session_live(h, id))
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

/* Bring the store to the current schema, one version per transaction. */
static int
migrate(struct history *h, int64_t version, char **cause)
{
	int64_t	v;
	char	sql[64];
	int	rc;

	while (version < HISTORY_SCHEMA_VERSION) {
		if ((rc = exec_sql(h, "BEGIN IMMEDIATE")) != SQLITE_OK)
			return hist_fail(h, rc, "upgrading the store", cause);
		/* Another knead may have migrated while we waited. */
		if ((rc = query_int(h, "PRAGMA user_version", &v)) != SQLITE_OK)
			goto fail;
		if (v != version) {
			rollback(h);
			if (v < 0 || v > HISTORY_SCHEMA_VERSION)
				break;
			version = v;
			continue;
		}
		if ((rc = exec_sql(h, migrations[version])) != SQLITE_OK)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %lld",
		    (long long)version + 1);
		if ((rc = exec_sql(h, sql)) != SQLITE_OK)
			goto fail;
		if ((rc = exec_sql(h, "PRAGMA application_id = 1802396004"))
		    != SQLITE_OK)
			goto fail;
		if ((rc = exec_sql(h, "COMMIT")) != SQLITE_OK)
			goto fail;
		version++;
	}
	return 0;
fail:
	hist_fail(h, rc, "upgrading the store", cause);
	rollback(h);
	return -1;
}

/*
 * The store's path: path, else KNEAD_DB, else the default (*def, caller
 * frees, *is_default 1). NULL with *cause when there is no home folder.
 */
static const char *
store_path(const char *path, char **def, int *is_default, char **cause)
{
	const char	*env;

	*def = NULL;
	*is_default = 0;
	if (path != NULL && path[0] != '\0')
		return path;
	env = getenv("KNEAD_DB");
	if (env != NULL && env[0] != '\0')
		return env;
	*def = history_default_path();
	*is_default = 1;
	if (*def == NULL)
		set_cause(cause, "no home folder to keep the history in (HOME "
		    "is not set); give one with --db FILE or KNEAD_DB");
	return *def;
}

/* Whether SQLite's rc is a failure to write, not a damaged file. */
static int
write_fault(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return 1;
	}
	return 0;
}

/* open_store's flags. */
#define OPEN_NOCREATE	0x1	/* a reading command: never create the file */
#define OPEN_MEMORY	0x2	/* an empty store in memory (none on disk yet) */

/*
 * What is this file? Reading fails on anything but SQLite. The three are
 * read in one transaction: another knead creating the store at the same
 * moment must not be seen half way (its tables made, its version not yet
 * read), which looked like "not a knead history". Then a damaged file is
 * refused before anything is written to it.
 */
static int
identify(struct history *h, int64_t *version, int *wfail, char **cause)
{
	int64_t		 appid, ntables;
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = exec_sql(h, "BEGIN")) != SQLITE_OK ||
	    (rc = query_int(h, "PRAGMA user_version", version)) != SQLITE_OK ||
	    (rc = query_int(h, "PRAGMA application_id", &appid)) != SQLITE_OK ||
	    (rc = query_int(h, "SELECT count(*) FROM sqlite_master", &ntables))
	    != SQLITE_OK || (rc = exec_sql(h, "COMMIT")) != SQLITE_OK) {
		rollback(h);
		/* Reading needs the -shm file made: a read-only folder. */
		*wfail = write_fault(rc);
		return hist_fail(h, rc, "reading it", cause);
	}
	if (appid != 0 && appid != HISTORY_APP_ID) {
		set_cause(cause, "%s belongs to another program "
		    "(application id %lld); it was left untouched", h->path,
		    (long long)appid);
		return -1;
	}
	if (*version == 0 && ntables != 0) {
		set_cause(cause, "%s is an SQLite file but not a "
		    "knead history; it was left untouched", h->path);
		return -1;
	}
	/* Out of range either way (negative too): never index migrations. */
	if (*version < 0 || *version > HISTORY_SCHEMA_VERSION) {
		set_cause(cause, "%s was written by a newer or unknown knead "
		    "(schema %lld; this knead reads 0 to %d); it was left "
		    "untouched: use the knead that wrote it", h->path,
		    (long long)*version, HISTORY_SCHEMA_VERSION);
		return -1;
	}
	if ((rc = hist_prep(h, "PRAGMA quick_check(1)", &st)) != SQLITE_OK)
		return hist_fail(h, rc, "checking it", cause);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st,
	    0), "ok") != 0) {
		sqlite3_finalize(st);
		return hist_fail(h, rc == SQLITE_ROW ? SQLITE_CORRUPT : rc,
		    "checking it", cause);
	}
	sqlite3_finalize(st);
	return 0;
}

/* Write-ahead logging, synced at checkpoints: crash-safe and quick. */
static int
set_wal(struct history *h, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = hist_prep(h, "PRAGMA journal_mode = WAL", &st);
	if (rc != SQLITE_OK)
		return hist_fail(h, rc, "setting WAL mode", cause);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st,
	    0), "wal") != 0) {
		sqlite3_finalize(st);
		return hist_fail(h, rc == SQLITE_ROW ? SQLITE_READONLY : rc,
		    "setting WAL mode", cause);
	}
	sqlite3_finalize(st);
	if ((rc = exec_sql(h, "PRAGMA synchronous = NORMAL")) != SQLITE_OK)
		return hist_fail(h, rc, "configuring it", cause);
	return 0;
}

/*
 * Bring the store from version to the current schema, or (tests only) to
 * an older target, one version at a time. Migrations run before foreign
 * keys are enforced (table renames).
 */
static int
bring_up(struct history *h, int64_t version, int target, char **cause)
{
	char	sql[64];
	int	rc;

	if (target < HISTORY_SCHEMA_VERSION) {
		while (version < target) {
			rc = exec_sql(h, migrations[version]);
			if (rc != SQLITE_OK)
				return hist_fail(h, rc, "creating it", cause);
			version++;
			snprintf(sql, sizeof sql, "PRAGMA user_version = %lld",
			    (long long)version);
			exec_sql(h, sql);
		}
	} else if (version < HISTORY_SCHEMA_VERSION) {
		if (migrate(h, version, cause) != 0)
			return -1;
		if ((rc = query_int(h, "PRAGMA user_version", &version)) !=
		    SQLITE_OK)
			return hist_fail(h, rc, "upgrading it", cause);
		if (version != HISTORY_SCHEMA_VERSION) {
			set_cause(cause, "%s was upgraded by a newer knead "
			    "meanwhile; it was left untouched", h->path);
			return -1;
		}
	}
	if ((rc = exec_sql(h, "PRAGMA foreign_keys = ON")) != SQLITE_OK)
		return hist_fail(h, rc, "configuring it", cause);
	return 0;
}

/*
 * Take the live-lock file (PATH-live: each running session holds a lock
 * in it) and close the sessions whose process died as interrupted.
 */
static int
sweep_dead(struct history *h, char **cause)
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

	if ((rc = exec_sql(h, "BEGIN IMMEDIATE")) != SQLITE_OK ||
	    (rc = close_dead(h, &h->ninterrupted)) != SQLITE_OK ||
	    (rc = exec_sql(h, "COMMIT")) != SQLITE_OK) {
		rc = hist_fail(h, rc, "closing interrupted sessions", cause);
		rollback(h);
		return rc;
	}
	return 0;
}

/*
 * Open the SQLite file and check what it is before changing anything:
 * stop at target version (tests) or HISTORY_SCHEMA_VERSION. *wfail (when
 * not NULL) says a failure came from writing to the store, not from what
 * it holds: a reading command can still read it as it is.
 */
static int
open_store(const char *path, const struct clock *c, int target, int flags,
    int *wfail, struct history **out, char **cause)
{
	struct history	*h;
	char		*def = NULL;
	int64_t		 version;
	int		 rc, ret, is_default, wf = 0;

	*out = NULL;
	if (wfail == NULL)
		wfail = &wf;
	*wfail = 0;
	if ((path = store_path(path, &def, &is_default, cause)) == NULL)
		return -1;
	if (!(flags & OPEN_MEMORY) && (ret = prepare_file(path,
	    (flags & OPEN_NOCREATE) ? 0 : is_default, cause)) != 0) {
		/* A file that is there but read-only can still be read. */
		*wfail = access(path, R_OK) == 0 && access(path, W_OK) == -1;
		free(def);
		return ret;
	}

	h = xcalloc(1, sizeof *h);
	h->clock = c;
	h->path = xstrdup(path);
	h->live_fd = -1;
	free(def);

	rc = sqlite3_open_v2((flags & OPEN_MEMORY) ? ":memory:" : h->path,
	    &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		ret = hist_fail(h, rc, "opening it", cause);
		goto fail;
	}
	sqlite3_extended_result_codes(h->db, 1);
	sqlite3_busy_timeout(h->db, HISTORY_BUSY_MS);
	if (sqlite3_db_readonly(h->db, "main") == 1) {
		*wfail = 1;
		ret = hist_fail(h, SQLITE_READONLY, "opening it", cause);
		goto fail;
	}
	if ((ret = identify(h, &version, wfail, cause)) != 0)
		goto fail;
	/* From here on the store is written to. */
	if (!(flags & OPEN_MEMORY)) {
		*wfail = 1;
		if ((ret = set_wal(h, cause)) != 0)
			goto fail;
	}
	if ((ret = bring_up(h, version, target, cause)) != 0)
		goto fail;
	if (target == HISTORY_SCHEMA_VERSION && !(flags & OPEN_MEMORY) &&
	    (ret = sweep_dead(h, cause)) != 0)
		goto fail;
	*out = h;
	return 0;

fail:
	history_close(h);
	return ret;
}

/* Open the store at the current schema (see history.h). */
int
history_open(const char *path, const struct clock *c, struct history **out,
    char **cause)
{
	return open_store(path, c, HISTORY_SCHEMA_VERSION, 0, NULL, out,
	    cause);
}

/* path as an SQLite URI with its query (% ? # escaped). */
static char *
store_uri(const char *path, const char *query)
{
	char	*u, *p;
	size_t	 n = strlen(path);

	u = p = xmalloc(n * 3 + strlen(query) + 8);
	p += sprintf(p, "file:");
	for (; *path != '\0'; path++) {
		if (*path == '%' || *path == '?' || *path == '#')
			p += sprintf(p, "%%%02X", (unsigned char)*path);
		else
			*p++ = *path;
	}
	sprintf(p, "?%s", query);
	return u;
}

/*
 * Open path read-only as it is (a folder or a disk that cannot be written):
 * mode=ro, then immutable=1 when not even the shared-memory file can be
 * made. Only a store at the current schema can be read unchanged.
 */
static int
open_frozen(const char *path, const struct clock *c, struct history **out,
    char **cause)
{
	static const char *const query[] = { "mode=ro", "immutable=1" };
	struct history	*h;
	char		*uri;
	int64_t		 version = -1, appid = -1;
	size_t		 i;
	int		 rc = SQLITE_CANTOPEN;

	h = xcalloc(1, sizeof *h);
	h->clock = c;
	h->path = xstrdup(path);
	h->live_fd = -1;
	for (i = 0; i < sizeof query / sizeof query[0]; i++) {
		if (h->db != NULL)
			sqlite3_close(h->db);
		h->db = NULL;
		uri = store_uri(path, query[i]);
		rc = sqlite3_open_v2(uri, &h->db, SQLITE_OPEN_READONLY |
		    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
		free(uri);
		if (rc != SQLITE_OK)
			continue;
		sqlite3_extended_result_codes(h->db, 1);
		sqlite3_busy_timeout(h->db, HISTORY_BUSY_MS);
		if ((rc = query_int(h, "PRAGMA user_version", &version)) ==
		    SQLITE_OK && (rc = query_int(h, "PRAGMA application_id",
		    &appid)) == SQLITE_OK)
			break;
	}
	if (rc != SQLITE_OK) {
		hist_fail(h, rc, "reading it", cause);
		history_close(h);
		return -1;
	}
	if (version != HISTORY_SCHEMA_VERSION || appid != HISTORY_APP_ID) {
		set_cause(cause, "%s must be upgraded before it can be read "
		    "(schema %lld, this knead reads %d) and cannot be written",
		    path, (long long)version, HISTORY_SCHEMA_VERSION);
		history_close(h);
		return -1;
	}
	*out = h;
	return 0;
}

/*
 * Open the store for a reading command (see history.h): never create it,
 * read it as it is when it cannot be written.
 */
int
history_open_read(const char *path, const struct clock *c,
    struct history **out, char **note, char **cause)
{
	struct stat	 sb;
	const char	*p;
	char		*def, *why = NULL;
	int		 is_default, ret, wfail;

	*out = NULL;
	*note = NULL;
	if ((p = store_path(path, &def, &is_default, cause)) == NULL)
		return -1;
	if (stat(p, &sb) == -1 && errno == ENOENT) {
		if (!is_default) {
			set_cause(cause, "there is no history store at %s "
			    "(none was created)", p);
			free(def);
			return 0;
		}
		/* No session recorded yet: an empty store, on no disk. */
		free(def);
		return open_store(NULL, c, HISTORY_SCHEMA_VERSION,
		    OPEN_MEMORY, NULL, out, cause);
	}
	ret = open_store(p, c, HISTORY_SCHEMA_VERSION, OPEN_NOCREATE, &wfail,
	    out, &why);
	if (ret == 0 || !wfail) {
		free(def);
		*cause = why;
		return ret;
	}
	if ((ret = open_frozen(p, c, out, cause)) == 0)
		*note = why;
	else
		free(why);
	free(def);
	return ret;
}

/*
 * Open an existing store for reading only (see history.h): nothing is
 * created, upgraded or closed, so that a status line run every few seconds
 * never writes, and never waits on a writer for long.
 */
int
history_open_readonly(const char *path, const struct clock *c,
    struct history **out, char **cause)
{
	struct history	*h;
	char		*def = NULL, *live;
	const char	*env;
	int64_t		 version, appid;
	int		 rc, ret;

	*out = NULL;
	if (path == NULL || path[0] == '\0') {
		env = getenv("KNEAD_DB");
		if (env != NULL && env[0] != '\0')
			path = env;
		else if ((path = def = history_default_path()) == NULL) {
			set_cause(cause, "no home folder (HOME is not set)");
			return -1;
		}
	}
	if (access(path, R_OK) != 0) {
		ret = errno;
		set_cause(cause, "%s: %s", path, strerror(ret));
		free(def);
		return ret == ENOENT ? 0 : -1;
	}
	h = xcalloc(1, sizeof *h);
	h->clock = c;
	h->path = xstrdup(path);
	free(def);
	xasprintf(&live, "%s-live", h->path);
	h->live_fd = open(live, O_RDONLY | O_CLOEXEC);
	free(live);
	rc = sqlite3_open_v2(h->path, &h->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		ret = hist_fail(h, rc, "opening it", cause);
		goto fail;
	}
	sqlite3_extended_result_codes(h->db, 1);
	sqlite3_busy_timeout(h->db, 100);
	if ((rc = query_int(h, "PRAGMA user_version", &version)) != SQLITE_OK ||
	    (rc = query_int(h, "PRAGMA application_id", &appid)) != SQLITE_OK) {
		ret = hist_fail(h, rc, "reading it", cause);
		goto fail;
	}
	if (appid != HISTORY_APP_ID || version != HISTORY_SCHEMA_VERSION) {
		set_cause(cause, "%s is not a knead history of schema %d",
		    h->path, HISTORY_SCHEMA_VERSION);
		ret = -1;
		goto fail;
	}
	*out = h;
	return 0;

fail:
	history_close(h);
	return ret;
}

/* An empty store in memory at the current schema (see history.h). */
int
history_open_memory(const char *name, const struct clock *c,
    struct history **out, char **cause)
{
	return open_store(name, c, HISTORY_SCHEMA_VERSION, OPEN_MEMORY, NULL,
	    out, cause);
}

/* Create a store that stops at an older schema, for migration tests. */
int
history_create_version(const char *path, int version, char **cause)
{
	struct history	*h;
	int		 ret;

	if (version < 1 || version > HISTORY_SCHEMA_VERSION) {
		set_cause(cause, "no schema version %d", version);
		return -1;
	}
	ret = open_store(path, &clock_system, version, 0, NULL, &h, cause);
	if (ret == 0)
		history_close(h);
	return ret;
}

/* Close the store; a session left running is interrupted at next open. */
void
history_close(struct history *h)
{
	if (h == NULL)
		return;
	if (h->db != NULL)
		sqlite3_close(h->db);
	if (h->live_fd != -1)
		close(h->live_fd);
	free(h->held);
	free(h->path);
	free(h);
}

/* The path the store was opened at. */
const char *
history_path(const struct history *h)
{
	return h->path;
}

/* The reason the last step or end failed. */
const char *
history_error(const struct history *h)
{
	return h->err;
}

/* The side as stored: "left", "right" or "". */
const char *
side_str(enum side s)
{
	if (s == SIDE_LEFT)
		return "left";
	if (s == SIDE_RIGHT)
		return "right";
	return "";
}

/* The side from its stored form. */
static enum side
side_parse(const char *s)
{
	if (s != NULL && strcmp(s, "left") == 0)
		return SIDE_LEFT;
	if (s != NULL && strcmp(s, "right") == 0)
		return SIDE_RIGHT;
	return SIDE_NONE;
}

/* Add or merge (keeping the later time) one resting entry. */
static void
rlist_add(struct rlist *l, const struct area *a, enum side side,
    int64_t free_at, int behind, int in_progress, int64_t now)
{
	struct resting	*r;
	size_t		 i;

	for (i = 0; i < l->n; i++) {
		r = &l->v[i];
		if (a != NULL && r->area == a && r->side == side) {
			if (free_at > r->free_at)
				r->free_at = free_at;
			r->clock_behind |= behind;
			r->in_progress |= in_progress;
			return;
		}
	}
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	r = &l->v[l->n++];
	memset(r, 0, sizeof *r);
	r->area = a;
	r->side = side;
	r->free_at = free_at;
	r->clock_behind = behind;
	r->in_progress = in_progress;
	r->checked_at = now;
}

/* Order: soonest free first, the per-week cap last. */
static int
resting_cmp(const void *a, const void *b)
{
	const struct resting	*x = a, *y = b;

	if ((x->area == NULL) != (y->area == NULL))
		return x->area == NULL ? 1 : -1;
	if (x->free_at != y->free_at)
		return x->free_at < y->free_at ? -1 : 1;
	if (x->area != NULL && x->area != y->area)
		return strcmp(x->area->id, y->area->id);
	return (int)x->side - (int)y->side;
}

/*
 * The SQL for "when was this area last worked": only sessions that ran and
 * did at least half of their planned pressure time on it count.
 */
#define LAST_WORK_SQL \
	"SELECT MAX(s.ended_at), MAX(s.ended_at + s.rest_s) " \
	"FROM sessions s CROSS JOIN session_areas a ON a.session_id = s.id " \
	"WHERE s.ended_at >= ?3 AND a.area = ?1 AND a.side = ?2 AND " \
	"+s.outcome IN " RAN_OUTCOMES \
	" AND a.planned_ms > 0 AND 2 * a.done_ms >= a.planned_ms"
#define RUNNING_SQL \
	"SELECT s.id, s.started_at + (s.planned_ms + 999) / 1000, s.rest_s " \
	"FROM sessions s CROSS JOIN session_areas a ON a.session_id = s.id " \
	"WHERE s.outcome = 'running' AND a.area = ?1 AND a.side = ?2"

/*
 * Sessions that ended before this can no longer make anything rest: the
 * longest rest ever recorded (or rest_s) before now. Limiting the search to
 * them keeps a check fast however long the history grows (indexes of v3;
 * the queries write +s.outcome so that SQLite walks sessions_ended rather
 * than sessions_outcome, which matches nearly every row).
 */
static int
search_from(struct history *h, int64_t now, int64_t rest_s, int64_t *from)
{
	int64_t	longest;
	int	rc;

	if ((rc = query_int(h, "SELECT MAX(rest_s) FROM sessions", &longest)) !=
	    SQLITE_OK)
		return rc;
	if (rest_s > longest)
		longest = rest_s;
	*from = now - longest - 1;
	return SQLITE_OK;
}

/*
 * Check one stored area and side (qside) against the store: the last
 * session that worked it (its rest, and rest_s of the routine about to run,
 * whichever ends later) and any session running now that plans to work it.
 * What is found is listed under rside, the side the new session would work.
 */
static int
check_one(struct history *h, sqlite3_stmt *last, sqlite3_stmt *run,
    const struct area *a, const char *qside, enum side rside, int64_t rest_s,
    int64_t now, struct rlist *l)
{
	int64_t	end, free_at, stored, exp_end;
	int	rc;

	sqlite3_bind_text(last, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(last, 2, qside, -1, SQLITE_STATIC);
	rc = sqlite3_step(last);
	if (rc == SQLITE_ROW && sqlite3_column_type(last, 0) != SQLITE_NULL) {
		end = sqlite3_column_int64(last, 0);
		stored = sqlite3_column_int64(last, 1);
		free_at = end + rest_s;
		if (stored > free_at)
			free_at = stored;
		if (end > now)
			rlist_add(l, a, rside, free_at, 1, 0, now);
		else if (free_at > now)
			rlist_add(l, a, rside, free_at, 0, 0, now);
	}
	sqlite3_reset(last);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;

	sqlite3_bind_text(run, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(run, 2, qside, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(run)) == SQLITE_ROW) {
		if (!session_live(h, sqlite3_column_int64(run, 0)))
			continue;
		exp_end = sqlite3_column_int64(run, 1);
		if (exp_end < now)
			exp_end = now;
		stored = sqlite3_column_int64(run, 2);
		rlist_add(l, a, rside, exp_end + (stored > rest_s ? stored :
		    rest_s), 0, 1, now);
	}
	sqlite3_reset(run);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Check an area and side the plan works. On a sided area, work with no side
 * touches both sides: it conflicts with either side resting, and a side
 * conflicts with earlier work that had no side.
 */
static int
check_area(struct history *h, sqlite3_stmt *last, sqlite3_stmt *run,
    const struct area *a, enum side side, int64_t rest_s, int64_t now,
    struct rlist *l)
{
	int	rc;

	rc = check_one(h, last, run, a, side_str(side), side, rest_s, now, l);
	if (rc != SQLITE_OK || !a->sided)
		return rc;
	if (side != SIDE_NONE)
		return check_one(h, last, run, a, "", side, rest_s, now, l);
	if ((rc = check_one(h, last, run, a, "left", SIDE_LEFT, rest_s, now,
	    l)) != SQLITE_OK)
		return rc;
	return check_one(h, last, run, a, "right", SIDE_RIGHT, rest_s, now, l);
}

/*
 * The per-week cap: sessions of this routine that ran (at least half of
 * their planned work, or running now) in the 7 days before now. Sessions
 * dated in the future (clock set back) count too.
 */
static int
check_week(struct history *h, const struct routine *r, int64_t now,
    struct rlist *l)
{
	sqlite3_stmt	*st;
	int64_t		 per_week = routine_per_week(r), *starts = NULL;
	size_t		 n = 0;
	int		 rc, behind = 0;

	if (per_week <= 0)
		return SQLITE_OK;
	rc = hist_prep(h, "SELECT s.id, s.started_at, s.outcome, "
	    HALF_DONE_SQL " FROM sessions s "
	    "WHERE s.routine_id = ?1 AND s.started_at > ?2 AND (s.outcome IN "
	    RAN_OUTCOMES " OR s.outcome = 'running') ORDER BY s.started_at",
	    &st);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, r->id.s, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now - WEEK_S);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *o = (const char *)sqlite3_column_text(st, 2);

		if (strcmp(o, "running") == 0) {
			if (!session_live(h, sqlite3_column_int64(st, 0)))
				continue;
		} else if (!sqlite3_column_int(st, 3))
			continue;
		starts = xreallocarray(starts, n + 1, sizeof *starts);
		starts[n++] = sqlite3_column_int64(st, 1);
		if (starts[n - 1] > now)
			behind = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(starts);
		return rc;
	}
	if ((int64_t)n >= per_week) {
		rlist_add(l, NULL, SIDE_NONE, starts[n - per_week] + WEEK_S,
		    behind, 0, now);
		l->v[l->n - 1].week_count = (int)n;
		l->v[l->n - 1].per_week = (int)per_week;
	}
	free(starts);
	return SQLITE_OK;
}

/*
 * Everything that keeps plan doses d from running now: each area and side
 * resting, and the per-week cap, soonest free first. The one check of
 * history_begin (which runs it in its write transaction) and history_check.
 */
static int
check_plan(struct history *h, const struct routine *r, const struct plan *p,
    const struct area_dose *d, size_t nd, int64_t now, struct rlist *l)
{
	sqlite3_stmt	*last = NULL, *run = NULL;
	int64_t		 rest_s = hist_rest_s(r), from;
	size_t		 i;
	int		 rc;

	if ((rc = search_from(h, now, rest_s, &from)) != SQLITE_OK)
		return rc;
	if ((rc = hist_prep(h, LAST_WORK_SQL, &last)) != SQLITE_OK ||
	    (rc = hist_prep(h, RUNNING_SQL, &run)) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(last, 3, from);	/* kept across resets */
	for (i = 0; i < nd; i++) {
		if (d[i].area == NULL || d[i].work_ms == 0)
			continue;
		rc = check_area(h, last, run, d[i].area, d[i].side, rest_s, now,
		    l);
		if (rc != SQLITE_OK)
			goto out;
	}
	if ((rc = check_week(h, r, now, l)) != SQLITE_OK ||
	    (rc = hist_check_limits(h, r, p, d, nd, now, l)) != SQLITE_OK)
		goto out;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, resting_cmp);
out:
	sqlite3_finalize(last);
	sqlite3_finalize(run);
	return rc;
}

/* What keeps plan p of routine r from running now (see history.h). */
int
history_check(struct history *h, const struct routine *r,
    const struct plan *p, struct resting **rest, size_t *nrest, char **cause)
{
	struct area_dose	*d = NULL;
	struct rlist		 l = { NULL, 0 };
	size_t			 nd;
	int			 rc;

	*rest = NULL;
	*nrest = 0;
	nd = plan_doses(p, &d);
	rc = check_plan(h, r, p, d, nd, clock_wall_s(h->clock), &l);
	free(d);
	if (rc != SQLITE_OK) {
		free(l.v);
		return hist_fail(h, rc, "reading resting areas", cause);
	}
	*rest = l.v;
	*nrest = l.n;
	return 0;
}

/* Whether routine r has reached its per-week cap now (see history.h). */
int
history_week_cap(struct history *h, const struct routine *r,
    struct resting *out, int *capped, char **cause)
{
	struct rlist	l = { NULL, 0 };
	int		rc;

	*capped = 0;
	memset(out, 0, sizeof *out);
	if (r->id.s == NULL)
		return 0;
	if ((rc = check_week(h, r, clock_wall_s(h->clock), &l)) != SQLITE_OK) {
		free(l.v);
		return hist_fail(h, rc, "reading the sessions of the week",
		    cause);
	}
	if (l.n > 0) {
		*out = l.v[0];
		*capped = 1;
	}
	free(l.v);
	return 0;
}

/* Record rest-limit decisions for session id. */
static int
record_limits(struct history *h, int64_t id, const char *action,
    const struct rlist *l)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	if ((rc = hist_prep(h, "INSERT INTO limit_events (session_id, action, "
	    "area, side, free_at, clock_behind, rule) VALUES (?, ?, ?, ?, ?, "
	    "?, ?)", &st)) != SQLITE_OK)
		return rc;
	for (i = 0; i < l->n; i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
		if (l->v[i].area != NULL)
			sqlite3_bind_text(st, 3, l->v[i].area->id, -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 3);
		sqlite3_bind_text(st, 4, side_str(l->v[i].side), -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, l->v[i].free_at);
		sqlite3_bind_int(st, 6, l->v[i].clock_behind);
		sqlite3_bind_text(st, 7, history_rule_word(&l->v[i]), -1,
		    SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) != SQLITE_DONE)
			break;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || l->n == 0 ? SQLITE_OK : rc;
}

/* Bind text, or leave NULL when there is none. */
static void
bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Insert the session row: "running", or ended now ("refused"...). */
static int
insert_session(struct history *h, const struct routine *r,
    const struct plan *p, const char *outcome, const char *reason,
    int64_t now, int64_t *id)
{
	sqlite3_stmt	*st;
	char		 hash[17];
	int		 rc;

	rc = hist_prep(h, "INSERT INTO sessions (routine_id, title, file_hash, "
	    "started_at, ended_at, outcome, rest_s, per_week, strict, "
	    "planned_ms, override_reason, hw_present, hw_per_week, hw_from, "
	    "hw_until, hw_by, hw_for, hw_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st);
	if (rc != SQLITE_OK)
		return rc;
	snprintf(hash, sizeof hash, "%016llx",
	    (unsigned long long)r->file_hash);
	sqlite3_bind_text(st, 1, r->id.s != NULL ? r->id.s : "?", -1,
	    SQLITE_STATIC);
	if (r->title.s != NULL)
		sqlite3_bind_text(st, 2, r->title.s, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	if (strcmp(outcome, "running") != 0)
		sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_text(st, 6, outcome, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, hist_rest_s(r));
	sqlite3_bind_int64(st, 8, routine_per_week(r));
	sqlite3_bind_int(st, 9, routine_strict(r));
	sqlite3_bind_int64(st, 10, (sqlite3_int64)p->total_ms);
	if (reason != NULL)
		sqlite3_bind_text(st, 11, reason, -1, SQLITE_STATIC);
	if (r->homework.present) {
		sqlite3_bind_int(st, 12, 1);
		if (r->homework.per_week.set)
			sqlite3_bind_int64(st, 13, r->homework.per_week.v);
		bind_opt(st, 14, r->homework.from.s);
		bind_opt(st, 15, r->homework.until.s);
		bind_opt(st, 16, r->homework.by.s);
		bind_opt(st, 17, r->homework.for_whom.s);
		bind_opt(st, 18, r->homework.note.s);
	} else
		sqlite3_bind_int(st, 12, 0);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc;
	*id = sqlite3_last_insert_rowid(h->db);
	return SQLITE_OK;
}

/* Is this area and side in the list (skipped)? No side means both. */
static int
rlist_has(const struct rlist *l, const struct area *a, enum side side)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].area == a && (l->v[i].side == side ||
		    side == SIDE_NONE || l->v[i].side == SIDE_NONE))
			return 1;
	}
	return 0;
}

/* Record the planned work per area (minus skipped ones) and the answers. */
static int
insert_plan(struct history *h, int64_t id, const struct routine *r,
    const struct area_dose *d, size_t nd, const struct rlist *skip,
    const struct begin_opts *o)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc = SQLITE_OK;

	if ((rc = hist_prep(h, "INSERT INTO session_areas (session_id, area, "
	    "side, planned_ms) VALUES (?, ?, ?, ?)", &st)) != SQLITE_OK)
		return rc;
	for (i = 0; i < nd; i++) {
		if (d[i].area == NULL || d[i].work_ms == 0)
			continue;
		if (skip != NULL && rlist_has(skip, d[i].area, d[i].side))
			continue;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, d[i].area->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, side_str(d[i].side), -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)d[i].work_ms);
		if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return rc;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);

	if (o == NULL || o->screen_answers == NULL || r->nscreen == 0)
		return SQLITE_OK;
	if ((rc = hist_prep(h, "INSERT INTO screen_answers (session_id, idx, "
	    "question, answer) VALUES (?, ?, ?, ?)", &st)) != SQLITE_OK)
		return rc;
	for (i = 0; i < r->nscreen && o->screen_answers[i] != NULL; i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		sqlite3_bind_text(st, 3, r->screen[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, o->screen_answers[i], -1,
		    SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) != SQLITE_DONE)
			break;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_OK ? SQLITE_OK : rc;
}

/*
 * Would the plan still do something without the resting areas: work on an
 * area that is not resting, or a stretch or paced breathing (not work, so
 * they stay)? Positions, rests and transitions alone are not a session.
 */
static int
skip_leaves_work(const struct plan *p, const struct area_dose *d, size_t nd,
    const struct rlist *l)
{
	size_t	i;

	for (i = 0; i < nd; i++) {
		if (d[i].area != NULL && d[i].work_ms > 0 &&
		    !rlist_has(l, d[i].area, d[i].side))
			return 1;
	}
	for (i = 0; i < p->n; i++) {
		if (p->v[i].kind == PLAN_STRETCH ||
		    p->v[i].kind == PLAN_BREATHE || p->v[i].kind == PLAN_MOVE)
			return 1;
	}
	return 0;
}

int
history_reason_ok(const char *reason)
{
	for (; reason != NULL && *reason != '\0'; reason++) {
		if (*reason != ' ' && *reason != '\t')
			return 1;
	}
	return 0;
}

/*
 * The rest policy's answer for a plan whose resting areas and caps are in
 * l (empty: it runs): run, run without the resting areas ("skipped"), run
 * despite them ("overridden", with the reason), or refuse and why. Pure:
 * no store, no words.
 */
static enum begin_verdict
decide(const struct routine *r, const struct plan *p,
    const struct area_dose *d, size_t nd, const struct begin_opts *o,
    struct rlist *l, const char **action)
{
	size_t	i;
	int	capped = 0, skip, over;

	*action = NULL;
	if (l->n == 0)
		return BEGIN_RUNS;
	for (i = 0; i < l->n; i++)
		capped |= l->v[i].area == NULL;
	skip = o != NULL && o->skip_resting;
	over = o != NULL && history_reason_ok(o->override_reason);
	if (skip && !capped && !skip_leaves_work(p, d, nd, l)) {
		for (i = 0; i < l->n; i++)
			l->v[i].nothing_left = 1;
		return BEGIN_NOTHING_LEFT;
	}
	if (skip && !capped) {
		*action = "skipped";
		return BEGIN_RUNS;
	}
	if (over && routine_strict(r))
		return BEGIN_STRICT;
	if (over) {
		*action = "overridden";
		return BEGIN_RUNS;
	}
	return skip ? BEGIN_CAPPED : BEGIN_RESTING;
}

/* Enforce the rest limits and start the session (see history.h). */
int
history_begin(struct history *h, const struct routine *r,
    const struct plan *p, const struct begin_opts *o,
    struct begin_result *res, char **cause)
{
	struct area_dose	*d = NULL;
	struct rlist		 l = { NULL, 0 };
	const char		*action;
	size_t			 nd;
	int64_t			 now, id = 0;
	int			 rc, ret, nclosed, held = 0;

	memset(res, 0, sizeof *res);
	/* A blank reason is a mistake on the command line, not a refusal. */
	if (o != NULL && o->override_reason != NULL &&
	    !history_reason_ok(o->override_reason)) {
		set_cause(cause, "an override needs a reason");
		return -1;
	}
	now = clock_wall_s(h->clock);
	nd = plan_doses(p, &d);

	if ((rc = exec_sql(h, "BEGIN IMMEDIATE")) != SQLITE_OK) {
		free(d);
		return hist_fail(h, rc, "starting the session", cause);
	}
	if ((rc = close_dead(h, &nclosed)) != SQLITE_OK ||
	    (rc = check_plan(h, r, p, d, nd, now, &l)) != SQLITE_OK)
		goto sqlfail;
	res->verdict = decide(r, p, d, nd, o, &l, &action);

	if (res->verdict != BEGIN_RUNS) {
		if ((rc = insert_session(h, r, p, "refused", NULL, now, &id)) !=
		    SQLITE_OK || (rc = record_limits(h, id, "refused", &l)) !=
		    SQLITE_OK)
			goto sqlfail;
	} else {
		if ((rc = insert_session(h, r, p, "running", action != NULL &&
		    strcmp(action, "overridden") == 0 ? o->override_reason :
		    NULL, now, &id)) != SQLITE_OK)
			goto sqlfail;
		/* Locked before the row is visible: no sweep can close it. */
		session_hold(h, id);
		held = 1;
		if (action != NULL &&
		    (rc = record_limits(h, id, action, &l)) != SQLITE_OK)
			goto sqlfail;
		rc = insert_plan(h, id, r, d, nd, action != NULL &&
		    strcmp(action, "skipped") == 0 ? &l : NULL, o);
		if (rc != SQLITE_OK)
			goto sqlfail;
	}
	if ((rc = exec_sql(h, "COMMIT")) != SQLITE_OK)
		goto sqlfail;
	free(d);

	if (res->verdict == BEGIN_RUNS) {
		res->session_id = id;
		/* Only skipped areas, or an override of a halt for pain. */
		if (action == NULL || (strcmp(action, "skipped") != 0 &&
		    !hist_any_halted(&l))) {
			free(l.v);
			return 0;
		}
	}
	res->rest = l.v;
	res->nrest = l.n;
	return 0;

sqlfail:
	ret = hist_fail(h, rc, "starting the session", cause);
	rollback(h);
	if (held)
		session_release(h, id);
	free(l.v);
	free(d);
	return ret;
}

/* Record a session a screening "yes" stopped before it began. */
int
history_screened(struct history *h, const struct routine *r,
    const struct plan *p, const char *const *answers, char **cause)
{
	struct area_dose	*d = NULL;
	struct begin_opts	 o;
	size_t			 nd;
	int64_t			 id;
	int			 rc;

	memset(&o, 0, sizeof o);
	o.screen_answers = answers;
	nd = plan_doses(p, &d);
	if ((rc = exec_sql(h, "BEGIN IMMEDIATE")) != SQLITE_OK ||
	    (rc = insert_session(h, r, p, "screened-out", NULL,
	    clock_wall_s(h->clock), &id)) != SQLITE_OK ||
	    (rc = insert_plan(h, id, r, d, nd, NULL, &o)) != SQLITE_OK ||
	    (rc = exec_sql(h, "COMMIT")) != SQLITE_OK) {
		free(d);
		rc = hist_fail(h, rc, "recording the screening answers",
		    cause);
		rollback(h);
		return rc;
	}
	free(d);
	return 0;
}

/*
 * An until-release step released before its max was done as planned: its
 * planned time on the area becomes the time held, so that the half-done
 * rule counts it (a 20 s hold released at once is a whole dose, and the
 * area must rest). Runs inside the step's transaction.
 */
static int
released_early(struct history *h, int64_t session_id, const char *area,
    const char *side, uint64_t short_ms)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = hist_prep(h, "UPDATE session_areas SET planned_ms = MAX(0, "
	    "planned_ms - ?4) WHERE session_id = ?1 AND area = ?2 AND "
	    "side = ?3", &st);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_text(st, 2, area, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, side, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)short_ms);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc;
}

/* Commit one step that ended, finished or cut short (see history.h). */
int
history_step_ended(struct history *h, int64_t session_id, size_t index,
    const struct pstep *s, uint64_t done_ms, int pain, int finished)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;
	const char	*area = s->area != NULL ? s->area->id : NULL;
	const char	*side = side_str(s->side);
	char		*cause = NULL;

	h->err[0] = '\0';
	if ((rc = exec_sql(h, "BEGIN IMMEDIATE")) != SQLITE_OK ||
	    (rc = session_reclaim(h, session_id)) != SQLITE_OK)
		goto fail;
	rc = hist_prep(h, "INSERT INTO steps (session_id, idx, kind, area, "
	    "side, is_work, planned_ms, done_ms, pressure, pain, ended_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)index);
	sqlite3_bind_text(st, 3, plan_kind_name(s->kind), -1, SQLITE_STATIC);
	if (area != NULL)
		sqlite3_bind_text(st, 4, area, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, side, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, s->is_work && area != NULL);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)s->duration_ms);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)done_ms);
	if (s->pressure >= 0)
		sqlite3_bind_int(st, 9, s->pressure);
	if (pain >= 0)
		sqlite3_bind_int(st, 10, pain);
	sqlite3_bind_int64(st, 11, clock_wall_s(h->clock));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		goto fail;

	if (s->is_work && area != NULL) {
		rc = hist_prep(h, "INSERT INTO session_areas (session_id, "
		    "area, side, planned_ms, done_ms) VALUES (?1, ?2, ?3, 0, "
		    "?4) "
		    "ON CONFLICT (session_id, area, side) DO UPDATE SET "
		    "done_ms = done_ms + ?4", &st);
		if (rc != SQLITE_OK)
			goto fail;
		sqlite3_bind_int64(st, 1, session_id);
		sqlite3_bind_text(st, 2, area, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, side, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)done_ms);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		st = NULL;
		if (rc != SQLITE_DONE)
			goto fail;
		if (finished && s->until_release && done_ms < s->duration_ms &&
		    (rc = released_early(h, session_id, area, side,
		    s->duration_ms - done_ms)) != SQLITE_DONE)
			goto fail;
	}
	if ((rc = exec_sql(h, "COMMIT")) != SQLITE_OK)
		goto fail;
	return 0;

fail:
	hist_fail(h, rc, "recording a step", &cause);
	snprintf(h->err, sizeof h->err, "%s", cause);
	free(cause);
	sqlite3_finalize(st);
	rollback(h);
	return -1;
}

/* Add the pain rating to the step already committed (see history.h). */
int
history_step_pain(struct history *h, int64_t session_id, size_t index,
    int pain)
{
	sqlite3_stmt	*st;
	char		*cause = NULL;
	int		 rc;

	h->err[0] = '\0';
	rc = hist_prep(h, "UPDATE steps SET pain = ?1 WHERE id = (SELECT "
	    "MAX(id) FROM steps WHERE session_id = ?2 AND idx = ?3)", &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(st, 1, pain);
		sqlite3_bind_int64(st, 2, session_id);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)index);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (rc == SQLITE_DONE && sqlite3_changes(h->db) == 1)
		return 0;
	if (rc == SQLITE_DONE)
		snprintf(h->err, sizeof h->err, "no step %zu recorded for the "
		    "pain rating", index + 1);
	else {
		hist_fail(h, rc, "recording a pain rating", &cause);
		snprintf(h->err, sizeof h->err, "%s", cause);
		free(cause);
	}
	return -1;
}

/* Close a running session with its outcome and release its lock. */
int
history_end(struct history *h, int64_t session_id, const char *outcome)
{
	sqlite3_stmt	*st;
	char		*cause = NULL;
	int		 rc;

	h->err[0] = '\0';
	if (outcome == NULL || (strcmp(outcome, "completed") != 0 &&
	    strcmp(outcome, "stopped") != 0 && strcmp(outcome, "halted") != 0 &&
	    strcmp(outcome, "interrupted") != 0 &&
	    strcmp(outcome, "screened-out") != 0)) {
		snprintf(h->err, sizeof h->err, "unknown session outcome '%s'",
		    outcome != NULL ? outcome : "(null)");
		return -1;
	}
	/* A sweep that took this live session for dead does not count. */
	rc = hist_prep(h, "UPDATE sessions SET outcome = ?, ended_at = ? "
	    "WHERE id = ? AND (outcome = 'running' OR (outcome = "
	    "'interrupted' AND ?4))", &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, outcome, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, clock_wall_s(h->clock));
		sqlite3_bind_int64(st, 3, session_id);
		sqlite3_bind_int(st, 4, session_held(h, session_id));
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	session_release(h, session_id);
	if (rc != SQLITE_DONE) {
		hist_fail(h, rc, "ending the session", &cause);
		snprintf(h->err, sizeof h->err, "%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Every area and side resting now, soonest free first. */
int
history_resting(struct history *h, struct resting **out, size_t *n,
    char **cause)
{
	struct rlist		 l = { NULL, 0 };
	sqlite3_stmt		*st;
	const struct area	*a;
	int64_t			 now, end, free_at, exp_end, from;
	int			 rc;

	*out = NULL;
	*n = 0;
	now = clock_wall_s(h->clock);
	if ((rc = search_from(h, now, 0, &from)) != SQLITE_OK)
		return hist_fail(h, rc, "reading resting areas", cause);
	rc = hist_prep(h, "SELECT a.area, a.side, MAX(s.ended_at), "
	    "MAX(s.ended_at + s.rest_s) FROM sessions s CROSS JOIN "
	    "session_areas a ON a.session_id = s.id WHERE s.ended_at >= ?1 AND "
	    "+s.outcome IN " RAN_OUTCOMES " AND a.planned_ms > 0 AND "
	    "2 * a.done_ms >= a.planned_ms GROUP BY a.area, a.side", &st);
	if (rc != SQLITE_OK)
		return hist_fail(h, rc, "reading resting areas", cause);
	sqlite3_bind_int64(st, 1, from);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a = area_find((const char *)sqlite3_column_text(st, 0));
		if (a == NULL)
			continue;	/* an area this knead no longer has */
		end = sqlite3_column_int64(st, 2);
		free_at = sqlite3_column_int64(st, 3);
		if (end > now || free_at > now)
			rlist_add(&l, a, side_parse((const char *)
			    sqlite3_column_text(st, 1)), free_at, end > now, 0,
			    now);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;

	rc = hist_prep(h, "SELECT a.area, a.side, s.id, s.started_at + "
	    "(s.planned_ms + 999) / 1000, s.rest_s FROM sessions s CROSS JOIN "
	    "session_areas a ON a.session_id = s.id WHERE s.outcome = "
	    "'running'", &st);
	if (rc != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a = area_find((const char *)sqlite3_column_text(st, 0));
		if (a == NULL || !session_live(h, sqlite3_column_int64(st, 2)))
			continue;
		exp_end = sqlite3_column_int64(st, 3);
		if (exp_end < now)
			exp_end = now;
		rlist_add(&l, a, side_parse((const char *)
		    sqlite3_column_text(st, 1)), exp_end +
		    sqlite3_column_int64(st, 4), 0, 1, now);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;
	/* Halted and deep-capped areas too, with their rule (issue 12). */
	if ((rc = hist_held_areas(h, now, &l)) != SQLITE_OK)
		goto fail;
	if (l.n > 1)
		qsort(l.v, l.n, sizeof *l.v, resting_cmp);
	*out = l.v;
	*n = l.n;
	return 0;

fail:
	free(l.v);
	return hist_fail(h, rc, "reading resting areas", cause);
}

/* Unix time of the local midnight that starts day (days since 1970). */
static int64_t
local_midnight(int64_t day)
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = 70;
	tm.tm_mday = 1 + (int)day;	/* mktime normalises the date */
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return day * 86400;
	return (int64_t)t;
}

/* Sessions in the last 7 days against the homework target. */
int
history_homework(struct history *h, const struct routine *r,
    struct homework_progress *hp, char **cause)
{
	const struct homework	*hw = &r->homework;
	sqlite3_stmt		*st;
	int64_t			 now, today, from, start;
	int			 rc;

	memset(hp, 0, sizeof *hp);
	if (!hw->present || r->id.s == NULL)
		return 0;
	now = clock_wall_s(h->clock);
	today = dates_day_of(now);
	hp->per_week = hw->per_week.set ? (int)hw->per_week.v : 0;
	if (hw->until_day.set) {
		hp->days_left = (int)(hw->until_day.v - today);
		if (hp->days_left < 0)
			hp->days_left = 0;
	}
	hp->active = (!hw->from_day.set || today >= hw->from_day.v) &&
	    (!hw->until_day.set || today <= hw->until_day.v);

	/* Sessions before the homework began were not homework. */
	from = now - WEEK_S;
	if (hw->from_day.set && (start = local_midnight(hw->from_day.v)) >
	    from)
		from = start - 1;
	rc = hist_prep(h, "SELECT count(*) FROM sessions s WHERE "
	    "s.routine_id = ?1 AND s.started_at > ?2 AND s.started_at <= ?3 "
	    "AND s.outcome IN " RAN_OUTCOMES " AND " HALF_DONE_SQL, &st);
	if (rc != SQLITE_OK)
		return hist_fail(h, rc, "reading homework progress", cause);
	sqlite3_bind_text(st, 1, r->id.s, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		hp->done_this_week = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return hist_fail(h, rc, "reading homework progress", cause);
	return 0;
}

/* The same file, or (when one does not exist yet) the same path. */
static int
same_file(const char *a, const char *b)
{
	struct stat	sa, sb;
	char		*ra, *rb, *d;
	int		 same;

	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	/* Compare the folders' real paths and the last names. */
	d = xstrdup(a);
	ra = realpath(dirname(d), NULL);
	free(d);
	d = xstrdup(b);
	rb = realpath(dirname(d), NULL);
	free(d);
	same = ra != NULL && rb != NULL && strcmp(ra, rb) == 0 &&
	    strcmp(strrchr(a, '/') ? strrchr(a, '/') + 1 : a,
	    strrchr(b, '/') ? strrchr(b, '/') + 1 : b) == 0;
	free(ra);
	free(rb);
	return same;
}

/* Whether path is the store or one of its files (see history.h). */
int
history_owns_path(const struct history *h, const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-live",
	    "-journal" };
	char	*p;
	size_t	 i;
	int	 owned = 0;

	for (i = 0; i < sizeof suffix / sizeof suffix[0] && !owned; i++) {
		xasprintf(&p, "%s%s", h->path, suffix[i]);
		owned = same_file(path, p);
		free(p);
	}
	return owned;
}
