/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The msi suite, static part: whether a function's MSI and MSI-X
 * capabilities are ones a VMM can emulate, whether SR-IOV VFs keep to
 * message interrupts, and which INTx lines functions that would go to
 * different guests share. It reads the PCI model (config space, sysfs irq
 * and resource) and the predicted IOMMU groups; nothing is changed.
 */
#ifndef VTDCERT_SUITES_MSI_H
#define VTDCERT_SUITES_MSI_H

#include "../../framework/items.h"
#include "msi_view.h"

extern const struct vt_suite msi_suite;

/* msi_caps.c */
extern const struct vt_check msi_capability_valid;
/* msi_intx.c */
extern const struct vt_check msi_vf_no_intx, msi_intx_shared;

/* The view prepare built. */
#define MSI_VIEW(ctx) ((const struct msi_view *)(ctx)->state)

/*
 * msi_items.c: functions with an MSI or MSI-X capability; SR-IOV VFs;
 * functions vfio-pci could bind that use an INTx pin the kernel routed
 * (sysfs irq known). it->fn, it->index.
 */
extern const struct vt_items msi_items_capable, msi_items_vfs, msi_items_intx;

#endif
