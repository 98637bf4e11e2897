/*
 * The program's messages in the user's language (see i18n.h).
 *
 * The screen goes through glibc's gettext. The voice cannot: gettext
 * translates into the locale's language, and a French routine must be
 * spoken in French under a German screen, or under LANG=C where gettext
 * translates nothing and no French locale need exist. So i18n_in() reads a
 * language's knead.mo itself: the GNU .mo format is a header and two
 * tables of (length, offset) pairs, the originals sorted by bytes, so a
 * binary search finds a message. The file is read once, whole, and kept.
 */
#include "i18n.h"

#include <ctype.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compat.h"

#ifndef KNEAD_LOCALEDIR
#define KNEAD_LOCALEDIR	"/usr/local/share/locale"
#endif
#ifndef KNEAD_LINGUAS
#define KNEAD_LINGUAS	"fr de es"
#endif

#define MO_MAGIC	0x950412deU
#define MO_SWAPPED	0xde120495U
#define MO_MAX		(8u << 20)	/* a catalogue is tens of kB */
#define I18N_MAXLANG	16

/* One language's catalogue as read from its .mo file. */
struct mo {
	char		 lang[3];
	int		 tried;		/* read once, even when it failed */
	unsigned char	*data;
	size_t		 size;
	uint32_t	 n, orig, trans;
	int		 swap;
};

static struct mo	 i18n_mo[I18N_MAXLANG];
static size_t		 i18n_nmo;
static char		 i18n_lock;	/* spin lock: rare, short */

/* The catalogue folder: $KNEAD_LOCALEDIR, the build tree's, the installed. */
const char *
i18n_dir(void)
{
	static char	 buf[PATH_MAX];
	static int	 done;
	const char	*e;
	char		 exe[PATH_MAX - 32], *slash;
	ssize_t		 n;
	struct stat	 sb;

	if (done)
		return buf;
	done = 1;
	if ((e = getenv("KNEAD_LOCALEDIR")) != NULL && *e != '\0') {
		snprintf(buf, sizeof buf, "%s", e);
		return buf;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			/* ./knead in the tree: build/locale beside it. */
			snprintf(buf, sizeof buf, "%s/build/locale", exe);
			if (stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode))
				return buf;
			/* build/test/knead, build/asan/knead. */
			snprintf(buf, sizeof buf, "%s/../locale", exe);
			if (strstr(exe, "/build") != NULL &&
			    stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode))
				return buf;
		}
	}
	snprintf(buf, sizeof buf, "%s", KNEAD_LOCALEDIR);
	return buf;
}

/* Set the locale and bind the text domain (see i18n.h). */
void
i18n_init(void)
{
	/*
	 * Only the categories knead uses: the characters (ncurses, widths)
	 * and the messages. Each category is a file to open under some
	 * locales (C.UTF-8: 0.3 ms of `status --line`). LC_NUMERIC stays
	 * "C": printf's %f and strtod in every machine format stay "1.5".
	 * LC_TIME stays "C" too: day and month names come from the
	 * catalogues (dates.c), in the screen's language whether or not its
	 * locale is installed.
	 */
	setlocale(LC_CTYPE, "");
	/*
	 * No catalogue can apply: every message stays English and the
	 * messages' locale, a file or two to open, is left alone (about
	 * 0.1 ms of every first frame). The voice reads its catalogues
	 * itself (i18n_in), whatever this says.
	 */
	if (!i18n_may_translate()) {
		/* A no-op at start; again, the environment's "C" (tests). */
		setlocale(LC_MESSAGES, "C");
		return;
	}
	setlocale(LC_MESSAGES, "");
	bindtextdomain(KNEAD_DOMAIN, i18n_dir());
	bind_textdomain_codeset(KNEAD_DOMAIN, "UTF-8");
	textdomain(KNEAD_DOMAIN);
}

/* A count in words (see i18n.h). */
const char *
i18n_count(const char *fmt, size_t n, char *buf, size_t len)
{
	snprintf(buf, len, fmt, n);
	return buf;
}

static int	i18n_subtag(const char *, char[3]);

/*
 * Whether gettext could translate anything for this environment: some
 * entry of LANGUAGE (a list: "de:fr"), LC_ALL, LC_MESSAGES or LANG names a
 * language with a catalogue (KNEAD_LINGUAS). Conservative: glibc would
 * ignore LANGUAGE under a "C" locale, and this still says yes then; it
 * says no only when every message would stay English, so that a caller
 * may leave the locale alone (status --line from the front: 0.3-0.4 ms).
 */
