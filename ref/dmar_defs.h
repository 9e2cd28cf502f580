/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ACPI DMA Remapping (DMAR) table layout, per the Intel Virtualization
 * Technology for Directed I/O Architecture Specification (VT-d), chapter 8
 * "BIOS Considerations". Section numbers are those of revision 4.1; they have
 * been stable since revision 2.x for the structures that existed then.
 *
 * Every offset is relative to the start of the structure it belongs to.
 */
#ifndef VTDCERT_REF_DMAR_DEFS_H
#define VTDCERT_REF_DMAR_DEFS_H

/* ACPI System Description Table header (ACPI 6.5 §5.2.6) */
#define ACPI_HDR_SIGNATURE         0   /* 4 bytes */
#define ACPI_HDR_LENGTH            4   /* u32, whole table incl. header */
#define ACPI_HDR_REVISION          8   /* u8 */
#define ACPI_HDR_CHECKSUM          9   /* u8, all bytes sum to zero */
#define ACPI_HDR_OEM_ID            10  /* 6 bytes */
#define ACPI_HDR_OEM_TABLE_ID      16  /* 8 bytes */
#define ACPI_HDR_OEM_REVISION      24  /* u32 */
#define ACPI_HDR_CREATOR_ID        28  /* 4 bytes */
#define ACPI_HDR_CREATOR_REVISION  32  /* u32 */
#define ACPI_HDR_SIZE              36
#define ACPI_OEM_ID_LEN            6
#define ACPI_OEM_TABLE_ID_LEN      8
#define ACPI_NAME_LEN              4

/* DMA Remapping Reporting Structure (VT-d §8.1) */
#define DMAR_SIGNATURE             "DMAR"
#define DMAR_REVISION              1
#define DMAR_HAW                   36  /* u8: Host Address Width N-1 */
#define DMAR_FLAGS                 37  /* u8 */
#define DMAR_RESERVED              38  /* 10 bytes */
#define DMAR_RESERVED_LEN          10
#define DMAR_HEADER_SIZE           48  /* remapping structures start here */

#define DMAR_FLAG_INTR_REMAP       (1u << 0)  /* §8.1 interrupt remapping supported */
#define DMAR_FLAG_X2APIC_OPT_OUT   (1u << 1)  /* §8.1 firmware asks OS not to enable x2APIC */
#define DMAR_FLAG_DMA_CTRL_PLATFORM_OPT_IN (1u << 2) /* §8.1 DMA protection during boot */
#define DMAR_FLAGS_DEFINED         0x07u

/*
 * A host address width below the 4 KiB page size cannot describe any page:
 * Linux rejects such tables (dmar.c: "Invalid DMAR haw").
 */
#define DMAR_MIN_HAW_BITS          12
#define DMAR_PAGE_SIZE             0x1000ull

/* Remapping structure header (VT-d §8.2) */
#define DMAR_STRUCT_TYPE           0   /* u16 */
#define DMAR_STRUCT_LENGTH         2   /* u16, includes device scopes */
#define DMAR_STRUCT_HDR_SIZE       4

/* Remapping structure types (VT-d §8.2), reported in this numerical order */
enum dmar_struct_type {
	DMAR_TYPE_DRHD = 0,  /* §8.3 DMA Remapping Hardware Unit Definition */
	DMAR_TYPE_RMRR = 1,  /* §8.4 Reserved Memory Region Reporting */
	DMAR_TYPE_ATSR = 2,  /* §8.5 Root Port ATS Capability Reporting */
	DMAR_TYPE_RHSA = 3,  /* §8.6 Remapping Hardware Static Affinity */
	DMAR_TYPE_ANDD = 4,  /* §8.7 ACPI Name-space Device Declaration */
	DMAR_TYPE_SATC = 5,  /* §8.8 SoC Integrated Address Translation Cache */
	DMAR_TYPE_SIDP = 6,  /* §8.9 SoC Integrated Device Property */
	DMAR_TYPE_COUNT
};

