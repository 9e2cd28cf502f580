// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "le.h"
#include "pci_topology.h"

void pci_fn_decode_header(struct pci_fn *f)
{
	uint8_t ht = f->cfg[PCI_CFG_HEADER_TYPE];

	f->vendor = get_le16(f->cfg + PCI_CFG_VENDOR_ID);
	f->device = get_le16(f->cfg + PCI_CFG_DEVICE_ID);
	f->class_code = get_le32(f->cfg + PCI_CFG_CLASS_REV) >> 8;
	f->header_type = ht & PCI_HEADER_TYPE_MASK;
	f->multifunction = ht & PCI_HEADER_MULTIFUNCTION;
	if (f->header_type == PCI_HEADER_TYPE_BRIDGE) {
		f->secondary_bus = f->cfg[PCI_CFG_SECONDARY_BUS];
		f->subordinate_bus = f->cfg[PCI_CFG_SUBORDINATE_BUS];
	} else {
		f->secondary_bus = f->subordinate_bus = 0;
	}
}

const struct pci_fn *pci_find(const struct pci_topology *t, uint16_t segment,
			      uint8_t bus, uint8_t dev, uint8_t fn)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct pci_fn *f = &t->fns[i];

		if (f->segment == segment && f->bus == bus && f->dev == dev &&
		    f->fn == fn)
			return f;
	}
	return NULL;
}

bool pci_fn_is_bridge(const struct pci_fn *f)
{
	return f->header_type == PCI_HEADER_TYPE_BRIDGE ||
	       f->header_type == PCI_HEADER_TYPE_CARDBUS;
}

void pci_topology_free(struct pci_topology *t)
{
	free(t->fns);
	t->fns = NULL;
	t->n = 0;
}
