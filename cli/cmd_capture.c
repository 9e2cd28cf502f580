// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vtdcert capture [--root SRC] [--force] DIR: snapshot what the suites
 * read into a new directory, with a manifest (platform/manifest.h): every
 * part of the environment is loaded while the source records, so the
 * snapshot holds exactly what the loaders read. --force replaces a
 * snapshot vtdcert wrote, and nothing else.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "../framework/env.h"
#include "../platform/capture.h"
#include "../platform/snapshot_layout.h"

enum { OPT_FORCE = OPT_FIRST_OWN };

static const struct option long_opts[] = {
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ NULL, 0, NULL, 0 },
};

#define USAGE "usage: vtdcert capture [--root SRC] [--force] DIR"

/*
 * Every loader of the environment, over the recording source; a part a
 * snapshot cannot do without that the source had but could not give
 * fails the capture.
 */
static size_t load_everything(void *arg, struct vt_platform *src)
{
	struct vt_env env;
	size_t failed = 0;
	unsigned i;

	(void)arg;
	vt_env_init(&env, src);
	vt_env_load_all(&env);
	for (i = 0; i < VT_ENV_PART_COUNT; i++)
		if (vt_env_part(i)->required && env.part[i].unreadable) {
			fprintf(stderr, "vtdcert capture: required input unreadable: %s: %s\n",
				vt_env_part_name(i), vt_env_why(&env, i));
			failed++;
		}
	vt_env_free(&env);
	return failed;
}

int cmd_capture(int argc, char **argv)
{
	static const struct capture_loader loader = { NULL, load_everything };
	const char *root = NULL;
	struct capture_stats st;
	struct vt_platform *p;
	bool force = false;
	char err[512];
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (c == OPT_ROOT)
			root = optarg;
		else if (c == OPT_FORCE)
			force = true;
		else
			return usage_error("capture", USAGE);
	}
	if (optind != argc - 1)
		return usage_error("capture", USAGE);
	p = vt_platform_open(root, err, sizeof(err));
	if (!p)
		return usage_error("capture", "%s", err);
	rc = vt_capture(p, argv[optind], force, &loader, &st);
	vt_platform_close(p);
	if (rc && st.required_failed)
		fprintf(stderr, "vtdcert capture: %zu required inputs could not be read: nothing "
			"kept, %s left as it was\n", st.required_failed, argv[optind]);
	if (rc)
		return EXIT_USAGE;
	fprintf(stderr, "vtdcert capture: %s: %zu files, %zu links; %zu items absent on "
		"the source, %zu unreadable (all listed in %s)\n", argv[optind], st.files,
		st.links, st.absent, st.unreadable, SNAPSHOT_MANIFEST);
	return EXIT_CLEAN;
}
