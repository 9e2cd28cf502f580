// SPDX-License-Identifier: GPL-2.0-or-later
/* The bar suite: its checks, and the prepare that finds every hazard once. */
#include <stdlib.h>

#include "bar_suite.h"
#include "../../util/xalloc.h"

static const struct vt_check *const bar_checks[] = {
	&bar_sub_page, &bar_page_shared, &bar_msix_page, &bar_internal_memory,
	&bar_known_hazard, NULL,
};

static const char *pci_dir(struct vt_env *env)
{
	(void)env;
	return "/sys/bus/pci/devices";
}

static enum vt_status bar_prepare(struct vt_ctx *ctx)
{
	struct bar_view *v;
	char why[512];

	if (!vt_env_has(ctx->env, VT_ENV_PCI))
		return VT_PASS;     /* every check needs the model: each skips with its reason */
	v = xcalloc(1, sizeof(*v));
	if (bar_view_build(v, &ctx->env->pci, ctx->opts ? ctx->opts->hazards : NULL, why,
			   sizeof(why))) {
		free(v);
		vt_ctx_why(ctx, "the BAR hazard database is unusable: %s", why);
		return VT_ERROR;
	}
	ctx->state = v;
	return VT_PASS;
}

static void bar_release(struct vt_ctx *ctx)
{
	struct bar_view *v = ctx->state;

	if (!v)
		return;
	bar_view_free(v);
	free(v);
	ctx->state = NULL;
}

const struct vt_suite bar_suite = {
	.name = "bar",
	.help = "BARs and assignment: sub-page BARs, pages shared between functions, the "
		"MSI-X pages, possible internal-memory BARs, known hazards",
	.needs = VT_NEED_PCI,
	.checks = bar_checks,
	.subject = pci_dir,
	.prepare = bar_prepare,
	.release = bar_release,
};
