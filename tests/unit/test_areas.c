/* Unit tests for the area table and the body map (src/areas.c). */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "areas.h"

/* DOMAIN.md section 4 catalogue ids and the extra areas authors want. */
static const char *const workable[] = {
	"upper-trapezius", "levator-scapulae", "rhomboids", "suboccipitals",
	"pec-minor", "forearm-extensors", "piriformis", "gluteus-medius",
	"quadratus-lumborum", "tfl", "quadriceps", "hamstrings", "calves",
	"plantar-fascia", "thoracic-spine", "forearm-flexors",
	"gluteus-maximus", "adductors", "tibialis-anterior", "lats",
	"infraspinatus", "pec-major", "hip-flexors", "erector-spinae",
	"teres-major",
};

/* DOMAIN.md "Endangerment-site ids" (varicose-veins is per user). */
static const char *const endangered[] = {
	"anterior-neck", "lateral-neck", "cervical-spine", "spine-midline",
	"lumbar-spine", "kidney-area", "xiphoid", "anterior-abdomen", "axilla",
	"deltopectoral-triangle", "antecubital-fossa", "ulnar-groove",
	"femoral-triangle", "sciatic-notch", "popliteal-fossa", "fibular-head",
	"tarsal-tunnel", "temporal-area", "face-tmj", "bony-prominence",
};

static void
test_ids_unique_and_listed(void **state)
{
	const char *const *ids = area_ids();
	size_t	 i, j, n = area_count();

	(void)state;
	assert_true(n >= 40);
	for (i = 0; i < n; i++) {
		assert_non_null(ids[i]);
		assert_string_equal(ids[i], area_at(i)->id);
		assert_ptr_equal(area_find(ids[i]), area_at(i));
		for (j = i + 1; j < n; j++)
			assert_string_not_equal(area_at(i)->id, area_at(j)->id);
	}
	assert_null(ids[n]);
	assert_null(area_at(n));
}

static void
test_domain_areas_present(void **state)
{
	const struct area *a;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof workable / sizeof workable[0]; i++) {
		a = area_find(workable[i]);
		assert_non_null(a);
		assert_int_equal(a->endangerment, 0);
		assert_true(a->tools != 0);
		assert_non_null(a->name);
		assert_non_null(a->region);
		assert_non_null(a->caution);
	}
	assert_null(area_find("upper-trap"));
	assert_null(area_find(""));
	assert_null(area_find(NULL));
}

static void
test_endangerment_sites(void **state)
{
	const struct area *a;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof endangered / sizeof endangered[0]; i++) {
		a = area_find(endangered[i]);
		assert_non_null(a);
		assert_int_equal(a->endangerment, 1);
		assert_non_null(a->caution);
		assert_true(strlen(a->caution) > 10);
	}
}

static void
test_regions_are_known(void **state)
{
	static const char *const regions[] = { "neck and shoulders", "back",
	    "hips", "legs", "feet", "forearms", "chest" };
	size_t	 i, j;
	int	 found;

	(void)state;
	for (i = 0; i < area_count(); i++) {
		found = 0;
		for (j = 0; j < sizeof regions / sizeof regions[0]; j++)
			found |= strcmp(area_at(i)->region, regions[j]) == 0;
		assert_true(found);
	}
}

static void
test_tool_rules(void **state)
{
	unsigned	roller = TOOL_BIT(TOOL_FOAM_ROLLER);
	unsigned	dbl = TOOL_BIT(TOOL_DOUBLE_BALL);

	(void)state;
	/* No roller on the neck or the low back (DOMAIN.md 3.3, 3.4). */
	assert_false(area_find("suboccipitals")->tools & roller);
	assert_false(area_find("upper-trapezius")->tools & roller);
	assert_false(area_find("levator-scapulae")->tools & roller);
	assert_false(area_find("quadratus-lumborum")->tools & roller);
	assert_false(area_find("erector-spinae")->tools & roller);
	/* Double ball for the skull base and beside the spine. */
	assert_true(area_find("suboccipitals")->tools & dbl);
	assert_true(area_find("erector-spinae")->tools & dbl);
	assert_true(area_find("thoracic-spine")->tools & roller);
	assert_true(area_find("quadriceps")->tools & roller);
	assert_true(area_find("calves")->tools & TOOL_BIT(TOOL_HAND));
	/* Midline areas have no sides. */
	assert_int_equal(area_find("thoracic-spine")->sided, 0);
	assert_int_equal(area_find("anterior-neck")->sided, 0);
	assert_int_equal(area_find("calves")->sided, 1);
}

