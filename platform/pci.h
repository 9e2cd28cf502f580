/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PCI config space from whatever source the platform is: each
 * sys/bus/pci/devices/X/config read through the platform (bounded, beneath
 * a snapshot's root, recorded by a capture) as libpci's sysfs method reads
 * it, or, where the source has no sysfs tree, its own `lspci -xxxx` dump
 * read as libpci's dump method reads it (pci_dump.h). The result is the
 * ref/ model's functions with their config bytes; the sysfs facts are the
 * environment's to add. libpci itself is left the names (pci_names.h).
 */
#ifndef VTDCERT_PLATFORM_PCI_H
#define VTDCERT_PLATFORM_PCI_H

#include "platform.h"
#include "../ref/pci_model.h"

/*
 * Append every function the source has to @out (not finished: the caller
 * adds sysfs facts, then pci_model_finish()). 0, or a negative errno with
 * the reason in vt_platform_error(p).
 */
int vt_pci_scan(struct vt_platform *p, struct pci_model *out);

#endif
