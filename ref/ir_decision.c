// SPDX-License-Identifier: GPL-2.0-or-later
/* Whether and how Linux remaps interrupts (ir_decision.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ir_decision.h"
#include "dmar_defs.h"
#include "dmar_index.h"
#include "dmar_scope.h"
#include "kernel_cmdline.h"
#include "vtd_regs.h"

#define F_SUPPORTED "intel_irq_remapping_supported()"
#define F_PREPARE   "intel_prepare_irq_remapping()"
#define F_IOAPICS   "parse_ioapics_under_ir()"
#define F_SETUP     "setup_irqremap()"
#define F_OPTOUT    "dmar_x2apic_optout()"
#define F_X2APIC    "try_to_enable_x2apic()"

static void add(struct ir_decision *d, enum ir_reason_code code, long drhd, int apic,
		const char *function, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void add(struct ir_decision *d, enum ir_reason_code code, long drhd, int apic,
		const char *function, const char *fmt, ...)
{
	struct ir_reason *r;
	va_list ap;

	if (d->nreasons == IR_MAX_REASONS)
		return;
	r = &d->reasons[d->nreasons++];
	r->code = code;
	r->drhd = drhd;
	r->apic_id = apic;
	r->function = function;
	va_start(ap, fmt);
	vsnprintf(r->text, sizeof(r->text), fmt, ap);
	va_end(ap);
}

/* Lower @t to @v: no beats unknown beats yes. */
static void lower(enum ir_tri *t, enum ir_tri v)
{
	if (v == IR_NO || (v == IR_UNKNOWN && *t == IR_YES))
		*t = v;
}

static void units(const struct ir_inputs *in, struct ir_decision *d, enum ir_tri *eim)
{
	const struct dmar_table *t = in->table;
	size_t i, n = 0;

	for (i = 0; i < t->nstructs; i++) {
		uint64_t base = t->structs[i].u.drhd.register_base;

		if (!dmar_is(&t->structs[i], DMAR_TYPE_DRHD))
			continue;
		if (!base) {
			/* dmar_validate_one_drhd(): the kernel ignores a DRHD without a base. */
			continue;
		}
		n++;
		if (!in->ecap || !in->ecap_known || !in->ecap_known[i]) {
			add(d, IR_R_UNIT_UNKNOWN, (long)i, -1, F_PREPARE,
			    "the ECAP of the unit at 0x%llx is not known", (unsigned long long)base);
			lower(&d->remapping, IR_UNKNOWN);
			lower(eim, IR_UNKNOWN);
			continue;
		}
		if (!(in->ecap[i] & VTD_ECAP_IR)) {
			add(d, IR_R_UNIT_NO_IR, (long)i, -1, F_PREPARE,
			    "the unit at 0x%llx has no interrupt remapping (ECAP.IR)",
			    (unsigned long long)base);
			lower(&d->remapping, IR_NO);
		}
		if (!(in->ecap[i] & VTD_ECAP_EIM)) {
			add(d, IR_R_EIM_MISSING, (long)i, -1, F_PREPARE,
			    "the unit at 0x%llx has no extended interrupt mode (ECAP.EIM)",
			    (unsigned long long)base);
			lower(eim, IR_NO);
		}
	}
	if (!n) {
		add(d, IR_R_NO_DRHD, -1, -1, F_SUPPORTED, "the DMAR table names no unit");
		lower(&d->remapping, IR_NO);
	}
}

static void ioapics(const struct ir_inputs *in, struct ir_decision *d)
{
	size_t i;

	if (!in->madt) {
		add(d, IR_R_MADT_UNKNOWN, -1, -1, F_IOAPICS,
		    "the MADT is not known: whether every IOAPIC is under a unit cannot be told");
		lower(&d->remapping, IR_UNKNOWN);
		return;
	}
	for (i = 0; i < in->madt->nioapics; i++) {
		uint8_t id = in->madt->ioapics[i].id;

		if (dmar_ir_scope_drhd(in->table, SCOPE_TYPE_IOAPIC, id) >= 0)
			continue;
		add(d, IR_R_IOAPIC_UNSCOPED, -1, id, F_IOAPICS,
		    "IOAPIC id %u is under no unit's scope", id);
		lower(&d->remapping, IR_NO);
	}
}

