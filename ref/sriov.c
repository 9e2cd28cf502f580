// SPDX-License-Identifier: GPL-2.0-or-later
#include "sriov.h"

#include "pci_caps.h"
#include "pci_regs.h"

/* What a VF's Vendor ID and Device ID read (§9.3.4.1.1, §9.3.4.1.2). */
#define SRIOV_VF_ID_ALL_ONES 0xffff

bool sriov_vf_rid(uint16_t pf_rid, uint16_t offset, uint16_t stride, unsigned n,
		  uint16_t *rid)
{
	uint32_t r = (uint32_t)pf_rid + offset + (uint32_t)n * stride;

	if (r > UINT16_MAX)
		return false;
	*rid = (uint16_t)r;
	return true;
}

/* Link VF @n at @rid to its PF; false when no function is there. */
static bool link_vf(struct pci_model *m, long pf_index, const struct pci_sriov *s,
		    unsigned n, uint16_t rid)
{
	const struct pci_fn *pf = &m->fns[pf_index];
	const struct pci_fn *found = pci_model_find(m, pf->segment, PCI_RID_BUS(rid),
						    PCI_RID_DEV(rid), PCI_RID_FN(rid));
	struct pci_fn *vf;

	if (!found)
		return false;
	vf = &m->fns[found - m->fns];
	if (vf == pf || vf->pf != PCI_NO_PARENT)
		return true;
	vf->pf = pf_index;
	vf->vf_index = (uint16_t)n;
	if (pci_fn_header_valid(vf) && vf->vendor == SRIOV_VF_ID_ALL_ONES &&
	    vf->device == SRIOV_VF_ID_ALL_ONES) {
		vf->vendor = pf->vendor;
		vf->device = s->vf_device;
	}
	return true;
}

void sriov_link_vfs(struct pci_model *m)
{
	/*
	 * VF slots with no function behind them (a partial capture, or junk
	 * NumVFs) are bounded by the model's size, so junk cannot cost more
	 * than a real machine of that size: up to 65535 slots per PF otherwise.
	 */
	size_t i, misses = m->n;
	unsigned n;

	for (i = 0; i < m->n; i++)
		m->fns[i].pf = PCI_NO_PARENT;
	for (i = 0; i < m->n; i++) {
		const struct pci_fn *pf = &m->fns[i];
		struct pci_sriov s;
		uint16_t rid;

		if (!pf->caps.sriov || !pci_fn_sriov(pf, &s) || !(s.ctrl & PCI_SRIOV_CTRL_VFE))
			continue;
		/* NumVFs beyond TotalVFs is undefined (§9.3.3.7): trust neither. */
		for (n = 0; n < s.num_vfs && n < s.total_vfs; n++) {
			if (!sriov_vf_rid(pci_fn_rid(pf), s.first_vf_offset, s.vf_stride, n, &rid))
				break;          /* the rest lie further still */
			if (!link_vf(m, (long)i, &s, n, rid) && misses-- == 0)
				return;
			if (s.vf_stride == 0)
				break;          /* every VF at one ID: only one is there */
		}
	}
}
