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
 *
 * This file opens and closes the store (paths, permissions, what the file
 * is, WAL) and holds the helpers the others share (history_int.h). Beside
 * it: history_schema.c (tables and migrations), history_live.c (live
 * session locks, the dead-session sweep), history_policy.c (the rest
 * policy), history_step.c (recording steps and the end), history_query.c,
 * history_limits.c, history_after.c, history_sync.c.
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
#include "diag.h"
#include "history_int.h"
#include "modules.h"
#include "plan.h"
#include "routine.h"
#include "shword.h"
#include "xmalloc.h"

#define HISTORY_APP_ID		0x6b6e6164	/* "knad" */
#define HISTORY_BUSY_MS		3000
#define WAL_RETRY_MS		10	/* set_wal's pause between tries */

/* Format a message into *cause (when cause is not NULL). */
void
hist_set_cause(char **cause, const char *fmt, ...)
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

/*
 * The store is locked for writing: name what holds it, and what to do
 * (waiting for a knead that writes it; ending another program).
 */
static void
locked_cause(const char *path, const char *what, char **cause)
{
	char	name[64], clean[64];
	long	pid;

	if (hist_lock_holder(path, &pid, name, sizeof name) != 0)
		hist_set_cause(cause, "%s is locked by a program knead cannot "
		    "name (waited %d s while %s): another computer's, or one "
		    "that has it open (fuser -v '%s' lists those); try again "
		    "when it has finished", path, HISTORY_BUSY_MS / 1000, what,
		    path);
	else if (strcmp(name, "knead") == 0)
		hist_set_cause(cause, "%s is being written by another knead "
		    "(process %ld; waited %d s while %s); try again when it "
		    "has finished", path, pid, HISTORY_BUSY_MS / 1000, what);
	else {
		diag_clean(name, clean, sizeof clean);
		hist_set_cause(cause, "%s is locked by %s%s(process %ld; "
		    "waited %d s while %s); try again when it has finished, "
		    "or end that program", path, clean, clean[0] != '\0' ?
		    " " : "", pid, HISTORY_BUSY_MS / 1000, what);
	}
}

