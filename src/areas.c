/*
 * The one table of body areas and tools. Ids, endangerment sites and tool
 * choices follow DOMAIN.md sections 3.4, 3.5 and 4.
 */
#include "areas.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "compat.h"
#include "i18n.h"
#include "textout.h"

#define BALLS		TOOLS_BALLS
#define DOUBLE		TOOL_BIT(TOOL_DOUBLE_BALL)
#define ROLLER		TOOL_BIT(TOOL_FOAM_ROLLER)
#define HAND		TOOL_BIT(TOOL_HAND)

#define NECK		N_("neck and shoulders")
#define BACK		N_("back")
#define HIPS		N_("hips")
#define LEGS		N_("legs")
#define FEET		N_("feet")
#define FOREARMS	N_("forearms")
#define CHEST		N_("chest")

/*
 * The figure, front and back share it. Column 10 is the midline; the
 * person's left side is drawn in columns 0-9 (see areas.h).
 */
const char *const body_outline[BODYMAP_H] = {
	"        .---.        ",	/*  0 head */
	"        (:::)        ",	/*  1 temples, face */
	"         \\:/         ",	/*  2 jaw, skull base */
	"    .----|:|----.    ",	/*  3 neck, top of the shoulders */
	"   /:::::::::::::\\   ",	/*  4 shoulders, collarbones */
	"  /::|:::::::::|::\\  ",	/*  5 upper arms, chest, scapulae */
	"  |::|:::::::::|::|  ",	/*  6 upper arms, armpits, mid back */
	"  |::|:::::::::|::|  ",	/*  7 elbows, ribs */
	"  |::|:::::::::|::|  ",	/*  8 forearms, low back, belly */
	"  (__)|:::::::|(__)  ",	/*  9 hands, hips */
	"      |:::|:::|      ",	/* 10 buttocks, groin */
	"      |::| |::|      ",	/* 11 thighs */
	"      |::| |::|      ",	/* 12 knees */
	"      |::| |::|      ",	/* 13 shins, calves */
	"      |::| |::|      ",	/* 14 ankles */
	"     (___| |___)     ",	/* 15 feet */
};

