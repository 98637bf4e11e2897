/*
 * The home screen's filter rule (see search.h).
 */
#include "search.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEARCH_MAX	64	/* the longest filter the screen takes */

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

int
search_match(const char *text, const char *filter, uint64_t total_ms)
{
	char	 f[SEARCH_MAX], phrase[SEARCH_MAX], *word, *save = NULL;
	size_t	 i, k = 0;
	long	 min;

	for (i = 0; filter[i] != '\0' && i < sizeof f - 1; i++)
		f[i] = (char)tolower((unsigned char)filter[i]);
	f[i] = '\0';
	phrase[0] = '\0';
	for (word = strtok_r(f, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		if ((min = search_minutes(word)) >= 0) {
			if ((total_ms + 59999) / 60000 > (uint64_t)min)
				return (SEARCH_NONE);
			continue;
		}
		if (strstr(text, word) == NULL)
			return (SEARCH_NONE);
		/* The words that are not time limits, one space apart. */
		if (k < sizeof phrase)
			k += (size_t)snprintf(phrase + k, sizeof phrase - k,
			    "%s%s", k > 0 ? " " : "", word);
	}
	return (strstr(text, phrase) != NULL ? SEARCH_TOGETHER : SEARCH_APART);
}
