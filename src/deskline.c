/*
 * The status line's answer, cached (see deskline.h).
 *
 * The file, all text:
 *	knead status-line 1
 *	key HEX16
 *	at SECONDS until SECONDS ready SECONDS last SECONDS
 *	pick ID|-
 *	sum HEX16		(FNV-1a 64 of every byte before it)
 */
#include "deskline.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deskidx.h"

#define DESKLINE_MAGIC	"knead status-line 1\n"
#define DESKLINE_BYTES	512

const char *
deskline_path(void)
{
	static char	 buf[PATH_MAX];

	return deskidx_cache_file("status-line", buf, sizeof buf);
}

uint64_t
deskline_key(uint64_t libkey, const char *db, const char *conf, int64_t now,
    int *racy)
{
	static const char *const side[] = { "", "-wal", "-journal", "-live" };
	char		 path[PATH_MAX];
	uint64_t	 h = DESKIDX_HASH0;
	size_t		 i;

	*racy = 0;
	h = deskidx_hash(h, DESKLINE_MAGIC, sizeof DESKLINE_MAGIC);
	h = deskidx_hash(h, &libkey, sizeof libkey);
	for (i = 0; i < sizeof side / sizeof side[0]; i++) {
		snprintf(path, sizeof path, "%s%s", db, side[i]);
		/* Not the ctime: SQLite's read-only open chowns the -wal. */
		h = deskidx_key_file(h, path, "", now, racy, 0);
	}
	return deskidx_key_file(h, conf, "", now, racy, 0);
}

int
deskline_valid(const struct deskline *dl, int64_t now)
{
	/* The clock set back, or moved past a deadline. */
	return now >= dl->at && now < dl->until &&
	    now - dl->at < DESKLINE_MAX_S;
}

int
deskline_read(const char *path, uint64_t key, int64_t now,
    struct deskline *dl)
{
	char		*buf, want[64];
	long long	 at, until, ready, last;
	size_t		 len;
	int		 end = 0, ok;

	memset(dl, 0, sizeof *dl);
	if (path == NULL ||
	    (buf = deskidx_unseal(path, DESKLINE_BYTES, &len)) == NULL)
		return -1;
	snprintf(want, sizeof want, "%skey %016" PRIx64 "\n", DESKLINE_MAGIC,
	    key);
	ok = strncmp(buf, want, strlen(want)) == 0 &&
	    sscanf(buf + strlen(want), "at %lld until %lld ready %lld last "
	    "%lld\npick %127[^\n]%n", &at, &until, &ready, &last, dl->pick,
	    &end) == 5 && buf[strlen(want) + (size_t)end] == '\0';
	free(buf);
	if (!ok)
		return -1;
	dl->at = at;
	dl->until = until;
	dl->ready_at = ready;
	dl->last = last;
	if (strcmp(dl->pick, "-") == 0)
		dl->pick[0] = '\0';
	return deskline_valid(dl, now) ? 0 : -1;
}

int
deskline_write(const char *path, uint64_t key, const struct deskline *dl)
{
	char		 text[DESKLINE_BYTES];
	int		 n;

	if (path == NULL || strpbrk(dl->pick, " \n") != NULL)
		return -1;
	n = snprintf(text, sizeof text, "%skey %016" PRIx64 "\nat %lld until "
	    "%lld ready %lld last %lld\npick %s\n", DESKLINE_MAGIC, key,
	    (long long)dl->at, (long long)dl->until, (long long)dl->ready_at,
	    (long long)dl->last, dl->pick[0] != '\0' ? dl->pick : "-");
	if (n < 0 || (size_t)n >= sizeof text - 32)
		return -1;
	return deskidx_seal(path, text, (size_t)n);
}
