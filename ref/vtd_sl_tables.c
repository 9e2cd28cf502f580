// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Table building. Non-leaf entries grant R and W, so that a leaf's rights
 * are the mapping's alone (Linux does the same, DMA_PTE_READ |
 * DMA_PTE_WRITE on every directory entry). Entries are written with the
 * present bits last, as a driver orders its stores for a walker that may
 * run at any time.
 */
#include <errno.h>

#include "vtd_sl_tables.h"

int vtd_root_table_alloc(struct vtd_mem *m, uint64_t *rta)
{
	return vtd_mem_alloc_table(m, rta);
}

/* The context table of @bus, made present when @create and missing. */
static int context_table(struct vtd_mem *m, uint64_t rta, uint8_t bus, bool create,
			 uint64_t *ctp)
{
	uint64_t at = vtd_root_entry_at(rta, bus), lo;
	int rc = vtd_mem_read64(m, at, &lo);

	if (rc)
		return rc;
	if (lo & VTD_RE_LO_P) {
		*ctp = lo & VTD_RE_LO_CTP;
		return 0;
	}
	if (!create)
		return -ENOENT;
	rc = vtd_mem_alloc_table(m, ctp);
	if (!rc)
		rc = vtd_mem_write64(m, at + sizeof(uint64_t), 0);
	if (!rc)
		rc = vtd_mem_write64(m, at, *ctp | VTD_RE_LO_P);
	return rc;
}

int vtd_context_set(struct vtd_mem *m, uint64_t rta, uint16_t sid,
		    const struct vtd_context_cfg *c)
{
	uint64_t ctp, at;
	int rc;

	if (c->tt > VTD_FIELD(VTD_CE_LO_TT, VTD_CE_LO_TT) ||
	    c->aw > VTD_FIELD(VTD_CE_HI_AW, VTD_CE_HI_AW) ||
	    (c->slptptr & ~VTD_CE_LO_SLPTPTR))
		return -EINVAL;
	rc = context_table(m, rta, VTD_SID_BUS(sid), true, &ctp);
	if (rc)
		return rc;
	at = vtd_context_entry_at(ctp, VTD_SID_DEVFN(sid));
	rc = vtd_mem_write64(m, at, 0);
	if (!rc)
		rc = vtd_mem_write64(m, at + sizeof(uint64_t),
				     VTD_FIELD_PREP(VTD_CE_HI_AW, c->aw) |
				     VTD_FIELD_PREP(VTD_CE_HI_DID, c->did));
	if (!rc)
		rc = vtd_mem_write64(m, at, c->slptptr | VTD_FIELD_PREP(VTD_CE_LO_TT, c->tt) |
				     (c->fpd ? VTD_CE_LO_FPD : 0) | VTD_CE_LO_P);
	return rc;
}

int vtd_context_clear(struct vtd_mem *m, uint64_t rta, uint16_t sid)
{
	uint64_t ctp;
	int rc = context_table(m, rta, VTD_SID_BUS(sid), false, &ctp);

	if (rc == -ENOENT)
		return 0;
	return rc ? rc : vtd_mem_write64(m, vtd_context_entry_at(ctp, VTD_SID_DEVFN(sid)), 0);
}

static unsigned levels_of(const struct vtd_sl_domain *d)
{
	return VTD_AW_LEVELS(d->aw);
}

/* The widest IOVA the domain maps: its AGAW, at most the unit's MGAW. */
static unsigned width_of(const struct vtd_sl_domain *d)
{
	unsigned w = VTD_AW_WIDTH(d->aw);

	return w < d->unit->mgaw ? w : d->unit->mgaw;
}

int vtd_sl_domain_init(struct vtd_sl_domain *d, struct vtd_mem *m,
		       const struct vtd_xlate_unit *u, unsigned aw, uint16_t did)
{
	if (aw < VTD_AW_MIN || aw > VTD_AW_MAX || !(u->sagaw & (1u << aw)))
		return -EINVAL;
	d->mem = m;
	d->unit = u;
	d->aw = aw;
	d->did = did;
	return vtd_mem_alloc_table(m, &d->pgd);
}

struct vtd_context_cfg vtd_sl_domain_context(const struct vtd_sl_domain *d, unsigned tt,
					     bool fpd)
{
	return (struct vtd_context_cfg){
		.tt = tt, .fpd = fpd, .aw = d->aw, .slptptr = d->pgd, .did = d->did,
	};
}

static bool present(uint64_t e)
{
	return e & VTD_SL_PERMS;
}

static bool is_leaf(uint64_t e, unsigned level)
{
	return level == VTD_LEVEL_4K || (e & VTD_SL_PS);
}

/*
 * The slot at @level for @iova, making the tables above it (new ones zeroed)
 * when @create. -EEXIST when a leaf above covers @iova; -ENOENT when a table
 * is missing and not made.
 */
