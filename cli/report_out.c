// SPDX-License-Identifier: GPL-2.0-or-later
/* Writing a results document where the user asked, and the exit code. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../util/atomic_file.h"

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vtdcert %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(vtdcert %s --help: its options)\n", cmd);
	return EXIT_USAGE;
}

bool take_report_opt(int c, const char *arg, struct report_opts *ro,
		     const char **root)
{
	switch (c) {
	case OPT_JSON:
		ro->json = arg;
		return true;
	case OPT_JUNIT:
		ro->junit = arg;
		return true;
	case OPT_QUIET:
		ro->quiet = true;
		return true;
	case OPT_VERBOSE:
		ro->verbose = true;
		return true;
	case OPT_ROOT:
		*root = arg;
		return true;
	}
	return false;
}

int check_report_opts(const char *cmd, const struct report_opts *ro)
{
	if (ro->quiet && ro->verbose)
		return usage_error(cmd, "--quiet and --verbose cannot both be given");
	if (ro->json && ro->junit && !strcmp(ro->json, "-") && !strcmp(ro->junit, "-"))
		return usage_error(cmd, "--json and --junit cannot both be '-'");
	if (ro->json && ro->junit && strcmp(ro->json, "-") && !strcmp(ro->json, ro->junit))
		return usage_error(cmd, "--json and --junit name the same file");
	return 0;
}

static bool want_colour(FILE *f)
{
	const char *term = getenv("TERM");

	return isatty(fileno(f)) && !getenv("NO_COLOR") && term && strcmp(term, "dumb");
}

/* Why @out was not written, as atomic_file said it. */
static void not_written(const char *out, const char *what, const struct atomic_file *a,
			int err, const char *after)
{
	if (err == EEXIST && a->why[0])
		fprintf(stderr, "vtdcert: %s: exists and is not a vtdcert %s document (%s): "
			"not replaced\n", out, what, a->why);
	else
		fprintf(stderr, "vtdcert: %s: %s%s\n", out, a->why[0] ? a->why : strerror(err),
			after);
}

/*
 * One document to @out: "-" is @std, checked for errors (a full disk, a
 * closed pipe); a file is written beside and renamed over, and only when
 * it is absent, empty or starts with @starts. @write gets a stream and
 * whether to colour; 0 or -1 with errno.
 */
int write_output(const char *out, FILE *std, const char *what, const char *starts,
		 int (*write)(void *arg, FILE *f, bool colour), void *arg)
{
	struct atomic_file a;
	int err;

	if (!strcmp(out, "-")) {
		errno = 0;
		if (write(arg, std, want_colour(std)) || fflush(std) || ferror(std)) {
			err = errno ? errno : EIO;
			fprintf(stderr, "vtdcert: %s to standard %s: write failed: %s\n", what,
				std == stdout ? "output" : "error", strerror(err));
			return -1;
		}
		return 0;
	}
	if (atomic_file_open(&a, out, starts)) {
		not_written(out, what, &a, errno, "");
		return -1;
	}
	errno = 0;
	if (write(arg, a.f, false)) {
		err = errno ? errno : EIO;
		atomic_file_abort(&a);
		fprintf(stderr, "vtdcert: %s: cannot write %s: %s (the previous file, if any, "
			"is left as it was)\n", out, what, strerror(err));
		return -1;
	}
	if (atomic_file_commit(&a)) {
		err = errno;
		if (a.why[0])
			not_written(out, what, &a, err, "");
		else
			fprintf(stderr, "vtdcert: %s: write failed: %s (the previous file, if any, "
				"is left as it was)\n", out, strerror(err));
		return -1;
	}
	return 0;
}

static int json_writer(void *rs, FILE *f, bool colour)
{
	(void)colour;
	return vt_write_json(rs, f);
}

static int junit_writer(void *rs, FILE *f, bool colour)
{
	(void)colour;
	return vt_write_junit(rs, f);
}

struct summary_arg {
	const struct vt_results *rs;
	enum vt_summary_mode mode;
};

static int summary_writer(void *arg, FILE *f, bool colour)
{
	const struct summary_arg *a = arg;

	return vt_write_summary(a->rs, f, colour, a->mode);
}

int write_reports(const struct vt_results *rs, const struct report_opts *o)
{
	bool stdout_taken = (o->json && !strcmp(o->json, "-")) ||
			    (o->junit && !strcmp(o->junit, "-"));
	struct summary_arg summary = { rs, o->quiet ? VT_SUMMARY_QUIET : o->verbose ?
				       VT_SUMMARY_VERBOSE : VT_SUMMARY_NORMAL };
	void *arg = (void *)rs;
	int rc = 0;

	if (o->json && write_output(o->json, stdout, "JSON results", VT_JSON_STARTS, json_writer,
				    arg))
		rc = -1;
	if (o->junit && write_output(o->junit, stdout, "JUnit XML", VT_JUNIT_STARTS,
				     junit_writer, arg))
		rc = -1;
	if (write_output("-", stdout_taken ? stderr : stdout, "summary", NULL, summary_writer,
			 &summary))
		rc = -1;
	return rc;
}

int results_exit_code(const struct vt_results *rs)
{
	if (rs->bad_inputs)
		return EXIT_USAGE;
	return rs->count[VT_FAIL] || rs->count[VT_ERROR] ? EXIT_FAILED : EXIT_CLEAN;
}

int write_view(const char *json, const char *what, const char *starts,
	       int (*write_json)(void *arg, FILE *f, bool colour),
	       int (*write_table)(void *arg, FILE *f, bool colour), void *arg)
{
	int rc = 0;

	if (json && write_output(json, stdout, what, starts, write_json, arg))
		rc = EXIT_USAGE;
	if ((!json || strcmp(json, "-")) && write_output("-", stdout, "table", NULL, write_table, arg))
		rc = EXIT_USAGE;
	return rc;
}
