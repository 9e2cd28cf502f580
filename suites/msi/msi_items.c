// SPDX-License-Identifier: GPL-2.0-or-later
/* What the msi checks judge: functions of the model, filtered. */
#include "msi_suite.h"

enum { WANT_CAPABLE, WANT_VF, WANT_INTX };

static bool wanted(const struct msi_view *v, size_t i, unsigned want)
{
	const struct msi_fn *mf = &v->fns[i];

	switch (want) {
	case WANT_CAPABLE:
		return mf->header && (mf->has_msi || mf->has_msix);
	case WANT_VF:
		return mf->is_vf;
	default:
		return mf->assignable && mf->pin && v->m->fns[i].sys.irq_known;
	}
}

static bool next_fn(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	const struct msi_view *v = MSI_VIEW(ctx);

	while (it->pos < v->m->n) {
		it->index = it->pos++;
		if (!wanted(v, it->index, k->arg))
			continue;
		it->fn = &v->m->fns[it->index];
		return true;
	}
	return false;
}

const struct vt_items msi_items_capable = {
	.noun = "PCI function", .needs = VT_NEED_PCI,
	.next = next_fn, .subject = vt_pci_item_subject, .arg = WANT_CAPABLE,
};

const struct vt_items msi_items_vfs = {
	.noun = "SR-IOV VF", .needs = VT_NEED_PCI,
	.next = next_fn, .subject = vt_pci_item_subject, .arg = WANT_VF,
};

const struct vt_items msi_items_intx = {
	.noun = "PCI function", .needs = VT_NEED_PCI,
	.next = next_fn, .subject = vt_pci_item_subject, .arg = WANT_INTX,
};
