// SPDX-License-Identifier: GPL-2.0-or-later
/* The groups suite: its checks, and the prepare that predicts the groups once. */
#include <stdlib.h>

#include "groups_suite.h"
#include "../../util/xalloc.h"

static const struct vt_check *const groups_checks[] = {
	&groups_iommu_on, &groups_kernel_matches, &groups_isolation,
	&groups_acs_override, &groups_rmrr_locked, &groups_default_domain, &groups_acs_enabled,
	NULL,
};

static const char *groups_dir(struct vt_env *env)
{
	(void)env;
	return "/sys/kernel/iommu_groups";
}

/*
 * Without a PCI model there is nothing to predict: the checks that need
 * one skip with its reason, the others run. Anything else that stops the
 * prediction is an error of every check.
 */
static enum vt_status groups_prepare(struct vt_ctx *ctx)
{
	struct groups_view *v;
	char why[512];

	if (!vt_env_has(ctx->env, VT_ENV_PCI))
		return VT_PASS;
	v = xcalloc(1, sizeof(*v));
	if (groups_view_build(ctx->env, v, why, sizeof(why))) {
		free(v);
		vt_ctx_why(ctx, "the groups could not be predicted: %s", why);
		return VT_ERROR;
	}
	ctx->state = v;
	return VT_PASS;
}

static void groups_release(struct vt_ctx *ctx)
{
	struct groups_view *v = ctx->state;

	if (!v)
		return;
	groups_view_free(v);
	free(v);
	ctx->state = NULL;
}

const struct vt_suite groups_suite = {
	.name = "groups",
	.help = "IOMMU groups: which devices can be assigned alone, predicted from "
		"ACS, bridges and quirks, against the kernel's groups",
	.checks = groups_checks,
	.subject = groups_dir,
	.prepare = groups_prepare,
	.release = groups_release,
};
