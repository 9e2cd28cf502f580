/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The groups suite: which devices can be given to a guest alone, and
 * which only together, predicted from the hardware by the reference
 * grouping model (ref/pci_groups.h) and checked against the groups the
 * kernel made; with the warnings a user needs before trusting them.
 */
#ifndef VTDCERT_SUITES_GROUPS_H
#define VTDCERT_SUITES_GROUPS_H

#include "../../framework/suite.h"
#include "groups_view.h"

extern const struct vt_suite groups_suite;
extern const struct vt_check groups_checks[];
extern const struct vt_check groups_warning_checks[];

/* The view prepare built, or NULL when the PCI model is missing. */
#define GROUPS_VIEW(ctx) ((const struct groups_view *)(ctx)->state)

/* "/sys/bus/pci/devices/0000:00:1c.0" for function @i (caller frees). */
char *groups_fn_subject(const struct groups_view *v, long i);
/* Evidence "kernel": the version the verdict is for. */
void groups_ev_kernel(struct vt_result *r, const struct groups_view *v);

#endif
