// SPDX-License-Identifier: GPL-2.0-or-later
/* RMRRs against the machine's memory map (VT-d §8.4). */
#include "dmar_suite.h"

static void check_rmrr_reserved(struct vt_ctx *ctx)
{
	const char *source;
	const struct mem_map *map = vt_env_memmap(ctx->env, &source);
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];
		struct vt_result *r;

		if (s->type != DMAR_TYPE_RMRR || s->truncated ||
		    s->u.rmrr.limit < s->u.rmrr.base)
			continue;
		seen++;
		if (memmap_covers(map, s->u.rmrr.base, s->u.rmrr.limit,
				  MEM_TYPE_BIT(MEM_RESERVED)))
			continue;
		r = dmar_report_struct(ctx, VT_FAIL, i,
			"region [0x%llx-0x%llx] is not wholly in memory the firmware "
			"reserved (%s): Linux warns \"Your BIOS is broken; bad RMRR\"",
			(unsigned long long)s->u.rmrr.base,
			(unsigned long long)s->u.rmrr.limit, source);
		vt_ev_uint(r, "base", s->u.rmrr.base);
		vt_ev_uint(r, "limit", s->u.rmrr.limit);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no well-formed RMRR structure",
		    "%zu RMRRs lie in reserved memory (%s)", seen, source);
}

const struct vt_check dmar_rmrr_memory_checks[] = {
	{ { "dmar.rmrr.reserved-memory", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_MEMMAP,
	    "every RMRR lies in memory the firmware reports as reserved",
	    "VT-d 4.1 §8.4; Linux intel/iommu.c arch_rmrr_sanity_check()" },
	  check_rmrr_reserved },
	{ { 0 }, 0 }
};
