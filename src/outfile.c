/*
 * outfile: a file replaced whole or not at all (see outfile.h). Used by
 * report --out and render -o.
 */
#include "outfile.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

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
		mode = sb.st_mode & 07777;
		of->target = realpath(path, NULL);
	} else if (errno != ENOENT)
		return -1;
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

int
outfile_commit(struct outfile *of)
{
	int	err = 0;

	if (fsync(of->fd) != 0)
		err = errno;
	if (close(of->fd) != 0 && err == 0)
		err = errno;
	of->fd = -1;
	if (err == 0 && rename(of->tmp, of->target) != 0)
		err = errno;
	if (err != 0) {
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
