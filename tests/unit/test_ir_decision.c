// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The interrupt-remapping decision, rule by rule: the kernel's cases (a
 * unit without IR, an IOAPIC outside every scope, EIM missing on one of
 * two units, the firmware's x2APIC opt-out with and without
 * intremap=no_x2apic_optout, a DRHD at address 0, intremap=off, nosid,
 * nox2apic) and the unknowns (no MADT, no ECAP, no command line).
 */
#include <string.h>

#include "fixture.h"
#include "unit.h"
#include "../../ref/dmar_defs.h"
#include "../../ref/ir_decision.h"
#include "../../ref/vtd_regs.h"

#define ECAP_ALL (VTD_ECAP_QI | VTD_ECAP_IR | VTD_ECAP_EIM)

struct bench {
	struct fixture f;
	struct madt madt;
	struct madt_ioapic ioapic[2];
	uint64_t ecap[4];
	bool known[4];
	struct ir_inputs in;
	struct ir_decision d;
};

/* One catch-all unit (scope: IOAPIC 2), IOAPIC 2 in the MADT, an x2APIC CPU. */
static void platform(struct bench *b, uint8_t flags)
{
	memset(b, 0, sizeof(*b));
	fixture_init(&b->f, 39, flags);
	fx_add_all_drhd(&b->f.model, 0, FX_IOMMU_BASE);
	b->ioapic[0].id = 2;
	b->madt.ioapics = b->ioapic;
	b->madt.nioapics = 1;
	b->ecap[0] = ECAP_ALL;
	b->known[0] = true;
	b->in.table = &b->f.model;
	b->in.table_known = true;
	b->in.madt = &b->madt;
	b->in.ecap = b->ecap;
	b->in.ecap_known = b->known;
	b->in.cpu_x2apic = IR_YES;
	b->in.cmdline = "quiet";
}

static bool has(const struct ir_decision *d, enum ir_reason_code c)
{
	size_t i;

	for (i = 0; i < d->nreasons; i++)
		if (d->reasons[i].code == c)
			return true;
	return false;
}

static void decide(struct bench *b)
{
	ir_decide(&b->in, &b->d);
}

static void test_remaps_in_x2apic(void)
{
	struct bench b;

	platform(&b, DMAR_FLAG_INTR_REMAP);
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_YES);
	CU_ASSERT_EQUAL(b.d.x2apic, IR_YES);
	CU_ASSERT_TRUE(b.d.source_id_checks);
	CU_ASSERT_EQUAL(b.d.nreasons, 0);
	/* intel_iommu=off leaves interrupt remapping alone. */
	b.in.cmdline = "intel_iommu=off";
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_YES);
	fixture_free(&b.f);
}

static void test_what_turns_it_off(void)
{
	struct bench b;

	platform(&b, 0);                    /* INTR_REMAP clear */
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_NO);
	CU_ASSERT_TRUE(has(&b.d, IR_R_FLAG_CLEAR));
	/* A reason of the table's, not of a unit or an APIC. */
	CU_ASSERT_EQUAL(b.d.reasons[0].code, IR_R_FLAG_CLEAR);
	CU_ASSERT_EQUAL(b.d.reasons[0].drhd, -1);
	CU_ASSERT_EQUAL(b.d.reasons[0].apic_id, -1);
	CU_ASSERT_EQUAL(b.d.x2apic, IR_NO);
	fixture_free(&b.f);

	platform(&b, DMAR_FLAG_INTR_REMAP);
	b.ecap[0] = VTD_ECAP_QI;            /* a unit without IR */
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_NO);
	CU_ASSERT_TRUE(has(&b.d, IR_R_UNIT_NO_IR));
	CU_ASSERT_EQUAL(b.d.reasons[0].drhd, 0);
	fixture_free(&b.f);

	platform(&b, DMAR_FLAG_INTR_REMAP);
	b.ioapic[1].id = 9;                 /* in the MADT, in no scope */
	b.madt.nioapics = 2;
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_NO);
	CU_ASSERT_TRUE(has(&b.d, IR_R_IOAPIC_UNSCOPED));
	CU_ASSERT_EQUAL(b.d.reasons[0].apic_id, 9);
	fixture_free(&b.f);

	platform(&b, DMAR_FLAG_INTR_REMAP);
	b.in.cmdline = "intremap=off";
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_NO);
	CU_ASSERT_TRUE(has(&b.d, IR_R_CMDLINE_OFF));
	b.in.cmdline = "intremap=nosid";
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_YES);
	CU_ASSERT_FALSE(b.d.source_id_checks);
	fixture_free(&b.f);

	/* A DRHD at address 0 is no unit: with it alone there is none. */
	memset(&b, 0, sizeof(b));
	platform(&b, DMAR_FLAG_INTR_REMAP);
	b.f.model.structs[0].u.drhd.register_base = 0;
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_NO);
	CU_ASSERT_TRUE(has(&b.d, IR_R_NO_DRHD));
	fixture_free(&b.f);

	b.in.table = NULL;                  /* no DMAR table */
	b.in.table_known = true;
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_NO);
	CU_ASSERT_TRUE(has(&b.d, IR_R_NO_DMAR));
	b.in.table_known = false;
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_UNKNOWN);
}

