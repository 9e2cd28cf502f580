// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tests of the DMAR checks that need the machine: device scopes against the
 * PCI tree, RMRRs against the memory map, DRHDs against the registers and
 * the kernel's IOMMU units, and whether the kernel enabled remapping.
 *
 * The environment is built by hand with no vt_platform (plat = NULL): the
 * PCI functions come from config header bytes decoded as the platform layer
 * decodes them, so header type, multifunction bit and secondary bus are
 * read the same way as on a live system.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "../../ref/vtd_regs.h"
#include "../../util/xalloc.h"

#define ID_PRESENT      "dmar.scope.device-present"
#define ID_HEADER       "dmar.scope.header-type"
#define ID_RESERVED     "dmar.rmrr.reserved-memory"
#define ID_REGISTERS    "dmar.drhd.registers"
#define ID_UNIT         "dmar.drhd.iommu-unit"
#define ID_ENABLED      "dmar.kernel.iommu-enabled"
#define ID_FW_BUGS      "dmar.kernel.firmware-bugs"

#define NVME_BASE       0xfed92000ull

/* Plausible capability registers of a client unit (not all ones). */
#define FX_CAP          0x00d2008c40660462ull
#define FX_ECAP         0x0000019e2ff0505eull

/*
 * A small client PCI tree:
 *   00:00.0 host bridge (type 0, bridge class)
 *   00:02.0 VGA
 *   00:14.0 xHCI, multifunction (header type 0x80)
 *   00:1c.0 root port, multifunction bridge (0x81), secondary bus 2
 *   02:00.0 NVMe behind it
 * and the memory the firmware reserved below 1 MiB.
 */
static void client_env(struct vt_env *env)
{
	struct pci_fn *rp;

	env_init(env);
	env_add_fn(env, 0, 0x00, 0x00, 0, PCI_CLASS_HOST_BRIDGE, PCI_HEADER_TYPE_NORMAL, 0);
	env_add_fn(env, 0, 0x00, 0x02, 0, PCI_CLASS_VGA, PCI_HEADER_TYPE_NORMAL, 0);
	env_add_fn(env, 0, 0x00, 0x14, 0, PCI_CLASS_USB_XHCI,
		   PCI_HEADER_TYPE_NORMAL | PCI_HEADER_MULTIFUNCTION, 0);
	rp = env_add_fn(env, 0, 0x00, 0x1c, 0, PCI_CLASS_PCI_BRIDGE,
			PCI_HEADER_TYPE_BRIDGE | PCI_HEADER_MULTIFUNCTION, 0x02);
	/* The decoder must have seen through the multifunction bit. */
	CU_ASSERT_EQUAL(rp->header_type, PCI_HEADER_TYPE_BRIDGE);
	CU_ASSERT_EQUAL(rp->secondary_bus, 0x02);
	env_add_fn(env, 0, 0x02, 0x00, 0, PCI_CLASS_NVME, PCI_HEADER_TYPE_NORMAL, 0);
	env_add_reserved(env, 0x9d000, 0xfffff);
}

/*
 * Graphics DRHD (00:02.0) at 0x30, NVMe DRHD at 0x48 with the root port
 * as a sub-hierarchy and the NVMe endpoint by its two-hop path, catch-all
 * DRHD, USB RMRR.
 */
static void client_table(struct fixture *f)
{
	const struct dmar_path nvme[2] = { { 0x1c, 0 }, { 0x00, 0 } };

	fixture_init(f, 39, DMAR_FLAG_INTR_REMAP);
	fx_add_gfx_drhd(&f->model, FX_GFX_BASE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_drhd(&f->model, 0, 0, NVME_BASE));
	fx_add_pci_scope(&f->model, SCOPE_TYPE_BRIDGE, 0, 0x1c, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f->model, SCOPE_TYPE_ENDPOINT, 0, 0,
						    nvme, 2));
	fx_add_all_drhd(&f->model, 0, FX_IOMMU_BASE);
	fx_add_usb_rmrr(&f->model);
}

/* The kernel registered one unit per DRHD, registers readable. */
static void add_all_units(struct vt_env *env)
{
	env_add_unit(env, "dmar0", FX_GFX_BASE, FX_CAP, FX_ECAP, true);
	env_add_unit(env, "dmar1", NVME_BASE, FX_CAP, FX_ECAP, true);
	env_add_unit(env, "dmar2", FX_IOMMU_BASE, FX_CAP, FX_ECAP, true);
}

