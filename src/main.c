/*
 * The program's entry. ./knead maps only the C library: linking ncurses,
 * libyaml, SQLite and jansson costs each exec their page faults and
 * relocations (about 2 ms here, measured with perf stat against an empty
 * main()), and tmux runs `knead status --line` every few seconds. So the
 * line is answered here when its kept answer holds (statusline.h), and
 * everything else is the core, knead-core.so, loaded with dlopen from
 * where the modules are (moddirs.h) and run.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "exitcodes.h"
#include "i18n.h"
#include "moddirs.h"
#include "statusline.h"

/*
 * The line from its kept answer, or nothing when there is nothing to say
 * (no store to name, or the one named is missing: the core says nothing
 * too): 0 when answered, -1 for the core to say.
 */
static int
kept_line(int argc, char **argv)
{
	struct statusline	sl;
	int			rc = -1;

	if (statusline_begin(&sl, argc, argv) != 0)
		rc = 0;
	else if (statusline_kept(&sl) == 0) {
		/* An English line needs no locale: 0.3-0.4 ms less. */
		if (i18n_may_translate())
			i18n_init();
		statusline_print(&sl);
		/* Silent on errors, as the command is: tmux shows nothing. */
		(void)fflush(stdout);
		rc = 0;
	}
	statusline_end(&sl);
	return rc;
}

int
main(int argc, char **argv)
{
	char			 path[PATH_MAX + 32];
	const struct knead_core	*core;
	const char		*err;
	void			*dl;

	if (argc >= 2 && strcmp(argv[1], "status") == 0 &&
	    statusline_asked(argc - 1, argv + 1) &&
	    kept_line(argc - 1, argv + 1) == 0)
		return KNEAD_EXIT_OK;
	if (moddirs_find(KNEAD_CORE_FILE, path, sizeof path) != 0) {
		fprintf(stderr, "knead: %s not found next to knead or in %s\n",
		    KNEAD_CORE_FILE, KNEAD_LIBDIR);
		return KNEAD_EXIT_SOFTWARE;
	}
	/* Lazy, as an executable's own libraries: a command binds what it calls. */
	if ((dl = dlopen(path, RTLD_LAZY | RTLD_LOCAL)) == NULL) {
		err = dlerror();
		fprintf(stderr, "knead: %s cannot be loaded: %s\n", path,
		    err != NULL ? err : "?");
		return KNEAD_EXIT_SOFTWARE;
	}
	core = dlsym(dl, KNEAD_CORE_SYMBOL);
	if (core == NULL || core->version == NULL ||
	    strcmp(core->version, KNEAD_VERSION) != 0) {
		fprintf(stderr, "knead: %s is from another build of knead "
		    "(%s, this is %s)\n", path, core != NULL &&
		    core->version != NULL ? core->version : "?",
		    KNEAD_VERSION);
		return KNEAD_EXIT_SOFTWARE;
	}
	return core->main(argc, argv);
}
