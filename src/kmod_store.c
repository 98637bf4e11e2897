/*
 * knead-store.so's table (modules.h): what the program finds with dlsym.
 * SQLite's functions the history store calls (history*.c, in the program),
 * taken as they are from libsqlite3, and the export's JSON reader
 * (json.c, with jansson), built only into the module.
 */
#include "modules.h"

#include <sqlite3.h>

#include "json.h"

KMOD_EXPORT const struct kmod_store knead_module = {
	{ KMOD_ABI, sizeof (struct kmod_store), KNEAD_VERSION },
	sqlite3_bind_int,
	sqlite3_bind_int64,
	sqlite3_bind_null,
	sqlite3_bind_text,
	sqlite3_busy_handler,
	sqlite3_busy_timeout,
	sqlite3_changes,
	sqlite3_clear_bindings,
	sqlite3_close,
	sqlite3_column_int,
	sqlite3_column_int64,
	sqlite3_column_text,
	sqlite3_column_type,
	sqlite3_db_filename,
	sqlite3_db_readonly,
	sqlite3_errcode,
	sqlite3_errmsg,
	sqlite3_errstr,
	sqlite3_exec,
	sqlite3_extended_result_codes,
	sqlite3_finalize,
	sqlite3_get_autocommit,
	sqlite3_last_insert_rowid,
	sqlite3_open_v2,
	sqlite3_prepare_v2,
	sqlite3_prepare_v3,
	sqlite3_reset,
	sqlite3_step,
	sqlite3_system_errno,
	json_parse,
	json_free,
	json_get
};
