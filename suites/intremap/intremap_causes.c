// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Each cause that keeps Linux from remapping interrupts, or from doing it
 * in x2APIC mode, as a check of its own naming the unit or APIC
 * (drivers/iommu/intel/irq_remapping.c, drivers/iommu/irq_remapping.c).
 */
#include <stdio.h>

#include "intremap_suite.h"
#include "../../framework/items.h"
#include "../../ref/dmar_defs.h"
#include "../../ref/dmar_scope.h"
#include "../../ref/kernel_cmdline.h"
#include "../../util/xalloc.h"

#define SRC_IR "drivers/iommu/intel/irq_remapping.c"

/* ---- intremap.unit-ir ---- */

static bool unit_ecap(struct vt_ctx *ctx, const struct vt_item *it, uint64_t *ecap)
{
	if (!it->unit || !iommu_unit_has(it->unit, VTD_UR_ECAP)) {
		vt_verdict(ctx, VT_SKIP, "the unit's ECAP is not known%s%s",
			   it->unit && it->unit->why[0] ? ": " : "",
			   it->unit ? it->unit->why : "");
		return false;
	}
	*ecap = it->unit->reg[VTD_UR_ECAP];
	return true;
}

static void judge_unit_ir(struct vt_ctx *ctx, const struct vt_item *it)
{
	struct vt_result *r;
	uint64_t ecap;

	if (!unit_ecap(ctx, it, &ecap))
		return;
	r = vt_expect(ctx, ecap & VTD_ECAP_IR, VT_FAIL, "ECAP 0x%llx: no interrupt remapping; "
		      "Linux then remaps on no unit (intel_prepare_irq_remapping(): every unit "
		      "must have ECAP.IR)", (unsigned long long)ecap);
	if (r)
		vt_ev_uint(r, "ecap", ecap);
}

const struct vt_check intremap_unit_ir = {
	VT_CHECK("intremap.unit-ir", VT_SEV_HIGH, VT_NEED_TABLE | VT_NEED_UNITS,
		 "every remapping unit offers interrupt remapping (ECAP.IR)",
		 "VT-d 4.1 §11.4.3; " SRC_IR " intel_prepare_irq_remapping()"),
	.items = &vt_items_drhd_units, .judge = judge_unit_ir,
	.none = "no DRHD with a register base",
	.all = "%zu units offer interrupt remapping",
};

/* ---- intremap.ioapic-scope ---- */

static bool next_ioapic(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	(void)k;
	if (it->pos >= ctx->env->madt.nioapics)
		return false;
	it->index = it->pos++;
	it->p = &ctx->env->madt.ioapics[it->index];
	return true;
}

static char *ioapic_subject(const struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct madt_ioapic *a = it->p;

	(void)ctx;
	return xasprintf("/sys/firmware/acpi/tables/APIC: IOAPIC id %u @0x%x", a->id, a->address);
}

static const struct vt_items items_ioapics = {
	.noun = "IOAPIC", .needs = VT_NEED_MADT, .next = next_ioapic, .subject = ioapic_subject,
};

static void judge_ioapic(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct madt_ioapic *a = it->p;
	long d = dmar_ir_scope_drhd(&ctx->env->table, SCOPE_TYPE_IOAPIC, a->id);
	struct vt_result *r;

	r = vt_expect(ctx, d >= 0, VT_FAIL, "IOAPIC id %u is under no DRHD's scope: Linux "
		      "disables interrupt remapping (parse_ioapics_under_ir(): \"ioapic %u has "
		      "no mapping iommu\")", a->id, a->id);
	if (r && d >= 0)
		vt_ev_uint(r, "drhd", (uint64_t)d);
}

const struct vt_check intremap_ioapic_scope = {
	VT_CHECK("intremap.ioapic-scope", VT_SEV_HIGH, VT_NEED_TABLE | VT_NEED_MADT,
		 "every IOAPIC of the MADT is in some DRHD's device scope",
		 "VT-d 4.1 §8.3.1.1; " SRC_IR " parse_ioapics_under_ir()"),
	.items = &items_ioapics, .judge = judge_ioapic,
	.none = "the MADT lists no IOAPIC",
	.all = "%zu IOAPICs are under a DRHD's scope",
};

/* ---- intremap.hpet-scope ---- */

static void run_hpet_scope(struct vt_ctx *ctx)
{
	uint8_t n = ctx->env->hpet.number;
	long d = dmar_ir_scope_drhd(&ctx->env->table, SCOPE_TYPE_HPET, n);
	struct vt_result *r;

	r = vt_expect(ctx, d >= 0, VT_WARN, "HPET number %u is under %s DRHD's scope%s", n,
		      d >= 0 ? "a" : "no",
		      d >= 0 ? "" : ": its MSI cannot be remapped, so Linux gives it no MSI "
		      "(intel_get_irq_domain() finds no unit for it; interrupt remapping stays on)");
	if (r)
		vt_ev_uint(r, "hpet_number", n);
}

const struct vt_check intremap_hpet_scope = {
	VT_CHECK("intremap.hpet-scope", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_HPET,
		 "the HPET the firmware describes is in some DRHD's device scope",
		 "VT-d 4.1 §8.3.1.2; " SRC_IR " ir_parse_one_hpet_scope()"),
	.run = run_hpet_scope,
};

