/*
 * The store's schema: every version's tables as SQL, the migrations from
 * each version to the next, and the upgrade that runs them in one
 * transaction (history_int.h). SQLite only here and in history*.c.
 */
#include "history.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "history_int.h"

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

/*
 * Version 6 to 7 (issue 12): limit_events' rule gains the words "sore" (the
 * rest DOMAIN extends to 48 h after next-day soreness of 4/10 or more; it
 * was stored "rest" in version 6, and such rows stay "rest": nothing tells
 * them apart) and "still-sore" (the area blocked until a check-in says it
 * is better: DOMAIN's "soreness > 72 h or increasing -> block the area and
 * advise clinician"), so the table is rebuilt for its CHECK.
 * aftercare_checkins keeps the follow-up check-ins ("Is it still sore?")
 * about a session's areas rated sore the day after: rating NULL when
 * skipped, blocks 1 when the answer blocked the area (history_after.c).
 */
static const char migrate_v6_v7[] =
	"CREATE TABLE limit_events_v7 ("
	" session_id INTEGER NOT NULL REFERENCES sessions (id)"
	"  ON DELETE CASCADE,"
	" action TEXT NOT NULL CHECK (action IN"
	"  ('refused', 'overridden', 'skipped')),"
	" area TEXT,"
	" side TEXT NOT NULL DEFAULT '',"
	" free_at INTEGER NOT NULL,"
	" clock_behind INTEGER NOT NULL DEFAULT 0,"
	" rule TEXT CHECK (rule IS NULL OR rule IN ('rest', 'per-week',"
	"  'per-month', 'deep-cap', 'halted', 'sore', 'still-sore')));"
	"INSERT INTO limit_events_v7 (rowid, session_id, action, area, side,"
	" free_at, clock_behind, rule) SELECT rowid, session_id, action, area,"
	" side, free_at, clock_behind, rule FROM limit_events;"
	"DROP TABLE limit_events;"
	"ALTER TABLE limit_events_v7 RENAME TO limit_events;"
	"CREATE INDEX limit_events_session ON limit_events (session_id);"
	"CREATE TABLE aftercare_checkins ("
	" session_id INTEGER NOT NULL REFERENCES sessions (id)"
	"  ON DELETE CASCADE,"
	" area TEXT NOT NULL,"
	" side TEXT NOT NULL DEFAULT '',"
	" rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 0 AND 10),"
	" asked_at INTEGER NOT NULL,"
	" blocks INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (session_id, area, side, asked_at));"
	"CREATE INDEX aftercare_checkins_area ON aftercare_checkins"
	" (area, side, asked_at);";

/*
 * Version 7 to 8 (tester A3): what made the user halt (!), asked once
 * after the halt's safety note: halt_why.h's words, NULL when not asked
 * (every older session) or not answered (history_halt_why).
 */
static const char migrate_v7_v8[] =
	"ALTER TABLE sessions ADD COLUMN halt_why TEXT CHECK (halt_why IS NULL"
	" OR halt_why IN ('sharp-pain', 'numbness-tingling', 'shooting',"
	" 'other'));";

/* migrations[v] takes a store from version v to v + 1. */
static const char *const migrations[HISTORY_SCHEMA_VERSION] = {
	schema_v1,
	migrate_v1_v2,
	migrate_v2_v3,
	migrate_v3_v4,
	migrate_v4_v5,
	migrate_v5_v6,
	migrate_v6_v7,
	migrate_v7_v8,
};

/* Bring the store to the current schema, one version per transaction. */
static int
migrate(struct history *h, int64_t version, char **cause)
{
	int64_t	v;
	char	sql[64];
	int	rc;

	while (version < HISTORY_SCHEMA_VERSION) {
		if ((rc = hist_exec(h, "BEGIN IMMEDIATE")) != SQLITE_OK)
			return hist_fail(h, rc, "upgrading the store", cause);
		/* Another knead may have migrated while we waited. */
		if ((rc = hist_query_int(h, "PRAGMA user_version", &v)) != SQLITE_OK)
			goto fail;
		if (v != version) {
			hist_rollback(h);
			if (v < 0 || v > HISTORY_SCHEMA_VERSION)
				break;
			version = v;
			continue;
		}
		if ((rc = hist_exec(h, migrations[version])) != SQLITE_OK)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %lld",
		    (long long)version + 1);
		if ((rc = hist_exec(h, sql)) != SQLITE_OK)
			goto fail;
		if ((rc = hist_exec(h, "PRAGMA application_id = 1802396004"))
		    != SQLITE_OK)
			goto fail;
		if ((rc = hist_exec(h, "COMMIT")) != SQLITE_OK)
			goto fail;
		version++;
	}
	return 0;
fail:
	hist_fail(h, rc, "upgrading the store", cause);
	hist_rollback(h);
	return -1;
}

/*
 * Bring the store from version to the current schema, or (tests only) to
 * an older target, one version at a time. Migrations run before foreign
 * keys are enforced (table renames).
 */
int
hist_bring_up(struct history *h, int64_t version, int target, char **cause)
{
	char	sql[64];
	int	rc;

	if (target < HISTORY_SCHEMA_VERSION) {
		while (version < target) {
			rc = hist_exec(h, migrations[version]);
			if (rc != SQLITE_OK)
				return hist_fail(h, rc, "creating it", cause);
			version++;
			snprintf(sql, sizeof sql, "PRAGMA user_version = %lld",
			    (long long)version);
			hist_exec(h, sql);
		}
	} else if (version < HISTORY_SCHEMA_VERSION) {
		if (migrate(h, version, cause) != 0)
			return -1;
		if ((rc = hist_query_int(h, "PRAGMA user_version", &version)) !=
		    SQLITE_OK)
			return hist_fail(h, rc, "upgrading it", cause);
		if (version != HISTORY_SCHEMA_VERSION) {
			hist_set_cause(cause, "%s was upgraded by a newer knead "
			    "meanwhile; it was left untouched", h->path);
			return -1;
		}
	}
	if ((rc = hist_exec(h, "PRAGMA foreign_keys = ON")) != SQLITE_OK)
		return hist_fail(h, rc, "configuring it", cause);
	return 0;
}
