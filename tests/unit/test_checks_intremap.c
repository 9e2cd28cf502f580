// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The intremap suite's causes on hand-made machines: one catch-all unit
 * whose scope names IOAPIC 2 (and, when asked, HPET 0), with or without
 * IR and EIM, an MADT listing IOAPICs, an x2APIC CPU or not, and command
 * lines that turn remapping off or let VFIO do without it.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "../../util/xalloc.h"

#define ID_UNIT_IR   "intremap.unit-ir"
#define ID_IOAPIC    "intremap.ioapic-scope"
#define ID_HPET      "intremap.hpet-scope"
#define ID_EIM       "intremap.eim"
#define ID_OPTOUT    "intremap.x2apic-optout"
#define ID_CMDLINE   "intremap.cmdline"
#define ID_UNSAFE    "intremap.unsafe-interrupts"
#define ID_PREDICT   "intremap.prediction"

/* QEMU's intel-iommu: with intremap=on (IR, EIM) and without (neither). */
#define CAP         0x00d2008c22260286ull
#define ECAP_IR_EIM 0x0000000000f00f5eull
#define ECAP_IR     (ECAP_IR_EIM & ~VTD_ECAP_EIM)
#define ECAP_NONE   (ECAP_IR_EIM & ~(VTD_ECAP_IR | VTD_ECAP_EIM))

static void machine(struct vt_env *env, struct fixture *f, uint8_t flags, uint64_t ecap,
		    const uint8_t *ioapic_ids, size_t nioapics, const char *cpu_flags)
{
	size_t i;

	env_init(env);
	fixture_init(f, 39, flags);
	fx_add_all_drhd(&f->model, 0, FX_IOMMU_BASE);
	env_add_unit(env, "dmar0", FX_IOMMU_BASE, CAP, ecap, true);
	env->madt.ioapics = xcalloc(nioapics ? nioapics : 1, sizeof(*env->madt.ioapics));
	for (i = 0; i < nioapics; i++) {
		env->madt.ioapics[i].id = ioapic_ids[i];
		env->madt.ioapics[i].address = 0xfec00000u + (uint32_t)i * 0x1000;
	}
	env->madt.nioapics = nioapics;
	vt_env_provide(env, VT_ENV_MADT, VT_AVAILABLE, NULL);
	env->cpu_flags = xstrdup(cpu_flags);
	vt_env_provide(env, VT_ENV_CPU, VT_AVAILABLE, NULL);
}

static void done(struct vt_env *env, struct fixture *f)
{
	fixture_free(f);
	env_free(env);
}

static void test_unit_ir(void)
{
	static const uint8_t ids[] = { 2 };
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR_EIM, ids, 1, " fpu ");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_UNIT_IR, &env))
		ASSERT_STATUS(&f.rs, ID_UNIT_IR, VT_PASS);
	done(&env, &f);
	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_NONE, ids, 1, " fpu ");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_UNIT_IR, &env)) {
		ASSERT_STATUS(&f.rs, ID_UNIT_IR, VT_FAIL);
		ASSERT_MSG_HAS(&f.rs, ID_UNIT_IR, VT_FAIL, "intel_prepare_irq_remapping()");
	}
	done(&env, &f);
}

static void test_ioapic_scope(void)
{
	static const uint8_t scoped[] = { 2 }, stray[] = { 2, 9 };
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR_EIM, scoped, 1, " fpu ");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_IOAPIC, &env))
		ASSERT_STATUS(&f.rs, ID_IOAPIC, VT_PASS);
	done(&env, &f);
	/* IOAPIC 9 is in the MADT but in no scope: one failure, naming it. */
	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR_EIM, stray, 2, " fpu ");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_IOAPIC, &env)) {
		ASSERT_COUNT(&f.rs, ID_IOAPIC, VT_FAIL, 1);
		ASSERT_MSG_HAS(&f.rs, ID_IOAPIC, VT_FAIL, "IOAPIC id 9 is under no DRHD");
		ASSERT_SUBJECT_HAS(&f.rs, ID_IOAPIC, VT_FAIL, "IOAPIC id 9 @0xfec01000");
	}
	done(&env, &f);
	/* No MADT: a skip with the reason, not a guess. */
	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR_EIM, scoped, 1, " fpu ");
	env_set_missing(&env, VT_ENV_MADT, VT_UNKNOWN, "no MADT in this snapshot");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_IOAPIC, &env))
		ASSERT_MSG_HAS(&f.rs, ID_IOAPIC, VT_SKIP, "no MADT in this snapshot");
	done(&env, &f);
}

