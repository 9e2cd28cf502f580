// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * INTx and assignment.
 *
 * msi.vf-no-intx: an SR-IOV VF has no INTx: its Interrupt Pin reads 0
 * (SR-IOV 1.1 §3.5, PCIe 6.0 §9.3: VFs do not implement INTx), and it
 * signals with MSI or MSI-X, which every VF must implement. A VMM gives a guest the INTx the pin
 * names (QEMU hw/vfio/pci.c vfio_intx_enable() when the pin is nonzero),
 * so a VF with a pin sends the guest after a line no one routes.
 *
 * msi.intx-shared: a physical INTx line the kernel routed to more than one
 * function whose functions would go to different domains (different
 * predicted IOMMU groups: one may stay with the host) — the VT-d guide's
 * case: "a physical IRQ that is shared by more than one device among
 * multiple domains" (Xen docs/misc/vtd.txt). VFIO then needs DisINTx
 * masking on each (vfio_pci_intx_mask(), pci_check_and_mask_intx()) and
 * one slow device stalls the other's line; Xen shares the pirq
 * (BIND_PIRQ__WILL_SHARE) and waits for every guest's EOI. MSI avoids it,
 * as Xen's MSI-INTx translation did (ref/xen_msitranslate.h). The sysfs
 * irq of a function whose driver enabled MSI is its MSI IRQ, so only lines
 * really used for INTx meet.
 */
#include <stdlib.h>

#include "msi_suite.h"

static void judge_vf(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct msi_fn *mf = &MSI_VIEW(ctx)->fns[it->index];
	const struct pci_fn *f = it->fn;
	struct vt_result *r;

	if (!mf->header) {
		vt_verdict(ctx, VT_SKIP, "its config header was not read (%s)",
			   f->cfg_why[0] ? f->cfg_why : "short config space");
		return;
	}
	if (mf->pin) {
		r = vt_verdict(ctx, VT_FAIL, "the VF's Interrupt Pin reads %u (INT%c): VFs do not "
			       "implement INTx, the pin must read 0 (SR-IOV 1.1 §3.5, PCIe 6.0 "
			       "§9.3)", mf->pin, mf->pin <= 4 ? 'A' + mf->pin - 1 : '?');
		vt_ev_uint(r, "interrupt_pin", mf->pin);
	}
	r = vt_expect(ctx, mf->has_msi || mf->has_msix, VT_FAIL, "the VF has neither MSI nor "
		      "MSI-X: with no INTx either it cannot interrupt (SR-IOV 1.1 §3.5: VFs "
		      "implement MSI or MSI-X)");
	vt_ev_uint(r, "interrupt_pin", mf->pin);
	vt_ev_str(r, "msi", mf->has_msi ? "yes" : "no");
	vt_ev_str(r, "msix", mf->has_msix ? "yes" : "no");
}

const struct vt_check msi_vf_no_intx = {
	VT_CHECK("msi.vf-no-intx", VT_SEV_MEDIUM, VT_NEED_PCI,
		 "every SR-IOV VF has Interrupt Pin 0 and offers MSI or MSI-X",
		 "SR-IOV 1.1 §3.5 (VFs do not implement INTx); PCIe 6.0 §9.3; QEMU "
		 "hw/vfio/pci.c vfio_intx_enable() (INTx from the pin)"),
	.items = &msi_items_vfs, .judge = judge_vf,
	.none = "no SR-IOV VF (none enabled, or no SR-IOV device)",
	.all = "%zu VFs: Interrupt Pin 0, MSI or MSI-X offered",
};

/*
 * Whether function @j uses its INTx line. One vfio-pci could bind may be
 * given to a guest that drives INTx whatever the host's driver does now;
 * a bridge stays with the host, whose driver (pcieport) uses the line only
 * while MSI and MSI-X are off (PCIe 6.0 §7.7.1.2, §7.7.2.2: a function
 * with either enabled must not assert INTx).
 */
static bool uses_line(const struct msi_fn *mf)
{
	return mf->assignable || !((mf->msi_read && mf->msi.enabled) ||
				   (mf->msix_read && mf->msix.enabled));
}

