/*
 * The loader's step reader: one item of a routine's steps list (a mapping
 * with exactly one kind key, in its mapping or its short form) into a
 * struct rstep, the structural problems reported with their positions.
 */
#ifndef KNEAD_ROUTINE_STEP_H
#define KNEAD_ROUTINE_STEP_H

#include "routine.h"
#include "yaml_tree.h"

/* Returns 0 when sn is a step (st filled as far as it could be read), -1
   when it has no kind to read. */
int	routine_read_step(struct yaml_tree *, const struct ynode *sn,
	    struct rstep *st);

#endif