static void
test_tools(void **state)
{
	const char *const *ids = tool_ids();
	int	 i;

	(void)state;
	assert_string_equal(tool_id(TOOL_TENNIS_BALL), "tennis-ball");
	assert_string_equal(tool_id(TOOL_LACROSSE_BALL), "lacrosse-ball");
	assert_string_equal(tool_id(TOOL_DOUBLE_BALL), "double-ball");
	assert_string_equal(tool_id(TOOL_FOAM_ROLLER), "foam-roller");
	assert_string_equal(tool_id(TOOL_HAND), "hand");
	assert_string_equal(tool_name(TOOL_FOAM_ROLLER), "foam roller");
	for (i = 0; i < TOOL__COUNT; i++) {
		assert_string_equal(ids[i], tool_id(i));
		assert_int_equal(tool_from_id(ids[i]), i);
	}
	assert_null(ids[TOOL__COUNT]);
	assert_int_equal(tool_from_id("foam_roller"), -1);
	assert_int_equal(tool_from_id(NULL), -1);
}

static void
test_outline_shape(void **state)
{
	int	 y, x;

	(void)state;
	for (y = 0; y < BODYMAP_H; y++) {
		assert_non_null(body_outline[y]);
		assert_int_equal(strlen(body_outline[y]), BODYMAP_W);
		for (x = 0; x < BODYMAP_W; x++) {
			char	c = body_outline[y][x];

			assert_true(c >= 0x20 && c < 0x7f);
		}
	}
}

/* The mirror image of an outline character. */
static char
mirror(char c)
{
	switch (c) {
	case '/':
		return '\\';
	case '\\':
		return '/';
	case '(':
		return ')';
	case ')':
		return '(';
	default:
		return c;
	}
}

static void
test_outline_symmetric(void **state)
{
	int	 y, x;

	(void)state;
	for (y = 0; y < BODYMAP_H; y++) {
		for (x = 0; x < BODYMAP_W; x++)
			assert_int_equal(body_outline[y][x],
			    mirror(body_outline[y][BODYMAP_W - 1 - x]));
	}
}

static void
test_map_coordinates_on_figure(void **state)
{
	const struct area *a;
	size_t	 i;
	int	 mx;

	(void)state;
	for (i = 0; i < area_count(); i++) {
		a = area_at(i);
		assert_in_range(a->map_x, 0, BODYMAP_W - 1);
		assert_in_range(a->map_y, 0, BODYMAP_H - 1);
		/* The spot and its mirror must fall on the figure. */
		if (body_outline[a->map_y][a->map_x] == ' ')
			fail_msg("%s at %d,%d is off the figure", a->id,
			    a->map_x, a->map_y);
		mx = BODYMAP_W - 1 - a->map_x;
		assert_in_range(mx, 0, BODYMAP_W - 1);
		assert_true(body_outline[a->map_y][mx] != ' ');
		if (a->sided)
			assert_true(a->map_x < BODYMAP_W / 2);
		else
			assert_int_equal(a->map_x, BODYMAP_W / 2);
	}
}

static void
test_map_anatomy_order(void **state)
{
	(void)state;
	/* Head above neck above back above hips above legs above feet. */
	assert_true(area_find("suboccipitals")->map_y <
	    area_find("upper-trapezius")->map_y + 1);
	assert_true(area_find("upper-trapezius")->map_y <
	    area_find("rhomboids")->map_y);
	assert_true(area_find("rhomboids")->map_y <
	    area_find("quadratus-lumborum")->map_y);
	assert_true(area_find("quadratus-lumborum")->map_y <
	    area_find("gluteus-maximus")->map_y);
	assert_true(area_find("hamstrings")->map_y <
	    area_find("popliteal-fossa")->map_y);
	assert_true(area_find("popliteal-fossa")->map_y <
	    area_find("calves")->map_y);
	assert_true(area_find("calves")->map_y <
	    area_find("plantar-fascia")->map_y);
	assert_int_equal(area_find("plantar-fascia")->map_y, BODYMAP_H - 1);
	/* Forearms are on the arms, outside the trunk. */
	assert_true(area_find("forearm-extensors")->map_x <
	    area_find("lats")->map_x);
	assert_int_equal(area_find("pec-minor")->view, VIEW_FRONT);
	assert_int_equal(area_find("hamstrings")->view, VIEW_BACK);
}

/*
 * The search words people use find the right areas, and no endangerment
 * site has words that would suggest working it.
 */
