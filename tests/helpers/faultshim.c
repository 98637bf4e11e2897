/*
 * faultshim.so: an LD_PRELOAD shim that makes chosen write, pwrite,
 * fsync, fdatasync or fcntl lock calls fail, to drive knead (and SQLite
 * under it) through error paths a real disk cannot be made to take on
 * demand (issue 13). Built by the Makefile as build/test/faultshim.so.
 *
 *   KNEAD_FAULT="FUNC:N:ERRNO[,FUNC:N:ERRNO...]"
 *	FUNC	write, pwrite (pwrite and pwrite64), fsync, fdatasync or
 *		fcntl (only requests that take a lock: F_SETLK, F_SETLKW,
 *		F_OFD_SETLK, F_OFD_SETLKW with F_RDLCK or F_WRLCK; unlocks
 *		and every other command pass untouched and are not counted)
 *	N	the Nth counted call of FUNC fails; "N+" fails it and every
 *		later one
 *	ERRNO	a name (ENOSPC, EIO, EDQUOT, EFBIG, EROFS, EACCES, EAGAIN,
 *		ENOLCK, EINTR, EBADF, EPERM) or a number
 *	e.g. KNEAD_FAULT="fdatasync:3:ENOSPC": the 3rd fdatasync fails.
 *   KNEAD_FAULT_PATH=SUBSTRING
 *	count only calls on a file whose path (readlink of /proc/self/fd/N)
 *	contains SUBSTRING, e.g. the store's name: the writes of the
 *	terminal, the sanitizer and other files are neither counted nor
 *	failed.
 *   KNEAD_FAULT_LOG=FILE
 *	append one line per counted call: "MONOTONIC_NS FUNC N PATH ok" or
 *	"... failed ERRNO" (CLOCK_MONOTONIC, as knead's --log, so a test
 *	can tell which phase of a session a call belongs to).
 *
 * glibc's stdio writes with its internal __write, which no preloaded
 * library can replace: a file written with fwrite is reached here only
 * through its fsync. Under ASan the sanitizer's runtime must come first:
 * LD_PRELOAD="$(gcc -print-file-name=libasan.so) faultshim.so"; its own
 * interceptors then call these.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum fn { FN_WRITE, FN_PWRITE, FN_FSYNC, FN_FDATASYNC, FN_FCNTL, FN_N };
static const char *const fn_name[FN_N] = { "write", "pwrite", "fsync",
    "fdatasync", "fcntl" };

#define MAXRULES 8
struct rule {
	enum fn	fn;
	long	n;
	int	onwards;
	int	err;
};
static struct rule	 rules[MAXRULES];
static int		 nrules = -1;	/* -1: KNEAD_FAULT not read yet */
static long		 count[FN_N];
static const char	*only_path;
static const char	*log_path;