static void test_hpet_scope(void)
{
	static const uint8_t ids[] = { 2 };
	const struct dmar_path path = { 0x0f, 0 };
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR_EIM, ids, 1, " fpu ");
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(&f.model, SCOPE_TYPE_HPET, 0, 0, &path, 1));
	vt_env_provide(&env, VT_ENV_HPET, VT_AVAILABLE, NULL);
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_HPET, &env))
		ASSERT_STATUS(&f.rs, ID_HPET, VT_PASS);
	env.hpet.number = 1;            /* the firmware's HPET is another one */
	fixture_run(&f, ID_HPET, &env);
	ASSERT_COUNT(&f.rs, ID_HPET, VT_WARN, 1);
	ASSERT_MSG_HAS(&f.rs, ID_HPET, VT_WARN, "HPET number 1 is under no DRHD");
	done(&env, &f);
}

static void test_eim(void)
{
	static const uint8_t ids[] = { 2 };
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR_EIM, ids, 1, " fpu x2apic ");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_EIM, &env))
		ASSERT_STATUS(&f.rs, ID_EIM, VT_PASS);
	done(&env, &f);
	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR, ids, 1, " fpu x2apic ");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_EIM, &env))
		ASSERT_STATUS(&f.rs, ID_EIM, VT_WARN);
	done(&env, &f);
	/* An xAPIC CPU: EIM does not apply. */
	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR, ids, 1, " fpu ");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_EIM, &env))
		ASSERT_MSG_HAS(&f.rs, ID_EIM, VT_SKIP, "no x2APIC");
	done(&env, &f);
}

static void test_optout(void)
{
	static const uint8_t ids[] = { 2 };
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR_EIM, ids, 1, " x2apic ");
	env_set_cmdline(&env, "quiet");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_OPTOUT, &env))
		ASSERT_STATUS(&f.rs, ID_OPTOUT, VT_PASS);
	done(&env, &f);
	machine(&env, &f, DMAR_FLAG_INTR_REMAP | DMAR_FLAG_X2APIC_OPT_OUT, ECAP_IR_EIM, ids, 1,
		" x2apic ");
	env_set_cmdline(&env, "quiet");
	if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_OPTOUT, &env)) {
		ASSERT_STATUS(&f.rs, ID_OPTOUT, VT_WARN);
		ASSERT_MSG_HAS(&f.rs, ID_OPTOUT, VT_WARN, "dmar_x2apic_optout()");
	}
	/* The kernel's own override. */
	env_set_cmdline(&env, "intremap=nosid,no_x2apic_optout");
	fixture_run(&f, ID_OPTOUT, &env);
	ASSERT_MSG_HAS(&f.rs, ID_OPTOUT, VT_PASS, "overrides it");
	done(&env, &f);
}

