// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tests of the structure-list and device-scope checks (VT-d §8.2, §8.3.1).
 * Length defects are made with DMAR_ENC_KEEP_LENGTHS after fixture_layout()
 * (so every other length stays right) or by patching the encoded bytes.
 */
#include <stdio.h>
#include <string.h>

#include "fixture.h"

#define ID_STRUCT_LENGTH "dmar.struct.length"
#define ID_ORDER         "dmar.struct.order"
#define ID_TYPE_KNOWN    "dmar.struct.type-known"
#define ID_SCOPE_LENGTH  "dmar.scope.length"
#define ID_SCOPE_TYPE    "dmar.scope.type-valid"
#define ID_SEGMENT       "dmar.segment.has-drhd"

/*
 * Catch-all DRHD at 0x30 (24 bytes), USB RMRR at 0x48 (32 bytes): 0x68
 * bytes in all.
 */
static void drhd_rmrr_table(struct fixture *f)
{
	fixture_init(f, 39, 0);
	fx_add_all_drhd(&f->model, 0, FX_IOMMU_BASE);
	fx_add_usb_rmrr(&f->model);
}

/* ---- dmar.struct.length ---- */

static void test_struct_length_sound_passes(void)
{
	struct fixture f;

	drhd_rmrr_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_STRUCT_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_STRUCT_LENGTH, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_STRUCT_LENGTH, VT_PASS, "2 structures");
	}
	fixture_free(&f);
}

/* Length 0: Linux stops at "Invalid 0-length structure". */
static void test_struct_length_zero_fails(void)
{
	struct fixture f;

	drhd_rmrr_table(&f);
	fixture_layout(&f);
	f.model.structs[1].length = 0;
	if (fixture_check(&f, DMAR_ENC_KEEP_LENGTHS, ID_STRUCT_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL,
			       "at offset 0x48: structure length is 0 or below its 4-byte header");
	}
	fixture_free(&f);
}

/* Length 2: below the structure header, the walk cannot step over it either. */
static void test_struct_length_below_header_fails(void)
{
	struct fixture f;

	drhd_rmrr_table(&f);
	fixture_layout(&f);
	f.model.structs[1].length = 2;
	if (fixture_check(&f, DMAR_ENC_KEEP_LENGTHS, ID_STRUCT_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_STRUCT_LENGTH, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL, "at offset 0x48: structure "
			       "length is 0 or below its 4-byte header (seen 2, limit 4)");
	}
	fixture_free(&f);
}

/* The RMRR claims 64 bytes from 0x48: it would end at 136, past 104. */
static void test_struct_length_past_table_fails(void)
{
	struct fixture f;

	drhd_rmrr_table(&f);
	fixture_layout(&f);
	f.model.structs[1].length = 64;
	if (fixture_check(&f, DMAR_ENC_KEEP_LENGTHS, ID_STRUCT_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL, "at offset 0x48");
		ASSERT_MSG_HAS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL, "seen 136, limit 104");
	}
	fixture_free(&f);
}

/* A DRHD of 8 bytes lacks half of its 16-byte fixed part. */
static void test_struct_length_short_fails(void)
{
	static const uint8_t junk[4] = { 0xde, 0xad, 0xbe, 0xef };
	struct fixture f;
	struct dmar_struct *s;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	s = dmar_add_struct(&f.model, DMAR_TYPE_DRHD);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	s->truncated = true;
	CU_ASSERT_FATAL(dmar_set_tail(s, junk, sizeof(junk)) == 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_STRUCT_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL, "at offset 0x48");
		ASSERT_MSG_HAS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL, "seen 8, limit 16");
	}
	fixture_free(&f);
}

/* Two stray bytes inside Length: too few for a structure header. */
static void test_struct_length_header_cut_fails(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	fixture_encode(&f, DMAR_ENC_COMPUTE);
	fixture_append(&f, 2, 0);
	fixture_patch32(&f, ACPI_HDR_LENGTH, (uint32_t)f.len);
	if (fixture_decode(&f)) {
		fixture_run(&f, ID_STRUCT_LENGTH, NULL);
		ASSERT_STATUS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL, "at offset 0x48");
		ASSERT_MSG_HAS(&f.rs, ID_STRUCT_LENGTH, VT_FAIL, "seen 2, limit 4");
	}
	fixture_free(&f);
}

/* ---- dmar.struct.order ---- */

