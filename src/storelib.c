/*
 * The program's side of knead-store.so (modules.h): the sqlite3_*
 * functions the history store calls (history*.c) and the JSON reader
 * (json.h), each forwarded through the module's table, so that SQLite and
 * jansson are mapped only when a store is first opened, not at every
 * start of knead-core.so (a session draws its first frame before it opens
 * the store).
 *
 * The table is kept once loaded: a call takes it with one atomic load, not
 * the loader's lock (a report makes thousands of calls). Every SQLite call
 * but the open, the close of nothing and errstr has a connection or a
 * statement, so the module is loaded already. The history store asks
 * kmod_get(KMOD_STORE) before it opens a file and fails with kmod_why's
 * reason, as for any store it cannot open.
 */
#include "modules.h"

#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>

#include "json.h"

static const struct kmod_store *_Atomic storelib_kept;

/* The table, loading the module (NULL when it cannot be used). */
static const struct kmod_store *
storelib(void)
{
	const struct kmod_store	*m;

	m = atomic_load_explicit(&storelib_kept, memory_order_acquire);
	if (m == NULL && (m = kmod_get(KMOD_STORE)) != NULL)
		atomic_store_explicit(&storelib_kept, m, memory_order_release);
	return m;
}

int
sqlite3_open_v2(const char *path, sqlite3 **db, int flags, const char *vfs)
{
	const struct kmod_store	*m = storelib();

	if (m != NULL)
		return m->open_v2(path, db, flags, vfs);
	*db = NULL;
	return SQLITE_CANTOPEN;
}

int
sqlite3_close(sqlite3 *db)
{
	return db != NULL ? storelib()->close(db) : SQLITE_OK;
}

const char *
sqlite3_errstr(int rc)
{
	const struct kmod_store	*m = storelib();

	return m != NULL ? m->errstr(rc) : kmod_why(KMOD_STORE);
}

int
sqlite3_bind_int(sqlite3_stmt *st, int i, int v)
{
	return storelib()->bind_int(st, i, v);
}

int
sqlite3_bind_int64(sqlite3_stmt *st, int i, sqlite3_int64 v)
{
	return storelib()->bind_int64(st, i, v);
}

int
sqlite3_bind_null(sqlite3_stmt *st, int i)
{
	return storelib()->bind_null(st, i);
}

int
sqlite3_bind_text(sqlite3_stmt *st, int i, const char *s, int n,
    void (*del)(void *))
{
	return storelib()->bind_text(st, i, s, n, del);
}

int
sqlite3_busy_handler(sqlite3 *db, int (*fn)(void *, int), void *arg)
{
	return storelib()->busy_handler(db, fn, arg);
}

int
sqlite3_busy_timeout(sqlite3 *db, int ms)
{
	return storelib()->busy_timeout(db, ms);
}

int
sqlite3_changes(sqlite3 *db)
{
	return storelib()->changes(db);
}

int
sqlite3_clear_bindings(sqlite3_stmt *st)
{
	return storelib()->clear_bindings(st);
}

int
sqlite3_column_int(sqlite3_stmt *st, int i)
{
	return storelib()->column_int(st, i);
}

sqlite3_int64
sqlite3_column_int64(sqlite3_stmt *st, int i)
{
	return storelib()->column_int64(st, i);
}

const unsigned char *
sqlite3_column_text(sqlite3_stmt *st, int i)
{
	return storelib()->column_text(st, i);
}

int
sqlite3_column_type(sqlite3_stmt *st, int i)
{
	return storelib()->column_type(st, i);
}

sqlite3_filename
sqlite3_db_filename(sqlite3 *db, const char *name)
{
	return storelib()->db_filename(db, name);
}

int
sqlite3_db_readonly(sqlite3 *db, const char *name)
{
	return storelib()->db_readonly(db, name);
}

int
sqlite3_errcode(sqlite3 *db)
{
	return storelib()->errcode(db);
}

const char *
sqlite3_errmsg(sqlite3 *db)
{
	return storelib()->errmsg(db);
}

int
sqlite3_exec(sqlite3 *db, const char *sql,
    int (*fn)(void *, int, char **, char **), void *arg, char **err)
{
	return storelib()->exec(db, sql, fn, arg, err);
}

int
sqlite3_extended_result_codes(sqlite3 *db, int on)
{
	return storelib()->extended_result_codes(db, on);
}

int
sqlite3_finalize(sqlite3_stmt *st)
{
	/* NULL is a no-op, as in SQLite, and needs no module. */
	return st != NULL ? storelib()->finalize(st) : SQLITE_OK;
}

int
sqlite3_get_autocommit(sqlite3 *db)
{
	return storelib()->get_autocommit(db);
}

sqlite3_int64
sqlite3_last_insert_rowid(sqlite3 *db)
{
	return storelib()->last_insert_rowid(db);
}

int
sqlite3_prepare_v2(sqlite3 *db, const char *sql, int n, sqlite3_stmt **st,
    const char **tail)
{
	return storelib()->prepare_v2(db, sql, n, st, tail);
}

int
sqlite3_prepare_v3(sqlite3 *db, const char *sql, int n, unsigned int flags,
    sqlite3_stmt **st, const char **tail)
{
	return storelib()->prepare_v3(db, sql, n, flags, st, tail);
}

int
sqlite3_reset(sqlite3_stmt *st)
{
	return storelib()->reset(st);
}

int
sqlite3_step(sqlite3_stmt *st)
{
	return storelib()->step(st);
}

int
sqlite3_system_errno(sqlite3 *db)
{
	return storelib()->system_errno(db);
}

/* The JSON reader (json.h): without the module nothing is read. */
int
json_parse(const char *text, size_t len, struct json **out, char *err,
    size_t errlen)
{
	const struct kmod_store	*m = storelib();

	if (m != NULL)
		return m->json_parse(text, len, out, err, errlen);
	*out = NULL;
	if (errlen > 0)
		snprintf(err, errlen, "%s", kmod_why(KMOD_STORE));
	return -1;
}

void
json_free(struct json *v)
{
	/* A tree exists only if the module made it. */
	if (v != NULL)
		storelib()->json_free(v);
}

const struct json *
json_get(const struct json *o, const char *key)
{
	return o != NULL ? storelib()->json_get(o, key) : NULL;
}