static void test_apic_mode(void)
{
	struct bench b;

	/* EIM missing on one of two units: xAPIC mode. */
	platform(&b, DMAR_FLAG_INTR_REMAP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_drhd(&b.f.model, 0, 0, FX_GFX_BASE));
	b.ecap[1] = VTD_ECAP_QI | VTD_ECAP_IR;
	b.known[1] = true;
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_YES);
	CU_ASSERT_EQUAL(b.d.x2apic, IR_NO);
	CU_ASSERT_TRUE(has(&b.d, IR_R_EIM_MISSING));
	CU_ASSERT_EQUAL(b.d.reasons[0].drhd, 1);
	fixture_free(&b.f);

	/* The firmware's opt-out, and the kernel's override. */
	platform(&b, DMAR_FLAG_INTR_REMAP | DMAR_FLAG_X2APIC_OPT_OUT);
	decide(&b);
	CU_ASSERT_EQUAL(b.d.x2apic, IR_NO);
	CU_ASSERT_TRUE(has(&b.d, IR_R_OPT_OUT));
	b.in.cmdline = "intremap=no_x2apic_optout";
	decide(&b);
	CU_ASSERT_EQUAL(b.d.x2apic, IR_YES);
	CU_ASSERT_TRUE(has(&b.d, IR_R_OPT_OUT_OVERRIDDEN));
	b.in.cmdline = "intremap=no_x2apic_optout nox2apic";
	decide(&b);
	CU_ASSERT_EQUAL(b.d.x2apic, IR_NO);
	CU_ASSERT_TRUE(has(&b.d, IR_R_NOX2APIC));
	fixture_free(&b.f);

	platform(&b, DMAR_FLAG_INTR_REMAP);
	b.in.cpu_x2apic = IR_NO;
	decide(&b);
	CU_ASSERT_EQUAL(b.d.x2apic, IR_NO);
	CU_ASSERT_TRUE(has(&b.d, IR_R_CPU_NO_X2APIC));
	fixture_free(&b.f);
}

static void test_unknowns(void)
{
	char buf[512];
	struct bench b;

	platform(&b, DMAR_FLAG_INTR_REMAP);
	b.in.madt = NULL;
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_UNKNOWN);
	CU_ASSERT_EQUAL(b.d.x2apic, IR_UNKNOWN);
	CU_ASSERT_TRUE(has(&b.d, IR_R_MADT_UNKNOWN));
	/* Unknown never hides a no: a unit without IR still says off. */
	b.ecap[0] = 0;
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_NO);
	b.ecap[0] = ECAP_ALL;
	b.in.madt = &b.madt;
	b.known[0] = false;
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_UNKNOWN);
	CU_ASSERT_TRUE(has(&b.d, IR_R_UNIT_UNKNOWN));
	b.known[0] = true;
	b.in.cmdline = NULL;
	decide(&b);
	CU_ASSERT_EQUAL(b.d.remapping, IR_UNKNOWN);
	CU_ASSERT_STRING_EQUAL(ir_reasons_text(&b.d, buf, sizeof(buf)),
			       "the command line is not known");
	fixture_free(&b.f);
}

static const struct unit_test tests[] = {
	{ "remaps_in_x2apic", test_remaps_in_x2apic },
	{ "what_turns_it_off", test_what_turns_it_off },
	{ "apic_mode", test_apic_mode },
	{ "unknowns", test_unknowns },
	{ NULL, NULL },
};

void register_ir_decision_tests(void)
{
	unit_add_suite("ir-decision", tests);
}