/* One of every type, in numerical order. */
static void test_order_all_types_passes(void)
{
	struct fixture f;

	drhd_rmrr_table(&f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_atsr(&f.model, ATSR_FLAG_ALL_PORTS, 0));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rhsa(&f.model, FX_IOMMU_BASE, 0));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_andd(&f.model, 1, "\\_SB.I2C0"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_satc(&f.model, 0, 0));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x02, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_sidp(&f.model, 0));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x0b, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ORDER, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ORDER, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_ORDER, VT_PASS, "7 structures");
	}
	fixture_free(&f);
}

/* An RMRR at 0x30 before the DRHD at 0x50. */
static void test_order_rmrr_before_drhd_fails(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_usb_rmrr(&f.model);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ORDER, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ORDER, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ORDER, VT_FAIL,
			       "type 0 (DRHD) follows type 1 (RMRR) at offset 0x30");
		ASSERT_SUBJECT_HAS(&f.rs, ID_ORDER, VT_FAIL, "DRHD #0 @0x50");
	}
	fixture_free(&f);
}

/* A future type after the known ones is not an order defect. */
static void test_order_unknown_type_last_passes(void)
{
	static const uint8_t payload[4] = { 1, 2, 3, 4 };
	struct fixture f;
	struct dmar_struct *s;

	drhd_rmrr_table(&f);
	s = dmar_add_struct(&f.model, 0x80);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_FATAL(dmar_set_tail(s, payload, sizeof(payload)) == 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ORDER, NULL))
		ASSERT_STATUS(&f.rs, ID_ORDER, VT_PASS);
	fixture_free(&f);
}

/*
 * RMRR, a future type, then a DRHD: the DRHD still comes after the RMRR.
 * The unknown structure between them must not hide that.
 */
static void test_order_unknown_between_still_fails(void)
{
	static const uint8_t payload[4] = { 1, 2, 3, 4 };
	struct fixture f;
	struct dmar_struct *s;

	fixture_init(&f, 39, 0);
	fx_add_usb_rmrr(&f.model);
	s = dmar_add_struct(&f.model, 0x80);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_FATAL(dmar_set_tail(s, payload, sizeof(payload)) == 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ORDER, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ORDER, VT_FAIL);
		ASSERT_SUBJECT_HAS(&f.rs, ID_ORDER, VT_FAIL, "DRHD #0 @0x58");
	}
	fixture_free(&f);
}

/* ---- dmar.struct.type-known ---- */

/* Type 7 is not defined by VT-d 4.1: Linux skips it with a warning. */
static void test_type_unknown_warns(void)
{
	static const uint8_t payload[4] = { 0 };
	struct fixture f;
	struct dmar_struct *s;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	s = dmar_add_struct(&f.model, DMAR_TYPE_COUNT);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_FATAL(dmar_set_tail(s, payload, sizeof(payload)) == 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_TYPE_KNOWN, NULL)) {
		ASSERT_STATUS(&f.rs, ID_TYPE_KNOWN, VT_WARN);
		ASSERT_MSG_HAS(&f.rs, ID_TYPE_KNOWN, VT_WARN,
			       "unknown structure type 7 (length 8)");
		ASSERT_SUBJECT_HAS(&f.rs, ID_TYPE_KNOWN, VT_WARN, "type 7 #0 @0x48");
	}
	fixture_free(&f);
}

/* SATC (5) and SIDP (6) are the newest known types. */
static void test_type_known_passes(void)
{
	struct fixture f;

	drhd_rmrr_table(&f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_satc(&f.model, SATC_FLAG_ATC_REQUIRED, 0));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x02, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_sidp(&f.model, 0));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x0b, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_TYPE_KNOWN, NULL))
		ASSERT_STATUS(&f.rs, ID_TYPE_KNOWN, VT_PASS);
	fixture_free(&f);
}

/* ---- dmar.scope.length ---- */

/*
 * Graphics DRHD at 0x30 (24 bytes) whose endpoint scope is at 0x40 (8
 * bytes); @tail extra bytes after the scope, inside the structure.
 */
static void gfx_table(struct fixture *f, size_t tail)
{
	static const uint8_t zeros[8] = { 0 };

	fixture_init(f, 39, 0);
	fx_add_gfx_drhd(&f->model, FX_GFX_BASE);
	if (tail)
		CU_ASSERT_FATAL(dmar_set_tail(&f->model.structs[0], zeros, tail) == 0);
}

