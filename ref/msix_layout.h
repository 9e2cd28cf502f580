/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where an MSI-X capability puts its table and Pending Bit Array, and
 * whether that layout is one a VMM can emulate: each structure inside a
 * memory BAR the function implements, the two apart (PCIe 6.0 §7.7.2.3,
 * §7.7.2.4; PCI Local Bus 3.0 §6.8.2). QEMU refuses a device otherwise
 * (hw/pci/msix.c msix_init(): "table & pba overlap, or they don't fit in
 * BARs"); Linux maps only the table (drivers/pci/msi/msi.c
 * msix_map_region(): ioremap of BAR + offset, no check against the BAR's
 * length). The bar suite (page sharing) and the msi suite (capability
 * validity) judge by the same placement. Pure C.
 */
#ifndef VTDCERT_REF_MSIX_LAYOUT_H
#define VTDCERT_REF_MSIX_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "pci_bars.h"
#include "pci_caps.h"

/* One MSI-X structure: the BAR its BIR names and the bytes it takes there. */
struct msix_area {
	const char *name;           /* "table" or "PBA", as messages name it */
	uint8_t bir;
	uint64_t off, size;
};

struct msix_layout {
	struct msix_area table;     /* Table Size entries of 16 bytes (§7.7.2) */
	struct msix_area pba;       /* one bit per entry, read in QWORDs (§7.7.2.4) */
};

/* Where one structure sits against the function's BARs. */
enum msix_place {
	MSIX_PLACE_OK,              /* inside a sized memory BAR */
	MSIX_PLACE_BIR_RESERVED,    /* BIR 6 or 7: reserved (§7.7.2.3), no BAR */
	MSIX_PLACE_IO_BAR,          /* the BAR is an I/O BAR (config space says so) */
	MSIX_PLACE_NO_MEM_BAR,      /* the kernel sized no memory BAR at that BIR */
	MSIX_PLACE_PAST_END,        /* runs past the end of its BAR */
	MSIX_PLACE_UNSIZED,         /* otherwise fine; the BAR's size is not known */
};

/* The table and PBA of @m. */
void msix_layout_of(const struct pci_msix *m, struct msix_layout *out);
/* Whether the table and PBA take common bytes of one BAR. */
bool msix_layout_overlap(const struct msix_layout *l);
/*
 * Where @a sits against @bars (pci_fn_bars()): without sizes (an lspci
 * dump) only the BIR and the BAR's type from config space are judged.
 */
enum msix_place msix_area_place(const struct msix_area *a, const struct pci_bars *bars);

#endif
