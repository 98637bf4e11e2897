/*
 * The core: the whole program but its entry, built as knead-core.so and
 * loaded by ./knead (main.c) with dlopen, so that the libraries it links
 * are mapped only when a command needs them (main.c says why).
 */
#ifndef KNEAD_CORE_H
#define KNEAD_CORE_H

#define KNEAD_CORE_FILE		"knead-core.so"
#define KNEAD_CORE_SYMBOL	"knead_core"

struct knead_core {
	const char	*version;	/* KNEAD_VERSION: the same build */
	int		 (*main)(int, char **);
};

#endif