int
i18n_may_translate(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES",
	    "LANG" };
	char		 code[3], entry[16], want[5];
	char		 langs[sizeof KNEAD_LINGUAS + 2];
	const char	*v;
	size_t		 i, n;

	snprintf(langs, sizeof langs, " %s ", KNEAD_LINGUAS);
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		if ((v = getenv(vars[i])) == NULL)
			continue;
		for (;; v += n + 1) {
			n = strcspn(v, ":");
			snprintf(entry, sizeof entry, "%.*s", (int)n, v);
			if (i18n_subtag(entry, code) == 0) {
				snprintf(want, sizeof want, " %s ", code);
				if (strstr(langs, want) != NULL)
					return 1;
			}
			if (v[n] == '\0')
				break;
		}
	}
	return 0;
}

/* pgettext without gettext.h's macro: the key is "ctx\004msgid". */
const char *
i18n_pgettext(const char *key, const char *msgid)
{
	const char	*t = dgettext(KNEAD_DOMAIN, key);

	return t == key ? msgid : t;
}

/* The screen's language: the "Language:" of the catalogue gettext uses. */
void
i18n_screen_lang(char out[3])
{
	static const char	 header[] = "";	/* not for xgettext */
	const char		*h = gettext(header), *l;

	memcpy(out, "en", 3);
	if (h == NULL || h[0] == '\0' ||
	    (l = strstr(h, "\nLanguage: ")) == NULL)
		return;
	l += strlen("\nLanguage: ");
	if (isalpha((unsigned char)l[0]) && isalpha((unsigned char)l[1])) {
		out[0] = (char)tolower((unsigned char)l[0]);
		out[1] = (char)tolower((unsigned char)l[1]);
		out[2] = '\0';
	}
}

/* Every language with a catalogue, "en" first. */
const char *const *
i18n_langs(void)
{
	static const char	*list[I18N_MAXLANG + 1];
	static char		 names[sizeof KNEAD_LINGUAS];
	static int		 done;
	char			*p, *last;
	size_t			 n = 0;

	while (__atomic_test_and_set(&i18n_lock, __ATOMIC_ACQUIRE))
		;
	if (!done) {
		done = 1;
		list[n++] = "en";
		snprintf(names, sizeof names, "%s", KNEAD_LINGUAS);
		for (p = strtok_r(names, " ", &last); p != NULL &&
		    n < I18N_MAXLANG; p = strtok_r(NULL, " ", &last))
			list[n++] = p;
		list[n] = NULL;
	}
	__atomic_clear(&i18n_lock, __ATOMIC_RELEASE);
	return list;
}

/* lang's primary subtag in lower case ("fr" of "FR_be.UTF-8"), or -1. */
static int
i18n_subtag(const char *lang, char out[3])
{
	if (lang == NULL || !isalpha((unsigned char)lang[0]) ||
	    !isalpha((unsigned char)lang[1]))
		return -1;
	if (lang[2] != '\0' && lang[2] != '-' && lang[2] != '_' &&
	    lang[2] != '.' && lang[2] != '@')
		return -1;
	out[0] = (char)tolower((unsigned char)lang[0]);
	out[1] = (char)tolower((unsigned char)lang[1]);
	out[2] = '\0';
	return 0;
}

static uint32_t
mo_u32(const struct mo *m, size_t off)
{
	uint32_t	v;

	memcpy(&v, m->data + off, sizeof v);
	return m->swap ? __builtin_bswap32(v) : v;
}

/* The string of table entry i (a NUL-terminated run inside the file). */
static const char *
mo_str(const struct mo *m, uint32_t table, uint32_t i)
{
	uint32_t	len, off;

	len = mo_u32(m, table + 8 * (size_t)i);
	off = mo_u32(m, table + 8 * (size_t)i + 4);
	if ((size_t)off + len >= m->size || m->data[off + len] != '\0')
		return NULL;
	return (const char *)m->data + off;
}