/* Functions @i shares its routed IRQ with that would go to another domain. */
static size_t sharers(const struct msi_view *v, size_t i, unsigned irq, long *out)
{
	const struct group_fn *g = v->groups.g.fn;
	size_t j, n = 0;
	unsigned other;

	for (j = 0; j < v->m->n; j++)
		if (j != i && v->fns[j].pin && uses_line(&v->fns[j]) &&
		    msi_fn_irq(v, j, &other) && other == irq && v->groups.known[j] &&
		    (g[j].group != g[i].group || g[i].group < 0))
			out[n++] = (long)j;
	return n;
}

static void judge_shared(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct msi_view *v = MSI_VIEW(ctx);
	const struct group_fn *g;
	struct vt_value *list;
	struct vt_result *r;
	char name[16], *text;
	unsigned irq;
	long *other;
	size_t n, k;

	if (!msi_fn_irq(v, it->index, &irq)) {
		vt_verdict(ctx, VT_PASS, "INTx routed to no IRQ");
		return;
	}
	if (!v->have_groups || !v->groups.known[it->index]) {
		vt_verdict(ctx, VT_SKIP, "its IOMMU group cannot be predicted (%s)",
			   v->have_groups ? "config space not read far enough" : v->groups_why);
		return;
	}
	other = calloc(v->m->n, sizeof(*other));
	if (!other) {
		vt_verdict(ctx, VT_ERROR, "out of memory");
		return;
	}
	n = sharers(v, it->index, irq, other);
	if (!n) {
		vt_verdict(ctx, VT_PASS, "IRQ %u shared with no function of another group", irq);
		free(other);
		return;
	}
	g = v->groups.g.fn;
	text = groups_list_text(&v->groups, other, n);
	r = vt_verdict(ctx, VT_WARN, "INTx IRQ %u is shared with %s, in another IOMMU group: "
		       "given to different domains, each waits on the other's interrupts (the "
		       "VT-d guide: a physical IRQ shared across domains); use MSI or MSI-X in "
		       "the guest", irq, text);
	free(text);
	vt_ev_uint(r, "irq", irq);
	vt_ev_str(r, "function", pci_fn_name(it->fn, name, sizeof(name)));
	vt_ev_uint(r, "group", (uint64_t)g[it->index].group);
	list = vt_ev_list(r, "shared_with");
	for (k = 0; k < n; k++) {
		struct vt_value *o = vt_put_object(list, NULL);

		vt_put_str(o, "function", pci_fn_name(&v->m->fns[other[k]], name, sizeof(name)));
		if (g[other[k]].group >= 0)
			vt_put_uint(o, "group", (uint64_t)g[other[k]].group);
		else
			vt_put_str(o, "group", NULL);
	}
	free(other);
}

static void pass_shared(struct vt_ctx *ctx, size_t judged, const char *tail)
{
	size_t unknown = MSI_VIEW(ctx)->intx_unknown;

	if (unknown)
		vt_pass(ctx, NULL, "%zu functions with INTx: no line shared across IOMMU groups; "
			"%zu more without a sysfs irq not judged%s", judged, unknown, tail);
	else
		vt_pass(ctx, NULL, "%zu functions with INTx: no line shared across IOMMU "
			"groups%s", judged, tail);
}

const struct vt_check msi_intx_shared = {
	VT_CHECK("msi.intx-shared", VT_SEV_MEDIUM, VT_NEED_PCI,
		 "no INTx line is shared by functions that would go to different domains",
		 "Xen docs/misc/vtd.txt (MSI-INTx translation: a physical IRQ shared among "
		 "domains); Linux drivers/vfio/pci/vfio_pci_intrs.c (DisINTx masking of a "
		 "shared line); sysfs irq"),
	.items = &msi_items_intx, .judge = judge_shared,
	.none = "no function vfio-pci could bind has INTx routed to a known IRQ (the IRQ "
		"comes from sysfs `irq`: an lspci dump has none)",
	.pass = pass_shared,
};
