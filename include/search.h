/*
 * search: the home screen's filter, as a rule a test can call. A filter is
 * words; an item matches when each word is in its search text (id, title,
 * areas and their everyday words, tools, tags; lower case), a time limit
 * ("<10", "10m", "10min") keeping what lasts at most that many minutes.
 * Where the words stand together as typed ("lower back") the item ranks
 * before those that hold them apart ("lower leg ... back of the thigh").
 */
#ifndef KNEAD_SEARCH_H
#define KNEAD_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#define SEARCH_NONE	0	/* a word is missing, or it is too long */
#define SEARCH_APART	1	/* every word, not together */
#define SEARCH_TOGETHER	2	/* the words as typed, side by side */

/* The minutes of a time-limit word ("<10", "10m", "10min"), else -1. */
long	search_minutes(const char *word);
/*
 * How text (lower case) matches filter (any case) for an item lasting
 * total_ms: SEARCH_NONE, SEARCH_APART or SEARCH_TOGETHER. An empty filter
 * matches everything, together.
 */
int	search_match(const char *text, const char *filter, uint64_t total_ms);

#endif
