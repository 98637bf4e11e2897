/*
 * errfilter: while it runs, lines written to stderr (fd 2) reach the real
 * stderr only when drop() says no. Started only when stderr is a terminal.
 */
#ifndef KNEAD_ERRFILTER_H
#define KNEAD_ERRFILTER_H

#include <threads.h>

struct errfilter {
	int		(*drop)(const char *line);
	int		 saved;		/* the real fd 2, or -1 */
	int		 rd;		/* the pipe's read end */
	thrd_t		 thread;
	int		 on;
};

/* Route fd 2 through the filter (nothing when stderr is no terminal). */
void	errfilter_start(struct errfilter *, int (*drop)(const char *line));
/* Put the real stderr back; the lines the filter holds are passed on. */
void	errfilter_stop(struct errfilter *);

#endif
