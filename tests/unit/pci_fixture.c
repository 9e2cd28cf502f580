// SPDX-License-Identifier: GPL-2.0-or-later
#include <CUnit/CUnit.h>

#include "pci_fixture.h"
#include "../../ref/le.h"

struct pci_fn *fx_pci_fn(struct pci_model *m, uint8_t bus, uint8_t dev, uint8_t fn,
			 uint16_t vendor, uint16_t device, int pcie_type, bool mf,
			 uint8_t secondary, uint32_t acs)
{
	struct pci_fn *f = pci_model_add(m, 0, bus, dev, fn);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	f->cfg_len = PCI_CFG_SPACE_EXP_SIZE;
	put_le16(f->cfg + PCI_CFG_VENDOR_ID, vendor);
	put_le16(f->cfg + PCI_CFG_DEVICE_ID, device);
	f->cfg[PCI_CFG_HEADER_TYPE] = (uint8_t)((secondary ? PCI_HEADER_TYPE_BRIDGE :
						 PCI_HEADER_TYPE_NORMAL) |
						(mf ? PCI_HEADER_MULTIFUNCTION : 0));
	put_le32(f->cfg + PCI_CFG_CLASS_REV, (secondary ? 0x060400u : 0x020000u) << 8);
	if (secondary) {
		f->cfg[PCI_CFG_PRIMARY_BUS] = bus;
		f->cfg[PCI_CFG_SECONDARY_BUS] = secondary;
		f->cfg[PCI_CFG_SUBORDINATE_BUS] = secondary;
	}
	if (pcie_type >= 0) {
		put_le16(f->cfg + PCI_CFG_STATUS, PCI_STATUS_CAP_LIST);
		f->cfg[PCI_CFG_CAPABILITY_LIST] = 0x40;
		f->cfg[0x40 + PCI_CAP_ID] = PCI_CAP_ID_EXP;
		put_le16(f->cfg + 0x40 + PCI_EXP_FLAGS,
			 (uint16_t)(2 | pcie_type << PCI_EXP_FLAGS_TYPE_SHIFT));
		if (acs != NO_ACS) {
			put_le32(f->cfg + 0x100, PCI_ECAP_ID_ACS | 1u << 16);
			put_le16(f->cfg + 0x100 + PCI_ACS_CAP, (uint16_t)(acs >> 16));
			put_le16(f->cfg + 0x100 + PCI_ACS_CTRL, (uint16_t)acs);
		}
	}
	pci_fn_decode_header(f);
	return f;
}

uint32_t fx_acs(uint16_t cap, uint16_t ctrl)
{
	return (uint32_t)cap << 16 | ctrl;
}
