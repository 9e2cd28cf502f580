/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The device quirks of Linux's drivers/pci/quirks.c that change IOMMU
 * grouping: the ACS quirk table pci_dev_acs_enabled[] (what a device
 * without a usable ACS capability is taken to isolate), the DMA-alias
 * quirks (functions whose requests carry another function's ID), and the
 * bridge flags that change a requester ID or stop the alias walk. Each
 * entry cites the function it mirrors; entries that arrived later than
 * Linux 6.1 carry the mainline release that added them. Pure C, no I/O.
 */
#ifndef VTDCERT_REF_PCI_QUIRKS_H
#define VTDCERT_REF_PCI_QUIRKS_H

#include <stddef.h>
#include <stdint.h>

#include "kernel_version.h"
#include "pci_model.h"

/* What the kernel did that the quirks depend on. */
struct quirk_context {
	struct kernel_version kernel;   /* 0.0.0: unknown, every entry applies */
	bool acs_requested;             /* an IOMMU asked for ACS (pci_request_acs()) */
	/*
	 * The ACS controls pci_std_enable_acs() sets when an IOMMU asks for
	 * ACS are taken as set (PCI_ACS_KERNEL_ENABLES where the capability
	 * offers them): the prediction for a machine seen with its IOMMU off.
	 */
	bool acs_enable_assumed;
};

/*
 * pci_dev_specific_acs_enabled(): -1 when no quirk decides (the standard
 * rules apply), else 0 (not isolated) or 1 (isolated) for @flags, with the
 * quirk function's name in @name.
 */
int pci_quirk_acs(const struct pci_model *m, const struct pci_fn *f, uint16_t flags,
		  const struct quirk_context *qc, const char **name);

/*
 * The devfns on @f's bus whose requester ID @f's requests may carry
 * (pci_add_dma_alias() from a quirk), at most @max; the quirk in @name.
 */
size_t pci_quirk_dma_aliases(const struct pci_fn *f, const struct quirk_context *qc,
			     uint8_t *devfns, size_t max, const char **name);

/*
 * A conventional-looking bridge directly under a PCIe port that Linux
 * treats as a PCIe-to-PCI bridge (quirk_use_pcie_bridge_dma_alias():
 * PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS): its secondaries alias to bus:00.0.
 */
bool pci_quirk_bridge_alias(const struct pci_model *m, const struct pci_fn *bridge,
			    const char **name);

/* A bridge where the alias walk stops (PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT). */
bool pci_quirk_xlate_root(const struct pci_fn *bridge, const char **name);

/*
 * The PCIe Device/Port Type as Linux uses it (probe.c set_pcie_port_type()):
 * a Downstream Port under a Downstream Port is an Upstream Port and the
 * reverse, for switches that report the wrong one. -1 when not PCIe.
 */
int pci_linux_port_type(const struct pci_model *m, const struct pci_fn *f);

#endif
