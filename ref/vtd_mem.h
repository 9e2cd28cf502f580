/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A model of host physical memory for the translation model: a sparse set
 * of 4 KiB pages keyed by host physical address, read and written as
 * aligned 64-bit entries, as remapping hardware reads its tables. Only
 * pages that were added exist; a read elsewhere is the access error the
 * hardware reports as a fault (reasons 0x7, 0x8, 0x9). Pages live in an
 * open-addressing hash (linear probing, grown at half full), so a lookup is
 * O(1) however many tables a mapping needs.
 */
#ifndef VTDCERT_REF_VTD_MEM_H
#define VTDCERT_REF_VTD_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vtd_mem_slot {
	uint64_t pfn;               /* page frame number: address >> 12 */
	uint64_t *data;             /* VTD_TABLE_ENTRIES qwords; NULL: empty slot */
};

struct vtd_mem {
	struct vtd_mem_slot *slots;
	size_t nslots;              /* a power of two, or 0 */
	unsigned slot_bits;         /* log2(nslots) */
	size_t npages;
	uint64_t next_table;        /* where vtd_mem_alloc_table() takes the next page */
};

/* Empty memory whose table pages are handed out from @table_base upward. */
void vtd_mem_init(struct vtd_mem *m, uint64_t table_base);
void vtd_mem_free(struct vtd_mem *m);

/* Make the page holding @hpa exist, zeroed if new: 0, or -ENOMEM. */
int vtd_mem_add_page(struct vtd_mem *m, uint64_t hpa);
bool vtd_mem_has_page(const struct vtd_mem *m, uint64_t hpa);

/*
 * A fresh zeroed page for a table at the next free address from the table
 * base (pages already present are skipped): 0, or -ENOMEM, or -ENOSPC when
 * the base has run past the 52-bit host address space.
 */
int vtd_mem_alloc_table(struct vtd_mem *m, uint64_t *hpa);

/* The aligned qword at @hpa: 0, -EFAULT (no page there) or -EINVAL (misaligned). */
int vtd_mem_read64(const struct vtd_mem *m, uint64_t hpa, uint64_t *v);
int vtd_mem_write64(struct vtd_mem *m, uint64_t hpa, uint64_t v);

#endif
