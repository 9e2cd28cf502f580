/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A function's Base Address Registers as a guest would be handed them:
 * index, memory or I/O, 64-bit, prefetchable, from config space (PCI Local
 * Bus 3.0 §6.2.5.1, PCIe 6.0 §7.5.1.2.1); size and start from the kernel's
 * sysfs `resource` file when the source had it. Config space alone cannot
 * size a BAR (that takes writing all ones to it), so without sysfs a size
 * is unknown, never guessed. Pure C.
 */
#ifndef VTDCERT_REF_PCI_BARS_H
#define VTDCERT_REF_PCI_BARS_H

#include <stdbool.h>
#include <stdint.h>

#include "pci_model.h"
#include "pci_regs.h"

/*
 * Lines of sysfs `resource` (Linux include/linux/pci.h): the six standard
 * BARs, then the expansion ROM; IOV BARs and bridge windows after.
 */
#define PCI_RES_STD_FIRST    0
#define PCI_RES_ROM          6       /* PCI_ROM_RESOURCE */
/* Resource flags (include/linux/ioport.h): what kind of space a line is. */
#define PCI_RESF_IO          0x00000100ull   /* IORESOURCE_IO */
#define PCI_RESF_MEM         0x00000200ull   /* IORESOURCE_MEM */

/* The page VFIO, the IOMMU and EPT map at on x86 (PAGE_SIZE). */
#define PCI_BAR_PAGE_SIZE    0x1000ull

enum pci_bar_type { PCI_BAR_MEM, PCI_BAR_IO, PCI_BAR_ROM };

struct pci_bar {
	uint8_t index;              /* 0..5; PCI_RES_ROM for the expansion ROM */
	enum pci_bar_type type;
	bool is64, prefetchable;    /* memory BARs only */
	uint64_t address;           /* the register's address bits (both halves) */
	bool size_known;            /* sysfs gave the resource */
	uint64_t size;
	bool start_known;           /* sysfs placed it, or the register holds an address */
	uint64_t start;
};

struct pci_bars {
	unsigned n;
	struct pci_bar b[PCI_STD_NUM_BARS + 1];
	bool sizes_known;           /* the source had sysfs `resource` for the function */
};

/*
 * The BARs of @f into @out, in index order, the ROM last. A BAR is listed
 * as lspci lists it (lspci.c show_bases()): its register reads nonzero or
 * the kernel gave it a size. Nothing listed for a function whose header
 * was not read.
 */
void pci_fn_bars(const struct pci_fn *f, struct pci_bars *out);
/* The BAR with register index @index, or NULL. */
const struct pci_bar *pci_bars_find(const struct pci_bars *bars, unsigned index);
/* "memory", "io", "rom" as `vtdcert bar --json` writes them. */
const char *pci_bar_type_name(enum pci_bar_type t);

#endif
