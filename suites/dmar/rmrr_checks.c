// SPDX-License-Identifier: GPL-2.0-or-later
/* Checks of Reserved Memory Region Reporting structures (VT-d §8.4). */
#include "dmar_suite.h"

static void ev_region(struct vt_result *r, const struct dmar_struct *s)
{
	vt_ev_uint(r, "base", s->u.rmrr.base);
	vt_ev_uint(r, "limit", s->u.rmrr.limit);
}

/* The limit is the last byte: the region ends on a page when limit + 1 does. */
static void aligned(struct vt_ctx *ctx, const struct vt_item *it)
{
	uint64_t base = it->st->u.rmrr.base, end = it->st->u.rmrr.limit + 1;
	bool base_ok = !(base & (DMAR_PAGE_SIZE - 1)), end_ok = !(end & (DMAR_PAGE_SIZE - 1));

	ev_region(vt_expect(ctx, base_ok && end_ok, VT_FAIL, "region [0x%llx-0x%llx]: base%s "
			    "4 KiB aligned, limit+1%s 4 KiB aligned", (unsigned long long)base,
			    (unsigned long long)it->st->u.rmrr.limit, base_ok ? " is" : " is not",
			    end_ok ? " is" : " is not"), it->st);
}

const struct vt_check dmar_rmrr_aligned = {
	VT_CHECK("dmar.rmrr.aligned", VT_SEV_HIGH, VT_NEED_TABLE,
		 "every RMRR base and limit+1 is 4 KiB aligned",
		 "VT-d 4.1 §8.4; Linux intel/iommu.c arch_rmrr_sanity_check()"),
	.items = &vt_items_rmrrs, .judge = aligned,
	.none = "no RMRR structure to check",
	.all = "%zu RMRRs start and end on 4 KiB boundaries",
};

static void range(struct vt_ctx *ctx, const struct vt_item *it)
{
	ev_region(vt_expect(ctx, dmar_rmrr_well_formed(it->st), VT_FAIL,
			    "limit 0x%llx is below base 0x%llx",
			    (unsigned long long)it->st->u.rmrr.limit,
			    (unsigned long long)it->st->u.rmrr.base), it->st);
}

const struct vt_check dmar_rmrr_range = {
	VT_CHECK("dmar.rmrr.range", VT_SEV_HIGH, VT_NEED_TABLE,
		 "every RMRR limit is at or above its base",
		 "VT-d 4.1 §8.4; Linux intel/iommu.c arch_rmrr_sanity_check()"),
	.items = &vt_items_rmrrs, .judge = range,
	.none = "no RMRR structure to check",
	.all = "%zu RMRRs end at or after their base",
};

/* One finding per earlier RMRR this one overlaps (ill-formed ones are range's). */
static void overlap(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct dmar_struct *s = it->st;
	size_t j;

	if (!dmar_rmrr_well_formed(s))
		return;
	vt_verdict(ctx, VT_PASS, "no overlap");
	for (j = 0; j < it->index; j++) {
		const struct dmar_struct *o = &DMAR_T(ctx)->structs[j];
		struct vt_result *r;

		if (!dmar_rmrr_well_formed(o) || !dmar_rmrrs_overlap(s, o))
			continue;
		r = vt_verdict(ctx, VT_FAIL, "region [0x%llx-0x%llx] overlaps [0x%llx-0x%llx] of "
			       "the RMRR at offset 0x%x", (unsigned long long)s->u.rmrr.base,
			       (unsigned long long)s->u.rmrr.limit,
			       (unsigned long long)o->u.rmrr.base,
			       (unsigned long long)o->u.rmrr.limit, o->offset);
		ev_region(r, s);
		vt_ev_uint(r, "other_offset", o->offset);
	}
}

const struct vt_check dmar_rmrr_overlap = {
	VT_CHECK("dmar.rmrr.overlap", VT_SEV_MEDIUM, VT_NEED_TABLE,
		 "no two RMRRs of a segment overlap",
		 "VT-d 4.1 §8.4; Xen vtd/dmar.c acpi_parse_one_rmrr() refuses them "
		 "(\"Overlapping RMRRs\")"),
	.items = &vt_items_rmrrs, .judge = overlap,
	.none = "no well-formed RMRR structure",
	.all = "%zu RMRRs, no two overlapping",
};

static void has_scope(struct vt_ctx *ctx, const struct vt_item *it)
{
	vt_expect(ctx, it->st->nscopes > 0, VT_WARN, "RMRR [0x%llx-0x%llx] names no device "
		  "that uses it", (unsigned long long)it->st->u.rmrr.base,
		  (unsigned long long)it->st->u.rmrr.limit);
}

const struct vt_check dmar_rmrr_has_scope = {
	VT_CHECK("dmar.rmrr.has-scope", VT_SEV_LOW, VT_NEED_TABLE,
		 "every RMRR names at least one device",
		 "VT-d 4.1 §8.4 (Device Scope: one or more entries)"),
	.items = &vt_items_rmrrs, .judge = has_scope,
	.none = "no RMRR structure to check",
	.all = "%zu RMRRs each name the devices that use them",
};
