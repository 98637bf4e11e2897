/*
 * Why a session was halted (!): the one question asked after the halt's
 * safety note, its keys, the words the store keeps, the words history,
 * status and the reports say, and when the answer adds DOMAIN 3.6's "see a
 * clinician" (halt_why.c). Core, pure: the store's CHECK holds the same
 * words (history_schema.c, version 8).
 */
#ifndef KNEAD_HALT_WHY_H
#define KNEAD_HALT_WHY_H

struct area;

/* The stored words; NULL is "not answered". */
#define HALT_WHY_SHARP		"sharp-pain"
#define HALT_WHY_NUMB		"numbness-tingling"
#define HALT_WHY_SHOOTING	"shooting"
#define HALT_WHY_OTHER		"other"

/* The question, one line (N_(): _() at use; said in the routine's language). */
extern const char *const halt_why_question;
/*
 * The question as the voice says it: each letter a key to press ("Press p
 * for sharp pain", not "p sharp pain"), NC_("spoken").
 */
extern const char *const halt_why_question_spoken;
/* For --plain's prompt: "Enter skips" (N_()). */
extern const char *const halt_why_skip;
/* DOMAIN 3.6: nerve symptoms near the neck or arm (N_()). */
extern const char *const halt_why_clinician;
/*
 * The stored word of key ch (p, n, s, o, either case), NULL for any other
 * (Enter, Esc, q: no answer).
 */
const char	*halt_why_of_key(int ch);
/*
 * The answer as a number, for a resting entry's count (history.h): 1 sharp
 * pain, 2 numbness or tingling, 3 shooting, 4 other (history_limits.c's
 * HALT_WHY_COUNT says the same in SQL), 0 none; and back (NULL for 0).
 */
int		 halt_why_code(const char *w);
const char	*halt_why_of_code(int code);
/* 1 when w is one of the stored words. */
int		 halt_why_known(const char *w);
/*
 * The words for w in the screen's language ("numbness or tingling"), NULL
 * for NULL (not answered) or a word this knead does not know; msgid: the
 * same untranslated (a report says it in its own language).
 */
const char	*halt_why_words(const char *w);
const char	*halt_why_msgid(const char *w);
/*
 * 1 when answer w on area a (the one ! marked, NULL none) calls for
 * halt_why_clinician: numbness, tingling or shooting pain on an area over
 * the nerves to the arm (area_arm_nerves).
 */
int		 halt_why_see_clinician(const char *w, const struct area *a);
struct resting;
/*
 * 1 when x holds an area halted with such an answer (RULE_HALTED, the
 * answer in its count, history.h): an override does not pass it, as the
 * advice given at the halt was to see a clinician before working it again.
 */
int		 halt_why_no_override(const struct resting *x);
/*
 * The words of what made the user halt, for a resting entry held by a !
 * that was answered (halt_why_words: "numbness or tingling"); NULL for
 * any other entry, or a halt not answered.
 */
const char	*halt_why_rest_words(const struct resting *x);
/*
 * Which halt holds x, the one test behind the words every place says it
 * with: one whose time has passed that the user says still hurts (free_at
 * no later than checked_at), a pain rating of 8 or more (its count), a !
 * answered (its words, halt_why_rest_words), a ! not answered ("halted
 * for pain"), or no halt.
 */
enum halt_hold {
	HALT_HOLD_NONE,
	HALT_HOLD_STILL,	/* its hold passed, but the user says it is
				   still there (history_halts_passed) */
	HALT_HOLD_HURT,
	HALT_HOLD_ANSWERED,
	HALT_HOLD_PAIN
};
enum halt_hold	 halt_why_hold(const struct resting *x);

#endif
