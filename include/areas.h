/*
 * The one table of body areas and tools (DOMAIN.md section 4 and 3.5).
 *
 * Every area has an id used in routines, a display name, a region, the view
 * of the body map it is drawn on and its position there, the tools allowed on
 * it, and whether it is an endangerment site (press and roll may never target
 * one; there is no way to turn that off).
 *
 * The body map is a text figure BODYMAP_W columns by BODYMAP_H rows, drawn
 * from body_outline[] (front and back views share the outline). map_x/map_y
 * place the area's LEFT-side spot as seen on the back view (the person's left
 * is the viewer's left); the right side is mirrored: BODYMAP_W - 1 - map_x.
 * Midline areas (sided == 0) sit on the centre column. The front view is a
 * clinician's chart: the person faces the viewer, so their left is drawn on
 * the viewer's right (area_map_cols does the mirroring).
 */
#ifndef KNEAD_AREAS_H
#define KNEAD_AREAS_H

#include <stddef.h>

enum tool {
	TOOL_TENNIS_BALL,
	TOOL_LACROSSE_BALL,
	TOOL_DOUBLE_BALL,
	TOOL_FOAM_ROLLER,
	TOOL_HAND,
	TOOL__COUNT
};
#define TOOL_BIT(t)	(1u << (t))
#define TOOLS_BALLS	(TOOL_BIT(TOOL_TENNIS_BALL) | TOOL_BIT(TOOL_LACROSSE_BALL))
#define TOOLS_ALL	((1u << TOOL__COUNT) - 1)

enum body_view {
	VIEW_FRONT,
	VIEW_BACK
};

#define BODYMAP_W	21
#define BODYMAP_H	16

struct area {
	const char	*id;		/* routine id, e.g. "upper-trapezius" */
	const char	*name;		/* display name, e.g. "upper trapezius" */
	const char	*region;	/* "neck and shoulders", "back", ... */
	enum body_view	 view;
	int		 map_x;		/* column in the body map (left side) */
	int		 map_y;		/* row in the body map */
	unsigned	 tools;		/* TOOL_BIT mask of allowed tools */
	int		 sided;		/* 1: has a left and a right side */
	int		 endangerment;	/* 1: press and roll forbidden */
	const char	*caution;	/* why (endangerment) or what to avoid */
};

size_t		 area_count(void);
const struct area *area_at(size_t);
/* The area with this id, or NULL. */
const struct area *area_find(const char *id);
/*
 * The everyday words for an area, lower case ("ql lower back back pain"):
 * for search. "" when it has none.
 */
const char	*area_words(const struct area *);
/* The same words in the screen's language, "" when none (i18n.h). */
const char	*area_words_local(const struct area *);
/*
 * 1 for the muscles of the neck knead works (upper trapezius, levator
 * scapulae, suboccipitals): after work there, DOMAIN 3.3's signs of an
 * artery tear or a stroke are an emergency.
 */
int		 area_neck(const struct area *);
/*
 * 1 for the areas over the nerves to the arm (the neck and shoulders, pec
 * minor over the brachial plexus, the forearms): numbness, tingling or
 * shooting pain there is DOMAIN 3.6's "see a clinician" (halt_why.c).
 */
int		 area_arm_nerves(const struct area *);
/* The display name and region in the screen's language (i18n.h). */
const char	*area_label(const struct area *);
const char	*area_region_label(const struct area *);
/*
 * "trapèze supérieur (gauche)": the area of id and a stored side ("left",
 * "right"; "both" and "" add nothing) in the screen's language, into buf.
 * An id or side this knead does not know is shown as it is, cleaned.
 */
void	area_side_label(const char *id, const char *side, char *buf,
	    size_t len);
/*
 * The areas a word an author may write for one names: an alias ("calf",
 * "quads", "gastrocnemius", "glutes", "plantar-fasciitis"), a display name
 * ("sole-of-the-foot"), else an everyday word ("neck", "back-of-the-thigh");
 * case, '_' and ' ' for '-' ignored. Up to max of them into out, in table
 * order; returns how many there are (may exceed max). *known: the word is
 * one of those at all. For the validator's "did you mean" only: aliases
 * are never area ids.
 */
size_t	area_named_by(const char *word, const struct area **out, size_t max,
	    int *known);
/* NULL-terminated list of every area id (for suggestions). */
const char *const *area_ids(void);

/* Tool ids as written in routines ("tennis-ball"), display names. */
const char	*tool_id(enum tool);
const char	*tool_name(enum tool);
/* tool_name() in the screen's language. */
const char	*tool_label(enum tool);
/* The tool with this id, or -1. */
int		 tool_from_id(const char *);
const char *const *tool_ids(void);

/*
 * The body map columns to mark for work on a: its left side when left is
 * set, its right side when right is set (both for a double ball with no
 * side), the centre column for a midline area. Returns how many (0-2).
 */
size_t		 area_map_cols(const struct area *a, int left, int right,
		    int cols[2]);

/* The figure: BODYMAP_H strings of BODYMAP_W columns (ASCII only). */
extern const char *const body_outline[BODYMAP_H];

#endif
