// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The groups suite's checks on hand-made machines: a root port with ACS
 * and one without, a kernel whose groups agree with the reference and one
 * whose do not, an RMRR naming a NIC, a group in passthrough.
 */
#include <string.h>

#include "fixture.h"
#include "pci_fixture.h"

#define ID_ON        "groups.iommu-on"
#define ID_MATCH     "groups.kernel-matches"
#define ID_ISOLATION "groups.isolation"
#define ID_OVERRIDE  "groups.acs-override"
#define ID_RMRR      "groups.rmrr-locked"
#define ID_TYPE      "groups.default-domain"
#define ID_ACS       "groups.acs-enabled"

/*
 *   00:1c.0 root port, ACS offered and enabled  -> 01:00.0 NIC
 *   00:1d.0 root port, no ACS                    -> 02:00.0 NIC
 * and a DMAR whose catch-all DRHD covers them all.
 */
static void machine(struct vt_env *env, struct fixture *f, uint16_t ctrl_1c)
{
	env_init(env);
	RP(&env->pci, 0, 0x1c, 0, 1, fx_acs(ACS_ALL, ctrl_1c));
	EP(&env->pci, 1, 0, 0, false);
	RP(&env->pci, 0, 0x1d, 0, 2, NO_ACS);
	EP(&env->pci, 2, 0, 0, false);
	fixture_init(f, 39, 0);
	fx_add_all_drhd(&f->model, 0, FX_IOMMU_BASE);
}

static void kernel_groups(struct vt_env *env, bool as_predicted, const char *type)
{
	static const char *const g0[] = { "0000:00:1c.0" };
	static const char *const g1[] = { "0000:00:1d.0", "0000:02:00.0" };
	static const char *const g2[] = { "0000:01:00.0" };
	static const char *const wrong[] = { "0000:00:1d.0" };
	static const char *const wrong2[] = { "0000:02:00.0" };

	env_add_group(env, 0, type, g0, 1);
	env_add_group(env, 2, type, g2, 1);
	if (as_predicted) {
		env_add_group(env, 1, type, g1, 2);
	} else {
		env_add_group(env, 1, type, wrong, 1);
		env_add_group(env, 3, type, wrong2, 1);
	}
}

static void test_iommu_on(void)
{
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, ACS_REQ);
	kernel_groups(&env, true, "DMA");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ON, &env)) {
		ASSERT_STATUS(&f.rs, ID_ON, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_ON, VT_PASS, "4 devices in 3 IOMMU groups");
	}
	fixture_free(&f);
	env_free(&env);
	machine(&env, &f, ACS_REQ);                 /* groups available, none */
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ON, &env)) {
		ASSERT_STATUS(&f.rs, ID_ON, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_ON, VT_FAIL, "VFIO can assign no device");
	}
	/* And a check that needs the IOMMU on says why it cannot run. */
	fixture_run(&f, ID_MATCH, &env);
	ASSERT_MSG_HAS(&f.rs, ID_MATCH, VT_SKIP, "no IOMMU groups");
	fixture_free(&f);
	env_free(&env);
}

static void test_kernel_matches(void)
{
	struct vt_env env;
	struct fixture f;
	const struct vt_result *r;

	machine(&env, &f, ACS_REQ);
	kernel_groups(&env, true, "DMA");
	env_set_kernel(&env, "Linux version 6.1.0-28-amd64 (x) #1 SMP Debian 6.1.119-1");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_MATCH, &env)) {
		ASSERT_STATUS(&f.rs, ID_MATCH, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_MATCH, VT_PASS, "4 devices in 3 groups as the reference predicts");
	}
	fixture_free(&f);
	env_free(&env);
	/* The kernel split the port from its NIC: the difference, both ways. */
	machine(&env, &f, ACS_REQ);
	kernel_groups(&env, false, "DMA");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_MATCH, &env)) {
		ASSERT_STATUS(&f.rs, ID_MATCH, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_MATCH, VT_FAIL, "the kernel groups {0000:00:1d.0}; "
			       "the reference predicts {0000:00:1d.0 0000:02:00.0}");
		ASSERT_SUBJECT_HAS(&f.rs, ID_MATCH, VT_FAIL, "/sys/kernel/iommu_groups/1");
		r = result_of(&f.rs, ID_MATCH, VT_FAIL);
		CU_ASSERT_PTR_NOT_NULL(r);
		/* Whole lists of devices, predicted beside observed. */
		CU_ASSERT_TRUE(r && vt_value_get(r->ev, "predicted") &&
			       vt_value_get(r->ev, "predicted")->kind == VT_VAL_LIST &&
			       vt_value_get(r->ev, "predicted")->n == 2 &&
			       vt_value_get(r->ev, "observed")->n == 1 &&
			       !strcmp(vt_value_get(r->ev, "observed")->first->s, "0000:00:1d.0"));
	}
	fixture_free(&f);
	env_free(&env);
}

