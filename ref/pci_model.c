// SPDX-License-Identifier: GPL-2.0-or-later
/* The PCI model: building, hierarchy, config access, capability walks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "le.h"
#include "pci_model.h"
#include "pci_regs.h"

struct pci_fn *pci_model_add(struct pci_model *m, uint16_t segment, uint8_t bus,
			     uint8_t dev, uint8_t fn)
{
	struct pci_fn *f;

	/* Grown by half again: a machine may have ten thousand functions. */
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap + m->cap / 2 : 64;
		struct pci_fn *v = realloc(m->fns, cap * sizeof(*m->fns));

		if (!v)
			return NULL;
		m->fns = v;
		m->cap = cap;
	}
	f = &m->fns[m->n++];
	memset(f, 0, sizeof(*f));
	f->segment = segment;
	f->bus = bus;
	f->dev = dev;
	f->fn = fn;
	f->parent = PCI_NO_PARENT;
	f->pf = PCI_NO_PARENT;
	f->sys.iommu_group = PCI_NO_GROUP;
	return f;
}

static int cmp_addr(uint16_t s1, uint8_t b1, uint8_t d1, uint8_t f1,
		    uint16_t s2, uint8_t b2, uint8_t d2, uint8_t f2)
{
	if (s1 != s2)
		return s1 < s2 ? -1 : 1;
	if (b1 != b2)
		return b1 < b2 ? -1 : 1;
	if (d1 != d2)
		return d1 < d2 ? -1 : 1;
	return (f1 > f2) - (f1 < f2);
}

static int cmp_fn(const void *a, const void *b)
{
	const struct pci_fn *x = a, *y = b;

	return cmp_addr(x->segment, x->bus, x->dev, x->fn,
			y->segment, y->bus, y->dev, y->fn);
}

/* A bridge claiming a secondary bus, for the parent links. */
struct bus_claim {
	uint16_t segment;
	uint8_t bus;
	long bridge;
};

static int cmp_claim(const void *a, const void *b)
{
	const struct bus_claim *x = a, *y = b;

	if (x->segment != y->segment)
		return x->segment < y->segment ? -1 : 1;
	if (x->bus != y->bus)
		return x->bus < y->bus ? -1 : 1;
	return (x->bridge > y->bridge) - (x->bridge < y->bridge);
}

