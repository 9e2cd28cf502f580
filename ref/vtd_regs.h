/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VT-d remapping hardware registers (VT-d 4.1 chapter 11), offsets from the
 * DRHD's register base, every field a named macro grouped by register with
 * its section: what the suites read of a unit, and what the interrupt
 * remapping and hardware suites will read. A field is a mask; VTD_FIELD()
 * takes it out of a register value.
 *
 * 32-bit registers are read as 32-bit accesses, 64-bit ones as aligned
 * 64-bit accesses (§11.2).
 */
#ifndef VTDCERT_REF_VTD_REGS_H
#define VTDCERT_REF_VTD_REGS_H

#include <stdint.h>

/* A contiguous field of @width bits from bit @shift. */
#define VTD_MASK(shift, width) ((~0ull >> (64 - (width))) << (shift))
#define VTD_BIT(n)             (1ull << (n))
/* The value of field @mask in @reg, shifted down. */
#define VTD_FIELD(reg, mask)   (((reg) & (mask)) / ((mask) & -(mask)))
/* @val placed in field @mask (the inverse of VTD_FIELD; excess bits dropped). */
#define VTD_FIELD_PREP(mask, val) (((uint64_t)(val) * ((mask) & -(mask))) & (mask))

/* A register block that is not decoded reads as all ones. */
#define VTD_REG_ALL_ONES       0xffffffffffffffffull
#define VTD_REG_BLOCK_SIZE     0x1000   /* §11.2: at least one 4 KiB page per unit */

/* §11.4.1 Version Register (32-bit) */
#define VTD_REG_VER            0x00
#define  VTD_VER_MIN           VTD_MASK(0, 4)
#define  VTD_VER_MAX           VTD_MASK(4, 4)

/* §11.4.2 Capability Register (64-bit) */
#define VTD_REG_CAP            0x08
#define  VTD_CAP_ND            VTD_MASK(0, 3)    /* domains: 2^(4 + 2 * ND) */
#define  VTD_CAP_AFL           VTD_BIT(3)        /* advanced fault logging */
#define  VTD_CAP_RWBF          VTD_BIT(4)        /* required write-buffer flushing */
#define  VTD_CAP_PLMR          VTD_BIT(5)        /* protected low-memory region */
#define  VTD_CAP_PHMR          VTD_BIT(6)        /* protected high-memory region */
#define  VTD_CAP_CM            VTD_BIT(7)        /* caching mode (a virtual unit) */
#define  VTD_CAP_SAGAW         VTD_MASK(8, 5)    /* supported adjusted guest address widths */
#define   VTD_SAGAW_39         VTD_BIT(1)        /* 3-level tables, within SAGAW */
#define   VTD_SAGAW_48         VTD_BIT(2)        /* 4-level */
#define   VTD_SAGAW_57         VTD_BIT(3)        /* 5-level */
#define  VTD_CAP_MGAW          VTD_MASK(16, 6)   /* maximum guest address width - 1 */
#define  VTD_CAP_ZLR           VTD_BIT(22)       /* zero-length read */
#define  VTD_CAP_FRO           VTD_MASK(24, 10)  /* fault-recording registers at FRO * 16 */
#define  VTD_CAP_SLLPS         VTD_MASK(34, 4)   /* second-level large pages: 2M, 1G, ... */
#define  VTD_CAP_PSI           VTD_BIT(39)       /* page-selective invalidation */
#define  VTD_CAP_NFR           VTD_MASK(40, 8)   /* fault-recording registers - 1 */
#define  VTD_CAP_MAMV          VTD_MASK(48, 6)   /* maximum address mask value */
#define  VTD_CAP_DWD           VTD_BIT(54)       /* write draining */
#define  VTD_CAP_DRD           VTD_BIT(55)       /* read draining */
#define  VTD_CAP_FL1GP         VTD_BIT(56)       /* first-level 1 GiB pages */
#define  VTD_CAP_PI            VTD_BIT(59)       /* posted interrupts */
#define  VTD_CAP_FL5LP         VTD_BIT(60)       /* first-level 5-level paging */
#define  VTD_CAP_ESIRTPS       VTD_BIT(62)       /* SIRTP also invalidates the IR caches */
#define  VTD_CAP_ESRTPS        VTD_BIT(63)       /* SRTP also invalidates the caches */

