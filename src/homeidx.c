/*
 * The home screen's kept index (see homeidx.h).
 *
 * The file, all text; free text escaped (a backslash or a control byte
 * becomes \HH):
 *	knead home-index 3
 *	key HEX16
 *	at SECONDS dated 0|1
 *	b COUNT COMMAND		(routine files not loaded; none: no line)
 *	r HOLD			(a resting entry, history_resting's)
 *	i TOTAL_MS MARK INTENSITY STRICT	(a routine: the lines after it)
 *	t TITLE
 *	a AREAS
 *	o TOOLS
 *	s SUMMARY		(none: no line)
 *	w HOMEWORK		(none: no line)
 *	p AREA SIDE WORK	(the plan's areas, in order)
 *	c HOLD			(its check)
 *	sum HEX16		(FNV-1a 64 of every byte before it)
 * where HOLD is AREA|- SIDE FREE_AT RULE COUNT LIMIT WEEK_COUNT PER_WEEK.
 */
#include "homeidx.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "areas.h"
#include "clock.h"
#include "compat.h"
#include "dates.h"
#include "deskidx.h"
#include "history.h"
#include "library.h"
#include "routine.h"
#include "xmalloc.h"

#define HOMEIDX_MAGIC	"knead home-index 3\n"
#define HOMEIDX_MAX	(4u << 20)

const char *
homeidx_path(void)
{
	static char	 buf[PATH_MAX];

	return deskidx_cache_file("home-index", buf, sizeof buf);
}

/* The store's files in the key. */
static const char *const homeidx_store_side[] = { "", "-wal", "-journal",
    "-live" };

/* homeidx_key, with what was racy split: the library's files, the store's. */
static uint64_t
homeidx_key_of(const struct library *lib, const char *db, int64_t now,
    int *lib_racy, int *store_racy)
{
	static const char *const env[] = { "LANGUAGE", "LC_ALL",
	    "LC_MESSAGES", "LANG", "TZ" };
	char		 path[PATH_MAX];
	const char	*v;
	uint64_t	 h;
	size_t		 i;
	int		 r = 0;

	*store_racy = 0;
	/* The binary and every routine file (deskidx.h). */
	h = deskidx_lib_key(lib, now, lib_racy);
	h = deskidx_hash(h, HOMEIDX_MAGIC, sizeof HOMEIDX_MAGIC);
	if (db == NULL)
		return 0;
	/* The folders: a file added, removed or renamed. */
	h = deskidx_key_file(h, library_bundled_dir(), "bundled", now, &r,
	    DESKIDX_CTIME);
	snprintf(path, sizeof path, "%s/routines", library_config_dir());
	h = deskidx_key_file(h, path, "user", now, &r, DESKIDX_CTIME);
	for (i = 0; i < lib->ndirs; i++)
		h = deskidx_key_file(h, lib->dirs[i], "dir", now, &r,
		    DESKIDX_CTIME);
	if (r)
		*lib_racy = 1;
	/* Not the ctime: SQLite's read-only open chowns the -wal. */
	for (i = 0; i < nitems(homeidx_store_side); i++) {
		snprintf(path, sizeof path, "%s%s", db, homeidx_store_side[i]);
		h = deskidx_key_file(h, path, "", now, store_racy, 0);
	}
	/* The texts are in the screen's language, the days in its zone. */
	for (i = 0; i < sizeof env / sizeof env[0]; i++) {
		v = getenv(env[i]);
		h = deskidx_hash(h, env[i], strlen(env[i]) + 1);
		h = deskidx_hash(h, v != NULL ? v : "\1", v != NULL ?
		    strlen(v) + 1 : 2);
	}
	return h;
}

uint64_t
homeidx_key(const struct library *lib, const char *db, int64_t now,
    int *racy)
{
	uint64_t	h;
	int		lr = 0, sr = 0;

	h = homeidx_key_of(lib, db, now, &lr, &sr);
	*racy = lr || sr;
	return h;
}

/*
 * The newest mtime (ns) of the store's files, or 0; *coarse set when one
 * changed in the last two seconds (now, s) has whole seconds only (a file
 * system that may keep no finer times).
 */
static int64_t
homeidx_store_newest(const char *db, int64_t now, int *coarse)
{
	struct stat	sb;
	char		path[PATH_MAX];
	int64_t		t, newest = 0;
	size_t		i;

	*coarse = 0;
	for (i = 0; i < nitems(homeidx_store_side); i++) {
		snprintf(path, sizeof path, "%s%s", db, homeidx_store_side[i]);
		if (stat(path, &sb) != 0)
			continue;
		if (sb.st_mtim.tv_nsec == 0 &&
		    sb.st_mtim.tv_sec > now - DESKIDX_RACY_S)
			*coarse = 1;
		t = (int64_t)sb.st_mtim.tv_sec * 1000000000 +
		    sb.st_mtim.tv_nsec;
		if (t > newest)
			newest = t;
	}
	return newest;
}

