// SPDX-License-Identifier: GPL-2.0-or-later
/* Tests of the ATSR (VT-d §8.5), RHSA (§8.6) and ANDD (§8.7) checks. */
#include "fixture.h"

#define ID_ATSR         "dmar.atsr.scope"
#define ID_RHSA         "dmar.rhsa.drhd-exists"
#define ID_ANDD_NAME    "dmar.andd.name-terminated"
#define ID_ANDD_REF     "dmar.andd.referenced"
#define ID_NS_ANDD      "dmar.scope.namespace-has-andd"

static const struct dmar_path lpss_path = { 0x15, 0 };

/* Catch-all DRHD at 0x30 (24 bytes); the structure under test at 0x48. */
static void base_table(struct fixture *f)
{
	fixture_init(f, 39, 0);
	fx_add_all_drhd(&f->model, 0, FX_IOMMU_BASE);
}

/* ---- dmar.atsr.scope ---- */

static void test_atsr_all_ports_passes(void)
{
	struct fixture f;

	base_table(&f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_atsr(&f.model, ATSR_FLAG_ALL_PORTS, 0));
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ATSR, NULL))
		ASSERT_STATUS(&f.rs, ID_ATSR, VT_PASS);
	fixture_free(&f);
}

static void test_atsr_listed_ports_passes(void)
{
	struct fixture f;

	base_table(&f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_atsr(&f.model, 0, 0));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_BRIDGE, 0, 0x1c, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ATSR, NULL))
		ASSERT_STATUS(&f.rs, ID_ATSR, VT_PASS);
	fixture_free(&f);
}

/* Neither ALL_PORTS nor a port: the ATSR says no port supports ATS. */
static void test_atsr_empty_fails(void)
{
	struct fixture f;

	base_table(&f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_atsr(&f.model, 0, 0));
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ATSR, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ATSR, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ATSR, VT_FAIL, "ALL_PORTS is clear");
		ASSERT_SUBJECT_HAS(&f.rs, ID_ATSR, VT_FAIL, "ATSR #0 @0x48");
	}
	fixture_free(&f);
}

/* ALL_PORTS and a list: the list is ignored, so only a warning. */
static void test_atsr_all_ports_with_list_warns(void)
{
	struct fixture f;

	base_table(&f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_atsr(&f.model, ATSR_FLAG_ALL_PORTS, 0));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_BRIDGE, 0, 0x1c, 0);
	fx_add_pci_scope(&f.model, SCOPE_TYPE_BRIDGE, 0, 0x1c, 4);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ATSR, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ATSR, VT_WARN);
		ASSERT_MSG_HAS(&f.rs, ID_ATSR, VT_WARN, "2 root ports are listed");
	}
	fixture_free(&f);
}

/* ---- dmar.rhsa.drhd-exists ---- */

static void test_rhsa_names_drhd_passes(void)
{
	struct fixture f;

	base_table(&f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rhsa(&f.model, FX_IOMMU_BASE, 1));
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RHSA, NULL)) {
		ASSERT_STATUS(&f.rs, ID_RHSA, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_RHSA, VT_PASS, "1 RHSAs");
	}
	fixture_free(&f);
}

/* Linux: "RHSA refers to non-existent DMAR unit". */
static void test_rhsa_unknown_base_fails(void)
{
	struct fixture f;

	base_table(&f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rhsa(&f.model, 0xfed93000, 1));
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RHSA, NULL)) {
		ASSERT_STATUS(&f.rs, ID_RHSA, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_RHSA, VT_FAIL,
			       "0xfed93000 (proximity domain 1) is that of no DRHD");
	}
	fixture_free(&f);
}

/* ---- dmar.andd.name-terminated ---- */

/*
 * The catch-all DRHD also names ACPI device @number (scope #1 at 0x48), so
 * it is 32 bytes; the ANDD follows at 0x50, its name from offset 0x58.
 */
static struct dmar_struct *andd_table(struct fixture *f, uint8_t number)
{
	struct dmar_struct *s;

	base_table(f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f->model, SCOPE_TYPE_NAMESPACE,
						    number, 0, &lpss_path, 1));
	s = dmar_add_andd(&f->model, number, "\\_SB.PC00.I2C0");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	return s;
}

static void test_andd_name_passes(void)
{
	struct fixture f;

	andd_table(&f, 1);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ANDD_NAME, NULL))
		ASSERT_STATUS(&f.rs, ID_ANDD_NAME, VT_PASS);
	fixture_free(&f);
}

/* The name fills the structure with no NUL: Linux refuses the ANDD. */
static void test_andd_name_unterminated_fails(void)
{
	struct fixture f;
	struct dmar_struct *s;

	s = andd_table(&f, 1);
	CU_ASSERT_FATAL(dmar_set_tail(s, "\\_SB.I2C0", 9) == 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ANDD_NAME, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ANDD_NAME, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ANDD_NAME, VT_FAIL,
			       "(9 bytes from offset 0x58) has no terminating NUL");
	}
	fixture_free(&f);
}