/* §11.4.3 Extended Capability Register (64-bit) */
#define VTD_REG_ECAP           0x10
#define  VTD_ECAP_C            VTD_BIT(0)        /* page-walk coherency */
#define  VTD_ECAP_QI           VTD_BIT(1)        /* queued invalidation */
#define  VTD_ECAP_DT           VTD_BIT(2)        /* device-TLB (ATS) */
#define  VTD_ECAP_IR           VTD_BIT(3)        /* interrupt remapping */
#define  VTD_ECAP_EIM          VTD_BIT(4)        /* extended interrupt mode: 32-bit x2APIC IDs */
#define  VTD_ECAP_PT           VTD_BIT(6)        /* pass-through translation type */
#define  VTD_ECAP_SC           VTD_BIT(7)        /* snoop control */
#define  VTD_ECAP_IRO          VTD_MASK(8, 10)   /* IOTLB registers at IRO * 16 */
#define  VTD_ECAP_MHMV         VTD_MASK(20, 4)   /* maximum handle mask value */
#define  VTD_ECAP_MTS          VTD_BIT(25)       /* memory type support */
#define  VTD_ECAP_NEST         VTD_BIT(26)       /* nested translation */
#define  VTD_ECAP_PRS          VTD_BIT(29)       /* page requests */
#define  VTD_ECAP_ERS          VTD_BIT(30)       /* execute requests */
#define  VTD_ECAP_SRS          VTD_BIT(31)       /* supervisor requests */
#define  VTD_ECAP_NWFS         VTD_BIT(33)       /* no-write flag */
#define  VTD_ECAP_EAFS         VTD_BIT(34)       /* extended accessed flag */
#define  VTD_ECAP_PSS          VTD_MASK(35, 5)   /* PASID bits - 1 */
#define  VTD_ECAP_PASID        VTD_BIT(40)       /* process address space IDs */
#define  VTD_ECAP_DIT          VTD_BIT(41)       /* device-TLB invalidation throttle */
#define  VTD_ECAP_PDS          VTD_BIT(42)       /* page-request drain */
#define  VTD_ECAP_SMTS         VTD_BIT(43)       /* scalable-mode translation */
#define  VTD_ECAP_VCS          VTD_BIT(44)       /* virtual command */
#define  VTD_ECAP_SLADS        VTD_BIT(45)       /* second-level accessed/dirty */
#define  VTD_ECAP_SLTS         VTD_BIT(46)       /* second-level translation */
#define  VTD_ECAP_FLTS         VTD_BIT(47)       /* first-level translation */
#define  VTD_ECAP_SMPWCS       VTD_BIT(48)       /* scalable-mode page-walk coherency */
#define  VTD_ECAP_RPS          VTD_BIT(49)       /* RID-PASID */
#define  VTD_ECAP_ADMS         VTD_BIT(52)       /* abort-DMA mode */
#define  VTD_ECAP_RPRIVS       VTD_BIT(53)       /* RID_PRIV */

/* §11.4.4.1 Global Command Register (32-bit, write) */
#define VTD_REG_GCMD           0x18
#define  VTD_GCMD_CFI          VTD_BIT(23)       /* compatibility format interrupts */
#define  VTD_GCMD_SIRTP        VTD_BIT(24)       /* set interrupt remap table pointer */
#define  VTD_GCMD_IRE          VTD_BIT(25)       /* interrupt remapping enable */
#define  VTD_GCMD_QIE          VTD_BIT(26)       /* queued invalidation enable */
#define  VTD_GCMD_WBF          VTD_BIT(27)       /* write buffer flush */
#define  VTD_GCMD_EAFL         VTD_BIT(28)       /* enable advanced fault logging */
#define  VTD_GCMD_SFL          VTD_BIT(29)       /* set fault log */
#define  VTD_GCMD_SRTP         VTD_BIT(30)       /* set root table pointer */
#define  VTD_GCMD_TE           VTD_BIT(31)       /* translation enable */