/* A graphics DRHD whose one endpoint scope has the path @path. */
static void one_scope_table(struct fixture *f, uint16_t segment, uint8_t type,
			    const struct dmar_path *path, size_t npath)
{
	fixture_init(f, 39, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_drhd(&f->model, 0, segment, FX_GFX_BASE));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f->model, type, 0, 0, path, npath));
}

/* ---- no environment ---- */

/* A table file alone cannot answer any platform question: all skip. */
static void test_platform_checks_skip_without_env(void)
{
	static const char *const ids[] = {
		ID_PRESENT, ID_HEADER, ID_RESERVED, ID_REGISTERS, ID_UNIT, ID_ENABLED,
		ID_FW_BUGS,
	};
	struct fixture f;
	size_t i;

	client_table(&f);
	if (!fixture_encode_decode(&f, DMAR_ENC_COMPUTE))
		goto out;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const struct vt_check *c = find_check(ids[i]);

		CU_ASSERT_PTR_NOT_NULL(c);
		CU_ASSERT(c && (c->info.needs & ~VT_NEED_TABLE));
		fixture_run(&f, ids[i], NULL);
		ASSERT_STATUS(&f.rs, ids[i], VT_SKIP);
		ASSERT_COUNT(&f.rs, ids[i], VT_SKIP, 1);
		ASSERT_MSG_HAS(&f.rs, ids[i], VT_SKIP, "needs a live system");
	}
out:
	fixture_free(&f);
}

/* ---- dmar.scope.device-present ---- */

/* Every scope resolves, the NVMe one through the root port's bus 2. */
static void test_present_through_bridge_passes(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_PRESENT, &env)) {
		ASSERT_STATUS(&f.rs, ID_PRESENT, VT_PASS);
		/* gfx, root port, NVMe, USB: the IOAPIC is no PCI scope. */
		ASSERT_MSG_HAS(&f.rs, ID_PRESENT, VT_PASS, "4 PCI device scopes");
	}
	fixture_free(&f);
	env_free(&env);
}

/* No 00:03.0: maybe disabled in setup, so a warning naming the BDF. */
static void test_present_absent_device_warns(void)
{
	const struct dmar_path p = { 0x03, 0 };
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	one_scope_table(&f, 0, SCOPE_TYPE_ENDPOINT, &p, 1);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_PRESENT, &env)) {
		ASSERT_STATUS(&f.rs, ID_PRESENT, VT_WARN);
		ASSERT_MSG_HAS(&f.rs, ID_PRESENT, VT_WARN,
			       "no device at path hop 0, 0000:00:03.0");
		ASSERT_SUBJECT_HAS(&f.rs, ID_PRESENT, VT_WARN, "scope #0 @0x40");
	}
	fixture_free(&f);
	env_free(&env);
}

/* The bridge is there, the device behind it (on bus 2) is not. */
static void test_present_absent_behind_bridge_warns(void)
{
	const struct dmar_path p[2] = { { 0x1c, 0 }, { 0x05, 0 } };
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	one_scope_table(&f, 0, SCOPE_TYPE_ENDPOINT, p, 2);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_PRESENT, &env)) {
		ASSERT_STATUS(&f.rs, ID_PRESENT, VT_WARN);
		ASSERT_MSG_HAS(&f.rs, ID_PRESENT, VT_WARN,
			       "no device at path hop 1, 0000:02:05.0");
	}
	fixture_free(&f);
	env_free(&env);
}

/* The scope's segment counts: 00:02.0 exists in segment 0 only. */
static void test_present_other_segment_warns(void)
{
	const struct dmar_path p = { 0x02, 0 };
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	one_scope_table(&f, 1, SCOPE_TYPE_ENDPOINT, &p, 1);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_PRESENT, &env)) {
		ASSERT_STATUS(&f.rs, ID_PRESENT, VT_WARN);
		ASSERT_MSG_HAS(&f.rs, ID_PRESENT, VT_WARN, "0001:00:02.0");
	}
	fixture_free(&f);
	env_free(&env);
}

/* A path through the VGA function: it has no secondary bus to go on to. */
static void test_present_path_through_endpoint_fails(void)
{
	const struct dmar_path p[2] = { { 0x02, 0 }, { 0x00, 0 } };
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	one_scope_table(&f, 0, SCOPE_TYPE_ENDPOINT, p, 2);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_PRESENT, &env)) {
		ASSERT_STATUS(&f.rs, ID_PRESENT, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_PRESENT, VT_FAIL,
			       "path hop 0, 0000:00:02.0, is not a bridge");
	}
	fixture_free(&f);
	env_free(&env);
}