static int slot_at(const struct vtd_sl_domain *d, uint64_t iova, unsigned level, bool create,
		   uint64_t *at)
{
	uint64_t table = d->pgd, e, next;
	unsigned l;
	int rc;

	for (l = levels_of(d);; l--) {
		*at = table + vtd_sl_index(iova, l) * VTD_SL_ENTRY_SIZE;
		if (l == level)
			return 0;
		rc = vtd_mem_read64(d->mem, *at, &e);
		if (rc)
			return rc;
		if (present(e) && is_leaf(e, l))
			return -EEXIST;
		if (present(e)) {
			table = e & VTD_SL_ADDR;
			continue;
		}
		if (!create)
			return -ENOENT;
		rc = vtd_mem_alloc_table(d->mem, &next);
		if (!rc)
			rc = vtd_mem_write64(d->mem, *at, next | VTD_SL_R | VTD_SL_W);
		if (rc)
			return rc;
		table = next;
	}
}

int vtd_sl_entry_addr(const struct vtd_sl_domain *d, uint64_t iova, unsigned level,
		      uint64_t *at)
{
	int rc;

	if (level < VTD_LEVEL_4K || level > levels_of(d))
		return -EINVAL;
	rc = slot_at(d, iova, level, false, at);
	return rc == -EEXIST ? -ENOENT : rc;
}

/* The largest leaf level SLLPS allows for @iova -> @hpa with @left bytes to go. */
static unsigned largest_leaf(const struct vtd_sl_domain *d, uint64_t iova, uint64_t hpa,
			     uint64_t left)
{
	static const struct { unsigned level, sllps; } large[] = {
		{ VTD_LEVEL_1G, VTD_SLLPS_1G }, { VTD_LEVEL_2M, VTD_SLLPS_2M },
	};
	unsigned i;

	for (i = 0; i < sizeof(large) / sizeof(large[0]); i++) {
		uint64_t size = VTD_LEVEL_SIZE(large[i].level);

		if ((d->unit->sllps & large[i].sllps) && left >= size &&
		    !((iova | hpa) & (size - 1)))
			return large[i].level;
	}
	return VTD_LEVEL_4K;
}

/* One leaf at @iova, as large as allowed and not over a table below: its size. */
static int map_one(struct vtd_sl_domain *d, uint64_t iova, uint64_t hpa, uint64_t left,
		   unsigned perms, uint64_t *size)
{
	unsigned level = largest_leaf(d, iova, hpa, left);
	uint64_t at, e;
	int rc;

	for (;; level--) {
		rc = slot_at(d, iova, level, true, &at);
		if (!rc)
			rc = vtd_mem_read64(d->mem, at, &e);
		if (rc)
			return rc;
		if (!present(e))
			break;
		/* A table already below (a smaller mapping was here): go into it. */
		if (is_leaf(e, level))
			return -EEXIST;
	}
	*size = VTD_LEVEL_SIZE(level);
	return vtd_mem_write64(d->mem, at, hpa | perms | (level > VTD_LEVEL_4K ? VTD_SL_PS : 0));
}

int vtd_sl_map(struct vtd_sl_domain *d, uint64_t iova, uint64_t hpa, uint64_t size,
	       unsigned perms)
{
	uint64_t done = 0, step = 0;
	int rc = 0;

	if (!size || ((iova | hpa | size) & ~VTD_PAGE_MASK) || !perms || (perms & ~VTD_SL_PERMS))
		return -EINVAL;
	if (iova + size < iova || vtd_above_width(iova + size - 1, width_of(d)) ||
	    hpa + size < hpa || vtd_above_width(hpa + size - 1, d->unit->haw))
		return -EINVAL;
	while (done < size && !rc) {
		rc = map_one(d, iova + done, hpa + done, size - done, perms, &step);
		if (!rc)
			done += step;
	}
	if (rc && done)
		vtd_sl_unmap(d, iova, done);
	return rc;
}

/* One pass over the range: checking it (@apply false), then clearing it. */
static int unmap_pass(struct vtd_sl_domain *d, uint64_t iova, uint64_t size, bool apply)
{
	uint64_t end = iova + size;

	while (iova < end) {
		uint64_t table = d->pgd, at = 0, e = 0, span = 0;
		unsigned level;
		int rc;

		for (level = levels_of(d); level >= VTD_LEVEL_4K; level--) {
			at = table + vtd_sl_index(iova, level) * VTD_SL_ENTRY_SIZE;
			rc = vtd_mem_read64(d->mem, at, &e);
			if (rc)
				return rc;
			span = VTD_LEVEL_SIZE(level);
			if (!present(e) || is_leaf(e, level))
				break;
			table = e & VTD_SL_ADDR;
		}
		if (present(e)) {
			if ((iova & (span - 1)) || end - iova < span)
				return -EINVAL;
			if (apply && (rc = vtd_mem_write64(d->mem, at, 0)))
				return rc;
		}
		/* On to the next entry at this level: past a hole, or the leaf. */
		span -= iova & (span - 1);
		iova += span < end - iova ? span : end - iova;
	}
	return 0;
}

int vtd_sl_unmap(struct vtd_sl_domain *d, uint64_t iova, uint64_t size)
{
	int rc;

	if ((iova | size) & ~VTD_PAGE_MASK || iova + size < iova)
		return -EINVAL;
	rc = unmap_pass(d, iova, size, false);
	return rc ? rc : unmap_pass(d, iova, size, true);
}
