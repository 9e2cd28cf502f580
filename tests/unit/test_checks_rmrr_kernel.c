// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmar.rmrr.reserved-memory as the running kernel decides it: the map the
 * kernel checks (its edits before the check), and the rule of its version
 * (arch_rmrr_sanity_check(): reserved only from 5.5, reserved or ACPI NVS
 * from 6.1 and the stable releases 6.0.6, 5.15.76, 5.10.152).
 */
#include <string.h>

#include "fixture.h"

#define ID_RESERVED "dmar.rmrr.reserved-memory"

/* "Linux version X (...) #1 SMP" for upstream release @v. */
static void kernel(struct vt_env *env, const char *v)
{
	char line[128];

	snprintf(line, sizeof(line), "Linux version %s (builder@host) (gcc 12) #1 SMP", v);
	env_set_kernel(env, line);
}

/* A firmware map: RAM to 640 KiB, then the ranges the test gives. */
static void firmware_map(struct vt_env *env)
{
	env_init(env);
	memmap_add(&env->e820, 0x0, 0x9ffff, MEM_RAM);
	memmap_add(&env->e820, 0x100000, 0x3bffffff, MEM_RAM);
}

static void one_rmrr(struct fixture *f, uint64_t base, uint64_t limit)
{
	fixture_init(f, 39, 0);
	fx_add_all_drhd(&f->model, 0, FX_IOMMU_BASE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f->model, 0, base, limit));
	fx_add_pci_scope(&f->model, SCOPE_TYPE_ENDPOINT, 0, 0x14, 0);
}

/* The status one RMRR gets under kernel @v (NULL: no version). */
static enum vt_status verdict(struct vt_env *env, uint64_t base, uint64_t limit,
			      const char *v, struct fixture *f)
{
	if (v)
		kernel(env, v);
	else
		env_set_missing(env, VT_ENV_KVERSION, VT_UNKNOWN, "/proc/version: not in the snapshot");
	one_rmrr(f, base, limit);
	if (!fixture_check(f, DMAR_ENC_COMPUTE, ID_RESERVED, env))
		return VT_STATUS_COUNT;
	return status_of(&f->rs, ID_RESERVED);
}

/*
 * Page 0: the firmware calls it usable, but every x86 kernel reserves the
 * first page before it checks RMRRs (trim_bios_range()): no failure.
 */
static void test_page_zero(void)
{
	struct vt_env env;
	struct fixture f;

	firmware_map(&env);
	CU_ASSERT_EQUAL(verdict(&env, 0x0, 0xfff, "6.1.119", &f), VT_PASS);
	ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_PASS, "first page reserved");
	fixture_free(&f);
	CU_ASSERT_EQUAL(verdict(&env, 0x0, 0xfff, "5.10.100", &f), VT_PASS);
	fixture_free(&f);
	/* The page after it stays usable RAM: a real failure. */
	CU_ASSERT_EQUAL(verdict(&env, 0x1000, 0x1fff, "6.1.119", &f), VT_FAIL);
	ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_FAIL, "covered up to its end by System RAM");
	fixture_free(&f);
	env_free(&env);
}

/* An RMRR in a hole of the map fails under every kernel that checks. */
static void test_hole(void)
{
	struct vt_env env;
	struct fixture f;

	firmware_map(&env);
	CU_ASSERT_EQUAL(verdict(&env, 0x40000000, 0x40ffffff, "6.12.9", &f), VT_FAIL);
	ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_FAIL, "runs into memory no e820 entry covers");
	ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_FAIL, "arch_rmrr_sanity_check()");
	fixture_free(&f);
	/* Unknown version: both rules fail it, so it is a failure, not a guess. */
	CU_ASSERT_EQUAL(verdict(&env, 0x40000000, 0x40ffffff, NULL, &f), VT_FAIL);
	ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_FAIL, "every Linux from 5.5");
	fixture_free(&f);
	env_free(&env);
}