/* A 6-byte scope has no device to look up. */
static void test_present_no_path_fails(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	one_scope_table(&f, 0, SCOPE_TYPE_ENDPOINT, NULL, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_PRESENT, &env)) {
		ASSERT_STATUS(&f.rs, ID_PRESENT, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_PRESENT, VT_FAIL, "no path entry");
	}
	fixture_free(&f);
	env_free(&env);
}

/* The PCI tree could not be read: skip with the reason. */
static void test_present_pci_unavailable_skips(void)
{
	struct vt_env env;
	struct fixture f;

	env_init(&env);
	env_set_missing(&env, VT_ENV_PCI, VT_UNKNOWN, "libpci: cannot open /sys/bus/pci");
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_PRESENT, &env)) {
		ASSERT_STATUS(&f.rs, ID_PRESENT, VT_SKIP);
		ASSERT_MSG_HAS(&f.rs, ID_PRESENT, VT_SKIP, "cannot open /sys/bus/pci");
	}
	fixture_run(&f, ID_HEADER, &env);
	ASSERT_STATUS(&f.rs, ID_HEADER, VT_SKIP);
	fixture_free(&f);
	env_free(&env);
}

/* Only an IOAPIC scope: nothing to look up in the PCI tree. */
static void test_present_no_pci_scope_skips(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_PRESENT, &env))
		ASSERT_STATUS(&f.rs, ID_PRESENT, VT_SKIP);
	fixture_free(&f);
	env_free(&env);
}

/* ---- dmar.scope.header-type ---- */

/*
 * Endpoints of type 0 (the xHCI with its multifunction bit too), a type 1
 * root port as a sub-hierarchy: what Linux's dmar_insert_dev_scope() takes.
 */
static void test_header_type_matches_passes(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HEADER, &env)) {
		ASSERT_STATUS(&f.rs, ID_HEADER, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_HEADER, VT_PASS, "4 present scope devices");
	}
	fixture_free(&f);
	env_free(&env);
}

/* A type 0 function of the bridge class may head a sub-hierarchy. */
static void test_header_type_bridge_class_type0_passes(void)
{
	const struct dmar_path p = { 0x00, 0 };
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	one_scope_table(&f, 0, SCOPE_TYPE_BRIDGE, &p, 1);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HEADER, &env))
		ASSERT_STATUS(&f.rs, ID_HEADER, VT_PASS);
	fixture_free(&f);
	env_free(&env);
}

/* An endpoint scope naming the root port: Linux "Device scope type does not match". */
static void test_header_type_endpoint_names_bridge_fails(void)
{
	const struct dmar_path p = { 0x1c, 0 };
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	one_scope_table(&f, 0, SCOPE_TYPE_ENDPOINT, &p, 1);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HEADER, &env)) {
		ASSERT_STATUS(&f.rs, ID_HEADER, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_HEADER, VT_FAIL,
			       "PCI endpoint scope names 0000:00:1c.0, whose header type is 1 "
			       "(class 0x060400)");
	}
	fixture_free(&f);
	env_free(&env);
}

/* A sub-hierarchy scope naming the VGA function, which has nothing below. */
static void test_header_type_bridge_names_endpoint_fails(void)
{
	const struct dmar_path p = { 0x02, 0 };
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	one_scope_table(&f, 0, SCOPE_TYPE_BRIDGE, &p, 1);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HEADER, &env)) {
		ASSERT_STATUS(&f.rs, ID_HEADER, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_HEADER, VT_FAIL,
			       "PCI sub-hierarchy scope names 0000:00:02.0, whose header type is 0 "
			       "(class 0x030000)");
	}
	fixture_free(&f);
	env_free(&env);
}

/* Absent devices are device-present's business: nothing to judge here. */
static void test_header_type_nothing_resolved_skips(void)
{
	const struct dmar_path p = { 0x03, 0 };
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	one_scope_table(&f, 0, SCOPE_TYPE_ENDPOINT, &p, 1);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HEADER, &env))
		ASSERT_STATUS(&f.rs, ID_HEADER, VT_SKIP);
	fixture_free(&f);
	env_free(&env);
}

/* ---- dmar.rmrr.reserved-memory ---- */

/* Catch-all DRHD, then one RMRR [base, limit] for the xHCI. */
static void rmrr_table(struct fixture *f, uint64_t base, uint64_t limit)
{
	fixture_init(f, 39, 0);
	fx_add_all_drhd(&f->model, 0, FX_IOMMU_BASE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f->model, 0, base, limit));
	fx_add_pci_scope(&f->model, SCOPE_TYPE_ENDPOINT, 0, 0x14, 0);
}

