/*
 * The routine loader: a routine file to struct routine, in two passes (the
 * guarded node tree of yaml_tree.c, the schema walk of routine_yaml.c with
 * routine_field.c and routine_step.c). Only yaml_tree.c includes yaml.h.
 *
 * Guards, all applied before or while parsing (TESTING.md, libyaml hazards):
 * files over ROUTINE_MAX_BYTES are rejected before parsing; a UTF-16 or
 * UTF-32 file is refused by name (a UTF-8 byte order mark is skipped);
 * nesting deeper than ROUTINE_MAX_DEPTH stops the parse at once; aliases
 * are counted against an expansion budget of ROUTINE_MAX_NODES nodes;
 * invalid UTF-8, control characters, escape sequences, bidirectional
 * controls and line or paragraph separators (U+2028, U+2029) in text are
 * errors, never stripped.
 *
 * Structural problems (unknown keys, wrong types, bad durations) are reported
 * here; ranges and cross-field rules are validate.c's job. Every problem goes
 * to the diag list; the routine is returned even when there were errors (with
 * the fields that could be read), except when the YAML itself is unreadable.
 */
#ifndef KNEAD_ROUTINE_YAML_H
#define KNEAD_ROUTINE_YAML_H

#include <stddef.h>
#include <stdint.h>

struct diag_list;
struct routine;

#define ROUTINE_MAX_BYTES	(1024 * 1024)
#define ROUTINE_MAX_DEPTH	32
#define ROUTINE_MAX_NODES	20000	/* nodes after alias expansion */

/*
 * Load the file at path. Returns the routine (caller frees with
 * routine_free) or NULL when nothing usable could be read; in both cases the
 * problems are in dl. *errnum is set to an errno value when the file could
 * not be opened or read (ENOENT: exit 66), 0 otherwise.
 */
struct routine	*routine_load_file(const char *path, struct diag_list *dl,
		    int *errnum);
/*
 * Its first half: the file's bytes (NUL-terminated, *len of them; caller
 * frees), read as routine_load_file reads them (a regular file only, never
 * waiting on a FIFO, at most a byte past ROUTINE_MAX_BYTES), or NULL with
 * the problem in dl and *errnum as above.
 */
char		*routine_read_file(const char *path, size_t *len,
		    struct diag_list *dl, int *errnum);
/* The same from memory; name is used in diagnostics. */
struct routine	*routine_load_string(const char *name, const char *buf,
		    size_t len, struct diag_list *dl);

/*
 * Parse a duration ("45s", "1m30s", "2h", "2d", or a bare integer of
 * seconds). Returns 0 and sets *out_s, or -1 with a reason in *why.
 */
int		 routine_parse_duration(const char *s, int64_t *out_s,
		    const char **why);

#endif
