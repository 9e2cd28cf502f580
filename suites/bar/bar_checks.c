// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bar checks: each reports, function by function, the findings of its
 * kind the view made (bar_view.c); a function without any passes.
 */
#include "bar_suite.h"

static void judge_kind(struct vt_ctx *ctx, const struct vt_item *it, enum bar_kind k,
		       const char *fine)
{
	const struct bar_fn *bf = &BAR_VIEW(ctx)->fns[it->index];
	size_t j;
	bool said = false;

	for (j = 0; j < bf->nf; j++) {
		const struct bar_finding *f = &bf->f[j];

		if (f->kind != k)
			continue;
		vt_ev_merge(vt_verdict(ctx, f->status, "%s", f->message), f->ev);
		said = true;
	}
	if (!said)
		vt_verdict(ctx, VT_PASS, "%s", fine);
}

/* The pass over sized functions, saying how many had no sizes to judge. */
static void sized_pass(struct vt_ctx *ctx, size_t judged, const char *tail,
		       const char *what)
{
	size_t unsized = BAR_VIEW(ctx)->unsized;

	if (unsized)
		vt_pass(ctx, NULL, "%zu functions: %s; %zu more without BAR sizes not judged "
			"(no sysfs resource file)%s", judged, what, unsized, tail);
	else
		vt_pass(ctx, NULL, "%zu functions: %s%s", judged, what, tail);
}

#define SIZED_NONE "no function vfio-pci could bind has BAR sizes: they come only from " \
		   "sysfs `resource` (an lspci dump does not size BARs)"

static void judge_sub_page(struct vt_ctx *ctx, const struct vt_item *it)
{
	judge_kind(ctx, it, BAR_SUB_PAGE, "every memory BAR a page or more, or alone at a "
		   "page start");
}

static void pass_sub_page(struct vt_ctx *ctx, size_t judged, const char *tail)
{
	sized_pass(ctx, judged, tail, "every memory BAR is a page or more, or starts a page "
		   "nothing else uses, so vfio-pci can mmap it");
}

const struct vt_check bar_sub_page = {
	VT_CHECK("bar.sub-page", VT_SEV_LOW, VT_NEED_PCI,
		 "every memory BAR smaller than 4 KiB starts a page nothing else uses",
		 "PCI Local Bus 3.0 §6.2.5.1; Linux drivers/vfio/pci/vfio_pci_core.c "
		 "vfio_pci_probe_mmaps() (a sub-page BAR is mmap-able only alone at a page start)"),
	.items = &bar_items_sized, .judge = judge_sub_page,
	.none = SIZED_NONE, .pass = pass_sub_page,
};

static void judge_page_shared(struct vt_ctx *ctx, const struct vt_item *it)
{
	judge_kind(ctx, it, BAR_PAGE_SHARED, "no page shared with another function");
}

static void pass_page_shared(struct vt_ctx *ctx, size_t judged, const char *tail)
{
	sized_pass(ctx, judged, tail, "no memory BAR shares a 4 KiB page with another "
		   "function's BAR");
}

const struct vt_check bar_page_shared = {
	VT_CHECK("bar.page-shared", VT_SEV_MEDIUM, VT_NEED_PCI,
		 "no memory BAR shares a 4 KiB page with another function's BAR",
		 "PCIe 6.0 §7.5.1.2.1 (a BAR under 4 KiB leaves room in its page); the IOMMU "
		 "and EPT map 4 KiB pages; Linux vfio_pci_core.c vfio_pci_probe_mmaps()"),
	.items = &bar_items_sized, .judge = judge_page_shared,
	.none = SIZED_NONE, .pass = pass_page_shared,
};

static void judge_msix(struct vt_ctx *ctx, const struct vt_item *it)
{
	judge_kind(ctx, it, BAR_MSIX_PAGE, "MSI-X table and PBA alone in their pages");
}

const struct vt_check bar_msix_page = {
	VT_CHECK("bar.msix-page", VT_SEV_MEDIUM, VT_NEED_PCI,
		 "the MSI-X table and PBA fit their BARs and share no 4 KiB page with "
		 "other registers",
		 "PCIe 6.0 §7.7.2 (PCI Local Bus 3.0 §6.8.2); QEMU hw/pci/msix.c msix_init(), "
		 "hw/vfio/pci.c vfio_msix_early_setup(); Linux vfio_pci_core.c (no mmap over "
		 "the table)"),
	.items = &bar_items_msix, .judge = judge_msix,
	.none = "no function vfio-pci could bind has MSI-X",
	.all = "%zu functions with MSI-X: the table and PBA fit their BARs and start their "
	       "own pages",
};

static void judge_large(struct vt_ctx *ctx, const struct vt_item *it)
{
	judge_kind(ctx, it, BAR_INTERNAL_MEMORY, "no BAR of internal-memory size");
}

static void pass_large(struct vt_ctx *ctx, size_t judged, const char *tail)
{
	sized_pass(ctx, judged, tail, "no memory BAR of 16 MiB or more, the size of memory "
		   "on the device rather than registers");
}

const struct vt_check bar_internal_memory = {
	VT_CHECK("bar.internal-memory", VT_SEV_LOW, VT_NEED_PCI,
		 "no memory BAR large enough to be private memory a driver could point the "
		 "device into",
		 "VT-d guide (Xen VTdHowTo), \"Assigning devices to HVM domains\": a device "
		 "decoding pointers into its BAR sees the host BAR, the driver the guest's"),
	.items = &bar_items_sized, .judge = judge_large,
	.none = SIZED_NONE, .pass = pass_large,
};

static void judge_known(struct vt_ctx *ctx, const struct vt_item *it)
{
	judge_kind(ctx, it, BAR_KNOWN_HAZARD, "in no hazard database entry");
}

static void pass_known(struct vt_ctx *ctx, size_t judged, const char *tail)
{
	vt_pass(ctx, NULL, "%zu functions, none in the BAR hazard database (%zu entries)%s",
		judged, BAR_VIEW(ctx)->db.n, tail);
}

const struct vt_check bar_known_hazard = {
	VT_CHECK("bar.known-hazard", VT_SEV_MEDIUM, VT_NEED_PCI,
		 "no function is in the BAR hazard database",
		 "fixtures/bar-hazards.txt (each entry cites its source) and --hazards FILE"),
	.items = &bar_items_assignable, .judge = judge_known,
	.none = "no function vfio-pci could bind (type 0 header)",
	.pass = pass_known,
};
