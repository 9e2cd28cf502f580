// SPDX-License-Identifier: GPL-2.0-or-later
/* The dma suite: its checks, and the prepare that runs the experiments once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dma_suite.h"
#include "../drivers/edu.h"
#include "../../ref/dmar_scope.h"
#include "../../util/xalloc.h"

const struct vt_check *const dma_suite_checks[] = {
	&dma_assign, &dma_mapped_read, &dma_mapped_write, &dma_unmapped_write,
	&dma_readonly_write, &dma_writeonly_read, &dma_unmap_write, &dma_restored, NULL,
};

static const char *dma_subject(struct vt_env *env)
{
	(void)env;
	return "/dev/vfio";
}

/* The unit that translates @f: its DRHD's, as Linux finds it. */
static const struct iommu_unit *unit_of(struct vt_env *env, const struct pci_fn *f)
{
	long drhd;
	size_t i;

	if (!vt_env_has(env, VT_ENV_DMAR) || !vt_env_has(env, VT_ENV_UNITS))
		return NULL;
	drhd = dmar_drhd_for_device(&env->table, &env->pci, f);
	for (i = 0; drhd >= 0 && i < env->nunits; i++)
		if (env->units[i].drhd == drhd)
			return &env->units[i];
	return NULL;
}

static enum vt_status dma_prepare(struct vt_ctx *ctx)
{
	struct vt_env *env = ctx->env;
	struct dma_state *st = xcalloc(1, sizeof(*st));
	struct dma_device_run *r;
	size_t i;

	vt_env_load(env, VT_ENV_DMAR);
	vt_env_load(env, VT_ENV_UNITS);
	for (i = 0; i < env->pci.n; i++) {
		const struct pci_fn *f = &env->pci.fns[i];

		if (f->vendor != EDU_VENDOR || f->device != EDU_DEVICE)
			continue;
		st->runs = xgrow(st->runs, st->n + 1, sizeof(*st->runs));
		r = &st->runs[st->n++];
		memset(r, 0, sizeof(*r));
		r->fn = f;
		snprintf(r->bdf, sizeof(r->bdf), "%04x:%02x:%02x.%x", f->segment, f->bus, f->dev, f->fn);
		r->source_id = (uint16_t)(f->bus << 8 | f->dev << 3 | f->fn);
		r->unit = unit_of(env, f);
	}
	ctx->state = st;
	/* One device at a time: members of one group cannot be in two containers. */
	for (i = 0; i < st->n; i++)
		dma_experiment(ctx->pt, &st->runs[i]);
	return VT_PASS;
}

static void dma_release(struct vt_ctx *ctx)
{
	struct dma_state *st = ctx->state;

	if (!st)
		return;
	free(st->runs);
	free(st);
	ctx->state = NULL;
}

const struct vt_suite dma_suite = {
	.name = "dma",
	.help = "DMA under a real assignment (vfio-pci): mapped, unmapped, read-only and "
		"write-only IOVAs against the reference translation (--active)",
	.needs = VT_NEED_ACTIVE | VT_NEED_ROOT | VT_NEED_VFIO | VT_NEED_IOMMU_ON | VT_NEED_PCI,
	.checks = dma_suite_checks,
	.subject = dma_subject,
	.prepare = dma_prepare,
	.release = dma_release,
};
