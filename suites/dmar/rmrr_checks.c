// SPDX-License-Identifier: GPL-2.0-or-later
/* Checks of Reserved Memory Region Reporting structures (VT-d §8.4). */
#include "dmar_suite.h"

static bool is_rmrr(const struct dmar_struct *s)
{
	return s->type == DMAR_TYPE_RMRR && !s->truncated;
}

static bool well_formed(const struct dmar_struct *s)
{
	return s->u.rmrr.limit >= s->u.rmrr.base;
}

static void check_aligned(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];
		uint64_t base = s->u.rmrr.base, limit = s->u.rmrr.limit;
		struct vt_result *r;

		if (!is_rmrr(s))
			continue;
		seen++;
		/* limit is the last byte: the region ends on a page when limit+1 does */
		if (!(base & (DMAR_PAGE_SIZE - 1)) && !((limit + 1) & (DMAR_PAGE_SIZE - 1)))
			continue;
		r = dmar_report_struct(ctx, VT_FAIL, i,
				       "region [0x%llx-0x%llx]: base%s 4 KiB aligned, "
				       "limit+1%s 4 KiB aligned",
				       (unsigned long long)base, (unsigned long long)limit,
				       base & (DMAR_PAGE_SIZE - 1) ? " is not" : " is",
				       (limit + 1) & (DMAR_PAGE_SIZE - 1) ? " is not" : " is");
		vt_ev_uint(r, "base", base);
		vt_ev_uint(r, "limit", limit);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no RMRR structure to check",
		      "%zu RMRRs start and end on 4 KiB boundaries", seen);
}

static void check_range(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];
		struct vt_result *r;

		if (!is_rmrr(s))
			continue;
		seen++;
		if (well_formed(s))
			continue;
		r = dmar_report_struct(ctx, VT_FAIL, i,
				       "limit 0x%llx is below base 0x%llx",
				       (unsigned long long)s->u.rmrr.limit,
				       (unsigned long long)s->u.rmrr.base);
		vt_ev_uint(r, "base", s->u.rmrr.base);
		vt_ev_uint(r, "limit", s->u.rmrr.limit);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no RMRR structure to check",
		      "%zu RMRRs end at or after their base", seen);
}

static bool overlap(const struct dmar_struct *a, const struct dmar_struct *b)
{
	return a->u.rmrr.segment == b->u.rmrr.segment &&
	       a->u.rmrr.base <= b->u.rmrr.limit && b->u.rmrr.base <= a->u.rmrr.limit;
}

static void check_overlap(struct vt_ctx *ctx)
{
	size_t i, j, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];

		if (!is_rmrr(s) || !well_formed(s))
			continue;
		seen++;
		for (j = 0; j < i; j++) {
			const struct dmar_struct *o = &DMAR_T(ctx)->structs[j];
			struct vt_result *r;

			if (!is_rmrr(o) || !well_formed(o) || !overlap(s, o))
				continue;
			r = dmar_report_struct(ctx, VT_FAIL, i,
					       "region [0x%llx-0x%llx] overlaps [0x%llx-0x%llx] "
					       "of the RMRR at offset 0x%x",
					       (unsigned long long)s->u.rmrr.base,
					       (unsigned long long)s->u.rmrr.limit,
					       (unsigned long long)o->u.rmrr.base,
					       (unsigned long long)o->u.rmrr.limit, o->offset);
			vt_ev_uint(r, "base", s->u.rmrr.base);
			vt_ev_uint(r, "limit", s->u.rmrr.limit);
			vt_ev_uint(r, "other_offset", o->offset);
			bad++;
		}
	}
	vt_conclude(ctx, bad, seen, "no well-formed RMRR structure",
		      "%zu RMRRs, no two overlapping", seen);
}

static void check_has_scope(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];

		if (!is_rmrr(s))
			continue;
		seen++;
		if (s->nscopes)
			continue;
		dmar_report_struct(ctx, VT_WARN, i,
				   "RMRR [0x%llx-0x%llx] names no device that uses it",
				   (unsigned long long)s->u.rmrr.base,
				   (unsigned long long)s->u.rmrr.limit);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no RMRR structure to check",
		      "%zu RMRRs each name the devices that use them", seen);
}

const struct vt_check dmar_rmrr_checks[] = {
	{ { "dmar.rmrr.aligned", VT_SEV_HIGH, VT_NEED_TABLE,
	    "every RMRR base and limit+1 is 4 KiB aligned",
	    "VT-d 4.1 §8.4; Linux intel/iommu.c arch_rmrr_sanity_check()" },
	  check_aligned },
	{ { "dmar.rmrr.range", VT_SEV_HIGH, VT_NEED_TABLE,
	    "every RMRR limit is at or above its base",
	    "VT-d 4.1 §8.4; Linux intel/iommu.c arch_rmrr_sanity_check()" },
	  check_range },
	{ { "dmar.rmrr.overlap", VT_SEV_MEDIUM, VT_NEED_TABLE,
	    "no two RMRRs of a segment overlap",
	    "VT-d 4.1 §8.4; Xen vtd/dmar.c acpi_parse_one_rmrr() refuses them (\"Overlapping RMRRs\")" },
	  check_overlap },
	{ { "dmar.rmrr.has-scope", VT_SEV_LOW, VT_NEED_TABLE,
	    "every RMRR names at least one device",
	    "VT-d 4.1 §8.4 (Device Scope: one or more entries)" },
	  check_has_scope },
	{ { 0 }, 0 }
};