/*
 * Reserved then ACPI NVS: 6.1 takes the type of the entry that completes
 * the coverage (NVS: fine); 5.5 to 6.0 want it all reserved. Each stable
 * boundary: 6.0.5/6.0.6, 5.15.75/5.15.76, 5.10.151/5.10.152; 5.4 does not
 * check at all (the VT-d requirement is then a warning).
 */
static void test_reserved_then_nvs_by_version(void)
{
	static const struct {
		const char *kernel;
		enum vt_status st;
	} cases[] = {
		{ "6.0.5", VT_FAIL }, { "6.0.6", VT_PASS }, { "6.1.0", VT_PASS },
		{ "6.12.9", VT_PASS }, { "5.15.75", VT_FAIL }, { "5.15.76", VT_PASS },
		{ "5.10.151", VT_FAIL }, { "5.10.152", VT_PASS }, { "5.19.17", VT_FAIL },
		{ "5.5.0", VT_FAIL }, { "5.4.286", VT_WARN },
	};
	struct vt_env env;
	struct fixture f;
	size_t i;

	firmware_map(&env);
	memmap_add(&env.e820, 0x3c000000, 0x3c3fffff, MEM_RESERVED);
	memmap_add(&env.e820, 0x3c400000, 0x3c7fffff, MEM_NVS);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum vt_status st = verdict(&env, 0x3c000000, 0x3c7fffff, cases[i].kernel, &f);

		if (st != cases[i].st) {
			fprintf(stderr, "\n  Linux %s: wanted %s\n", cases[i].kernel,
				vt_status_name(cases[i].st));
			dump_results(&f.rs, ID_RESERVED);
		}
		CU_ASSERT_EQUAL(st, cases[i].st);
		if (st == VT_FAIL && cases[i].st == VT_FAIL)
			ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_FAIL, "reserved only");
		fixture_free(&f);
	}
	/* No version: the rules disagree, so a warning naming both, not a failure. */
	CU_ASSERT_EQUAL(verdict(&env, 0x3c000000, 0x3c7fffff, NULL, &f), VT_WARN);
	ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_WARN, "accepts it from Linux 6.1 (and 6.0.6, "
		       "5.15.76, 5.10.152)");
	ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_WARN, "Linux 5.5 to before 6.1 require it all reserved");
	fixture_free(&f);
	env_free(&env);
}

/* All reserved: every kernel accepts it; ACPI data never (not even 6.1). */
static void test_reserved_and_acpi_data(void)
{
	struct vt_env env;
	struct fixture f;

	firmware_map(&env);
	memmap_add(&env.e820, 0x3c000000, 0x3c7fffff, MEM_RESERVED);
	memmap_add(&env.e820, 0x3d000000, 0x3d0fffff, MEM_ACPI);
	CU_ASSERT_EQUAL(verdict(&env, 0x3c000000, 0x3c7fffff, NULL, &f), VT_PASS);
	fixture_free(&f);
	CU_ASSERT_EQUAL(verdict(&env, 0x3d000000, 0x3d0fffff, "6.12.9", &f), VT_FAIL);
	ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_FAIL, "ACPI Tables");
	fixture_free(&f);
	env_free(&env);
}

/*
 * The kernel's own edits, from its log: graphics stolen memory it reserved
 * (early_quirks), and an "e820: update ... usable ==> reserved" of
 * efi_mem_reserve(): both count, as they did when the kernel checked.
 */
