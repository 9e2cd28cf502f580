/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vtdcert decode's table for people, like a disassembler's listing. */
#ifndef VTDCERT_CLI_DECODE_TEXT_H
#define VTDCERT_CLI_DECODE_TEXT_H

#include <stdio.h>

#include "../ref/dmar.h"
#include "../ref/pci_model.h"

/*
 * @t as text: offsets, addresses and IDs in hex, flags by name, each device
 * scope as its path and, with a PCI tree (@m, or NULL), the BDF it resolves
 * to. 0, or -1 on a write error.
 */
int decode_print_text(FILE *f, const struct dmar_table *t, const struct pci_model *m);

#endif