/* §11.4.4.2 Global Status Register (32-bit): the state GCMD asked for */
#define VTD_REG_GSTS           0x1c
#define  VTD_GSTS_CFIS         VTD_BIT(23)
#define  VTD_GSTS_IRTPS        VTD_BIT(24)
#define  VTD_GSTS_IRES         VTD_BIT(25)
#define  VTD_GSTS_QIES         VTD_BIT(26)
#define  VTD_GSTS_WBFS         VTD_BIT(27)
#define  VTD_GSTS_AFLS         VTD_BIT(28)
#define  VTD_GSTS_FLS          VTD_BIT(29)
#define  VTD_GSTS_RTPS         VTD_BIT(30)
#define  VTD_GSTS_TES          VTD_BIT(31)

/* §11.4.5 Root Table Address Register (64-bit) */
#define VTD_REG_RTADDR         0x20
#define  VTD_RTADDR_TTM        VTD_MASK(10, 2)   /* translation table mode */
#define   VTD_TTM_LEGACY       0
#define   VTD_TTM_SCALABLE     1
#define   VTD_TTM_ABORT_DMA    3
#define  VTD_RTADDR_RTA        VTD_MASK(12, 52)  /* root table, 4 KiB aligned */

/* §11.4.6 Context Command Register (64-bit) */
#define VTD_REG_CCMD           0x28
#define  VTD_CCMD_DID          VTD_MASK(0, 16)
#define  VTD_CCMD_SID          VTD_MASK(16, 16)
#define  VTD_CCMD_FM           VTD_MASK(32, 2)
#define  VTD_CCMD_CAIG         VTD_MASK(59, 2)   /* actual invalidation granularity */
#define  VTD_CCMD_CIRG         VTD_MASK(61, 2)   /* requested granularity */
#define   VTD_CCMD_GLOBAL      1
#define   VTD_CCMD_DOMAIN      2
#define   VTD_CCMD_DEVICE      3
#define  VTD_CCMD_ICC          VTD_BIT(63)       /* invalidate: set, hardware clears */

/* §11.4.7 Fault Status Register (32-bit) */
#define VTD_REG_FSTS           0x34
#define  VTD_FSTS_PFO          VTD_BIT(0)        /* primary fault overflow */
#define  VTD_FSTS_PPF          VTD_BIT(1)        /* primary pending fault */
#define  VTD_FSTS_AFO          VTD_BIT(2)
#define  VTD_FSTS_APF          VTD_BIT(3)
#define  VTD_FSTS_IQE          VTD_BIT(4)        /* invalidation queue error */
#define  VTD_FSTS_ICE          VTD_BIT(5)        /* invalidation completion error */
#define  VTD_FSTS_ITE          VTD_BIT(6)        /* invalidation time-out error */
#define  VTD_FSTS_FRI          VTD_MASK(8, 8)    /* fault record index */

/* §11.4.7.2-5 Fault Event Control, Data, Address, Upper Address (32-bit) */
#define VTD_REG_FECTL          0x38
#define  VTD_FECTL_IP          VTD_BIT(30)       /* interrupt pending */
#define  VTD_FECTL_IM          VTD_BIT(31)       /* interrupt mask */
#define VTD_REG_FEDATA         0x3c
#define VTD_REG_FEADDR         0x40
#define VTD_REG_FEUADDR        0x44

/* §11.4.8.1 Protected Memory Enable Register (32-bit) */
#define VTD_REG_PMEN           0x64
#define  VTD_PMEN_PRS          VTD_BIT(0)        /* protected region status */
#define  VTD_PMEN_EPM          VTD_BIT(31)       /* enable protected memory */

