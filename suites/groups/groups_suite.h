/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The groups suite: which devices can be given to a guest alone, and
 * which only together, predicted from the hardware by the reference
 * grouping model (ref/pci_groups.h) and checked against the groups the
 * kernel made; with the warnings a user needs before trusting them.
 */
#ifndef VTDCERT_SUITES_GROUPS_H
#define VTDCERT_SUITES_GROUPS_H

#include "../../framework/items.h"
#include "groups_view.h"

extern const struct vt_suite groups_suite;

/* groups_checks.c */
extern const struct vt_check groups_iommu_on, groups_kernel_matches, groups_isolation;
/* groups_warnings.c */
extern const struct vt_check groups_acs_override, groups_rmrr_locked,
	groups_default_domain, groups_acs_enabled;

/* ---- shared by the checks (groups_items.c) ---- */

/* The view prepare built; NULL without a PCI model (checks that need one skip first). */
#define GROUPS_VIEW(ctx) ((const struct groups_view *)(ctx)->state)

/* The predicted groups (it->index is the group); the view's comparisons (it->p). */
extern const struct vt_items groups_items_predicted, groups_items_pairs;

/* Evidence "kernel": the version the verdict is for. */
void groups_ev_kernel(struct vt_result *r, const struct groups_view *v);
/* Evidence @key: the functions as a list of addresses. */
void groups_ev_devices(struct vt_result *r, const char *key, const struct groups_view *v,
		       const long *fns, size_t n);

#endif
