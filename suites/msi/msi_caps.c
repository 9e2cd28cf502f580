// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * msi.capability-valid: the MSI and MSI-X capabilities are ones a VMM can
 * take over. A VMM emulates both for the guest from what config space
 * says: QEMU's vfio-pci sizes its MSI emulation from Message Control
 * (hw/vfio/pci.c vfio_msi_setup(): 64-bit, per-vector masking, 1 << MMC
 * vectors) and builds MSI-X over the BAR the capability names
 * (vfio_msix_early_setup(), then hw/pci/msix.c msix_init(), which refuses
 * a table or PBA outside its BAR or the two overlapping). Linux believes
 * the fields as well (drivers/pci/msi/msi.c pci_msi_vec_count(): 1 << MMC,
 * a reserved 6 or 7 counted as 64 or 128 vectors; msix_map_region() maps
 * the table at BAR + offset unchecked). So the fields must agree with the
 * specification and with each other.
 */
#include "msi_suite.h"

/* PCI Local Bus 3.0 §6.8.1.3: Multiple Message Capable/Enable, log2; 6 and 7 reserved. */
#define MSI_LOG2_MAX        5u      /* 32 vectors */
#define MSI_MMC(ctrl)       (((ctrl) & PCI_MSI_FLAGS_QMASK) >> 1)
#define MSI_MME(ctrl)       (((ctrl) & PCI_MSI_FLAGS_QSIZE) >> 4)

/* The bytes the MSI capability's flags say it takes (PCIe 6.0 §7.7.1). */
static unsigned msi_length(uint16_t ctrl)
{
	return (ctrl & PCI_MSI_FLAGS_64BIT ? PCI_MSI_SIZE_64 : PCI_MSI_SIZE_32) +
	       (ctrl & PCI_MSI_FLAGS_MASKBIT ? PCI_MSI_MASK_BITS_SIZE : 0);
}

/* The first other capability of the standard list starting in [from, to), or 0. */
static unsigned cap_inside(const struct pci_fn *f, unsigned self, unsigned from, unsigned to)
{
	struct pci_cap_iter it;
	unsigned off;
	uint16_t id;
	uint8_t ver;

	pci_cap_iter_init(&it, f, false);
	while (pci_cap_iter_next(&it, &id, &ver, &off))
		if (off != self && off >= from && off < to)
			return off;
	return 0;
}

static void ev_msi(struct vt_result *r, const struct pci_fn *f, const struct pci_msi *m)
{
	struct vt_value *o = vt_ev_object(r, "msi");

	vt_put_uint(o, "offset", f->caps.msi);
	vt_put_uint(o, "message_control", m->ctrl);
	vt_put_bool(o, "is64", m->is_64bit);
	vt_put_bool(o, "masking", m->per_vector_mask);
	vt_put_uint(o, "length", msi_length(m->ctrl));
}

/* The MSI capability: false when it could not be judged (said so). */
static bool judge_msi(struct vt_ctx *ctx, const struct pci_fn *f, const struct msi_fn *mf,
		      bool *bad)
{
	const struct pci_msi *m = &mf->msi;
	unsigned len = msi_length(m->ctrl), other;

	if (!mf->msi_read) {
		vt_verdict(ctx, VT_SKIP, "the MSI capability at 0x%02x lies beyond the %u bytes "
			   "of config space read", f->caps.msi, f->cfg_len);
		return false;
	}
	if (MSI_MMC(m->ctrl) > MSI_LOG2_MAX) {
		ev_msi(vt_verdict(ctx, VT_FAIL, "MSI Multiple Message Capable is %u, a reserved "
				  "encoding (5, 32 vectors, is the most: PCI Local Bus 3.0 "
				  "§6.8.1.3): Linux pci_msi_vec_count() counts %u vectors, QEMU "
				  "emulates at most 32", MSI_MMC(m->ctrl), 1u << MSI_MMC(m->ctrl)),
		       f, m);
		*bad = true;
	}
	if (MSI_MME(m->ctrl) > MSI_LOG2_MAX || MSI_MME(m->ctrl) > MSI_MMC(m->ctrl)) {
		ev_msi(vt_verdict(ctx, VT_FAIL, "MSI Multiple Message Enable is %u (%u vectors), "
				  "more than Multiple Message Capable %u allows (PCI Local Bus "
				  "3.0 §6.8.1.3)", MSI_MME(m->ctrl), 1u << MSI_MME(m->ctrl),
				  MSI_MMC(m->ctrl)), f, m);
		*bad = true;
	}
	other = cap_inside(f, f->caps.msi, f->caps.msi + 1, f->caps.msi + len);
	if (other || f->caps.msi + len > PCI_CFG_SPACE_SIZE) {
		struct vt_result *r;

		r = vt_verdict(ctx, VT_FAIL, "the MSI capability at 0x%02x is %u bytes by its "
			       "flags (%s, %s per-vector masking: PCIe 6.0 §7.7.1), but %s",
			       f->caps.msi, len, m->is_64bit ? "64-bit" : "32-bit",
			       m->per_vector_mask ? "with" : "no",
			       other ? "another capability starts inside it" :
			       "that runs past the 256-byte capability space");
		ev_msi(r, f, m);
		if (other)
			vt_ev_uint(r, "other_capability", other);
		*bad = true;
	}
	return true;
}

