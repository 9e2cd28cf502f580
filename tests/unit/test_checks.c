// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DMAR check tests: registration, the table header checks (ACPI §5.2.6,
 * VT-d §8.1) and the coverage guard that every check ID has a fixture that
 * must pass it and one that must fail (or warn) it. The other checks are
 * tested in test_checks_*.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "../../util/xalloc.h"

#define ID_SIGNATURE    "dmar.table.signature"
#define ID_LENGTH       "dmar.table.length"
#define ID_CHECKSUM     "dmar.table.checksum"
#define ID_HAW          "dmar.table.haw"
#define ID_FLAGS        "dmar.table.flags-reserved"
#define ID_HAS_DRHD     "dmar.table.has-drhd"

/*
 * The smallest sound table: header and one catch-all DRHD, 48 + 24 = 72
 * (0x48) bytes. Offsets asserted below follow from it.
 */
static void minimal_table(struct fixture *f, uint8_t haw_bits, uint8_t flags)
{
	fixture_init(f, haw_bits, flags);
	fx_add_all_drhd(&f->model, 0, FX_IOMMU_BASE);
}

/* ---- dmar.table.length ---- */

static void test_length_matches_passes(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_LENGTH, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_LENGTH, VT_PASS, "header Length 72");
	}
	fixture_free(&f);
}

/* A table cut short (a firmware copy that lost its end) must fail. */
static void test_length_truncated_fails(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	fixture_encode(&f, DMAR_ENC_COMPUTE);
	if (fixture_decode_n(&f, 64)) {
		fixture_run(&f, ID_LENGTH, NULL);
		ASSERT_STATUS(&f.rs, ID_LENGTH, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_LENGTH, VT_FAIL, "is 72 but only 64 bytes");
		ASSERT_MSG_HAS(&f.rs, ID_LENGTH, VT_FAIL, "truncated at offset 0x40");
	}
	fixture_free(&f);
}

/* A declared Length below the 48-byte header cannot describe a DMAR. */
static void test_length_below_header_fails(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	fixture_layout(&f);
	f.model.length = 40;
	if (fixture_check(&f, DMAR_ENC_KEEP_LENGTHS, ID_LENGTH, NULL)) {
		ASSERT_STATUS(&f.rs, ID_LENGTH, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_LENGTH, VT_FAIL, "is 40, below the 48-byte");
	}
	fixture_free(&f);
}

/* Bytes after the declared end are odd but harmless: a warning. */
static void test_length_trailing_bytes_warns(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	fixture_encode(&f, DMAR_ENC_COMPUTE);
	fixture_append(&f, 8, 0);
	if (fixture_decode(&f)) {
		fixture_run(&f, ID_LENGTH, NULL);
		ASSERT_STATUS(&f.rs, ID_LENGTH, VT_WARN);
		ASSERT_MSG_HAS(&f.rs, ID_LENGTH, VT_WARN,
			       "8 bytes follow the table end at offset 0x48");
	}
	fixture_free(&f);
}

/* ---- dmar.table.checksum ---- */

static void test_checksum_valid_passes(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_CHECKSUM, NULL))
		ASSERT_STATUS(&f.rs, ID_CHECKSUM, VT_PASS);
	fixture_free(&f);
}

/* A checksum byte off by one: the sum is not zero, and the byte is named. */
static void test_checksum_wrong_fails(void)
{
	struct fixture f;
	char needle[64];

	minimal_table(&f, 39, 0);
	fixture_layout(&f);
	f.model.checksum = (uint8_t)(f.model.checksum + 1);
	snprintf(needle, sizeof(needle), "checksum byte 0x%02x at offset 0x9",
		 f.model.checksum);
	if (fixture_check(&f, DMAR_ENC_KEEP_CHECKSUM, ID_CHECKSUM, NULL)) {
		ASSERT_STATUS(&f.rs, ID_CHECKSUM, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_CHECKSUM, VT_FAIL, needle);
		ASSERT_MSG_HAS(&f.rs, ID_CHECKSUM, VT_FAIL, "the 72 bytes");
	}
	fixture_free(&f);
}

/* A byte changed after the checksum was computed (a patched BIOS table). */
static void test_checksum_patched_byte_fails(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	fixture_encode(&f, DMAR_ENC_COMPUTE);
	fixture_patch8(&f, DMAR_RESERVED, 0x01);
	if (fixture_decode(&f)) {
		fixture_run(&f, ID_CHECKSUM, NULL);
		ASSERT_STATUS(&f.rs, ID_CHECKSUM, VT_FAIL);
	}
	fixture_free(&f);
}

