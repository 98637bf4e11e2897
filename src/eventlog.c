#include "eventlog.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xmalloc.h"

struct eventlog {
	FILE	*fp;
};

/* Open the log file for writing, line buffered. */
struct eventlog *
eventlog_open(const char *path, char **cause)
{
	struct eventlog	*el;
	FILE		*fp;

	if ((fp = fopen(path, "w")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	setvbuf(fp, NULL, _IOLBF, 0);
	el = xcalloc(1, sizeof *el);
	el->fp = fp;
	return (el);
}

/* Close the log. */
void
eventlog_close(struct eventlog *el)
{
	if (el == NULL)
		return;
	fclose(el->fp);
	free(el);
}

/* Write one event line; the detail is cleaned as for a terminal (diag.h). */
void
eventlog_write(struct eventlog *el, uint64_t now_ns, const char *event,
    size_t step, const char *fmt, ...)
{
	char		 detail[512];
	va_list		 ap;

	if (el == NULL)
		return;
	detail[0] = '\0';
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(detail, sizeof detail, fmt, ap);
		va_end(ap);
		diag_clean(detail, detail, sizeof detail);
	}
	fprintf(el->fp, "%llu %s %zu%s%s\n", (unsigned long long)now_ns, event,
	    step, detail[0] != '\0' ? " " : "", detail);
	fflush(el->fp);
}
