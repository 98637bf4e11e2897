/*
 * The home screen's filter rule (see search.h).
 */
#include "search.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "plan.h"
#include "routine.h"
#include "xmalloc.h"

#define SEARCH_MAX	64	/* the longest filter the screen takes */
#define SEARCH_WORDS	(SEARCH_MAX / 2)

/* One character of text and of a filter alike: '-' is a space. */
static int
search_same(char a, char b)
{
	return (a == b || ((a == '-' || a == ' ') && (b == '-' || b == ' ')));
}

/* Whether text holds s, a '-' matching a space either way. */
static int
search_has(const char *text, const char *s)
{
	size_t	i;

	for (; *text != '\0'; text++) {
		for (i = 0; s[i] != '\0' && search_same(text[i], s[i]); i++)
			;
		if (s[i] == '\0')
			return (1);
	}
	return (*s == '\0');
}

long
search_minutes(const char *word)
{
	const char	*p = word + (word[0] == '<');
	char		*end;
	long		 v;

	if (*p < '0' || *p > '9')
		return (-1);
	v = strtol(p, &end, 10);
	if (strcmp(end, "m") != 0 && strcmp(end, "min") != 0 &&
	    !(word[0] == '<' && *end == '\0'))
		return (-1);
	return (v);
}

/*
 * The filter's words that are not time limits, lower case, into f (cut
 * in place; w[] points into it): their number, or -1 when an item of
 * total_ms is longer than a time limit.
 */
static int
search_words(const char *filter, uint64_t total_ms, char *f, size_t flen,
    char **w)
{
	char	*word, *save = NULL;
	size_t	 i;
	int	 n = 0;
	long	 min;

	for (i = 0; filter[i] != '\0' && i < flen - 1; i++)
		f[i] = (char)tolower((unsigned char)filter[i]);
	f[i] = '\0';
	for (word = strtok_r(f, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		if ((min = search_minutes(word)) >= 0) {
			if (plan_minutes(total_ms) > (uint64_t)min)
				return (-1);
			continue;
		}
		if (n < SEARCH_WORDS)
			w[n++] = word;
	}
	return (n);
}

int
search_match(const char *text, const char *filter, uint64_t total_ms)
{
	char	 f[SEARCH_MAX], phrase[SEARCH_MAX], *w[SEARCH_WORDS];
	size_t	 k = 0;
	int	 i, n;

	if ((n = search_words(filter, total_ms, f, sizeof f, w)) < 0)
		return (SEARCH_NONE);
	phrase[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!search_has(text, w[i]))
			return (SEARCH_NONE);
		/* The words that are not time limits, one space apart. */
		if (k < sizeof phrase)
			k += (size_t)snprintf(phrase + k, sizeof phrase - k,
			    "%s%s", k > 0 ? " " : "", w[i]);
	}
	return (search_has(text, phrase) ? SEARCH_TOGETHER : SEARCH_APART);
}

/* Append s to buf after sep (none when buf is empty), without overflow. */
static void
search_add(char *buf, size_t len, const char *sep, const char *s)
{
	size_t	n = strlen(buf);

	if (n + 1 < len && *s != '\0')
		snprintf(buf + n, len - n, "%s%s", n > 0 ? sep : "", s);
}

static void
search_lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

void
search_area_text(const struct area *a, char *buf, size_t len)
{
	if (len == 0)
		return;
	buf[0] = '\0';
	search_add(buf, len, " ", area_label(a));
	search_add(buf, len, " ", area_words(a));
	search_add(buf, len, " ", a->region);
	/* And in the screen's language: "dos", "Nacken", "cuello". */
	if (*area_words_local(a) != '\0') {
		search_add(buf, len, " ", area_words_local(a));
		search_add(buf, len, " ", area_region_label(a));
		search_add(buf, len, " ", a->name);
	}
	search_lower(buf);
}