/* A lone NUL, and no byte at all: both name nothing. */
static void test_andd_name_empty_fails(void)
{
	struct fixture f;
	struct dmar_struct *s;

	s = andd_table(&f, 1);
	CU_ASSERT_FATAL(dmar_set_tail(s, "", 1) == 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ANDD_NAME, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ANDD_NAME, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ANDD_NAME, VT_FAIL,
			       "(1 bytes from offset 0x58) is empty");
	}
	fixture_free(&f);

	s = andd_table(&f, 1);
	CU_ASSERT_FATAL(dmar_set_tail(s, NULL, 0) == 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ANDD_NAME, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ANDD_NAME, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ANDD_NAME, VT_FAIL,
			       "(0 bytes from offset 0x58) is empty");
	}
	fixture_free(&f);
}

/* ---- dmar.andd.referenced ---- */

static void test_andd_referenced_passes(void)
{
	struct fixture f;

	andd_table(&f, 1);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ANDD_REF, NULL))
		ASSERT_STATUS(&f.rs, ID_ANDD_REF, VT_PASS);
	fixture_free(&f);
}

/* ANDD 3 while the DRHD's namespace scope names device 1. */
static void test_andd_unreferenced_fails(void)
{
	struct fixture f;

	andd_table(&f, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_andd(&f.model, 3, "\\_SB.PC00.UA00"));
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ANDD_REF, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ANDD_REF, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_ANDD_REF, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_ANDD_REF, VT_FAIL, "device number 3 is named");
	}
	fixture_free(&f);
}

/*
 * Only an RMRR names the namespace device: no remapping unit covers it.
 * Linux looks for the scope in the DRHDs only ("No IOMMU scope found for
 * ANDD enumeration ID"), and so says the check's own comment
 * (namespace_scope_for: "Does some DRHD carry a namespace scope...").
 */
static void test_andd_referenced_only_by_rmrr_fails(void)
{
	struct fixture f;

	base_table(&f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f.model, 0, 0xe8000, 0xeffff));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_NAMESPACE, 2,
						    0, &lpss_path, 1));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_andd(&f.model, 2, "\\_SB.PC00.I2C0"));
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ANDD_REF, NULL)) {
		ASSERT_STATUS(&f.rs, ID_ANDD_REF, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ANDD_REF, VT_FAIL, "device number 2");
	}
	fixture_free(&f);
}

/* ---- dmar.scope.namespace-has-andd ---- */

static void test_namespace_has_andd_passes(void)
{
	struct fixture f;

	andd_table(&f, 1);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_NS_ANDD, NULL)) {
		ASSERT_STATUS(&f.rs, ID_NS_ANDD, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_NS_ANDD, VT_PASS, "1 namespace device scopes");
	}
	fixture_free(&f);
}

/* The scope names device 5; the only ANDD declares device 1. */
static void test_namespace_without_andd_fails(void)
{
	struct fixture f;

	andd_table(&f, 1);
	f.model.structs[0].scopes[1].enumeration_id = 5;
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_NS_ANDD, NULL)) {
		ASSERT_STATUS(&f.rs, ID_NS_ANDD, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_NS_ANDD, VT_FAIL, "names device number 5,");
		ASSERT_SUBJECT_HAS(&f.rs, ID_NS_ANDD, VT_FAIL, "DRHD #0 @0x30 scope #1 @0x48");
	}
	fixture_free(&f);
}

const struct unit_test check_misc_tests[] = {
	{ "atsr_all_ports_passes", test_atsr_all_ports_passes },
	{ "atsr_listed_ports_passes", test_atsr_listed_ports_passes },
	{ "atsr_empty_fails", test_atsr_empty_fails },
	{ "atsr_all_ports_with_list_warns", test_atsr_all_ports_with_list_warns },
	{ "rhsa_names_drhd_passes", test_rhsa_names_drhd_passes },
	{ "rhsa_unknown_base_fails", test_rhsa_unknown_base_fails },
	{ "andd_name_passes", test_andd_name_passes },
	{ "andd_name_unterminated_fails", test_andd_name_unterminated_fails },
	{ "andd_name_empty_fails", test_andd_name_empty_fails },
	{ "andd_referenced_passes", test_andd_referenced_passes },
	{ "andd_unreferenced_fails", test_andd_unreferenced_fails },
	{ "andd_referenced_only_by_rmrr_fails", test_andd_referenced_only_by_rmrr_fails },
	{ "namespace_has_andd_passes", test_namespace_has_andd_passes },
	{ "namespace_without_andd_fails", test_namespace_without_andd_fails },
	{ NULL, NULL }
};