int pci_model_finish(struct pci_model *m)
{
	struct bus_claim *claims, key;
	const struct bus_claim *c;
	size_t i, nclaims = 0;

	if (m->n > 1)
		qsort(m->fns, m->n, sizeof(*m->fns), cmp_fn);
	claims = malloc((m->n ? m->n : 1) * sizeof(*claims));
	if (!claims)
		return -1;
	for (i = 0; i < m->n; i++) {
		struct pci_fn *f = &m->fns[i];

		f->parent = PCI_NO_PARENT;
		if (!pci_fn_header_valid(f))
			continue;
		pci_fn_decode_header(f);
		pci_fn_scan_caps(f);
		/* A bridge's secondary bus is below it: anything else is junk. */
		if (f->header_type == PCI_HEADER_TYPE_BRIDGE && f->secondary_bus > f->bus) {
			claims[nclaims].segment = f->segment;
			claims[nclaims].bus = f->secondary_bus;
			claims[nclaims].bridge = (long)i;
			nclaims++;
		}
	}
	if (nclaims > 1)
		qsort(claims, nclaims, sizeof(*claims), cmp_claim);
	for (i = 0; i < m->n && nclaims; i++) {
		key.segment = m->fns[i].segment;
		key.bus = m->fns[i].bus;
		key.bridge = -1;
		/* Lower bound: the lowest-addressed bridge, if two claim the bus. */
		{
			size_t lo = 0, hi = nclaims;

			while (lo < hi) {
				size_t mid = (lo + hi) / 2;

				if (cmp_claim(&claims[mid], &key) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			c = lo < nclaims && claims[lo].segment == key.segment &&
			    claims[lo].bus == key.bus ? &claims[lo] : NULL;
		}
		if (c)
			m->fns[i].parent = c->bridge;
	}
	free(claims);
	return 0;
}

void pci_model_free(struct pci_model *m)
{
	free(m->fns);
	m->fns = NULL;
	m->n = 0;
	m->cap = 0;
}

void pci_fn_decode_header(struct pci_fn *f)
{
	uint8_t ht = f->cfg[PCI_CFG_HEADER_TYPE];
	uint32_t cr = get_le32(f->cfg + PCI_CFG_CLASS_REV);

	f->vendor = get_le16(f->cfg + PCI_CFG_VENDOR_ID);
	f->device = get_le16(f->cfg + PCI_CFG_DEVICE_ID);
	f->class_code = cr >> 8;
	f->revision = (uint8_t)cr;
	f->header_type = ht & PCI_HEADER_TYPE_MASK;
	f->multifunction = ht & PCI_HEADER_MULTIFUNCTION;
	if (f->header_type == PCI_HEADER_TYPE_BRIDGE) {
		f->secondary_bus = f->cfg[PCI_CFG_SECONDARY_BUS];
		f->subordinate_bus = f->cfg[PCI_CFG_SUBORDINATE_BUS];
	} else {
		f->secondary_bus = f->subordinate_bus = 0;
	}
}

const struct pci_fn *pci_model_find(const struct pci_model *m, uint16_t segment,
				    uint8_t bus, uint8_t dev, uint8_t fn)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct pci_fn *f = &m->fns[mid];
		int c = cmp_addr(f->segment, f->bus, f->dev, f->fn, segment, bus, dev, fn);

		if (!c)
			return f;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct pci_fn *pci_fn_parent(const struct pci_model *m, const struct pci_fn *f)
{
	return f->parent >= 0 && (size_t)f->parent < m->n ? &m->fns[f->parent] : NULL;
}

bool pci_fn_header_valid(const struct pci_fn *f)
{
	return f->cfg_len >= PCI_CFG_HEADER_SIZE;
}

bool pci_fn_is_bridge(const struct pci_fn *f)
{
	return f->header_type == PCI_HEADER_TYPE_BRIDGE ||
	       f->header_type == PCI_HEADER_TYPE_CARDBUS;
}

char *pci_fn_name(const struct pci_fn *f, char *buf, size_t size)
{
	snprintf(buf, size, "%04x:%02x:%02x.%u", f->segment, f->bus, f->dev, f->fn);
	return buf;
}

const char *pci_cap_problem_name(enum pci_cap_problem p)
{
	static const char *const names[] = {
		[PCI_CAP_OK] = "none",
		[PCI_CAP_LOOP] = "the list loops back to a capability already seen",
		[PCI_CAP_OUT_OF_RANGE] = "a pointer into the header or past the space",
		[PCI_CAP_BEYOND_READ] = "a pointer past the bytes that could be read",
		[PCI_CAP_TOO_MANY] = "more entries than the space can hold",
	};

	return p <= PCI_CAP_TOO_MANY ? names[p] : "?";
}

bool pci_cfg_read8(const struct pci_fn *f, unsigned off, uint8_t *v)
{
	*v = 0;
	if (off + 1 > f->cfg_len)
		return false;
	*v = f->cfg[off];
	return true;
}

bool pci_cfg_read16(const struct pci_fn *f, unsigned off, uint16_t *v)
{
	*v = 0;
	if (off + 2 > f->cfg_len)
		return false;
	*v = get_le16(f->cfg + off);
	return true;
}

bool pci_cfg_read32(const struct pci_fn *f, unsigned off, uint32_t *v)
{
	*v = 0;
	if (off + 4 > f->cfg_len)
		return false;
	*v = get_le32(f->cfg + off);
	return true;
}

/* ---- capability walkers ---- */

void pci_cap_iter_init(struct pci_cap_iter *it, const struct pci_fn *f, bool extended)
{
	uint16_t status = 0;
	uint8_t ptr = 0;

	memset(it, 0, sizeof(*it));
	it->f = f;
	it->extended = extended;
	if (extended) {
		/* Extended space exists only when more than 256 bytes were read. */
		it->pos = f->cfg_len > PCI_CFG_SPACE_SIZE ? PCI_ECAP_START : 0;
		return;
	}
	if (!pci_fn_header_valid(f) ||
	    !pci_cfg_read16(f, PCI_CFG_STATUS, &status) || !(status & PCI_STATUS_CAP_LIST))
		return;
	pci_cfg_read8(f, (f->cfg[PCI_CFG_HEADER_TYPE] & PCI_HEADER_TYPE_MASK) ==
		      PCI_HEADER_TYPE_CARDBUS ? PCI_CFG_CARDBUS_CAP_LIST :
		      PCI_CFG_CAPABILITY_LIST, &ptr);
	it->pos = ptr & PCI_CAP_PTR_MASK;
}

static bool stop(struct pci_cap_iter *it, enum pci_cap_problem p, unsigned at)
{
	it->problem = p;
	it->problem_at = at;
	it->pos = 0;
	return false;
}

/* Mark the dword at @pos visited; false when it was already. */
static bool visit(struct pci_cap_iter *it, unsigned pos)
{
	unsigned dw = pos / 4;

	if (it->seen[dw / 8] & (1u << (dw % 8)))
		return false;
	it->seen[dw / 8] |= (uint8_t)(1u << (dw % 8));
	return true;
}

static bool next_std(struct pci_cap_iter *it, uint16_t *id, uint8_t *ver, unsigned *off)
{
	unsigned pos = it->pos;
	uint8_t b;

	if (!pos)
		return false;
	if (pos < PCI_CAP_MIN_OFFSET || pos + 2 > PCI_CFG_SPACE_SIZE)
		return stop(it, PCI_CAP_OUT_OF_RANGE, pos);
	if (pos + 2 > it->f->cfg_len)
		return stop(it, PCI_CAP_BEYOND_READ, pos);
	if (!visit(it, pos))
		return stop(it, PCI_CAP_LOOP, pos);
	if (++it->count > PCI_CAP_MAX_COUNT)
		return stop(it, PCI_CAP_TOO_MANY, pos);
	pci_cfg_read8(it->f, pos + PCI_CAP_ID, &b);
	*id = b;
	*ver = 0;
	*off = pos;
	pci_cfg_read8(it->f, pos + PCI_CAP_NEXT, &b);
	it->pos = b & PCI_CAP_PTR_MASK;
	return true;
}

static bool next_ext(struct pci_cap_iter *it, uint16_t *id, uint8_t *ver, unsigned *off)
{
	unsigned pos = it->pos;
	uint32_t h;

	if (!pos)
		return false;
	if (pos < PCI_ECAP_START || pos + 4 > PCI_CFG_SPACE_EXP_SIZE)
		return stop(it, PCI_CAP_OUT_OF_RANGE, pos);
	if (pos + 4 > it->f->cfg_len)
		return stop(it, PCI_CAP_BEYOND_READ, pos);
	pci_cfg_read32(it->f, pos, &h);
	/* No extended capabilities: all zeros or all ones at 0x100 (PCIe §7.6.3). */
	if (h == 0 || h == 0xffffffffu) {
		it->pos = 0;
		return false;
	}
	if (!visit(it, pos))
		return stop(it, PCI_CAP_LOOP, pos);
	if (++it->count > PCI_ECAP_MAX_COUNT)
		return stop(it, PCI_CAP_TOO_MANY, pos);
	*id = (uint16_t)PCI_ECAP_ID(h);
	*ver = (uint8_t)PCI_ECAP_VERSION(h);
	*off = pos;
	it->pos = PCI_ECAP_NEXT(h);
	return true;
}

bool pci_cap_iter_next(struct pci_cap_iter *it, uint16_t *id, uint8_t *ver,
		       unsigned *off)
{
	return it->extended ? next_ext(it, id, ver, off) : next_std(it, id, ver, off);
}

/* Remember the first instance of each capability the suites use. */
static void note(uint16_t *slot, unsigned off)
{
	if (!*slot)
		*slot = (uint16_t)off;
}

void pci_fn_scan_caps(struct pci_fn *f)
{
	struct pci_caps *c = &f->caps;
	struct pci_cap_iter it;
	unsigned off;
	uint16_t id;
	uint8_t ver;

	memset(c, 0, sizeof(*c));
	pci_cap_iter_init(&it, f, false);
	while (pci_cap_iter_next(&it, &id, &ver, &off)) {
		c->nstd++;
		switch (id) {
		case PCI_CAP_ID_PM: note(&c->pm, off); break;
		case PCI_CAP_ID_MSI: note(&c->msi, off); break;
		case PCI_CAP_ID_PCIX: note(&c->pcix, off); break;
		case PCI_CAP_ID_EXP: note(&c->pcie, off); break;
		case PCI_CAP_ID_MSIX: note(&c->msix, off); break;
		case PCI_CAP_ID_AF: note(&c->af, off); break;
		}
	}
	c->std_problem = it.problem;
	c->std_problem_at = (uint16_t)it.problem_at;
	/* Only PCIe functions have extended capabilities (PCIe §7.6). */
	if (!c->pcie)
		return;
	pci_cap_iter_init(&it, f, true);
	while (pci_cap_iter_next(&it, &id, &ver, &off)) {
		c->next++;
		switch (id) {
		case PCI_ECAP_ID_AER: note(&c->aer, off); break;
		case PCI_ECAP_ID_ACS: note(&c->acs, off); break;
		case PCI_ECAP_ID_ARI: note(&c->ari, off); break;
		case PCI_ECAP_ID_ATS: note(&c->ats, off); break;
		case PCI_ECAP_ID_SRIOV: note(&c->sriov, off); break;
		case PCI_ECAP_ID_PRI: note(&c->pri, off); break;
		case PCI_ECAP_ID_REBAR: note(&c->rebar, off); break;
		case PCI_ECAP_ID_PASID: note(&c->pasid, off); break;
		}
	}
	c->ext_problem = it.problem;
	c->ext_problem_at = (uint16_t)it.problem_at;
}
