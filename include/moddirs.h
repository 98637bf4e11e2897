/*
 * Where knead's loadable files are (the core and the modules): next to the
 * program (/proc/self/exe: build/test/knead finds build/test/knead-core.so), the
 * tree's release folder for ./knead (KNEAD_TREE_MODDIR, build/rel), the
 * installed place relative to the program (bin/../lib/knead: a staged or
 * moved install), then the installed KNEAD_LIBDIR ($(PREFIX)/lib/knead).
 */
#ifndef KNEAD_MODDIRS_H
#define KNEAD_MODDIRS_H

#include <limits.h>
#include <stddef.h>

#ifndef KNEAD_LIBDIR	/* the Makefile's MODDIR */
#define KNEAD_LIBDIR	"/usr/local/lib/knead"
#endif

#define MODDIRS_MAX	4

/* Fill dirs in that order; returns how many (1 to MODDIRS_MAX). */
int	moddirs(char dirs[MODDIRS_MAX][PATH_MAX]);
/*
 * The path of file in the first of those folders that has it: 0, or -1
 * when none has it. The first one found is the one: a file there that
 * cannot be loaded is the caller's to report, never passed over.
 */
int	moddirs_find(const char *file, char *path, size_t len);

#endif
