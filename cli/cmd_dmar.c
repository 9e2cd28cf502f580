// SPDX-License-Identifier: GPL-2.0-or-later
/* vtdcert dmar: the DMAR suite on table files or on the system's table. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../platform/snapshot_layout.h"
#include "../suites/dmar/dmar_suite.h"
#include "../util/xalloc.h"

static const struct option long_opts[] = {
	REPORT_LONG_OPTS,
	{ NULL, 0, NULL, 0 },
};

/* What a table file says nothing of: the running kernel's state came from another table. */
#define NOT_THIS_TABLE "the snapshot's kernel booted with its own DMAR table, not this file"

/*
 * The suite once per file, each with an environment holding that table:
 * alone (the checks that need the machine skip), or beside the PCI tree,
 * memory map, command line and kernel version of the snapshot @p (a new
 * BIOS's table against the machine it is for). What the kernel did with
 * its own table (units, groups, log) does not speak of the file's.
 */
static int run_files(char *const *files, size_t n, struct vt_platform *p,
		     const struct report_opts *ro)
{
	static const struct vt_run_opts opts = { 0 };
	struct vt_results rs;
	size_t i;
	int rc;

	vt_results_init(&rs, "files", p ? p->root : NULL);
	for (i = 0; i < n; i++) {
		struct vt_env env;
		struct vt_blob b;
		char err[512];

		vt_results_add_file(&rs, files[i]);
		vt_env_init(&env, p);
		if (p) {
			vt_env_provide(&env, VT_ENV_UNITS, VT_UNKNOWN, NOT_THIS_TABLE);
			vt_env_provide(&env, VT_ENV_GROUPS, VT_UNKNOWN, NOT_THIS_TABLE);
			vt_env_provide(&env, VT_ENV_KLOG, VT_UNKNOWN, NOT_THIS_TABLE);
		}
		size_t bad = rs.bad_inputs, first = rs.n, k;

		if (vt_read_path(files[i], VT_MAX_ACPI_TABLE, &b, err, sizeof(err))) {
			env.dmar_name = xstrdup(files[i]);
			vt_env_provide(&env, VT_ENV_DMAR, VT_BROKEN, err);
		} else {
			vt_env_set_table(&env, files[i], &b);
		}
		vt_run_suite(&rs, &env, &dmar_suite, &opts);
		for (k = first; rs.bad_inputs != bad && k < rs.n; k++)
			if (rs.v[k].check == &dmar_suite.gate->info)
				fprintf(stderr, "vtdcert dmar: %s: not a DMAR table: %s\n",
					files[i], rs.v[k].message);
		vt_env_free(&env);
	}
	rc = write_reports(&rs, ro) ? EXIT_USAGE : results_exit_code(&rs);
	vt_results_free(&rs);
	return rc;
}

int cmd_dmar(int argc, char **argv)
{
	static const struct vt_suite *const suites[] = { &dmar_suite, NULL };
	static const struct vt_run_opts opts = { 0 };
	struct report_opts ro = { 0 };
	const char *root = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1)
		if (!take_report_opt(c, optarg, &ro, &root))
			return usage_error("dmar", "usage: vtdcert dmar [--root DIR] "
					   "[--json OUT] [--junit OUT] [--quiet|--verbose] [FILE...]");
	if (check_report_opts("dmar", &ro))
		return EXIT_USAGE;
	if (optind < argc && root) {
		char err[512];
		struct vt_platform *p = vt_platform_open(root, err, sizeof(err));

		if (!p)
			return usage_error("dmar", "%s", err);
		c = run_files(argv + optind, (size_t)(argc - optind), p, &ro);
		vt_platform_close(p);
		return c;
	}
	if (optind < argc)
		return run_files(argv + optind, (size_t)(argc - optind), NULL, &ro);
	return run_suites_on_platform("dmar", root, suites, &opts, &ro);
}