static const struct area areas[] = {
	/* Neck and shoulders. */
	{ "upper-trapezius", N_("upper trapezius"), NECK, VIEW_BACK, 6, 3,
	  BALLS | HAND, 1, 0,
	  "top of the shoulder only: stay off the side and front of the neck" },
	{ "levator-scapulae", N_("levator scapulae"), NECK, VIEW_BACK, 8, 3,
	  BALLS | HAND, 1, 0,
	  "just above the top corner of the shoulder blade, not on the neck" },
	{ "suboccipitals", N_("suboccipitals"), NECK, VIEW_BACK, 9, 2,
	  TOOL_BIT(TOOL_TENNIS_BALL) | DOUBLE | HAND, 1, 0,
	  "beside the midline under the skull; stop if a headache gets worse" },
	{ "infraspinatus", N_("infraspinatus"), NECK, VIEW_BACK, 7, 6,
	  BALLS | HAND, 1, 0,
	  "on the flat of the shoulder blade; stop if the arm tingles" },
	{ "teres-major", N_("teres major"), NECK, VIEW_BACK, 5, 6,
	  BALLS | ROLLER | HAND, 1, 0,
	  "outer edge of the shoulder blade; stay out of the armpit" },

	/* Back. */
	{ "rhomboids", N_("rhomboids"), BACK, VIEW_BACK, 8, 5,
	  BALLS | DOUBLE | HAND, 1, 0,
	  "between spine and shoulder blade: never on the spine itself" },
	{ "thoracic-spine", N_("thoracic spine"), BACK, VIEW_BACK, 10, 5,
	  ROLLER | DOUBLE, 0, 0,
	  "between the bottom of the ribs and the base of the neck only" },
	{ "erector-spinae", N_("muscles beside the spine"), BACK,
	  VIEW_BACK, 9, 7,
	  BALLS | DOUBLE | HAND, 1, 0,
	  "a finger's width beside the spine, never on it; no roller low "
	  "down" },
	{ "lats", N_("latissimus dorsi"), BACK, VIEW_BACK, 6, 7,
	  BALLS | ROLLER | HAND, 1, 0,
	  "side of the back below the armpit; stay out of the armpit" },
	{ "quadratus-lumborum", N_("quadratus lumborum"), BACK, VIEW_BACK, 8, 8,
	  BALLS | HAND, 1, 0,
	  "a hand's width beside the spine, below the ribs; never a foam "
	  "roller" },

	/* Chest. */
	{ "pec-major", N_("pectoralis major"), CHEST, VIEW_FRONT, 8, 5,
	  BALLS | ROLLER | HAND, 1, 0,
	  "on the muscle below the collarbone, off the breast tissue" },
	{ "pec-minor", N_("pectoralis minor"), CHEST, VIEW_FRONT, 7, 4,
	  BALLS | HAND, 1, 0,
	  "below the collarbone, away from the armpit; stop if the hand "
	  "tingles" },

	/* Forearms. */
	{ "forearm-extensors", N_("forearm extensors"), FOREARMS,
	  VIEW_BACK, 3, 8,
	  BALLS | HAND, 1, 0,
	  "below the outer elbow; stay off the elbow crease and the inner "
	  "elbow" },
	{ "forearm-flexors", N_("forearm flexors"), FOREARMS, VIEW_FRONT, 3, 8,
	  BALLS | HAND, 1, 0,
	  "palm side of the forearm; stay off the elbow crease and the wrist" },

	/* Hips. */
	{ "gluteus-maximus", N_("gluteus maximus"), HIPS, VIEW_BACK, 8, 10,
	  BALLS | ROLLER | HAND, 1, 0,
	  "the fleshy buttock; stay off the tailbone" },
	{ "gluteus-medius", N_("gluteus medius"), HIPS, VIEW_BACK, 7, 9,
	  BALLS | ROLLER | HAND, 1, 0,
	  "just below the hip bone's crest, not on the bony edge" },
	{ "piriformis", N_("piriformis"), HIPS, VIEW_BACK, 8, 9,
	  BALLS | ROLLER | HAND, 1, 0,
	  "stay on the outer buttock, away from the sciatic notch; stop if "
	  "the leg tingles" },
	{ "tfl", N_("tensor fasciae latae"), HIPS, VIEW_FRONT, 6, 9,
	  BALLS | ROLLER | HAND, 1, 0,
	  "front of the hip bone, not on the bony point of the hip" },
	{ "hip-flexors", N_("hip flexors"), HIPS, VIEW_FRONT, 8, 9,
	  BALLS | ROLLER | HAND, 1, 0,
	  "below the front of the hip bone, away from the groin crease" },

	/* Legs. */
	{ "quadriceps", N_("quadriceps"), LEGS, VIEW_FRONT, 7, 11,
	  BALLS | ROLLER | HAND, 1, 0,
	  "front of the thigh; stay off the kneecap and the upper inner "
	  "thigh" },
	{ "adductors", N_("adductors"), LEGS, VIEW_FRONT, 9, 11,
	  BALLS | ROLLER | HAND, 1, 0,
	  "inner thigh below the groin; light pressure near the top" },
	{ "hamstrings", N_("hamstrings"), LEGS, VIEW_BACK, 8, 11,
	  BALLS | ROLLER | HAND, 1, 0,
	  "back of the thigh; stop above the back of the knee" },
	{ "calves", N_("calves"), LEGS, VIEW_BACK, 8, 13,
	  BALLS | ROLLER | HAND, 1, 0,
	  "never on a swollen, warm or red calf (possible blood clot)" },
	{ "tibialis-anterior", N_("tibialis anterior"), LEGS, VIEW_FRONT, 7, 13,
	  BALLS | ROLLER | HAND, 1, 0,
	  "on the muscle beside the shin bone, not on the bone" },

	/* Feet. */
	{ "plantar-fascia", N_("sole of the foot"), FEET, VIEW_BACK, 7, 15,
	  BALLS | HAND, 1, 0,
	  "a dull ache only; stop if it turns sharp; stay off the inner "
	  "ankle" },

	/* Endangerment sites: never press, roll or contract-relax there. */
	{ "anterior-neck", N_("front of the neck"), NECK, VIEW_FRONT, 10, 3,
	  0, 0, 1,
	  "carotid artery and throat: pressure can cause fainting or a "
	  "stroke" },
	{ "lateral-neck", N_("side of the neck"), NECK, VIEW_FRONT, 9, 3,
	  0, 1, 1,
	  "nerves to the arm and the vessels under the collarbone" },
	{ "cervical-spine", N_("neck bones"), NECK, VIEW_BACK, 10, 3,
	  0, 0, 1,
	  "the bones of the neck: no ball or roller under the neck" },
	{ "temporal-area", N_("temple"), NECK, VIEW_FRONT, 8, 1,
	  0, 1, 1,
	  "thin bone over an artery and a nerve" },
	{ "face-tmj", N_("jaw joint"), NECK, VIEW_FRONT, 9, 2,
	  0, 1, 1,
	  "the jaw joint, the facial nerve and the parotid gland" },
	{ "spine-midline", N_("spine"), BACK, VIEW_BACK, 10, 6,
	  0, 0, 1,
	  "the bony points of the spine: balls go beside it, never on it" },
	{ "lumbar-spine", N_("lower spine"), BACK, VIEW_BACK, 10, 8,
	  0, 0, 1,
	  "a roller arches the low back and loads the discs: use a small "
	  "ball beside the spine" },
	{ "kidney-area", N_("kidney area"), BACK, VIEW_BACK, 7, 8,
	  0, 1, 1,
	  "the floating ribs and the kidney under them" },
	{ "xiphoid", N_("bottom of the breastbone"), CHEST, VIEW_FRONT, 10, 6,
	  0, 0, 1,
	  "the tip of the breastbone can be pushed into the liver" },
	{ "axilla", N_("armpit"), CHEST, VIEW_FRONT, 5, 5,
	  0, 1, 1,
	  "nerves, vessels and lymph nodes of the arm" },
	{ "deltopectoral-triangle", N_("front of the shoulder joint"), CHEST,
	  VIEW_FRONT, 5, 4,
	  0, 1, 1,
	  "nerves and vessels to the arm pass below the collarbone here" },
	{ "anterior-abdomen", N_("belly"), HIPS, VIEW_FRONT, 10, 8,
	  0, 0, 1,
	  "organs and the abdominal aorta lie under the belly" },
	{ "femoral-triangle", N_("groin"), HIPS, VIEW_FRONT, 9, 10,
	  0, 1, 1,
	  "femoral artery, vein and nerve and the groin lymph nodes" },
	{ "sciatic-notch", N_("sciatic notch"), HIPS, VIEW_BACK, 9, 9,
	  0, 1, 1,
	  "the sciatic nerve leaves the pelvis here, deep in the inner "
	  "buttock" },
	{ "antecubital-fossa", N_("elbow crease"), FOREARMS, VIEW_FRONT, 4, 7,
	  0, 1, 1,
	  "the artery and the median nerve cross the elbow crease" },
	{ "ulnar-groove", N_("inner elbow"), FOREARMS, VIEW_BACK, 4, 7,
	  0, 1, 1,
	  "the ulnar nerve (the funny bone) lies on the bone here" },
	{ "popliteal-fossa", N_("back of the knee"), LEGS, VIEW_BACK, 8, 12,
	  0, 1, 1,
	  "the knee's artery and vein and the tibial and fibular nerves" },
	{ "fibular-head", N_("outer knee"), LEGS, VIEW_FRONT, 6, 12,
	  0, 1, 1,
	  "the common fibular nerve wraps round the bone below the knee" },
	{ "tarsal-tunnel", N_("inner ankle"), FEET, VIEW_FRONT, 9, 14,
	  0, 1, 1,
	  "the tibial nerve runs behind the inner ankle bone" },
	{ "bony-prominence", N_("bony points"), LEGS, VIEW_FRONT, 7, 12,
	  0, 1, 1,
	  "kneecap, hip point, elbow tip, ankle bones, hip crest: bone, not "
	  "muscle" },
};

