// SPDX-License-Identifier: GPL-2.0-or-later
/* Capability decoders: registers to plain fields, nothing read past cfg_len. */
#include <string.h>

#include "pci_caps.h"

/* The capability at @off has @size bytes inside what was read. */
static bool fits(const struct pci_fn *f, unsigned off, unsigned size)
{
	return off && off + size <= f->cfg_len;
}

static uint16_t r16(const struct pci_fn *f, unsigned off)
{
	uint16_t v;

	pci_cfg_read16(f, off, &v);
	return v;
}

static uint32_t r32(const struct pci_fn *f, unsigned off)
{
	uint32_t v;

	pci_cfg_read32(f, off, &v);
	return v;
}

bool pci_fn_pcie(const struct pci_fn *f, struct pcie_cap *out)
{
	unsigned o = f->caps.pcie;
	uint16_t flags;

	memset(out, 0, sizeof(*out));
	if (!fits(f, o, PCI_EXP_SIZE_V1))
		return false;
	flags = r16(f, o + PCI_EXP_FLAGS);
	out->version = flags & PCI_EXP_FLAGS_VERS;
	out->port_type = (flags & PCI_EXP_FLAGS_TYPE) >> PCI_EXP_FLAGS_TYPE_SHIFT;
	out->slot_implemented = flags & PCI_EXP_FLAGS_SLOT;
	out->devcap = r32(f, o + PCI_EXP_DEVCAP);
	out->devctl = r16(f, o + PCI_EXP_DEVCTL);
	out->flr = out->devcap & PCI_EXP_DEVCAP_FLR;
	out->phantom_fns = (out->devcap & PCI_EXP_DEVCAP_PHANTOM) >>
			   PCI_EXP_DEVCAP_PHANTOM_SHIFT;
	/* Version 1 capabilities end at Link Status (PCIe §7.5.3). */
	out->has_v2 = out->version >= 2 && fits(f, o, PCI_EXP_SIZE_V2);
	if (out->has_v2) {
		out->devcap2 = r32(f, o + PCI_EXP_DEVCAP2);
		out->devctl2 = r16(f, o + PCI_EXP_DEVCTL2);
		out->ari_forwarding = out->devcap2 & PCI_EXP_DEVCAP2_ARI;
		out->ari_forwarding_enabled = out->devctl2 & PCI_EXP_DEVCTL2_ARI;
	}
	return true;
}

bool pci_fn_acs(const struct pci_fn *f, struct pci_acs *out)
{
	unsigned o = f->caps.acs;

	memset(out, 0, sizeof(*out));
	if (!fits(f, o, PCI_ACS_SIZE))
		return false;
	out->cap = r16(f, o + PCI_ACS_CAP);
	out->ctrl = r16(f, o + PCI_ACS_CTRL);
	return true;
}

bool pci_fn_ari(const struct pci_fn *f, struct pci_ari *out)
{
	unsigned o = f->caps.ari;
	uint16_t cap;

	memset(out, 0, sizeof(*out));
	if (!fits(f, o, PCI_ARI_SIZE))
		return false;
	cap = r16(f, o + PCI_ARI_CAP);
	out->mfvc = cap & PCI_ARI_CAP_MFVC;
	out->acs_groups = cap & PCI_ARI_CAP_ACS;
	out->next_fn = (uint8_t)(cap >> PCI_ARI_CAP_NFN_SHIFT);
	return true;
}

bool pci_fn_sriov(const struct pci_fn *f, struct pci_sriov *out)
{
	unsigned o = f->caps.sriov, i;
	uint8_t b;

	memset(out, 0, sizeof(*out));
	if (!fits(f, o, PCI_SRIOV_SIZE))
		return false;
	out->cap = r32(f, o + PCI_SRIOV_CAP);
	out->ctrl = r16(f, o + PCI_SRIOV_CTRL);
	out->status = r16(f, o + PCI_SRIOV_STATUS);
	out->initial_vfs = r16(f, o + PCI_SRIOV_INITIAL_VF);
	out->total_vfs = r16(f, o + PCI_SRIOV_TOTAL_VF);
	out->num_vfs = r16(f, o + PCI_SRIOV_NUM_VF);
	pci_cfg_read8(f, o + PCI_SRIOV_FUNC_LINK, &b);
	out->func_link = b;
	out->first_vf_offset = r16(f, o + PCI_SRIOV_VF_OFFSET);
	out->vf_stride = r16(f, o + PCI_SRIOV_VF_STRIDE);
	out->vf_device = r16(f, o + PCI_SRIOV_VF_DID);
	out->supported_page_sizes = r32(f, o + PCI_SRIOV_SUP_PGSIZE);
	out->system_page_size = r32(f, o + PCI_SRIOV_SYS_PGSIZE);
	for (i = 0; i < PCI_SRIOV_NUM_BARS; i++)
		out->vf_bar[i] = r32(f, o + PCI_SRIOV_BAR + 4 * i);
	return true;
}

