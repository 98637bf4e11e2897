/*
 * The command line: main() calls cli_run(), which dispatches to one
 * cmd_<name>() per command. Each command parses its own options (getopt_long)
 * and returns an exit code from exitcodes.h; none calls exit().
 */
#ifndef KNEAD_CLI_H
#define KNEAD_CLI_H

#include <stddef.h>

struct diag_list;
struct routine;

int	cli_run(int argc, char **argv);
/*
 * The message for getopt_long's '?' (opterr is off for every command):
 * "unknown option 'X'" or "option 'X' needs a value"; returns 64.
 */
int	cli_bad_option(const char *cmd, char *const *argv,
	    const char *optstring);
/* Flush stdout: rc, or KNEAD_EXIT_IOERR when it failed. */
int	cli_output_done(int rc);

/* Print "knead: " and the message to stderr; returns KNEAD_EXIT_USAGE. */
int	cli_usage_error(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * Check a --routines DIR: 0, or KNEAD_EXIT_NOINPUT after saying why
 * ("knead CMD: --routines DIR: not a folder").
 */
int	cli_routines_dir(const char *cmd, const char *dir);
/*
 * --db FILE of command cmd: an empty FILE is a usage error (it fell back
 * to the default store, silently); 0 or KNEAD_EXIT_USAGE, said.
 */
int	cli_db(const char *cmd, const char *file);
/* An option's whole number 0..hi, or -1 (not a number, empty, too big). */
long	cli_num(const char *s, long hi);
/*
 * The checks `knead validate` makes of a loaded routine, and `knead add`
 * the same (cmd_library.c): its voice, then every rule of the format, into
 * dl (warnings too). Returns the errors added. (validate alone then
 * measures the spoken lines with espeak-ng.)
 */
int	cli_check_routine(const struct routine *, struct diag_list *);
/*
 * Print dl as `knead validate` does: in file, line and column order, as
 * "file:line:col: error|warning: message" on standard error.
 */
void	cli_print_diags(struct diag_list *);
/*
 * The routine command cmd names (library_resolve), its diagnostics
 * printed ("knead CMD: no routine ..."); NULL with *exit_code 65 (invalid)
 * or 66 (no such file or id).
 */
struct routine *cli_resolve_routine(const char *cmd, const char *name,
		    const char *extra_dir, int *exit_code);
/*
 * The same, a valid routine's warnings not printed but counted in
 * *warnings (knead run: they are for the routine's author).
 */
struct routine *cli_resolve_quiet(const char *cmd, const char *name,
		    const char *extra_dir, size_t *warnings, int *exit_code);
/*
 * The same for command cmd that takes a library id only (the caller has
 * refused a path): "knead CMD: " before the message, no path offered.
 */
struct routine *cli_resolve_id(const char *cmd, const char *id,
	    const char *extra_dir, int *exit_code);

int	cmd_home(int argc, char **argv);	/* knead (no command) */
int	cmd_run(int argc, char **argv);
int	cmd_list(int argc, char **argv);
int	cmd_show(int argc, char **argv);
int	cmd_validate(int argc, char **argv);
int	cmd_status(int argc, char **argv);
/* knead status --line: one line for a status bar; always exits 0. */
int	cmd_status_line(int argc, char **argv);
int	cmd_history(int argc, char **argv);
int	cmd_import(int argc, char **argv);
int	cmd_report(int argc, char **argv);
int	cmd_render(int argc, char **argv);
int	cmd_sound(int argc, char **argv);
int	cmd_add(int argc, char **argv);
int	cmd_remove(int argc, char **argv);
int	cmd_remind(int argc, char **argv);

#endif
