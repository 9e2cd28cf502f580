// SPDX-License-Identifier: GPL-2.0-or-later
/* vtdcert capture [--root SRC] DIR: take a snapshot of what the suites read. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "../platform/capture.h"

static const struct option long_opts[] = {
	{ "root", required_argument, NULL, OPT_ROOT },
	{ NULL, 0, NULL, 0 },
};

int cmd_capture(int argc, char **argv)
{
	const char *root = NULL;
	struct capture_stats st;
	struct vt_platform *p;
	char err[512];
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (c != OPT_ROOT)
			return usage_error("capture", "usage: vtdcert capture [--root SRC] DIR");
		root = optarg;
	}
	if (optind != argc - 1)
		return usage_error("capture", "usage: vtdcert capture [--root SRC] DIR");
	p = vt_platform_open(root, err, sizeof(err));
	if (!p)
		return usage_error("capture", "%s", err);
	rc = vt_capture(p, argv[optind], &st);
	vt_platform_close(p);
	if (rc)
		return EXIT_USAGE;
	fprintf(stderr, "vtdcert capture: %s: %zu files, %zu links (%zu optional "
		"items absent, %zu failed)\n", argv[optind], st.files, st.links,
		st.missing, st.failed);
	return st.failed ? EXIT_FAILED : EXIT_CLEAN;
}
