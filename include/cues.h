/*
 * The cues: the short sounds that mark a session's moments, their names
 * (as sounds/ names their files) and where each one's sound comes from
 * (cues.c). Both the live engine and `knead render` load them here.
 */
#ifndef KNEAD_CUES_H
#define KNEAD_CUES_H

enum cue {
	CUE_SESSION_START,
	CUE_POSITION,		/* start of a position step */
	CUE_PRESS,		/* start of a press step */
	CUE_ROLL,
	CUE_STRETCH,
	CUE_CONTRACT,		/* contract-relax phases */
	CUE_RELAX,
	CUE_BREATHE,
	CUE_REST,
	CUE_HALFWAY,
	CUE_TICK,		/* last-seconds countdown */
	CUE_SWITCH,		/* switch sides */
	CUE_RELEASE,		/* release between reps */
	CUE_PASS,		/* slow-roll pass tick */
	CUE_INHALE,
	CUE_EXHALE,
	CUE_STEP_END,
	CUE_SESSION_END,
	CUE_ALERT,		/* safety stop */
	CUE__COUNT
};

/* File stem of the cue in sounds/ ("press" -> sounds/press.wav). */
const char	*cue_name(enum cue);

/*
 * Decode cue c into b at rate: the first of the user's files of the same
 * name that loads ($XDG_CONFIG_HOME/knead/sounds/NAME.*, any format
 * libsndfile reads; a broken, empty, over-long or non-regular file is
 * skipped), else NAME.wav in sounds_dir (NULL: library_sounds_dir()).
 * Returns 0, or -1 when no file could be used (b empty). When cause is not
 * NULL it gets the first file's problem even if a later file was used, or
 * NULL; when used is not NULL, the path of the file decoded, or NULL
 * (caller frees both).
 */
struct sndbuf;
int		 cue_load(const char *sounds_dir, enum cue c, int rate,
		    struct sndbuf *b, char **cause, char **used);

#endif