bool pci_fn_msi(const struct pci_fn *f, struct pci_msi *out)
{
	unsigned o = f->caps.msi, size;
	uint16_t ctrl;

	memset(out, 0, sizeof(*out));
	if (!fits(f, o, 4))
		return false;
	ctrl = r16(f, o + PCI_MSI_FLAGS);
	size = (ctrl & PCI_MSI_FLAGS_64BIT ? PCI_MSI_SIZE_64 : PCI_MSI_SIZE_32) +
	       (ctrl & PCI_MSI_FLAGS_MASKBIT ? PCI_MSI_MASK_BITS_SIZE : 0);
	if (!fits(f, o, size))
		return false;
	out->ctrl = ctrl;
	out->enabled = ctrl & PCI_MSI_FLAGS_ENABLE;
	out->is_64bit = ctrl & PCI_MSI_FLAGS_64BIT;
	out->per_vector_mask = ctrl & PCI_MSI_FLAGS_MASKBIT;
	/* Encodings above 5 (32 vectors) are reserved: read them as 32. */
	out->vectors_capable = 1u << ((ctrl & PCI_MSI_FLAGS_QMASK) >> 1 > 5 ? 5 :
				      (ctrl & PCI_MSI_FLAGS_QMASK) >> 1);
	out->vectors_enabled = 1u << ((ctrl & PCI_MSI_FLAGS_QSIZE) >> 4 > 5 ? 5 :
				      (ctrl & PCI_MSI_FLAGS_QSIZE) >> 4);
	return true;
}

bool pci_fn_msix(const struct pci_fn *f, struct pci_msix *out)
{
	unsigned o = f->caps.msix;
	uint32_t t, p;

	memset(out, 0, sizeof(*out));
	if (!fits(f, o, PCI_MSIX_SIZE))
		return false;
	out->ctrl = r16(f, o + PCI_MSIX_FLAGS);
	out->enabled = out->ctrl & PCI_MSIX_FLAGS_ENABLE;
	out->masked = out->ctrl & PCI_MSIX_FLAGS_MASKALL;
	out->table_size = (out->ctrl & PCI_MSIX_FLAGS_QSIZE) + 1u;
	t = r32(f, o + PCI_MSIX_TABLE);
	p = r32(f, o + PCI_MSIX_PBA);
	out->table_bir = t & PCI_MSIX_BIR_MASK;
	out->table_offset = t & PCI_MSIX_OFFSET_MASK;
	out->pba_bir = p & PCI_MSIX_BIR_MASK;
	out->pba_offset = p & PCI_MSIX_OFFSET_MASK;
	return true;
}

bool pci_fn_pm(const struct pci_fn *f, struct pci_pm *out)
{
	unsigned o = f->caps.pm;

	memset(out, 0, sizeof(*out));
	if (!fits(f, o, PCI_PM_SIZE))
		return false;
	out->pmc = r16(f, o + PCI_PM_PMC);
	out->pmcsr = r16(f, o + PCI_PM_CTRL);
	out->version = out->pmc & PCI_PM_PMC_VERSION;
	out->d1 = out->pmc & PCI_PM_PMC_D1;
	out->d2 = out->pmc & PCI_PM_PMC_D2;
	out->state = out->pmcsr & PCI_PM_CTRL_STATE;
	out->no_soft_reset = out->pmcsr & PCI_PM_CTRL_NO_SOFT_RESET;
	return true;
}

bool pci_fn_af(const struct pci_fn *f, struct pci_af *out)
{
	unsigned o = f->caps.af;
	uint8_t cap;

	memset(out, 0, sizeof(*out));
	if (!fits(f, o, PCI_AF_SIZE))
		return false;
	pci_cfg_read8(f, o + PCI_AF_CAP, &cap);
	out->tp = cap & PCI_AF_CAP_TP;
	out->flr = cap & PCI_AF_CAP_FLR;
	return true;
}

bool pci_fn_rebar(const struct pci_fn *f, struct pci_rebar *out)
{
	unsigned o = f->caps.rebar, i, n;

	memset(out, 0, sizeof(*out));
	if (!fits(f, o, 4 + PCI_REBAR_ENTRY_SIZE))
		return false;
	n = (r32(f, o + PCI_REBAR_CTRL) & PCI_REBAR_CTRL_NBAR_MASK) >>
	    PCI_REBAR_CTRL_NBAR_SHIFT;
	/* 0 and values above six are not defined; one entry is surely there. */
	if (n < 1 || n > PCI_REBAR_MAX_BARS)
		n = 1;
	for (i = 0; i < n && fits(f, o, 4 + (i + 1) * PCI_REBAR_ENTRY_SIZE); i++) {
		uint32_t cap = r32(f, o + PCI_REBAR_CAP + i * PCI_REBAR_ENTRY_SIZE);
		uint32_t ctrl = r32(f, o + PCI_REBAR_CTRL + i * PCI_REBAR_ENTRY_SIZE);

		out->e[i].bar = ctrl & PCI_REBAR_CTRL_BAR_IDX;
		out->e[i].sizes = cap >> PCI_REBAR_CAP_SIZES_SHIFT;
		out->e[i].current = (uint8_t)((ctrl & PCI_REBAR_CTRL_BAR_SIZE) >>
					      PCI_REBAR_CTRL_BAR_SHIFT);
	}
	out->n = i;
	return true;
}

const char *pcie_port_type_name(uint8_t type)
{
	static const char *const names[] = {
		[PCI_EXP_TYPE_ENDPOINT] = "Endpoint",
		[PCI_EXP_TYPE_LEG_END] = "Legacy Endpoint",
		[PCI_EXP_TYPE_ROOT_PORT] = "Root Port",
		[PCI_EXP_TYPE_UPSTREAM] = "Switch Upstream Port",
		[PCI_EXP_TYPE_DOWNSTREAM] = "Switch Downstream Port",
		[PCI_EXP_TYPE_PCI_BRIDGE] = "PCI Express to PCI/PCI-X Bridge",
		[PCI_EXP_TYPE_PCIE_BRIDGE] = "PCI/PCI-X to PCI Express Bridge",
		[PCI_EXP_TYPE_RC_END] = "Root Complex Integrated Endpoint",
		[PCI_EXP_TYPE_RC_EC] = "Root Complex Event Collector",
	};

	return type < sizeof(names) / sizeof(names[0]) ? names[type] : NULL;
}
