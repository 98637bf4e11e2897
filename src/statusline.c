/*
 * `knead status --line`: its arguments, its kept answer, its words (see
 * statusline.h). Nothing here opens the store: the front answers from
 * here with only the C library mapped.
 */
#include "statusline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "dates.h"
#include "deskidx.h"
#include "history.h"
#include "i18n.h"

int
statusline_asked(int argc, char **argv)
{
	int	i, line = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--line") == 0)
			line = 1;
		else if ((strcmp(argv[i], "--db") == 0 ||
		    strcmp(argv[i], "--routines") == 0) && i + 1 < argc)
			i++;
		else if (strncmp(argv[i], "--db=", 5) != 0 &&
		    strncmp(argv[i], "--routines=", 11) != 0)
			return 0;	/* --help, a mistake: the core's */
	}
	return line;
}

int
statusline_begin(struct statusline *sl, int argc, char **argv)
{
	const char	*dir = NULL;
	int		 i;

	memset(sl, 0, sizeof *sl);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			sl->db = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			sl->db = argv[i] + 5;
		else if (strcmp(argv[i], "--routines") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strncmp(argv[i], "--routines=", 11) == 0)
			dir = argv[i] + 11;
	}
	if ((sl->db = history_store_path(sl->db, &sl->def)) == NULL)
		return -1;
	/*
	 * A store named with --db or KNEAD_DB that cannot be read (a typo in
	 * tmux.conf) is an error, as `knead status` says (exit 66): nothing,
	 * from the kept answer too. Only the default store may be missing:
	 * nothing recorded yet. Asked first: the front answers it at once.
	 */
	if (sl->def == NULL && access(sl->db, R_OK) != 0)
		return -1;
	tzset();
	sl->now = clock_wall_s(&clock_system);
	sl->have_conf = desk_conf_read(desk_conf_path(), &sl->conf) == 0;
	if (dir != NULL)
		library_add_dir(&sl->lib, dir);
	sl->libkey = deskidx_lib_key(&sl->lib, sl->now, &sl->libracy);
	sl->key = deskline_key(sl->libkey, sl->db, desk_conf_path(), sl->now,
	    &sl->racy);
	return 0;
}

int
statusline_kept(struct statusline *sl)
{
	return deskline_read(deskline_path(), sl->key, sl->now, &sl->dl);
}

void
statusline_print(const struct statusline *sl)
{
	const struct deskline	*dl = &sl->dl;
	char			 when[32];
	int64_t			 due, next;
	int			 open;

	if (dl->last == INT64_MAX)	/* a session running: a break is on */
		printf(_("break on now\n"));
	else if (dl->pick[0] != '\0') {
		/* The break clock of remind --notify and --status (desk.h). */
		due = sl->have_conf ? desk_break_due(&sl->conf, dl->last,
		    sl->now) : sl->now;
		open = desk_in_window(&sl->conf, sl->now);
		/*
		 * Outside the reminders' hours: when the next one comes, as
		 * remind --status says, not "ready" (which reads as "now").
		 */
		if (sl->have_conf && !open &&
		    (next = desk_next_break(&sl->conf, due, 0)) > sl->now) {
			dates_clock(next, sl->now, when, sizeof when);
			printf(_("break at %s\n"), when);
		} else if (due > sl->now && open)
			printf(_("break in %lld min\n"),
			    (long long)((due - sl->now + 59) / 60));
		else
			printf(_("%s ready\n"), dl->pick);
	} else if (dl->ready_at != 0) {
		dates_clock(dl->ready_at, sl->now, when, sizeof when);
		printf(_("resting until %s\n"), when);
	}
}

void
statusline_end(struct statusline *sl)
{
	library_free(&sl->lib);
	free(sl->def);
	sl->def = NULL;
}
