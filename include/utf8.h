/*
 * The one UTF-8 decoder: what a valid character is (no overlong forms, no
 * surrogates, nothing past U+10FFFF), for the loader, the terminal masks,
 * the text writers and the screen alike.
 */
#ifndef KNEAD_UTF8_H
#define KNEAD_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode the character at s, reading at most len bytes (a NUL stops it:
 * it is no continuation byte). Returns its length (1 to 4) with its code
 * point in *cp, or 0 when the bytes are not UTF-8; then *bad (when not
 * NULL) is how many bytes to take as one bad character (1 to 4: a lead
 * byte and the continuation bytes that followed it).
 */
size_t	utf8_next(const unsigned char *s, size_t len, uint32_t *cp,
	    size_t *bad);
/*
 * How many bytes a character that starts with byte c takes (1 to 4), or 0
 * when c starts none (a continuation byte, 0xc0, 0xc1, 0xf5 and up).
 */
size_t	utf8_lead_len(unsigned char c);
/* The characters of a NUL-terminated string (a bad byte counts as one). */
size_t	utf8_count(const char *s);
/*
 * The one rule for what never reaches a terminal, a JSON string or a CSV
 * field raw (the writers show it as '?', \uXXXX or a space; the loader
 * refuses it in routines): a C0 control, DEL, a C1 control, the line and
 * paragraph separators U+2028 and U+2029 (a terminal breaks the line or
 * shows nothing; JavaScript ends a string there) and the bidirectional
 * embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069),
 * which reorder what follows them.
 */
int	utf8_is_control(uint32_t cp);

#endif