static void test_cmdline_and_unsafe(void)
{
	static const struct {
		const char *cmdline;
		enum vt_status intremap, unsafe;
	} cases[] = {
		{ "root=/dev/sda1 intel_iommu=off", VT_PASS, VT_PASS },
		{ "intremap=off", VT_WARN, VT_PASS },
		{ "intremap=off intremap=on", VT_PASS, VT_PASS },
		{ "intremap=nosid", VT_WARN, VT_PASS },
		{ "vfio_iommu_type1.allow_unsafe_interrupts=1", VT_PASS, VT_FAIL },
		{ "vfio_iommu_type1.allow_unsafe_interrupts=Y", VT_PASS, VT_FAIL },
		{ "vfio_iommu_type1.allow_unsafe_interrupts", VT_PASS, VT_FAIL },
		{ "vfio_iommu_type1.allow_unsafe_interrupts=1 "
		  "vfio_iommu_type1.allow_unsafe_interrupts=0", VT_PASS, VT_PASS },
		{ "xvfio_iommu_type1.allow_unsafe_interrupts=1", VT_PASS, VT_PASS },
	};
	static const uint8_t ids[] = { 2 };
	struct vt_env env;
	struct fixture f;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR_EIM, ids, 1, " fpu ");
		env_set_cmdline(&env, cases[i].cmdline);
		if (fixture_check(&f, DMAR_ENC_COMPUTE, ID_CMDLINE, &env))
			ASSERT_STATUS(&f.rs, ID_CMDLINE, cases[i].intremap);
		fixture_run(&f, ID_UNSAFE, &env);
		ASSERT_STATUS(&f.rs, ID_UNSAFE, cases[i].unsafe);
		done(&env, &f);
	}
}

#define BOOT_LOG "<5>[    0.000000] Linux version 6.1.0-57-amd64\n"

/* intremap.prediction on an IR + EIM unit and an x2APIC CPU, with @klog (NULL: none). */
static void predict_with(struct vt_env *env, struct fixture *f, const char *klog)
{
	static const uint8_t ids[] = { 2 };

	machine(env, f, DMAR_FLAG_INTR_REMAP, ECAP_IR_EIM, ids, 1, " fpu x2apic ");
	env_set_cmdline(env, "quiet");
	if (klog) {
		env_set_klog(env, klog);
	} else {
		env_set_missing(env, VT_ENV_KLOG, VT_UNKNOWN, "no kernel log in this snapshot");
		env_set_missing(env, VT_ENV_INTERRUPTS, VT_UNKNOWN, "no interrupts in this snapshot");
	}
	fixture_check(f, DMAR_ENC_COMPUTE, ID_PREDICT, env);
}

static void test_prediction(void)
{
	const struct vt_result *r;
	struct vt_env env;
	struct fixture f;

	/* x2APIC mode, as the kernel says. */
	predict_with(&env, &f, BOOT_LOG "<6>[ 0.2] DMAR-IR: Enabled IRQ remapping in x2apic mode\n");
	ASSERT_STATUS(&f.rs, ID_PREDICT, VT_PASS);
	ASSERT_MSG_HAS(&f.rs, ID_PREDICT, VT_PASS, "predicted remapping on in x2APIC mode, "
		       "the kernel has it on in x2APIC mode");
	done(&env, &f);
	/* The kernel stayed in xAPIC mode: not what the platform implies. */
	predict_with(&env, &f, BOOT_LOG "<6>[ 0.2] DMAR-IR: Enabled IRQ remapping in xapic mode\n");
	ASSERT_STATUS(&f.rs, ID_PREDICT, VT_FAIL);
	done(&env, &f);
	/* A boot log without the line: the kernel did not remap. */
	predict_with(&env, &f, BOOT_LOG);
	ASSERT_MSG_HAS(&f.rs, ID_PREDICT, VT_FAIL, "the kernel has it off");
	done(&env, &f);
	/* No kernel view at all: the prediction alone, observed null. */
	predict_with(&env, &f, NULL);
	ASSERT_MSG_HAS(&f.rs, ID_PREDICT, VT_SKIP, "predicted: remapping on, x2APIC mode");
	r = result_of(&f.rs, ID_PREDICT, VT_SKIP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL(vt_value_get(r->ev, VT_EV_PREDICTED));
	done(&env, &f);
}

const struct unit_test check_intremap_tests[] = {
	{ "prediction", test_prediction },
	{ "unit_ir", test_unit_ir },
	{ "ioapic_scope", test_ioapic_scope },
	{ "hpet_scope", test_hpet_scope },
	{ "eim", test_eim },
	{ "x2apic_optout", test_optout },
	{ "cmdline_and_unsafe", test_cmdline_and_unsafe },
	{ NULL, NULL },
};