uint64_t
homeidx_key_settled(const struct library *lib, const char *db,
    const struct clock *c, int *racy)
{
	struct timespec	ts;
	uint64_t	h;
	int64_t		now, newest;
	int		lr = 0, sr = 0, coarse;

	*racy = 0;
	if (db == NULL)
		return 0;
	now = clock_wall_ns(c);
	newest = homeidx_store_newest(db, clock_wall_s(c), &coarse);
	if (!coarse && newest > now - HOMEIDX_SETTLE_NS && newest <= now) {
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(newest + HOMEIDX_SETTLE_NS - now);
		(void)nanosleep(&ts, NULL);
		now = clock_wall_ns(c);
	}
	h = homeidx_key_of(lib, db, clock_wall_s(c), &lr, &sr);
	/* Read after the key: a change since then shows in newest too. */
	newest = homeidx_store_newest(db, clock_wall_s(c), &coarse);
	if (lr || (sr && (coarse || newest > now - HOMEIDX_SETTLE_NS)))
		*racy = 1;
	return h;
}

int
homeidx_usable(const struct homeidx *idx, int64_t now)
{
	if (now < idx->at)
		return 0;
	if (idx->dated && dates_day_of(now) != dates_day_of(idx->at))
		return 0;
	return 1;
}

size_t
homeidx_holds_at(const struct resting *in, size_t n, int64_t now,
    struct resting **out)
{
	size_t	i, k = 0;

	*out = xcalloc(n + 1, sizeof **out);
	for (i = 0; i < n; i++) {
		if (in[i].rule != RULE_BLOCKED && in[i].free_at <= now)
			continue;
		(*out)[k] = in[i];
		/* A block's "until" is the next check-in, never past. */
		if (in[i].rule == RULE_BLOCKED && (*out)[k].free_at < now)
			(*out)[k].free_at = now;
		(*out)[k++].checked_at = now;
	}
	return k;
}

void
homeidx_free(struct homeidx *idx)
{
	struct homeidx_row	*r;
	size_t			 i;

	for (i = 0; i < idx->n; i++) {
		r = &idx->v[i];
		free(r->title);
		free(r->areas);
		free(r->tools);
		free(r->summary);
		free(r->homework);
		free(r->place);
		free(r->chk);
	}
	free(idx->v);
	free(idx->rest);
	free(idx->badhow);
	memset(idx, 0, sizeof *idx);
}

/* s escaped to fp: a backslash or a control byte becomes \HH. */
static void
put_text(FILE *fp, const char *tag, const char *s)
{
	const unsigned char	*p;

	fputs(tag, fp);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\\' || *p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\%02x", *p);
		else
			fputc(*p, fp);
	}
	fputc('\n', fp);
}

/* One HOLD after tag. */
static void
put_hold(FILE *fp, const char *tag, const struct resting *x)
{
	fprintf(fp, "%s%s %d %lld %d %d %d %d %d\n", tag, x->area != NULL ?
	    x->area->id : "-", (int)x->side, (long long)x->free_at, x->rule,
	    x->count, x->limit, x->week_count, x->per_week);
}

static void
put_row(FILE *fp, const struct homeidx_row *r)
{
	size_t	k;

	fprintf(fp, "i %" PRIu64 " %d %d %d\n", r->total_ms, r->mark != 0,
	    r->intensity, r->strict != 0);
	put_text(fp, "t ", r->title);
	put_text(fp, "a ", r->areas);
	put_text(fp, "o ", r->tools);
	if (r->summary != NULL)
		put_text(fp, "s ", r->summary);
	if (r->homework != NULL)
		put_text(fp, "w ", r->homework);
	for (k = 0; k < r->nplace; k++)
		fprintf(fp, "p %s %d %d\n", r->place[k].area->id,
		    r->place[k].side, r->place[k].work != 0);
	for (k = 0; k < r->nchk; k++)
		put_hold(fp, "c ", &r->chk[k]);
}