static const char *const area_id_list[] = {
	"upper-trapezius", "levator-scapulae", "suboccipitals",
	"infraspinatus", "teres-major", "rhomboids", "thoracic-spine",
	"erector-spinae", "lats", "quadratus-lumborum", "pec-major",
	"pec-minor", "forearm-extensors", "forearm-flexors",
	"gluteus-maximus", "gluteus-medius", "piriformis", "tfl",
	"hip-flexors", "quadriceps", "adductors", "hamstrings", "calves",
	"tibialis-anterior", "plantar-fascia", "anterior-neck",
	"lateral-neck", "cervical-spine", "temporal-area", "face-tmj",
	"spine-midline", "lumbar-spine", "kidney-area", "xiphoid", "axilla",
	"deltopectoral-triangle", "anterior-abdomen", "femoral-triangle",
	"sciatic-notch", "antecubital-fossa", "ulnar-groove",
	"popliteal-fossa", "fibular-head", "tarsal-tunnel",
	"bony-prominence", NULL
};

/* The neck's muscles (areas.h). */
static const char *const neck_ids[] = {
	"upper-trapezius", "levator-scapulae", "suboccipitals", NULL
};

static const char *const tool_id_list[] = {
	"tennis-ball", "lacrosse-ball", "double-ball", "foam-roller", "hand",
	NULL
};

