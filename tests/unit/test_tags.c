/*
 * Unit tests for the bundled routines' tags (the files of routines/): the
 * words a desk worker types on the home screen find the routines that
 * serve that complaint, and only those (search.c's rule, the home
 * screen's texts).
 * Nothing in knead works the eyes: "eyes" and "eye strain" find nothing.
 */
#undef NDEBUG
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "library.h"
#include "plan.h"
#include "routine.h"
#include "search.h"

static struct library	 lib;
static struct search_doc *docs;
static size_t		 ndocs;
static char		 cfg[] = "/tmp/knead-test-tags-XXXXXX";

/* The bundled routines (run from the top), as the home screen reads them. */
static int
setup(void **state)
{
	struct plan	p;
	size_t		i;

	(void)state;
	if (mkdtemp(cfg) == NULL)
		return (-1);
	setenv("KNEAD_ROUTINES", "routines", 1);
	setenv("XDG_CONFIG_HOME", cfg, 1);	/* no routines of the user */
	memset(&lib, 0, sizeof lib);
	if (library_load(&lib, NULL) < 20)
		return (-1);
	docs = calloc(lib.n, sizeof *docs);
	for (i = 0; i < lib.n; i++) {
		if (!lib.v[i].valid || plan_build(lib.v[i].routine, &p) != 0)
			continue;
		search_doc_make(&docs[ndocs++], lib.v[i].routine, &p);
		plan_free(&p);
	}
	return (0);
}

static int
teardown(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < ndocs; i++)
		search_doc_clear(&docs[i]);
	free(docs);
	library_free(&lib);
	rmdir(cfg);
	return (0);
}

static int
cmp_str(const void *a, const void *b)
{
	return (strcmp(*(const char *const *)a, *(const char *const *)b));
}

/*
 * The ids filter finds, sorted, one space apart, into buf (the id is the
 * search name up to its first line).
 */
static const char *
found(const char *filter, char *buf, size_t len)
{
	char	*ids[64];
	size_t	 i, n = 0, k = 0;

	for (i = 0; i < ndocs && n < 64; i++)
		if (search_rank(&docs[i], filter) != SEARCH_NONE)
			ids[n++] = strndup(docs[i].name,
			    strcspn(docs[i].name, "\n"));
	qsort(ids, n, sizeof *ids, cmp_str);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (k < len)
			k += (size_t)snprintf(buf + k, len - k, "%s%s",
			    i > 0 ? " " : "", ids[i]);
		free(ids[i]);
	}
	print_message("%-16s %s\n", filter, buf);
	return (buf);
}

#define FOUND(f, ids) do {						\
	char	buf_[2048];						\
	assert_string_equal(found((f), buf_, sizeof buf_), (ids));	\
} while (0)

/* The tops of the shoulders: the routines that work and stretch them. */
static void
test_tight_sore(void **state)
{
	(void)state;
	FOUND("tight shoulders", "desk-break desk-neck-shoulders micro-neck "
	    "pec-minor-wall tension-headache");
	FOUND("tight", "desk-break desk-neck-shoulders hamstrings hip-tfl "
	    "micro-neck pec-minor-wall tension-headache");
	/* The routines for an ache, knots or an achy muscle. */
	FOUND("sore", "desk-neck-shoulders forearms-keyboard low-back-glutes "
	    "sciatica-buttock shoulder-infraspinatus upper-back");
	/* The infraspinatus is of the neck and shoulders region. */
	FOUND("sore neck", "desk-neck-shoulders shoulder-infraspinatus");
}

/* Screen posture: the neck, upper back and chest routines of the desk. */
static void
test_screen_work(void **state)
{
	static const char posture[] = "desk-neck-shoulders micro-neck "
	    "micro-upper-back pec-minor-wall phone-neck tension-headache "
	    "thoracic-extension upper-back";

	(void)state;
	FOUND("laptop", posture);
	FOUND("screen", posture);
	/* And the forearms of keyboard and mouse work. */
	FOUND("computer", "desk-break desk-neck-shoulders forearms-keyboard "
	    "micro-forearms micro-neck micro-upper-back pec-minor-wall "
	    "phone-neck tension-headache thoracic-extension upper-back");
	FOUND("laptop neck", "desk-neck-shoulders micro-neck phone-neck "
	    "tension-headache");
}

/* Typing: the forearms and wrists. */
static void
test_typing(void **state)
{
	(void)state;
	FOUND("typing", "desk-break forearms-keyboard micro-forearms");
	FOUND("keyboard", "desk-break forearms-keyboard micro-forearms");
	/* Both ask about numbness and tingling in the fingers first. */
	FOUND("carpal", "forearms-keyboard micro-forearms");
}

/* Nothing works the eyes; no routine claims to. */
static void
test_eyes(void **state)
{
	(void)state;
	FOUND("eyes", "");
	FOUND("eye strain", "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tight_sore),
		cmocka_unit_test(test_screen_work),
		cmocka_unit_test(test_typing),
		cmocka_unit_test(test_eyes),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
