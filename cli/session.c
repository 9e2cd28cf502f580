// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One run of suites on a machine: open the source, verify a snapshot
 * against its manifest, load the environment as the suites ask for it,
 * run them, write the reports.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "../framework/system.h"
#include "../platform/manifest.h"
#include "../util/xalloc.h"

#define MAX_NOTES_SHOWN 5

/* Record the manifest verdict in the results; tell the user when it matters. */
static void verify_manifest(struct vt_platform *p, struct vt_results *rs)
{
	static const struct {
		const char *label;
		size_t off;
	} lists[] = {
		{ "changed", offsetof(struct vt_manifest_check, changed) },
		{ "removed", offsetof(struct vt_manifest_check, removed) },
		{ "added", offsetof(struct vt_manifest_check, added) },
	};
	const char *bad = vt_snapshot_manifest_error(p);
	struct vt_manifest_check c;
	size_t i, k, shown = 0;

	if (bad) {
		rs->manifest = xstrdup(vt_manifest_status_name(VT_MANIFEST_INVALID));
		vt_results_add_manifest_note(rs, bad);
		fprintf(stderr, "vtdcert: snapshot manifest unusable: %s\n", bad);
		return;
	}
	vt_manifest_verify(p, &c);
	rs->manifest = xstrdup(vt_manifest_status_name(c.status));
	for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		const struct vt_names *n = (const void *)((const char *)&c + lists[k].off);

		for (i = 0; i < n->n; i++) {
			char *note = xasprintf("%s: /%s", lists[k].label, n->v[i]);

			vt_results_add_manifest_note(rs, note);
			if (shown++ < MAX_NOTES_SHOWN)
				fprintf(stderr, "vtdcert: snapshot differs from its manifest: "
					"%s\n", note);
			free(note);
		}
	}
	if (shown > MAX_NOTES_SHOWN)
		fprintf(stderr, "vtdcert: ... and %zu more differences (see the JSON "
			"results)\n", shown - MAX_NOTES_SHOWN);
	vt_manifest_check_free(&c);
}

int run_suites_on_platform(const char *cmd, const char *root,
			   const struct vt_suite *const *suites,
			   const struct vt_run_opts *opts, const struct report_opts *ro)
{
	struct vt_results rs;
	struct vt_platform *p;
	struct vt_env env;
	char err[512];
	size_t i;
	int rc;

	p = vt_platform_open(root, err, sizeof(err));
	if (!p)
		return usage_error(cmd, "%s", err);
	vt_results_init(&rs, p->m->name, root ? root : "/");
	rs.active = opts->active;
	if (root)
		verify_manifest(p, &rs);
	vt_env_init(&env, p);
	vt_describe_system(&env, &rs);
	for (i = 0; suites[i]; i++)
		vt_run_suite(&rs, &env, suites[i], opts);
	vt_record_problems(&env, &rs);
	vt_env_free(&env);
	vt_platform_close(p);
	rc = write_reports(&rs, ro) ? EXIT_USAGE : results_exit_code(&rs);
	vt_results_free(&rs);
	return rc;
}

int open_pci_env(const char *cmd, const char *root, struct vt_platform **p, struct vt_env *env)
{
	char err[512];

	*p = vt_platform_open(root, err, sizeof(err));
	if (!*p)
		return usage_error(cmd, "%s", err);
	vt_env_init(env, *p);
	if (vt_env_has(env, VT_ENV_PCI))
		return 0;
	fprintf(stderr, "vtdcert %s: no PCI devices: %s\n", cmd, vt_env_why(env, VT_ENV_PCI));
	close_env(*p, env);
	return EXIT_USAGE;
}

void close_env(struct vt_platform *p, struct vt_env *env)
{
	vt_env_free(env);
	vt_platform_close(p);
}
