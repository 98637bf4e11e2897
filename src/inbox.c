/*
 * Messages to a running knead through a FIFO per session (see inbox.h).
 */
#include "inbox.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "utf8.h"
#include "xmalloc.h"

#define INBOX_LINE	200	/* bytes of a message kept */

struct inbox {
	int	 fd;
	char	*path;
};

/*
 * The folder of the FIFOs, made if missing: $XDG_RUNTIME_DIR/knead, else
 * /tmp/knead-UID. 0 when it is a folder of ours that nobody else can
 * write, -1 otherwise.
 */
static int
inbox_dir(char *buf, size_t len)
{
	const char	*rt = getenv("XDG_RUNTIME_DIR");
	struct stat	 sb;
	int		 n;

	if (rt != NULL && rt[0] == '/')
		n = snprintf(buf, len, "%s/knead", rt);
	else
		n = snprintf(buf, len, "/tmp/knead-%u", (unsigned)getuid());
	if (n < 0 || (size_t)n >= len)
		return -1;
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return -1;
	if (lstat(buf, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
	    sb.st_uid != getuid() || (sb.st_mode & 022) != 0)
		return -1;
	return 0;
}

struct inbox *
inbox_open(void)
{
	struct inbox	*ib;
	char		 dir[PATH_MAX - 32];
	int		 fd;

	if (inbox_dir(dir, sizeof dir) != 0)
		return NULL;
	ib = xcalloc(1, sizeof *ib);
	xasprintf(&ib->path, "%s/%ld.fifo", dir, (long)getpid());
	(void)unlink(ib->path);		/* a dead process's, same pid */
	/* Read and write: with no writer the FIFO is never at its end. */
	if (mkfifo(ib->path, 0600) != 0 ||
	    (fd = open(ib->path, O_RDWR | O_NONBLOCK | O_CLOEXEC)) == -1) {
		(void)unlink(ib->path);
		free(ib->path);
		free(ib);
		return NULL;
	}
	ib->fd = fd;
	return ib;
}

void
inbox_close(struct inbox *ib)
{
	if (ib == NULL)
		return;
	close(ib->fd);
	(void)unlink(ib->path);
	free(ib->path);
	free(ib);
}

int
inbox_fd(const struct inbox *ib)
{
	return ib != NULL ? ib->fd : -1;
}

/*
 * Keep the printable characters of s[0..n) in buf: control characters
 * become spaces, bytes that are not UTF-8 '?', a character that does not
 * fit is left out whole; trailing spaces go.
 */
static size_t
inbox_clean(const char *s, size_t n, char *buf, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 i = 0, o = 0, k, bad;

	while (i < n && o + 1 < len) {
		if ((k = utf8_next(u + i, n - i, &cp, &bad)) == 0) {
			buf[o++] = '?';
			i += bad > 0 ? bad : 1;
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			buf[o++] = ' ';
		} else {
			if (o + k + 1 > len)
				break;
			memcpy(buf + o, s + i, k);
			o += k;
		}
		i += k;
	}
	while (o > 0 && buf[o - 1] == ' ')
		o--;
	buf[o] = '\0';
	return o;
}

size_t
inbox_read(struct inbox *ib, char *buf, size_t len)
{
	char		 in[4096], last[INBOX_LINE];
	const char	*p, *q, *end;
	ssize_t		 r;
	size_t		 n, nlast = 0;
	int		 got = 0;

	if (len > 0)
		buf[0] = '\0';
	if (ib == NULL || len == 0)
		return 0;
	while ((r = read(ib->fd, in, sizeof in)) > 0) {
		end = in + r;
		for (p = in; p < end; p = q + 1) {
			if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
				q = end;
			if ((n = (size_t)(q - p)) == 0)
				continue;
			nlast = n > sizeof last ? sizeof last : n;
			memcpy(last, p, nlast);
			got = 1;
		}
	}
	if (!got)
		return 0;
	return inbox_clean(last, nlast, buf, len);
}

/* Write line to one FIFO; 1 when a reader took it, 0 (removed) when none. */
static int
inbox_send_one(const char *path, long pid, const char *line, size_t n)
{
	int	fd, ok;

	if (kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
		(void)unlink(path);
		return 0;
	}
	/* No reader: ENXIO. A FIFO never blocks a sender here. */
	if ((fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		if (errno == ENXIO)
			(void)unlink(path);
		return 0;
	}
	ok = write(fd, line, n) == (ssize_t)n;
	close(fd);
	return ok;
}

int
inbox_send(const char *line)
{
	char		 dir[PATH_MAX - 300], path[PATH_MAX], msg[INBOX_LINE + 2];
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		*end;
	long		 pid;
	size_t		 n;
	int		 sent = 0;

	if (inbox_dir(dir, sizeof dir) != 0 || (d = opendir(dir)) == NULL)
		return 0;
	n = inbox_clean(line, strlen(line), msg, INBOX_LINE + 1);
	msg[n++] = '\n';
	while ((de = readdir(d)) != NULL) {
		pid = strtol(de->d_name, &end, 10);
		if (pid <= 0 || strcmp(end, ".fifo") != 0)
			continue;
		if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >=
		    (int)sizeof path || lstat(path, &sb) != 0 ||
		    !S_ISFIFO(sb.st_mode) || sb.st_uid != getuid())
			continue;
		sent += inbox_send_one(path, pid, msg, n);
	}
	closedir(d);
	return sent;
}