static const char *const tool_names[] = {
	N_("tennis ball"), N_("lacrosse ball"), N_("double ball"),
	N_("foam roller"), N_("hand")
};

/* The id list is written out so it can be static const; it must match. */
_Static_assert(nitems(area_id_list) == nitems(areas) + 1,
    "area_id_list out of step with areas[]");
_Static_assert(nitems(tool_id_list) == TOOL__COUNT + 1,
    "tool_id_list out of step with enum tool");
_Static_assert(nitems(tool_names) == TOOL__COUNT,
    "tool_names out of step with enum tool");

/* Number of areas in the table. */
size_t
area_count(void)
{
	return nitems(areas);
}

/* The i-th area, or NULL past the end. */
const struct area *
area_at(size_t i)
{
	if (i >= nitems(areas))
		return NULL;
	return &areas[i];
}

/* Linear search: the table is small and lookups happen at load time. */
const struct area *
area_find(const char *id)
{
	size_t	i;

	if (id == NULL)
		return NULL;
	for (i = 0; i < nitems(areas); i++) {
		if (strcmp(areas[i].id, id) == 0)
			return &areas[i];
	}
	return NULL;
}

/*
 * The words people search with, beside an area's name and region: common
 * names, abbreviations and complaints ("QL", "glute med", "back pain").
 * Lower case; the home screen matches each typed word inside them.
 */
static const struct {
	const char	*id;
	const char	*words;
} area_word_list[] = {
	{ "upper-trapezius", NC_("search words",
	  "neck shoulders traps neck pain stiff neck tension headache") },
	{ "levator-scapulae", NC_("search words",
	  "neck shoulder blade stiff neck neck pain") },
	{ "suboccipitals", NC_("search words",
	  "neck base of the skull headache") },
	{ "infraspinatus", NC_("search words",
	  "shoulder blade rotator cuff shoulder pain") },
	{ "teres-major", NC_("search words",
	  "shoulder armpit") },
	{ "rhomboids", NC_("search words",
	  "upper back between the shoulder blades back pain") },
	{ "thoracic-spine", NC_("search words",
	  "upper back mid back posture back pain") },
	{ "erector-spinae", NC_("search words",
	  "lower back low back back pain spine") },
	{ "lats", NC_("search words",
	  "back lats side") },
	{ "quadratus-lumborum", NC_("search words",
	  "ql lower back low back back pain side") },
	{ "pec-major", NC_("search words",
	  "chest pecs") },
	{ "pec-minor", NC_("search words",
	  "chest pecs posture") },
	{ "forearm-extensors", NC_("search words",
	  "forearm arm wrist elbow tennis elbow mouse keyboard") },
	{ "forearm-flexors", NC_("search words",
	  "forearm arm wrist elbow golfer's elbow grip") },
	{ "gluteus-maximus", NC_("search words",
	  "glutes glute max buttock butt hip") },
	{ "gluteus-medius", NC_("search words",
	  "glutes glute med side of the hip hip pain") },
	{ "piriformis", NC_("search words",
	  "glutes buttock sciatica hip") },
	{ "tfl", NC_("search words",
	  "outer hip hip it band") },
	{ "hip-flexors", NC_("search words",
	  "front of the hip psoas hip") },
	{ "quadriceps", NC_("search words",
	  "quads front of the thigh thigh leg knee") },
	{ "adductors", NC_("search words",
	  "inner thigh groin thigh leg") },
	{ "hamstrings", NC_("search words",
	  "hams back of the thigh thigh leg") },
	{ "calves", NC_("search words",
	  "calf lower leg leg achilles") },
	{ "tibialis-anterior", NC_("search words",
	  "shin shin splints lower leg leg") },
	{ "plantar-fascia", NC_("search words",
	  "foot feet heel arch plantar fasciitis") },
};

/*
 * Other names an author writes for an area in a routine: anatomy names
 * and short forms, hyphenated like ids. For the validator's suggestions
 * only: a routine names an area by its id alone. With the everyday words
 * above and the display names, they map "calf", "quads" or "glutes" to
 * the right ids before any spelling guess (a guess from "quad" named the
 * low back's quadratus-lumborum).
 */
