/*
 * render: a whole session mixed offline into a sound file, from the same
 * speech timeline a live session plays (timeline.h): the screening
 * questions first, then every cue and spoken line at its planned offset,
 * until-release steps at their max. Written through outfile.h, so a file
 * is replaced whole or not at all.
 */
#ifndef KNEAD_RENDER_H
#define KNEAD_RENDER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct plan;

struct render_opts {
	int		 voice;		/* speak the lines */
	int		 volume;	/* 0..100; negative: the default */
	/* The recording's language, as cues.lang is (plan_lang): knead's
	   words and the voice; NULL: the routine's cues.lang. */
	const char	*lang;
	FILE		*sched;		/* write the timeline here, or NULL */
	int		 progress;	/* show percentages on stderr */
	/* A warning that does not stop the render (a cue file, no voice). */
	void		(*warn)(void *, const char *);
	void		*arg;
};

/* What was written. */
struct render_info {
	uint64_t	 lead_ms;	/* said before step 1 (preamble, questions) */
	uint64_t	 length_ms;	/* of the file */
	size_t		 ncues;
	size_t		 nspoken;
	int		 rate;
};

/* The format for a file name's extension (.wav .flac .ogg .mp3), or 0. */
int	render_format(const char *path);
/* The extensions render_format knows, for messages. */
extern const char render_extensions[];
/*
 * Render plan to path in format fmt. Returns 0, or -1 with a reason in
 * *cause (caller frees) when the file cannot be written; the file is then
 * as it was.
 */
int	render_write(const struct plan *, const char *path, int fmt,
	    const struct render_opts *, struct render_info *, char **cause);

#endif
