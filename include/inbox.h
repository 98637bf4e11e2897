/*
 * One-line messages to a running knead (issue 16): `knead remind
 * --notify` with no notification service puts its line on the terminal
 * of a knead session instead, as the session's status line (--plain
 * prints it). Each running session has a FIFO, PID.fifo, in
 * $XDG_RUNTIME_DIR/knead (else /tmp/knead-UID, made 0700 and checked to
 * be ours), which it watches in its sleep (waiter_watch); a sender writes
 * one line to every FIFO whose reader is there.
 */
#ifndef KNEAD_INBOX_H
#define KNEAD_INBOX_H

#include <stddef.h>

struct inbox;

/* Make this process's FIFO; NULL when it cannot (then nobody can write). */
struct inbox	*inbox_open(void);
/* Remove the FIFO; NULL is fine. */
void		 inbox_close(struct inbox *);
/* The descriptor to watch for input, or -1. */
int		 inbox_fd(const struct inbox *);
/*
 * Take what was sent: the last line, cleaned of control characters, in
 * buf. Returns its length, 0 when nothing came.
 */
size_t		 inbox_read(struct inbox *, char *buf, size_t len);
/*
 * Send line to every running knead; FIFOs left by dead processes are
 * removed. Returns how many took it (0: none is running).
 */
int		 inbox_send(const char *line);

#endif
