/*
 * The desk index (see deskidx.h): a cache of the valid routines' ids,
 * files, lengths and desk tags for `knead status --line`.
 *
 * The file, all text:
 *	knead desk-index 1
 *	key HEX16
 *	r TOTAL_MS|- DESK ORIGIN ID PATH	(one a routine)
 *	sum HEX16			(FNV-1a 64 of every byte before it)
 */
#include "deskidx.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "desk.h"
#include "library.h"
#include "outfile.h"
#include "plan.h"
#include "routine.h"
#include "xmalloc.h"

#define DESKIDX_MAGIC	"knead desk-index 1\n"
#define DESKIDX_MAX	(1u << 20)	/* a library of thousands fits */

#define FNV_PRIME	0x100000001b3ULL

uint64_t
deskidx_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*b = p;
	size_t			 i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* Where the cache file name lives (see deskidx.h). */
const char *
deskidx_cache_file(const char *name, char *buf, size_t len)
{
	const char	*x, *home;

	if ((x = getenv("XDG_CACHE_HOME")) != NULL && x[0] == '/')
		snprintf(buf, len, "%s/knead/%s", x, name);
	else if ((home = getenv("HOME")) != NULL && home[0] == '/')
		snprintf(buf, len, "%s/.cache/knead/%s", home, name);
	else
		return NULL;
	return buf;
}

const char *
deskidx_path(void)
{
	static char	 buf[PATH_MAX];

	return deskidx_cache_file("desk-index", buf, sizeof buf);
}

/* Mix one file's identity into h (see deskidx.h). */
uint64_t
deskidx_key_file(uint64_t h, const char *path, const char *origin, int64_t now,
    int *racy, int flags)
{
	struct stat	sb;
	int64_t		v[9];

	h = deskidx_hash(h, path, strlen(path) + 1);
	h = deskidx_hash(h, origin, strlen(origin) + 1);
	memset(v, 0, sizeof v);
	if (stat(path, &sb) == 0) {
		v[0] = (int64_t)sb.st_size;
		v[1] = (int64_t)sb.st_mtim.tv_sec;
		v[2] = (int64_t)sb.st_mtim.tv_nsec;
		v[3] = (int64_t)sb.st_ino;
		v[4] = (int64_t)sb.st_dev;
		if (flags & DESKIDX_CTIME) {
			v[5] = (int64_t)sb.st_ctim.tv_sec;
			v[6] = (int64_t)sb.st_ctim.tv_nsec;
			v[7] = (int64_t)sb.st_mode;
		}
		if (sb.st_mtim.tv_sec > now - DESKIDX_RACY_S)
			*racy = 1;
	} else
		v[8] = errno;
	return deskidx_hash(h, v, sizeof v);
}

uint64_t
deskidx_key(const struct lib_file *f, size_t n, int64_t now, int *racy)
{
	uint64_t	 h = DESKIDX_HASH0;
	size_t		 i;

	*racy = 0;
	/* The rules that made "valid" and the lengths: this binary's. */
	h = deskidx_hash(h, DESKIDX_MAGIC KNEAD_VERSION, sizeof DESKIDX_MAGIC
	    KNEAD_VERSION);
	h = deskidx_key_file(h, "/proc/self/exe", "exe", now, racy,
	    DESKIDX_CTIME);
	/*
	 * Not racy: a new build is a new file (the linker makes it anew,
	 * another inode), and tests run a binary just built.
	 */
	*racy = 0;
	for (i = 0; i < n; i++)
		h = deskidx_key_file(h, f[i].path, f[i].origin, now, racy,
		    DESKIDX_CTIME);
	return h;
}

/* desk_pick's order: desk ones first, shortest, then by id. */
static int
entry_cmp(const void *a, const void *b)
{
	const struct deskidx_entry *x = a, *y = b;

	if (x->desk != y->desk)
		return x->desk ? -1 : 1;
	if (x->total_ms != y->total_ms)
		return x->total_ms < y->total_ms ? -1 : 1;
	return strcmp(x->id, y->id);
}

void
deskidx_build(struct library *lib, uint64_t key, struct deskidx *idx)
{
	struct deskidx_entry	*d;
	struct plan		 p;
	size_t			 i;

	memset(idx, 0, sizeof *idx);
	idx->key = key;
	idx->v = xcalloc(lib->n + 1, sizeof *idx->v);
	for (i = 0; i < lib->n; i++) {
		if (!lib->v[i].valid || lib->v[i].routine->id.s == NULL)
			continue;
		d = &idx->v[idx->n++];
		d->id = xstrdup(lib->v[i].routine->id.s);
		d->path = xstrdup(lib->v[i].path);
		d->origin = lib->v[i].origin;
		d->desk = desk_tagged(lib->v[i].routine);
		d->total_ms = UINT64_MAX;
		if (plan_build(lib->v[i].routine, &p) == 0) {
			d->total_ms = p.total_ms;
			plan_free(&p);
		}
	}
	qsort(idx->v, idx->n, sizeof *idx->v, entry_cmp);
}

