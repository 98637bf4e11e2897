/*
 * espeak-ng's voice list, read once (see voices.h).
 */
#include "voices.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include "xmalloc.h"

/* Voice names ("German") and identifiers ("gmw/de"); nvoices -1: none. */
static char	**vname;
static char	**vid;
static long	  nvoices;

/* Read the list, or find that there is none. */
static void
voices_read(void)
{
	const espeak_VOICE	**v;
	long			  i, n;

	nvoices = -1;
	espeak_ng_InitializePath(NULL);
	if ((v = espeak_ListVoices(NULL)) == NULL)
		return;
	for (n = 0; v[n] != NULL; n++)
		continue;
	if (n == 0)
		return;
	vname = xreallocarray(NULL, (size_t)n, sizeof *vname);
	vid = xreallocarray(NULL, (size_t)n, sizeof *vid);
	for (i = 0; i < n; i++) {
		vname[i] = xstrdup(v[i]->name != NULL ? v[i]->name : "");
		vid[i] = xstrdup(v[i]->identifier != NULL ?
		    v[i]->identifier : "");
	}
	nvoices = n;
}

/*
 * Whether espeak_SetVoiceByName(name) finds a voice: by its name, its
 * identifier, or the identifier's last part ("de" for "gmw/de"), in any
 * case, as espeak-ng's SelectVoiceByName matches them.
 */
static int
voices_match(const char *name)
{
	size_t	n = strlen(name), m;
	long	i;

	for (i = 0; i < nvoices; i++) {
		if (strcasecmp(name, vname[i]) == 0 ||
		    strcasecmp(name, vid[i]) == 0)
			return 1;
		m = strlen(vid[i]);
		if (m > n && vid[i][m - n - 1] == '/' &&
		    strcasecmp(name, vid[i] + m - n) == 0)
			return 1;
	}
	return 0;
}

/* Try the names for a tag in turn; see voices.h. */
int
voices_try(char *want, int (*found)(const char *))
{
	char	*p;

	if (found(want))
		return 1;
	for (p = want; *p != '\0'; p++)
		*p = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
	if (found(want))
		return 1;
	if ((p = strchr(want, '-')) == NULL)
		return 0;
	*p = '\0';
	return found(want);
}

/* As speech_open does, on a copy cut to the same 15 bytes. */
int
voices_has(const char *lang)
{
	char	want[16];

	if (nvoices == 0)
		voices_read();
	if (nvoices < 0)
		return -1;
	snprintf(want, sizeof want, "%s", lang);
	return voices_try(want, voices_match);
}