static const struct { const char *name; int err; } errnos[] = {
	{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EDQUOT", EDQUOT },
	{ "EFBIG", EFBIG }, { "EROFS", EROFS }, { "EACCES", EACCES },
	{ "EAGAIN", EAGAIN }, { "ENOLCK", ENOLCK }, { "EINTR", EINTR },
	{ "EBADF", EBADF }, { "EPERM", EPERM },
};

static void
parse(void)
{
	char	*spec, *save = NULL, *r, *f, *n, *e;
	size_t	 i;

	only_path = getenv("KNEAD_FAULT_PATH");
	log_path = getenv("KNEAD_FAULT_LOG");
	nrules = 0;
	if (getenv("KNEAD_FAULT") == NULL || (spec = strdup(getenv(
	    "KNEAD_FAULT"))) == NULL)
		return;
	for (r = strtok_r(spec, ",", &save); r != NULL && nrules < MAXRULES;
	    r = strtok_r(NULL, ",", &save)) {
		f = r;
		if ((n = strchr(f, ':')) == NULL || (e = strchr(n + 1, ':')) ==
		    NULL)
			continue;
		*n++ = '\0';
		*e++ = '\0';
		for (i = 0; i < FN_N && strcmp(f, fn_name[i]) != 0; i++)
			;
		if (i == FN_N)
			continue;
		rules[nrules].fn = (enum fn)i;
		rules[nrules].n = strtol(n, NULL, 10);
		rules[nrules].onwards = strchr(n, '+') != NULL;
		rules[nrules].err = atoi(e);
		for (i = 0; i < sizeof errnos / sizeof errnos[0]; i++)
			if (strcmp(e, errnos[i].name) == 0)
				rules[nrules].err = errnos[i].err;
		nrules++;
	}
	free(spec);
}

static void *
real(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

/* Whether this call on fd fails: 0, or the errno to fail it with. */
static int
fault(enum fn fn, int fd)
{
	char		 link[64], path[512], line[700];
	struct timespec	 ts;
	ssize_t		 len;
	long		 k;
	int		 i, err = 0, lfd;
	ssize_t		(*w)(int, const void *, size_t);

	if (nrules == -1)
		parse();
	if (nrules == 0 && log_path == NULL)
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	if ((len = readlink(link, path, sizeof path - 1)) < 0)
		len = 0;
	path[len] = '\0';
	if (only_path != NULL && strstr(path, only_path) == NULL)
		return 0;
	k = __atomic_add_fetch(&count[fn], 1, __ATOMIC_SEQ_CST);
	for (i = 0; i < nrules; i++) {
		if (rules[i].fn == fn && (k == rules[i].n ||
		    (rules[i].onwards && k > rules[i].n)))
			err = rules[i].err;
	}
	if (log_path != NULL) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		len = snprintf(line, sizeof line, "%lld %s %ld %s %s %d\n",
		    (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec,
		    fn_name[fn], k, path, err != 0 ? "failed" : "ok", err);
		w = (ssize_t (*)(int, const void *, size_t))real("write");
		if ((lfd = open(log_path, O_WRONLY | O_APPEND | O_CREAT |
		    O_CLOEXEC, 0644)) != -1) {
			if (w != NULL && len > 0)
				(void)w(lfd, line, (size_t)len);
			close(lfd);
		}
	}
	return err;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*f)(int, const void *, size_t);
	int	err;

	if ((err = fault(FN_WRITE, fd)) != 0) {
		errno = err;
		return -1;
	}
	if (f == NULL)
		f = (ssize_t (*)(int, const void *, size_t))real("write");
	return f(fd, buf, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	static ssize_t (*f)(int, const void *, size_t, off_t);
	int	err;

	if ((err = fault(FN_PWRITE, fd)) != 0) {
		errno = err;
		return -1;
	}
	if (f == NULL)
		f = (ssize_t (*)(int, const void *, size_t, off_t))real(
		    "pwrite");
	return f(fd, buf, n, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	static ssize_t (*f)(int, const void *, size_t, off64_t);
	int	err;

	if ((err = fault(FN_PWRITE, fd)) != 0) {
		errno = err;
		return -1;
	}
	if (f == NULL)
		f = (ssize_t (*)(int, const void *, size_t, off64_t))real(
		    "pwrite64");
	return f(fd, buf, n, off);
}

int
fsync(int fd)
{
	static int (*f)(int);
	int	err;

	if ((err = fault(FN_FSYNC, fd)) != 0) {
		errno = err;
		return -1;
	}
	if (f == NULL)
		f = (int (*)(int))real("fsync");
	return f(fd);
}

int
fdatasync(int fd)
{
	static int (*f)(int);
	int	err;

	if ((err = fault(FN_FDATASYNC, fd)) != 0) {
		errno = err;
		return -1;
	}
	if (f == NULL)
		f = (int (*)(int))real("fdatasync");
	return f(fd);
}

/* A request that takes a lock (see the header comment). */
static int
takes_lock(int cmd, void *arg)
{
	const struct flock	*fl = arg;

	switch (cmd) {
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		return fl != NULL && fl->l_type != F_UNLCK;
	}
	return 0;
}

static int
lock_call(const char *name, int fd, int cmd, void *arg)
{
	int	(*f)(int, int, ...);
	int	 err;

	if (takes_lock(cmd, arg) && (err = fault(FN_FCNTL, fd)) != 0) {
		errno = err;
		return -1;
	}
	if ((f = (int (*)(int, int, ...))real(name)) == NULL)
		f = (int (*)(int, int, ...))real("fcntl");
	return f(fd, cmd, arg);
}

/* Every fcntl argument is an int or a pointer: passed on as a pointer. */
int
fcntl(int fd, int cmd, ...)
{
	va_list	 ap;
	void	*arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	return lock_call("fcntl", fd, cmd, arg);
}

int fcntl64(int, int, ...);
int
fcntl64(int fd, int cmd, ...)
{
	va_list	 ap;
	void	*arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	return lock_call("fcntl64", fd, cmd, arg);
}
