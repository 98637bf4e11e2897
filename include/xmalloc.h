/*
 * Allocators that never return NULL: on exhaustion they restore the terminal
 * (through the hook set with xmalloc_set_fatal_hook) and exit 70.
 * A zero size is allowed and returns a unique pointer. Multiplications are
 * checked for overflow.
 */
#ifndef KNEAD_XMALLOC_H
#define KNEAD_XMALLOC_H

#include <stddef.h>

#include "compat.h"

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...) printflike(2, 3);

/* Called before exiting on out-of-memory (e.g. to call endwin). */
void	 xmalloc_set_fatal_hook(void (*)(void));

#endif
