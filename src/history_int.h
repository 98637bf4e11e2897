/*
 * Private to src/history*.c: the store handle and the small SQLite helpers
 * they share. Nothing outside history*.c includes this file.
 */
#ifndef KNEAD_HISTORY_INT_H
#define KNEAD_HISTORY_INT_H

#include <sqlite3.h>
#include <stdint.h>

struct clock;

struct history {
	sqlite3		*db;
	const struct clock *clock;
	char		*path;
	int		 live_fd;	/* PATH-live: a lock per live session */
	int64_t		*held;		/* sessions this handle runs */
	size_t		 nheld;
	int		 ninterrupted;	/* closed at open */
	char		 err[512];	/* last step/end error */
};

/* Map a SQLite failure to a message in *cause; returns KNEAD_EXIT_IOERR. */
int	hist_fail(struct history *, int rc, const char *what, char **cause);
/* Prepare sql; returns the SQLite code. */
int	hist_prep(struct history *, const char *sql, sqlite3_stmt **);
/* A column as a newly allocated string, or NULL when NULL. */
char	*hist_col_str(sqlite3_stmt *, int);

#endif