/* d's parts: each area of plan p with the time spent on it. */
static void
search_parts(struct search_doc *d, const struct plan *p)
{
	size_t	i, k;

	for (i = 0; i < p->n; i++) {
		if (p->v[i].area == NULL)
			continue;
		for (k = 0; k < d->npart; k++)
			if (d->part[k].area == p->v[i].area)
				break;
		if (k == d->npart) {
			if (k == SEARCH_PARTS)
				continue;
			d->part[k].area = p->v[i].area;
			d->part[k].ms = 0;
			d->npart++;
		}
		d->part[k].ms += p->v[i].duration_ms;
	}
}

/*
 * Each of d's parts' words, made once here rather than at every key
 * (search_share reads them for each routine a filter matches).
 */
static void
search_part_words(struct search_doc *d)
{
	char	area[512];
	size_t	k, n, len = 0;

	for (k = 0; k < d->npart; k++) {
		search_area_text(d->part[k].area, area, sizeof area);
		n = strlen(area) + 1;
		d->words = xreallocarray(d->words, len + n, 1);
		memcpy(d->words + len, area, n);
		d->part[k].words = len;
		len += n;
	}
}

void
search_doc_make(struct search_doc *d, const struct routine *r,
    const struct plan *p)
{
	size_t	i, k;
	int	t;

	memset(d, 0, sizeof *d);
	search_add(d->name, sizeof d->name, " ", r->id.s);
	if (r->title.s != NULL)
		search_add(d->name, sizeof d->name, "\n", r->title.s);
	search_add(d->title, sizeof d->title, " ", d->name);
	search_lower(d->title);
	for (i = 0; i < r->ntags; i++)
		search_add(d->name, sizeof d->name, "\n", r->tags[i]);
	search_lower(d->name);
	/* Parts apart by a line: typed words never stand together across. */
	search_add(d->text, sizeof d->text, "\n", d->name);
	if (p == NULL)
		return;
	d->total_ms = p->total_ms;
	search_parts(d, p);
	search_part_words(d);
	for (k = 0; k < d->npart; k++)
		search_add(d->text, sizeof d->text, "\n", d->words +
		    d->part[k].words);
	for (t = 0; t < TOOL__COUNT; t++)
		for (i = 0; i < p->n; i++)
			if (p->v[i].tool == t) {
				search_add(d->text, sizeof d->text, "\n",
				    tool_label((enum tool)t));
				break;
			}
	search_lower(d->text);
}

void
search_doc_clear(struct search_doc *d)
{
	free(d->words);
	memset(d, 0, sizeof *d);
}

/*
 * The share of d's time on its areas, each area counting for the typed
 * words its words hold (of n): 0 to 1000.
 */
static long
search_share(const struct search_doc *d, char **w, int n)
{
	const char	*area;
	uint64_t	 all = 0, held = 0;
	size_t		 k;
	int		 i, m;

	for (k = 0; k < d->npart; k++) {
		area = d->words + d->part[k].words;
		for (i = 0, m = 0; i < n; i++)
			m += search_has(area, w[i]);
		all += d->part[k].ms * (uint64_t)n;
		held += d->part[k].ms * (uint64_t)m;
	}
	return (all > 0 ? (long)(held * 1000 / all) : 0);
}

long
search_rank(const struct search_doc *d, const char *filter)
{
	char	f[SEARCH_MAX], *w[SEARCH_WORDS];
	int	i, n, tier, named = 0, titled = 0;

	if ((tier = search_match(d->text, filter, d->total_ms)) ==
	    SEARCH_NONE)
		return (SEARCH_NONE);
	n = search_words(filter, d->total_ms, f, sizeof f, w);
	for (i = 0; i < n; i++) {
		named += search_has(d->name, w[i]);
		titled += search_has(d->title, w[i]);
	}
	/*
	 * The tier, then the words in the id or title (a desk tester typed
	 * "desk" and found the two "Desk break" routines 7th and 8th, below
	 * those with "desk" among their tags only), then in the tags too
	 * (< 1000), then the share (<= 1000).
	 */
	return ((long)tier * 100000000L + titled * 1000000L + named * 1001L +
	    search_share(d, w, n));
}
