// SPDX-License-Identifier: GPL-2.0-or-later
/* The groups suite: its checks, and the prepare that predicts the groups once. */
#include <stdlib.h>

#include "groups_suite.h"
#include "../../util/xalloc.h"

static const struct vt_check *const groups_check_tables[] = {
	groups_checks, groups_warning_checks, NULL,
};

static enum vt_status groups_prepare(struct vt_ctx *ctx)
{
	struct groups_view *v = xcalloc(1, sizeof(*v));
	char why[512];

	ctx->subject = "/sys/kernel/iommu_groups";
	/* Without a PCI model the checks that need one skip; the others run. */
	if (groups_view_build(ctx->env, v, why, sizeof(why))) {
		free(v);
		return VT_PASS;
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

char *groups_fn_subject(const struct groups_view *v, long i)
{
	char name[16];

	return xasprintf("/sys/bus/pci/devices/%s", pci_fn_name(&v->m->fns[i], name,
								 sizeof(name)));
}

void groups_ev_kernel(struct vt_result *r, const struct groups_view *v)
{
	vt_ev_str(r, "kernel", v && v->kernel[0] ? v->kernel : "unknown");
}

const struct vt_suite groups_suite = {
	.name = "groups",
	.help = "IOMMU groups: which devices can be assigned alone, predicted from "
		"ACS, bridges and quirks, against the kernel's groups",
	.checks = groups_check_tables,
	.prepare = groups_prepare,
	.release = groups_release,
};
