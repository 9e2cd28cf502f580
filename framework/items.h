/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The things a check judges one at a time: DMAR structures of a type,
 * device scopes, RMRRs, PCI functions, remapping units, the kernel's
 * groups, and whatever a suite defines for itself (predicted groups). A
 * kind of item knows how to walk the environment, what each item is
 * called in a result (its subject) and what evidence locates it (the
 * offset of a structure), so a predicate states only its judgement.
 */
#ifndef VTDCERT_FRAMEWORK_ITEMS_H
#define VTDCERT_FRAMEWORK_ITEMS_H

#include <stdbool.h>
#include <stddef.h>

#include "../ref/dmar_scope.h"

struct vt_ctx;
struct vt_result;
struct iommu_unit;
struct iommu_group;

/* One item; which fields are set depends on its kind. */
struct vt_item {
	size_t pos, subpos;         /* the walk's own cursor */
	size_t index;               /* of the structure, function, unit or group */
	size_t sub;                 /* a scope: its index in its structure */
	const struct dmar_struct *st;   /* a structure, or a scope's structure */
	const struct dmar_scope *scope;
	uint16_t segment;           /* a PCI scope: its structure's segment */
	struct scope_resolution res;    /* a PCI scope: where its path leads */
	const struct pci_fn *fn;
	const struct iommu_unit *unit;
	const struct iommu_group *group;
	const void *p;              /* a suite's own item */
};

struct vt_items {
	const char *noun;           /* "DRHD", "device scope": what one item is */
	unsigned needs;             /* enum vt_need bits the walk reads */
	/* Fill @it with the next item from it->pos on; false past the last. */
	bool (*next)(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it);
	/* What a result about @it names (caller frees). */
	char *(*subject)(const struct vt_ctx *ctx, const struct vt_item *it);
	/* Optional: evidence that locates @it in its source (its offset). */
	void (*evidence)(struct vt_result *r, const struct vt_item *it);
	unsigned arg;               /* the kind's parameter: a DMAR structure type */
};

/* Every structure; complete ones of a type (DRHD, RMRR, ...). */
extern const struct vt_items vt_items_structures, vt_items_drhds, vt_items_rmrrs,
	vt_items_atsrs, vt_items_rhsas, vt_items_andds;
/* Every device scope of every structure. */
extern const struct vt_items vt_items_scopes;
/*
 * The PCI endpoint and sub-hierarchy scopes of every structure that names a
 * segment, each resolved through the PCI model (it->res).
 */
extern const struct vt_items vt_items_pci_scopes;
/* DRHDs with a register base, each with the unit at that base (it->unit, or NULL). */
extern const struct vt_items vt_items_drhd_units;
/*
 * The pairing of DRHDs and the kernel's units: each DRHD with a register
 * base (it->st, it->unit when the kernel has one there), then each unit of
 * the kernel's that no DRHD names (it->unit, it->st NULL). None at all
 * when the kernel registered no unit.
 */
extern const struct vt_items vt_items_unit_pairs;
/* The PCI functions (it->fn, it->index). */
extern const struct vt_items vt_items_pci_functions;
/* The kernel's IOMMU groups (it->group). */
extern const struct vt_items vt_items_kernel_groups;

/* "/sys/firmware/acpi/tables/DMAR: DRHD #1 @0x48" for structure @si (caller frees). */
char *vt_dmar_subject(const struct vt_ctx *ctx, size_t si);
/* "... scope #0 @0x58" for scope @sci of structure @si (caller frees). */
char *vt_dmar_scope_subject(const struct vt_ctx *ctx, size_t si, size_t sci);
/* "/sys/bus/pci/devices/0000:00:1c.0" (caller frees). */
char *vt_pci_subject(const struct pci_fn *f);

#endif
