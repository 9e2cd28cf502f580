/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Whether Linux will remap interrupts on a platform, and in which APIC
 * mode, from what the firmware and hardware say, with every reason: the
 * decision of drivers/iommu/intel/irq_remapping.c (intel_irq_remapping_
 * supported(), intel_prepare_irq_remapping(), parse_ioapics_under_ir(),
 * intel_enable_irq_remapping()) and drivers/iommu/irq_remapping.c
 * (setup_irqremap()), as a pure function. Unknown inputs give unknown
 * answers, never a guess. Pure C.
 */
#ifndef VTDCERT_REF_IR_DECISION_H
#define VTDCERT_REF_IR_DECISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acpi_madt.h"
#include "dmar.h"

enum ir_tri { IR_UNKNOWN = -1, IR_NO = 0, IR_YES = 1 };

/* Why, each a rule of the kernel's. */
enum ir_reason_code {
	IR_R_NO_DMAR,               /* no DMAR table: no remapping hardware */
	IR_R_NO_DRHD,               /* the table names no unit with a register base */
	IR_R_FLAG_CLEAR,            /* DMAR flags INTR_REMAP clear */
	IR_R_UNIT_NO_IR,            /* a unit without ECAP.IR */
	IR_R_UNIT_UNKNOWN,          /* a unit whose ECAP is not known */
	IR_R_IOAPIC_UNSCOPED,       /* an IOAPIC under no DRHD's scope */
	IR_R_MADT_UNKNOWN,          /* IOAPIC coverage cannot be told */
	IR_R_CMDLINE_OFF,           /* intremap=off */
	IR_R_CMDLINE_NOSID,         /* intremap=nosid: on, source IDs unchecked */
	IR_R_CPU_NO_X2APIC,         /* xAPIC mode: the CPU has no x2APIC */
	IR_R_CPU_UNKNOWN,           /* x2APIC support of the CPU not known */
	IR_R_EIM_MISSING,           /* xAPIC mode: a unit without ECAP.EIM */
	IR_R_OPT_OUT,               /* xAPIC mode: DMAR X2APIC_OPT_OUT */
	IR_R_OPT_OUT_OVERRIDDEN,    /* opt-out set, intremap=no_x2apic_optout */
	IR_R_NOX2APIC,              /* xAPIC mode: nox2apic */
	IR_R_CMDLINE_UNKNOWN,       /* the command line is not known */
};

struct ir_reason {
	enum ir_reason_code code;
	long drhd;                  /* the structure index, or -1 */
	int apic_id;                /* the IOAPIC's ID, or -1 */
	char text[200];
	const char *function;       /* the kernel function this mirrors */
};

#define IR_MAX_REASONS 32

/* What the decision reads; any pointer may be NULL (not known). */
struct ir_inputs {
	const struct dmar_table *table; /* NULL: no DMAR table */
	bool table_known;           /* false: whether there is one is not known */
	const struct madt *madt;
	/* ECAP of each DRHD, by structure index; known[i] false when not read. */
	const uint64_t *ecap;
	const bool *ecap_known;
	enum ir_tri cpu_x2apic;
	const char *cmdline;
};

struct ir_decision {
	enum ir_tri remapping;
	enum ir_tri x2apic;         /* remapping in x2APIC mode (IR_NO when not remapping) */
	bool source_id_checks;      /* false with intremap=nosid */
	struct ir_reason reasons[IR_MAX_REASONS];
	size_t nreasons;
};

void ir_decide(const struct ir_inputs *in, struct ir_decision *out);

/* The decision's reasons as "a; b; c" into @buf. */
char *ir_reasons_text(const struct ir_decision *d, char *buf, size_t size);

#endif
