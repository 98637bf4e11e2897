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
 * Check a folder the library is to search before it is used: 0 when it is
 * a folder, else -1 with why in *cause (static text), so that a typo never
 * quietly leaves routines or homework targets out.
 */
int		 library_check_dir(const char *dir, const char **cause);
/* True for a routine file name: ends in .yaml or .yml, not hidden. */
int		 library_is_routine_name(const char *name);
/* Add a folder searched after the default ones (--routines DIR). */
void		 library_add_dir(struct library *, const char *dir);
/* One routine file the library reads, in the order it reads them. */
struct lib_file {
	char		*path;		/* owned */
	const char	*origin;	/* "bundled", "user", "dir" */
};
/*
 * The routine files library_load would read, in its order (each folder's
 * names sorted). Returns the count; free with library_files_free.
 */
size_t		 library_files(const struct library *, struct lib_file **);
void		 library_files_free(struct lib_file *, size_t);
/*
 * Load every *.yaml / *.yml of every folder, validating each. Problems go to
 * dl (may be NULL to discard them). Duplicate ids are an error naming both
 * files; the first one found wins. Returns the number of routines loaded.
 */
size_t		 library_load(struct library *, struct diag_list *dl);
/*
 * Load and validate the one file path into a new entry of lib (as
 * library_load does for each file, its duplicate-id check against the
 * entries already there included). Problems go to dl (may be NULL).
 * Returns the entry, valid or not; it moves when lib grows.
 */
struct lib_entry *library_load_file(struct library *, const char *path,
		    const char *origin, struct diag_list *dl);
/* Free the entries, keep the folders (lib can be loaded again). */
void		 library_unload(struct library *);
void		 library_free(struct library *);
/*
 * How many entries of lib could not be loaded (unreadable, invalid, or an
 * id an earlier file has): the home screen, which lists only the valid
 * ones, says so. *from_dir (may be NULL) is set to 1 when one of them is
 * in a folder added with library_add_dir, else 0.
 */
size_t		 library_invalid(const struct library *, int *from_dir);
/* The entry with this id (valid or not), or NULL. */
struct lib_entry *library_find(struct library *, const char *id);

/* The bundled routines folder (see above); never NULL. */
const char	*library_bundled_dir(void);
/* The bundled sounds folder, same rules (KNEAD_SOUNDS overrides). */
const char	*library_sounds_dir(void);
/* $XDG_CONFIG_HOME/knead (or ~/.config/knead); static buffer. */
const char	*library_config_dir(void);

/* Why library_resolve found no routine. */
enum library_miss {
	LIBRARY_INVALID,	/* the file's problems are in dl */
	LIBRARY_NO_FILE,	/* a path to no file (in *cause) */
	LIBRARY_NO_ID		/* an id the library lacks (in *cause, with
				   the closest id when one is close) */
};

/*
 * Resolve a routine named on a command line: a path (contains '/' or ends
 * in .yaml/.yml) or an id of the library (extra_dir, may be NULL, searched
 * too). Loads and validates it, the diagnostics (warnings too) in dl,
 * sorted. Returns the routine (caller frees) or NULL with *miss and, for a
 * name that names nothing, an allocated *cause (else NULL).
 */
struct routine	*library_resolve(const char *name, const char *extra_dir,
		    struct diag_list *dl, enum library_miss *miss,
		    char **cause);

#endif
