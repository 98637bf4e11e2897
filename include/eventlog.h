/*
 * The event log (--log FILE, PRODUCT.md): one line per event,
 * "<CLOCK_MONOTONIC ns> <event> <step index> [detail...]", flushed line by
 * line so a test (or a crash) always sees everything written so far.
 * Details never contain control bytes or spaces inside one field.
 */
#ifndef KNEAD_EVENTLOG_H
#define KNEAD_EVENTLOG_H

#include <stddef.h>
#include <stdint.h>

#include "compat.h"

struct eventlog;

/*
 * Check that path can be written, leaving it untouched; NULL with *cause
 * (caller frees) when it cannot. Lines are held in memory until
 * eventlog_begin: a run refused by a rest limit never truncates a log.
 */
struct eventlog	*eventlog_open(const char *path, char **cause);
/* The run began: truncate the file, write what was held, then each line. */
int		 eventlog_begin(struct eventlog *, char **cause);
/* The run was refused: close will leave the file as it was. */
void		 eventlog_discard(struct eventlog *);
/*
 * Close (writing what is held unless discarded); NULL is fine. Returns 0,
 * or the errno of the first line that could not be written (a full disk):
 * the caller says so, the session itself is in the store.
 */
int		 eventlog_close(struct eventlog *);
/* Write one line; detail may be NULL. Does nothing when el is NULL. */
void		 eventlog_write(struct eventlog *el, uint64_t now_ns,
		    const char *event, size_t step, const char *fmt, ...)
		    printflike(5, 6);

#endif
