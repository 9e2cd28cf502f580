// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The names of the legacy-mode fault reasons: the specification's (VT-d 4.1
 * Appendix A, shortened to a line) and Linux's, as dmar_fault_do_one()
 * prints them (drivers/iommu/intel/dmar.c, dma_remap_fault_reasons[],
 * indexed by the reason; 0 is its "Software").
 */
#include <stddef.h>

#include "vtd_translate.h"

#define REASONS (VTD_FR_LEGACY_LAST + 1)

static const char *const spec_names[REASONS] = {
	[VTD_FR_ROOT_NOT_PRESENT]     = "Present field in the root entry is clear",
	[VTD_FR_CONTEXT_NOT_PRESENT]  = "Present field in the context entry is clear",
	[VTD_FR_CONTEXT_INVALID]      = "Invalid programming of a present context entry",
	[VTD_FR_ADDR_BEYOND_AGAW]     = "Input address above 2^X - 1 (the context entry's AGAW "
					"or the MGAW)",
	[VTD_FR_WRITE]                = "Write request to a page without write permission",
	[VTD_FR_READ]                 = "Read request to a page without read permission",
	[VTD_FR_PAGING_ENTRY_ACCESS]  = "Error accessing a second-level paging entry",
	[VTD_FR_ROOT_TABLE_ACCESS]    = "Error accessing the root table (RTADDR.RTA)",
	[VTD_FR_CONTEXT_TABLE_ACCESS] = "Error accessing a context table (root entry CTP)",
	[VTD_FR_ROOT_RSVD]            = "Non-zero reserved field in a present root entry",
	[VTD_FR_CONTEXT_RSVD]         = "Non-zero reserved field in a present context entry",
	[VTD_FR_PAGING_ENTRY_RSVD]    = "Non-zero reserved field in a present second-level "
					"paging entry",
	[VTD_FR_TRANSLATION_BLOCKED]  = "Translation request blocked by a present context "
					"entry's TT",
};

static const char *const linux_names[REASONS] = {
	"Software",
	"Present bit in root entry is clear",
	"Present bit in context entry is clear",
	"Invalid context entry",
	"Access beyond MGAW",
	"PTE Write access is not set",
	"PTE Read access is not set",
	"Next page table ptr is invalid",
	"Root table address invalid",
	"Context table ptr is invalid",
	"non-zero reserved fields in RTP",
	"non-zero reserved fields in CTP",
	"non-zero reserved fields in PTE",
	"PCE for translation request specifies blocking",
};

const char *vtd_fault_reason_name(unsigned reason)
{
	return reason < REASONS ? spec_names[reason] : NULL;
}

const char *vtd_fault_reason_linux(unsigned reason)
{
	return reason < REASONS ? linux_names[reason] : NULL;
}
