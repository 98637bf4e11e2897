/*
 * libFuzzer harness for the routine loader, validator and plan expansion:
 * the code that reads files a stranger may send (a therapist's homework).
 * Each input goes through the same path as `knead validate` and `knead show`:
 * load from memory, validate, expand the plan when there were no errors, then
 * free everything. ASan and UBSan (built in by tests/fuzz/run.sh) turn any
 * invalid access, leak or undefined behaviour into a crash.
 */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "plan.h"
#include "routine.h"
#include "routine_yaml.h"
#include "validate.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl;
	struct routine	*r;
	struct plan	 p;
	char		 line[1024];
	size_t		 i;

	diag_init(&dl);
	r = routine_load_string("fuzz.yaml", (const char *)data, size, &dl);
	if (r != NULL) {
		/* Only a routine with no errors may be expanded (plan.h). */
		if (validate_routine(r, &dl) == 0 && dl.errors == 0 &&
		    plan_build(r, &p) == 0)
			plan_free(&p);
		routine_free(r);
	}
	/* Formatting touches every message the loader and validator built. */
	diag_sort(&dl);
	for (i = 0; i < dl.n; i++)
		diag_format(&dl.v[i], line, sizeof line);
	diag_clear(&dl);
	return 0;
}