int
homeidx_write(const char *path, const struct homeidx *idx)
{
	char		*text = NULL;
	size_t		 len = 0, i;
	FILE		*fp;
	int		 bad;

	if (path == NULL || (fp = open_memstream(&text, &len)) == NULL)
		return -1;
	fprintf(fp, "%skey %016" PRIx64 "\nat %lld dated %d\n", HOMEIDX_MAGIC,
	    idx->key, (long long)idx->at, idx->dated != 0);
	if (idx->nbad > 0) {
		fprintf(fp, "b %zu ", idx->nbad);
		put_text(fp, "", idx->badhow != NULL ? idx->badhow : "");
	}
	for (i = 0; i < idx->nrest; i++)
		put_hold(fp, "r ", &idx->rest[i]);
	for (i = 0; i < idx->n; i++)
		put_row(fp, &idx->v[i]);
	bad = ferror(fp);
	if (fclose(fp) != 0 || bad) {
		free(text);
		return -1;
	}
	bad = deskidx_seal(path, text, len);
	free(text);
	return bad;
}

/* An escaped text back (see put_text): allocated, or NULL when bad. */
static char *
get_text(const char *s)
{
	char		*out = xmalloc(strlen(s) + 1), *o = out, hex[3];
	unsigned long	 v;

	for (; *s != '\0'; s++) {
		if (*s != '\\') {
			*o++ = *s;
			continue;
		}
		if (s[1] == '\0' || s[2] == '\0' ||
		    strspn(s + 1, "0123456789abcdef") < 2)
			goto bad;
		memcpy(hex, s + 1, 2);
		hex[2] = '\0';
		if ((v = strtoul(hex, NULL, 16)) == 0)
			goto bad;
		*o++ = (char)v;
		s += 2;
	}
	*o = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

/* An area id, or "-" for none when none is allowed; 0, or -1. */
static int
get_area(const char *s, int none_ok, const struct area **a)
{
	*a = NULL;
	if (none_ok && strcmp(s, "-") == 0)
		return 0;
	return (*a = area_find(s)) != NULL ? 0 : -1;
}

/*
 * The word at *s, up to a space or the end, into id (of 64); *s moved past
 * it and its space. 0, or -1 when it is empty or too long. (The fields of
 * a line are read with strtoll, not sscanf: a kept index's hundred lines
 * took 15-20 us of sscanf before the home screen's first frame.)
 */
static int
get_word(const char **s, char id[64])
{
	size_t	len = strcspn(*s, " ");

	if (len == 0 || len > 63)
		return -1;
	memcpy(id, *s, len);
	id[len] = '\0';
	*s += len + ((*s)[len] == ' ');
	return 0;
}

/*
 * The number at *s in [lo, hi], followed by a space (*s moved past both)
 * or, last, by the end of the line; 0, or -1.
 */
static int
get_num(const char **s, int last, long long lo, long long hi, long long *v)
{
	char	*end;

	errno = 0;
	*v = strtoll(*s, &end, 10);
	if (end == *s || errno != 0 || *v < lo || *v > hi ||
	    *end != (last ? '\0' : ' '))
		return -1;
	*s = end + !last;
	return 0;
}

/* get_num of an int. */
static int
get_int(const char **s, int last, long long lo, long long hi, int *v)
{
	long long	n;

	if (get_num(s, last, lo, hi, &n) != 0)
		return -1;
	*v = (int)n;
	return 0;
}

/* One HOLD into a new entry of *v; 0, or -1. */
static int
get_hold(const char *s, struct resting **v, size_t *n)
{
	struct resting	 x;
	char		 id[64];
	long long	 free_at;
	int		 side;

	memset(&x, 0, sizeof x);
	if (get_word(&s, id) != 0 ||
	    get_int(&s, 0, SIDE_NONE, SIDE_RIGHT, &side) != 0 ||
	    get_num(&s, 0, LLONG_MIN, LLONG_MAX, &free_at) != 0 ||
	    get_int(&s, 0, RULE_REST, RULE_BLOCKED, &x.rule) != 0 ||
	    get_int(&s, 0, INT_MIN, INT_MAX, &x.count) != 0 ||
	    get_int(&s, 0, INT_MIN, INT_MAX, &x.limit) != 0 ||
	    get_int(&s, 0, INT_MIN, INT_MAX, &x.week_count) != 0 ||
	    get_int(&s, 1, INT_MIN, INT_MAX, &x.per_week) != 0 ||
	    get_area(id, 1, &x.area) != 0)
		return -1;
	x.side = (enum side)side;
	x.free_at = free_at;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = x;
	return 0;
}

/* One "p" line into row r; 0, or -1. */
static int
get_place(const char *s, struct homeidx_row *r)
{
	struct homeidx_place	 p;
	char			 id[64];

	if (get_word(&s, id) != 0 ||
	    get_int(&s, 0, SIDE_NONE, SIDE_RIGHT, &p.side) != 0 ||
	    get_int(&s, 1, 0, 1, &p.work) != 0 ||
	    get_area(id, 0, &p.area) != 0)
		return -1;
	r->place = xreallocarray(r->place, r->nplace + 1, sizeof *r->place);
	r->place[r->nplace++] = p;
	return 0;
}

/* The text of a line of row r (t, a, o, s, w), once each; 0, or -1. */
static int
get_row_text(struct homeidx_row *r, char tag, const char *s)
{
	char	**slot;

	switch (tag) {
	case 't':
		slot = &r->title;
		break;
	case 'a':
		slot = &r->areas;
		break;
	case 'o':
		slot = &r->tools;
		break;
	case 's':
		slot = &r->summary;
		break;
	default:
		slot = &r->homework;
		break;
	}
	if (*slot != NULL)
		return -1;
	return (*slot = get_text(s)) != NULL ? 0 : -1;
}

/* A new row from an "i" line; 0, or -1. */
static int
get_row(struct homeidx *idx, const char *s)
{
	struct homeidx_row	*r;
	long long		 ms;
	int			 mark, in, strict;

	if (get_num(&s, 0, 0, LLONG_MAX, &ms) != 0 ||
	    get_int(&s, 0, 0, 1, &mark) != 0 ||
	    get_int(&s, 0, INTENSITY_GENTLE, INTENSITY_DEEP, &in) != 0 ||
	    get_int(&s, 1, 0, 1, &strict) != 0)
		return -1;
	idx->v = xreallocarray(idx->v, idx->n + 1, sizeof *idx->v);
	r = &idx->v[idx->n++];
	memset(r, 0, sizeof *r);
	r->total_ms = ms;
	r->mark = mark;
	r->intensity = in;
	r->strict = strict;
	return 0;
}

/* The "b" line: before the rests and rows, once; 0, or -1. */
static int
get_bad(struct homeidx *idx, const char *s)
{
	unsigned long long	 n;
	char			*end;

	if (idx->badhow != NULL || idx->nrest > 0 || idx->n > 0 ||
	    *s < '1' || *s > '9')
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0 || *end != ' ' || n > SIZE_MAX)
		return -1;
	idx->nbad = (size_t)n;
	return (idx->badhow = get_text(end + 1)) != NULL ? 0 : -1;
}

