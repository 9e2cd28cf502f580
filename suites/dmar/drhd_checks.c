// SPDX-License-Identifier: GPL-2.0-or-later
/* Checks of DMA Remapping Hardware Unit Definitions (VT-d §8.3). */
#include "dmar_suite.h"

static bool is_drhd(const struct dmar_struct *s)
{
	return s->type == DMAR_TYPE_DRHD && !s->truncated;
}

static bool include_all(const struct dmar_struct *s)
{
	return is_drhd(s) && (s->u.drhd.flags & DRHD_FLAG_INCLUDE_PCI_ALL);
}

/*
 * The first complete DRHD among structures [from, to) that matches @s by
 * @same (another unit of its segment, of its register base, ...), or NULL.
 */
static const struct dmar_struct *
find_drhd(const struct dmar_table *t, const struct dmar_struct *s, size_t from,
	  size_t to, bool (*same)(const struct dmar_struct *, const struct dmar_struct *))
{
	size_t j;

	for (j = from; j < to; j++)
		if (is_drhd(&t->structs[j]) && same(s, &t->structs[j]))
			return &t->structs[j];
	return NULL;
}

static bool same_base(const struct dmar_struct *a, const struct dmar_struct *b)
{
	return a->u.drhd.register_base == b->u.drhd.register_base;
}

static bool same_segment(const struct dmar_struct *a, const struct dmar_struct *b)
{
	return a->u.drhd.segment == b->u.drhd.segment;
}

static bool same_segment_include_all(const struct dmar_struct *a,
				     const struct dmar_struct *b)
{
	return include_all(b) && same_segment(a, b);
}

static void check_base_nonzero(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];

		if (!is_drhd(s))
			continue;
		seen++;
		if (s->u.drhd.register_base)
			continue;
		vt_ev_uint(dmar_report_struct(ctx, VT_FAIL, i,
			   "Register Base Address (offset 0x%x) is 0: Linux rejects the "
			   "whole table (\"DMAR reported at address 0\")",
			   s->offset + DRHD_REGISTER_BASE), "register_base", 0);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no DRHD structure to check",
		      "%zu DRHDs, each with a nonzero register base", seen);
}

static void check_base_aligned(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];
		uint64_t base = s->u.drhd.register_base;

		if (!is_drhd(s) || !base)
			continue;
		seen++;
		if (!(base & (DMAR_PAGE_SIZE - 1)))
			continue;
		vt_ev_uint(dmar_report_struct(ctx, VT_FAIL, i,
			   "Register Base Address 0x%llx is not 4 KiB aligned",
			   (unsigned long long)base), "register_base", base);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no DRHD with a nonzero register base",
		      "%zu DRHD register bases are 4 KiB aligned", seen);
}

static void check_base_unique(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i], *o;

		if (!is_drhd(s))
			continue;
		seen++;
		o = find_drhd(DMAR_T(ctx), s, 0, i, same_base);
		if (!o)
			continue;
		vt_ev_uint(dmar_report_struct(ctx, VT_FAIL, i,
			   "Register Base Address 0x%llx is also that of the DRHD "
			   "at offset 0x%x: two units cannot share registers",
			   (unsigned long long)s->u.drhd.register_base, o->offset),
			   "register_base", s->u.drhd.register_base);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no DRHD structure to check",
		      "%zu DRHDs with distinct register bases", seen);
}

static void check_include_all_unique(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i], *o;

		if (!include_all(s))
			continue;
		seen++;
		o = find_drhd(DMAR_T(ctx), s, 0, i, same_segment_include_all);
		if (!o)
			continue;
		vt_ev_uint(dmar_report_struct(ctx, VT_FAIL, i,
			   "second INCLUDE_PCI_ALL DRHD for segment %u (the first "
			   "is at offset 0x%x)", s->u.drhd.segment, o->offset),
			   "segment", s->u.drhd.segment);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no DRHD has INCLUDE_PCI_ALL",
		      "%zu INCLUDE_PCI_ALL DRHDs, at most one per segment", seen);
}