static void test_reserved_inside_passes(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	rmrr_table(&f, 0xe8000, 0xeffff);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RESERVED, &env)) {
		ASSERT_STATUS(&f.rs, ID_RESERVED, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_PASS, "1 RMRRs lie in memory every Linux accepts");
	}
	fixture_free(&f);
	env_free(&env);
}

/*
 * Firmware often reports stolen memory as two adjacent reserved ranges;
 * an RMRR across the seam is wholly reserved. The ranges are added out of
 * order on purpose.
 */
static void test_reserved_spanning_adjacent_ranges_passes(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	env_add_reserved(&env, 0x3e000000, 0x3fffffff);
	env_add_reserved(&env, 0x3c000000, 0x3dffffff);
	rmrr_table(&f, 0x3c000000, 0x3fffffff);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RESERVED, &env))
		ASSERT_STATUS(&f.rs, ID_RESERVED, VT_PASS);
	fixture_free(&f);
	env_free(&env);
}

/* Memory the OS may hand out: the device's DMA would scribble on it. */
static void test_reserved_outside_fails(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	rmrr_table(&f, 0x3c000000, 0x3fffffff);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RESERVED, &env)) {
		ASSERT_STATUS(&f.rs, ID_RESERVED, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_FAIL,
			       "[0x3c000000-0x3fffffff] runs into memory no e820 entry covers");
	}
	fixture_free(&f);
	env_free(&env);
}

/* Half in: the reserved range ends at 1 MiB, the RMRR goes on past it. */
static void test_reserved_partly_outside_fails(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	rmrr_table(&f, 0xe8000, 0x100fff);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RESERVED, &env)) {
		ASSERT_STATUS(&f.rs, ID_RESERVED, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_FAIL, "[0xe8000-0x100fff]");
	}
	fixture_free(&f);
	env_free(&env);
}

/* Two reserved ranges with a one-page hole between them. */
static void test_reserved_hole_between_ranges_fails(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	env_add_reserved(&env, 0x3c000000, 0x3dffffff);
	env_add_reserved(&env, 0x3e001000, 0x3fffffff);
	rmrr_table(&f, 0x3c000000, 0x3fffffff);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RESERVED, &env))
		ASSERT_STATUS(&f.rs, ID_RESERVED, VT_FAIL);
	fixture_free(&f);
	env_free(&env);
}

static void test_reserved_memmap_unavailable_skips(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	env_set_missing(&env, VT_ENV_MEMMAP, VT_UNKNOWN,
			"proc/iomem shows no addresses (read as non-root?)");
	rmrr_table(&f, 0xe8000, 0xeffff);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RESERVED, &env)) {
		ASSERT_STATUS(&f.rs, ID_RESERVED, VT_SKIP);
		ASSERT_MSG_HAS(&f.rs, ID_RESERVED, VT_SKIP, "read as non-root?");
	}
	fixture_free(&f);
	env_free(&env);
}

/* ---- dmar.drhd.registers ---- */

static void test_registers_answer_passes(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	add_all_units(&env);
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_REGISTERS, &env)) {
		ASSERT_STATUS(&f.rs, ID_REGISTERS, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_REGISTERS, VT_PASS, "3 DRHD register blocks answer");
	}
	fixture_free(&f);
	env_free(&env);
}

/* The pass names each unit's ECAP features: EIM is what x2APIC remapping needs. */
static void test_registers_evidence_names_features(void)
{
	struct vt_env env;
	struct fixture f;
	const struct vt_result *r;
	const struct vt_value *units, *u;
	char *text;

	client_env(&env);
	add_all_units(&env);
	env.units[1].reg[VTD_UR_ECAP] = FX_ECAP & ~VTD_ECAP_EIM;
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_REGISTERS, &env)) {
		r = result_of(&f.rs, ID_REGISTERS, VT_PASS);
		units = r ? vt_value_get(r->ev, "units") : NULL;
		CU_ASSERT_PTR_NOT_NULL_FATAL(units);
		CU_ASSERT_EQUAL(units->kind, VT_VAL_LIST);
		CU_ASSERT_EQUAL(units->n, 3);
		u = units->first;
		CU_ASSERT_EQUAL(vt_value_get(u, "base")->u, FX_GFX_BASE);
		CU_ASSERT_EQUAL(vt_value_get(u, "ecap")->u, FX_ECAP);
		text = vt_value_text(vt_value_get(u, "features"));
		CU_ASSERT_STRING_EQUAL(text, "[\"QI\",\"DT\",\"IR\",\"EIM\",\"PT\"]");
		free(text);
		text = vt_value_text(vt_value_get(u->next, "features"));
		CU_ASSERT_STRING_EQUAL(text, "[\"QI\",\"DT\",\"IR\",\"PT\"]");
		free(text);
	}
	fixture_free(&f);
	env_free(&env);
}

