// SPDX-License-Identifier: GPL-2.0-or-later
/* Tests of the DRHD checks (VT-d §8.3). */
#include "fixture.h"

#define ID_NONZERO      "dmar.drhd.base-nonzero"
#define ID_ALIGNED      "dmar.drhd.base-aligned"
#define ID_UNIQUE       "dmar.drhd.base-unique"
#define ID_ALL_UNIQUE   "dmar.drhd.include-all-unique"
#define ID_ALL_LAST     "dmar.drhd.include-all-last"
#define ID_ALL_SCOPES   "dmar.drhd.include-all-scopes"
#define ID_HAS_SCOPE    "dmar.drhd.has-scope"

/* The usual pair: graphics DRHD at 0x30, catch-all DRHD at 0x48. */
static void client_units(struct fixture *f, uint64_t gfx_base, uint64_t all_base)
{
	fixture_init(f, 39, 0);
	fx_add_gfx_drhd(&f->model, gfx_base);
	fx_add_all_drhd(&f->model, 0, all_base);
}

/* ---- dmar.drhd.base-nonzero ---- */

static void test_base_nonzero_passes(void)
{
	struct fixture f;

	client_units(&f, FX_GFX_BASE, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_NONZERO, NULL)) {
		ASSERT_STATUS(&f.rs, ID_NONZERO, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_NONZERO, VT_PASS, "2 DRHDs");
	}
	fixture_free(&f);
}

/* Base 0: Linux rejects the whole table, so this is the field to name. */
static void test_base_zero_fails(void)
{
	struct fixture f;
	uint64_t off = 0;

	client_units(&f, 0, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_NONZERO, NULL)) {
		ASSERT_STATUS(&f.rs, ID_NONZERO, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_NONZERO, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_NONZERO, VT_FAIL, "(offset 0x38) is 0");
		ASSERT_SUBJECT_HAS(&f.rs, ID_NONZERO, VT_FAIL, "DRHD #0 @0x30");
		CU_ASSERT(evidence_uint(result_of(&f.rs, ID_NONZERO, VT_FAIL), "offset", &off));
		CU_ASSERT_EQUAL(off, 0x30);
	}
	fixture_free(&f);
}

/* ---- dmar.drhd.base-aligned ---- */

static void test_base_aligned_passes(void)
{
	struct fixture f;

	client_units(&f, FX_GFX_BASE, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALIGNED, NULL))
		ASSERT_STATUS(&f.rs, ID_ALIGNED, VT_PASS);
	fixture_free(&f);
}

/* Registers come in 4 KiB pages: a base inside a page is wrong. */
static void test_base_unaligned_fails(void)
{
	struct fixture f;

	client_units(&f, FX_GFX_BASE, FX_IOMMU_BASE + 0x800);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALIGNED, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ALIGNED, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_ALIGNED, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_ALIGNED, VT_FAIL, "0xfed91800 is not 4 KiB aligned");
		ASSERT_SUBJECT_HAS(&f.rs, ID_ALIGNED, VT_FAIL, "DRHD #1 @0x48");
	}
	fixture_free(&f);
}

/* ---- dmar.drhd.base-unique ---- */

static void test_base_unique_passes(void)
{
	struct fixture f;

	client_units(&f, FX_GFX_BASE, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_UNIQUE, NULL))
		ASSERT_STATUS(&f.rs, ID_UNIQUE, VT_PASS);
	fixture_free(&f);
}

/* Two units at one base: Linux keeps only the first. */
static void test_base_shared_fails(void)
{
	struct fixture f;

	client_units(&f, FX_IOMMU_BASE, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_UNIQUE, NULL)) {
		ASSERT_STATUS(&f.rs, ID_UNIQUE, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_UNIQUE, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_UNIQUE, VT_FAIL,
			       "0xfed91000 is also that of the DRHD at offset 0x30");
		ASSERT_SUBJECT_HAS(&f.rs, ID_UNIQUE, VT_FAIL, "DRHD #1 @0x48");
	}
	fixture_free(&f);
}

/* ---- dmar.drhd.include-all-unique ---- */

/* One catch-all unit per segment is the rule, and two segments may each have one. */
static void test_include_all_one_per_segment_passes(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	fx_add_all_drhd(&f.model, 1, 0xfed92000);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALL_UNIQUE, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ALL_UNIQUE, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_ALL_UNIQUE, VT_PASS, "2 INCLUDE_PCI_ALL");
	}
	fixture_free(&f);
}

static void test_include_all_twice_in_segment_fails(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 3, FX_IOMMU_BASE);
	fx_add_all_drhd(&f.model, 3, 0xfed92000);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALL_UNIQUE, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ALL_UNIQUE, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ALL_UNIQUE, VT_FAIL,
			       "for segment 3 (the first is at offset 0x30)");
		ASSERT_SUBJECT_HAS(&f.rs, ID_ALL_UNIQUE, VT_FAIL, "DRHD #1 @0x48");
	}
	fixture_free(&f);
}

/* ---- dmar.drhd.include-all-last ---- */

