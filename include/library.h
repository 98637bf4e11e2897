/*
 * The routine library: the bundled folder, then $XDG_CONFIG_HOME/knead/routines,
 * then any --routines DIR, in that order (PRODUCT.md "Files").
 *
 * The bundled folder is KNEAD_DATADIR/routines when installed, or ./routines
 * next to the binary when run from the source tree (KNEAD_ROUTINES overrides
 * both, for tests).
 */
#ifndef KNEAD_LIBRARY_H
#define KNEAD_LIBRARY_H

#include <stddef.h>

struct diag_list;
struct routine;

struct lib_entry {
	char		*path;		/* owned */
	const char	*origin;	/* "bundled", "user", "dir" */
	struct routine	*routine;	/* owned; NULL when it failed to load */
	int		 valid;		/* loaded and no validation errors */
};

struct library {
	struct lib_entry *v;
	size_t		  n;
	char		**dirs;		/* the folders searched, in order */
	size_t		  ndirs;
};

/*
 * Check a folder given with --routines before it is used: 0 when it is a
 * folder, else KNEAD_EXIT_NOINPUT after saying why on stderr ("knead CMD:
 * --routines DIR: not a folder"), so a typo never quietly leaves routines
 * or homework targets out.
 */
int		 library_check_dir(const char *cmd, const char *dir);
/* True for a routine file name: ends in .yaml or .yml, not hidden. */
int		 library_is_routine_name(const char *name);
/* Add a folder searched after the default ones (--routines DIR). */
void		 library_add_dir(struct library *, const char *dir);
/*
 * Load every *.yaml / *.yml of every folder, validating each. Problems go to
 * dl (may be NULL to discard them). Duplicate ids are an error naming both
 * files; the first one found wins. Returns the number of routines loaded.
 */
size_t		 library_load(struct library *, struct diag_list *dl);
void		 library_free(struct library *);
/* The entry with this id (valid or not), or NULL. */
struct lib_entry *library_find(struct library *, const char *id);

/* The bundled routines folder (see above); never NULL. */
const char	*library_bundled_dir(void);
/* The bundled sounds folder, same rules (KNEAD_SOUNDS overrides). */
const char	*library_sounds_dir(void);
/* $XDG_CONFIG_HOME/knead (or ~/.config/knead); static buffer. */
const char	*library_config_dir(void);

/*
 * Resolve ROUTINE as given on a command line: a path (contains '/' or ends
 * in .yaml/.yml) or an id of the library. Loads and validates it; prints
 * diagnostics to stderr. Returns the routine (caller frees) or NULL with
 * *exit_code set (65 invalid, 66 not found). extra_dir may be NULL.
 */
struct routine	*library_resolve(const char *name, const char *extra_dir,
		    int *exit_code);

#endif
