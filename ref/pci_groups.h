/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IOMMU grouping as Linux decides it (drivers/iommu/iommu.c
 * pci_device_group(), drivers/pci/search.c pci_for_each_dma_alias(),
 * drivers/pci/pci.c pci_acs_enabled() and pci_acs_path_enabled(), the ACS
 * and DMA-alias quirks of drivers/pci/quirks.c), over the PCI model. Each
 * function ends in a predicted group with the causes that put it there,
 * so a verdict can say which port lacks which ACS bit, which bridge owns a
 * conventional device's requests, which functions of a card go together.
 *
 * Linux assigns groups device by device and takes the first existing group
 * it meets; over the same relations a union of sets gives the same
 * partition, in time linear in functions. Pure C, no I/O.
 */
#ifndef VTDCERT_REF_PCI_GROUPS_H
#define VTDCERT_REF_PCI_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pci_model.h"
#include "pci_quirks.h"
#include "pci_regs.h"

/* The ACS controls Linux requires along the path (iommu.c REQ_ACS_FLAGS). */
#define GROUP_REQ_ACS_FLAGS (PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF)

/*
 * The controls Linux sets on every function that offers them once an IOMMU
 * asks for ACS (pci.c pci_std_enable_acs(); Translation Blocking only for
 * untrusted or external-facing ports, or with ATS disabled).
 */
#define PCI_ACS_KERNEL_ENABLES (PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF)

/*
 * The ACS controls of @f as the kernel would leave them with an IOMMU on:
 * as read, with PCI_ACS_KERNEL_ENABLES added where offered. False when @f
 * has no ACS capability.
 */
bool group_acs_kernel_ctrl(const struct pci_fn *f, uint16_t *ctrl);

/* Why a function is not alone in its group. */
enum group_cause_kind {
	CAUSE_BRIDGE_ALIAS,         /* @who, a PCIe-to-PCI/X bridge, issues its requests */
	CAUSE_CONVENTIONAL_BRIDGE,  /* @who, a conventional PCI bridge, issues its requests */
	CAUSE_NO_ACS,               /* @who, a port on the path, lacks ACS @missing */
	CAUSE_MULTIFUNCTION,        /* a multifunction device without ACS isolation */
	CAUSE_DMA_ALIAS_QUIRK,      /* a device quirk: requests carry another function's ID */
};

struct group_cause {
	enum group_cause_kind kind;
	long who;                   /* the function responsible (index), or -1 */
	uint16_t missing;           /* CAUSE_NO_ACS: required controls not enabled */
	bool no_acs_cap;            /* CAUSE_NO_ACS: it has no ACS capability at all */
	const char *quirk;          /* the quirk that decided, or NULL */
};

#define GROUP_MAX_CAUSES 4

struct group_fn {
	long group;                 /* predicted group (0..ngroups-1), or -1: no IOMMU */
	long alias;                 /* the function whose requester ID it uses (itself, or a bridge) */
	unsigned ncauses;
	struct group_cause causes[GROUP_MAX_CAUSES];
};

struct pci_grouping {
	struct group_fn *fn;        /* one per model function, same index */
	size_t n;
	size_t ngroups;
};

/* What the kernel and firmware decided, beside the PCI model. */
struct group_inputs {
	/* Per function: whether an IOMMU translates it (NULL: every one). */
	const bool *translated;
	/* Per function: it is an SR-IOV VF (Linux: never multifunction). */
	const bool *is_vf;
	struct quirk_context quirks;    /* kernel version, ACS requested */
};

/* 0, or -1 when out of memory. Release with pci_grouping_free(). */
int pci_group_predict(const struct pci_model *m, const struct group_inputs *in,
		      struct pci_grouping *out);
void pci_grouping_free(struct pci_grouping *g);

/*
 * Linux's view of one function, for the verdicts: whether it counts as
 * multifunction (function 0's header bit; any other function of a slot,
 * pci_scan_slot(); never a VF), and whether pci_acs_enabled() holds for
 * the required controls, with the quirk that decided if any.
 */
bool group_fn_multifunction(const struct pci_model *m, const struct pci_fn *f, bool is_vf);
bool group_acs_enabled(const struct pci_model *m, const struct pci_fn *f, bool is_vf,
		       uint16_t flags, const struct quirk_context *qc, const char **quirk,
		       uint16_t *missing);

#endif
