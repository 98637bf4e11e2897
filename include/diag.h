/*
 * Diagnostics: a list of {path, line, col, severity, message} that prints
 * itself GNU style, "path:line:col: error: message". The loader and the
 * validator append to one list so that every problem of a file is reported.
 * Lines and columns are 1-based; 0 means "whole file" (printed as path: ...).
 */
#ifndef KNEAD_DIAG_H
#define KNEAD_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "compat.h"

enum diag_severity {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE
};

struct diag {
	char			*path;	/* owned */
	unsigned		 line;
	unsigned		 col;
	enum diag_severity	 sev;
	char			*msg;	/* owned; already free of control bytes */
};

struct diag_list {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 errors;
	size_t		 warnings;
};

void	diag_init(struct diag_list *);
void	diag_clear(struct diag_list *);
void	diag_add(struct diag_list *, enum diag_severity, const char *path,
	    unsigned line, unsigned col, const char *fmt, ...) printflike(6, 7);
void	diag_vadd(struct diag_list *, enum diag_severity, const char *path,
	    unsigned line, unsigned col, const char *fmt, va_list)
	    printflike(6, 0);
/* Sort by path, line, column (stable: same place keeps insertion order). */
void	diag_sort(struct diag_list *);
/* Print every diagnostic, one per line. */
void	diag_print(const struct diag_list *, FILE *);
/* Format one diagnostic into buf (no newline). */
void	diag_format(const struct diag *, char *buf, size_t len);

/*
 * Text for a terminal from routine files and file names: C0 controls
 * (newline and tab too), DEL, C1 controls (U+0080..U+009F in UTF-8) and
 * bytes that are not valid UTF-8 become '?'; valid UTF-8 passes unchanged.
 * No escape sequence can then reach the terminal. diag_safe prints s (NULL
 * prints nothing); diag_clean copies it into out, at most len bytes with the
 * NUL, cut between characters (in and out may be the same buffer).
 */
void	diag_safe(FILE *, const char *s);
void	diag_clean(const char *in, char *out, size_t len);

/*
 * Levenshtein-based suggestion: the candidate closest to word, or NULL when
 * none is close enough to be a plausible typo.
 */
const char *diag_suggest(const char *word, const char *const *candidates,
	    size_t n);

#endif