/* One line after the head; 0, or -1. */
static int
get_line(struct homeidx *idx, char *line)
{
	struct homeidx_row	*r = idx->n > 0 ? &idx->v[idx->n - 1] : NULL;

	if (line[0] == '\0' || line[1] != ' ')
		return -1;
	switch (line[0]) {
	case 'b':
		return get_bad(idx, line + 2);
	case 'r':
		return r != NULL ? -1 : get_hold(line + 2, &idx->rest,
		    &idx->nrest);
	case 'i':
		return get_row(idx, line + 2);
	case 't': case 'a': case 'o': case 's': case 'w':
		return r == NULL ? -1 : get_row_text(r, line[0], line + 2);
	case 'p':
		return r == NULL ? -1 : get_place(line + 2, r);
	case 'c':
		return r == NULL ? -1 : get_hold(line + 2, &r->chk, &r->nchk);
	}
	return -1;
}

/* Whether every row has its title, areas and tools. */
static int
rows_whole(const struct homeidx *idx)
{
	size_t	i;

	for (i = 0; i < idx->n; i++) {
		if (idx->v[i].title == NULL || idx->v[i].areas == NULL ||
		    idx->v[i].tools == NULL)
			return 0;
	}
	return 1;
}

int
homeidx_read(const char *path, uint64_t key, int64_t now,
    struct homeidx *idx)
{
	char		*buf, *line, *nl, want[64];
	size_t		 len;
	long long	 at;
	int		 dated, end = 0;

	memset(idx, 0, sizeof *idx);
	if (path == NULL || key == 0 ||
	    (buf = deskidx_unseal(path, HOMEIDX_MAX, &len)) == NULL)
		return -1;
	snprintf(want, sizeof want, "%skey %016" PRIx64 "\n", HOMEIDX_MAGIC,
	    key);
	if (strncmp(buf, want, strlen(want)) != 0)
		goto bad;
	line = buf + strlen(want);
	if (sscanf(line, "at %lld dated %d%n", &at, &dated, &end) != 2 ||
	    (line[end] != '\n' && line[end] != '\0') ||
	    (dated != 0 && dated != 1))
		goto bad;
	idx->key = key;
	idx->at = at;
	idx->dated = dated;
	for (line += end + (line[end] != '\0'); *line != '\0'; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		else
			nl = line + strlen(line);
		if (get_line(idx, line) != 0)
			goto bad;
	}
	if (!rows_whole(idx) || !homeidx_usable(idx, now))
		goto bad;
	free(buf);
	return 0;
bad:
	free(buf);
	homeidx_free(idx);
	return -1;
}