static void test_scope_length_sound_passes(void)
{
	struct fixture f;

	gfx_table(&f, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_SCOPE_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SCOPE_LENGTH, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_LENGTH, VT_PASS, "1 device scopes");
	}
	fixture_free(&f);
}

/* Length 0 would loop forever in a naive walker (Linux checks for it). */
static void test_scope_length_zero_fails(void)
{
	struct fixture f;

	gfx_table(&f, 0);
	fixture_layout(&f);
	f.model.structs[0].scopes[0].length = 0;
	if (fixture_check(&f, DMAR_ENC_KEEP_LENGTHS, ID_SCOPE_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL,
			       "at offset 0x40: device scope has length 0");
	}
	fixture_free(&f);
}

/* A 32-byte scope at 0x40 ends at 96, past its structure's end at 72. */
static void test_scope_length_past_struct_fails(void)
{
	struct fixture f;

	gfx_table(&f, 0);
	fixture_layout(&f);
	f.model.structs[0].scopes[0].length = 32;
	if (fixture_check(&f, DMAR_ENC_KEEP_LENGTHS, ID_SCOPE_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL, "at offset 0x40");
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL, "seen 96, limit 72");
	}
	fixture_free(&f);
}

/* A scope with no path entry is 6 bytes: below the minimum of 8. */
static void test_scope_length_below_8_fails(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_drhd(&f.model, 0, 0, FX_GFX_BASE));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_ENDPOINT,
						    0, 0, NULL, 0));
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_SCOPE_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL, "at offset 0x40");
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL, "seen 6, limit 8");
	}
	fixture_free(&f);
}

/* Length 9: three path bytes are one and a half (device, function) pairs. */
static void test_scope_length_odd_fails(void)
{
	struct fixture f;

	gfx_table(&f, 1);
	fixture_layout(&f);
	f.model.structs[0].scopes[0].length = 9;
	if (fixture_check(&f, DMAR_ENC_KEEP_LENGTHS, ID_SCOPE_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_SCOPE_LENGTH, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL, "at offset 0x40");
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL, "whole number");
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL, "seen 9");
	}
	fixture_free(&f);
}

/* Three bytes left after the last scope: too few for another scope. */
static void test_scope_length_header_cut_fails(void)
{
	struct fixture f;

	gfx_table(&f, 3);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_SCOPE_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL, "at offset 0x48");
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_LENGTH, VT_FAIL, "seen 3, limit 6");
	}
	fixture_free(&f);
}

/* ---- dmar.scope.type-valid ---- */

/* A DRHD may carry every defined scope type. */
static void test_scope_type_drhd_all_types_passes(void)
{
	const struct dmar_path p = { 0x1f, 0 };
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_gfx_drhd(&f.model, FX_GFX_BASE);
	fx_add_pci_scope(&f.model, SCOPE_TYPE_BRIDGE, 0, 0x1c, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_IOAPIC, 2, 0xf0, &p, 1));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_HPET, 0, 0, &p, 1));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_NAMESPACE, 1, 0, &p, 1));
	fx_add_usb_rmrr(&f.model);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_SCOPE_TYPE, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SCOPE_TYPE, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_TYPE, VT_PASS, "6 device scopes");
	}
	fixture_free(&f);
}

/* An RMRR names devices doing DMA to it; an IOAPIC does no DMA. */
static void test_scope_type_ioapic_in_rmrr_fails(void)
{
	const struct dmar_path p = { 0x1f, 0 };
	struct fixture f;

	drhd_rmrr_table(&f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_IOAPIC, 2, 0xf0, &p, 1));
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_SCOPE_TYPE, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SCOPE_TYPE, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_TYPE, VT_FAIL,
			       "type 3 (IOAPIC) is not valid in a RMRR");
		ASSERT_SUBJECT_HAS(&f.rs, ID_SCOPE_TYPE, VT_FAIL, "scope #1 @0x68");
	}
	fixture_free(&f);
}

/* An ATSR lists root ports, as sub-hierarchies, never endpoints. */
static void test_scope_type_endpoint_in_atsr_fails(void)
{
	struct fixture f;

	drhd_rmrr_table(&f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_atsr(&f.model, 0, 0));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x1c, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_SCOPE_TYPE, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SCOPE_TYPE, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_TYPE, VT_FAIL,
			       "type 1 (PCI endpoint) is not valid in a ATSR");
	}
	fixture_free(&f);
}

