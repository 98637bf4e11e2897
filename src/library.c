#include "library.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "routine.h"
#include "routine_yaml.h"
#include "validate.h"
#include "xmalloc.h"

#define LIBRARY_MAX_FILES	10000

/*
 * Find a data folder: the environment variable if set, else NAME beside the
 * binary (running from the source tree), else the installed KNEAD_DATADIR.
 */
static const char *
data_dir(const char *env, const char *name, char *buf, size_t len)
{
	const char	*e;
	char		 exe[PATH_MAX - 16], *slash;
	ssize_t		 n;
	struct stat	 sb;

	if ((e = getenv(env)) != NULL && *e != '\0')
		return e;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			if ((size_t)snprintf(buf, len, "%s/%s", exe, name) <
			    len && stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode))
				return buf;
			/* Installed: PREFIX/bin/knead, PREFIX/share/knead. */
			if ((size_t)snprintf(buf, len, "%s/../share/knead/%s",
			    exe, name) < len && stat(buf, &sb) == 0 &&
			    S_ISDIR(sb.st_mode))
				return buf;
			/* The test builds live in build/<kind>/. */
			if ((size_t)snprintf(buf, len, "%s/../../%s", exe,
			    name) < len && strstr(exe, "/build") != NULL &&
			    stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode))
				return buf;
		}
	}
	snprintf(buf, len, "%s/%s", KNEAD_DATADIR, name);
	return buf;
}

const char *
library_bundled_dir(void)
{
	static char	buf[PATH_MAX];

	return data_dir("KNEAD_ROUTINES", "routines", buf, sizeof buf);
}

const char *
library_sounds_dir(void)
{
	static char	buf[PATH_MAX];

	return data_dir("KNEAD_SOUNDS", "sounds", buf, sizeof buf);
}

const char *
library_config_dir(void)
{
	static char	 buf[PATH_MAX];
	const char	*x, *home;

	if ((x = getenv("XDG_CONFIG_HOME")) != NULL && x[0] == '/')
		snprintf(buf, sizeof buf, "%s/knead", x);
	else {
		home = getenv("HOME");
		snprintf(buf, sizeof buf, "%s/.config/knead",
		    home != NULL ? home : "");
	}
	return buf;
}

int
library_check_dir(const char *dir, const char **cause)
{
	struct stat	 sb;

	if (stat(dir, &sb) == -1) {
		*cause = strerror(errno);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		*cause = "not a folder";
		return -1;
	}
	return 0;
}

void
library_add_dir(struct library *lib, const char *dir)
{
	lib->dirs = xreallocarray(lib->dirs, lib->ndirs + 1,
	    sizeof *lib->dirs);
	lib->dirs[lib->ndirs++] = xstrdup(dir);
}

