/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The in-memory structures of VT-d legacy-mode DMA remapping (RTADDR.TTM =
 * 00b; VT-d 4.1 chapter 9): root entries, context entries and second-level
 * paging entries, every field a named mask (VTD_FIELD() takes it out), and
 * the fault reasons a walk over them reports (Appendix A). The model in
 * vtd_translate.c reads these structures; vtd_sl_tables.c writes them.
 */
#ifndef VTDCERT_REF_VTD_ENTRIES_H
#define VTDCERT_REF_VTD_ENTRIES_H

#include <stdbool.h>
#include <stdint.h>

#include "vtd_regs.h"

/* Geometry (§3.6, §9.8): 4 KiB tables of 512 eight-byte entries, 9 bits a level. */
#define VTD_PAGE_SHIFT          12
#define VTD_PAGE_SIZE           (1ull << VTD_PAGE_SHIFT)
#define VTD_PAGE_MASK           (~(VTD_PAGE_SIZE - 1))
#define VTD_LEVEL_STRIDE        9
#define VTD_TABLE_ENTRIES       (1u << VTD_LEVEL_STRIDE)
#define VTD_SL_ENTRY_SIZE       8
/* Bytes one entry at @level (1 = the last) maps: 4 KiB, 2 MiB, 1 GiB, ... */
#define VTD_LEVEL_SIZE(level)   (1ull << (VTD_PAGE_SHIFT + VTD_LEVEL_STRIDE * ((level) - 1)))
/* The levels whose entries may be leaves: SL-PTE, SL-PDE (PS), SL-PDPE (PS). */
#define VTD_LEVEL_4K            1
#define VTD_LEVEL_2M            2
#define VTD_LEVEL_1G            3
#define VTD_SIZE_4K             VTD_LEVEL_SIZE(VTD_LEVEL_4K)
#define VTD_SIZE_2M             VTD_LEVEL_SIZE(VTD_LEVEL_2M)
#define VTD_SIZE_1G             VTD_LEVEL_SIZE(VTD_LEVEL_1G)
/* Host addresses are at most 52 bits wide: the ADDR fields end at bit 51. */
#define VTD_HAW_MAX             52

/*
 * §9.1 Root Entry (legacy mode), 128 bits; the root table holds one per bus,
 * 256 entries at RTADDR.RTA. The upper 64 bits are all reserved.
 */
#define VTD_ROOT_ENTRY_SIZE     16
#define VTD_ROOT_ENTRIES        256
#define VTD_RE_LO_P             VTD_BIT(0)          /* present */
#define VTD_RE_LO_RSVD          VTD_MASK(1, 11)
#define VTD_RE_LO_CTP           VTD_MASK(12, 52)    /* context table, 4 KiB aligned */
#define VTD_RE_HI_RSVD          VTD_MASK(0, 64)

/*
 * §9.3 Context Entry (legacy mode), 128 bits; a context table holds one per
 * device and function on the bus, 256 entries at the root entry's CTP.
 */
#define VTD_CONTEXT_ENTRY_SIZE  16
#define VTD_CONTEXT_ENTRIES     256
#define VTD_CE_LO_P             VTD_BIT(0)          /* present */
#define VTD_CE_LO_FPD           VTD_BIT(1)          /* fault processing disable */
#define VTD_CE_LO_TT            VTD_MASK(2, 2)      /* translation type */
#define  VTD_TT_UNTRANSLATED    0                   /* untranslated requests only */
#define  VTD_TT_DEVICE_TLB      1                   /* also translation requests (ATS) */
#define  VTD_TT_PASS_THROUGH    2                   /* untranslated: HPA = input (ECAP.PT) */
#define  VTD_TT_RESERVED        3
#define VTD_CE_LO_RSVD          VTD_MASK(4, 8)
#define VTD_CE_LO_SLPTPTR       VTD_MASK(12, 52)    /* second-level page table, 4 KiB aligned */
#define VTD_CE_HI_AW            VTD_MASK(0, 3)      /* address width: a SAGAW bit number */
#define  VTD_AW_39              1                   /* 3-level tables (VTD_SAGAW_39) */
#define  VTD_AW_48              2                   /* 4-level */
#define  VTD_AW_57              3                   /* 5-level */
#define VTD_CE_HI_IGN           VTD_MASK(3, 4)      /* available to software */
#define VTD_CE_HI_RSVD_LO       VTD_BIT(7)
#define VTD_CE_HI_DID           VTD_MASK(8, 16)     /* domain identifier */
#define VTD_CE_HI_RSVD          (VTD_CE_HI_RSVD_LO | VTD_MASK(24, 40))

/* What an AW value means (§3.6, §9.3): 30 + 9 * AW bits, AW + 2 levels. */
#define VTD_AGAW_BASE_WIDTH     30
#define VTD_AW_WIDTH(aw)        (VTD_AGAW_BASE_WIDTH + VTD_LEVEL_STRIDE * (aw))
#define VTD_AW_LEVELS(aw)       ((aw) + 2)
#define VTD_AW_MIN              VTD_AW_39           /* 2-level (AW 0) is gone from 4.x */
#define VTD_AW_MAX              VTD_AW_57
#define VTD_LEVELS_MAX          VTD_AW_LEVELS(VTD_AW_MAX)

