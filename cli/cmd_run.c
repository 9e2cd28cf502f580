// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vtdcert run: every suite (or those named) on the live system or a
 * snapshot, in one results document. Without --active nothing on the
 * machine changes; checks that would change it skip with that reason.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../ref/bar_hazards.h"
#include "../suites/registry.h"

enum { OPT_SUITE = OPT_FIRST_OWN, OPT_ACTIVE, OPT_TAKE, OPT_HAZARDS };

static const struct option long_opts[] = {
	REPORT_LONG_OPTS,
	{ "suite", required_argument, NULL, OPT_SUITE },
	{ "active", no_argument, NULL, OPT_ACTIVE },
	{ "take", required_argument, NULL, OPT_TAKE },
	{ "hazards", required_argument, NULL, OPT_HAZARDS },
	{ NULL, 0, NULL, 0 },
};

#define MAX_SUITES 16
#define MAX_TAKE   16

int cmd_run(int argc, char **argv)
{
	const struct vt_suite *chosen[MAX_SUITES + 1];
	const char *take[MAX_TAKE];
	struct vt_run_opts opts = { 0 };
	struct report_opts ro = { 0 };
	const char *root = NULL, *hazards = NULL;
	struct bar_hazards db;
	size_t nchosen = 0, i;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (take_report_opt(c, optarg, &ro, &root))
			continue;
		switch (c) {
		case OPT_ACTIVE:
			opts.active = true;
			break;
		case OPT_TAKE:
			if (opts.ntake == MAX_TAKE)
				return usage_error("run", "too many --take");
			take[opts.ntake++] = optarg;
			opts.take = take;
			break;
		case OPT_HAZARDS:
			hazards = optarg;
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
					   "[--suite NAME]... [--active [--take BDF]...] [--hazards FILE] "
					   "[--json OUT] "
					   "[--junit OUT] [--quiet|--verbose]");
		}
	}
	if (optind != argc)
		return usage_error("run", "unexpected argument '%s'", argv[optind]);
	if (check_report_opts("run", &ro))
		return EXIT_USAGE;
	if (opts.ntake && !opts.active)
		return usage_error("run", "--take names a device an --active run may take");
	if (opts.active && root)
		return usage_error("run", "--active acts on the live system, not a snapshot");
	if (!nchosen)
		for (i = 0; vt_suites[i] && nchosen < MAX_SUITES; i++)
			chosen[nchosen++] = vt_suites[i];
	chosen[nchosen] = NULL;
	bar_hazards_init(&db);
	if (hazards && load_hazards("run", hazards, &db)) {
		bar_hazards_free(&db);
		return EXIT_USAGE;
	}
	opts.hazards = &db;
	rc = run_suites_on_platform("run", root, chosen, &opts, &ro);
	bar_hazards_free(&db);
	return rc;
}