void
deskidx_free(struct deskidx *idx)
{
	size_t	i;

	for (i = 0; i < idx->n; i++) {
		free(idx->v[i].id);
		free(idx->v[i].path);
	}
	free(idx->v);
	memset(idx, 0, sizeof *idx);
}

static const char *
origin_word(const char *s)
{
	static const char *const words[] = { "bundled", "user", "dir" };
	size_t	i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(s, words[i]) == 0)
			return words[i];
	}
	return NULL;
}

/* One "r" line (without "r " and the newline) into d; 0 or -1. */
static int
parse_entry(char *s, struct deskidx_entry *d)
{
	char		*f[4], *end;
	size_t		 i;

	for (i = 0; i < 4; i++) {
		f[i] = s;
		if ((s = strchr(s, ' ')) == NULL)
			return -1;
		*s++ = '\0';
	}
	if (*s == '\0')
		return -1;
	if (strcmp(f[0], "-") == 0)
		d->total_ms = UINT64_MAX;
	else {
		errno = 0;
		d->total_ms = strtoull(f[0], &end, 10);
		if (errno != 0 || *end != '\0' || end == f[0])
			return -1;
	}
	if ((strcmp(f[1], "0") != 0 && strcmp(f[1], "1") != 0) ||
	    (d->origin = origin_word(f[2])) == NULL || f[3][0] == '\0')
		return -1;
	d->desk = f[1][0] == '1';
	d->id = xstrdup(f[3]);
	d->path = xstrdup(s);
	return 0;
}

int
deskidx_read(const char *path, uint64_t key, struct deskidx *idx)
{
	char		*buf, *line, *nl, want[32];
	size_t		 len, n = 0;

	memset(idx, 0, sizeof *idx);
	if (path == NULL ||
	    (buf = deskidx_unseal(path, DESKIDX_MAX, &len)) == NULL)
		return -1;
	snprintf(want, sizeof want, "key %016" PRIx64 "\n", key);
	if (strncmp(buf, DESKIDX_MAGIC, strlen(DESKIDX_MAGIC)) != 0 ||
	    strncmp(buf + strlen(DESKIDX_MAGIC), want, strlen(want) - 1) != 0)
		goto bad;
	line = buf + strlen(DESKIDX_MAGIC) + strlen("key ") + 16;
	if (*line == '\n')
		line++;
	else if (*line != '\0')
		goto bad;
	for (nl = line; *nl != '\0'; nl++)
		n += *nl == '\n';
	idx->v = xcalloc(n + 2, sizeof *idx->v);
	idx->key = key;
	for (; *line != '\0'; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		else
			nl = line + strlen(line);
		if (strncmp(line, "r ", 2) != 0 ||
		    parse_entry(line + 2, &idx->v[idx->n]) != 0)
			goto bad;
		idx->n++;
	}
	free(buf);
	return 0;
bad:
	free(buf);
	deskidx_free(idx);
	return -1;
}

