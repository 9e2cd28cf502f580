// SPDX-License-Identifier: GPL-2.0-or-later
/* What the bar checks judge: functions vfio-pci could bind, filtered. */
#include "bar_suite.h"

enum { WANT_ANY, WANT_SIZED, WANT_MSIX };

static bool next_fn(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	const struct bar_view *v = BAR_VIEW(ctx);

	while (it->pos < v->m->n) {
		const struct bar_fn *bf = &v->fns[it->pos];

		it->index = it->pos++;
		if (!bf->assignable || (k->arg == WANT_SIZED && !bf->bars.sizes_known) ||
		    (k->arg == WANT_MSIX && !bf->has_msix))
			continue;
		it->fn = &v->m->fns[it->index];
		return true;
	}
	return false;
}

const struct vt_items bar_items_assignable = {
	.noun = "PCI function", .needs = VT_NEED_PCI,
	.next = next_fn, .subject = vt_pci_item_subject, .arg = WANT_ANY,
};

const struct vt_items bar_items_sized = {
	.noun = "PCI function", .needs = VT_NEED_PCI,
	.next = next_fn, .subject = vt_pci_item_subject, .arg = WANT_SIZED,
};

const struct vt_items bar_items_msix = {
	.noun = "PCI function", .needs = VT_NEED_PCI,
	.next = next_fn, .subject = vt_pci_item_subject, .arg = WANT_MSIX,
};
