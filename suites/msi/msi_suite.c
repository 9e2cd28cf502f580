// SPDX-License-Identifier: GPL-2.0-or-later
/* The msi suite: its checks, and the prepare that reads every function once. */
#include <stdlib.h>

#include "msi_suite.h"
#include "msi_active.h"
#include "../../util/xalloc.h"

static const struct vt_check *const msi_checks[] = {
	&msi_capability_valid, &msi_vf_no_intx, &msi_intx_shared, &msi_delivery, NULL,
};

static const char *pci_dir(struct vt_env *env)
{
	(void)env;
	return "/sys/bus/pci/devices";
}

static enum vt_status msi_prepare(struct vt_ctx *ctx)
{
	struct msi_view *v;

	if (!vt_env_has(ctx->env, VT_ENV_PCI))
		return VT_PASS;     /* every check needs the model: each skips with its reason */
	v = xcalloc(1, sizeof(*v));
	msi_view_build(v, ctx->env, true);
	ctx->state = v;
	return VT_PASS;
}

static void msi_release(struct vt_ctx *ctx)
{
	struct msi_view *v = ctx->state;

	if (!v)
		return;
	msi_view_free(v);
	free(v);
	ctx->state = NULL;
}

const struct vt_suite msi_suite = {
	.name = "msi",
	.help = "interrupts and assignment: MSI and MSI-X capabilities a VMM can emulate, "
		"VFs without INTx, INTx lines shared across guests",
	.needs = VT_NEED_PCI,
	.checks = msi_checks,
	.subject = pci_dir,
	.prepare = msi_prepare,
	.release = msi_release,
};
