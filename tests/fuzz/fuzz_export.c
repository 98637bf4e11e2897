/*
 * libFuzzer harness for the history import: the code that reads an export
 * another machine, a newer knead or a stranger wrote (knead import, knead
 * report --from-export). Each input goes the way of `knead report
 * --from-export`: read and checked (export.c), merged into a store in
 * memory (history_sync.c) and read back as the report reads it. What was
 * accepted must also survive a round trip: written out again, it must read
 * back as the same number of sessions (abort otherwise).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "clock.h"
#include "export.h"
#include "history.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct export_session	*v, *w;
	struct hist_session	*ss;
	struct sync_stats	 st;
	struct history		*h;
	char			*cause = NULL, *buf = NULL;
	size_t			 n, m, ns, len = 0;
	int			 newer;
	FILE			*fp;

	if (export_read_mem((const char *)data, size, "fuzz.jsonl", 0, &v, &n,
	    &newer, &cause) != 0) {
		free(cause);
		return 0;
	}
	if ((fp = open_memstream(&buf, &len)) == NULL)
		abort();
	if (export_write(fp, v, n, 1795420800) != 0)
		abort();
	fclose(fp);
	if (export_read_mem(buf, len, "again.jsonl", 0, &w, &m, &newer,
	    &cause) != 0 || m != n)
		abort();
	export_free(w, m);
	free(buf);

	if (history_open_memory("fuzz", &clock_system, &h, &cause) != 0)
		abort();
	if (history_sync_merge(h, v, n, &st, &cause) == 0 &&
	    history_sessions(h, 0, &ss, &ns, &cause) == 0)
		history_sessions_free(ss, ns);
	free(cause);
	history_close(h);
	export_free(v, n);
	return 0;
}
