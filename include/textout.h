/*
 * Writing stored or typed text safely: for a terminal or Markdown, as a
 * JSON string and as a CSV field. No control byte or invalid UTF-8 ever
 * reaches the output (UTF-8 is read by utf8.h).
 */
#ifndef KNEAD_TEXTOUT_H
#define KNEAD_TEXTOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Text for a terminal (md 0) or a Markdown table (md 1): controls and
 * invalid bytes become '?', newline and tab a space; in Markdown the
 * characters that would format or break a table are escaped.
 */
void	tout_text(FILE *, const char *s, int md);
/* A JSON string with its quotes (null for NULL); bad bytes are U+FFFD. */
void	tout_json(FILE *, const char *s);
/*
 * One quoted CSV field (RFC 4180): quotes doubled, controls become spaces,
 * and text a spreadsheet would run as a formula gets a leading quote.
 */
void	tout_csv(FILE *, const char *s);
/* s with controls and invalid bytes replaced by '?', into buf (cut). */
void	tout_clean(const char *s, char *buf, size_t len);

/*
 * A sparkline of 0..10 ratings: Unicode blocks, or with utf8 0 the ASCII
 * "_.,-=+*#" from low to high.
 */
void	tout_spark(FILE *, const int *v, size_t n, int utf8);
/* Does the locale's character set say UTF-8 (after setlocale)? */
int	tout_utf8(void);

#endif
