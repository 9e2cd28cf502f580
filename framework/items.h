/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kinds of item the framework knows (struct vt_items, suite.h): DMAR
 * structures of a type, device scopes, RMRRs, PCI functions, remapping
 * units, the kernel's groups. A suite may define its own (predicted groups).
 * Each knows how to walk the environment, what an item is called in a
 * result (its subject) and what evidence locates it (the offset of a
 * structure), so a predicate states only its judgement.
 */
#ifndef VTDCERT_FRAMEWORK_ITEMS_H
#define VTDCERT_FRAMEWORK_ITEMS_H

#include "suite.h"

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
/* What a result about a PCI function item (it->fn) names (caller frees). */
char *vt_pci_item_subject(const struct vt_ctx *ctx, const struct vt_item *it);
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
