/*
 * search: the home screen's filter, as a rule a test can call. A filter is
 * words; an item matches when each word is in its search text (id, title,
 * areas and their everyday words, tools, tags; lower case), a time limit
 * ("<10", "10m", "10min") keeping what lasts at most that many minutes.
 * A '-' in the text matches a space typed and the other way round
 * ("leg pain" finds the tag leg-pain).
 *
 * The order (search_rank), most relevant first:
 *   1. the words standing together as typed ("lower back") before those
 *      held apart ("lower leg ... back of the thigh");
 *   2. then the more of the words the routine's own name holds (its id,
 *      title and tags: what its author says it is for) before the words
 *      of areas it only touches on the way ("back pain" is the low back
 *      routine's tag; the phone-neck routine only moves the upper back);
 *   3. then the larger share of the routine's time on areas whose words
 *      hold the typed ones ("calf": the calves routine before the one
 *      that rolls the calves for a minute before a run);
 * and the list's own order between equals.
 */
#ifndef KNEAD_SEARCH_H
#define KNEAD_SEARCH_H

#include <stddef.h>
#include <stdint.h>

struct area;
struct plan;
struct routine;

#define SEARCH_NONE	0	/* a word is missing, or it is too long */
#define SEARCH_APART	1	/* every word, not together */
#define SEARCH_TOGETHER	2	/* the words as typed, side by side */

#define SEARCH_PARTS	32	/* the areas a routine's share counts */

/*
 * A routine as the filter reads it: made once (search_doc_make), read at
 * every key (search_rank); it owns words, which search_doc_clear frees.
 */
struct search_doc {
	char		 name[512];	/* lower case: id, title, tags */
	char		 title[320];	/* lower case: id, title */
	char		 text[2048];	/* lower case: name, areas, tools, */
					/* the areas' everyday words */
	char		*words;		/* each part's words */
					/* (search_area_text), one after */
					/* another, each ending in a NUL; */
					/* NULL with no part */
	struct {
		const struct area *area;
		uint64_t	 ms;	/* the plan's time on it */
		size_t		 words;	/* its words: at words + this */
	}		 part[SEARCH_PARTS];
	size_t		 npart;
	uint64_t	 total_ms;
};

/* The minutes of a time-limit word ("<10", "10m", "10min"), else -1. */
long	search_minutes(const char *word);
/*
 * How text (lower case) matches filter (any case) for an item lasting
 * total_ms: SEARCH_NONE, SEARCH_APART or SEARCH_TOGETHER. An empty filter
 * matches everything, together.
 */
int	search_match(const char *text, const char *filter, uint64_t total_ms);
/*
 * The words area a answers to, lower case, into buf: its name, everyday
 * words and region, and the same in the screen's language.
 */
void	search_area_text(const struct area *a, char *buf, size_t len);
/*
 * d for routine r and its plan p (NULL: no plan, no areas). d is
 * overwritten: one never made (zeroed) or cleared.
 */
void	search_doc_make(struct search_doc *d, const struct routine *r,
	    const struct plan *p);
/* Free what d holds and zero it; a zeroed d is left as it is. */
void	search_doc_clear(struct search_doc *d);
/*
 * How well d matches filter: 0 (SEARCH_NONE) when it does not, else a
 * score, higher first, by the order above. An empty filter gives every
 * routine the same score.
 */
long	search_rank(const struct search_doc *d, const char *filter);

#endif
