/*
 * The desk worker's commands: `knead status --line` (one line for tmux's
 * status-right) and `knead remind` (break reminders by a systemd user
 * timer or cron, and the notification they send).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "clock.h"
#include "desk.h"
#include "exitcodes.h"
#include "history.h"
#include "library.h"
#include "routine.h"

/* "14:05", or "Tue 14:05" when it is not within the next 20 hours. */
static void
clock_text(int64_t t, int64_t now, char *buf, size_t len)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, t - now >= 20 * 3600 ? "%a %H:%M" : "%H:%M",
	    &tm) == 0)
		snprintf(buf, len, "later");
}

/*
 * The status line: "break in 12 min" (reminders set, the last break
 * recent), "desk-break ready", "resting until 14:05", or nothing.
 */
static void
status_line(const char *db, const char *dir)
{
	struct remind_conf	 conf;
	struct history		*h = NULL;
	struct library		 lib;
	struct desk_pick	 pick;
	char			*cause = NULL, when[32];
	int64_t			 now, last, due;
	int			 have_conf, rc;

	tzset();
	now = clock_wall_s(&clock_system);
	have_conf = desk_conf_read(desk_conf_path(), &conf) == 0;
	rc = history_open_readonly(db, &clock_system, &h, &cause);
	free(cause);
	cause = NULL;
	if (rc != 0 && rc != KNEAD_EXIT_NOINPUT)
		return;
	memset(&lib, 0, sizeof lib);
	if (dir != NULL)
		library_add_dir(&lib, dir);
	library_load(&lib, NULL);
	if (desk_pick(h, &lib, have_conf ? conf.routine : NULL, &pick,
	    &cause) != 0)
		goto out;
	if (pick.e != NULL) {
		last = h != NULL && have_conf ?
		    desk_last_break(h, now - conf.every_s) : 0;
		if (last == INT64_MAX)
			printf("break on now\n");
		else if (last != 0 && desk_in_window(&conf, now)) {
			due = last + conf.every_s - now;
			printf("break in %lld min\n",
			    (long long)((due + 59) / 60));
		} else
			printf("%s ready\n", pick.e->routine->id.s);
	} else if (pick.ready_at != 0) {
		clock_text(pick.ready_at, now, when, sizeof when);
		printf("resting until %s\n", when);
	}
out:
	free(cause);
	library_free(&lib);
	if (h != NULL)
		history_close(h);
}

/* knead status --line [--db FILE] [--routines DIR]: never fails. */
int
cmd_status_line(int argc, char **argv)
{
	const char	*db = NULL, *dir = NULL;
	int		 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			db = argv[i] + 5;
		else if (strcmp(argv[i], "--routines") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strncmp(argv[i], "--routines=", 11) == 0)
			dir = argv[i] + 11;
	}
	status_line(db, dir);
	fflush(stdout);
	return KNEAD_EXIT_OK;
}