/* DRHD (VT-d §8.3) */
#define DRHD_FLAGS                 4   /* u8 */
#define DRHD_SIZE                  5   /* u8: register set is 2^size 4 KiB pages (rev 3.0+) */
#define DRHD_SEGMENT               6   /* u16 */
#define DRHD_REGISTER_BASE         8   /* u64 */
#define DRHD_SCOPES                16
#define DRHD_FLAG_INCLUDE_PCI_ALL  (1u << 0)
#define DRHD_SIZE_MASK             0x0fu

/* RMRR (VT-d §8.4) */
#define RMRR_RESERVED              4   /* u16 */
#define RMRR_SEGMENT               6   /* u16 */
#define RMRR_BASE                  8   /* u64, 4 KiB aligned */
#define RMRR_LIMIT                 16  /* u64, last byte; limit+1 4 KiB aligned */
#define RMRR_SCOPES                24

/* ATSR (VT-d §8.5) and SATC (§8.8) share this layout */
#define ATSR_FLAGS                 4   /* u8 */
#define ATSR_RESERVED              5   /* u8 */
#define ATSR_SEGMENT               6   /* u16 */
#define ATSR_SCOPES                8
#define ATSR_FLAG_ALL_PORTS        (1u << 0)
#define SATC_FLAG_ATC_REQUIRED     (1u << 0)

/* RHSA (VT-d §8.6) */
#define RHSA_RESERVED              4   /* u32 */
#define RHSA_REGISTER_BASE         8   /* u64 */
#define RHSA_PROXIMITY_DOMAIN      16  /* u32 */
#define RHSA_SIZE                  20

/* ANDD (VT-d §8.7) */
#define ANDD_RESERVED              4   /* 3 bytes */
#define ANDD_RESERVED_LEN          3
#define ANDD_DEVICE_NUMBER         7   /* u8, matched by namespace scopes' Enumeration ID */
#define ANDD_OBJECT_NAME           8   /* NUL-terminated ASCII, to the end */

/* SIDP (VT-d §8.9) */
#define SIDP_RESERVED              4   /* u16 */
#define SIDP_SEGMENT               6   /* u16 */
#define SIDP_SCOPES                8

/* Device Scope (VT-d §8.3.1) */
#define SCOPE_TYPE                 0   /* u8 */
#define SCOPE_LENGTH               1   /* u8, 6 + 2 * path entries */
#define SCOPE_FLAGS                2   /* u8, used by SIDP scopes (rev 4.1) */
#define SCOPE_RESERVED             3   /* u8 */
#define SCOPE_ENUMERATION_ID       4   /* u8: IOAPIC id, HPET number, ANDD number */
#define SCOPE_START_BUS            5   /* u8 */
#define SCOPE_PATH                 6   /* (device, function) byte pairs */
#define SCOPE_HDR_SIZE             6
#define SCOPE_PATH_ENTRY_SIZE      2
#define SCOPE_MIN_SIZE             (SCOPE_HDR_SIZE + SCOPE_PATH_ENTRY_SIZE)
#define SCOPE_MAX_PATH             ((255 - SCOPE_HDR_SIZE) / SCOPE_PATH_ENTRY_SIZE)

enum dmar_scope_type {
	SCOPE_TYPE_ENDPOINT  = 1,  /* PCI endpoint device (header type 0) */
	SCOPE_TYPE_BRIDGE    = 2,  /* PCI sub-hierarchy: bridge and all below it */
	SCOPE_TYPE_IOAPIC    = 3,  /* §8.3.1.1 I/O APIC */
	SCOPE_TYPE_HPET      = 4,  /* §8.3.1.2 MSI-capable HPET timer block */
	SCOPE_TYPE_NAMESPACE = 5,  /* §8.3.1.3 ACPI name-space device (see ANDD) */
	SCOPE_TYPE_MAX       = SCOPE_TYPE_NAMESPACE
};

/* Bit mask of scope types: which types a structure may carry. */
#define SCOPE_BIT(t)               (1u << (t))

#endif
