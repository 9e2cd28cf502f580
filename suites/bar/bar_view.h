/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The BARs of every function and the hazards they carry for assignment,
 * found once from the PCI model and the hazard database; the bar suite's
 * checks report them, `vtdcert bar` lists them. No I/O: the database is
 * the built-in text plus what the caller parsed (--hazards FILE).
 */
#ifndef VTDCERT_SUITES_BAR_VIEW_H
#define VTDCERT_SUITES_BAR_VIEW_H

#include <stddef.h>

#include "../../ref/bar_hazards.h"
#include "../../ref/pci_bars.h"
#include "../../ref/pci_caps.h"
#include "../../results/evidence.h"
#include "../../results/results.h"

/*
 * A memory BAR at least this large is flagged as possibly memory on the
 * device rather than registers. Register files are kilobytes to a few
 * MiB (an NVMe controller's 16 KiB, a NIC's 128 KiB to a few MiB, QEMU's
 * edu 1 MiB); 16 MiB and up is what framebuffers, accelerator memory and
 * NTB windows take. Only a hint: a large BAR may still hold registers.
 */
#define BAR_INTERNAL_MEMORY_MIN   (16ull << 20)

/* The built-in database: fixtures/bar-hazards.txt, compiled in (Makefile). */
#define BAR_HAZARDS_BUILTIN_NAME  "fixtures/bar-hazards.txt"
extern const char bar_hazards_builtin[];
extern const unsigned long bar_hazards_builtin_len;

enum bar_kind {
	BAR_SUB_PAGE,               /* bar.sub-page */
	BAR_PAGE_SHARED,            /* bar.page-shared */
	BAR_MSIX_PAGE,              /* bar.msix-page */
	BAR_INTERNAL_MEMORY,        /* bar.internal-memory */
	BAR_KNOWN_HAZARD,           /* bar.known-hazard */
	BAR_KIND_COUNT
};

struct bar_finding {
	enum bar_kind kind;
	enum vt_status status;      /* VT_WARN (a risk) or VT_FAIL (QEMU refuses it) */
	int bar;                    /* the BAR it is about, or -1 */
	char *message;
	struct vt_value *ev;        /* its evidence, an object */
};

struct bar_fn {
	struct pci_bars bars;
	bool assignable;            /* a type 0 header: vfio-pci binds only those */
	bool has_msix, has_rebar;
	struct pci_msix msix;
	struct pci_rebar rebar;
	struct bar_finding *f;
	size_t nf;
};

struct bar_view {
	const struct pci_model *m;
	struct bar_fn *fns;         /* one per function of the model */
	struct bar_hazards db;      /* built-in entries, then the caller's */
	size_t assignable, unsized; /* assignable functions; of those, without sizes */
};

/*
 * Build @v over @m with the built-in database and @extra (NULL: none).
 * 0, or -1 with why in @err (the built-in text does not parse).
 */
int bar_view_build(struct bar_view *v, const struct pci_model *m,
		   const struct bar_hazards *extra, char *err, size_t size);
void bar_view_free(struct bar_view *v);

/* The check ID of @k ("bar.sub-page"). */
const char *bar_kind_id(enum bar_kind k);
/* How many findings of kind @k function @i has. */
size_t bar_view_count(const struct bar_view *v, size_t i, enum bar_kind k);
/* "256 bytes", "16 KiB", "1 MiB" into @buf, BAR_SIZE_TEXT bytes. */
#define BAR_SIZE_TEXT 16
char *bar_size_text(uint64_t size, char *buf, size_t n);
/* The rebar entry of BAR @index of @bf, or -1. */
int bar_rebar_entry(const struct bar_fn *bf, unsigned index);
/* The bytes a Resizable BAR size bit @bit stands for (1 MiB << bit, PCIe §7.8.6.2). */
uint64_t bar_rebar_size(unsigned bit);

#endif
