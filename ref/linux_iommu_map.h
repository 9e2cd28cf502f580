/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What Linux's Intel IOMMU driver writes into a second-level leaf for a
 * mapping with IOMMU_READ and/or IOMMU_WRITE (the VFIO_DMA_MAP_FLAG_READ /
 * _WRITE of a type1 map): the permissions the reference translation must
 * walk to say what Linux, not an ideal driver, lets a device do.
 *
 * drivers/iommu/intel/iommu.c __domain_mapping() takes DMA_PTE_READ and
 * DMA_PTE_WRITE from the mapping and then ORs in DMA_FL_PTE_PRESENT, the
 * first-level present bit, bit 0, for both page-table formats. In a
 * second-level entry bit 0 is R (VT-d 4.1 §9.8): every leaf Linux writes
 * is readable, and a write-only mapping reads back. Seen in the QEMU guest
 * on Debian's 6.1 and 6.12 (the leaf of a write-only map is 0x...003).
 * Pure C.
 */
#ifndef VTDCERT_REF_LINUX_IOMMU_MAP_H
#define VTDCERT_REF_LINUX_IOMMU_MAP_H

#include <stdbool.h>

/* The VTD_SL_R / VTD_SL_W bits of the leaf for a mapping @readable / @writable. */
unsigned linux_sl_leaf_perms(bool readable, bool writable);

#endif