/* Type 9 is defined nowhere. */
static void test_scope_type_undefined_fails(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_gfx_drhd(&f.model, FX_GFX_BASE);
	fx_add_pci_scope(&f.model, 9, 0, 0x03, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_SCOPE_TYPE, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SCOPE_TYPE, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_SCOPE_TYPE, VT_FAIL, "type 9 (undefined)");
	}
	fixture_free(&f);
}

/* ---- dmar.segment.has-drhd ---- */

static void test_segment_has_drhd_passes(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	fx_add_all_drhd(&f.model, 1, 0xfed92000);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f.model, 1, 0xe8000, 0xeffff));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x14, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_SEGMENT, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SEGMENT, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_SEGMENT, VT_PASS, "1 RMRR");
	}
	fixture_free(&f);
}

/* An RMRR for segment 1 where only segment 0 has a remapping unit. */
static void test_segment_rmrr_without_drhd_fails(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f.model, 1, 0xe8000, 0xeffff));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x14, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_SEGMENT, NULL)) {
		ASSERT_STATUS(&f.rs, ID_SEGMENT, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_SEGMENT, VT_FAIL, "names PCI segment 1,");
		ASSERT_SUBJECT_HAS(&f.rs, ID_SEGMENT, VT_FAIL, "RMRR #0 @0x48");
	}
	fixture_free(&f);
}

/* ATSR, SATC and SIDP carry a segment too: each one is checked. */
static void test_segment_atsr_satc_sidp_without_drhd_fail(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_atsr(&f.model, ATSR_FLAG_ALL_PORTS, 2));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_satc(&f.model, 0, 3));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x02, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_sidp(&f.model, 4));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x0b, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_SEGMENT, NULL)) {
		ASSERT_COUNT(&f.rs, ID_SEGMENT, VT_FAIL, 3);
		ASSERT_STATUS(&f.rs, ID_SEGMENT, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_SEGMENT, VT_FAIL, "segment 2,");
		ASSERT_MSG_HAS(&f.rs, ID_SEGMENT, VT_FAIL, "segment 3,");
		ASSERT_MSG_HAS(&f.rs, ID_SEGMENT, VT_FAIL, "segment 4,");
	}
	fixture_free(&f);
}

const struct unit_test check_struct_tests[] = {
	{ "struct_length_sound_passes", test_struct_length_sound_passes },
	{ "struct_length_zero_fails", test_struct_length_zero_fails },
	{ "struct_length_below_header_fails", test_struct_length_below_header_fails },
	{ "struct_length_past_table_fails", test_struct_length_past_table_fails },
	{ "struct_length_short_fails", test_struct_length_short_fails },
	{ "struct_length_header_cut_fails", test_struct_length_header_cut_fails },
	{ "order_all_types_passes", test_order_all_types_passes },
	{ "order_rmrr_before_drhd_fails", test_order_rmrr_before_drhd_fails },
	{ "order_unknown_type_last_passes", test_order_unknown_type_last_passes },
	{ "order_unknown_between_still_fails", test_order_unknown_between_still_fails },
	{ "type_unknown_warns", test_type_unknown_warns },
	{ "type_known_passes", test_type_known_passes },
	{ "scope_length_sound_passes", test_scope_length_sound_passes },
	{ "scope_length_zero_fails", test_scope_length_zero_fails },
	{ "scope_length_past_struct_fails", test_scope_length_past_struct_fails },
	{ "scope_length_below_8_fails", test_scope_length_below_8_fails },
	{ "scope_length_odd_fails", test_scope_length_odd_fails },
	{ "scope_length_header_cut_fails", test_scope_length_header_cut_fails },
	{ "scope_type_drhd_all_types_passes", test_scope_type_drhd_all_types_passes },
	{ "scope_type_ioapic_in_rmrr_fails", test_scope_type_ioapic_in_rmrr_fails },
	{ "scope_type_endpoint_in_atsr_fails", test_scope_type_endpoint_in_atsr_fails },
	{ "scope_type_undefined_fails", test_scope_type_undefined_fails },
	{ "segment_has_drhd_passes", test_segment_has_drhd_passes },
	{ "segment_rmrr_without_drhd_fails", test_segment_rmrr_without_drhd_fails },
	{ "segment_atsr_satc_sidp_without_drhd_fail",
	  test_segment_atsr_satc_sidp_without_drhd_fail },
	{ NULL, NULL }
};