/* ---- intremap.eim ---- */

static void judge_eim(struct vt_ctx *ctx, const struct vt_item *it)
{
	struct vt_result *r;
	uint64_t ecap;

	if (!vt_env_cpu_has(ctx->env, "x2apic"))
		return;             /* xAPIC only: EIM does not matter */
	if (!unit_ecap(ctx, it, &ecap))
		return;
	r = vt_expect(ctx, ecap & VTD_ECAP_EIM, VT_WARN, "ECAP 0x%llx: no extended interrupt "
		      "mode; the CPU has x2APIC, but Linux keeps every unit in xAPIC mode "
		      "(intel_prepare_irq_remapping(): EIM needed on all), so APIC IDs above 255 "
		      "cannot be targeted", (unsigned long long)ecap);
	if (r)
		vt_ev_uint(r, "ecap", ecap);
}

const struct vt_check intremap_eim = {
	VT_CHECK("intremap.eim", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_UNITS | VT_NEED_CPU,
		 "on an x2APIC CPU every unit offers extended interrupt mode (ECAP.EIM)",
		 "VT-d 4.1 §11.4.3; " SRC_IR " intel_prepare_irq_remapping()"),
	.items = &vt_items_drhd_units, .judge = judge_eim,
	.none = "the CPU has no x2APIC: extended interrupt mode does not apply",
	.all = "%zu units offer extended interrupt mode",
};

/* ---- intremap.x2apic-optout ---- */

static void run_optout(struct vt_ctx *ctx)
{
	const struct dmar_table *t = &ctx->env->table;
	bool optout = t->flags & DMAR_FLAG_X2APIC_OPT_OUT;
	bool overridden = cmdline_intremap_has(ctx->env->cmdline, "no_x2apic_optout");

	vt_expect(ctx, !optout || overridden, VT_WARN, "DMAR flags 0x%x: %s", t->flags,
		  !optout ? "the firmware does not opt out of x2APIC" :
		  overridden ? "the firmware opts out of x2APIC; intremap=no_x2apic_optout "
		  "overrides it" : "the firmware opts out of x2APIC: Linux keeps interrupt "
		  "remapping in xAPIC mode (dmar_x2apic_optout(); intremap=no_x2apic_optout "
		  "overrides)");
}

const struct vt_check intremap_x2apic_optout = {
	VT_CHECK("intremap.x2apic-optout", VT_SEV_LOW, VT_NEED_TABLE | VT_NEED_CMDLINE,
		 "the firmware does not ask the OS to stay out of x2APIC mode (DMAR X2APIC_OPT_OUT)",
		 "VT-d 4.1 §8.1; drivers/iommu/intel/dmar.c dmar_x2apic_optout()"),
	.run = run_optout,
};

/* ---- intremap.cmdline ---- */

static void run_cmdline(struct vt_ctx *ctx)
{
	const char *c = ctx->env->cmdline;

	if (cmdline_intremap(c) == 0)
		vt_warn(ctx, "/proc/cmdline", "intremap=off: interrupt remapping turned off on the "
			"command line (setup_irqremap()); VFIO then refuses to assign devices");
	else if (cmdline_intremap_has(c, "nosid"))
		vt_warn(ctx, "/proc/cmdline", "intremap=nosid: remapped interrupts are not checked "
			"against their source ID (set_irte_sid() not used), so one device may "
			"raise another's");
	else
		vt_pass(ctx, "/proc/cmdline", "the command line leaves interrupt remapping as the "
			"platform offers it");
}

const struct vt_check intremap_cmdline = {
	VT_CHECK("intremap.cmdline", VT_SEV_MEDIUM, VT_NEED_CMDLINE,
		 "the command line neither turns interrupt remapping off nor its source-ID checks",
		 "drivers/iommu/irq_remapping.c setup_irqremap()"),
	.run = run_cmdline,
};

/* ---- intremap.unsafe-interrupts ---- */

#define UNSAFE_PARAM "vfio_iommu_type1.allow_unsafe_interrupts"

static void run_unsafe(struct vt_ctx *ctx)
{
	vt_expect(ctx, cmdline_bool_param(ctx->env->cmdline, UNSAFE_PARAM) != 1, VT_FAIL,
		  "%s", cmdline_bool_param(ctx->env->cmdline, UNSAFE_PARAM) == 1 ?
		  UNSAFE_PARAM " is set: VFIO assigns devices without interrupt remapping, and "
		  "a guest can inject interrupts into the host" :
		  UNSAFE_PARAM " is not set on the command line (a modprobe.d setting is not seen)");
}

const struct vt_check intremap_unsafe_interrupts = {
	VT_CHECK("intremap.unsafe-interrupts", VT_SEV_HIGH, VT_NEED_CMDLINE,
		 "VFIO is not told to assign devices without interrupt remapping "
		 "(allow_unsafe_interrupts)",
		 "drivers/vfio/vfio_iommu_type1.c vfio_iommu_type1_attach_group()"),
	.run = run_unsafe,
};
