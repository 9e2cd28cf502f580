/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PCI config space through libpci, from whatever source the platform is:
 * libpci's dump method, fed with each sys/bus/pci/devices/X/config as read
 * through the platform (bounded, beneath a snapshot's root, recorded by a
 * capture), or the source's own dump where it has no sysfs tree. The result
 * is the ref/ model's functions with their config bytes; the sysfs facts
 * are the environment's to add.
 */
#ifndef VTDCERT_PLATFORM_PCI_H
#define VTDCERT_PLATFORM_PCI_H

#include "platform.h"
#include "../ref/pci_model.h"

/*
 * Append every function libpci finds to @out (not finished: the caller
 * adds sysfs facts, then pci_model_finish()). 0, or a negative errno with
 * the reason in vt_platform_error(p).
 */
int vt_pci_scan(struct vt_platform *p, struct pci_model *out);

#endif