/* ACPI sums exactly Length bytes: junk after the table does not count. */
static void test_checksum_ignores_trailing_bytes(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	fixture_encode(&f, DMAR_ENC_COMPUTE);
	fixture_append(&f, 3, 0xff);
	if (fixture_decode(&f)) {
		fixture_run(&f, ID_CHECKSUM, NULL);
		ASSERT_STATUS(&f.rs, ID_CHECKSUM, VT_PASS);
	}
	fixture_free(&f);
}

/* Missing bytes cannot be summed: undecidable, not a failure. */
static void test_checksum_truncated_skips(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	fixture_encode(&f, DMAR_ENC_COMPUTE);
	if (fixture_decode_n(&f, 60)) {
		fixture_run(&f, ID_CHECKSUM, NULL);
		ASSERT_STATUS(&f.rs, ID_CHECKSUM, VT_SKIP);
		ASSERT_MSG_HAS(&f.rs, ID_CHECKSUM, VT_SKIP, "72 bytes");
	}
	fixture_free(&f);
}

/* ---- dmar.table.haw ---- */

/* 11 bits (field 10) cannot address a 4 KiB page: Linux rejects it. */
static void test_haw_below_page_fails(void)
{
	struct fixture f;

	minimal_table(&f, 11, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HAW, NULL)) {
		ASSERT_STATUS(&f.rs, ID_HAW, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_HAW, VT_FAIL, "is 10, i.e. 11 bits");
	}
	fixture_free(&f);
}

/* 12 bits is the boundary: exactly one page. */
static void test_haw_one_page_passes(void)
{
	struct fixture f;

	minimal_table(&f, 12, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HAW, NULL)) {
		ASSERT_STATUS(&f.rs, ID_HAW, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_HAW, VT_PASS, "12 bits");
	}
	fixture_free(&f);
}

static void test_haw_typical_passes(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HAW, NULL))
		ASSERT_STATUS(&f.rs, ID_HAW, VT_PASS);
	fixture_free(&f);
}

/* ---- dmar.table.flags-reserved ---- */

static void test_flags_reserved_warns(void)
{
	struct fixture f;

	minimal_table(&f, 39, DMAR_FLAG_INTR_REMAP | DMAR_FLAG_DMA_CTRL_PLATFORM_OPT_IN |
		      0x08);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_FLAGS, NULL)) {
		ASSERT_STATUS(&f.rs, ID_FLAGS, VT_WARN);
		ASSERT_MSG_HAS(&f.rs, ID_FLAGS, VT_WARN, "is 0x0d");
		ASSERT_MSG_HAS(&f.rs, ID_FLAGS, VT_WARN, "reserved bits 0x08");
	}
	fixture_free(&f);
}

/* All three defined flags set is fine. */
static void test_flags_defined_passes(void)
{
	struct fixture f;

	minimal_table(&f, 39, DMAR_FLAGS_DEFINED);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_FLAGS, NULL))
		ASSERT_STATUS(&f.rs, ID_FLAGS, VT_PASS);
	fixture_free(&f);
}

/* ---- dmar.table.has-drhd ---- */

/* Only an RMRR: Linux says "No DRHD structure found" and gives up. */
static void test_has_drhd_none_fails(void)
{
	struct fixture f;

	fixture_init(&f, 39, 0);
	fx_add_usb_rmrr(&f.model);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HAS_DRHD, NULL)) {
		ASSERT_STATUS(&f.rs, ID_HAS_DRHD, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_HAS_DRHD, VT_FAIL, "among 1 structures");
	}
	fixture_free(&f);
}

static void test_has_drhd_passes(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	fx_add_usb_rmrr(&f.model);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HAS_DRHD, NULL)) {
		ASSERT_STATUS(&f.rs, ID_HAS_DRHD, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_HAS_DRHD, VT_PASS, "1 DRHD");
	}
	fixture_free(&f);
}

/* ---- dmar.table.signature ---- */

/*
 * The signature check passes once prepare has decoded a table and is
 * reported by prepare when it cannot: these fixtures run the whole suite
 * on the bytes, as `vtdcert dmar FILE` does.
 */
static void run_file(const uint8_t *buf, size_t len, struct vt_results *rs)
{
	static const struct vt_run_opts opts = { 0 };
	struct vt_env env;
	struct vt_blob b = { xmalloc(len + 1), len };

	memcpy(b.data, buf, len);
	vt_env_init(&env, NULL);
	vt_env_set_table(&env, "fixture", &b);
	vt_run_suite(rs, &env, &dmar_suite, &opts);
	vt_env_free(&env);
}

