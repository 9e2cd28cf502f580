// SPDX-License-Identifier: GPL-2.0-or-later
/* BARs from the header registers, sizes from what sysfs reported. */
#include <string.h>

#include "pci_bars.h"

static unsigned bar_count(const struct pci_fn *f)
{
	switch (f->header_type) {
	case PCI_HEADER_TYPE_NORMAL:
		return PCI_STD_NUM_BARS;
	case PCI_HEADER_TYPE_BRIDGE:
		return PCI_BRIDGE_NUM_BARS;
	case PCI_HEADER_TYPE_CARDBUS:
		return PCI_CARDBUS_NUM_BARS;
	}
	return 0;
}

/*
 * Size and start from sysfs line @res. The kernel prints "0 0 0" for a
 * resource it has none for; one it could not place starts at 0 but keeps
 * its size and flags.
 */
static void from_sysfs(const struct pci_fn *f, unsigned res, struct pci_bar *b)
{
	const struct pci_resource *r;

	if (res >= f->sys.nres)
		return;
	r = &f->sys.res[res];
	b->size_known = true;
	b->size = r->flags || r->end ? r->end - r->start + 1 : 0;
	if (b->size && r->start) {
		b->start_known = true;
		b->start = r->start;
	}
}

static void decode_bar(const struct pci_fn *f, unsigned i, unsigned n, uint32_t lo,
		       struct pci_bar *b, unsigned *consumed)
{
	uint32_t hi = 0;

	memset(b, 0, sizeof(*b));
	b->index = (uint8_t)i;
	*consumed = 1;
	if (lo & PCI_BAR_SPACE_IO) {
		b->type = PCI_BAR_IO;
		b->address = lo & PCI_BAR_IO_ADDR_MASK;
		return;
	}
	b->type = PCI_BAR_MEM;
	b->prefetchable = lo & PCI_BAR_MEM_PREFETCH;
	b->is64 = (lo & PCI_BAR_MEM_TYPE_MASK) == PCI_BAR_MEM_TYPE_64;
	/* A 64-bit BAR in the last slot has no upper half: its address is the low one. */
	if (b->is64 && i + 1 < n) {
		pci_cfg_read32(f, PCI_CFG_BAR0 + (i + 1) * PCI_CFG_BAR_SIZE, &hi);
		*consumed = 2;
	}
	b->address = (uint64_t)hi << 32 | (lo & PCI_BAR_MEM_ADDR_MASK);
}

void pci_fn_bars(const struct pci_fn *f, struct pci_bars *out)
{
	unsigned n = bar_count(f), i, step;
	uint32_t lo, rom;

	memset(out, 0, sizeof(*out));
	if (!pci_fn_header_valid(f))
		return;
	out->sizes_known = f->sys.nres > PCI_RES_ROM;
	for (i = 0; i < n; i += step) {
		struct pci_bar *b = &out->b[out->n];

		step = 1;
		if (!pci_cfg_read32(f, PCI_CFG_BAR0 + i * PCI_CFG_BAR_SIZE, &lo) ||
		    lo == PCI_BAR_UNREADABLE)
			continue;
		decode_bar(f, i, n, lo, b, &step);
		from_sysfs(f, PCI_RES_STD_FIRST + i, b);
		if (!b->start_known && b->address) {
			b->start_known = true;
			b->start = b->address;
		}
		if (lo || (b->size_known && b->size))
			out->n++;
	}
	if (!pci_cfg_read32(f, f->header_type == PCI_HEADER_TYPE_BRIDGE ?
			    PCI_CFG_BRIDGE_ROM_ADDRESS : PCI_CFG_ROM_ADDRESS, &rom) ||
	    f->header_type == PCI_HEADER_TYPE_CARDBUS || rom == PCI_BAR_UNREADABLE)
		return;
	{
		struct pci_bar *b = &out->b[out->n];

		memset(b, 0, sizeof(*b));
		b->index = PCI_RES_ROM;
		b->type = PCI_BAR_ROM;
		b->address = rom & PCI_ROM_ADDRESS_MASK;
		from_sysfs(f, PCI_RES_ROM, b);
		if (!b->start_known && b->address) {
			b->start_known = true;
			b->start = b->address;
		}
		if (b->address || (b->size_known && b->size))
			out->n++;
	}
}

const struct pci_bar *pci_bars_find(const struct pci_bars *bars, unsigned index)
{
	unsigned i;

	for (i = 0; i < bars->n; i++)
		if (bars->b[i].index == index)
			return &bars->b[i];
	return NULL;
}

const char *pci_bar_type_name(enum pci_bar_type t)
{
	return t == PCI_BAR_IO ? "io" : t == PCI_BAR_ROM ? "rom" : "memory";
}
