// SPDX-License-Identifier: GPL-2.0-or-later
#include "msix_layout.h"

void msix_layout_of(const struct pci_msix *m, struct msix_layout *out)
{
	out->table = (struct msix_area){ "table", m->table_bir, m->table_offset,
					 (uint64_t)m->table_size * PCI_MSIX_ENTRY_SIZE };
	out->pba = (struct msix_area){ "PBA", m->pba_bir, m->pba_offset,
				       (m->table_size + PCI_MSIX_PBA_QWORD_BITS - 1) /
				       PCI_MSIX_PBA_QWORD_BITS * PCI_MSIX_PBA_QWORD_BYTES };
}

bool msix_layout_overlap(const struct msix_layout *l)
{
	const struct msix_area *a = &l->table, *b = &l->pba;

	return a->bir == b->bir && a->off < b->off + b->size && b->off < a->off + a->size;
}

enum msix_place msix_area_place(const struct msix_area *a, const struct pci_bars *bars)
{
	const struct pci_bar *b;

	if (a->bir >= PCI_STD_NUM_BARS)
		return MSIX_PLACE_BIR_RESERVED;
	b = pci_bars_find(bars, a->bir);
	/* The type bits are read-only: config space tells an I/O BAR even unsized. */
	if (b && b->type == PCI_BAR_IO)
		return MSIX_PLACE_IO_BAR;
	if (!bars->sizes_known)
		return MSIX_PLACE_UNSIZED;
	if (!b || b->type != PCI_BAR_MEM || !b->size)
		return MSIX_PLACE_NO_MEM_BAR;
	if (a->off + a->size > b->size)
		return MSIX_PLACE_PAST_END;
	return MSIX_PLACE_OK;
}
