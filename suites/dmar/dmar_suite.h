/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The DMAR suite: checks of the ACPI DMA Remapping table against the VT-d
 * specification (table-only checks) and, with a live or snapshot source,
 * against the PCI tree, the memory map and what the kernel made of it.
 */
#ifndef VTDCERT_SUITES_DMAR_H
#define VTDCERT_SUITES_DMAR_H

#include "../../platform/platform.h"
#include "../../ref/dmar.h"
#include "../../ref/pci_topology.h"
#include "../../results/results.h"
#include "kernel_log.h"
#include "memmap.h"

#define DMAR_SUITE "dmar"

/* An IOMMU unit the kernel registered (/sys/class/iommu/dmarN). */
struct iommu_unit {
	char name[32];
	uint64_t address;
	uint64_t cap, ecap;
	bool have_regs;             /* cap and ecap were readable */
};

/* What a live or snapshot source adds to the table. */
struct dmar_env {
	struct vt_platform *plat;
	struct pci_topology pci;
	char *pci_err;              /* why pci is unavailable, or NULL */
	struct mem_map memmap;
	char *memmap_err;           /* why memmap is unavailable, or NULL */
	struct iommu_unit *units;
	size_t nunits;
	char *cmdline;              /* kernel command line, or NULL */
	struct klog_lines fw_bugs;  /* "[Firmware Bug]" lines of the VT-d code */
	struct klog_lines refusals; /* lines saying why remapping is off */
	char *klog_err;             /* why the kernel log is unavailable, or NULL */
};

struct dmar_ctx {
	struct vt_results *rs;
	const char *name;           /* file path or platform path of the table */
	const struct dmar_table *t;
	const struct dmar_env *env; /* NULL in table-only runs */
};

struct dmar_check {
	struct vt_check_info info;
	void (*run)(struct dmar_ctx *ctx, const struct vt_check_info *ck);
};

/* Per-file check tables (each *_checks.c exports one). */
extern const struct dmar_check dmar_table_checks[];
extern const struct dmar_check dmar_struct_checks[];
extern const struct dmar_check dmar_drhd_checks[];
extern const struct dmar_check dmar_rmrr_checks[];
extern const struct dmar_check dmar_misc_checks[];
extern const struct dmar_check dmar_platform_checks[];

/* Every DMAR check, in run order; NULL-terminated. */
const struct dmar_check *const *dmar_all_checks(void);

/* The check that reports an input which is not a DMAR table at all. */
extern const struct vt_check_info dmar_check_signature;

/*
 * Run the suite on each file (table-only checks; platform checks skip).
 * Returns the number of inputs that were not DMAR tables.
 */
size_t dmar_run_files(struct vt_results *rs, char *const *files, size_t n);
/* Run the suite on the platform's table with every check. 0 or 1 as above. */
size_t dmar_run_platform(struct vt_results *rs, struct vt_platform *p);

/* ---- reporting helpers (dmar_report.c) ---- */

/* "FILE: DRHD #1 @0x48" (caller frees) */
char *dmar_subject(const struct dmar_ctx *ctx, size_t si);
char *dmar_scope_subject(const struct dmar_ctx *ctx, size_t si, size_t sci);

struct vt_result *dmar_report(struct dmar_ctx *ctx, const struct vt_check_info *ck,
			      enum vt_status st, const char *subject,
			      const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Report at structure @si / scope @sci of it. */
struct vt_result *dmar_report_struct(struct dmar_ctx *ctx,
				     const struct vt_check_info *ck,
				     enum vt_status st, size_t si,
				     const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
struct vt_result *dmar_report_scope(struct dmar_ctx *ctx,
				    const struct vt_check_info *ck,
				    enum vt_status st, size_t si, size_t sci,
				    const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * The end of a check's loop: nothing when it reported failures (@bad), skip
 * with @none when nothing applied (@seen == 0), else pass with the message.
 */
void dmar_conclude(struct dmar_ctx *ctx, const struct vt_check_info *ck,
		   size_t bad, size_t seen, const char *none, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));


#endif
