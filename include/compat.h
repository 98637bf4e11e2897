/* Compiler attributes used across knead, in one place. */
#ifndef KNEAD_COMPAT_H
#define KNEAD_COMPAT_H

#define printflike(a, b) __attribute__((format(printf, a, b)))
#define knead_unused __attribute__((unused))
#define knead_noreturn __attribute__((noreturn))

#define nitems(a) (sizeof (a) / sizeof (a)[0])

#endif
