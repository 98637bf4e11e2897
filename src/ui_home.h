/*
 * Private to the home screen (ui_home.c, ui_home_pane.c, ui_home_lines.c,
 * ui_home_kept.c): its state, the detail pane that ui_home.c draws beside
 * the list, and its lines of text.
 */
#ifndef KNEAD_UI_HOME_H
#define KNEAD_UI_HOME_H

#include <stddef.h>
#include <stdint.h>

#include "search.h"	/* struct search_doc */
#include "validate.h"	/* TITLE_MAX_CHARS */

struct history;
struct homeidx;
struct homeidx_place;
struct library;
struct resting;

/* One routine of the list: its texts, made once. */
struct home_item {
	size_t		 idx;		/* in the library */
	char		 title[TITLE_MAX_CHARS * 4 + 1];	/* a valid title fits */
	char		 areas[256];
	char		 tools[128];
	struct search_doc *doc;		/* what the filter reads; NULL in */
					/* the kept first frame (3.3 KB an */
					/* item: out of line, the items of */
					/* that frame fit in a few pages) */
	uint64_t	 total_ms;
	int		 homework;	/* the pane says its homework */
	int		 star;		/* homework in its period: first */
	int		 resting;	/* one of its areas rests now */
	/* The pane's parts (from the routine, or the kept index). */
	const char	*summary;	/* NULL: none */
	int		 intensity;	/* enum intensity */
	int		 strict;
	struct homeidx_place *place;	/* the plan's areas and sides */
	size_t		 nplace;
	const char	*hwtext;	/* kept homework text; NULL: asked */
	struct resting	*kchk;		/* the run's check (made at setup, */
					/* or kept: homeidx.h) */
	size_t		 nkchk;
	int		 chk_failed;	/* the store could not say */
};

/* The home screen's state. */
struct home {
	struct library		*lib;
	struct history		*h;
	struct home_item	*items;
	size_t			 nitems;
	size_t			*shown;		/* filtered, indexes in items */
	size_t			 nshown;
	size_t			 sel;
	size_t			 top;
	char			 filter[64];
	struct resting		*rest;
	size_t			 nrest;
	char			 status[256];
	int			 refused;	/* library index or -1 */
	struct resting		*why;		/* what refused it */
	size_t			 nwhy;
	int			 skip_ok;	/* skipping leaves work */
	int			 pending;	/* 's' or 'o' waiting for Enter */
	int			 reasoning;	/* typing the override's reason */
	char			 reason[128];
	/* The run's check for the selected routine (the detail pane). */
	size_t			 chk_idx;	/* library index, SIZE_MAX none */
	int64_t			 chk_at;
	struct resting		*chk;
	size_t			 nchk;
	struct resting		*passed;	/* its spots asked about first */
	size_t			 npassed;	/* (history_halts_passed) */
	int			 kept;		/* drawn from the kept index */
	/* The routine files that could not be loaded, the command that */
	/* says why ("knead list", its --routines folders). */
	size_t			 nbad;
	char			 badhow[512];
};

/*
 * Sort and filter the items, the rest marks set from each item's check at
 * the clock now (ui_home.c);
 * then draw the screen.
 */
void	home_arrange(struct home *hm);
void	home_draw(struct home *hm);

/* The index of the screen hm shows (ui_home_kept.c): 0, or -1. */
int	home_kept_make(struct home *hm, uint64_t key, int64_t now,
	    struct homeidx *idx);

/*
 * The detail pane of the selected routine it in h rows of w columns at
 * y,x (ui_home_pane.c): the title wrapped (never cut), summary, facts and
 * tools, areas with their rest state by the run's own check (kept in
 * hm->chk, asked again at most every 30 s), homework. room (>= h) sets
 * how much of each part is shown; returns the rows it takes; with y < 0
 * it only measures.
 */
int	home_pane(struct home *hm, const struct home_item *it, int y, int x,
	    int w, int h, int room, int64_t now);
/* The homework paragraph of the pane at now (ui_home_pane.c). */
void	home_homework_text(struct home *hm, const struct home_item *it,
	    char *buf, size_t len, int64_t now);

/*
 * Typed text (ui_home_lines.c): whether ch is a byte to type; append it
 * to s of size len when it fits (a character's first byte only with room
 * for all of it, a continuation byte only into one begun); whether ch
 * erases (Backspace, Ctrl-W,
 * Ctrl-U); erase as ch says: the last character, the last word and the
 * spaces after it, or everything.
 */
int	home_printable(int ch);
void	home_append(char *s, size_t len, int ch);
int	home_erase_key(int ch);
void	home_erase(char *s, int ch);
/* The keys line at the bottom, the first of its forms that fits. */
void	home_draw_keys(const struct home *hm);
/* hm->nbad and hm->badhow from hm->lib; then the line under the title. */
void	home_bad_setup(struct home *hm);
void	home_draw_bad(const struct home *hm);

#endif