/* Nothing decodes the graphics unit's base: CAP reads all ones. */
static void test_registers_cap_all_ones_fails(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	add_all_units(&env);
	env.units[0].reg[VTD_UR_CAP] = VTD_REG_ALL_ONES;
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_REGISTERS, &env)) {
		ASSERT_STATUS(&f.rs, ID_REGISTERS, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_REGISTERS, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_REGISTERS, VT_FAIL,
			       "registers at 0xfed90000 read all ones (CAP 0xffffffffffffffff");
		ASSERT_MSG_HAS(&f.rs, ID_REGISTERS, VT_FAIL, "from the kernel's sysfs");
		ASSERT_SUBJECT_HAS(&f.rs, ID_REGISTERS, VT_FAIL, "DRHD #0 @0x30");
	}
	fixture_free(&f);
	env_free(&env);
}

/* ECAP alone all ones is just as dead. */
static void test_registers_ecap_all_ones_fails(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	add_all_units(&env);
	env.units[2].reg[VTD_UR_ECAP] = VTD_REG_ALL_ONES;
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_REGISTERS, &env)) {
		ASSERT_STATUS(&f.rs, ID_REGISTERS, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_REGISTERS, VT_FAIL,
			       "registers at 0xfed91000 read all ones");
		ASSERT_MSG_HAS(&f.rs, ID_REGISTERS, VT_FAIL, "ECAP 0xffffffffffffffff");
	}
	fixture_free(&f);
	env_free(&env);
}

/*
 * Without a unit at a base and without a live system, the registers cannot
 * be read: that DRHD is skipped (plat = NULL must be accepted), the others
 * still judged.
 */
static void test_registers_unreadable_skips_that_drhd(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	add_all_units(&env);
	env.units[1].known = 0;
	snprintf(env.units[1].why, sizeof(env.units[1].why), "cap unreadable in this fixture");
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_REGISTERS, &env)) {
		ASSERT_COUNT(&f.rs, ID_REGISTERS, VT_SKIP, 1);
		ASSERT_COUNT(&f.rs, ID_REGISTERS, VT_PASS, 1);
		ASSERT_MSG_HAS(&f.rs, ID_REGISTERS, VT_SKIP,
			       "registers at 0xfed92000 not readable");
		ASSERT_MSG_HAS(&f.rs, ID_REGISTERS, VT_PASS, "2 DRHD register blocks answer "
			       "(CAP/ECAP not all ones); 1 more could not be judged (registers at "
			       "0xfed92000 not readable: cap unreadable in this fixture)");
	}
	fixture_free(&f);
	env_free(&env);
}

/* ---- dmar.drhd.iommu-unit ---- */

static void test_unit_per_drhd_passes(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	add_all_units(&env);
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_UNIT, &env)) {
		ASSERT_STATUS(&f.rs, ID_UNIT, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_UNIT, VT_PASS, "3 DRHDs");
	}
	fixture_free(&f);
	env_free(&env);
}

/* The kernel did not bring the NVMe unit up. */
static void test_unit_missing_fails(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	env_add_unit(&env, "dmar0", FX_GFX_BASE, FX_CAP, FX_ECAP, true);
	env_add_unit(&env, "dmar2", FX_IOMMU_BASE, FX_CAP, FX_ECAP, true);
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_UNIT, &env)) {
		ASSERT_STATUS(&f.rs, ID_UNIT, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_UNIT, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_UNIT, VT_FAIL,
			       "no unit in /sys/class/iommu has address 0xfed92000");
		ASSERT_SUBJECT_HAS(&f.rs, ID_UNIT, VT_FAIL, "DRHD #1 @0x48");
	}
	fixture_free(&f);
	env_free(&env);
}

/* A unit the table does not describe (hot-added, or another table). */
static void test_unit_extra_fails(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	add_all_units(&env);
	env_add_unit(&env, "dmar5", 0xfed93000, FX_CAP, FX_ECAP, true);
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_UNIT, &env)) {
		ASSERT_STATUS(&f.rs, ID_UNIT, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_UNIT, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_UNIT, VT_FAIL,
			       "/sys/class/iommu/dmar5 has address 0xfed93000, which no DRHD names");
	}
	fixture_free(&f);
	env_free(&env);
}

/* No unit at all is dmar.kernel.iommu-enabled's finding, not this one's. */
static void test_unit_none_skips(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_UNIT, &env)) {
		ASSERT_STATUS(&f.rs, ID_UNIT, VT_SKIP);
		ASSERT_MSG_HAS(&f.rs, ID_UNIT, VT_SKIP, "dmar.kernel.iommu-enabled");
	}
	fixture_free(&f);
	env_free(&env);
}

