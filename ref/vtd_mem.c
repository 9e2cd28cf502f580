// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vtd_entries.h"
#include "vtd_mem.h"

#define MEM_FIRST_BITS   6          /* 64 slots before the first growth */
#define GOLDEN_64        0x9e3779b97f4a7c15ull  /* Fibonacci hashing: 2^64 / phi */

void vtd_mem_init(struct vtd_mem *m, uint64_t table_base)
{
	memset(m, 0, sizeof(*m));
	m->next_table = table_base & VTD_PAGE_MASK;
}

void vtd_mem_free(struct vtd_mem *m)
{
	size_t i;

	for (i = 0; i < m->nslots; i++)
		free(m->slots[i].data);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

static size_t slot_of(const struct vtd_mem *m, uint64_t pfn)
{
	return (size_t)((pfn * GOLDEN_64) >> (64 - m->slot_bits));
}

/* The slot holding @pfn, or the empty one where it would go; NULL with no table. */
static struct vtd_mem_slot *find(const struct vtd_mem *m, uint64_t pfn)
{
	size_t i, mask = m->nslots - 1;

	if (!m->nslots)
		return NULL;
	/* Never full (grown at half), so the probe ends. */
	for (i = slot_of(m, pfn);; i = (i + 1) & mask)
		if (!m->slots[i].data || m->slots[i].pfn == pfn)
			return &m->slots[i];
}

static int grow(struct vtd_mem *m)
{
	struct vtd_mem_slot *old = m->slots;
	size_t nold = m->nslots, i;
	unsigned bits = m->slot_bits ? m->slot_bits + 1 : MEM_FIRST_BITS;
	struct vtd_mem_slot *slots = calloc((size_t)1 << bits, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	m->slots = slots;
	m->nslots = (size_t)1 << bits;
	m->slot_bits = bits;
	for (i = 0; i < nold; i++)
		if (old[i].data)
			*find(m, old[i].pfn) = old[i];
	free(old);
	return 0;
}

int vtd_mem_add_page(struct vtd_mem *m, uint64_t hpa)
{
	uint64_t pfn = hpa >> VTD_PAGE_SHIFT;
	struct vtd_mem_slot *s = find(m, pfn);

	if (s && s->data)
		return 0;
	if ((m->npages + 1) * 2 > m->nslots) {
		if (grow(m))
			return -ENOMEM;
		s = find(m, pfn);
	}
	s->data = calloc(VTD_TABLE_ENTRIES, sizeof(uint64_t));
	if (!s->data)
		return -ENOMEM;
	s->pfn = pfn;
	m->npages++;
	return 0;
}

bool vtd_mem_has_page(const struct vtd_mem *m, uint64_t hpa)
{
	const struct vtd_mem_slot *s = find(m, hpa >> VTD_PAGE_SHIFT);

	return s && s->data;
}

int vtd_mem_alloc_table(struct vtd_mem *m, uint64_t *hpa)
{
	while (vtd_mem_has_page(m, m->next_table))
		m->next_table += VTD_PAGE_SIZE;
	if (m->next_table >> VTD_HAW_MAX)
		return -ENOSPC;
	if (vtd_mem_add_page(m, m->next_table))
		return -ENOMEM;
	*hpa = m->next_table;
	m->next_table += VTD_PAGE_SIZE;
	return 0;
}

static uint64_t *qword(const struct vtd_mem *m, uint64_t hpa, int *err)
{
	const struct vtd_mem_slot *s;

	if (hpa % sizeof(uint64_t)) {
		*err = -EINVAL;
		return NULL;
	}
	s = find(m, hpa >> VTD_PAGE_SHIFT);
	if (!s || !s->data) {
		*err = -EFAULT;
		return NULL;
	}
	return &s->data[(hpa & ~VTD_PAGE_MASK) / sizeof(uint64_t)];
}

int vtd_mem_read64(const struct vtd_mem *m, uint64_t hpa, uint64_t *v)
{
	int err = 0;
	const uint64_t *q = qword(m, hpa, &err);

	if (q)
		*v = *q;
	return err;
}

int vtd_mem_write64(struct vtd_mem *m, uint64_t hpa, uint64_t v)
{
	int err = 0;
	uint64_t *q = qword(m, hpa, &err);

	if (q)
		*q = v;
	return err;
}
