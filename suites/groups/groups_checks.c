// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The groups themselves: the kernel made some, they are the groups the
 * reference predicts from the hardware, and each device's isolation.
 */
#include <stdlib.h>
#include <string.h>

#include "groups_suite.h"
#include "../../util/xalloc.h"

#define MAX_CAUSES 16

static void check_iommu_on(struct vt_ctx *ctx)
{
	const struct vt_env *env = ctx->env;
	size_t i, devices = 0;

	for (i = 0; i < env->ngroups; i++)
		devices += env->groups[i].devices.n;
	if (env->ngroups)
		vt_pass(ctx, NULL, "the kernel put %zu devices in %zu IOMMU groups", devices,
			env->ngroups);
	else
		vt_fail(ctx, NULL, "no IOMMU groups: the kernel does not translate DMA (no DMAR "
			"table, or the IOMMU disabled), so VFIO can assign no device");
}

const struct vt_check groups_iommu_on = {
	VT_CHECK("groups.iommu-on", VT_SEV_HIGH, VT_NEED_GROUPS,
		 "the kernel made IOMMU groups (it translates DMA)",
		 "Linux drivers/iommu/iommu.c; Documentation/driver-api/vfio.rst"),
	.run = check_iommu_on,
};

/* Why a comparison cannot be made: a member's config space is short, or not in the model. */
static bool cannot_predict(struct vt_ctx *ctx, const struct groups_pair *p, const long *pred,
			   size_t np, const long *obs, size_t no)
{
	const struct groups_view *v = GROUPS_VIEW(ctx);
	long u = groups_first_unknown(v, pred, np);
	char name[16];

	if (u < 0)
		u = groups_first_unknown(v, obs, no);
	if (u >= 0) {
		const struct pci_fn *f = &v->m->fns[u];

		vt_verdict(ctx, VT_SKIP, "the configuration space of %s was read only %u bytes "
			   "far%s%s: its group cannot be predicted", pci_fn_name(f, name,
			   sizeof(name)), f->cfg_len, f->cfg_why[0] ? " — " : "", f->cfg_why);
		return true;
	}
	if (p->kernel >= 0 && v->kmissing[p->kernel]) {
		vt_verdict(ctx, VT_SKIP, "the kernel's group holds %s, which the PCI tree read "
			   "lacks: its group cannot be predicted", v->kmissing[p->kernel]);
		return true;
	}
	return false;
}

static void kernel_matches(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct groups_view *v = GROUPS_VIEW(ctx);
	const struct groups_pair *p = it->p;
	size_t np, no, *devices = ctx->check_state;
	const long *pred = groups_members(v, p->predicted, &np);
	const long *obs = groups_kernel_members(v, p->kernel, &no);
	char *ptext, *otext;
	struct vt_result *r;

	if (cannot_predict(ctx, p, pred, np, obs, no))
		return;
	if (np == no && !memcmp(pred, obs, np * sizeof(long))) {
		vt_verdict(ctx, VT_PASS, "as predicted");
		*devices += np;
		return;
	}
	ptext = groups_list_text(v, pred, np);
	otext = groups_list_text(v, obs, no);
	if (p->kernel < 0)
		r = vt_verdict(ctx, VT_FAIL, "the kernel put no group around it; the reference "
			       "predicts the group {%s}", ptext);
	else if (p->predicted < 0)
		r = vt_verdict(ctx, VT_FAIL, "the kernel groups {%s}; the reference predicts no "
			       "IOMMU translates them", otext);
	else
		r = vt_verdict(ctx, VT_FAIL, "the kernel groups {%s}; the reference predicts {%s}",
			       otext, ptext);
	groups_ev_devices(r, VT_EV_PREDICTED, v, pred, np);
	groups_ev_devices(r, VT_EV_OBSERVED, v, obs, no);
	groups_ev_kernel(r, v);
	free(ptext);
	free(otext);
}

static void *count_devices(struct vt_ctx *ctx)
{
	(void)ctx;
	return xcalloc(1, sizeof(size_t));
}

static void all_match(struct vt_ctx *ctx, size_t judged, const char *tail)
{
	const struct groups_view *v = GROUPS_VIEW(ctx);
	const size_t *devices = ctx->check_state;
	struct vt_result *r;

	r = vt_pass(ctx, NULL, "%zu devices in %zu groups as the reference predicts from ACS, "
		    "bridges and quirks%s", *devices, judged, tail);
	vt_ev_uint(r, VT_EV_PREDICTED, v->g.ngroups);
	vt_ev_uint(r, VT_EV_OBSERVED, ctx->env->ngroups);
	groups_ev_kernel(r, v);
}

