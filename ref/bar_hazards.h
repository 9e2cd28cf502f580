/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The BAR hazard database: devices known (from a cited source) to hand
 * themselves pointers into their BARs, or to need memory outside them, so
 * that assignment to a guest breaks or needs the hypervisor's help. A
 * match is a risk to look at, never a verdict. The format, one entry a
 * line (fixtures/bar-hazards.txt has it with the entries shipped):
 *
 *   MATCH... | FACT | SOURCE
 *
 *   MATCH   one or more of, separated by spaces:
 *             ids=VVVV:DDDD     vendor and device ID in hex; DDDD may be *
 *             class=CCSSPP/MMMMMM  class code (base, sub, prog-if) and the
 *                               mask of the bits compared (default ffffff)
 *             bar=N             the BAR the fact is about: 0-5 or rom
 *           ids= or class= must be there; both must then match
 *   FACT    what is known, one line
 *   SOURCE  where it is written: a URL, a document and section, a file
 *
 * Blank lines and lines starting with # are ignored. Parsing is one pass
 * over the text; an error names NAME:LINE and what is wrong. Pure C.
 */
#ifndef VTDCERT_REF_BAR_HAZARDS_H
#define VTDCERT_REF_BAR_HAZARDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pci_model.h"

#define BAR_HAZARD_ANY_BAR    (-1)
#define BAR_HAZARD_CLASS_ALL  0xffffffu     /* every bit of the 24-bit class code */

struct bar_hazard {
	bool has_ids, any_device;
	uint16_t vendor, device;
	bool has_class;
	uint32_t class_code, class_mask;
	int bar;                    /* 0-5, 6 the ROM, or BAR_HAZARD_ANY_BAR */
	char *fact, *source;
	char *where;                /* "NAME:LINE" */
};

struct bar_hazards {
	struct bar_hazard *v;
	size_t n, cap;
};

void bar_hazards_init(struct bar_hazards *db);
void bar_hazards_free(struct bar_hazards *db);
/*
 * Add the entries of @text (@len bytes, named @name in errors and in each
 * entry's where) to @db. 0; or -1 with "NAME:LINE: what is wrong" (or "out
 * of memory") in @err, @db then holding the entries before the bad line.
 */
int bar_hazards_parse(struct bar_hazards *db, const char *name, const char *text,
		      size_t len, char *err, size_t errsize);
/* Append a copy of @h (its strings copied too); 0, or -1 when out of memory. */
int bar_hazards_add(struct bar_hazards *db, const struct bar_hazard *h);
/* Whether entry @h names function @f (its IDs and class; not the BAR). */
bool bar_hazard_matches(const struct bar_hazard *h, const struct pci_fn *f);

#endif