static void check_include_all_last(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i], *o;

		if (!include_all(s))
			continue;
		seen++;
		o = find_drhd(DMAR_T(ctx), s, i + 1, DMAR_T(ctx)->nstructs, same_segment);
		if (!o)
			continue;
		vt_ev_uint(dmar_report_struct(ctx, VT_FAIL, i,
			   "INCLUDE_PCI_ALL DRHD for segment %u is followed by "
			   "the DRHD at offset 0x%x of the same segment",
			   s->u.drhd.segment, o->offset),
			   "segment", s->u.drhd.segment);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no DRHD has INCLUDE_PCI_ALL",
		      "each INCLUDE_PCI_ALL DRHD is the last of its segment");
}

static void check_include_all_scopes(struct vt_ctx *ctx)
{
	size_t i, j, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];

		if (!include_all(s))
			continue;
		seen++;
		for (j = 0; j < s->nscopes; j++) {
			uint8_t type = s->scopes[j].type;

			if (type != SCOPE_TYPE_ENDPOINT && type != SCOPE_TYPE_BRIDGE)
				continue;
			vt_ev_uint(dmar_report_scope(ctx, VT_FAIL, i, j,
				   "%s scope in an INCLUDE_PCI_ALL DRHD: such a unit "
				   "lists only IOAPIC, HPET and ACPI namespace devices",
				   dmar_scope_type_name(type)), "scope_type", type);
			bad++;
		}
	}
	vt_conclude(ctx, bad, seen, "no DRHD has INCLUDE_PCI_ALL",
		      "INCLUDE_PCI_ALL DRHDs list no PCI endpoint or sub-hierarchy");
}

static void check_has_scope(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];

		if (!is_drhd(s) || include_all(s))
			continue;
		seen++;
		if (s->nscopes)
			continue;
		dmar_report_struct(ctx, VT_WARN, i,
				   "DRHD without INCLUDE_PCI_ALL lists no device: the unit "
				   "remaps nothing (Linux ignores it)");
		bad++;
	}
	vt_conclude(ctx, bad, seen, "every DRHD has INCLUDE_PCI_ALL",
		      "%zu DRHDs without INCLUDE_PCI_ALL each list devices", seen);
}

const struct vt_check dmar_drhd_checks[] = {
	{ { "dmar.drhd.base-nonzero", VT_SEV_CRITICAL, VT_NEED_TABLE,
	    "every DRHD register base address is nonzero",
	    "VT-d 4.1 §8.3; Linux dmar.c dmar_validate_one_drhd()" },
	  check_base_nonzero },
	{ { "dmar.drhd.base-aligned", VT_SEV_HIGH, VT_NEED_TABLE,
	    "every DRHD register base address is 4 KiB aligned",
	    "VT-d 4.1 §8.3, §10.2 (register set in 4 KiB pages)" },
	  check_base_aligned },
	{ { "dmar.drhd.base-unique", VT_SEV_HIGH, VT_NEED_TABLE,
	    "no two DRHDs share a register base address",
	    "VT-d 4.1 §8.3; Linux dmar.c dmar_find_dmaru() drops duplicates" },
	  check_base_unique },
	{ { "dmar.drhd.include-all-unique", VT_SEV_HIGH, VT_NEED_TABLE,
	    "at most one DRHD per segment has INCLUDE_PCI_ALL",
	    "VT-d 4.1 §8.3; Xen vtd/dmar.c \"Only one INCLUDE_ALL device\"" },
	  check_include_all_unique },
	{ { "dmar.drhd.include-all-last", VT_SEV_HIGH, VT_NEED_TABLE,
	    "an INCLUDE_PCI_ALL DRHD is the last DRHD of its segment",
	    "VT-d 4.1 §8.3" }, check_include_all_last },
	{ { "dmar.drhd.include-all-scopes", VT_SEV_MEDIUM, VT_NEED_TABLE,
	    "an INCLUDE_PCI_ALL DRHD lists no PCI endpoint or sub-hierarchy scope",
	    "VT-d 4.1 §8.3.1 (types 1 and 2)" }, check_include_all_scopes },
	{ { "dmar.drhd.has-scope", VT_SEV_LOW, VT_NEED_TABLE,
	    "a DRHD without INCLUDE_PCI_ALL lists at least one device",
	    "VT-d 4.1 §8.3; Linux intel/iommu.c init_no_remapping_devices()" },
	  check_has_scope },
	{ { 0 }, 0 }
};
