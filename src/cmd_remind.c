/*
 * The desk worker's commands: `knead status --line` (one line for tmux's
 * status-right) and `knead remind` (break reminders by a systemd user
 * timer or cron, and the notification they send).
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "dates.h"
#include "desk.h"
#include "deskidx.h"
#include "deskline.h"
#include "exitcodes.h"
#include "history.h"
#include "i18n.h"
#include "library.h"
#include "inbox.h"
#include "notify.h"
#include "plan.h"
#include "refusal.h"
#include "routine.h"
#include "statusline.h"
#include "xmalloc.h"

extern char **environ;

/*
 * The line's facts from the store at now: 0 (*cacheable when they hold
 * until dl->until whatever happens but a change to a file of the key),
 * or -1 (say nothing).
 */
static int
line_facts(const char *db, struct library *lib, uint64_t libkey,
    int libracy, const struct remind_conf *conf, int have_conf, int64_t now,
    struct deskline *dl, int *cacheable)
{
	struct history		*h = NULL;
	struct desk_pick	 pick;
	char			*cause = NULL;
	int			 rc;

	memset(dl, 0, sizeof *dl);
	*cacheable = 0;
	rc = history_open_readonly(db, &clock_system, &h, &cause);
	free(cause);
	cause = NULL;
	if (rc != 0)	/* no store (h NULL) is fine: nothing recorded */
		return -1;
	/* The break clock (desk.h): a session running now, or the last */
	/* break inside the reminders' interval. */
	dl->last = desk_last_break(h, have_conf ? now - conf->every_s : now);
	/* The index: the one or two files needed, not the library. */
	rc = dl->last < 0 ? -1 : deskidx_pick_key(deskidx_path(), libkey,
	    libracy, h, lib, have_conf ? conf->routine : NULL, &pick, &cause);
	free(cause);
	if (rc != 0) {
		if (h != NULL)
			history_close(h);
		return -1;
	}
	dl->at = now;
	dl->until = now + DESKLINE_MAX_S;
	if (pick.e != NULL)
		snprintf(dl->pick, sizeof dl->pick, "%s",
		    pick.e->routine->id.s);
	else
		dl->ready_at = pick.ready_at;
	/* Until a candidate before it rests no more; until the next break */
	/* is due ("break in N min" becomes "ready"). */
	if (pick.ready_at > now && pick.ready_at < dl->until)
		dl->until = pick.ready_at;
	if (have_conf && desk_break_due(conf, dl->last, now) > now &&
	    desk_break_due(conf, dl->last, now) < dl->until)
		dl->until = desk_break_due(conf, dl->last, now);
	*cacheable = !pick.moving && dl->last != INT64_MAX &&
	    dl->until > now && (pick.e != NULL || pick.ready_at == 0 ||
	    pick.ready_at > now) && (h == NULL || !history_any_running(h));
	if (h != NULL)
		history_close(h);
	return 0;
}

/*
 * knead status --line [--db FILE] [--routines DIR]: "break in 12 min"
 * (reminders set, the last break recent), "desk-break ready", "resting
 * until 14:05", or nothing. From the kept answer (deskline.h) when nothing
 * it depends on changed; the front (main.c) has usually given it
 * already. Never fails.
 */
int
cmd_status_line(int argc, char **argv)
{
	struct statusline	 sl;
	int			 cacheable;

	if (statusline_begin(&sl, argc, argv) == 0) {
		if (statusline_kept(&sl) == 0)
			statusline_print(&sl);
		else if (line_facts(sl.db, &sl.lib, sl.libkey, sl.libracy,
		    &sl.conf, sl.have_conf, sl.now, &sl.dl, &cacheable) == 0) {
			if (cacheable && !sl.racy && !sl.libracy)
				(void)deskline_write(deskline_path(), sl.key,
				    &sl.dl);
			statusline_print(&sl);
		}
	}
	statusline_end(&sl);
	/* Silent on errors (its help says so): tmux shows nothing. */
	(void)fflush(stdout);
	clearerr(stdout);
	return KNEAD_EXIT_OK;
}

/* ---- knead remind ---- */

#define TIMER_NAME	"knead-remind.timer"
#define SERVICE_NAME	"knead-remind.service"

