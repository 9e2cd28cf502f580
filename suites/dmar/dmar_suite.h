/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The DMAR suite: checks of the ACPI DMA Remapping table against the VT-d
 * specification (table-only checks) and, with a live or snapshot source,
 * against the PCI model, the memory map and what the kernel made of it.
 * The table comes decoded from the environment (DMAR_T, with its index
 * DMAR_X); its gate, dmar.table.signature, says why there is none.
 */
#ifndef VTDCERT_SUITES_DMAR_H
#define VTDCERT_SUITES_DMAR_H

#include "../../framework/items.h"
#include "../../ref/dmar.h"
#include "../../ref/dmar_index.h"
#include "kernel_log.h"

#define DMAR_T(ctx) (&(ctx)->env->table)
#define DMAR_X(ctx) (&(ctx)->env->dmar_x)

extern const struct vt_suite dmar_suite;

/* table_checks.c: the header (ACPI §5.2.6, VT-d §8.1) */
extern const struct vt_check dmar_table_signature, dmar_table_length, dmar_table_checksum,
	dmar_table_haw, dmar_table_flags, dmar_table_has_drhd;
/* struct_checks.c: the structure list and device scopes (§8.2, §8.3.1) */
extern const struct vt_check dmar_struct_length, dmar_struct_order, dmar_struct_type_known,
	dmar_scope_length, dmar_scope_type_valid, dmar_segment_has_drhd;
/* drhd_checks.c (§8.3) */
extern const struct vt_check dmar_drhd_base_nonzero, dmar_drhd_base_aligned,
	dmar_drhd_base_unique, dmar_drhd_include_all_unique, dmar_drhd_include_all_last,
	dmar_drhd_include_all_scopes, dmar_drhd_has_scope;
/* rmrr_checks.c (§8.4) */
extern const struct vt_check dmar_rmrr_aligned, dmar_rmrr_range, dmar_rmrr_overlap,
	dmar_rmrr_has_scope;
/* misc_checks.c: ATSR, RHSA, ANDD (§8.5-§8.7) */
extern const struct vt_check dmar_atsr_scope, dmar_rhsa_drhd_exists, dmar_andd_name,
	dmar_andd_referenced, dmar_namespace_has_andd;
/* scope_pci_checks.c: device scopes against the PCI model */
extern const struct vt_check dmar_scope_device_present, dmar_scope_header_type;
/* rmrr_memory_checks.c: RMRRs against the memory map */
extern const struct vt_check dmar_rmrr_reserved_memory;
/* kernel_checks.c: the registers and the kernel */
extern const struct vt_check dmar_drhd_registers, dmar_drhd_iommu_unit,
	dmar_kernel_iommu_enabled, dmar_kernel_firmware_bugs;

#endif