/* ---- dmar.kernel.iommu-enabled ---- */

static void test_enabled_passes(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	add_all_units(&env);
	env_set_cmdline(&env, "BOOT_IMAGE=/vmlinuz root=/dev/vda1 intel_iommu=on");
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ENABLED, &env)) {
		ASSERT_STATUS(&f.rs, ID_ENABLED, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_ENABLED, VT_PASS, "3 VT-d units");
	}
	fixture_free(&f);
	env_free(&env);
}

/* The user turned it off: say so, rather than blame the firmware. */
static void test_enabled_off_on_cmdline_fails(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	env_set_cmdline(&env, "BOOT_IMAGE=/vmlinuz intel_iommu=off quiet\n");
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ENABLED, &env)) {
		ASSERT_STATUS(&f.rs, ID_ENABLED, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ENABLED, VT_FAIL, "disabled by the kernel");
		ASSERT_MSG_HAS(&f.rs, ID_ENABLED, VT_FAIL, "intel_iommu=off");
	}
	fixture_free(&f);
	env_free(&env);
}

/* No unit and no intel_iommu=off: not enabled by default, or rejected. */
static void test_enabled_no_unit_fails(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	env_set_cmdline(&env, "BOOT_IMAGE=/vmlinuz root=/dev/vda1 quiet");
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ENABLED, &env)) {
		ASSERT_STATUS(&f.rs, ID_ENABLED, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ENABLED, VT_FAIL,
			       "registered no VT-d unit in /sys/class/iommu");
		CU_ASSERT(!message_has(&f.rs, ID_ENABLED, VT_FAIL, "disabled by the kernel"));
	}
	fixture_free(&f);
	env_free(&env);
}

/* Only the whole word counts: these do not turn remapping off. */
static void test_enabled_off_only_as_word(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	env_set_cmdline(&env, "xintel_iommu=off intel_iommu=offline");
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ENABLED, &env)) {
		ASSERT_STATUS(&f.rs, ID_ENABLED, VT_FAIL);
		CU_ASSERT(!message_has(&f.rs, ID_ENABLED, VT_FAIL, "disabled by the kernel"));
	}
	fixture_free(&f);
	env_free(&env);
}

/* intel_iommu= takes a comma list, and a later option wins. */
static void test_enabled_option_lists(void)
{
	static const struct {
		const char *cmdline;
		bool off;
	} cases[] = {
		{ "intel_iommu=igfx_off,off", true },
		{ "intel_iommu=off,sm_on quiet", true },
		{ "intel_iommu=off intel_iommu=on", false },
		{ "intel_iommu=on,off", true },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vt_env env;
		struct fixture f;

		client_env(&env);
		env_set_cmdline(&env, cases[i].cmdline);
		client_table(&f);
		if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ENABLED, &env)) {
			ASSERT_STATUS(&f.rs, ID_ENABLED, VT_FAIL);
			CU_ASSERT_EQUAL(message_has(&f.rs, ID_ENABLED, VT_FAIL,
						    "disabled by the kernel"), cases[i].off);
		}
		fixture_free(&f);
		env_free(&env);
	}
}

/* ---- dmar.kernel.firmware-bugs and the kernel's words ---- */

/* A dmesg as klogctl returns it: level, time stamp, message. */
static const char klog_text[] =
	"<6>[    0.000000] Linux version 6.1.0-56-amd64\n"
	"<4>[    0.012000] DMAR: [Firmware Bug]: No firmware reserved region can cover this RMRR [0x000000007c000000-0x000000007c7fffff], contact BIOS vendor for fixes\n"
	"<4>[    0.013000] ACPI: [Firmware Bug]: BIOS _OSI(Linux) query ignored\n"
	"<6>[    0.020000] DMAR: IOMMU disabled\n"
	"<6>[    0.030000] DMAR-IR: Enabled IRQ remapping in x2apic mode";

static void test_klog_parsing(void)
{
	struct klog_lines l;

	klog_select(klog_text, strlen(klog_text), klog_is_dmar_fw_bug, &l);
	/* Only the VT-d code's firmware bugs, prefixes stripped. */
	CU_ASSERT_EQUAL_FATAL(l.n, 1);
	CU_ASSERT_STRING_EQUAL(l.v[0], "DMAR: [Firmware Bug]: No firmware reserved region "
			       "can cover this RMRR [0x000000007c000000-0x000000007c7fffff], "
			       "contact BIOS vendor for fixes");
	klog_lines_free(&l);
	klog_select(klog_text, strlen(klog_text), klog_is_dmar_refusal, &l);
	CU_ASSERT_EQUAL_FATAL(l.n, 2);
	CU_ASSERT_STRING_EQUAL(l.v[1], "DMAR: IOMMU disabled");
	klog_lines_free(&l);
	klog_select("", 0, klog_is_dmar_fw_bug, &l);
	CU_ASSERT_EQUAL(l.n, 0);
	klog_lines_free(&l);
}