/* §11.4.9 Invalidation Queue Head, Tail (64-bit): 128-bit descriptor index << 4 */
#define VTD_REG_IQH            0x80
#define  VTD_IQH_QH            VTD_MASK(4, 15)
#define VTD_REG_IQT            0x88
#define  VTD_IQT_QT            VTD_MASK(4, 15)
/* §11.4.9.3 Invalidation Queue Address Register (64-bit) */
#define VTD_REG_IQA            0x90
#define  VTD_IQA_QS            VTD_MASK(0, 3)    /* 2^QS 4 KiB pages */
#define  VTD_IQA_DW            VTD_BIT(11)       /* 256-bit descriptors */
#define  VTD_IQA_IQA           VTD_MASK(12, 52)
/* §11.4.9.4 Invalidation Completion Status Register (32-bit) */
#define VTD_REG_ICS            0x9c
#define  VTD_ICS_IWC           VTD_BIT(0)        /* invalidation wait descriptor complete */

/* §11.4.10.1 Interrupt Remapping Table Address Register (64-bit) */
#define VTD_REG_IRTA           0xb8
#define  VTD_IRTA_S            VTD_MASK(0, 4)    /* 2^(S + 1) entries */
#define  VTD_IRTA_EIME         VTD_BIT(11)       /* extended interrupt mode: x2APIC */
#define  VTD_IRTA_IRTA         VTD_MASK(12, 52)

/*
 * §11.4.8.1 IOTLB registers at ECAP.IRO * 16: Invalidate Address (+0) and
 * IOTLB Invalidate (+8), both 64-bit.
 */
#define VTD_IOTLB_UNIT         16
#define VTD_REG_IVA(iro)       ((iro) * VTD_IOTLB_UNIT)
#define VTD_REG_IOTLB(iro)     ((iro) * VTD_IOTLB_UNIT + 8)
#define  VTD_IOTLB_DID         VTD_MASK(32, 16)
#define  VTD_IOTLB_DW          VTD_BIT(48)
#define  VTD_IOTLB_DR          VTD_BIT(49)
#define  VTD_IOTLB_IAIG        VTD_MASK(57, 2)
#define  VTD_IOTLB_IIRG        VTD_MASK(60, 2)
#define   VTD_IOTLB_GLOBAL     1
#define   VTD_IOTLB_DOMAIN     2
#define   VTD_IOTLB_PAGE       3
#define  VTD_IOTLB_IVT         VTD_BIT(63)

/*
 * §11.4.7.1 Fault Recording Registers at CAP.FRO * 16, CAP.NFR + 1 of them,
 * 128 bits each: the fault information in the low qword, the rest high.
 */
#define VTD_FRCD_SIZE          16
#define VTD_REG_FRCD(fro, i)   ((fro) * 16 + (i) * VTD_FRCD_SIZE)
#define  VTD_FRCD_LO_FI        VTD_MASK(12, 52)  /* faulting page address */
#define  VTD_FRCD_HI_SID       VTD_MASK(0, 16)   /* source ID: bus, device, function */
#define  VTD_FRCD_HI_T2        VTD_BIT(28)
#define  VTD_FRCD_HI_PRIV      VTD_BIT(29)
#define  VTD_FRCD_HI_EXE       VTD_BIT(30)
#define  VTD_FRCD_HI_PP        VTD_BIT(31)       /* PASID present */
#define  VTD_FRCD_HI_FR        VTD_MASK(32, 8)   /* fault reason (Appendix A) */
#define  VTD_FRCD_HI_PV        VTD_MASK(40, 20)  /* PASID value */
#define  VTD_FRCD_HI_AT        VTD_MASK(60, 2)
#define  VTD_FRCD_HI_T1        VTD_BIT(62)       /* with T2: 0 write, 1 read */
#define  VTD_FRCD_HI_F         VTD_BIT(63)       /* the record holds a fault */

/* The registers a unit's snapshot keeps, with their width (§11.4). */
struct vtd_reg_def {
	const char *name;
	unsigned offset;
	unsigned width;             /* 4 or 8 bytes */
};

/* A named field of a register, for showing it field by field. */
struct vtd_field_def {
	const char *name;
	uint64_t mask;
};

#endif