const struct vt_check groups_kernel_matches = {
	VT_CHECK("groups.kernel-matches", VT_SEV_HIGH,
		 VT_NEED_PCI | VT_NEED_GROUPS | VT_NEED_IOMMU_ON,
		 "the kernel's IOMMU groups are those the reference predicts from the hardware",
		 "Linux iommu.c pci_device_group(), search.c pci_for_each_dma_alias(), "
		 "pci.c pci_acs_enabled(), quirks.c"),
	.items = &groups_items_pairs, .judge = kernel_matches,
	.setup = count_devices, .teardown = free,
	.none = "neither the kernel nor the reference puts a PCI device in a group",
	.pass = all_match,
};

/* The causes of a group's sharing, as one line. */
static char *causes_text(const struct groups_view *v, const long *members, size_t n)
{
	char *causes[MAX_CAUSES], *why = xstrdup(""), *more;
	size_t nc = groups_causes(v, members, n, causes, MAX_CAUSES), k;

	for (k = 0; k < nc; k++) {
		more = xasprintf("%s%s%s", why, k ? "; " : "", causes[k]);
		free(why);
		free(causes[k]);
		why = more;
	}
	return why;
}

/* Isolation counts: devices alone, groups shared by the functions of one card. */
struct isolation {
	size_t alone, cards;
};

/*
 * A group of one device, or of the functions of one card, passes (bridges
 * aside: groups_judge()); devices of different slots together can only be
 * assigned as a whole: a warning with the causes.
 */
static void isolation(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct groups_view *v = GROUPS_VIEW(ctx);
	struct isolation *count = ctx->check_state;
	size_t n;
	const long *members = groups_members(v, (long)it->index, &n);
	long u = groups_first_unknown(v, members, n);
	char *list, *why, name[16];
	enum groups_verdict verdict;
	struct vt_result *r;
	size_t bridges;

	if (u >= 0) {
		vt_verdict(ctx, VT_SKIP, "the configuration space of %s was read only %u bytes "
			   "far: its group's isolation cannot be judged",
			   pci_fn_name(&v->m->fns[u], name, sizeof(name)), v->m->fns[u].cfg_len);
		return;
	}
	verdict = groups_judge(v, members, n, &bridges);
	if (verdict != GROUPS_COMPANIONS) {
		vt_verdict(ctx, VT_PASS, "assignable%s", bridges && bridges < n ?
			   ", its bridges staying with the host" : "");
		*(verdict == GROUPS_ALONE ? &count->alone : &count->cards) += 1;
		return;
	}
	list = groups_list_text(v, members, n);
	why = causes_text(v, members, n);
	r = vt_verdict(ctx, VT_WARN, "{%s} can only be assigned together: %s", list, why);
	groups_ev_devices(r, "devices", v, members, n);
	free(list);
	free(why);
}

static void *count_isolation(struct vt_ctx *ctx)
{
	(void)ctx;
	return xcalloc(1, sizeof(struct isolation));
}

static void all_isolated(struct vt_ctx *ctx, size_t judged, const char *tail)
{
	const struct isolation *count = ctx->check_state;

	(void)judged;
	vt_pass(ctx, NULL, "%zu devices can be assigned alone; %zu groups hold the functions of "
		"one card, assignable together%s", count->alone, count->cards, tail);
}

const struct vt_check groups_isolation = {
	VT_CHECK("groups.isolation", VT_SEV_LOW, VT_NEED_PCI | VT_NEED_IOMMU_ON,
		 "every group holds one device or the functions of one card, bridges aside",
		 "PCIe 6.0 §6.12 (ACS); VT-d guide: conventional PCI behind a PCIe-to-PCI "
		 "bridge goes to one domain; Linux vfio.c vfio_dev_driver_allowed() (bridges), "
		 "pcieport driver_managed_dma (5.19 on)"),
	.items = &groups_items_predicted, .judge = isolation,
	.setup = count_isolation, .teardown = free,
	.none = "no device is in a group an IOMMU translates",
	.pass = all_isolated,
};
