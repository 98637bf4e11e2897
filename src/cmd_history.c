/* PLACEHOLDER: replaced by the module owner. */
#include "cli.h"
#include <stdio.h>
#include "exitcodes.h"

int
cmd_status(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "knead: not available yet\n");
	return KNEAD_EXIT_SOFTWARE;
}

int
cmd_history(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "knead: not available yet\n");
	return KNEAD_EXIT_SOFTWARE;
}

int
cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "knead: not available yet\n");
	return KNEAD_EXIT_SOFTWARE;
}