static void test_signature_dmar_passes(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	fixture_encode(&f, DMAR_ENC_COMPUTE);
	run_file(f.buf, f.len, &f.rs);
	ASSERT_STATUS(&f.rs, ID_SIGNATURE, VT_PASS);
	ASSERT_MSG_HAS(&f.rs, ID_SIGNATURE, VT_PASS, "72 bytes");
	/* A DMAR table goes on to the other checks. */
	CU_ASSERT_EQUAL(count_results(&f.rs, ID_HAS_DRHD), 1);
	fixture_free(&f);
}

/* Another ACPI table handed in by mistake: the bytes seen are shown. */
static void test_signature_other_table_fails(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	memcpy(f.model.signature, "APIC", ACPI_NAME_LEN);
	fixture_encode(&f, DMAR_ENC_COMPUTE);
	run_file(f.buf, f.len, &f.rs);
	ASSERT_STATUS(&f.rs, ID_SIGNATURE, VT_FAIL);
	ASSERT_MSG_HAS(&f.rs, ID_SIGNATURE, VT_FAIL, "\"APIC\" (41 50 49 43)");
	/* The other checks do not judge what is not a DMAR table: they skip. */
	ASSERT_STATUS(&f.rs, ID_HAS_DRHD, VT_SKIP);
	ASSERT_MSG_HAS(&f.rs, ID_HAS_DRHD, VT_SKIP, "not a DMAR table");
	CU_ASSERT_EQUAL(f.rs.bad_inputs, 1);
	fixture_free(&f);
}

/* Fewer bytes than the DMAR header: nothing to decode. */
static void test_signature_short_file_fails(void)
{
	struct fixture f;

	minimal_table(&f, 39, 0);
	fixture_encode(&f, DMAR_ENC_COMPUTE);
	run_file(f.buf, 20, &f.rs);
	ASSERT_STATUS(&f.rs, ID_SIGNATURE, VT_FAIL);
	ASSERT_MSG_HAS(&f.rs, ID_SIGNATURE, VT_FAIL, "20 bytes");
	ASSERT_MSG_HAS(&f.rs, ID_SIGNATURE, VT_FAIL, "offset 0x14");
	fixture_free(&f);
}

/* ---- the whole suite on a sound client table ---- */

/* What a check reads: its own needs and its items'. */
static unsigned check_needs(const struct vt_check_info *info)
{
	const struct vt_check *c = find_check(info->id);

	return info->needs | (c && c->items ? c->items->needs : 0);
}

/*
 * A typical laptop DMAR (graphics unit, catch-all unit, USB and graphics
 * RMRRs, an ATSR, an RHSA, an ANDD with its namespace scope): no table-only
 * check may fail or warn on it, and the platform checks skip without an
 * environment.
 */
static void test_sound_table_has_no_defect(void)
{
	const struct vt_check *const *c;
	const struct dmar_path rp = { 0x1c, 0 };
	struct fixture f;
	size_t i;

	fixture_init(&f, 39, DMAR_FLAG_INTR_REMAP | DMAR_FLAG_X2APIC_OPT_OUT);
	fx_add_gfx_drhd(&f.model, FX_GFX_BASE);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_HPET, 0, 0,
						    &(struct dmar_path){ 0x1f, 0 }, 1));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_NAMESPACE, 1,
						    0, &(struct dmar_path){ 0x15, 0 }, 1));
	fx_add_usb_rmrr(&f.model);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f.model, 0, 0x3c000000, 0x3fffffff));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 0, 0x02, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_atsr(&f.model, 0, 0));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_BRIDGE, 0, 0,
						    &rp, 1));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rhsa(&f.model, FX_IOMMU_BASE, 0));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_andd(&f.model, 1, "\\_SB.PC00.I2C0"));
	if (!fixture_encode_decode(&f, DMAR_ENC_COMPUTE))
		goto out;
	CU_ASSERT_EQUAL(f.t.nproblems, 0);
	for (c = dmar_suite.checks; *c; c++)
		run_check((*c)->info.id, f.buf, f.len, NULL, &f.rs);
	CU_ASSERT_EQUAL(f.rs.count[VT_FAIL], 0);
	CU_ASSERT_EQUAL(f.rs.count[VT_WARN], 0);
	CU_ASSERT_EQUAL(f.rs.count[VT_ERROR], 0);
	for (i = 0; i < f.rs.n; i++) {
		const struct vt_result *r = &f.rs.v[i];

		if (r->status == VT_FAIL || r->status == VT_WARN)
			fprintf(stderr, "\n  %s: %s %s", r->check->id,
				vt_status_name(r->status), r->message);
		/* Only checks needing the machine may skip on this table. */
		CU_ASSERT(r->status != VT_SKIP || (check_needs(r->check) & ~VT_NEED_TABLE));
	}
