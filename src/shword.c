/* A string as one POSIX shell word (see shword.h). */
#include "shword.h"

#include <string.h>

#include "xmalloc.h"

/* Bytes a shell takes as they are, anywhere in a word but first ('-'). */
static const char sh_plain[] = "abcdefghijklmnopqrstuvwxyz"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./+,:=@%-";

/* Put byte c at out[n] when there is room (one kept for the NUL). */
static void
sh_put(char *out, size_t len, size_t n, char c)
{
	if (n + 1 < len)
		out[n] = c;
}

size_t
sh_word(const char *s, char *out, size_t len)
{
	size_t	n = 0;

	if (s[0] != '\0' && s[0] != '-' && strspn(s, sh_plain) == strlen(s)) {
		for (; *s != '\0'; s++)
			sh_put(out, len, n++, *s);
	} else {
		sh_put(out, len, n++, '\'');
		for (; *s != '\0'; s++) {
			if (*s != '\'') {
				sh_put(out, len, n++, *s);
				continue;
			}
			sh_put(out, len, n++, '\'');
			sh_put(out, len, n++, '\\');
			sh_put(out, len, n++, '\'');
			sh_put(out, len, n++, '\'');
		}
		sh_put(out, len, n++, '\'');
	}
	if (len > 0)
		out[n < len ? n : len - 1] = '\0';
	return (n);
}

char *
sh_word_dup(const char *s)
{
	size_t	 n = sh_word(s, NULL, 0);
	char	*w = xmalloc(n + 1);

	sh_word(s, w, n + 1);
	return (w);
}
