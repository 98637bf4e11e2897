/*
 * Unit tests for the stderr filter (src/errfilter.c) on a real
 * pseudo-terminal: kept lines arrive whole and in order, dropped ones not
 * at all, a line longer than the filter's buffer is passed on in pieces,
 * and fd 2 is the terminal again after errfilter_stop.
 */
#undef NDEBUG
#include <sys/stat.h>

#include <setjmp.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <cmocka.h>

#include "errfilter.h"

static int
drop_noise(const char *l)
{
	return strncmp(l, "NOISE", 5) == 0;
}

/* Read what the terminal received until it is quiet for 200 ms. */
static size_t
drain(int master, char *buf, size_t size)
{
	struct pollfd	pfd = { master, POLLIN, 0 };
	size_t		have = 0;
	ssize_t		r;

	while (have < size - 1 && poll(&pfd, 1, 200) == 1) {
		if ((r = read(master, buf + have, size - 1 - have)) <= 0)
			break;
		have += (size_t)r;
	}
	buf[have] = '\0';
	return have;
}

static void
test_filter_on_a_terminal(void **state)
{
	static char	got[20000], longl[6001];
	struct errfilter f;
	struct termios	t;
	struct stat	before, after;
	const char	*kept = "keep 1\nkeep 2\n";
	int		master, slave, saved;

	(void)state;
	assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
	tcgetattr(slave, &t);
	cfmakeraw(&t);
	tcsetattr(slave, TCSANOW, &t);
	saved = dup(STDERR_FILENO);
	dup2(slave, STDERR_FILENO);
	fstat(STDERR_FILENO, &before);

	errfilter_start(&f, drop_noise);
	assert_true(f.on);
	assert_int_equal(write(STDERR_FILENO, "keep 1\nNOISE a\n", 15), 15);
	assert_int_equal(write(STDERR_FILENO, "NOISE b\nkeep 2\n", 15), 15);
	memset(longl, 'x', sizeof longl - 2);
	longl[sizeof longl - 2] = '\n';
	assert_int_equal(write(STDERR_FILENO, longl, sizeof longl - 1),
	    (ssize_t)(sizeof longl - 1));
	assert_int_equal(write(STDERR_FILENO, "tail, no newline", 16), 16);
	errfilter_stop(&f);
	fstat(STDERR_FILENO, &after);
	/* fd 2 is the terminal again. */
	assert_true(before.st_rdev == after.st_rdev);

	drain(master, got, sizeof got);
	assert_memory_equal(got, kept, strlen(kept));
	assert_int_equal(strspn(got + strlen(kept), "x"), sizeof longl - 2);
	assert_string_equal(got + strlen(kept) + sizeof longl - 1,
	    "tail, no newline");
	assert_null(strstr(got, "NOISE"));

	dup2(saved, STDERR_FILENO);
	close(saved);
	close(slave);
	close(master);
}

/* With stderr not a terminal nothing is started and fd 2 is untouched. */
static void
test_not_a_terminal(void **state)
{
	struct errfilter f;
	struct stat	before, after;
	int		saved, fd;

	(void)state;
	saved = dup(STDERR_FILENO);
	fd = open("/dev/null", O_WRONLY);
	dup2(fd, STDERR_FILENO);
	fstat(STDERR_FILENO, &before);
	errfilter_start(&f, drop_noise);
	assert_false(f.on);
	fstat(STDERR_FILENO, &after);
	assert_true(before.st_ino == after.st_ino);
	errfilter_stop(&f);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(fd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filter_on_a_terminal),
		cmocka_unit_test(test_not_a_terminal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
