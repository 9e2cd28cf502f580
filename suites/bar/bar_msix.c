// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MSI-X: the table and the PBA live in BARs (PCIe 6.0 §7.7.2), and the VMM
 * must own them: the guest's writes to the table are the VMM's to turn
 * into remapped interrupts. QEMU's vfio-pci emulates both over the BAR and
 * traps the pages they are in (and can move them: x-msix-relocation);
 * vfio-pci refuses mmaps over the table's pages; Xen drops accesses to
 * those pages (xen vpci/msix.c, "handle accesses adjacent to the MSI-X
 * table", 2023). So anything else in those 4 KiB pages is trapped with
 * them, as the specification foresaw when it forbade it (§7.7.2: no other
 * registers in a naturally aligned 4 KiB range with either structure).
 *
 * Failures are what QEMU refuses outright (msix_init(): "table & pba
 * overlap, or they don't fit in BARs, or don't align"): the device is not
 * assigned at all. Which other registers a BAR holds config space says
 * only where a capability places them (VirtIO's, VirtIO 1.2 §4.1.4); the
 * rest of a page that holds a table or PBA is usually reserved and cannot
 * be judged, so it is not: no guess becomes a warning.
 */
#include "bar_findings.h"
#include "../../ref/msix_layout.h"

#define PAGE_MASK_LOW   (PCI_MSIX_ISOLATION - 1u)

static struct vt_value *evidence(const struct bar_fn *bf, const struct msix_area *t,
				 const struct msix_area *p)
{
	struct vt_value *ev = vt_value_object();
	const struct pci_bar *b = pci_bars_find(&bf->bars, t->bir);

	vt_put_uint(ev, "table_bir", t->bir);
	vt_put_uint(ev, "table_offset", t->off);
	vt_put_uint(ev, "table_size", t->size);
	vt_put_uint(ev, "pba_bir", p->bir);
	vt_put_uint(ev, "pba_offset", p->off);
	vt_put_uint(ev, "pba_size", p->size);
	if (b && b->size_known)
		vt_put_uint(ev, "bar_size", b->size);
	else
		vt_put_str(ev, "bar_size", NULL);
	return ev;
}

/* A structure that does not fit the BAR it names (ref/msix_layout.c decides). */
static bool misplaced(struct bar_view *v, size_t i, const struct msix_area *a,
		      const struct msix_layout *l)
{
	const struct bar_fn *bf = &v->fns[i];
	const struct pci_bar *b = pci_bars_find(&bf->bars, a->bir);
	char size[BAR_SIZE_TEXT];

	switch (msix_area_place(a, &bf->bars)) {
	case MSIX_PLACE_OK:
	case MSIX_PLACE_UNSIZED:
		return false;
	case MSIX_PLACE_BIR_RESERVED:
		bar_add_finding(v, i, BAR_MSIX_PAGE, VT_FAIL, a->bir, evidence(bf, &l->table, &l->pba),
				"the MSI-X %s names BIR %u, which is reserved (PCIe §7.7.2.3): "
				"its BAR does not exist", a->name, a->bir);
		return true;
	case MSIX_PLACE_IO_BAR:
	case MSIX_PLACE_NO_MEM_BAR:
		bar_add_finding(v, i, BAR_MSIX_PAGE, VT_FAIL, a->bir, evidence(bf, &l->table, &l->pba),
				"the MSI-X %s is in BAR%u, which the kernel has as no memory BAR",
				a->name, a->bir);
		return true;
	case MSIX_PLACE_PAST_END:
		break;
	}
	bar_add_finding(v, i, BAR_MSIX_PAGE, VT_FAIL, a->bir, evidence(bf, &l->table, &l->pba),
			"the MSI-X %s [0x%llx-0x%llx] runs past the end of BAR%u (%s): "
			"QEMU vfio-pci refuses the device", a->name,
			(unsigned long long)a->off,
			(unsigned long long)(a->off + a->size - 1), a->bir,
			bar_size_text(b->size, size, sizeof(size)));
	return true;
}

/* A register region a capability places in a BAR. */
struct region {
	uint8_t bar, type;
	uint64_t off, len;
};

#define MAX_REGIONS 16

/* VirtIO's regions (common, notify, ISR, device config) in the BARs of @f. */
static unsigned virtio_regions(const struct pci_fn *f, struct region *r)
{
	struct pci_cap_iter it;
	unsigned n = 0, off;
	uint16_t id;
	uint8_t ver, type, bar;
	uint32_t o, len;

	if (f->vendor != PCI_VENDOR_ID_VIRTIO)
		return 0;
	pci_cap_iter_init(&it, f, false);
	while (n < MAX_REGIONS && pci_cap_iter_next(&it, &id, &ver, &off)) {
		if (id != PCI_CAP_ID_VNDR || off + VIRTIO_PCI_CAP_SIZE > f->cfg_len)
			continue;
		pci_cfg_read8(f, off + VIRTIO_PCI_CAP_CFG_TYPE, &type);
		pci_cfg_read8(f, off + VIRTIO_PCI_CAP_BAR, &bar);
		pci_cfg_read32(f, off + VIRTIO_PCI_CAP_OFFSET, &o);
		pci_cfg_read32(f, off + VIRTIO_PCI_CAP_LENGTH, &len);
		if (type < VIRTIO_PCI_CAP_COMMON_CFG || type > VIRTIO_PCI_CAP_DEVICE_CFG || !len)
			continue;
		r[n++] = (struct region){ bar, type, o, len };
	}
	return n;
}

static uint64_t page_of(uint64_t off)
{
	return off & ~(uint64_t)PAGE_MASK_LOW;
}

/* Whether [off, off+len) and MSI-X area @a meet in a 4 KiB page of the same BAR. */
static bool same_page(const struct msix_area *a, uint8_t bar, uint64_t off, uint64_t len)
{
	return bar == a->bir && page_of(off) <= page_of(a->off + a->size - 1) &&
	       page_of(a->off) <= page_of(off + len - 1);
}

/* Registers config space places in the pages of @a: trapped with it. */
static void neighbours(struct bar_view *v, size_t i, const struct msix_area *a,
		       const struct region *r, unsigned n, const struct msix_layout *l)
{
	unsigned k;

	for (k = 0; k < n; k++) {
		struct vt_value *ev;

		if (!same_page(a, r[k].bar, r[k].off, r[k].len))
			continue;
		ev = evidence(&v->fns[i], &l->table, &l->pba);
		vt_put_uint(ev, "other_bar", r[k].bar);
		vt_put_uint(ev, "other_offset", r[k].off);
		vt_put_uint(ev, "other_length", r[k].len);
		vt_put_uint(ev, "virtio_cfg_type", r[k].type);
		bar_add_finding(v, i, BAR_MSIX_PAGE, VT_WARN, a->bir, ev,
				"the MSI-X %s [BAR%u + 0x%llx-0x%llx] shares a 4 KiB page with "
				"VirtIO configuration registers (cfg_type %u) at BAR%u + "
				"0x%llx-0x%llx: the VMM traps that page, so every access to those "
				"registers traps too", a->name, a->bir, (unsigned long long)a->off,
				(unsigned long long)(a->off + a->size - 1), r[k].type, r[k].bar,
				(unsigned long long)r[k].off,
				(unsigned long long)(r[k].off + r[k].len - 1));
	}
}

void bar_find_msix(struct bar_view *v, size_t i)
{
	const struct bar_fn *bf = &v->fns[i];
	struct region r[MAX_REGIONS];
	struct msix_layout l;
	unsigned n;

	if (!bf->has_msix)
		return;
	msix_layout_of(&bf->msix, &l);
	if (msix_layout_overlap(&l)) {
		bar_add_finding(v, i, BAR_MSIX_PAGE, VT_FAIL, l.table.bir,
				evidence(bf, &l.table, &l.pba),
				"the MSI-X table [0x%llx-0x%llx] and PBA [0x%llx-0x%llx] overlap "
				"in BAR%u: QEMU vfio-pci refuses the device",
				(unsigned long long)l.table.off,
				(unsigned long long)(l.table.off + l.table.size - 1),
				(unsigned long long)l.pba.off,
				(unsigned long long)(l.pba.off + l.pba.size - 1), l.table.bir);
		return;
	}
	if (misplaced(v, i, &l.table, &l) | misplaced(v, i, &l.pba, &l))
		return;
	n = virtio_regions(&v->m->fns[i], r);
	neighbours(v, i, &l.table, r, n, &l);
	neighbours(v, i, &l.pba, r, n, &l);
}
