// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vtdcert run: every suite (or those named) on the live system or a
 * snapshot, in one results document. Without --active nothing on the
 * machine changes; no suite has an active part yet, so --active is recorded
 * and otherwise changes nothing.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../suites/registry.h"

enum { OPT_SUITE = OPT_FIRST_OWN, OPT_ACTIVE };

static const struct option long_opts[] = {
	REPORT_LONG_OPTS,
	{ "suite", required_argument, NULL, OPT_SUITE },
	{ "active", no_argument, NULL, OPT_ACTIVE },
	{ NULL, 0, NULL, 0 },
};

#define MAX_SUITES 16

int cmd_run(int argc, char **argv)
{
	const struct vt_suite *chosen[MAX_SUITES];
	struct report_opts ro = { 0 };
	const char *root = NULL;
	struct vt_results rs;
	struct vt_platform *p;
	size_t nchosen = 0, i, bad = 0;
	bool active = false;
	char err[512];
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (take_report_opt(c, optarg, &ro, &root))
			continue;
		switch (c) {
		case OPT_ACTIVE:
			active = true;
			break;
		case OPT_SUITE:
			if (nchosen == MAX_SUITES)
				return usage_error("run", "too many --suite");
			chosen[nchosen] = vt_find_suite(optarg);
			if (!chosen[nchosen])
				return usage_error("run", "no suite '%s' (see vtdcert checks)",
						   optarg);
			nchosen++;
			break;
		default:
			return usage_error("run", "usage: vtdcert run [--root DIR] "
					   "[--suite NAME]... [--active] [--json OUT] "
					   "[--junit OUT] [--quiet]");
		}
	}
	if (optind != argc)
		return usage_error("run", "unexpected argument '%s'", argv[optind]);
	if (check_report_opts("run", &ro))
		return EXIT_USAGE;
	if (active && root)
		return usage_error("run", "--active acts on the live system, not a snapshot");
	if (!nchosen)
		for (i = 0; vt_suites[i] && nchosen < MAX_SUITES; i++)
			chosen[nchosen++] = vt_suites[i];

	p = vt_platform_open(root, err, sizeof(err));
	if (!p)
		return usage_error("run", "%s", err);
	vt_results_init(&rs, p->m->name, p->root);
	rs.active = active;
	collect_system(p, &rs);
	for (i = 0; i < nchosen; i++)
		bad += chosen[i]->run(&rs, p);
	vt_platform_close(p);
	rc = write_reports(&rs, &ro) ? EXIT_USAGE :
	     bad ? EXIT_USAGE : results_exit_code(&rs);
	vt_results_free(&rs);
	return rc;
}
