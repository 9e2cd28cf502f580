/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bar suite: what a function's BARs mean for giving it to a guest.
 * Static: it reads config space and the kernel's sysfs `resource` file
 * through the PCI model, and the hazard database (built in, and
 * --hazards FILE through the run options). Every finding is a risk
 * (warn), but for MSI-X layouts QEMU refuses outright (fail).
 */
#ifndef VTDCERT_SUITES_BAR_H
#define VTDCERT_SUITES_BAR_H

#include "../../framework/items.h"
#include "bar_view.h"

extern const struct vt_suite bar_suite;

/* bar_checks.c */
extern const struct vt_check bar_sub_page, bar_page_shared, bar_msix_page,
	bar_internal_memory, bar_known_hazard;

/* The view prepare built. */
#define BAR_VIEW(ctx) ((const struct bar_view *)(ctx)->state)

/*
 * bar_items.c: functions vfio-pci could bind (type 0 headers); of those,
 * the ones with BAR sizes from sysfs, and the ones with MSI-X (it->fn,
 * it->index).
 */
extern const struct vt_items bar_items_assignable, bar_items_sized, bar_items_msix;

#endif
