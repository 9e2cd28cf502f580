/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Building legacy-mode remapping tables in a model memory as a driver does
 * (Linux's intel/iommu.c, a hypervisor's): a root table, context entries
 * pointing at a domain's second-level tables, and mappings of IOVA ranges
 * to host ranges, with 2 MiB and 1 GiB leaves where CAP.SLLPS has them and
 * both addresses are aligned. vtd_translate() reads what this writes.
 */
#ifndef VTDCERT_REF_VTD_SL_TABLES_H
#define VTDCERT_REF_VTD_SL_TABLES_H

#include <stdbool.h>
#include <stdint.h>

#include "vtd_translate.h"

/* A root table, zeroed (every bus not present): its address for RTADDR.RTA. */
int vtd_root_table_alloc(struct vtd_mem *m, uint64_t *rta);

/* What one context entry says (§9.3). */
struct vtd_context_cfg {
	unsigned tt;                /* VTD_TT_* */
	bool fpd;                   /* fault processing disable */
	unsigned aw;                /* VTD_AW_*: the tables' levels - 2 */
	uint64_t slptptr;           /* the top-level second-level table */
	uint16_t did;
};

/*
 * Program the context entry of @sid under the root table @rta, making the
 * bus's root entry present with a new context table when it is not: 0,
 * -ENOMEM, -EFAULT (@rta or the root entry's table not in @m), or -EINVAL
 * (a field does not fit its entry).
 */
int vtd_context_set(struct vtd_mem *m, uint64_t rta, uint16_t sid,
		    const struct vtd_context_cfg *c);
/* Make the context entry of @sid not present (its root entry stays). */
int vtd_context_clear(struct vtd_mem *m, uint64_t rta, uint16_t sid);

/* One address space: second-level tables of a fixed depth. */
struct vtd_sl_domain {
	struct vtd_mem *mem;
	const struct vtd_xlate_unit *unit;
	uint64_t pgd;               /* the top-level table: the context entry's SLPTPTR */
	unsigned aw;                /* VTD_AW_*: VTD_AW_LEVELS(aw) levels */
	uint16_t did;
};

/* A domain with an empty top-level table: 0, -EINVAL (@aw not in SAGAW), -ENOMEM. */
int vtd_sl_domain_init(struct vtd_sl_domain *d, struct vtd_mem *m,
		       const struct vtd_xlate_unit *u, unsigned aw, uint16_t did);
/* The context entry that puts a device in @d with translation type @tt. */
struct vtd_context_cfg vtd_sl_domain_context(const struct vtd_sl_domain *d, unsigned tt,
					     bool fpd);

/*
 * Map [@iova, @iova + @size) to [@hpa, ...) with @perms (VTD_SL_R, VTD_SL_W,
 * not none), each piece the largest leaf SLLPS allows at which both
 * addresses are aligned and that the rest of the range fills. 0; -EINVAL
 * (not 4 KiB aligned, empty, beyond the domain's width or the host address
 * width, bad @perms), -EEXIST (overlaps a mapping; nothing is mapped) or
 * -ENOMEM (nothing is mapped).
 */
int vtd_sl_map(struct vtd_sl_domain *d, uint64_t iova, uint64_t hpa, uint64_t size,
	       unsigned perms);
/*
 * Unmap [@iova, @iova + @size): every leaf in it made not present; holes
 * are passed over; tables are kept. -EINVAL when the range cuts a large
 * leaf (nothing is unmapped) or is not 4 KiB aligned.
 */
int vtd_sl_unmap(struct vtd_sl_domain *d, uint64_t iova, uint64_t size);

/*
 * Where the entry at @level for @iova is, following present non-leaf
 * entries from the top: 0, or -ENOENT when the walk ends above @level.
 * For tests that damage an entry on purpose.
 */
int vtd_sl_entry_addr(const struct vtd_sl_domain *d, uint64_t iova, unsigned level,
		      uint64_t *at);

#endif
