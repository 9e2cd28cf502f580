// SPDX-License-Identifier: GPL-2.0-or-later
/* What the groups checks judge (predicted groups, comparisons) and their evidence. */
#include <stdlib.h>

#include "groups_suite.h"
#include "../../util/xalloc.h"

static bool next_predicted(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	(void)k;
	if (it->pos >= GROUPS_VIEW(ctx)->g.ngroups)
		return false;
	it->index = it->pos++;
	return true;
}

/* A predicted group is named by its first device. */
static char *predicted_subject(const struct vt_ctx *ctx, const struct vt_item *it)
{
	size_t n;
	const long *members = groups_members(GROUPS_VIEW(ctx), (long)it->index, &n);

	return vt_pci_subject(&GROUPS_VIEW(ctx)->m->fns[members[0]]);
}

const struct vt_items groups_items_predicted = {
	.noun = "predicted group", .needs = VT_NEED_PCI,
	.next = next_predicted, .subject = predicted_subject,
};

static bool next_pair(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	(void)k;
	if (it->pos >= GROUPS_VIEW(ctx)->npairs)
		return false;
	it->index = it->pos++;
	it->p = &GROUPS_VIEW(ctx)->pairs[it->index];
	return true;
}

/* The kernel's group when there is one, else the predicted group's first device. */
static char *pair_subject(const struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct groups_pair *p = it->p;
	const struct groups_view *v = GROUPS_VIEW(ctx);
	size_t n;
	const long *members = groups_members(v, p->predicted, &n);

	if (p->kernel >= 0)
		return xasprintf("/sys/kernel/iommu_groups/%ld", v->env->groups[p->kernel].id);
	return vt_pci_subject(&v->m->fns[members[0]]);
}

const struct vt_items groups_items_pairs = {
	.noun = "group", .needs = VT_NEED_PCI | VT_NEED_GROUPS,
	.next = next_pair, .subject = pair_subject,
};

void groups_ev_kernel(struct vt_result *r, const struct groups_view *v)
{
	vt_ev_str(r, "kernel", v && v->kernel[0] ? v->kernel : "unknown");
}

void groups_ev_devices(struct vt_result *r, const char *key, const struct groups_view *v,
		       const long *fns, size_t n)
{
	struct vt_value *list = vt_ev_list(r, key);
	char name[16];
	size_t i;

	for (i = 0; i < n; i++)
		vt_put_str(list, NULL, pci_fn_name(&v->m->fns[fns[i]], name, sizeof(name)));
}
