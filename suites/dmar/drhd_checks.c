// SPDX-License-Identifier: GPL-2.0-or-later
/* Checks of DMA Remapping Hardware Unit Definitions (VT-d §8.3). */
#include "dmar_suite.h"

static void base_nonzero(struct vt_ctx *ctx, const struct vt_item *it)
{
	uint64_t base = it->st->u.drhd.register_base;

	vt_ev_uint(vt_expect(ctx, base != 0, VT_FAIL, "Register Base Address (offset 0x%x) is "
			     "0: Linux rejects the whole table (\"DMAR reported at address 0\")",
			     it->st->offset + DRHD_REGISTER_BASE), "register_base", base);
}

const struct vt_check dmar_drhd_base_nonzero = {
	VT_CHECK("dmar.drhd.base-nonzero", VT_SEV_CRITICAL, VT_NEED_TABLE,
		 "every DRHD register base address is nonzero",
		 "VT-d 4.1 §8.3; Linux dmar.c dmar_validate_one_drhd()"),
	.items = &vt_items_drhds, .judge = base_nonzero,
	.none = "no DRHD structure to check",
	.all = "%zu DRHDs, each with a nonzero register base",
};

/* A base of 0 is dmar.drhd.base-nonzero's. */
static void base_aligned(struct vt_ctx *ctx, const struct vt_item *it)
{
	uint64_t base = it->st->u.drhd.register_base;

	if (!base)
		return;
	vt_ev_uint(vt_expect(ctx, !(base & (DMAR_PAGE_SIZE - 1)), VT_FAIL,
			     "Register Base Address 0x%llx is not 4 KiB aligned",
			     (unsigned long long)base), "register_base", base);
}

const struct vt_check dmar_drhd_base_aligned = {
	VT_CHECK("dmar.drhd.base-aligned", VT_SEV_HIGH, VT_NEED_TABLE,
		 "every DRHD register base address is 4 KiB aligned",
		 "VT-d 4.1 §8.3, §10.2 (register set in 4 KiB pages)"),
	.items = &vt_items_drhds, .judge = base_aligned,
	.none = "no DRHD with a nonzero register base",
	.all = "%zu DRHD register bases are 4 KiB aligned",
};

static void base_unique(struct vt_ctx *ctx, const struct vt_item *it)
{
	uint64_t base = it->st->u.drhd.register_base;
	long first = dmar_drhd_with_base(DMAR_X(ctx), base);

	vt_ev_uint(vt_expect(ctx, first == (long)it->index, VT_FAIL, "Register Base Address "
			     "0x%llx is also that of the DRHD at offset 0x%x: two units cannot "
			     "share registers", (unsigned long long)base,
			     DMAR_T(ctx)->structs[first].offset), "register_base", base);
}

const struct vt_check dmar_drhd_base_unique = {
	VT_CHECK("dmar.drhd.base-unique", VT_SEV_HIGH, VT_NEED_TABLE,
		 "no two DRHDs share a register base address",
		 "VT-d 4.1 §8.3; Linux dmar.c dmar_find_dmaru() drops duplicates"),
	.items = &vt_items_drhds, .judge = base_unique,
	.none = "no DRHD structure to check",
	.all = "%zu DRHDs with distinct register bases",
};

static void include_all_unique(struct vt_ctx *ctx, const struct vt_item *it)
{
	uint16_t seg = it->st->u.drhd.segment;
	long first = dmar_include_all_of_segment(DMAR_X(ctx), seg);

	if (!dmar_drhd_include_all(it->st))
		return;
	vt_ev_uint(vt_expect(ctx, first == (long)it->index, VT_FAIL, "second INCLUDE_PCI_ALL "
			     "DRHD for segment %u (the first is at offset 0x%x)", seg,
			     DMAR_T(ctx)->structs[first].offset), "segment", seg);
}