static void test_include_all_last_passes(void)
{
	struct fixture f;

	client_units(&f, FX_GFX_BASE, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALL_LAST, NULL))
		ASSERT_STATUS(&f.rs, ID_ALL_LAST, VT_PASS);
	fixture_free(&f);
}

/* A DRHD of another segment may follow the catch-all one. */
static void test_include_all_then_other_segment_passes(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_drhd(&f.model, 0, 1, 0xfed92000));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x02, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALL_LAST, NULL))
		ASSERT_STATUS(&f.rs, ID_ALL_LAST, VT_PASS);
	fixture_free(&f);
}

/* The catch-all unit first: the graphics DRHD after it is the defect. */
static void test_include_all_not_last_fails(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	fx_add_gfx_drhd(&f.model, FX_GFX_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALL_LAST, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ALL_LAST, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ALL_LAST, VT_FAIL,
			       "segment 0 is followed by the DRHD at offset 0x48");
		ASSERT_SUBJECT_HAS(&f.rs, ID_ALL_LAST, VT_FAIL, "DRHD #0 @0x30");
	}
	fixture_free(&f);
}

/* ---- dmar.drhd.include-all-scopes ---- */

/* IOAPIC, HPET and namespace devices are what a catch-all unit lists. */
static void test_include_all_scopes_passes(void)
{
	const struct dmar_path p = { 0x1f, 0 };
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_HPET, 0, 0, &p, 1));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_NAMESPACE, 1, 0, &p, 1));
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALL_SCOPES, NULL))
		ASSERT_STATUS(&f.rs, ID_ALL_SCOPES, VT_PASS);
	fixture_free(&f);
}

/* Endpoint and bridge scopes in a catch-all unit: one failure each. */
static void test_include_all_pci_scopes_fail(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x02, 0);
	fx_add_pci_scope(&f.model, SCOPE_TYPE_BRIDGE, 0, 0x1c, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALL_SCOPES, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ALL_SCOPES, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_ALL_SCOPES, VT_FAIL, 2);
		ASSERT_MSG_HAS(&f.rs, ID_ALL_SCOPES, VT_FAIL, "PCI endpoint scope");
		ASSERT_MSG_HAS(&f.rs, ID_ALL_SCOPES, VT_FAIL, "PCI sub-hierarchy scope");
		/* The IOAPIC is scope #0 at 0x40; the offenders follow it. */
		ASSERT_SUBJECT_HAS(&f.rs, ID_ALL_SCOPES, VT_FAIL, "scope #1 @0x48");
		ASSERT_SUBJECT_HAS(&f.rs, ID_ALL_SCOPES, VT_FAIL, "scope #2 @0x50");
	}
	fixture_free(&f);
}

/* ---- dmar.drhd.has-scope ---- */

static void test_has_scope_passes(void)
{
	struct fixture f;

	client_units(&f, FX_GFX_BASE, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HAS_SCOPE, NULL)) {
		ASSERT_STATUS(&f.rs, ID_HAS_SCOPE, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_HAS_SCOPE, VT_PASS, "1 DRHDs");
	}
	fixture_free(&f);
}

/* A unit that is not catch-all and lists nothing remaps nothing. */
static void test_has_scope_empty_warns(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_drhd(&f.model, 0, 0, FX_GFX_BASE));
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HAS_SCOPE, NULL)) {
		ASSERT_STATUS(&f.rs, ID_HAS_SCOPE, VT_WARN);
		ASSERT_COUNT(&f.rs, ID_HAS_SCOPE, VT_WARN, 1);
		ASSERT_SUBJECT_HAS(&f.rs, ID_HAS_SCOPE, VT_WARN, "DRHD #0 @0x30");
	}
	fixture_free(&f);
}

/* Only catch-all units: the check has nothing to look at. */
static void test_has_scope_only_include_all_skips(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HAS_SCOPE, NULL))
		ASSERT_STATUS(&f.rs, ID_HAS_SCOPE, VT_SKIP);
	fixture_free(&f);
}

const struct unit_test check_drhd_tests[] = {
	{ "base_nonzero_passes", test_base_nonzero_passes },
	{ "base_zero_fails", test_base_zero_fails },
	{ "base_aligned_passes", test_base_aligned_passes },
	{ "base_unaligned_fails", test_base_unaligned_fails },
	{ "base_unique_passes", test_base_unique_passes },
	{ "base_shared_fails", test_base_shared_fails },
	{ "include_all_one_per_segment_passes", test_include_all_one_per_segment_passes },
	{ "include_all_twice_in_segment_fails", test_include_all_twice_in_segment_fails },
	{ "include_all_last_passes", test_include_all_last_passes },
	{ "include_all_then_other_segment_passes",
	  test_include_all_then_other_segment_passes },
	{ "include_all_not_last_fails", test_include_all_not_last_fails },
	{ "include_all_scopes_passes", test_include_all_scopes_passes },
	{ "include_all_pci_scopes_fail", test_include_all_pci_scopes_fail },
	{ "has_scope_passes", test_has_scope_passes },
	{ "has_scope_empty_warns", test_has_scope_empty_warns },
	{ "has_scope_only_include_all_skips", test_has_scope_only_include_all_skips },
	{ NULL, NULL }
};