static void test_kernel_log_edits(void)
{
	struct vt_env env;
	struct fixture f;

	firmware_map(&env);
	env_set_klog(&env,
		"<6>[    0.000000] e820: update [mem 0x00000000-0x00000fff] usable ==> reserved\n"
		"<6>[    0.000000] e820: remove [mem 0x000a0000-0x000fffff] usable\n"
		"<6>[    0.004000] e820: update [mem 0x30000000-0x300fffff] usable ==> reserved\n"
		"<6>[    0.010000] Reserving Intel graphics memory at [mem 0x3e000000-0x3fffffff]\n");
	CU_ASSERT_EQUAL(verdict(&env, 0x30000000, 0x300fffff, "6.1.119", &f), VT_PASS);
	ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_PASS, "4 edits from the kernel log");
	fixture_free(&f);
	CU_ASSERT_EQUAL(verdict(&env, 0x3e000000, 0x3fffffff, "6.1.119", &f), VT_PASS);
	fixture_free(&f);
	/* Without the log the same RMRR is in usable RAM: the edit mattered. */
	env_set_missing(&env, VT_ENV_KLOG, VT_UNKNOWN, "kernel log: not in the snapshot");
	CU_ASSERT_EQUAL(verdict(&env, 0x30000000, 0x300fffff, "6.1.119", &f), VT_FAIL);
	fixture_free(&f);
	env_free(&env);
}

/* /proc/iomem is the kernel's table after its edits: it wins over the firmware map. */
static void test_iomem_preferred(void)
{
	struct vt_env env;
	struct fixture f;

	firmware_map(&env);
	memmap_add(&env.iomem, 0x0, 0xfff, MEM_RESERVED);
	memmap_add(&env.iomem, 0x30000000, 0x300fffff, MEM_RESERVED);
	env.have_iomem = true;
	CU_ASSERT_EQUAL(verdict(&env, 0x30000000, 0x300fffff, "6.1.119", &f), VT_PASS);
	ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_PASS, "/proc/iomem, the kernel's own map");
	fixture_free(&f);
	env_free(&env);
}

/* The e820 table operations the kernel's edits are made of. */
static void test_e820_edits(void)
{
	struct mem_map m = { 0 };

	memmap_add(&m, 0x0, 0x9ffff, MEM_RAM);
	memmap_add(&m, 0x100000, 0x1fffff, MEM_RAM);
	memmap_x86_trim_bios(&m);
	CU_ASSERT_EQUAL(memmap_e820_mapped_all(&m, 0x0, 0xfff, MEM_RESERVED), MEM_RESERVED);
	CU_ASSERT_EQUAL(memmap_e820_mapped_all(&m, 0x1000, 0x1fff, MEM_TYPE_COUNT), MEM_RAM);
	CU_ASSERT_EQUAL(memmap_e820_mapped_all(&m, 0x0, 0x1fff, MEM_TYPE_COUNT), MEM_RAM);
	CU_ASSERT_EQUAL(memmap_e820_mapped_all(&m, 0x0, 0x1fff, MEM_RESERVED), -1);
	CU_ASSERT_EQUAL(memmap_apply_klog(&m, "e820: remove [mem 0x00100000-0x0010ffff] usable"), 1);
	CU_ASSERT_EQUAL(memmap_e820_mapped_all(&m, 0x100000, 0x100fff, MEM_TYPE_COUNT), -1);
	CU_ASSERT_EQUAL(memmap_apply_klog(&m, "e820: reserve RAM buffer [mem 0x9f000-0x9ffff]"), 0);
	CU_ASSERT_EQUAL(memmap_apply_klog(&m, "e820: update [mem 0x00110000-0x0011ffff] usable "
					  "==> ACPI NVS"), 1);
	CU_ASSERT_EQUAL(memmap_e820_mapped_all(&m, 0x110000, 0x11ffff, MEM_TYPE_COUNT), MEM_NVS);
	memmap_free(&m);
}

const struct unit_test check_rmrr_kernel_tests[] = {
	{ "page_zero", test_page_zero },
	{ "hole", test_hole },
	{ "reserved_then_nvs_by_version", test_reserved_then_nvs_by_version },
	{ "reserved_and_acpi_data", test_reserved_and_acpi_data },
	{ "kernel_log_edits", test_kernel_log_edits },
	{ "iomem_preferred", test_iomem_preferred },
	{ "e820_edits", test_e820_edits },
	{ NULL, NULL }
};