static void
test_area_words(void **state)
{
	static const struct {
		const char	*word;
		const char	*area;
	} want[] = {
		{ "ql", "quadratus-lumborum" },
		{ "lower back", "quadratus-lumborum" },
		{ "back pain", "erector-spinae" },
		{ "glute med", "gluteus-medius" },
		{ "neck", "upper-trapezius" },
		{ "neck", "levator-scapulae" },
		{ "shin", "tibialis-anterior" },
		{ "heel", "plantar-fascia" },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_non_null(strstr(area_words(area_find(want[i].area)),
		    want[i].word));
	for (i = 0; i < area_count(); i++) {
		if (area_at(i)->endangerment)
			assert_string_equal(area_words(area_at(i)), "");
	}
	assert_string_equal(area_words(NULL), "");
}

/*
 * The front view is a clinician's chart: the person's left on the viewer's
 * right; the back view keeps it on the viewer's left; a double ball with no
 * side (left and right) marks both; a midline area the centre.
 */
/* The words authors write for an area name it (validator suggestions). */
static void
test_named_by(void **state)
{
	static const struct {
		const char	*word;
		const char	*ids;	/* space-separated, in table order */
	} cases[] = {
		{ "calf", "calves" }, { "Calf", "calves" },
		{ "gastrocnemius", "calves" }, { "soleus", "calves" },
		{ "quad", "quadriceps" }, { "quads", "quadriceps" },
		{ "glutes", "gluteus-maximus gluteus-medius" },
		{ "trapezius", "upper-trapezius" }, { "traps", "upper-trapezius" },
		{ "foot", "plantar-fascia" }, { "sole", "plantar-fascia" },
		{ "plantar-fasciitis", "plantar-fascia" },
		{ "sole of the foot", "plantar-fascia" },
		{ "neck", "upper-trapezius levator-scapulae suboccipitals" },
		{ "back-of-the-knee", "popliteal-fossa" },
		{ "back_of_the_thigh", "hamstrings" },
		{ "ql", "quadratus-lumborum" },
	};
	const struct area	*a[4];
	char			 got[256];
	size_t			 k, i, n;
	int			 known;

	(void)state;
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		n = area_named_by(cases[k].word, a, 4, &known);
		got[0] = '\0';
		for (i = 0; i < n && i < 4; i++) {
			if (i > 0)
				strcat(got, " ");
			strcat(got, a[i]->id);
		}
		assert_true(known);
		assert_string_equal(got, cases[k].ids);
	}
	/* "back" is an everyday word of six areas: known, too many. */
	assert_int_equal(area_named_by("back", a, 4, &known), 6);
	assert_true(known);
	assert_int_equal(area_named_by("xyzzy", a, 4, &known), 0);
	assert_false(known);
	assert_int_equal(area_named_by("", a, 4, &known), 0);
	/* No alias is an id: the table keeps one id per area. */
	assert_null(area_find("calf"));
	assert_null(area_find("quads"));
}

static void
test_map_cols_chart(void **state)
{
	const struct area *front = area_find("pec-minor");
	const struct area *back = area_find("upper-trapezius");
	const struct area *mid = area_find("xiphoid");
	int	 c[2];

	(void)state;
	assert_non_null(front);
	assert_non_null(back);
	assert_non_null(mid);
	assert_true(front->sided && front->view == VIEW_FRONT);
	assert_true(back->sided && back->view == VIEW_BACK);
	assert_int_equal(area_map_cols(front, 1, 0, c), 1);
	assert_true(c[0] > BODYMAP_W / 2);
	assert_int_equal(c[0], BODYMAP_W - 1 - front->map_x);
	assert_int_equal(area_map_cols(front, 0, 1, c), 1);
	assert_int_equal(c[0], front->map_x);
	assert_int_equal(area_map_cols(back, 1, 0, c), 1);
	assert_int_equal(c[0], back->map_x);
	assert_true(c[0] < BODYMAP_W / 2);
	assert_int_equal(area_map_cols(back, 0, 1, c), 1);
	assert_int_equal(c[0], BODYMAP_W - 1 - back->map_x);
	assert_int_equal(area_map_cols(back, 1, 1, c), 2);
	assert_int_equal(c[0] + c[1], BODYMAP_W - 1);
	assert_int_equal(area_map_cols(front, 1, 1, c), 2);
	assert_int_equal(c[0] + c[1], BODYMAP_W - 1);
	assert_int_equal(area_map_cols(mid, 1, 1, c), 1);
	assert_int_equal(c[0], BODYMAP_W / 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_unique_and_listed),
		cmocka_unit_test(test_domain_areas_present),
		cmocka_unit_test(test_endangerment_sites),
		cmocka_unit_test(test_regions_are_known),
		cmocka_unit_test(test_tool_rules),
		cmocka_unit_test(test_tools),
		cmocka_unit_test(test_outline_shape),
		cmocka_unit_test(test_outline_symmetric),
		cmocka_unit_test(test_map_coordinates_on_figure),
		cmocka_unit_test(test_map_anatomy_order),
		cmocka_unit_test(test_area_words),
		cmocka_unit_test(test_named_by),
		cmocka_unit_test(test_map_cols_chart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
