// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vtdcert env [--root DIR]: the environment every suite reads, as JSON:
 * what vtdcert saw of the machine, and for each part why it is missing.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct option long_opts[] = {
	{ "root", required_argument, NULL, OPT_ROOT },
	{ NULL, 0, NULL, 0 },
};

int cmd_env(int argc, char **argv)
{
	const char *root = NULL;
	struct vt_platform *p;
	struct vt_env env;
	char err[512];
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (c != OPT_ROOT)
			return usage_error("env", "usage: vtdcert env [--root DIR]");
		root = optarg;
	}
	if (optind != argc)
		return usage_error("env", "usage: vtdcert env [--root DIR]");
	p = vt_platform_open(root, err, sizeof(err));
	if (!p)
		return usage_error("env", "%s", err);
	vt_env_init(&env, p);
	errno = 0;
	rc = vt_env_write_json(&env, stdout);
	vt_env_free(&env);
	vt_platform_close(p);
	if (rc)
		return usage_error("env", "standard output: write failed: %s",
				   strerror(errno ? errno : EIO));
	return EXIT_CLEAN;
}