static void test_fw_bugs_reported_fails(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	add_all_units(&env);
	env_set_klog(&env, klog_text);
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_FW_BUGS, &env)) {
		ASSERT_STATUS(&f.rs, ID_FW_BUGS, VT_FAIL);
		ASSERT_COUNT(&f.rs, ID_FW_BUGS, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_FW_BUGS, VT_FAIL, "0x000000007c000000");
	}
	fixture_free(&f);
	env_free(&env);
}

static void test_fw_bugs_clean_log_passes(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	add_all_units(&env);
	env_set_klog(&env, "<6>[    0.1] DMAR: Intel(R) Virtualization Technology for Directed I/O\n");
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_FW_BUGS, &env))
		ASSERT_STATUS(&f.rs, ID_FW_BUGS, VT_PASS);
	fixture_free(&f);
	env_free(&env);
}

static void test_fw_bugs_no_log_skips(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	env_set_missing(&env, VT_ENV_KLOG, VT_UNKNOWN,
			"kernel log: klogctl: Operation not permitted");
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_FW_BUGS, &env)) {
		ASSERT_STATUS(&f.rs, ID_FW_BUGS, VT_SKIP);
		ASSERT_MSG_HAS(&f.rs, ID_FW_BUGS, VT_SKIP, "Operation not permitted");
	}
	fixture_free(&f);
	env_free(&env);
}

/* No unit: the failure quotes what the kernel said. */
static void test_enabled_quotes_kernel(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	env_set_cmdline(&env, "root=/dev/sda1");
	env_set_klog(&env, klog_text);
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ENABLED, &env))
		ASSERT_MSG_HAS(&f.rs, ID_ENABLED, VT_FAIL, "its log says: \"DMAR: IOMMU disabled\"");
	fixture_free(&f);
	env_free(&env);
}

/* ---- missing data: a skip naming what is missing, never a fail ---- */

/*
 * The root port's config could not be read (a deleted or short file): the
 * NVMe scope behind it cannot be followed, and the port's own header type
 * is unknown. Neither is a finding about the machine.
 */
static void test_unreadable_config_is_no_verdict(void)
{
	struct vt_env env;
	struct fixture f;
	size_t k;

	client_env(&env);
	for (k = 0; k < env.pci.n; k++)
		if (env.pci.fns[k].dev == 0x1c) {
			env.pci.fns[k].cfg_len = 0;
			snprintf(env.pci.fns[k].cfg_why, sizeof(env.pci.fns[k].cfg_why),
				 "/sys/bus/pci/devices/0000:00:1c.0/config: not in the snapshot");
		}
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_PRESENT, &env)) {
		ASSERT_COUNT(&f.rs, ID_PRESENT, VT_FAIL, 0);
		ASSERT_COUNT(&f.rs, ID_PRESENT, VT_SKIP, 1);
		ASSERT_MSG_HAS(&f.rs, ID_PRESENT, VT_SKIP, "0000:00:1c.0 at path hop 0 has no "
			       "readable configuration header (/sys/bus/pci/devices/0000:00:1c.0/"
			       "config: not in the snapshot)");
		ASSERT_MSG_HAS(&f.rs, ID_PRESENT, VT_PASS, "; 1 more could not be judged");
	}
	fixture_run(&f, ID_HEADER, &env);
	ASSERT_COUNT(&f.rs, ID_HEADER, VT_FAIL, 0);
	ASSERT_MSG_HAS(&f.rs, ID_HEADER, VT_SKIP, "0000:00:1c.0");
	fixture_free(&f);
	env_free(&env);
}

/* A kernel unit whose address could not be read: the unmatched DRHD is unknown. */
static void test_unit_address_unknown_is_no_verdict(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	add_all_units(&env);
	env.units[1].address_known = false;
	snprintf(env.units[1].why, sizeof(env.units[1].why),
		 "/sys/class/iommu/dmar1/intel-iommu/address: \"zz\" is not a hex number");
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_UNIT, &env)) {
		ASSERT_COUNT(&f.rs, ID_UNIT, VT_FAIL, 0);
		ASSERT_SUBJECT_HAS(&f.rs, ID_UNIT, VT_SKIP, "DRHD #1");
		ASSERT_MSG_HAS(&f.rs, ID_UNIT, VT_SKIP, "the address of dmar1 is unknown");
		ASSERT_MSG_HAS(&f.rs, ID_UNIT, VT_PASS, "2 DRHDs");
	}
	fixture_free(&f);
	env_free(&env);
}

