// SPDX-License-Identifier: GPL-2.0-or-later
/* The leaf permissions Linux writes (linux_iommu_map.h). */
#include "linux_iommu_map.h"
#include "vtd_entries.h"

/* drivers/iommu/intel/iommu.h: the first-level present bit, bit 0 of any entry. */
#define LINUX_DMA_FL_PTE_PRESENT VTD_SL_R

unsigned linux_sl_leaf_perms(bool readable, bool writable)
{
	unsigned attr = (readable ? VTD_SL_R : 0) | (writable ? VTD_SL_W : 0);

	/* __domain_mapping(): attr |= DMA_FL_PTE_PRESENT, whatever the format. */
	return attr | LINUX_DMA_FL_PTE_PRESENT;
}
