/* PLACEHOLDER (records nothing): replaced by the history module owner. */
#include "history.h"

#include <stdlib.h>

struct history { int unused; };

int
history_open(const char *path, const struct clock *c, struct history **out,
    char **cause)
{
	(void)path; (void)c; (void)cause;
	*out = calloc(1, sizeof **out);
	return 0;
}
void history_close(struct history *h) { free(h); }
int
history_begin(struct history *h, const struct routine *r, const struct plan *p,
    const struct begin_opts *o, int64_t *sid, struct resting **rest,
    size_t *nrest, char **cause)
{
	(void)h; (void)r; (void)p; (void)o; (void)cause;
	*sid = 1; *rest = NULL; *nrest = 0;
	return 0;
}
int
history_step(struct history *h, int64_t sid, size_t i, const struct pstep *s,
    uint64_t done, int pain)
{
	(void)h; (void)sid; (void)i; (void)s; (void)done; (void)pain;
	return 0;
}
int history_end(struct history *h, int64_t sid, const char *o) { (void)h; (void)sid; (void)o; return 0; }
int history_resting(struct history *h, struct resting **o, size_t *n, char **c) { (void)h; (void)c; *o = NULL; *n = 0; return 0; }
void history_print_refusal(FILE *fp, const struct routine *r, const struct resting *x, size_t n) { (void)fp; (void)r; (void)x; (void)n; }
int history_homework(struct history *h, const struct routine *r, struct homework_progress *p, char **c) { (void)h; (void)r; (void)c; p->active = 0; return 0; }
