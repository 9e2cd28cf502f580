/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PCI functions for tests, config space written register by register:
 * a type 0 or type 1 header, optionally a PCIe capability of a given
 * Device/Port Type at 0x40 and an ACS capability at 0x100.
 */
#ifndef VTDCERT_TESTS_UNIT_PCI_FIXTURE_H
#define VTDCERT_TESTS_UNIT_PCI_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "../../ref/pci_model.h"
#include "../../ref/pci_regs.h"

#define NO_ACS     0xffffffffu   /* no ACS capability at all */
#define ACS_ALL    (PCI_ACS_SV | PCI_ACS_TB | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF)
#define ACS_REQ    (PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF)

/*
 * Append a function; @pcie_type < 0 means conventional PCI; a nonzero
 * @secondary makes it a bridge to that bus; @acs is fx_acs() or NO_ACS.
 */
struct pci_fn *fx_pci_fn(struct pci_model *m, uint8_t bus, uint8_t dev, uint8_t fn,
			 uint16_t vendor, uint16_t device, int pcie_type, bool mf,
			 uint8_t secondary, uint32_t acs);
/* An ACS capability offering @cap with controls @ctrl enabled. */
uint32_t fx_acs(uint16_t cap, uint16_t ctrl);

#define EP(m, b, d, f, mf)       fx_pci_fn(m, b, d, f, 0x8086, 0x1234, PCI_EXP_TYPE_ENDPOINT, mf, 0, NO_ACS)
#define PCI_DEV(m, b, d, f, mf)  fx_pci_fn(m, b, d, f, 0x8086, 0x1234, -1, mf, 0, NO_ACS)
#define RP(m, b, d, f, sec, a)   fx_pci_fn(m, b, d, f, 0x8086, 0x7777, PCI_EXP_TYPE_ROOT_PORT, false, sec, a)

#endif
