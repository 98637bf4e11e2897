/*
 * A routine file's YAML as a small node tree, every guard applied while
 * libyaml's events arrive (the loader's first pass; routine_yaml.c walks the
 * tree). Only yaml_tree.c includes yaml.h.
 *
 * Guards: the bytes must be UTF-8 (a UTF-16 or UTF-32 file is refused by
 * name; a UTF-8 byte order mark is skipped); nesting deeper than
 * ROUTINE_MAX_DEPTH stops the parse at once; aliases are shared, not copied,
 * and counted against an expansion budget of ROUTINE_MAX_NODES nodes and
 * YAML_TREE_MAX_EXPANDED_BYTES bytes; invalid UTF-8, control characters,
 * escape sequences, bidirectional controls and line or paragraph
 * separators in a scalar are errors (the node is marked bad), never
 * stripped; tags are refused.
 */
#ifndef KNEAD_YAML_TREE_H
#define KNEAD_YAML_TREE_H

#include <stddef.h>

#include "compat.h"
#include "routine.h"
#include "routine_yaml.h"

struct diag_list;

#define YAML_TREE_MAX_EXPANDED_BYTES	(4 * 1024 * 1024)

enum ynode_type {
	YN_SCALAR,
	YN_SEQ,
	YN_MAP
};

struct ynode {
	enum ynode_type	 type;
	unsigned	 line;		/* 1-based */
	unsigned	 col;
	char		*val;		/* scalar value, NUL-terminated */
	size_t		 len;
	int		 plain;		/* plain (unquoted) scalar */
	int		 block;		/* literal or folded block scalar */
	int		 bad;		/* scalar text failed a guard */
	struct ynode	**kids;		/* seq: items; map: key, value pairs */
	size_t		 nkids;
	size_t		 capkids;
	char		*anchor;
	int		 open;		/* container still being parsed */
	size_t		 size;		/* nodes, aliases expanded */
	size_t		 bytes;		/* scalar bytes, aliases expanded */
	struct ynode	*next;		/* arena list */
};

/* The tree and where its problems go; the schema walk reports through it. */
struct yaml_tree {
	const char	*path;
	struct diag_list *dl;
	struct ynode	*arena;
	struct ynode	*root;
	struct ynode	*stack[ROUTINE_MAX_DEPTH + 1];
	int		 depth;
	size_t		 expanded;
	size_t		 expanded_bytes;
	int		 fatal;		/* stop: the tree is not usable */
	size_t		 aliases;	/* alias events seen */
};

/*
 * Run libyaml over buf into t (zeroed, with path and dl set). Returns 0
 * when the whole document was read; -1 otherwise, with the problem in
 * t->dl and t->fatal set when what was built must not be used.
 */
int		 yaml_tree_build(struct yaml_tree *t, const char *buf,
		    size_t len);
/* Free every node. */
void		 yaml_tree_free(struct yaml_tree *t);

/* Report an error at a 1-based position of t's file. */
void		 yaml_tree_err(struct yaml_tree *t, unsigned line,
		    unsigned col, const char *fmt, ...) printflike(4, 5);
/* The same at node n's position. */
void		 ynode_err(struct yaml_tree *t, const struct ynode *n,
		    const char *fmt, ...) printflike(3, 4);

/* A node's position, its kind for type errors ("a mapping", "a list",
   "a value", "an empty value") and a mapping's value for key (the first). */
struct src_pos	 ynode_pos(const struct ynode *n);
const char	*ynode_what(const struct ynode *n);
const struct ynode *ynode_get(const struct ynode *map, const char *key);

#endif