const struct vt_check dmar_drhd_include_all_unique = {
	VT_CHECK("dmar.drhd.include-all-unique", VT_SEV_HIGH, VT_NEED_TABLE,
		 "at most one DRHD per segment has INCLUDE_PCI_ALL",
		 "VT-d 4.1 §8.3; Xen vtd/dmar.c \"Only one INCLUDE_ALL device\""),
	.items = &vt_items_drhds, .judge = include_all_unique,
	.none = "no DRHD has INCLUDE_PCI_ALL",
	.all = "%zu INCLUDE_PCI_ALL DRHDs, at most one per segment",
};

static void include_all_last(struct vt_ctx *ctx, const struct vt_item *it)
{
	uint16_t seg = it->st->u.drhd.segment;
	long later = dmar_drhd_of_segment_after(DMAR_X(ctx), seg, it->index);

	if (!dmar_drhd_include_all(it->st))
		return;
	vt_ev_uint(vt_expect(ctx, later == DMAR_NO_STRUCT, VT_FAIL, "INCLUDE_PCI_ALL DRHD for "
			     "segment %u is followed by the DRHD at offset 0x%x of the same "
			     "segment", seg, later >= 0 ? DMAR_T(ctx)->structs[later].offset : 0),
		   "segment", seg);
}

const struct vt_check dmar_drhd_include_all_last = {
	VT_CHECK("dmar.drhd.include-all-last", VT_SEV_HIGH, VT_NEED_TABLE,
		 "an INCLUDE_PCI_ALL DRHD is the last DRHD of its segment", "VT-d 4.1 §8.3"),
	.items = &vt_items_drhds, .judge = include_all_last,
	.none = "no DRHD has INCLUDE_PCI_ALL",
	.all = "each of %zu INCLUDE_PCI_ALL DRHDs is the last of its segment",
};

/* Such a unit lists only IOAPIC, HPET and ACPI namespace devices. */
static void include_all_scope(struct vt_ctx *ctx, const struct vt_item *it)
{
	uint8_t type = it->scope->type;

	if (!dmar_drhd_include_all(it->st))
		return;
	vt_ev_uint(vt_expect(ctx, !dmar_scope_is_pci(it->scope), VT_FAIL, "%s scope in an "
			     "INCLUDE_PCI_ALL DRHD: such a unit lists only IOAPIC, HPET and ACPI "
			     "namespace devices", dmar_scope_type_name(type)), "scope_type", type);
}

const struct vt_check dmar_drhd_include_all_scopes = {
	VT_CHECK("dmar.drhd.include-all-scopes", VT_SEV_MEDIUM, VT_NEED_TABLE,
		 "an INCLUDE_PCI_ALL DRHD lists no PCI endpoint or sub-hierarchy scope",
		 "VT-d 4.1 §8.3.1 (types 1 and 2)"),
	.items = &vt_items_scopes, .judge = include_all_scope,
	.none = "no INCLUDE_PCI_ALL DRHD lists a device scope",
	.all = "%zu device scopes of INCLUDE_PCI_ALL DRHDs, none a PCI endpoint or "
	       "sub-hierarchy",
};

static void has_scope(struct vt_ctx *ctx, const struct vt_item *it)
{
	if (dmar_drhd_include_all(it->st))
		return;
	vt_expect(ctx, it->st->nscopes > 0, VT_WARN, "DRHD without INCLUDE_PCI_ALL lists no "
		  "device: the unit remaps nothing (Linux ignores it)");
}

const struct vt_check dmar_drhd_has_scope = {
	VT_CHECK("dmar.drhd.has-scope", VT_SEV_LOW, VT_NEED_TABLE,
		 "a DRHD without INCLUDE_PCI_ALL lists at least one device",
		 "VT-d 4.1 §8.3; Linux intel/iommu.c init_no_remapping_devices()"),
	.items = &vt_items_drhds, .judge = has_scope,
	.none = "every DRHD has INCLUDE_PCI_ALL",
	.all = "%zu DRHDs without INCLUDE_PCI_ALL each list devices",
};
