/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The groups as the reference predicts them for one machine, beside the
 * groups its kernel made: what the groups suite checks and what `vtdcert
 * groups` shows. Built from the environment once: the PCI model, which
 * devices an IOMMU translates (the DMAR's DRHD scopes, the kernel's state),
 * the kernel's version, and /sys/kernel/iommu_groups.
 */
#ifndef VTDCERT_SUITES_GROUPS_VIEW_H
#define VTDCERT_SUITES_GROUPS_VIEW_H

#include "../../framework/env.h"
#include "../../ref/dmar.h"
#include "../../ref/pci_groups.h"

struct groups_view {
	const struct pci_model *m;
	struct pci_grouping g;
	bool *translated;           /* per function */
	bool *is_vf;
	bool *known;                /* config space read far enough to predict */
	size_t nunknown;
	long *observed;             /* per function: the kernel's group, or -1 */
	bool have_observed;         /* /sys/kernel/iommu_groups could be read */
	bool iommu_on;
	struct group_inputs in;
	char kernel[32];            /* "6.1.119", or "" when unknown */
	char note[256];             /* what was assumed, or "" */
};

/*
 * Build the view; 0, or -1 with @why when the PCI model is missing (the
 * caller skips). The environment must outlive the view.
 */
int groups_view_build(struct vt_env *env, struct groups_view *v, char *why, size_t size);
void groups_view_free(struct groups_view *v);

/* Members of predicted group @gid (function indexes, sorted), at most @max. */
size_t groups_members(const struct groups_view *v, long gid, long *out, size_t max);
/* Members of the kernel's group @kid. */
size_t groups_observed_members(const struct groups_view *v, long kid, long *out, size_t max);
/* "0000:00:1c.0 0000:02:00.0" for @n functions (caller frees). */
char *groups_list_text(const struct groups_view *v, const long *fns, size_t n);

/*
 * The first of @n functions whose configuration space was not read far
 * enough to predict its group (the 256-byte header and capability list;
 * for PCIe, the extended space where ACS lives), or -1.
 */
long groups_first_unknown(const struct groups_view *v, const long *fns, size_t n);

/* Whether the functions of group @gid are all functions of one device (a card). */
bool groups_one_card(const struct groups_view *v, const long *fns, size_t n);

/*
 * One line on why function @i is in its group ("port 0000:00:1c.0 lacks
 * ACS RR, CR"); NULL when it has no cause (alone). Caller frees.
 */
char *groups_cause_text(const struct groups_view *v, long i, const struct group_cause *c);
/* "alone", "one card", "with companions", "not translated". */
const char *groups_verdict(const struct groups_view *v, long i);

#endif
