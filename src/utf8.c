/*
 * The UTF-8 decoder (utf8.h).
 */
#include "utf8.h"

size_t
utf8_lead_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

size_t
utf8_next(const unsigned char *s, size_t len, uint32_t *cp, size_t *bad)
{
	size_t		need, k;
	uint32_t	c;

	if (bad != NULL)
		*bad = 1;
	if (len == 0)
		return 0;
	if ((need = utf8_lead_len(s[0])) == 0)
		return 0;
	if (need == 1) {
		*cp = s[0];
		return 1;
	}
	/* The bytes after the lead: 1 to 3. */
	c = s[0] & (0x3f >> --need);
	for (k = 1; k <= need; k++) {
		if (k >= len || (s[k] & 0xc0) != 0x80)
			break;
		c = (c << 6) | (s[k] & 0x3f);
	}
	if (k <= need || (need == 2 && c < 0x800) ||
	    (need == 3 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff)) {
		if (bad != NULL)
			*bad = k;
		return 0;
	}
	*cp = c;
	return need + 1;
}

int
utf8_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
	    cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

size_t
utf8_count(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0, k, bad;
	uint32_t		 cp;

	while (*p != '\0') {
		k = utf8_next(p, (size_t)-1, &cp, &bad);
		p += k != 0 ? k : bad;
		n++;
	}
	return n;
}