static const struct {
	const char	*id;
	const char	*aliases;
} area_alias_list[] = {
	{ "upper-trapezius", "trapezius trapezoid traps trap upper-trap "
	  "upper-traps neck" },
	{ "levator-scapulae", "levator levator-scap levator-scapula neck" },
	{ "suboccipitals", "suboccipital skull-base base-of-skull neck" },
	{ "infraspinatus", "rotator-cuff infra" },
	{ "teres-major", "teres" },
	{ "rhomboids", "rhomboid rhomboid-major rhomboid-minor" },
	{ "thoracic-spine", "t-spine upper-back mid-back" },
	{ "erector-spinae", "erectors erector paraspinals paraspinal "
	  "lower-back low-back" },
	{ "lats", "lat latissimus latissimus-dorsi" },
	{ "quadratus-lumborum", "ql lower-back low-back" },
	{ "pec-major", "pec pecs pectoralis pectoralis-major pectorals chest" },
	{ "pec-minor", "pectoralis-minor pec pecs pectoralis chest" },
	{ "forearm-extensors", "extensors wrist-extensors forearm" },
	{ "forearm-flexors", "flexors wrist-flexors forearm" },
	{ "gluteus-maximus", "glutes glute gluteus glute-max gluteal buttock "
	  "buttocks" },
	{ "gluteus-medius", "glutes glute gluteus glute-med gluteal" },
	{ "piriformis", "piri" },
	{ "tfl", "tensor-fasciae-latae it-band itb" },
	{ "hip-flexors", "hip-flexor psoas iliopsoas iliacus" },
	{ "quadriceps", "quad quads quadricep rectus-femoris vastus "
	  "vastus-lateralis vastus-medialis" },
	{ "adductors", "adductor groin inner-thigh" },
	{ "hamstrings", "hamstring hams biceps-femoris" },
	{ "calves", "calf gastrocnemius gastroc gastrocs soleus triceps-surae "
	  "lower-leg" },
	{ "tibialis-anterior", "tibialis shin shins" },
	{ "plantar-fascia", "foot feet sole soles heel arch plantar "
	  "plantar-fasciitis plantar-fascitis" },
};

/* Is word (len bytes) one of the space-separated words of list? */
static int
in_list(const char *list, const char *word, size_t len)
{
	const char	*p = list;
	size_t		 n;

	while (*p != '\0') {
		n = strcspn(p, " ");
		if (n == len && strncmp(p, word, len) == 0)
			return 1;
		p += n;
		p += *p == ' ';
	}
	return 0;
}

/*
 * Does text (lower case, words separated by spaces) hold the words of w
 * (hyphenated) as a whole phrase: "back-of-the-thigh" in "hams back of the
 * thigh"? Display names are matched whole ("sole-of-the-foot").
 */
static int
has_phrase(const char *text, const char *w, int whole)
{
	char	buf[128];
	size_t	n = strlen(w), k, m;

	if (n == 0 || n >= sizeof buf)
		return 0;
	for (k = 0; k < n; k++)
		buf[k] = w[k] == '-' ? ' ' : w[k];
	buf[n] = '\0';
	if (whole)
		return strcasecmp(text, buf) == 0;
	for (k = 0; text[k] != '\0'; k++) {
		if (k > 0 && text[k - 1] != ' ')
			continue;
		m = strlen(text + k);
		if (m >= n && strncmp(text + k, buf, n) == 0 &&
		    (text[k + n] == ' ' || text[k + n] == '\0'))
			return 1;
	}
	return 0;
}

size_t
area_named_by(const char *word, const struct area **out, size_t max,
    int *known)
{
	char		 w[128];
	size_t		 i, k, n = 0, len;
	int		 tier, hit;

	*known = 0;
	len = strlen(word);
	if (len == 0 || len >= sizeof w)
		return 0;
	for (k = 0; k <= len; k++)
		w[k] = word[k] == '_' || word[k] == ' ' ? '-' :
		    (char)tolower((unsigned char)word[k]);
	/*
	 * First the aliases and the display names, then the everyday words
	 * (broader: "neck" is in three areas' words, "leg" in five).
	 */
	for (tier = 0; tier < 2 && n == 0; tier++) {
		for (i = 0; i < nitems(areas); i++) {
			if (tier == 0) {
				hit = has_phrase(areas[i].name, w, 1);
				for (k = 0; !hit && k < nitems(area_alias_list);
				    k++)
					hit = strcmp(area_alias_list[k].id,
					    areas[i].id) == 0 && in_list(
					    area_alias_list[k].aliases, w, len);
			} else
				hit = has_phrase(area_words(&areas[i]), w, 0);
			if (!hit)
				continue;
			*known = 1;
			if (n < max)
				out[n] = &areas[i];
			n++;
		}
	}
	return n;
}

