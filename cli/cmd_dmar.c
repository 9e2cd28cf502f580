// SPDX-License-Identifier: GPL-2.0-or-later
/* vtdcert dmar: the DMAR suite on table files or on the system's table. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../suites/dmar/dmar_suite.h"

static const struct option long_opts[] = {
	REPORT_LONG_OPTS,
	{ NULL, 0, NULL, 0 },
};

int cmd_dmar(int argc, char **argv)
{
	struct report_opts ro = { 0 };
	const char *root = NULL;
	struct vt_results rs;
	struct vt_platform *p;
	char err[512];
	size_t bad;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1)
		if (!take_report_opt(c, optarg, &ro, &root))
			return usage_error("dmar", "usage: vtdcert dmar [--root DIR] "
					   "[--json OUT] [--junit OUT] [--quiet] [FILE...]");
	if (check_report_opts("dmar", &ro))
		return EXIT_USAGE;
	if (root && optind < argc)
		return usage_error("dmar", "give FILEs or --root, not both");

	if (optind < argc) {
		vt_results_init(&rs, "files", NULL);
		bad = dmar_run_files(&rs, argv + optind, (size_t)(argc - optind));
	} else {
		p = vt_platform_open(root, err, sizeof(err));
		if (!p)
			return usage_error("dmar", "%s", err);
		vt_results_init(&rs, p->m->name, p->root);
		collect_system(p, &rs);
		bad = dmar_run_platform(&rs, p);
		vt_platform_close(p);
	}
	rc = write_reports(&rs, &ro) ? EXIT_USAGE :
	     bad ? EXIT_USAGE : results_exit_code(&rs);
	vt_results_free(&rs);
	return rc;
}