/* Turn a SQLite failure into a message for the user (see history_int.h). */
int
hist_fail(struct history *h, int rc, const char *what, char **cause)
{
	const char	*path = h != NULL ? h->path : "";
	const char	*msg = sqlite3_errstr(rc);
	char		*word;

	/* The handle's message only when it is about this failure (a
	 * check that found damage leaves "not an error" there). */
	if (h != NULL && h->db != NULL &&
	    (sqlite3_errcode(h->db) & 0xff) == (rc & 0xff))
		msg = sqlite3_errmsg(h->db);
	/*
	 * SQLite says SQLITE_FULL only for a write that found no room; a
	 * file it could not make or grow for it (the -shm and -wal files a
	 * reading command needs) is an I/O error whose errno says why.
	 */
	if ((rc & 0xff) == SQLITE_IOERR && h != NULL && h->db != NULL &&
	    sqlite3_system_errno(h->db) == ENOSPC)
		rc = SQLITE_FULL;
	if ((rc & 0xff) == SQLITE_IOERR && h != NULL && h->db != NULL &&
	    sqlite3_system_errno(h->db) == EDQUOT) {
		hist_set_cause(cause, "%s: your disk quota is used up (while "
		    "%s)", path, what);
		return -1;
	}

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		locked_cause(path, what, cause);
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		hist_set_cause(cause, "%s cannot be written (%s while "
		    "%s); check the permissions of the file and its folder",
		    path, msg, what);
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		word = sh_word_dup(path);
		hist_set_cause(cause, "%s is damaged or is not a knead "
		    "history file (%s while %s); it was left untouched. Check "
		    "it with: sqlite3 %s 'PRAGMA integrity_check'",
		    path, msg, what, word);
		free(word);
		break;
	case SQLITE_FULL:
		hist_set_cause(cause, "%s: the disk is full (while %s)",
		    path, what);
		break;
	default:
		hist_set_cause(cause, "%s: %s (while %s)", path, msg,
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

/* A kept statement (see history_int.h). */
int
hist_prep_kept(struct history *h, const char *sql, sqlite3_stmt **st)
{
	struct hist_kept	*k;
	size_t			 i;
	int			 rc;

	for (i = 0; i < h->nkept; i++) {
		k = &h->kept[i];
		if (k->sql == sql && !k->busy) {
			k->busy = 1;
			*st = k->st;
			return SQLITE_OK;
		}
	}
	if (h->nkept == HIST_KEPT_MAX)
		return hist_prep(h, sql, st);	/* full: hist_done finalizes */
	rc = sqlite3_prepare_v3(h->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
	    NULL);
	if (rc != SQLITE_OK)
		return rc;
	k = &h->kept[h->nkept++];
	k->sql = sql;
	k->st = *st;
	k->busy = 1;
	return SQLITE_OK;
}

/* Hand back a statement (see history_int.h); NULL is ignored. */
void
hist_done(struct history *h, sqlite3_stmt *st)
{
	size_t	i;

	if (st == NULL)
		return;
	for (i = 0; i < h->nkept; i++) {
		if (h->kept[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			h->kept[i].busy = 0;
			return;
		}
	}
	sqlite3_finalize(st);
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
int
hist_exec(struct history *h, const char *sql)
{
	return sqlite3_exec(h->db, sql, NULL, NULL, NULL);
}

/* Read one integer (PRAGMA or SELECT); returns the SQLite code. */
int
hist_query_int(struct history *h, const char *sql, int64_t *out)
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
void
hist_rollback(struct history *h)
{
	if (!sqlite3_get_autocommit(h->db))
		hist_exec(h, "ROLLBACK");
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
			hist_set_cause(cause, "cannot create the history folder "
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
			hist_set_cause(cause, "%s: %s", path,
			    strerror(errno));
			return -1;
		}
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd == -1 && errno != EEXIST) {
			hist_set_cause(cause, "cannot create the history store "
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
		hist_set_cause(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		hist_set_cause(cause, "%s is not a regular file", path);
		return -1;
	}
	if ((sb.st_mode & S_IWUSR) == 0 || access(path, W_OK) == -1) {
		hist_set_cause(cause, "%s is read-only; knead needs to "
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

const char *
history_store_path(const char *path, char **def)
{
	const char	*env;

	*def = NULL;
	if (path != NULL && path[0] != '\0')
		return path;
	env = getenv("KNEAD_DB");
	if (env != NULL && env[0] != '\0')
		return env;
	return *def = history_default_path();
}

/*
 * The store's path (history_store_path; *is_default 1 for the default).
 * NULL with *cause when there is no home folder.
 */
static const char *
store_path(const char *path, char **def, int *is_default, char **cause)
{
	const char	*p = history_store_path(path, def);

	*is_default = p == *def;
	if (p == NULL)
		hist_set_cause(cause, "no home folder to keep the history in (HOME "
		    "is not set); give one with --db FILE or KNEAD_DB");
	return p;
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

	if ((rc = hist_exec(h, "BEGIN")) != SQLITE_OK ||
	    (rc = hist_query_int(h, "PRAGMA user_version", version)) != SQLITE_OK ||
	    (rc = hist_query_int(h, "PRAGMA application_id", &appid)) != SQLITE_OK ||
	    (rc = hist_query_int(h, "SELECT count(*) FROM sqlite_master", &ntables))
	    != SQLITE_OK || (rc = hist_exec(h, "COMMIT")) != SQLITE_OK) {
		hist_rollback(h);
		/* Reading needs the -shm file made: a read-only folder. */
		*wfail = write_fault(rc);
		return hist_fail(h, rc, "reading it", cause);
	}
	if (appid != 0 && appid != HISTORY_APP_ID) {
		hist_set_cause(cause, "%s belongs to another program "
		    "(application id %lld); it was left untouched", h->path,
		    (long long)appid);
		return -1;
	}
	if (*version == 0 && ntables != 0) {
		hist_set_cause(cause, "%s is an SQLite file but not a "
		    "knead history; it was left untouched", h->path);
		return -1;
	}
	/* Out of range either way (negative too): never index migrations. */
	if (*version < 0 || *version > HISTORY_SCHEMA_VERSION) {
		hist_set_cause(cause, "%s was written by a newer or unknown knead "
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

/*
 * Write-ahead logging, synced at checkpoints: crash-safe and quick.
 *
 * Two first starts at once both find a new file in rollback mode and both
 * need its exclusive lock to switch it: the one that asks second holds a
 * shared lock the other waits on, and SQLite answers it SQLITE_BUSY at
 * once, without the busy handler, to break that deadlock ("the busy
 * handler is not invoked if ... a deadlock", sqlite3_busy_handler). Letting
 * go (finalize) and asking again lets the first one finish; the second then
 * finds the file in WAL mode already. Bounded by the usual wait.
 */
static int
set_wal(struct history *h, char **cause)
{
	const struct timespec	 pause = { 0, WAL_RETRY_MS * 1000000L };
	sqlite3_stmt		*st;
	int			 rc, tries = HISTORY_BUSY_MS / WAL_RETRY_MS;

	for (;;) {
		rc = hist_prep(h, "PRAGMA journal_mode = WAL", &st);
		if (rc != SQLITE_OK)
			return hist_fail(h, rc, "setting WAL mode", cause);
		rc = sqlite3_step(st);
		if ((rc & 0xff) != SQLITE_BUSY || --tries <= 0)
			break;
		sqlite3_finalize(st);
		nanosleep(&pause, NULL);
	}
	if (rc != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st,
	    0), "wal") != 0) {
		sqlite3_finalize(st);
		return hist_fail(h, rc == SQLITE_ROW ? SQLITE_READONLY : rc,
		    "setting WAL mode", cause);
	}
	sqlite3_finalize(st);
	if ((rc = hist_exec(h, "PRAGMA synchronous = NORMAL")) != SQLITE_OK)
		return hist_fail(h, rc, "configuring it", cause);
	return 0;
}

/*
 * SQLite is in knead-store.so (modules.h, storelib.c): without it no store
 * opens, and path is left as it was. 0, or -1 with *cause saying why.
 */
static int
store_lib(const char *path, char **cause)
{
	if (kmod_get(KMOD_STORE) != NULL)
		return 0;
	hist_set_cause(cause, "%s cannot be opened: %s", path,
	    kmod_why(KMOD_STORE));
	return -1;
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
	if (store_lib(path, cause) != 0) {
		free(def);
		return -1;
	}
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
	/*
	 * A reading command never makes a store of an empty file (touched,
	 * or another knead about to make it): it holds no session, read as
	 * the empty store in memory; the file is left as it is.
	 */
	if ((flags & OPEN_NOCREATE) && version == 0) {
		history_close(h);
		return open_store(NULL, c, target, OPEN_MEMORY, NULL, out,
		    cause);
	}
	/* From here on the store is written to. */
	if (!(flags & OPEN_MEMORY)) {
		*wfail = 1;
		if ((ret = set_wal(h, cause)) != 0)
			goto fail;
	}
	if ((ret = hist_bring_up(h, version, target, cause)) != 0)
		goto fail;
	if (target == HISTORY_SCHEMA_VERSION && !(flags & OPEN_MEMORY) &&
	    (ret = hist_sweep_dead(h, cause)) != 0)
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
		if ((rc = hist_query_int(h, "PRAGMA user_version", &version)) ==
		    SQLITE_OK && (rc = hist_query_int(h, "PRAGMA application_id",
		    &appid)) == SQLITE_OK)
			break;
	}
	if (rc != SQLITE_OK) {
		hist_fail(h, rc, "reading it", cause);
		history_close(h);
		return -1;
	}
	if (version != HISTORY_SCHEMA_VERSION || appid != HISTORY_APP_ID) {
		hist_set_cause(cause, "%s must be upgraded before it can be read "
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
			hist_set_cause(cause, "there is no history store at %s "
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
	char		*def, *live;
	int64_t		 version, appid;
	int		 rc, ret;

	*out = NULL;
	if ((path = history_store_path(path, &def)) == NULL) {
		hist_set_cause(cause, "no home folder (HOME is not set)");
		return -1;
	}
	if (access(path, R_OK) != 0) {
		ret = errno;
		hist_set_cause(cause, "%s: %s", path, strerror(ret));
		free(def);
		return ret == ENOENT ? 0 : -1;
	}
	if (store_lib(path, cause) != 0) {
		free(def);
		return -1;
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
	if ((rc = hist_query_int(h, "PRAGMA user_version", &version)) != SQLITE_OK ||
	    (rc = hist_query_int(h, "PRAGMA application_id", &appid)) != SQLITE_OK) {
		ret = hist_fail(h, rc, "reading it", cause);
		goto fail;
	}
	if (appid != HISTORY_APP_ID || version != HISTORY_SCHEMA_VERSION) {
		hist_set_cause(cause, "%s is not a knead history of schema %d",
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
		hist_set_cause(cause, "no schema version %d", version);
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
	size_t	i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nkept; i++)
		sqlite3_finalize(h->kept[i].st);
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
enum side
hist_side_parse(const char *s)
{
	if (s != NULL && strcmp(s, "left") == 0)
		return SIDE_LEFT;
	if (s != NULL && strcmp(s, "right") == 0)
		return SIDE_RIGHT;
	return SIDE_NONE;
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

/* Whether path is the store at store or one of its files. */
static int
owns_path(const char *store, const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-live",
	    "-journal", "-reserve" };
	char	*p;
	size_t	 i;
	int	 owned = 0;

	for (i = 0; i < sizeof suffix / sizeof suffix[0] && !owned; i++) {
		xasprintf(&p, "%s%s", store, suffix[i]);
		owned = same_file(path, p);
		free(p);
	}
	return owned;
}

/* Whether path is the store or one of its files (see history.h). */
int
history_owns_path(const struct history *h, const char *path)
{
	return owns_path(h->path, path);
}

/* The same, for the store db names, before it is opened (history.h). */
int
history_path_owns(const char *db, const char *path)
{
	const char	*store;
	char		*def, *cause = NULL;
	int		 is_default, owned;

	if ((store = store_path(db, &def, &is_default, &cause)) == NULL) {
		free(cause);
		return 0;
	}
	owned = owns_path(store, path);
	free(def);
	return owned;
}