/*
 * §9.8 Second-level paging entries (SL-PML5E, SL-PML4E, SL-PDPE, SL-PDE,
 * SL-PTE). A non-leaf entry points to the next table; PS in an SL-PDPE or
 * SL-PDE makes it a 1 GiB or 2 MiB leaf where CAP.SLLPS allows that size.
 * R = W = 0 is a not-present entry; nothing else in it is looked at.
 */
#define VTD_SL_R                VTD_BIT(0)          /* read */
#define VTD_SL_W                VTD_BIT(1)          /* write */
#define VTD_SL_X                VTD_BIT(2)          /* execute: ignored in legacy mode */
#define VTD_SL_EMT              VTD_MASK(3, 3)      /* memory type (leaf, ECAP.MTS) */
#define VTD_SL_IPAT             VTD_BIT(6)          /* ignore PAT (leaf, ECAP.MTS) */
#define VTD_SL_PS               VTD_BIT(7)          /* page size: leaf at level 2 or 3 */
#define VTD_SL_A                VTD_BIT(8)          /* accessed (ignored in legacy mode) */
#define VTD_SL_D                VTD_BIT(9)          /* dirty (ignored in legacy mode) */
#define VTD_SL_SNP              VTD_BIT(11)         /* snoop; reserved without ECAP.SC */
#define VTD_SL_ADDR             VTD_MASK(12, 40)    /* bits 51:12 of the table or page */
#define VTD_SL_IGN_HI           VTD_MASK(52, 10)
#define VTD_SL_TM               VTD_BIT(62)         /* transient mapping (device-TLB) */
#define VTD_SL_PERMS            (VTD_SL_R | VTD_SL_W)

/* SLLPS bits (CAP, §11.4.2): the large pages a second-level leaf may be. */
#define VTD_SLLPS_2M            VTD_BIT(0)
#define VTD_SLLPS_1G            VTD_BIT(1)

/* Whether @addr has a bit set at or above bit @width (any width, 64 included). */
static inline bool vtd_above_width(uint64_t addr, unsigned width)
{
	return width < 64 && addr >> width;
}

/* Where the entry for @bus, @devfn, and the one at @index of a table is. */
static inline uint64_t vtd_root_entry_at(uint64_t rta, uint8_t bus)
{
	return rta + (uint64_t)bus * VTD_ROOT_ENTRY_SIZE;
}

static inline uint64_t vtd_context_entry_at(uint64_t ctp, uint8_t devfn)
{
	return ctp + (uint64_t)devfn * VTD_CONTEXT_ENTRY_SIZE;
}

/* The index into a level-@level table that @iova selects (§3.6, Figure 3-7). */
static inline unsigned vtd_sl_index(uint64_t iova, unsigned level)
{
	return (unsigned)(iova >> (VTD_PAGE_SHIFT + VTD_LEVEL_STRIDE * (level - 1))) &
	       (VTD_TABLE_ENTRIES - 1);
}

/* Source ID: bus << 8 | devfn (PCIe requester ID; FRCD.SID, §11.4.7.1). */
#define VTD_SID(bus, devfn)     ((uint16_t)((bus) << 8 | (devfn)))
#define VTD_SID_BUS(sid)        ((uint8_t)((sid) >> 8))
#define VTD_SID_DEVFN(sid)      ((uint8_t)(sid))
#define VTD_DEVFN(dev, fn)      ((uint8_t)((dev) << 3 | (fn)))

/*
 * Appendix A, Non-Recoverable Fault Reason Encodings: those of legacy-mode
 * untranslated and translation requests (FRCD.FR, §11.4.7.1).
 */
enum vtd_fault_reason {
	VTD_FR_NONE                 = 0x0,
	VTD_FR_ROOT_NOT_PRESENT     = 0x1,
	VTD_FR_CONTEXT_NOT_PRESENT  = 0x2,
	VTD_FR_CONTEXT_INVALID      = 0x3,
	VTD_FR_ADDR_BEYOND_AGAW     = 0x4,
	VTD_FR_WRITE                = 0x5,
	VTD_FR_READ                 = 0x6,
	VTD_FR_PAGING_ENTRY_ACCESS  = 0x7,
	VTD_FR_ROOT_TABLE_ACCESS    = 0x8,
	VTD_FR_CONTEXT_TABLE_ACCESS = 0x9,
	VTD_FR_ROOT_RSVD            = 0xa,
	VTD_FR_CONTEXT_RSVD         = 0xb,
	VTD_FR_PAGING_ENTRY_RSVD    = 0xc,
	VTD_FR_TRANSLATION_BLOCKED  = 0xd,
	VTD_FR_LEGACY_LAST          = VTD_FR_TRANSLATION_BLOCKED,
};

#endif