out:
	fixture_free(&f);
}

/* ---- coverage guard ---- */

/*
 * Runs last: every check of every suite must have had an asserted pass and
 * an asserted fail or warn above. A new check without tests fails here.
 */
static void test_every_check_has_pass_and_defect_fixtures(void)
{
	const unsigned bad = 1u << VT_FAIL | 1u << VT_WARN;
	const struct vt_check *const *c;
	size_t i, n = 0;

	for (i = 0; vt_suites[i]; i++)
		for (c = vt_suites[i]->checks; *c; c++) {
			const char *id = (*c)->info.id;
			bool ok = coverage_has(id, 1u << VT_PASS) && coverage_has(id, bad);

			if (!ok)
				fprintf(stderr, "\n  %s lacks a %s fixture", id,
					coverage_has(id, 1u << VT_PASS) ? "fail/warn" : "pass");
			CU_ASSERT(ok);
			n++;
		}
	CU_ASSERT(n >= 34);
}

/* Asking for a check that does not exist must not pass silently. */
static void test_find_check_knows_every_id(void)
{
	const struct vt_check *const *c;
	const struct vt_suite *s;
	size_t i;

	for (i = 0; vt_suites[i]; i++)
		for (c = vt_suites[i]->checks; *c; c++) {
			CU_ASSERT_PTR_EQUAL(vt_find_check((*c)->info.id, &s), *c);
			CU_ASSERT_PTR_EQUAL(s, vt_suites[i]);
		}
	CU_ASSERT_PTR_NULL(find_check("dmar.no.such-check"));
}

const struct unit_test check_table_tests[] = {
	{ "length_matches_passes", test_length_matches_passes },
	{ "length_truncated_fails", test_length_truncated_fails },
	{ "length_below_header_fails", test_length_below_header_fails },
	{ "length_trailing_bytes_warns", test_length_trailing_bytes_warns },
	{ "checksum_valid_passes", test_checksum_valid_passes },
	{ "checksum_wrong_fails", test_checksum_wrong_fails },
	{ "checksum_patched_byte_fails", test_checksum_patched_byte_fails },
	{ "checksum_ignores_trailing_bytes", test_checksum_ignores_trailing_bytes },
	{ "checksum_truncated_skips", test_checksum_truncated_skips },
	{ "haw_below_page_fails", test_haw_below_page_fails },
	{ "haw_one_page_passes", test_haw_one_page_passes },
	{ "haw_typical_passes", test_haw_typical_passes },
	{ "flags_reserved_warns", test_flags_reserved_warns },
	{ "flags_defined_passes", test_flags_defined_passes },
	{ "has_drhd_none_fails", test_has_drhd_none_fails },
	{ "has_drhd_passes", test_has_drhd_passes },
	{ "signature_dmar_passes", test_signature_dmar_passes },
	{ "signature_other_table_fails", test_signature_other_table_fails },
	{ "signature_short_file_fails", test_signature_short_file_fails },
	{ "sound_table_has_no_defect", test_sound_table_has_no_defect },
	{ NULL, NULL }
};

static const struct unit_test check_coverage_tests[] = {
	{ "find_check_knows_every_id", test_find_check_knows_every_id },
	{ "every_check_has_pass_and_defect_fixtures",
	  test_every_check_has_pass_and_defect_fixtures },
	{ NULL, NULL }
};

void register_check_tests(void)
{
	unit_add_suite("dmar-checks-table", check_table_tests);
	unit_add_suite("dmar-checks-struct", check_struct_tests);
	unit_add_suite("dmar-checks-drhd", check_drhd_tests);
	unit_add_suite("dmar-checks-rmrr", check_rmrr_tests);
	unit_add_suite("dmar-checks-misc", check_misc_tests);
	unit_add_suite("dmar-checks-platform", check_platform_tests);
	unit_add_suite("framework", framework_tests);
	unit_add_suite("groups-checks", check_groups_tests);
	unit_add_suite("dmar-checks-rmrr-kernel", check_rmrr_kernel_tests);
	unit_add_suite("dma-checks", check_dma_tests);
	unit_add_suite("intremap-checks", check_intremap_tests);
	unit_add_suite("msi-delivery-checks", check_msi_delivery_tests);
	unit_add_suite("bar-checks", check_bar_tests);
	unit_add_suite("msi-checks", check_msi_tests);
	/* Last: it reads what the suites above asserted. */
	unit_add_suite("dmar-checks-coverage", check_coverage_tests);
}
