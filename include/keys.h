/*
 * keys: what each key does in a session, one table for both front ends
 * (the screen and --plain) and for the help texts they show. The screen
 * turns curses' named keys into the KEYS_* codes first; --plain looks up
 * the first character of a line.
 */
#ifndef KNEAD_KEYS_H
#define KNEAD_KEYS_H

#include <stddef.h>

enum key_act {
	KEY_ACT_NONE,
	KEY_ACT_SPACE,		/* release an until-release hold, else pause */
	KEY_ACT_RELEASE,	/* end an until-release hold */
	KEY_ACT_PAUSE,		/* pause or resume */
	KEY_ACT_NEXT,
	KEY_ACT_BACK,
	KEY_ACT_PLUS10,
	KEY_ACT_MINUS10,
	KEY_ACT_STOP_NOW,	/* pain, numbness: stop at once */
	KEY_ACT_QUIT,		/* asks to confirm */
	KEY_ACT_MUTE,
	KEY_ACT_VOICE,
	KEY_ACT_HELP
};

/* Named keys, beyond any character. */
#define KEYS_ENTER	0x110001
#define KEYS_RIGHT	0x110002
#define KEYS_LEFT	0x110003
#define KEYS_UP		0x110004
#define KEYS_DOWN	0x110005

/* One line of help: the keys as shown ("" goes on with the line before),
 * what they do, and the same said for --plain, which reads lines (no
 * arrow keys, no help box to close; NULL: as what). */
struct key_help {
	const char	*keys;
	const char	*what;
	const char	*plain;
};

/* What key ch does (a character or a KEYS_* code), or KEY_ACT_NONE. */
enum key_act	 keys_action(int ch);
/* The help lines, in the order they are shown; their number in *n. */
const struct key_help *keys_help(size_t *n);
/* The keys on one line, "space pause, Enter release, ...", for --plain. */
const char	*keys_line(void);

#endif
