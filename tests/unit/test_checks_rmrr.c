// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tests of the table-only RMRR checks (VT-d §8.4). The memory-map check,
 * dmar.rmrr.reserved-memory, is with the platform tests.
 */
#include "fixture.h"

#define ID_ALIGNED      "dmar.rmrr.aligned"
#define ID_RANGE        "dmar.rmrr.range"
#define ID_OVERLAP      "dmar.rmrr.overlap"
#define ID_HAS_SCOPE    "dmar.rmrr.has-scope"

/* Catch-all DRHD at 0x30, then one RMRR [base, limit] at 0x48 for 00:14.0. */
static void one_rmrr(struct fixture *f, uint64_t base, uint64_t limit)
{
	fixture_init(f, 39, 0);
	fx_add_all_drhd(&f->model, 0, FX_IOMMU_BASE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f->model, 0, base, limit));
	fx_add_pci_scope(&f->model, SCOPE_TYPE_ENDPOINT, 0, 0x14, 0);
}

/* ---- dmar.rmrr.aligned ---- */

static void test_aligned_passes(void)
{
	struct fixture f;

	one_rmrr(&f, 0xe8000, 0xeffff);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALIGNED, NULL))
		ASSERT_STATUS(&f.rs, ID_ALIGNED, VT_PASS);
	fixture_free(&f);
}

/* A base off the page: Linux's arch_rmrr_sanity_check() rejects it. */
static void test_base_unaligned_fails(void)
{
	struct fixture f;

	one_rmrr(&f, 0xe8010, 0xeffff);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALIGNED, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ALIGNED, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ALIGNED, VT_FAIL,
			       "[0xe8010-0xeffff]: base is not 4 KiB aligned, limit+1 is 4 KiB aligned");
	}
	fixture_free(&f);
}

/*
 * Limit is the last byte, so 0xf0000 is one past a page end: the classic
 * mistake of writing the end address instead of the limit.
 */
static void test_limit_exclusive_fails(void)
{
	struct fixture f;

	one_rmrr(&f, 0xe8000, 0xf0000);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ALIGNED, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ALIGNED, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ALIGNED, VT_FAIL,
			       "[0xe8000-0xf0000]: base is 4 KiB aligned, limit+1 is not");
	}
	fixture_free(&f);
}

/* ---- dmar.rmrr.range ---- */

/* A one-page region: limit = base + 0xfff is the smallest sound range. */
static void test_range_one_page_passes(void)
{
	struct fixture f;

	one_rmrr(&f, 0xe8000, 0xe8fff);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RANGE, NULL))
		ASSERT_STATUS(&f.rs, ID_RANGE, VT_PASS);
	fixture_free(&f);
}

static void test_range_limit_below_base_fails(void)
{
	struct fixture f;

	one_rmrr(&f, 0xf0000, 0xe7fff);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RANGE, NULL)) {
		ASSERT_STATUS(&f.rs, ID_RANGE, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_RANGE, VT_FAIL,
			       "limit 0xe7fff is below base 0xf0000");
		ASSERT_SUBJECT_HAS(&f.rs, ID_RANGE, VT_FAIL, "RMRR #0 @0x48");
	}
	fixture_free(&f);
}

/* ---- dmar.rmrr.overlap ---- */

/* The USB region and the graphics stolen memory: apart. */
static void test_overlap_disjoint_passes(void)
{
	struct fixture f;

	one_rmrr(&f, 0xe8000, 0xeffff);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f.model, 0, 0x3c000000, 0x3fffffff));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x02, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_OVERLAP, NULL)) {
		ASSERT_STATUS(&f.rs, ID_OVERLAP, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_OVERLAP, VT_PASS, "2 RMRRs");
	}
	fixture_free(&f);
}

/* Adjacent regions share no byte. */
static void test_overlap_adjacent_passes(void)
{
	struct fixture f;

	one_rmrr(&f, 0xe8000, 0xeffff);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f.model, 0, 0xf0000, 0xfffff));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x1a, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_OVERLAP, NULL))
		ASSERT_STATUS(&f.rs, ID_OVERLAP, VT_PASS);
	fixture_free(&f);
}

/* The same range in two segments is two different address spaces. */
static void test_overlap_other_segment_passes(void)
{
	struct fixture f;

	one_rmrr(&f, 0xe8000, 0xeffff);
	fx_add_all_drhd(&f.model, 1, 0xfed92000);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f.model, 1, 0xe8000, 0xeffff));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x14, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_OVERLAP, NULL))
		ASSERT_STATUS(&f.rs, ID_OVERLAP, VT_PASS);
	fixture_free(&f);
}

/* Xen refuses overlapping RMRRs; the second one names the first. */
static void test_overlap_fails(void)
{
	struct fixture f;

	one_rmrr(&f, 0xe8000, 0xeffff);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f.model, 0, 0xef000, 0xf0fff));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x1a, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_OVERLAP, NULL)) {
		ASSERT_STATUS(&f.rs, ID_OVERLAP, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_OVERLAP, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_OVERLAP, VT_FAIL,
			       "[0xef000-0xf0fff] overlaps [0xe8000-0xeffff] of the RMRR at offset 0x48");
		ASSERT_SUBJECT_HAS(&f.rs, ID_OVERLAP, VT_FAIL, "RMRR #1 @0x68");
	}
	fixture_free(&f);
}

/* ---- dmar.rmrr.has-scope ---- */

static void test_has_scope_passes(void)
{
	struct fixture f;

	one_rmrr(&f, 0xe8000, 0xeffff);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HAS_SCOPE, NULL))
		ASSERT_STATUS(&f.rs, ID_HAS_SCOPE, VT_PASS);
	fixture_free(&f);
}

/* A reserved region no device uses is reserved for nothing. */
static void test_has_scope_empty_warns(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f.model, 0, 0xe8000, 0xeffff));
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HAS_SCOPE, NULL)) {
		ASSERT_STATUS(&f.rs, ID_HAS_SCOPE, VT_WARN);
		ASSERT_MSG_HAS(&f.rs, ID_HAS_SCOPE, VT_WARN, "[0xe8000-0xeffff]");
	}
	fixture_free(&f);
}

/* No RMRR at all: nothing to decide. */
static void test_no_rmrr_skips(void)
{
	static const char *const ids[] = { ID_ALIGNED, ID_RANGE, ID_OVERLAP, ID_HAS_SCOPE };
	struct fixture f;
	size_t i;

	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	if (fixture_encode_decode(&f, DMAR_ENC_COMPUTE))
		for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
			fixture_run(&f, ids[i], NULL);
			ASSERT_STATUS(&f.rs, ids[i], VT_SKIP);
		}
	fixture_free(&f);
}

const struct unit_test check_rmrr_tests[] = {
	{ "aligned_passes", test_aligned_passes },
	{ "base_unaligned_fails", test_base_unaligned_fails },
	{ "limit_exclusive_fails", test_limit_exclusive_fails },
	{ "range_one_page_passes", test_range_one_page_passes },
	{ "range_limit_below_base_fails", test_range_limit_below_base_fails },
	{ "overlap_disjoint_passes", test_overlap_disjoint_passes },
	{ "overlap_adjacent_passes", test_overlap_adjacent_passes },
	{ "overlap_other_segment_passes", test_overlap_other_segment_passes },
	{ "overlap_fails", test_overlap_fails },
	{ "has_scope_passes", test_has_scope_passes },
	{ "has_scope_empty_warns", test_has_scope_empty_warns },
	{ "no_rmrr_skips", test_no_rmrr_skips },
	{ NULL, NULL }
};
