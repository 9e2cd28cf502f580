/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The DMAR suite: checks of the ACPI DMA Remapping table against the VT-d
 * specification (table-only checks) and, with a live or snapshot source,
 * against the PCI model, the memory map and what the kernel made of it.
 * Its prepare decodes the table once (ref/dmar.h); every check reads the
 * decoded model through DMAR_T(ctx).
 */
#ifndef VTDCERT_SUITES_DMAR_H
#define VTDCERT_SUITES_DMAR_H

#include "../../framework/suite.h"
#include "../../ref/dmar.h"
#include "kernel_log.h"

/* The suite's state between prepare and release. */
struct dmar_state {
	struct dmar_table t;
};

#define DMAR_T(ctx) (&((const struct dmar_state *)(ctx)->state)->t)

extern const struct vt_suite dmar_suite;

/* Per-file check tables (each *_checks.c exports one), in run order. */
extern const struct vt_check dmar_table_checks[];
extern const struct vt_check dmar_struct_checks[];
extern const struct vt_check dmar_drhd_checks[];
extern const struct vt_check dmar_rmrr_checks[];
extern const struct vt_check dmar_misc_checks[];
extern const struct vt_check dmar_scope_pci_checks[];
extern const struct vt_check dmar_rmrr_memory_checks[];
extern const struct vt_check dmar_kernel_checks[];

/*
 * dmar.table.signature: passes when prepare decoded the table; prepare
 * reports its failure when the input is not a DMAR table (or is absent).
 */
extern const struct vt_check *const dmar_check_signature;

/* ---- reporting helpers (dmar_report.c): every result names where ---- */

/* "/sys/firmware/acpi/tables/DMAR: DRHD #1 @0x48" (caller frees) */
char *dmar_subject(const struct vt_ctx *ctx, size_t si);
char *dmar_scope_subject(const struct vt_ctx *ctx, size_t si, size_t sci);

/* Report at structure @si / scope @sci of it, with its offset as evidence. */
struct vt_result *dmar_report_struct(struct vt_ctx *ctx, enum vt_status st, size_t si,
				     const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
struct vt_result *dmar_report_scope(struct vt_ctx *ctx, enum vt_status st, size_t si,
				    size_t sci, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
