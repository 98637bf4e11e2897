/*
 * The cues (cues.h): their names, as sounds/ names their files, and where
 * each one's sound comes from: the user's file, else the bundled one.
 */
#include "cues.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "library.h"
#include "mixer.h"
#include "xmalloc.h"

static const char *const cue_names[CUE__COUNT] = {
	"session-start", "position", "press", "roll", "stretch",
	"contract", "relax", "breathe", "rest", "halfway", "tick",
	"switch", "release", "pass", "inhale", "exhale", "step-end",
	"session-end", "alert"
};

/* The file stem of a cue, as sounds/ names it. */
const char *
cue_name(enum cue c)
{
	return (unsigned)c < CUE__COUNT ? cue_names[c] : "?";
}

/* Order file names for qsort, so the same folder always picks the same file. */
static int
cue_name_cmp(const void *va, const void *vb)
{
	return strcmp(*(char *const *)va, *(char *const *)vb);
}

/*
 * Load cue c: the user's files named like it ($XDG_CONFIG_HOME/knead/sounds/
 * NAME.*, any format libsndfile reads, in name order) until one loads, then
 * the bundled NAME.wav. A user file that cannot be used (broken, empty,
 * too long, not a regular file) is skipped; the first such problem goes to
 * *cause and the file used to *used, when they are not NULL (caller
 * frees).
 */
int
cue_load(const char *sounds_dir, enum cue c, int rate,
    struct sndbuf *b, char **cause, char **used)
{
	DIR		*d;
	struct dirent	*de;
	const char	*name = cue_name(c), *dot;
	char		*dir, *path, **cand = NULL, *why;
	size_t		 len = strlen(name), ncand = 0, i;
	int		 rc = -1;

	if (cause != NULL)
		*cause = NULL;
	if (used != NULL)
		*used = NULL;
	xasprintf(&dir, "%s/sounds", library_config_dir());
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL && ncand < 64) {
			dot = strrchr(de->d_name, '.');
			if (dot == NULL || (size_t)(dot - de->d_name) != len ||
			    strncmp(de->d_name, name, len) != 0)
				continue;
			cand = xreallocarray(cand, ncand + 1, sizeof *cand);
			xasprintf(&cand[ncand++], "%s/%s", dir, de->d_name);
		}
		closedir(d);
	}
	free(dir);
	if (ncand > 1)
		qsort(cand, ncand, sizeof *cand, cue_name_cmp);
	for (i = 0; i < ncand; i++) {
		if (rc != 0 && sndbuf_load(b, cand[i], rate, &why) == 0) {
			rc = 0;
			if (used != NULL)
				*used = xstrdup(cand[i]);
		} else if (rc != 0) {
			if (cause != NULL && *cause == NULL)
				*cause = why;
			else
				free(why);
		}
		free(cand[i]);
	}
	free(cand);
	if (rc == 0)
		return 0;
	xasprintf(&path, "%s/%s.wav", sounds_dir != NULL ? sounds_dir :
	    library_sounds_dir(), name);
	if (sndbuf_load(b, path, rate, &why) == 0) {
		rc = 0;
		if (used != NULL) {
			*used = path;
			path = NULL;
		}
	} else if (cause != NULL && *cause == NULL)
		*cause = why;
	else
		free(why);
	free(path);
	return rc;
}
