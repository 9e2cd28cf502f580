/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The cross-references of a decoded DMAR table, computed once in
 * O(n log n) so that every question a check asks about another structure
 * (is there a DRHD at this base? an earlier INCLUDE_PCI_ALL unit of this
 * segment? an ANDD for this namespace device?) is a lookup, not a walk:
 * a hostile table of a million structures is judged as fast as it is
 * decoded. Pure C, no I/O.
 *
 * "Complete" is a structure whose fixed part is all there (not truncated):
 * only such a structure describes anything.
 */
#ifndef VTDCERT_REF_DMAR_INDEX_H
#define VTDCERT_REF_DMAR_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmar.h"

#define DMAR_NO_STRUCT (-1L)
#define DMAR_ENUM_IDS  256          /* ANDD device numbers, namespace enumeration IDs */

/* A structure's key and its index: the sorted lookup tables' rows. */
struct dmar_key {
	uint64_t key;
	size_t index;
};

struct dmar_index {
	const struct dmar_table *t;
	size_t *ordinal;            /* per structure: how many of its type come before */
	long *out_of_order;         /* per structure: the earlier one it follows against type order */
	struct dmar_key *drhd_base; /* complete DRHDs by register base, then index */
	struct dmar_key *drhd_seg;  /* complete DRHDs by segment, then index */
	struct dmar_key *all_seg;   /* complete INCLUDE_PCI_ALL DRHDs by segment, then index */
	size_t ndrhd, nall;
	bool andd[DMAR_ENUM_IDS];   /* a complete ANDD declares this device number */
	bool drhd_ns[DMAR_ENUM_IDS];/* a DRHD has a namespace scope with this ID */
};

/* Index @t (which must outlive it). 0, or -1 when out of memory. */
int dmar_index_build(const struct dmar_table *t, struct dmar_index *x);
void dmar_index_free(struct dmar_index *x);

/* ---- one structure ---- */

/* A structure of @type whose fixed part is all there. */
static inline bool dmar_is(const struct dmar_struct *s, uint16_t type)
{
	return s->type == type && !s->truncated;
}

static inline bool dmar_drhd_include_all(const struct dmar_struct *s)
{
	return dmar_is(s, DMAR_TYPE_DRHD) && (s->u.drhd.flags & DRHD_FLAG_INCLUDE_PCI_ALL);
}

/* A DRHD that names a unit: complete, with a register base (VT-d §8.3). */
static inline bool dmar_drhd_usable(const struct dmar_struct *s)
{
	return dmar_is(s, DMAR_TYPE_DRHD) && s->u.drhd.register_base;
}

/* An RMRR whose limit is not below its base (§8.4). */
static inline bool dmar_rmrr_well_formed(const struct dmar_struct *s)
{
	return dmar_is(s, DMAR_TYPE_RMRR) && s->u.rmrr.limit >= s->u.rmrr.base;
}

/* A scope naming a PCI device: an endpoint or a sub-hierarchy (§8.3.1). */
static inline bool dmar_scope_is_pci(const struct dmar_scope *sc)
{
	return sc->type == SCOPE_TYPE_ENDPOINT || sc->type == SCOPE_TYPE_BRIDGE;
}

/* Whether two well-formed RMRRs of one segment share a byte. */
bool dmar_rmrrs_overlap(const struct dmar_struct *a, const struct dmar_struct *b);

/* ---- lookups: the structure's index, or DMAR_NO_STRUCT ---- */

/* The first complete DRHD with register base @base. */
long dmar_drhd_with_base(const struct dmar_index *x, uint64_t base);
/* The first complete DRHD of @segment. */
long dmar_drhd_of_segment(const struct dmar_index *x, uint16_t segment);
/* The first complete DRHD of @segment after structure @after. */
long dmar_drhd_of_segment_after(const struct dmar_index *x, uint16_t segment, size_t after);
/* The first complete INCLUDE_PCI_ALL DRHD of @segment. */
long dmar_include_all_of_segment(const struct dmar_index *x, uint16_t segment);
/* How many complete structures of @type the table has. */
size_t dmar_count(const struct dmar_table *t, uint16_t type);

#endif