/*
 * The kernel groups a device the PCI tree read lacks (a partial snapshot,
 * a device that vanished): that group cannot be judged and says why; the
 * others still are. With no PCI function at all, both checks still speak.
 */
static void test_kernel_group_beyond_the_model(void)
{
	static const char *const ghost[] = { "0000:00:05.0" };
	static const char *const platform[] = { "INT33C2:00" };
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, ACS_REQ);
	kernel_groups(&env, true, "DMA");
	env_add_group(&env, 7, "DMA", ghost, 1);
	env_add_group(&env, 8, "DMA", platform, 1);     /* not PCI: nothing to predict */
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_MATCH, &env)) {
		ASSERT_COUNT(&f.rs, ID_MATCH, VT_SKIP, 1);
		ASSERT_MSG_HAS(&f.rs, ID_MATCH, VT_SKIP, "holds 0000:00:05.0, which the PCI "
			       "tree read lacks");
		ASSERT_SUBJECT_HAS(&f.rs, ID_MATCH, VT_SKIP, "/sys/kernel/iommu_groups/7");
		ASSERT_MSG_HAS(&f.rs, ID_MATCH, VT_PASS, "4 devices in 3 groups");
		ASSERT_MSG_HAS(&f.rs, ID_MATCH, VT_PASS, "1 more could not be judged");
	}
	fixture_free(&f);
	env_free(&env);
	env_init(&env);
	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	env_add_group(&env, 7, "DMA", ghost, 1);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_MATCH, &env))
		ASSERT_STATUS(&f.rs, ID_MATCH, VT_SKIP);
	fixture_run(&f, ID_ISOLATION, &env);
	ASSERT_STATUS(&f.rs, ID_ISOLATION, VT_SKIP);
	ASSERT_MSG_HAS(&f.rs, ID_ISOLATION, VT_SKIP, "no device is in a group an IOMMU "
		       "translates");
	fixture_free(&f);
	env_free(&env);
}

static void test_isolation(void)
{
	struct vt_env env;
	struct fixture f;

	/* A device grouped with its port alone: assignable, the port stays with the host. */
	machine(&env, &f, ACS_REQ);
	kernel_groups(&env, true, "DMA");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ISOLATION, &env)) {
		ASSERT_COUNT(&f.rs, ID_ISOLATION, VT_WARN, 0);
		ASSERT_MSG_HAS(&f.rs, ID_ISOLATION, VT_PASS, "3 devices can be assigned alone");
	}
	fixture_free(&f);
	env_free(&env);
	/* Two devices behind the port without ACS: only together. */
	machine(&env, &f, ACS_REQ);
	EP(&env.pci, 2, 1, 0, false);
	kernel_groups(&env, true, "DMA");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ISOLATION, &env)) {
		ASSERT_COUNT(&f.rs, ID_ISOLATION, VT_WARN, 1);
		ASSERT_MSG_HAS(&f.rs, ID_ISOLATION, VT_WARN, "{0000:00:1d.0 0000:02:00.0 "
			       "0000:02:01.0} can only be assigned together: root port "
			       "0000:00:1d.0 has no ACS capability");
	}
	fixture_free(&f);
	env_free(&env);
	/* Both ports isolate: everything alone. */
	env_init(&env);
	RP(&env.pci, 0, 0x1c, 0, 1, fx_acs(ACS_ALL, ACS_REQ));
	EP(&env.pci, 1, 0, 0, false);
	fixture_init(&f, 39, 0);
	fx_add_all_drhd(&f.model, 0, FX_IOMMU_BASE);
	kernel_groups(&env, true, "DMA");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ISOLATION, &env)) {
		ASSERT_STATUS(&f.rs, ID_ISOLATION, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_ISOLATION, VT_PASS, "2 devices can be assigned alone");
	}
	fixture_free(&f);
	env_free(&env);
}

