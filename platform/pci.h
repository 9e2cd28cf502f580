/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PCI config space through libpci: its sysfs method pointed at the platform
 * root (live "/sys/bus/pci" or the snapshot's copy), or its dump method for
 * an `lspci -xxxx` file. The result is the plain tree ref/ works on.
 */
#ifndef VTDCERT_PLATFORM_PCI_H
#define VTDCERT_PLATFORM_PCI_H

#include "platform.h"
#include "../ref/pci_topology.h"

/* 0, or a negative errno with the reason in vt_platform_error(p). */
int vt_pci_scan(struct vt_platform *p, struct pci_topology *out);

#endif
