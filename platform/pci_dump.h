/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An `lspci -xxxx` text (pciutils' bus dump) read into the PCI model, by the
 * rules of libpci's dump method (lib/dump.c dump_init()), in one pass:
 * a device line "[DDDD[D]:]BB:DD.F ...", then config lines "OFFSET: hh hh ...",
 * a blank line between devices; anything else (lspci's prose) is passed over.
 * Unlike libpci, a bad line is named, and a function listed twice is refused.
 */
#ifndef VTDCERT_PLATFORM_PCI_DUMP_H
#define VTDCERT_PLATFORM_PCI_DUMP_H

#include <stddef.h>

#include "../ref/pci_model.h"

/*
 * Append the dump's functions to @out, each with the bytes the dump gives
 * (the rest 0xff) and its length as libpci reports it. 0, or -1 with
 * "line N: what is wrong" in @err.
 */
int pci_dump_parse(const char *text, size_t len, struct pci_model *out,
		   char *err, size_t errlen);

/* How many config bytes libpci lets be read of @len dumped: 4096, 256, 64 or 0. */
size_t pci_dump_readable(size_t len);

#endif
