/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Device names from pci.ids, through libpci's name lookup. */
#ifndef VTDCERT_PLATFORM_PCI_NAMES_H
#define VTDCERT_PLATFORM_PCI_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* "Intel Corporation 82576 Gigabit Network Connection" into @buf. */
char *vt_pci_name(uint16_t vendor, uint16_t device, char *buf, size_t size);

#endif
