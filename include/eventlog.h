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

/* Open (truncate) path; NULL with *cause (caller frees) on failure. */
struct eventlog	*eventlog_open(const char *path, char **cause);
/* Close; NULL is fine. */
void		 eventlog_close(struct eventlog *);
/* Write one line; detail may be NULL. Does nothing when el is NULL. */
void		 eventlog_write(struct eventlog *el, uint64_t now_ns,
		    const char *event, size_t step, const char *fmt, ...)
		    printflike(5, 6);

#endif