/* True for names ending in .yaml or .yml (not hidden files). */
int
library_is_routine_name(const char *name)
{
	size_t	n = strlen(name);

	if (name[0] == '.')
		return 0;
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The routine files of one folder, sorted by name so that every run sees
 * them in the same order. Returns the count; *out is caller-freed.
 */
static size_t
list_dir(const char *dir, char ***out)
{
	DIR		*d;
	struct dirent	*de;
	char		**v = NULL;
	size_t		  n = 0;

	*out = NULL;
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL && n < LIBRARY_MAX_FILES) {
		if (!library_is_routine_name(de->d_name))
			continue;
		v = xreallocarray(v, n + 1, sizeof *v);
		xasprintf(&v[n++], "%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(v, n, sizeof *v, cmp_str);
	*out = v;
	return n;
}

static struct lib_entry *load_one(struct library *, const char *,
		    const char *, struct diag_list *);

/* Load and validate one file into a new entry (see library.h). */
struct lib_entry *
library_load_file(struct library *lib, const char *path, const char *origin,
    struct diag_list *dl)
{
	struct diag_list  discard;
	struct lib_entry *e;

	diag_init(&discard);
	e = load_one(lib, path, origin, dl != NULL ? dl : &discard);
	diag_clear(&discard);
	return e;
}

/* Load and validate one file into a new entry. */
static struct lib_entry *
load_one(struct library *lib, const char *path, const char *origin,
    struct diag_list *dl)
{
	struct lib_entry *e;
	size_t		  i, before = dl->errors;
	int		  errnum;

	lib->v = xreallocarray(lib->v, lib->n + 1, sizeof *lib->v);
	e = &lib->v[lib->n++];
	memset(e, 0, sizeof *e);
	e->path = xstrdup(path);
	e->origin = origin;
	e->routine = routine_load_file(path, dl, &errnum);
	if (e->routine == NULL)
		return e;
	validate_routine(e->routine, dl);
	e->valid = dl->errors == before;
	if (e->routine->id.s == NULL)
		return e;
	for (i = 0; i + 1 < lib->n; i++) {
		if (lib->v[i].routine == NULL ||
		    lib->v[i].routine->id.s == NULL ||
		    strcmp(lib->v[i].routine->id.s, e->routine->id.s) != 0)
			continue;
		diag_add(dl, DIAG_ERROR, path, e->routine->id.pos.line,
		    e->routine->id.pos.col, _("duplicate id '%s': %s "
		    "already uses it (give this copy an id of its own)"),
		    e->routine->id.s, lib->v[i].path);
		e->valid = 0;
		break;
	}
	return e;
}

size_t
library_files(const struct library *lib, struct lib_file **out)
{
	static const char *const origins[] = { "bundled", "user" };
	struct lib_file	 *v = NULL;
	char		  user[PATH_MAX];
	char		**files;
	const char	 *dirs[2];
	size_t		  i, j, n, total = 0;

	dirs[0] = library_bundled_dir();
	snprintf(user, sizeof user, "%s/routines", library_config_dir());
	dirs[1] = user;
	for (i = 0; i < 2 + lib->ndirs; i++) {
		n = list_dir(i < 2 ? dirs[i] : lib->dirs[i - 2], &files);
		if (n > 0)
			v = xreallocarray(v, total + n, sizeof *v);
		for (j = 0; j < n; j++) {
			v[total].path = files[j];
			v[total++].origin = i < 2 ? origins[i] : "dir";
		}
		free(files);
	}
	*out = v;
	return total;
}

void
library_files_free(struct lib_file *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

size_t
library_load(struct library *lib, struct diag_list *dl)
{
	struct diag_list  discard;
	struct lib_file	 *files;
	size_t		  i, n;

	diag_init(&discard);
	if (dl == NULL)
		dl = &discard;
	n = library_files(lib, &files);
	for (i = 0; i < n; i++)
		load_one(lib, files[i].path, files[i].origin, dl);
	library_files_free(files, n);
	diag_clear(&discard);
	return n;
}

void
library_unload(struct library *lib)
{
	size_t	i;

	for (i = 0; i < lib->n; i++) {
		free(lib->v[i].path);
		routine_free(lib->v[i].routine);
	}
	free(lib->v);
	lib->v = NULL;
	lib->n = 0;
}

void
library_free(struct library *lib)
{
	size_t	i;

	library_unload(lib);
	for (i = 0; i < lib->ndirs; i++)
		free(lib->dirs[i]);
	free(lib->dirs);
	memset(lib, 0, sizeof *lib);
}

size_t
library_invalid(const struct library *lib, int *from_dir)
{
	size_t	i, n = 0;
	int	dir = 0;

	for (i = 0; i < lib->n; i++) {
		if (lib->v[i].valid && lib->v[i].routine != NULL)
			continue;
		n++;
		if (strcmp(lib->v[i].origin, "dir") == 0)
			dir = 1;
	}
	if (from_dir != NULL)
		*from_dir = dir;
	return n;
}

struct lib_entry *
library_find(struct library *lib, const char *id)
{
	size_t	i;

	for (i = 0; i < lib->n; i++) {
		if (lib->v[i].routine != NULL &&
		    lib->v[i].routine->id.s != NULL &&
		    strcmp(lib->v[i].routine->id.s, id) == 0)
			return &lib->v[i];
	}
	return NULL;
}

/* True when name is meant as a file rather than a library id. */
static int
looks_like_path(const char *name)
{
	return strchr(name, '/') != NULL || library_is_routine_name(name);
}

/* Load and validate a file given by path. */
static struct routine *
resolve_path(const char *path, struct diag_list *dl, enum library_miss *miss,
    char **cause)
{
	struct routine	*r;
	size_t		 before = dl->errors;
	int		 errnum;

	r = routine_load_file(path, dl, &errnum);
	if (r != NULL)
		validate_routine(r, dl);
	diag_sort(dl);
	if (r != NULL && dl->errors == before)
		return r;
	routine_free(r);
	if (errnum == ENOENT) {
		/* Said in the cause; the loader's "cannot open" goes. */
		diag_clear(dl);
		*miss = LIBRARY_NO_FILE;
		xasprintf(cause, _("%s: no such routine file"), path);
	} else
		*miss = LIBRARY_INVALID;
	return NULL;
}

struct routine *
library_resolve(const char *name, const char *extra_dir,
    struct diag_list *dl, enum library_miss *miss, char **cause)
{
	struct library	  lib;
	struct lib_entry *e;
	struct routine	 *r;
	const char	**ids, *s;
	size_t		  i, n = 0;

	*cause = NULL;
	if (looks_like_path(name))
		return resolve_path(name, dl, miss, cause);
	memset(&lib, 0, sizeof lib);
	if (extra_dir != NULL)
		library_add_dir(&lib, extra_dir);
	library_load(&lib, NULL);
	if ((e = library_find(&lib, name)) == NULL) {
		ids = xcalloc(lib.n + 1, sizeof *ids);
		for (i = 0; i < lib.n; i++) {
			if (lib.v[i].routine != NULL &&
			    lib.v[i].routine->id.s != NULL)
				ids[n++] = lib.v[i].routine->id.s;
		}
		s = diag_suggest(name, ids, n);
		if (s != NULL)
			xasprintf(cause, _("no routine '%s' in the library "
			    "(did you mean '%s'?)"), name, s);
		else
			xasprintf(cause, _("no routine '%s' in the library"),
			    name);
		free(ids);
		library_free(&lib);
		*miss = LIBRARY_NO_ID;
		return NULL;
	}
	/* Re-read the one file to report its own problems in full. */
	r = resolve_path(e->path, dl, miss, cause);
	library_free(&lib);
	return r;
}