const char *
area_words(const struct area *a)
{
	size_t	i;

	for (i = 0; a != NULL && i < nitems(area_word_list); i++) {
		if (strcmp(area_word_list[i].id, a->id) == 0)
			return area_word_list[i].words;
	}
	return "";
}

/*
 * The same words in the screen's language ("dos lombaires mal de dos"),
 * or "" when the catalogue has none or it is English.
 */
const char *
area_words_local(const struct area *a)
{
	const char	*w = area_words(a), *t;
	char		 key[512];

	if (*w == '\0' || (size_t)snprintf(key, sizeof key,
	    "search words\004%s", w) >= sizeof key)
		return "";
	t = i18n_pgettext(key, w);
	return t == w ? "" : t;
}

/* An area's display name in the screen's language. */
const char *
area_label(const struct area *a)
{
	return a != NULL ? _(a->name) : "";
}

void
area_side_label(const char *id, const char *side, char *buf, size_t len)
{
	const struct area	*a = id != NULL ? area_find(id) : NULL;
	const char		*name, *s = "";
	char			 nbuf[128], sbuf[32];

	if (a != NULL)
		name = area_label(a);
	else {
		tout_clean(id != NULL ? id : "", nbuf, sizeof nbuf);
		name = nbuf;
	}
	if (side == NULL || side[0] == '\0' || strcmp(side, "both") == 0)
		s = "";
	else if (strcmp(side, "left") == 0)
		s = _("left");
	else if (strcmp(side, "right") == 0)
		s = _("right");
	else {
		tout_clean(side, sbuf, sizeof sbuf);
		s = sbuf;
	}
	if (*s != '\0')
		snprintf(buf, len, "%s (%s)", name, s);
	else
		snprintf(buf, len, "%s", name);
}

/* An area's region in the screen's language ("nuque et épaules"). */
const char *
area_region_label(const struct area *a)
{
	return a != NULL ? _(a->region) : "";
}

/* Every area id, NULL-terminated, in table order. */
const char *const *
area_ids(void)
{
	return area_id_list;
}

/* The id of a tool as written in routines. */
const char *
tool_id(enum tool t)
{
	if ((unsigned)t >= TOOL__COUNT)
		return "";
	return tool_id_list[t];
}

/* The display name of a tool. */
const char *
tool_name(enum tool t)
{
	if ((unsigned)t >= TOOL__COUNT)
		return "";
	return tool_names[t];
}

/* The display name of a tool in the screen's language. */
const char *
tool_label(enum tool t)
{
	if ((unsigned)t >= TOOL__COUNT)
		return "";
	return _(tool_names[t]);
}

/* The tool with this id, or -1 when there is none. */
int
tool_from_id(const char *id)
{
	int	i;

	if (id == NULL)
		return -1;
	for (i = 0; i < TOOL__COUNT; i++) {
		if (strcmp(tool_id_list[i], id) == 0)
			return i;
	}
	return -1;
}

/* Every tool id, NULL-terminated. */
const char *const *
tool_ids(void)
{
	return tool_id_list;
}

/* The body map columns to mark for work on a (see areas.h). */
size_t
area_map_cols(const struct area *a, int left, int right, int cols[2])
{
	int	lx = a->map_x, rx = BODYMAP_W - 1 - a->map_x, t;
	size_t	n = 0;

	if (!a->sided) {
		cols[0] = a->map_x;
		return 1;
	}
	if (a->view == VIEW_FRONT) {
		/* Facing the viewer: the person's left is on the right. */
		t = lx;
		lx = rx;
		rx = t;
	}
	if (left)
		cols[n++] = lx;
	if (right)
		cols[n++] = rx;
	return n;
}

/* Is a one of the neck's muscles (see areas.h)? */
int
area_neck(const struct area *a)
{
	size_t	i;

	for (i = 0; a != NULL && neck_ids[i] != NULL; i++)
		if (strcmp(a->id, neck_ids[i]) == 0)
			return 1;
	return 0;
}

/* Over the nerves to the arm? (see areas.h) */
int
area_arm_nerves(const struct area *a)
{
	if (a == NULL)
		return 0;
	return (strcmp(a->region, NECK) == 0 ||
	    strcmp(a->region, FOREARMS) == 0 || strcmp(a->id, "pec-minor") == 0);
}