static void test_acs_override(void)
{
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, ACS_REQ);
	env_set_cmdline(&env, "root=/dev/sda1 intel_iommu=on");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_OVERRIDE, &env))
		ASSERT_STATUS(&f.rs, ID_OVERRIDE, VT_PASS);
	env_set_cmdline(&env, "root=/dev/sda1 pcie_acs_override=downstream,multifunction");
	fixture_run(&f, ID_OVERRIDE, &env);
	ASSERT_COUNT(&f.rs, ID_OVERRIDE, VT_WARN, 1);
	ASSERT_MSG_HAS(&f.rs, ID_OVERRIDE, VT_WARN,
		       "pcie_acs_override=downstream,multifunction: an out-of-tree patch");
	fixture_free(&f);
	env_free(&env);
}

static void test_rmrr_locked(void)
{
	struct vt_env env;
	struct fixture f;
	struct pci_fn *usb;

	/* An RMRR for the NIC at 01:00.0: Linux refuses to assign it. */
	machine(&env, &f, ACS_REQ);
	kernel_groups(&env, true, "DMA");
	env_set_kernel(&env, "Linux version 6.12.9 (x) #1 SMP");
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f.model, 0, 0x7c000000, 0x7c7fffff));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 1, 0, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RMRR, &env)) {
		ASSERT_COUNT(&f.rs, ID_RMRR, VT_WARN, 1);
		ASSERT_SUBJECT_HAS(&f.rs, ID_RMRR, VT_WARN, "0000:01:00.0");
		ASSERT_MSG_HAS(&f.rs, ID_RMRR, VT_WARN, "-EINVAL");   /* the 6.6+ wording */
	}
	fixture_free(&f);
	env_free(&env);
	/* The same RMRR for a USB controller: relaxable, nothing refused. */
	machine(&env, &f, ACS_REQ);
	usb = EP(&env.pci, 3, 0, 0, false);
	usb->cfg[PCI_CFG_CLASS_REV + 1] = 0x30;
	usb->cfg[PCI_CFG_CLASS_REV + 2] = 0x03;
	usb->cfg[PCI_CFG_CLASS_REV + 3] = 0x0c;
	pci_fn_decode_header(usb);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(&f.model, 0, 0x7c000000, 0x7c7fffff));
	fx_add_pci_scope(&f.model, SCOPE_TYPE_ENDPOINT, 3, 0, 0);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_RMRR, &env)) {
		ASSERT_STATUS(&f.rs, ID_RMRR, VT_PASS);
		ASSERT_MSG_HAS(&f.rs, ID_RMRR, VT_PASS, "1 devices named by RMRRs, all USB or "
			       "graphics");
	}
	fixture_free(&f);
	env_free(&env);
}

static void test_default_domain(void)
{
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, ACS_REQ);
	kernel_groups(&env, true, "DMA-FQ");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_TYPE, &env))
		ASSERT_STATUS(&f.rs, ID_TYPE, VT_PASS);
	fixture_free(&f);
	env_free(&env);
	machine(&env, &f, ACS_REQ);
	kernel_groups(&env, true, "identity");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_TYPE, &env)) {
		ASSERT_COUNT(&f.rs, ID_TYPE, VT_WARN, 3);
		ASSERT_MSG_HAS(&f.rs, ID_TYPE, VT_WARN, "default domain \"identity\"");
	}
	fixture_free(&f);
	env_free(&env);
}

static void test_acs_enabled(void)
{
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, ACS_REQ);
	kernel_groups(&env, true, "DMA");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ACS, &env))
		ASSERT_STATUS(&f.rs, ID_ACS, VT_PASS);
	fixture_free(&f);
	env_free(&env);
	/* The port offers RR and CR, but the kernel left them off. */
	machine(&env, &f, PCI_ACS_SV | PCI_ACS_UF);
	kernel_groups(&env, true, "DMA");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_ACS, &env)) {
		ASSERT_COUNT(&f.rs, ID_ACS, VT_WARN, 1);
		ASSERT_MSG_HAS(&f.rs, ID_ACS, VT_WARN, "(0x000c left off)");
	}
	fixture_free(&f);
	env_free(&env);
}

const struct unit_test check_groups_tests[] = {
	{ "iommu_on", test_iommu_on },
	{ "kernel_matches", test_kernel_matches },
	{ "kernel group beyond the model", test_kernel_group_beyond_the_model },
	{ "isolation", test_isolation },
	{ "acs_override", test_acs_override },
	{ "rmrr_locked", test_rmrr_locked },
	{ "default_domain", test_default_domain },
	{ "acs_enabled", test_acs_enabled },
	{ NULL, NULL }
};