static void apic_mode(const struct ir_inputs *in, struct ir_decision *d, enum ir_tri eim)
{
	bool optout = in->table->flags & DMAR_FLAG_X2APIC_OPT_OUT;

	d->x2apic = IR_YES;
	if (in->cpu_x2apic == IR_NO) {
		add(d, IR_R_CPU_NO_X2APIC, -1, -1, F_X2APIC, "the CPU has no x2APIC");
		lower(&d->x2apic, IR_NO);
	} else if (in->cpu_x2apic == IR_UNKNOWN) {
		add(d, IR_R_CPU_UNKNOWN, -1, -1, F_X2APIC, "whether the CPU has x2APIC is not known");
		lower(&d->x2apic, IR_UNKNOWN);
	}
	lower(&d->x2apic, eim);
	if (optout && in->cmdline && cmdline_intremap_has(in->cmdline, "no_x2apic_optout")) {
		add(d, IR_R_OPT_OUT_OVERRIDDEN, -1, -1, F_OPTOUT, "the firmware opts out of "
		    "x2APIC; intremap=no_x2apic_optout overrides it");
	} else if (optout) {
		add(d, IR_R_OPT_OUT, -1, -1, F_OPTOUT, "the firmware opts out of x2APIC "
		    "(DMAR X2APIC_OPT_OUT)");
		lower(&d->x2apic, IR_NO);
	}
	if (in->cmdline && cmdline_bool_param(in->cmdline, "nox2apic") == 1) {
		add(d, IR_R_NOX2APIC, -1, -1, F_X2APIC, "nox2apic on the command line");
		lower(&d->x2apic, IR_NO);
	}
}

void ir_decide(const struct ir_inputs *in, struct ir_decision *out)
{
	enum ir_tri eim = IR_YES;

	memset(out, 0, sizeof(*out));
	out->remapping = IR_YES;
	out->x2apic = IR_NO;
	out->source_id_checks = true;
	if (!in->table) {
		out->remapping = in->table_known ? IR_NO : IR_UNKNOWN;
		add(out, IR_R_NO_DMAR, -1, -1, F_SUPPORTED, in->table_known ?
		    "no DMAR table: no remapping hardware is described" :
		    "whether there is a DMAR table is not known");
		return;
	}
	if (!(in->table->flags & DMAR_FLAG_INTR_REMAP)) {
		add(out, IR_R_FLAG_CLEAR, -1, -1, F_SUPPORTED,
		    "the DMAR table does not set INTR_REMAP (flags bit 0)");
		lower(&out->remapping, IR_NO);
	}
	units(in, out, &eim);
	ioapics(in, out);
	if (!in->cmdline) {
		add(out, IR_R_CMDLINE_UNKNOWN, -1, -1, F_SETUP, "the command line is not known");
		lower(&out->remapping, IR_UNKNOWN);
	} else if (cmdline_intremap(in->cmdline) == 0) {
		add(out, IR_R_CMDLINE_OFF, -1, -1, F_SETUP, "intremap=off on the command line");
		lower(&out->remapping, IR_NO);
	} else if (cmdline_intremap_has(in->cmdline, "nosid")) {
		add(out, IR_R_CMDLINE_NOSID, -1, -1, F_SETUP,
		    "intremap=nosid: interrupts are not checked against their source ID");
		out->source_id_checks = false;
	}
	if (out->remapping == IR_NO)
		return;
	apic_mode(in, out, eim);
	if (out->remapping == IR_UNKNOWN && out->x2apic == IR_YES)
		out->x2apic = IR_UNKNOWN;
}

char *ir_reasons_text(const struct ir_decision *d, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < d->nreasons && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "; " : "",
					d->reasons[i].text);
	return buf;
}