/* Make path's parent folder and its parent (see deskidx.h). */
int
deskidx_make_dirs(const char *path)
{
	char	dir[PATH_MAX], *slash;
	int	i;

	for (i = 2; i > 0; i--) {
		snprintf(dir, sizeof dir, "%s", path);
		if ((slash = strrchr(dir, '/')) == NULL)
			return -1;
		*slash = '\0';
		if (i == 2 && (slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		if (dir[0] != '\0' && mkdir(dir, 0700) == -1 && errno != EEXIST)
			return -1;
	}
	return 0;
}

int
deskidx_write(const char *path, const struct deskidx *idx)
{
	char		*text = NULL;
	size_t		 len = 0, i;
	FILE		*fp;
	int		 bad;

	if (path == NULL || (fp = open_memstream(&text, &len)) == NULL)
		return -1;
	fprintf(fp, "%skey %016" PRIx64 "\n", DESKIDX_MAGIC, idx->key);
	for (i = 0; i < idx->n; i++) {
		if (strpbrk(idx->v[i].path, "\n") != NULL ||
		    strpbrk(idx->v[i].id, " \n") != NULL)
			break;	/* not said in this format: no index */
		if (idx->v[i].total_ms == UINT64_MAX)
			fprintf(fp, "r - ");
		else
			fprintf(fp, "r %" PRIu64 " ", idx->v[i].total_ms);
		fprintf(fp, "%d %s %s %s\n", idx->v[i].desk,
		    idx->v[i].origin, idx->v[i].id, idx->v[i].path);
	}
	bad = i < idx->n || ferror(fp);
	if (fclose(fp) != 0 || bad) {
		free(text);
		return -1;
	}
	bad = deskidx_seal(path, text, len);
	free(text);
	return bad;
}

int
deskidx_seal(const char *path, const char *text, size_t len)
{
	struct outfile	 of;
	char		 sum[32];
	int		 n;

	n = snprintf(sum, sizeof sum, "sum %016" PRIx64 "\n",
	    deskidx_hash(DESKIDX_HASH0, text, len));
	if (deskidx_make_dirs(path) != 0 || outfile_open(&of, path, 0600) != 0)
		return -1;
	if (write(of.fd, text, len) != (ssize_t)len ||
	    write(of.fd, sum, (size_t)n) != n) {
		outfile_abort(&of);
		return -1;
	}
	return outfile_commit(&of) != 0 ? -1 : 0;
}

char *
deskidx_unseal(const char *path, size_t max, size_t *len)
{
	struct stat	 sb;
	char		*buf, *sum, want[32];
	ssize_t		 r = 0;
	size_t		 n = 0, room;
	int		 fd;

	/* Ours only: not a link, not another user's file. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return NULL;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid() || (uint64_t)sb.st_size >= max) {
		close(fd);
		return NULL;
	}
	/* One byte more than it says: a file that grew is refused. */
	room = (size_t)sb.st_size + 1;
	buf = xmalloc(room + 1);
	while (n < room && (r = read(fd, buf + n, room - n)) != 0) {
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	if (n == room || r == -1 || n < 2 || buf[n - 1] != '\n' ||
	    strlen(buf) != n)
		goto bad;
	/* The checksum line last, over every byte before it. */
	buf[n - 1] = '\0';
	if ((sum = strrchr(buf, '\n')) == NULL)
		goto bad;
	snprintf(want, sizeof want, "sum %016" PRIx64,
	    deskidx_hash(DESKIDX_HASH0, buf, (size_t)(sum + 1 - buf)));
	if (strcmp(sum + 1, want) != 0)
		goto bad;
	*sum = '\0';
	*len = (size_t)(sum - buf);
	return buf;
bad:
	free(buf);
	return NULL;
}

/*
 * Entry d read and validated again into lib: NULL when it is not what the
 * index says (gone, invalid, another id).
 */
static const struct lib_entry *
load_entry(struct library *lib, const struct deskidx_entry *d)
{
	struct lib_entry	*e;

	e = library_load_file(lib, d->path, d->origin, NULL);
	if (e->routine == NULL || !e->valid || e->routine->id.s == NULL ||
	    strcmp(e->routine->id.s, d->id) != 0 ||
	    desk_tagged(e->routine) != d->desk)
		return NULL;
	return e;
}

/* desk_pick through idx: 0, -1 store error, 1 the index was wrong. */
static int
pick_indexed(const struct deskidx *idx, struct history *h,
    struct library *lib, const char *named, struct desk_pick *out,
    char **cause)
{
	const struct lib_entry	*e;
	size_t			 i;
	int			 rc;

	memset(out, 0, sizeof *out);
	for (i = 0; named != NULL && named[0] != '\0' && i < idx->n; i++) {
		if (strcmp(idx->v[i].id, named) != 0)
			continue;
		if ((e = load_entry(lib, &idx->v[i])) == NULL)
			return 1;
		if ((rc = desk_consider(h, e, out, cause)) != 0)
			return rc < 0 ? -1 : 0;
		break;
	}
	for (i = 0; i < idx->n && idx->v[i].desk; i++) {
		if (named != NULL && strcmp(idx->v[i].id, named) == 0)
			continue;
		if ((e = load_entry(lib, &idx->v[i])) == NULL)
			return 1;
		if ((rc = desk_consider(h, e, out, cause)) != 0)
			return rc < 0 ? -1 : 0;
	}
	return 0;
}

uint64_t
deskidx_lib_key(const struct library *lib, int64_t now, int *racy)
{
	struct lib_file	*files;
	size_t		 n;
	uint64_t	 key;

	n = library_files(lib, &files);
	key = deskidx_key(files, n, now, racy);
	library_files_free(files, n);
	return key;
}

int
deskidx_pick(const char *path, struct history *h, struct library *lib,
    const char *named, struct desk_pick *out, char **cause)
{
	uint64_t	key;
	int		racy;

	key = deskidx_lib_key(lib, clock_wall_s(&clock_system), &racy);
	return deskidx_pick_key(path, key, racy, h, lib, named, out, cause);
}

int
deskidx_pick_key(const char *path, uint64_t key, int racy, struct history *h,
    struct library *lib, const char *named, struct desk_pick *out,
    char **cause)
{
	struct deskidx	 idx;
	int		 rc;

	if (deskidx_read(path, key, &idx) == 0) {
		rc = pick_indexed(&idx, h, lib, named, out, cause);
		deskidx_free(&idx);
		if (rc <= 0)
			return rc;
		library_unload(lib);	/* wrong: read the whole library */
	}
	library_load(lib, NULL);
	if (path != NULL && !racy) {
		deskidx_build(lib, key, &idx);
		(void)deskidx_write(path, &idx);
		deskidx_free(&idx);
	}
	return desk_pick(h, lib, named, out, cause);
}
