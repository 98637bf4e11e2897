/*
 * A string as one word for a POSIX shell, for the commands knead suggests
 * ("Check it with: sqlite3 PATH ...", "knead validate PATH shows them"):
 * as it is when every byte is plainly safe, else in single quotes, each
 * ' written '\''. Pure, no allocation but sh_word_dup's.
 */
#ifndef KNEAD_SHWORD_H
#define KNEAD_SHWORD_H

#include <stddef.h>

/*
 * s as one shell word into out (len bytes, always terminated when len >
 * 0); returns the length the whole word needs, as snprintf does: a word
 * cut short (the result len or more) must not be offered for pasting.
 */
size_t	sh_word(const char *s, char *out, size_t len);
/* The same, allocated; caller frees. */
char	*sh_word_dup(const char *s);

#endif
