/*
 * The history export written (see export.h): one JSON line for the file,
 * then one per session from the store's records. export.c reads it back.
 */
#include "export.h"

#include <stdio.h>
#include <string.h>

#include "dates.h"
#include "json.h"
#include "textout.h"

/* Write a "key":string pair, after a comma unless first. */
static void
put_str(FILE *fp, const char *key, const char *s, int first)
{
	fprintf(fp, "%s\"%s\":", first ? "" : ",", key);
	tout_json(fp, s);
}

static void
put_int(FILE *fp, const char *key, int64_t v)
{
	fprintf(fp, ",\"%s\":%lld", key, (long long)v);
}

/* An int that may be absent (negative: null). */
static void
put_opt(FILE *fp, const char *key, int64_t v)
{
	if (v < 0)
		fprintf(fp, ",\"%s\":null", key);
	else
		put_int(fp, key, v);
}

static void
put_bool(FILE *fp, const char *key, int v)
{
	fprintf(fp, ",\"%s\":%s", key, v ? "true" : "false");
}

/* One session, one line. */
static void
write_session(FILE *fp, const struct export_session *s)
{
	char	sid[192];
	size_t	k;

	fputc('{', fp);
	put_str(fp, "id", s->uid, 1);
	put_str(fp, "routine", s->routine_id, 0);
	put_str(fp, "title", s->title, 0);
	put_str(fp, "file_hash", s->file_hash, 0);
	put_int(fp, "started_at", s->started_at);
	put_int(fp, "ended_at", s->ended_at);
	put_str(fp, "outcome", s->outcome, 0);
	put_int(fp, "rest_s", s->rest_s);
	put_int(fp, "per_week", s->per_week);
	put_bool(fp, "strict", s->strict);
	put_int(fp, "planned_ms", s->planned_ms);
	put_str(fp, "override_reason", s->override_reason, 0);
	put_str(fp, "halt_why", s->halt_why, 0);
	if (s->hw_present) {
		fprintf(fp, ",\"homework\":{");
		put_str(fp, "by", s->hw_by, 1);
		put_str(fp, "for", s->hw_for, 0);
		put_str(fp, "from", s->hw_from, 0);
		put_str(fp, "until", s->hw_until, 0);
		put_opt(fp, "per_week", s->hw_per_week);
		put_str(fp, "note", s->hw_note, 0);
		fputc('}', fp);
	} else
		fprintf(fp, ",\"homework\":null");
	fprintf(fp, ",\"areas\":[");
	for (k = 0; k < s->nareas; k++) {
		fprintf(fp, "%s{", k ? "," : "");
		put_str(fp, "area", s->areas[k].area, 1);
		put_str(fp, "side", s->areas[k].side, 0);
		put_int(fp, "planned_ms", s->areas[k].planned_ms);
		put_int(fp, "done_ms", s->areas[k].done_ms);
		fputc('}', fp);
	}
	fprintf(fp, "],\"steps\":[");
	for (k = 0; k < s->nsteps; k++) {
		/* The session's id and the step's place: stable anywhere. */
		snprintf(sid, sizeof sid, "%s-%zu", s->uid, k + 1);
		fprintf(fp, "%s{", k ? "," : "");
		put_str(fp, "id", sid, 1);
		put_int(fp, "idx", s->steps[k].idx);
		put_str(fp, "kind", s->steps[k].kind, 0);
		put_str(fp, "area", s->steps[k].area, 0);
		put_str(fp, "side", s->steps[k].side, 0);
		put_bool(fp, "work", s->steps[k].is_work);
		put_int(fp, "planned_ms", s->steps[k].planned_ms);
		put_int(fp, "done_ms", s->steps[k].done_ms);
		put_opt(fp, "pressure", s->steps[k].pressure);
		put_opt(fp, "pain", s->steps[k].pain);
		put_int(fp, "ended_at", s->steps[k].ended_at);
		fputc('}', fp);
	}
	fprintf(fp, "],\"limits\":[");
	for (k = 0; k < s->nlimits; k++) {
		fprintf(fp, "%s{", k ? "," : "");
		put_str(fp, "action", s->limits[k].action, 1);
		put_str(fp, "area", s->limits[k].area, 0);
		put_str(fp, "side", s->limits[k].side, 0);
		put_int(fp, "free_at", s->limits[k].free_at);
		put_bool(fp, "clock_behind", s->limits[k].clock_behind);
		put_str(fp, "rule", s->limits[k].rule, 0);
		fputc('}', fp);
	}
	fprintf(fp, "],\"answers\":[");
	for (k = 0; k < s->nanswers; k++) {
		fprintf(fp, "%s{\"idx\":%lld", k ? "," : "",
		    (long long)s->answers[k].idx);
		put_str(fp, "question", s->answers[k].question, 0);
		put_str(fp, "answer", s->answers[k].answer, 0);
		fputc('}', fp);
	}
	fprintf(fp, "],\"day_after\":[");
	for (k = 0; k < s->nafters; k++) {
		fprintf(fp, "%s{", k ? "," : "");
		put_str(fp, "area", s->afters[k].area, 1);
		put_str(fp, "side", s->afters[k].side, 0);
		put_int(fp, "rating", s->afters[k].rating);
		put_int(fp, "rated_at", s->afters[k].rated_at);
		fputc('}', fp);
	}
	fprintf(fp, "],\"checkins\":[");
	for (k = 0; k < s->ncheckins; k++) {
		fprintf(fp, "%s{", k ? "," : "");
		put_str(fp, "area", s->checkins[k].area, 1);
		put_str(fp, "side", s->checkins[k].side, 0);
		put_opt(fp, "rating", s->checkins[k].rating);
		put_int(fp, "asked_at", s->checkins[k].asked_at);
		put_bool(fp, "blocks", s->checkins[k].blocks);
		fputc('}', fp);
	}
	fputc(']', fp);
	put_opt(fp, "day_after_asked", s->after_asked_at > 0 ?
	    s->after_asked_at : -1);
	fprintf(fp, "}\n");
}

int
export_write(FILE *fp, const struct export_session *v, size_t n, int64_t now)
{
	char	when[32];
	size_t	i;

	dates_utc(now, when, sizeof when);
	fprintf(fp, "{\"kind\":\"%s\",\"format\":%d,\"exported_at\":\"%s\","
	    "\"sessions\":%zu}\n", EXPORT_KIND, EXPORT_FORMAT, when, n);
	for (i = 0; i < n; i++)
		write_session(fp, &v[i]);
	return (fflush(fp) != 0 || ferror(fp) ? -1 : 0);
}
