/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VTDCERT_CLI_H
#define VTDCERT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "../framework/suite.h"
#include "../platform/platform.h"
#include "../results/results.h"

/* Exit codes, the same for every command. */
#define EXIT_CLEAN   0   /* nothing failed */
#define EXIT_FAILED  1   /* a check failed */
#define EXIT_USAGE   2   /* usage error, unusable input, or output that could not be written */

struct command {
	const char *name;
	const char *args;
	const char *help;           /* one line */
	const char *options;        /* each option, a line or two each; the exit codes */
	int (*run)(int argc, char **argv);
};

/* Where results go: --json OUT, --junit OUT (OUT may be "-"), --quiet. */
struct report_opts {
	const char *json;
	const char *junit;
	bool quiet;                 /* the summary: failures and errors only */
	bool verbose;               /* the summary: passes and skips listed too */
};

/* getopt_long values of the report options every results command takes. */
enum { OPT_JSON = 0x100, OPT_JUNIT, OPT_QUIET, OPT_VERBOSE, OPT_ROOT, OPT_FIRST_OWN };
#define REPORT_LONG_OPTS \
	{ "json", required_argument, NULL, OPT_JSON }, \
	{ "junit", required_argument, NULL, OPT_JUNIT }, \
	{ "quiet", no_argument, NULL, OPT_QUIET }, \
	{ "verbose", no_argument, NULL, OPT_VERBOSE }, \
	{ "root", required_argument, NULL, OPT_ROOT }
/*
 * Take one parsed report option (--json, --junit, --quiet, --verbose, --root) into
 * @ro or @root; false when @c is not one of them.
 */
bool take_report_opt(int c, const char *arg, struct report_opts *ro,
		     const char **root);
/* Usage errors common to results commands; 0 when the options fit. */
int check_report_opts(const char *cmd, const struct report_opts *ro);

/*
 * Write the results as asked: files replaced whole (a temporary renamed
 * over them), and only a file vtdcert wrote (util/atomic_file.h); "-" to
 * standard output; the summary goes to stderr when stdout is taken. 0, or
 * -1 after saying on stderr what could not be written.
 */
int write_reports(const struct vt_results *rs, const struct report_opts *o);
/*
 * One output as write_reports() writes each (see report_out.c): @what names
 * the document in messages, @starts is how every such document begins (an
 * existing file that does not is refused, not replaced).
 */
int write_output(const char *out, FILE *std, const char *what, const char *starts,
		 int (*write)(void *arg, FILE *f, bool colour), void *arg);
/*
 * A view command's output: the JSON to @json when asked (@what, @starts as
 * write_output()), then the table on stdout unless the JSON went there.
 * 0, or EXIT_USAGE when either could not be written.
 */
int write_view(const char *json, const char *what, const char *starts,
	       int (*write_json)(void *arg, FILE *f, bool colour),
	       int (*write_table)(void *arg, FILE *f, bool colour), void *arg);
/*
 * Open the source of @root (NULL: this machine) and an environment on it
 * whose PCI model loads. 0, or EXIT_USAGE with the reason said for @cmd
 * and nothing left open.
 */
int open_pci_env(const char *cmd, const char *root, struct vt_platform **p, struct vt_env *env);
void close_env(struct vt_platform *p, struct vt_env *env);

/* EXIT_USAGE for bad inputs, else EXIT_FAILED when any result failed or errored. */
int results_exit_code(const struct vt_results *rs);

/*
 * Run @suites (NULL-terminated) on the live system (@root NULL) or the
 * snapshot at @root, write the reports, return the exit code.
 */
int run_suites_on_platform(const char *cmd, const char *root,
			   const struct vt_suite *const *suites,
			   const struct vt_run_opts *opts, const struct report_opts *ro);

int usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct bar_hazards;
/*
 * Read --hazards @path into @db (ref/bar_hazards.h); 0, or -1 after saying
 * on stderr what is wrong (FILE:LINE and what).
 */
int load_hazards(const char *cmd, const char *path, struct bar_hazards *db);

int cmd_decode(int argc, char **argv);
int cmd_dmar(int argc, char **argv);
int cmd_checks(int argc, char **argv);
int cmd_capture(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_env(int argc, char **argv);
int cmd_groups(int argc, char **argv);
int cmd_regs(int argc, char **argv);
int cmd_bar(int argc, char **argv);
int cmd_msi(int argc, char **argv);

#endif