/* Read dir/lang/LC_MESSAGES/knead.mo into m; -1 when unusable. */
static int
mo_load(struct mo *m)
{
	char		 path[PATH_MAX];
	FILE		*fp;
	struct stat	 sb;
	uint32_t	 magic;

	snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", i18n_dir(),
	    m->lang, KNEAD_DOMAIN);
	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	if (fstat(fileno(fp), &sb) != 0 || sb.st_size < 28 ||
	    (size_t)sb.st_size > MO_MAX ||
	    (m->data = malloc((size_t)sb.st_size)) == NULL) {
		fclose(fp);
		return -1;
	}
	m->size = (size_t)sb.st_size;
	if (fread(m->data, 1, m->size, fp) != m->size)
		goto bad;
	fclose(fp);
	fp = NULL;
	memcpy(&magic, m->data, sizeof magic);
	if (magic != MO_MAGIC && magic != MO_SWAPPED)
		goto bad;
	m->swap = magic == MO_SWAPPED;
	m->n = mo_u32(m, 8);
	m->orig = mo_u32(m, 12);
	m->trans = mo_u32(m, 16);
	if ((uint64_t)m->orig + 8ull * m->n > m->size ||
	    (uint64_t)m->trans + 8ull * m->n > m->size)
		goto bad;
	return 0;
bad:
	if (fp != NULL)
		fclose(fp);
	free(m->data);
	m->data = NULL;
	m->n = 0;
	return -1;
}

/* The catalogue of language code (two letters), loaded once; or NULL. */
static struct mo *
mo_get(const char *code)
{
	const char *const	*l;
	struct mo		*m = NULL;
	size_t			 i;

	for (l = i18n_langs() + 1; *l != NULL; l++)
		if (strcmp(*l, code) == 0)
			break;
	if (*l == NULL)
		return NULL;
	while (__atomic_test_and_set(&i18n_lock, __ATOMIC_ACQUIRE))
		;
	for (i = 0; i < i18n_nmo; i++)
		if (strcmp(i18n_mo[i].lang, code) == 0)
			m = &i18n_mo[i];
	if (m == NULL && i18n_nmo < nitems(i18n_mo)) {
		m = &i18n_mo[i18n_nmo++];
		snprintf(m->lang, sizeof m->lang, "%s", code);
	}
	if (m != NULL && !m->tried) {
		m->tried = 1;
		(void)mo_load(m);
	}
	__atomic_clear(&i18n_lock, __ATOMIC_RELEASE);
	return m != NULL && m->data != NULL ? m : NULL;
}

/* Whether knead speaks lang (see i18n.h). */
int
i18n_has(const char *lang, char out[3])
{
	char	code[3];

	if (i18n_subtag(lang, code) != 0)
		return 0;
	if (strcmp(code, "en") != 0 && mo_get(code) == NULL)
		return 0;
	memcpy(out, code, 3);
	return 1;
}

/* Binary search of the sorted originals for key. */
static const char *
mo_find(const struct mo *m, const char *key)
{
	uint32_t	 lo = 0, hi = m->n, mid;
	const char	*s, *t;
	int		 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((s = mo_str(m, m->orig, mid)) == NULL)
			return NULL;
		if ((c = strcmp(key, s)) == 0) {
			t = mo_str(m, m->trans, mid);
			return t != NULL && *t != '\0' ? t : NULL;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* msgid in one named language, or NULL (see i18n.h). */
const char *
i18n_find(const char *lang, const char *ctx, const char *msgid)
{
	char		 code[3], key[1024];
	struct mo	*m;

	/* "" is the catalogue's header, not a message. */
	if (msgid == NULL || *msgid == '\0' || i18n_subtag(lang, code) != 0 ||
	    strcmp(code, "en") == 0 || (m = mo_get(code)) == NULL)
		return NULL;
	if (ctx == NULL)
		return mo_find(m, msgid);
	if ((size_t)snprintf(key, sizeof key, "%s\004%s", ctx, msgid) >=
	    sizeof key)
		return NULL;
	return mo_find(m, key);
}

/* msgid in one named language (see i18n.h). */
const char *
i18n_in(const char *lang, const char *ctx, const char *msgid)
{
	const char	*t = i18n_find(lang, ctx, msgid);

	return t != NULL ? t : msgid;
}

/* msgid for the screen (lang NULL) or in lang (see i18n.h). */
const char *
i18n_for(const char *lang, const char *msgid)
{
	return lang == NULL ? gettext(msgid) : i18n_in(lang, NULL, msgid);
}
