/*
 * outfile: a file replaced whole or not at all (see outfile.h). Used by
 * report --out and render -o.
 */
#include "outfile.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

/*
 * Where a dangling symbolic link points (a link is written through, never
 * replaced); NULL when path is no link. Follows up to 40 links.
 */
static char *
outfile_dangling(const char *path)
{
	struct stat	 sb;
	char		*cur, *next, *slash, buf[4096];
	ssize_t		 n;
	int		 i;

	cur = xstrdup(path);
	for (i = 0; i < 40; i++) {
		if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode))
			break;
		if ((n = readlink(cur, buf, sizeof buf - 1)) <= 0)
			break;
		buf[n] = '\0';
		if (buf[0] != '/' && (slash = strrchr(cur, '/')) != NULL)
			xasprintf(&next, "%.*s/%s", (int)(slash - cur), cur,
			    buf);
		else
			next = xstrdup(buf);
		free(cur);
		cur = next;
	}
	if (i == 0) {
		free(cur);
		return NULL;
	}
	return cur;
}

int
outfile_open(struct outfile *of, const char *path, mode_t mode)
{
	struct stat	sb;
	int		err;

	memset(of, 0, sizeof *of);
	of->fd = -1;
	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			errno = EISDIR;
			return -1;
		}
		if (!S_ISREG(sb.st_mode)) {
			errno = EINVAL;
			return -1;
		}
		/* Read-only is a choice to honour (root's access() is yes). */
		if ((sb.st_mode & 0222) == 0 || access(path, W_OK) != 0) {
			errno = EACCES;
			return -1;
		}
		mode = sb.st_mode & 07777;
		of->in_place = sb.st_nlink > 1;
		of->target = realpath(path, NULL);
	} else if (errno != ENOENT)
		return -1;
	else
		of->target = outfile_dangling(path);
	if (of->target == NULL)
		of->target = xstrdup(path);
	xasprintf(&of->tmp, "%s.XXXXXX", of->target);
	if ((of->fd = mkstemp(of->tmp)) == -1 || fchmod(of->fd, mode) != 0) {
		err = errno;
		outfile_abort(of);
		errno = err;
		return -1;
	}
	return 0;
}

/*
 * Copy the complete temporary file over a target with other hard links,
 * in place: 0 or an errno; *touched when the target was changed. Room is
 * reserved first (a full disk used to leave the target cut to nothing),
 * the old bytes are written over and what is left of them cut at the end.
 */
static int
outfile_copy(const char *from, const char *to, int *touched)
{
	struct stat	 sb;
	char		 buf[65536];
	ssize_t		 n, w, off;
	int		 in, out, err = 0;

	*touched = 0;
	if ((in = open(from, O_RDONLY | O_CLOEXEC)) == -1)
		return errno;
	if (fstat(in, &sb) != 0 || (out = open(to, O_WRONLY | O_CLOEXEC)) ==
	    -1) {
		err = errno;
		close(in);
		return err;
	}
	if (sb.st_size > 0 && fallocate(out, FALLOC_FL_KEEP_SIZE, 0,
	    sb.st_size) != 0 && errno != EOPNOTSUPP && errno != ENOSYS)
		err = errno;
	while (err == 0 && (n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno != EINTR)
				err = errno;
			continue;
		}
		for (off = 0; err == 0 && off < n; off += w) {
			if ((w = write(out, buf + off, (size_t)(n - off))) < 0) {
				err = errno == EINTR ? 0 : errno;
				w = 0;
			} else if (w > 0)
				*touched = 1;
		}
	}
	if (err == 0 && ftruncate(out, sb.st_size) != 0)
		err = errno;
	if (err == 0 && fsync(out) != 0)
		err = errno;
	if (close(out) != 0 && err == 0)
		err = errno;
	close(in);
	return err;
}

int
outfile_commit(struct outfile *of)
{
	int	err = 0, touched = 0;

	if (fsync(of->fd) != 0)
		err = errno;
	if (close(of->fd) != 0 && err == 0)
		err = errno;
	of->fd = -1;
	if (err == 0 && of->in_place)
		err = outfile_copy(of->tmp, of->target, &touched);
	else if (err == 0 && rename(of->tmp, of->target) != 0)
		err = errno;
	if (err == 0 && of->in_place)
		unlink(of->tmp);
	if (err != 0) {
		if (touched) {	/* the only complete copy now */
			of->kept = of->tmp;
			of->tmp = NULL;
		}
		outfile_abort(of);
		errno = err;
		return -1;
	}
	free(of->tmp);
	free(of->target);
	of->tmp = of->target = NULL;
	return 0;
}

void
outfile_abort(struct outfile *of)
{
	if (of->fd != -1)
		close(of->fd);
	if (of->tmp != NULL)
		unlink(of->tmp);
	free(of->tmp);
	free(of->target);
	of->tmp = of->target = NULL;
	of->fd = -1;
}
