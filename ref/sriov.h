/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SR-IOV routing (PCIe 6.0 §9.2.1.2, §9.3.3): where a PF's VFs live, from
 * its config space alone. The SR-IOV suite predicts VFs with it; the PCI
 * model uses it to give each VF its identity, which its own header hides.
 */
#ifndef VTDCERT_REF_SRIOV_H
#define VTDCERT_REF_SRIOV_H

#include <stdbool.h>
#include <stdint.h>

#include "pci_model.h"

/* Routing ID: bus << 8 | device << 3 | function (§2.2.6.2). */
#define PCI_RID_BUS(rid)  ((uint8_t)((rid) >> 8))
#define PCI_RID_DEV(rid)  ((uint8_t)(((rid) >> 3) & 0x1f))
#define PCI_RID_FN(rid)   ((uint8_t)((rid) & 0x7))

static inline uint16_t pci_fn_rid(const struct pci_fn *f)
{
	return (uint16_t)(f->bus << 8 | f->dev << 3 | f->fn);
}

/*
 * Routing ID of VF @n (0-based) of the PF at @pf_rid: PF + First VF Offset +
 * n * VF Stride (§9.3.3.9, §9.3.3.10). False when it falls beyond bus 255,
 * which no VF may (§9.2.1.2).
 */
bool sriov_vf_rid(uint16_t pf_rid, uint16_t offset, uint16_t stride, unsigned n,
		  uint16_t *rid);

/*
 * For every PF whose VF Enable is set, mark the functions at its NumVFs VF
 * routing IDs as its VFs (f->pf, f->vf_index) and, where a VF's header reads
 * the all-ones Vendor and Device ID the specification gives VFs (§9.3.4.1.1,
 * §9.3.4.1.2), give it its real identity: the PF's Vendor ID and the PF's VF
 * Device ID, as lspci shows it. Functions absent from @m are skipped; a
 * function two PFs claim stays with the first.
 */
void sriov_link_vfs(struct pci_model *m);

#endif