static void ev_msix(struct vt_result *r, const struct msi_fn *mf)
{
	struct vt_value *o = vt_ev_object(r, "msix");
	const struct pci_bar *b = pci_bars_find(&mf->bars, mf->layout.table.bir);

	vt_put_uint(o, "table_bar", mf->layout.table.bir);
	vt_put_uint(o, "table_offset", mf->layout.table.off);
	vt_put_uint(o, "table_size", mf->layout.table.size);
	vt_put_uint(o, "pba_bar", mf->layout.pba.bir);
	vt_put_uint(o, "pba_offset", mf->layout.pba.off);
	vt_put_uint(o, "pba_size", mf->layout.pba.size);
	vt_put_uint(o, "entries", mf->msix.table_size);
	if (b && b->size_known)
		vt_put_uint(o, "table_bar_size", b->size);
	else
		vt_put_str(o, "table_bar_size", NULL);
}

static const char *place_text(enum msix_place p)
{
	switch (p) {
	case MSIX_PLACE_BIR_RESERVED:
		return "names a reserved BIR (6 or 7: PCIe 6.0 §7.7.2.3), no BAR";
	case MSIX_PLACE_IO_BAR:
		return "is in an I/O BAR (PCIe 6.0 §7.7.2: a memory BAR)";
	case MSIX_PLACE_NO_MEM_BAR:
		return "names a BAR the function does not implement as memory";
	case MSIX_PLACE_PAST_END:
		return "runs past the end of its BAR";
	default:
		return NULL;
	}
}

static void judge_area(struct vt_ctx *ctx, const struct msi_fn *mf, const struct msix_area *a,
		       enum msix_place p, bool *bad)
{
	const char *what = place_text(p);

	if (!what)
		return;
	ev_msix(vt_verdict(ctx, VT_FAIL, "the MSI-X %s (BIR %u, offset 0x%llx, %llu bytes) %s: "
			   "QEMU msix_init() refuses the device", a->name, a->bir,
			   (unsigned long long)a->off, (unsigned long long)a->size, what), mf);
	*bad = true;
}

static bool judge_msix(struct vt_ctx *ctx, const struct pci_fn *f, const struct msi_fn *mf,
		       bool *bad)
{
	const struct msix_layout *l = &mf->layout;

	if (!mf->msix_read) {
		vt_verdict(ctx, VT_SKIP, "the MSI-X capability at 0x%02x lies beyond the %u bytes "
			   "of config space read", f->caps.msix, f->cfg_len);
		return false;
	}
	if (msix_layout_overlap(l)) {
		ev_msix(vt_verdict(ctx, VT_FAIL, "the MSI-X table [0x%llx-0x%llx] and PBA "
				   "[0x%llx-0x%llx] overlap in BAR%u: QEMU msix_init() refuses "
				   "the device", (unsigned long long)l->table.off,
				   (unsigned long long)(l->table.off + l->table.size - 1),
				   (unsigned long long)l->pba.off,
				   (unsigned long long)(l->pba.off + l->pba.size - 1),
				   l->table.bir), mf);
		*bad = true;
	}
	judge_area(ctx, mf, &l->table, mf->table_place, bad);
	if (l->pba.bir != l->table.bir || mf->pba_place != mf->table_place ||
	    mf->pba_place == MSIX_PLACE_PAST_END)
		judge_area(ctx, mf, &l->pba, mf->pba_place, bad);
	return true;
}

static void judge_caps(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct msi_fn *mf = &MSI_VIEW(ctx)->fns[it->index];
	bool bad = false, judged = false;

	if (mf->has_msi)
		judged |= judge_msi(ctx, it->fn, mf, &bad);
	if (mf->has_msix)
		judged |= judge_msix(ctx, it->fn, mf, &bad);
	if (judged && !bad)
		vt_verdict(ctx, VT_PASS, "MSI and MSI-X capabilities consistent");
}

static void pass_caps(struct vt_ctx *ctx, size_t judged, const char *tail)
{
	size_t unsized = MSI_VIEW(ctx)->msix_unsized;

	if (unsized)
		vt_pass(ctx, NULL, "%zu functions: MSI Message Control consistent, MSI-X table "
			"and PBA in memory BARs and apart; whether %zu MSI-X structures fit "
			"their BARs is not judged (no BAR sizes: they come from sysfs "
			"`resource`, an lspci dump has none)%s", judged, unsized, tail);
	else
		vt_pass(ctx, NULL, "%zu functions: MSI Message Control consistent, MSI-X table "
			"and PBA inside their memory BARs and apart%s", judged, tail);
}

const struct vt_check msi_capability_valid = {
	VT_CHECK("msi.capability-valid", VT_SEV_MEDIUM, VT_NEED_PCI,
		 "MSI Message Control is consistent; the MSI-X table and PBA lie in "
		 "implemented memory BARs and do not overlap",
		 "PCI Local Bus 3.0 §6.8.1, §6.8.2; PCIe 6.0 §7.7.1, §7.7.2; QEMU hw/pci/msix.c "
		 "msix_init(), hw/vfio/pci.c vfio_msi_setup(), vfio_msix_early_setup(); Linux "
		 "drivers/pci/msi/msi.c pci_msi_vec_count(), msix_map_region()"),
	.items = &msi_items_capable, .judge = judge_caps,
	.none = "no function has an MSI or MSI-X capability",
	.pass = pass_caps,
};
