// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>

#include <pci/pci.h>

#include "pci_names.h"

static void quiet(char *msg, ...)
{
	(void)msg;
}

/* The ID database is loaded once, on first use; no bus is scanned. */
static struct pci_access *ids(void)
{
	static struct pci_access *a;

	if (!a) {
		a = pci_alloc();
		a->warning = quiet;
		a->debug = quiet;
		a->numeric_ids = 0;
	}
	return a;
}

char *vt_pci_name(uint16_t vendor, uint16_t device, char *buf, size_t size)
{
	/*
	 * pci.ids only: udev's hwdb differs from machine to machine (a name
	 * would depend on where a snapshot is replayed), and libpci leaks a
	 * udev context per lookup that falls through to it.
	 */
	char *name = pci_lookup_name(ids(), buf, (int)size,
				     PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE | PCI_LOOKUP_NO_HWDB,
				     vendor, device);

	if (!name)
		snprintf(buf, size, "%04x:%04x", vendor, device);
	return buf;
}
