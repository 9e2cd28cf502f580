/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sizes of PCI configuration space, apart from the register names of
 * pci_regs.h so that code which also includes libpci's <pci/pci.h> (whose
 * register macros share the PCI_ prefix) can use the model.
 */
#ifndef VTDCERT_REF_PCI_CFG_SIZE_H
#define VTDCERT_REF_PCI_CFG_SIZE_H

#define PCI_CFG_SPACE_SIZE          256      /* PCIe §7.5.1 */
#define PCI_CFG_SPACE_EXP_SIZE      4096     /* PCIe §7.2.2 extended space */
#define PCI_CFG_HEADER_SIZE         64       /* the type 0/1 header */

#endif
