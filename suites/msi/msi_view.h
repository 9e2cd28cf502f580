/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Every function's interrupts as config space and sysfs show them: the
 * MSI and MSI-X capabilities (ref/pci_caps.h), where the MSI-X structures
 * sit against the BARs (ref/msix_layout.h), the INTx pin and the IRQ the
 * kernel routed it to. Built once; the msi suite judges it, `vtdcert msi`
 * lists it. With the groups (the suite), also which functions would go to
 * different guests (suites/groups/groups_view.h, over ref/pci_groups.h).
 */
#ifndef VTDCERT_SUITES_MSI_VIEW_H
#define VTDCERT_SUITES_MSI_VIEW_H

#include "../../framework/env.h"
#include "../../ref/msix_layout.h"
#include "../../ref/pci_bars.h"
#include "../../ref/pci_caps.h"
#include "../groups/groups_view.h"

/* The Interrupt Line/Pin values that route nothing: no pin, and x86's "unknown". */
#define MSI_IRQ_NONE        0u
#define MSI_IRQ_UNROUTED    0xffu

struct msi_fn {
	bool header;                /* the 64-byte header was read */
	bool assignable;            /* a type 0 header: vfio-pci binds only those */
	bool is_vf;                 /* sysfs physfn, or the PF's SR-IOV registers */
	bool has_msi, has_msix;     /* the capability is in the list */
	bool msi_read, msix_read;   /* ... and its registers were read */
	struct pci_msi msi;
	struct pci_msix msix;
	struct msix_layout layout;  /* has_msix && msix_read */
	enum msix_place table_place, pba_place;
	uint8_t pin;                /* Interrupt Pin: 0 none, 1-4 INTA-INTD */
	struct pci_bars bars;
};

struct msi_view {
	const struct pci_model *m;
	struct msi_fn *fns;         /* one per function of the model */
	size_t msix_unsized;        /* MSI-X functions whose BAR sizes are unknown */
	size_t intx_unknown;        /* assignable functions with a pin and no sysfs irq */
	bool have_groups;
	struct groups_view groups;  /* when have_groups */
	char groups_why[512];       /* why not, when !have_groups */
};

/*
 * Build @v over @env's PCI model (which must be available); with @groups,
 * predict the groups too (a failure leaves have_groups false, with why).
 */
void msi_view_build(struct msi_view *v, struct vt_env *env, bool groups);
void msi_view_free(struct msi_view *v);

/* Whether function @i's INTx is routed to a known IRQ (sysfs irq, not 0 or 255). */
bool msi_fn_irq(const struct msi_view *v, size_t i, unsigned *irq);

#endif