/* $XDG_CONFIG_HOME/systemd/user (the parent of knead's config folder). */
static void
unit_dir(char *buf, size_t len)
{
	const char	*cfg = library_config_dir();
	size_t		 n = strlen(cfg);

	if (n >= 6 && strcmp(cfg + n - 6, "/knead") == 0)
		n -= 6;
	snprintf(buf, len, "%.*s/systemd/user", (int)n, cfg);
}

/* mkdir -p of the folders above path (0700 when new). */
static int
make_parents(const char *path)
{
	char	buf[4096], *p;

	snprintf(buf, sizeof buf, "%s", path);
	for (p = buf + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(buf, 0700) == -1 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

/* Run a command quietly; its exit status, or -1 when it cannot run. */
static int
run_quiet(const char *const argv[])
{
	posix_spawn_file_actions_t fa;
	pid_t	pid;
	int	st, rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
	    environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -1;
	while (waitpid(pid, &st, 0) == -1) {
		if (errno != EINTR)
			return -1;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * Run a command, its standard output into buf (at most len - 1 bytes, NUL
 * ended), stdin and stderr to /dev/null. Its exit status, or -1.
 */
static int
run_capture(const char *const argv[], char *buf, size_t len)
{
	posix_spawn_file_actions_t fa;
	pid_t	pid;
	size_t	n = 0;
	ssize_t	r;
	int	st, rc, p[2];

	buf[0] = '\0';
	if (pipe2(p, O_CLOEXEC) == -1)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
	    environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		return -1;
	}
	while ((r = read(p[0], buf + n, len - 1 - n)) != 0) {
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			break;
		n += (size_t)r;
		if (n == len - 1) {	/* the rest is not wanted */
			char	skip[256];

			while (read(p[0], skip, sizeof skip) > 0)
				;
			break;
		}
	}
	buf[n] = '\0';
	close(p[0]);
	while (waitpid(pid, &st, 0) == -1) {
		if (errno != EINTR)
			return -1;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Does a systemd user manager answer? */
static int
user_manager(void)
{
	const char *const argv[] = { "systemctl", "--user", "show-environment",
	    NULL };

	return run_quiet(argv) == 0;
}

static const char *const reload_argv[] = { "systemctl", "--user",
    "daemon-reload", NULL };

/*
 * Append word w of a command line to buf (of len, holding *o bytes) as a
 * systemd unit's ExecStart reads it (unit) or as cron's sh does: quoted
 * unless it holds only letters, digits and /._+,:=@-; for systemd a % or
 * $ doubled, for cron a % escaped (cron turns a bare one into a newline).
 */
static void
cmd_word(char *buf, size_t len, size_t *o, const char *w, int unit)
{
	const char	*p, *add;
	char		 one[2] = { 0, 0 }, two[3] = { 0, 0, 0 };
	int		 quote;

	quote = w[0] == '\0' || strspn(w, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._+,:=@-") != strlen(w);
	if (*o > 0 && *o < len)
		*o += (size_t)snprintf(buf + *o, len - *o, " ");
	if (quote && *o < len)
		*o += (size_t)snprintf(buf + *o, len - *o, unit ? "\"" : "'");
	for (p = w; *p != '\0' && *o < len; p++) {
		one[0] = *p;
		two[0] = two[1] = *p;
		if (unit)
			add = *p == '"' ? "\\\"" : *p == '\\' ? "\\\\" :
			    *p == '%' || *p == '$' ? two : one;
		else
			add = *p == '\'' ? "'\\''" : *p == '%' ? "\\%" : one;
		*o += (size_t)snprintf(buf + *o, len - *o, "%s", add);
	}
	if (quote && *o < len)
		*o += (size_t)snprintf(buf + *o, len - *o, unit ? "\"" : "'");
}

/*
 * The command the timer (unit) or cron runs: this binary, absolute, with
 * the store and the routine folder the reminder was set with.
 */
static void
self_command(const char *db, const char *dir, int unit, char *buf,
    size_t len)
{
	char	exe[4096];
	ssize_t	n;
	size_t	o = 0;

	buf[0] = '\0';
	if (db == NULL && (db = getenv("KNEAD_DB")) != NULL && db[0] == '\0')
		db = NULL;	/* the store this knead uses now */
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		snprintf(exe, sizeof exe, "knead");
	else
		exe[n] = '\0';
	cmd_word(buf, len, &o, exe, unit);
	cmd_word(buf, len, &o, "remind", unit);
	cmd_word(buf, len, &o, "--notify", unit);
	if (db != NULL) {
		cmd_word(buf, len, &o, "--db", unit);
		cmd_word(buf, len, &o, db, unit);
	}
	if (dir != NULL) {
		cmd_word(buf, len, &o, "--routines", unit);
		cmd_word(buf, len, &o, dir, unit);
	}
}

static int
write_file(const char *path, const char *text)
{
	FILE	*fp;
	int	 bad;

	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	fputs(text, fp);
	bad = ferror(fp);
	return fclose(fp) != 0 || bad ? -1 : 0;
}

/* Write the two unit files; 0 or -1 after saying why. */
static int
write_units(const struct remind_conf *c, const char *cmd)
{
	char	dir[4096], path[4200], days[64], *text;
	int	rc;

	unit_dir(dir, sizeof dir);
	desk_days_text(c->days, 0, days, sizeof days);
	days[0] = (char)toupper((unsigned char)days[0]);
	for (char *p = days; (p = strchr(p, ',')) != NULL; p++)
		p[1] = (char)toupper((unsigned char)p[1]);
	snprintf(path, sizeof path, "%s/%s", dir, SERVICE_NAME);
	if (make_parents(path) == -1)
		goto fail;
	xasprintf(&text, "# Written by knead remind; 'knead remind --off' "
	    "removes it.\n[Unit]\nDescription=knead: suggest a massage "
	    "break when one is due\nDocumentation=man:knead(1)\n\n"
	    "[Service]\nType=oneshot\nExecStart=%s\n", cmd);
	rc = write_file(path, text);
	free(text);
	if (rc == -1)
		goto fail;
	snprintf(path, sizeof path, "%s/%s", dir, TIMER_NAME);
	xasprintf(&text, "# Written by knead remind; 'knead remind --off' "
	    "removes it.\n[Unit]\nDescription=knead: a break every %lld "
	    "min, %02d:%02d-%02d:%02d\nDocumentation=man:knead(1)\n\n"
	    "[Timer]\n# knead remind --notify checks whether a break is due"
	    "\nOnCalendar=%s *-*-* %02d..%02d:00/%d:00\nAccuracySec=30s\n\n"
	    "[Install]\nWantedBy=timers.target\n",
	    (long long)(c->every_s / 60), c->from_min / 60, c->from_min % 60,
	    c->to_min / 60, c->to_min % 60, days, c->from_min / 60,
	    (c->to_min - 1) / 60, desk_check_step(c));
	rc = write_file(path, text);
	free(text);
	if (rc == 0)
		return 0;
fail:
	fprintf(stderr, _("knead remind: %s: %s\n"), path, strerror(errno));
	return -1;
}

/* The crontab line doing what the timer does. */
static void
print_cron(const struct remind_conf *c, const char *cmd)
{
	const char	*rt = getenv("XDG_RUNTIME_DIR");
	char		 days[64], bus[300] = "";

	desk_days_text(c->days, 1, days, sizeof days);
	if (getenv("DBUS_SESSION_BUS_ADDRESS") != NULL)
		snprintf(bus, sizeof bus, "DBUS_SESSION_BUS_ADDRESS=%s ",
		    getenv("DBUS_SESSION_BUS_ADDRESS"));
	else if (rt != NULL)
		snprintf(bus, sizeof bus, "DBUS_SESSION_BUS_ADDRESS="
		    "unix:path=%s/bus ", rt);
	printf("\n*/%d %d-%d * * %s %s%s\n", desk_check_step(c),
	    c->from_min / 60,
	    (c->to_min - 1) / 60, days, bus, cmd);
}

/* $XDG_STATE_HOME/knead/remind-last: when the last notification went. */
static void
last_path(char *buf, size_t len)
{
	const char	*x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (x != NULL && x[0] == '/')
		snprintf(buf, len, "%s/knead/remind-last", x);
	else
		snprintf(buf, len, "%s/.local/state/knead/remind-last",
		    home != NULL ? home : "");
}

static int64_t
last_notified(void)
{
	char		 path[4096];
	FILE		*fp;
	long long	 t = 0;

	last_path(path, sizeof path);
	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(fp, "%lld", &t) != 1)
		t = 0;
	fclose(fp);
	return t;
}

static void
set_notified(int64_t t)
{
	char	path[4096], text[32];

	last_path(path, sizeof path);
	snprintf(text, sizeof text, "%lld\n", (long long)t);
	if (make_parents(path) == 0)
		(void)write_file(path, text);
}

/*
 * Is a break due now by the settings? Inside the window, the break clock
 * (desk_break_due of last) run out, and the last notification at least
 * every_s ago.
 */
static int
break_due(int64_t last, const struct remind_conf *c, int64_t now)
{
	if (!desk_in_window(c, now) || desk_break_due(c, last, now) > now)
		return 0;
	return now - last_notified() >= c->every_s - 60;
}

/*
 * knead remind --notify: a notification naming a routine that can run
 * now; with no notification service, a line on every running knead
 * session's status line (inbox.h). Nothing to suggest, not due, or nobody
 * to tell: nothing, exit 0.
 */
static int
remind_notify(const char *db, const char *dir, const char *named)
{
	struct remind_conf	 conf;
	struct history		*h = NULL;
	struct library		 lib;
	struct desk_pick	 pick;
	char			*cause = NULL, title[256], body[512], line[300];
	int64_t			 now = clock_wall_s(&clock_system), last;
	int			 have_conf, rc;

	tzset();
	have_conf = desk_conf_read(desk_conf_path(), &conf) == 0;
	if (named == NULL && have_conf && conf.routine[0] != '\0')
		named = conf.routine;
	rc = history_open_readonly(db, &clock_system, &h, &cause);
	free(cause);
	cause = NULL;
	if (rc != 0)	/* no store (h NULL) is fine: nothing recorded */
		return KNEAD_EXIT_OK;
	/*
	 * A session running now is a break (none is suggested during one,
	 * settings or not); a store that cannot say, nothing either.
	 */
	last = desk_last_break(h, have_conf ? now - conf.every_s : now);
	if (last < 0 || last == INT64_MAX ||
	    (have_conf && !break_due(last, &conf, now))) {
		if (h != NULL)
			history_close(h);
		return KNEAD_EXIT_OK;
	}
	memset(&lib, 0, sizeof lib);
	if (dir != NULL)
		library_add_dir(&lib, dir);
	library_load(&lib, NULL);
	if (desk_pick(h, &lib, named, &pick, &cause) == 0 && pick.e != NULL) {
		snprintf(title, sizeof title, _("Time for a break: %s"),
		    pick.e->routine->title.s);
		snprintf(body, sizeof body, _("%llu min%s%s\nStart it: knead "
		    "run %s"),
		    (unsigned long long)plan_minutes(pick.total_ms),
		    pick.areas[0] != '\0' ? ", " : "", pick.areas,
		    pick.e->routine->id.s);
		/*
		 * No notification service (a bare SSH session): one line on
		 * the status line of every running knead session instead.
		 */
		snprintf(line, sizeof line, "%s (%llu min): knead run %s",
		    title, (unsigned long long)plan_minutes(pick.total_ms),
		    pick.e->routine->id.s);
		if (notify_send(title, body) == 0 || inbox_send(line) > 0)
			set_notified(now);
	}
	free(cause);
	library_free(&lib);
	if (h != NULL)
		history_close(h);
	return KNEAD_EXIT_OK;
}

/* knead remind --off: disable and remove the timer and the settings. */
static int
remind_off(void)
{
	char	dir[4096], path[4200];
	int	removed = 0, manager;

	unit_dir(dir, sizeof dir);
	if ((manager = user_manager())) {
		const char *const argv[] = { "systemctl", "--user", "disable",
		    "--now", TIMER_NAME, NULL };

		(void)run_quiet(argv);
	}
	snprintf(path, sizeof path, "%s/%s", dir, TIMER_NAME);
	removed += unlink(path) == 0;
	snprintf(path, sizeof path, "%s/%s", dir, SERVICE_NAME);
	removed += unlink(path) == 0;
	removed += unlink(desk_conf_path()) == 0;
	if (manager)
		(void)run_quiet(reload_argv);
	if (removed == 0)
		printf(_("No break reminders were set.\n"));
	else
		printf(_("Break reminders are off (the timer and %s are "
		    "removed).\nA crontab line for 'knead remind --notify', "
		    "if you added one, stays:\nremove it with 'crontab -e'.\n"),
		    desk_conf_path());
	return KNEAD_EXIT_OK;
}

/*
 * The timer's next check as the systemd user manager says it (0 when it
 * gives none) and *active whether the timer is active.
 */
static int64_t
systemd_next(int *active)
{
	const char *const show[] = { "systemctl", "--user", "--timestamp=unix",
	    "show", TIMER_NAME, "-p", "NextElapseUSecRealtime", "--value",
	    NULL };
	const char *const is_active[] = { "systemctl", "--user", "is-active",
	    "--quiet", TIMER_NAME, NULL };
	char	out[128];

	*active = run_quiet(is_active) == 0;
	if (!*active || run_capture(show, out, sizeof out) != 0)
		return 0;
	return desk_systemd_time(out);
}

/* Say the timer's next check, and whose reckoning it is. */
static void
say_next_check(int64_t check, int from_systemd, const char *why, int64_t now)
{
	char	when[32];

	if (check == 0)
		return;
	dates_clock(check, now, when, sizeof when);
	if (from_systemd)
		printf(_("Next check by the timer: %s (as systemd says)\n"),
		    when);
	else
		printf(_("Next check by the timer: %s (reckoned by knead: "
		    "%s)\n"), when, why);
}

/*
 * An interval no shorter than the window's hours: one break a day at
 * most (the timer counts from the last break, and each day's window
 * starts the count again), said so rather than left to be found out.
 */
static void
say_one_a_day(const struct remind_conf *c)
{
	if (c->every_s >= (int64_t)(c->to_min - c->from_min) * 60)
		printf(_("(An interval this long fits once in "
		    "%02d:%02d-%02d:%02d: at most one reminder a day.)\n"),
		    c->from_min / 60, c->from_min % 60, c->to_min / 60,
		    c->to_min % 60);
}

/* knead remind --status: the settings, the timer and the next break. */
static int
remind_status(const char *db)
{
	struct remind_conf	 conf;
	struct history		*h = NULL;
	char			 dir[4096], path[4200], days[64], *cause = NULL;
	char			 when[32], span[32];
	const char		*why;
	int64_t			 now = clock_wall_s(&clock_system), last, due;
	int64_t			 check = 0, next;
	int			 timer, active = 0;

	tzset();
	if (desk_conf_read(desk_conf_path(), &conf) != 0) {
		printf(_("No break reminders are set ('knead remind --every "
		    "50m' sets them).\n"));
		return KNEAD_EXIT_OK;
	}
	desk_days_text(conf.days, 0, days, sizeof days);
	refusal_left(conf.every_s, span, sizeof span);
	printf(_("A break every %s, %02d:%02d-%02d:%02d on %s%s%s.\n"),
	    span, conf.from_min / 60,
	    conf.from_min % 60, conf.to_min / 60, conf.to_min % 60, days,
	    conf.routine[0] != '\0' ? _(", suggesting ") : "", conf.routine);
	say_one_a_day(&conf);
	unit_dir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/%s", dir, TIMER_NAME);
	timer = access(path, F_OK) == 0;
	why = _("no systemd user manager answers");
	if (timer && user_manager()) {
		check = systemd_next(&active);
		printf(_("Timer: %s (%s)\n"), path, active ?
		    _("active") : _("installed, not active"));
		why = active ? _("systemd gives no time") :
		    _("the timer is not active");
	} else if (timer)
		printf(_("Timer: %s (no systemd user manager answers: use the "
		    "crontab line)\n"), path);
	else {
		printf(_("Timer: none (a crontab line runs 'knead remind "
		    "--notify')\n"));
		why = _("as the crontab line runs");
	}
	say_next_check(check != 0 ? check : desk_next_check(&conf, now),
	    check != 0, why, now);
	if (history_open_readonly(db, &clock_system, &h, &cause) == 0 &&
	    h != NULL) {
		last = desk_last_break(h, now - conf.every_s);
		history_close(h);
	} else
		last = 0;
	free(cause);
	/* The rule --notify and status --line follow (desk.h). */
	if ((due = desk_break_due(&conf, last, now)) == INT64_MAX) {
		printf(_("A session is running now.\n"));
		return KNEAD_EXIT_OK;
	}
	/* Not again within an interval of the last notification. */
	if (last_notified() != 0 && last_notified() + conf.every_s - 60 > due)
		due = last_notified() + conf.every_s - 60;
	/* At the first check at or after the break is due, in the window. */
	if ((next = desk_next_break(&conf, due, check)) != 0) {
		dates_clock(next, now, when, sizeof when);
		printf(_("Next break: %s\n"), when);
	} else
		printf(_("Next break: when the window opens (%02d:%02d on %s)\n"),
		    conf.from_min / 60, conf.from_min % 60, days);
	return KNEAD_EXIT_OK;
}

/* knead remind --every ...: write the settings and the timer, enable it. */
static int
remind_install(const struct remind_conf *c, const char *db, const char *dir)
{
	char	cmd[8400], days[64], span[32];

	if (make_parents(desk_conf_path()) == -1 ||
	    desk_conf_write(desk_conf_path(), c) == -1) {
		fprintf(stderr, _("knead remind: %s: %s\n"), desk_conf_path(),
		    strerror(errno));
		return KNEAD_EXIT_IOERR;
	}
	self_command(db, dir, 1, cmd, sizeof cmd);
	if (write_units(c, cmd) == -1)
		return KNEAD_EXIT_IOERR;
	desk_days_text(c->days, 0, days, sizeof days);
	refusal_left(c->every_s, span, sizeof span);
	printf(_("A break every %s, %02d:%02d-%02d:%02d on %s.\n"),
	    span, c->from_min / 60, c->from_min % 60,
	    c->to_min / 60, c->to_min % 60, days);
	say_one_a_day(c);
	if (user_manager()) {
		const char *const enable[] = { "systemctl", "--user", "enable",
		    "--now", TIMER_NAME, NULL };

		(void)run_quiet(reload_argv);
		if (run_quiet(enable) == 0) {
			printf(_("The systemd user timer %s is enabled.\n"),
			    TIMER_NAME);
			return KNEAD_EXIT_OK;
		}
		printf(_("systemctl --user enable %s failed; use cron "
		    "instead.\n"), TIMER_NAME);
	} else
		printf(_("No systemd user manager answers here; the unit files "
		    "are written for\nlater. Add this line with 'crontab -e' "
		    "instead:\n"));
	self_command(db, dir, 0, cmd, sizeof cmd);
	print_cron(c, cmd);
	return KNEAD_EXIT_OK;
}

/*
 * The routine --routine names, checked when the reminder is set rather
 * than found missing at each break: 0, or the exit code (said why).
 */
static int
remind_check_routine(const char *id, const char *dir)
{
	struct routine	*r;
	int		 rc;

	if (strchr(id, '/') != NULL || library_is_routine_name(id))
		return cli_usage_error("remind", _("--routine wants a "
		    "routine's id, as 'knead list' shows it"));
	r = cli_resolve_id("remind", id, dir, &rc);
	routine_free(r);
	return rc;
}

static const char *const remind_usage =
    N_("usage: knead remind --every 50m [--between 09:00-18:00] "
    "[--days mon-fri]\n"
    "                    [--routine ID]\n"
    "       knead remind --off | --status | --notify\n\n"
    "Break reminders for desk work. --every writes a systemd user "
    "timer\n(knead-remind.timer and .service in "
    "$XDG_CONFIG_HOME/systemd/user) and\nenables it, or prints the "
    "crontab line to use when no user manager\nanswers. When a break "
    "is due, knead remind --notify shows a desktop\nnotification "
    "naming a routine that can run now (its areas rested): the\n"
    "--routine named, else the shortest routine tagged desk. With no\n"
    "notification service (an SSH session) the same line goes to the\n"
    "status line of the knead sessions running.\n\n"
    "  --every SPAN      a break this often: 50m, 1h, 1h30m (a number\n"
    "                    alone is minutes)\n"
    "  --between HH:MM-HH:MM   only in these hours (default "
    "09:00-18:00)\n"
    "  --days DAYS       mon-fri (default), daily, sat,sun, ...\n"
    "  --routine ID      suggest this routine first\n"
    "  --off             remove the timer and the settings\n"
    "  --status          what is set, when the timer next checks (systemd's\n"
    "                    answer, else reckoned) and the next break\n"
    "  --notify          send the notification now if a break is due "
    "(the\n                    timer runs this); silent, exit 0, "
    "when not\n"
    "  --db FILE         the history store (only read)\n"
    "  --routines DIR    also read routines from DIR\n"
    "  -h, --help        this help\n");

int
cmd_remind(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "every", required_argument, NULL, 'e' },
		{ "between", required_argument, NULL, 'b' },
		{ "days", required_argument, NULL, 'D' },
		{ "routine", required_argument, NULL, 'R' },
		{ "off", no_argument, NULL, 'o' },
		{ "status", no_argument, NULL, 's' },
		{ "notify", no_argument, NULL, 'n' },
		{ "db", required_argument, NULL, 'd' },
		{ "routines", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct remind_conf	 c;
	const char		*db = NULL, *dir = NULL, *named = NULL;
	int			 ch, rc, mode = 0;

	memset(&c, 0, sizeof c);
	c.from_min = 9 * 60;
	c.to_min = 18 * 60;
	c.days = desk_parse_days("mon-fri");
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(_(remind_usage), stdout);
			return KNEAD_EXIT_OK;
		case 'e':
			if ((c.every_s = desk_parse_every(optarg)) <= 0)
				return cli_usage_error("remind", _("--every: "
				    "'%s' is not like 50m, 1h or 1h30m (1 min "
				    "to 24 h)"), optarg);
			if (mode != 0 && mode != ch)
				return cli_usage_error("remind", _("--every, "
				    "--off, --status and --notify go alone"));
			mode = ch;
			break;
		case 'b':
			if ((rc = desk_parse_between(optarg, &c.from_min,
			    &c.to_min)) == -2)
				return cli_usage_error("remind", _("--between: "
				    "'%s' does not end after it starts (a "
				    "window over midnight is not supported)"),
				    optarg);
			if (rc != 0)
				return cli_usage_error("remind", _("--between: "
				    "'%s' is not like 09:00-18:00"), optarg);
			break;
		case 'D':
			if ((c.days = desk_parse_days(optarg)) == 0)
				return cli_usage_error("remind", _("--days: "
				    "'%s' "
				    "is not like mon-fri, daily or sat,sun"),
				    optarg);
			break;
		case 'R':
			named = optarg;
			snprintf(c.routine, sizeof c.routine, "%s", optarg);
			break;
		case 'o':
		case 's':
		case 'n':
			if (mode != 0 && mode != ch)
				return cli_usage_error("remind", _("--every, "
				    "--off, --status and --notify go alone"));
			mode = ch;
			break;
		case 'd':
			if (cli_db("remind", optarg) != 0)
				return KNEAD_EXIT_USAGE;
			db = optarg;
			break;
		case 'r':
			if (cli_routines_dir("remind", optarg) != 0)
				return KNEAD_EXIT_NOINPUT;
			dir = optarg;
			break;
		case ':':
			return cli_usage_error("remind", _("%s needs a value"),
			    argv[optind - 1]);
		default:
			return cli_usage_error("remind",
			    _("unknown option '%s'"),
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("remind", _("unexpected argument '%s'"),
		    argv[optind]);
	switch (mode) {
	case 'o':
		return remind_off();
	case 's':
		return remind_status(db);
	case 'n':
		return remind_notify(db, dir, named);
	case 'e':
		if (named != NULL &&
		    (rc = remind_check_routine(named, dir)) != KNEAD_EXIT_OK)
			return rc;
		return remind_install(&c, db, dir);
	}
	return cli_usage_error("remind", _("say --every SPAN, --off, --status "
	    "or --notify"));
}
