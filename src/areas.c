/*
 * The one table of body areas and tools. Ids, endangerment sites and tool
 * choices follow DOMAIN.md sections 3.4, 3.5 and 4.
 */
#include "areas.h"

#include <stddef.h>
#include <string.h>

#include "compat.h"

#define BALLS		TOOLS_BALLS
#define DOUBLE		TOOL_BIT(TOOL_DOUBLE_BALL)
#define ROLLER		TOOL_BIT(TOOL_FOAM_ROLLER)
#define HAND		TOOL_BIT(TOOL_HAND)

#define NECK		"neck and shoulders"
#define BACK		"back"
#define HIPS		"hips"
#define LEGS		"legs"
#define FEET		"feet"
#define FOREARMS	"forearms"
#define CHEST		"chest"

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
	{ "upper-trapezius", "upper trapezius", NECK, VIEW_BACK, 6, 3,
	  BALLS | HAND, 1, 0,
	  "top of the shoulder only: stay off the side and front of the neck" },
	{ "levator-scapulae", "levator scapulae", NECK, VIEW_BACK, 8, 3,
	  BALLS | HAND, 1, 0,
	  "just above the top corner of the shoulder blade, not on the neck" },
	{ "suboccipitals", "suboccipitals", NECK, VIEW_BACK, 9, 2,
	  TOOL_BIT(TOOL_TENNIS_BALL) | DOUBLE | HAND, 1, 0,
	  "beside the midline under the skull; stop if a headache gets worse" },
	{ "infraspinatus", "infraspinatus", NECK, VIEW_BACK, 7, 6,
	  BALLS | HAND, 1, 0,
	  "on the flat of the shoulder blade; stop if the arm tingles" },
	{ "teres-major", "teres major", NECK, VIEW_BACK, 5, 6,
	  BALLS | ROLLER | HAND, 1, 0,
	  "outer edge of the shoulder blade; stay out of the armpit" },

	/* Back. */
	{ "rhomboids", "rhomboids", BACK, VIEW_BACK, 8, 5,
	  BALLS | DOUBLE | HAND, 1, 0,
	  "between spine and shoulder blade: never on the spine itself" },
	{ "thoracic-spine", "thoracic spine", BACK, VIEW_BACK, 10, 5,
	  ROLLER | DOUBLE, 0, 0,
	  "between the bottom of the ribs and the base of the neck only" },
	{ "erector-spinae", "muscles beside the spine", BACK, VIEW_BACK, 9, 7,
	  BALLS | DOUBLE | HAND, 1, 0,
	  "a finger's width beside the spine, never on it; no roller low "
	  "down" },
	{ "lats", "latissimus dorsi", BACK, VIEW_BACK, 6, 7,
	  BALLS | ROLLER | HAND, 1, 0,
	  "side of the back below the armpit; stay out of the armpit" },
	{ "quadratus-lumborum", "quadratus lumborum", BACK, VIEW_BACK, 8, 8,
	  BALLS | HAND, 1, 0,
	  "a hand's width beside the spine, below the ribs; never a foam "
	  "roller" },

	/* Chest. */
	{ "pec-major", "pectoralis major", CHEST, VIEW_FRONT, 8, 5,
	  BALLS | ROLLER | HAND, 1, 0,
	  "on the muscle below the collarbone, off the breast tissue" },
	{ "pec-minor", "pectoralis minor", CHEST, VIEW_FRONT, 7, 4,
	  BALLS | HAND, 1, 0,
	  "below the collarbone, away from the armpit; stop if the hand "
	  "tingles" },

	/* Forearms. */
	{ "forearm-extensors", "forearm extensors", FOREARMS, VIEW_BACK, 3, 8,
	  BALLS | HAND, 1, 0,
	  "below the outer elbow; stay off the elbow crease and the inner "
	  "elbow" },
	{ "forearm-flexors", "forearm flexors", FOREARMS, VIEW_FRONT, 3, 8,
	  BALLS | HAND, 1, 0,
	  "palm side of the forearm; stay off the elbow crease and the wrist" },

	/* Hips. */
	{ "gluteus-maximus", "gluteus maximus", HIPS, VIEW_BACK, 8, 10,
	  BALLS | ROLLER | HAND, 1, 0,
	  "the fleshy buttock; stay off the tailbone" },
	{ "gluteus-medius", "gluteus medius", HIPS, VIEW_BACK, 7, 9,
	  BALLS | ROLLER | HAND, 1, 0,
	  "just below the hip bone's crest, not on the bony edge" },
	{ "piriformis", "piriformis", HIPS, VIEW_BACK, 8, 9,
	  BALLS | ROLLER | HAND, 1, 0,
	  "stay on the outer buttock, away from the sciatic notch; stop if "
	  "the leg tingles" },
	{ "tfl", "tensor fasciae latae", HIPS, VIEW_FRONT, 6, 9,
	  BALLS | ROLLER | HAND, 1, 0,
	  "front of the hip bone, not on the bony point of the hip" },
	{ "hip-flexors", "hip flexors", HIPS, VIEW_FRONT, 8, 9,
	  BALLS | ROLLER | HAND, 1, 0,
	  "below the front of the hip bone, away from the groin crease" },

	/* Legs. */
	{ "quadriceps", "quadriceps", LEGS, VIEW_FRONT, 7, 11,
	  BALLS | ROLLER | HAND, 1, 0,
	  "front of the thigh; stay off the kneecap and the upper inner "
	  "thigh" },
	{ "adductors", "adductors", LEGS, VIEW_FRONT, 9, 11,
	  BALLS | ROLLER | HAND, 1, 0,
	  "inner thigh below the groin; light pressure near the top" },
	{ "hamstrings", "hamstrings", LEGS, VIEW_BACK, 8, 11,
	  BALLS | ROLLER | HAND, 1, 0,
	  "back of the thigh; stop above the back of the knee" },
	{ "calves", "calves", LEGS, VIEW_BACK, 8, 13,
	  BALLS | ROLLER | HAND, 1, 0,
	  "never on a swollen, warm or red calf (possible blood clot)" },
	{ "tibialis-anterior", "tibialis anterior", LEGS, VIEW_FRONT, 7, 13,
	  BALLS | ROLLER | HAND, 1, 0,
	  "on the muscle beside the shin bone, not on the bone" },

	/* Feet. */
	{ "plantar-fascia", "sole of the foot", FEET, VIEW_BACK, 7, 15,
	  BALLS | HAND, 1, 0,
	  "a dull ache only; stop if it turns sharp; stay off the inner "
	  "ankle" },

	/* Endangerment sites: never press, roll or contract-relax there. */
	{ "anterior-neck", "front of the neck", NECK, VIEW_FRONT, 10, 3,
	  0, 0, 1,
	  "carotid artery and throat: pressure can cause fainting or a "
	  "stroke" },
	{ "lateral-neck", "side of the neck", NECK, VIEW_FRONT, 9, 3,
	  0, 1, 1,
	  "nerves to the arm and the vessels under the collarbone" },
	{ "cervical-spine", "neck bones", NECK, VIEW_BACK, 10, 3,
	  0, 0, 1,
	  "the bones of the neck: no ball or roller under the neck" },
	{ "temporal-area", "temple", NECK, VIEW_FRONT, 8, 1,
	  0, 1, 1,
	  "thin bone over an artery and a nerve" },
	{ "face-tmj", "jaw joint", NECK, VIEW_FRONT, 9, 2,
	  0, 1, 1,
	  "the jaw joint, the facial nerve and the parotid gland" },
	{ "spine-midline", "spine", BACK, VIEW_BACK, 10, 6,
	  0, 0, 1,
	  "the bony points of the spine: balls go beside it, never on it" },
	{ "lumbar-spine", "lower spine", BACK, VIEW_BACK, 10, 8,
	  0, 0, 1,
	  "a roller arches the low back and loads the discs: use a small "
	  "ball beside the spine" },
	{ "kidney-area", "kidney area", BACK, VIEW_BACK, 7, 8,
	  0, 1, 1,
	  "the floating ribs and the kidney under them" },
	{ "xiphoid", "bottom of the breastbone", CHEST, VIEW_FRONT, 10, 6,
	  0, 0, 1,
	  "the tip of the breastbone can be pushed into the liver" },
	{ "axilla", "armpit", CHEST, VIEW_FRONT, 5, 5,
	  0, 1, 1,
	  "nerves, vessels and lymph nodes of the arm" },
	{ "deltopectoral-triangle", "front of the shoulder joint", CHEST,
	  VIEW_FRONT, 5, 4,
	  0, 1, 1,
	  "nerves and vessels to the arm pass below the collarbone here" },
	{ "anterior-abdomen", "belly", HIPS, VIEW_FRONT, 10, 8,
	  0, 0, 1,
	  "organs and the abdominal aorta lie under the belly" },
	{ "femoral-triangle", "groin", HIPS, VIEW_FRONT, 9, 10,
	  0, 1, 1,
	  "femoral artery, vein and nerve and the groin lymph nodes" },
	{ "sciatic-notch", "sciatic notch", HIPS, VIEW_BACK, 9, 9,
	  0, 1, 1,
	  "the sciatic nerve leaves the pelvis here, deep in the inner "
	  "buttock" },
	{ "antecubital-fossa", "elbow crease", FOREARMS, VIEW_FRONT, 4, 7,
	  0, 1, 1,
	  "the artery and the median nerve cross the elbow crease" },
	{ "ulnar-groove", "inner elbow", FOREARMS, VIEW_BACK, 4, 7,
	  0, 1, 1,
	  "the ulnar nerve (the funny bone) lies on the bone here" },
	{ "popliteal-fossa", "back of the knee", LEGS, VIEW_BACK, 8, 12,
	  0, 1, 1,
	  "the knee's artery and vein and the tibial and fibular nerves" },
	{ "fibular-head", "outer knee", LEGS, VIEW_FRONT, 6, 12,
	  0, 1, 1,
	  "the common fibular nerve wraps round the bone below the knee" },
	{ "tarsal-tunnel", "inner ankle", FEET, VIEW_FRONT, 9, 14,
	  0, 1, 1,
	  "the tibial nerve runs behind the inner ankle bone" },
	{ "bony-prominence", "bony points", LEGS, VIEW_FRONT, 7, 12,
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

static const char *const tool_id_list[] = {
	"tennis-ball", "lacrosse-ball", "double-ball", "foam-roller", "hand",
	NULL
};

static const char *const tool_names[] = {
	"tennis ball", "lacrosse ball", "double ball", "foam roller", "hand"
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
	{ "upper-trapezius", "neck shoulders traps neck pain stiff neck "
	  "tension headache" },
	{ "levator-scapulae", "neck shoulder blade stiff neck neck pain" },
	{ "suboccipitals", "neck base of the skull headache" },
	{ "infraspinatus", "shoulder blade rotator cuff shoulder pain" },
	{ "teres-major", "shoulder armpit" },
	{ "rhomboids", "upper back between the shoulder blades back pain" },
	{ "thoracic-spine", "upper back mid back posture back pain" },
	{ "erector-spinae", "lower back low back back pain spine" },
	{ "lats", "back lats side" },
	{ "quadratus-lumborum", "ql lower back low back back pain side" },
	{ "pec-major", "chest pecs" },
	{ "pec-minor", "chest pecs posture" },
	{ "forearm-extensors", "forearm arm wrist elbow tennis elbow mouse "
	  "keyboard" },
	{ "forearm-flexors", "forearm arm wrist elbow golfer's elbow grip" },
	{ "gluteus-maximus", "glutes glute max buttock butt hip" },
	{ "gluteus-medius", "glutes glute med side of the hip hip pain" },
	{ "piriformis", "glutes buttock sciatica hip" },
	{ "tfl", "outer hip hip it band" },
	{ "hip-flexors", "front of the hip psoas hip" },
	{ "quadriceps", "quads front of the thigh thigh leg knee" },
	{ "adductors", "inner thigh groin thigh leg" },
	{ "hamstrings", "hams back of the thigh thigh leg" },
	{ "calves", "calf lower leg leg achilles" },
	{ "tibialis-anterior", "shin shin splints lower leg leg" },
	{ "plantar-fascia", "foot feet heel arch plantar fasciitis" },
};

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