/* The PCI model is there but broken (a malformed dump): an error, not a skip. */
static void test_broken_input_is_an_error(void)
{
	struct vt_env env;
	struct fixture f;

	client_env(&env);
	env_set_missing(&env, VT_ENV_PCI, VT_BROKEN, "/lspci.txt: line 2: not a config line");
	client_table(&f);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_PRESENT, &env)) {
		ASSERT_STATUS(&f.rs, ID_PRESENT, VT_ERROR);
		ASSERT_MSG_HAS(&f.rs, ID_PRESENT, VT_ERROR, "/lspci.txt: line 2");
	}
	fixture_free(&f);
	env_free(&env);
}

const struct unit_test check_platform_tests[] = {
	{ "unreadable_config_is_no_verdict", test_unreadable_config_is_no_verdict },
	{ "unit_address_unknown_is_no_verdict", test_unit_address_unknown_is_no_verdict },
	{ "broken_input_is_an_error", test_broken_input_is_an_error },
	{ "klog_parsing", test_klog_parsing },
	{ "fw_bugs_reported_fails", test_fw_bugs_reported_fails },
	{ "fw_bugs_clean_log_passes", test_fw_bugs_clean_log_passes },
	{ "fw_bugs_no_log_skips", test_fw_bugs_no_log_skips },
	{ "enabled_quotes_kernel", test_enabled_quotes_kernel },
	{ "enabled_option_lists", test_enabled_option_lists },
	{ "platform_checks_skip_without_env", test_platform_checks_skip_without_env },
	{ "present_through_bridge_passes", test_present_through_bridge_passes },
	{ "present_absent_device_warns", test_present_absent_device_warns },
	{ "present_absent_behind_bridge_warns", test_present_absent_behind_bridge_warns },
	{ "present_other_segment_warns", test_present_other_segment_warns },
	{ "present_path_through_endpoint_fails", test_present_path_through_endpoint_fails },
	{ "present_no_path_fails", test_present_no_path_fails },
	{ "present_pci_unavailable_skips", test_present_pci_unavailable_skips },
	{ "present_no_pci_scope_skips", test_present_no_pci_scope_skips },
	{ "header_type_matches_passes", test_header_type_matches_passes },
	{ "header_type_bridge_class_type0_passes", test_header_type_bridge_class_type0_passes },
	{ "header_type_endpoint_names_bridge_fails",
	  test_header_type_endpoint_names_bridge_fails },
	{ "header_type_bridge_names_endpoint_fails",
	  test_header_type_bridge_names_endpoint_fails },
	{ "header_type_nothing_resolved_skips", test_header_type_nothing_resolved_skips },
	{ "reserved_inside_passes", test_reserved_inside_passes },
	{ "reserved_spanning_adjacent_ranges_passes",
	  test_reserved_spanning_adjacent_ranges_passes },
	{ "reserved_outside_fails", test_reserved_outside_fails },
	{ "reserved_partly_outside_fails", test_reserved_partly_outside_fails },
	{ "reserved_hole_between_ranges_fails", test_reserved_hole_between_ranges_fails },
	{ "reserved_memmap_unavailable_skips", test_reserved_memmap_unavailable_skips },
	{ "registers_answer_passes", test_registers_answer_passes },
	{ "registers_evidence_names_features", test_registers_evidence_names_features },
	{ "registers_cap_all_ones_fails", test_registers_cap_all_ones_fails },
	{ "registers_ecap_all_ones_fails", test_registers_ecap_all_ones_fails },
	{ "registers_unreadable_skips_that_drhd", test_registers_unreadable_skips_that_drhd },
	{ "unit_per_drhd_passes", test_unit_per_drhd_passes },
	{ "unit_missing_fails", test_unit_missing_fails },
	{ "unit_extra_fails", test_unit_extra_fails },
	{ "unit_none_skips", test_unit_none_skips },
	{ "enabled_passes", test_enabled_passes },
	{ "enabled_off_on_cmdline_fails", test_enabled_off_on_cmdline_fails },
	{ "enabled_no_unit_fails", test_enabled_no_unit_fails },
	{ "enabled_off_only_as_word", test_enabled_off_only_as_word },
	{ NULL, NULL }
};
