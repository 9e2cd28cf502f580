/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VTDCERT_CLI_H
#define VTDCERT_CLI_H

#include <stdbool.h>

#include "../platform/platform.h"
#include "../results/results.h"

/* Exit codes, the same for every command. */
#define EXIT_CLEAN   0   /* nothing failed */
#define EXIT_FAILED  1   /* a check failed */
#define EXIT_USAGE   2   /* usage error, unreadable or non-DMAR input */

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

/* Where results go: --json OUT, --junit OUT (OUT may be "-"), --quiet. */
struct report_opts {
	const char *json;
	const char *junit;
	bool quiet;
};

/* getopt_long values of the report options every results command takes. */
enum { OPT_JSON = 0x100, OPT_JUNIT, OPT_QUIET, OPT_ROOT, OPT_FIRST_OWN };
#define REPORT_LONG_OPTS \
	{ "json", required_argument, NULL, OPT_JSON }, \
	{ "junit", required_argument, NULL, OPT_JUNIT }, \
	{ "quiet", no_argument, NULL, OPT_QUIET }, \
	{ "root", required_argument, NULL, OPT_ROOT }
/*
 * Take one parsed report option (--json, --junit, --quiet, --root) into
 * @ro or @root; false when @c is not one of them.
 */
bool take_report_opt(int c, const char *arg, struct report_opts *ro,
		     const char **root);
/* Usage errors common to results commands; 0 when the options fit. */
int check_report_opts(const char *cmd, const struct report_opts *ro);

/* Write the results as asked; the summary goes to stderr if stdout is taken. */
int write_reports(const struct vt_results *rs, const struct report_opts *o);
/* EXIT_FAILED when any result failed or errored, else EXIT_CLEAN. */
int results_exit_code(const struct vt_results *rs);
/* Fill the system identity (DMI, kernel) from the platform. */
void collect_system(struct vt_platform *p, struct vt_results *rs);

int usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

int cmd_decode(int argc, char **argv);
int cmd_dmar(int argc, char **argv);
int cmd_checks(int argc, char **argv);
int cmd_capture(int argc, char **argv);
int cmd_run(int argc, char **argv);

#endif
