/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PCI tree as the reference implementation sees it: plain data, filled
 * by the platform layer (libpci) or by tests. No I/O.
 */
#ifndef VTDCERT_REF_PCI_TOPOLOGY_H
#define VTDCERT_REF_PCI_TOPOLOGY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* PCI Local Bus 3.0 §6.1 / PCIe Base 6.0 §7.5.1 configuration header */
#define PCI_CFG_VENDOR_ID          0x00
#define PCI_CFG_DEVICE_ID          0x02
#define PCI_CFG_CLASS_REV          0x08   /* u32: class << 8 | revision */
#define PCI_CFG_HEADER_TYPE        0x0e
#define PCI_CFG_SECONDARY_BUS      0x19   /* type 1 headers */
#define PCI_CFG_SUBORDINATE_BUS    0x1a   /* type 1 headers */
#define PCI_HEADER_TYPE_MASK       0x7f
#define PCI_HEADER_MULTIFUNCTION   0x80
#define PCI_HEADER_TYPE_NORMAL     0
#define PCI_HEADER_TYPE_BRIDGE     1
#define PCI_HEADER_TYPE_CARDBUS    2
#define PCI_CLASS_BASE_BRIDGE      0x06
#define PCI_CFG_SPACE_SIZE         256
#define PCI_CFG_SPACE_EXP_SIZE     4096

struct pci_fn {
	uint16_t segment;
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint32_t class_code;       /* base << 16 | sub << 8 | prog-if */
	uint8_t header_type;       /* without the multifunction bit */
	bool multifunction;
	uint8_t secondary_bus, subordinate_bus;  /* header type 1 only */
	uint16_t cfg_len;          /* bytes of config space read */
	uint8_t cfg[PCI_CFG_SPACE_EXP_SIZE];
};

struct pci_topology {
	struct pci_fn *fns;
	size_t n;
};

/* Fill the decoded fields of @f from f->cfg (cfg_len >= 64). */
void pci_fn_decode_header(struct pci_fn *f);
const struct pci_fn *pci_find(const struct pci_topology *t, uint16_t segment,
			      uint8_t bus, uint8_t dev, uint8_t fn);
bool pci_fn_is_bridge(const struct pci_fn *f);
void pci_topology_free(struct pci_topology *t);

#endif
