// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DMAR against the remapping hardware and what the kernel made of it: the
 * registers answer, one kernel unit per DRHD, remapping enabled, no
 * "[Firmware Bug]" in the kernel log. The units and their registers come
 * from the environment (the kernel's sysfs, else read through the platform).
 */
#include <stdio.h>
#include <string.h>

#include "dmar_suite.h"
#include "../../ref/kernel_cmdline.h"
#include "../../ref/vtd_regs.h"

static bool regs_known(const struct iommu_unit *u)
{
	return u && iommu_unit_has(u, VTD_UR_CAP) && iommu_unit_has(u, VTD_UR_ECAP);
}

static void registers(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct iommu_unit *u = it->unit;
	unsigned long long base = it->st->u.drhd.register_base, cap, ecap;
	struct vt_result *r;

	if (!regs_known(u)) {
		vt_verdict(ctx, VT_SKIP, "registers at 0x%llx not readable: %s", base,
			   u && u->why[0] ? u->why : "no kernel IOMMU unit at this base");
		return;
	}
	cap = u->reg[VTD_UR_CAP];
	ecap = u->reg[VTD_UR_ECAP];
	r = vt_expect(ctx, cap != VTD_REG_ALL_ONES && ecap != VTD_REG_ALL_ONES, VT_FAIL,
		      "registers at 0x%llx read all ones (CAP 0x%llx, ECAP 0x%llx, from %s): no "
		      "remapping unit decodes this address", base, cap, ecap, u->from[VTD_UR_CAP]);
	vt_ev_uint(r, "cap", cap);
	vt_ev_uint(r, "ecap", ecap);
}

/* The pass names what each unit offers, e.g. EIM for x2APIC remapping. */
static void registers_answer(struct vt_ctx *ctx, size_t judged, const char *tail)
{
	struct vt_result *r = vt_pass(ctx, NULL, "%zu DRHD register blocks answer (CAP/ECAP "
				      "not all ones)%s", judged, tail);
	struct vt_value *units = vt_ev_list(r, "units");
	const struct vt_env *env = ctx->env;
	size_t i;

	for (i = 0; i < env->nunits; i++) {
		const struct iommu_unit *u = &env->units[i];
		struct vt_value *o, *features;
		char text[64], *w;

		if (!u->address_known || !regs_known(u) ||
		    dmar_drhd_with_base(DMAR_X(ctx), u->address) == DMAR_NO_STRUCT)
			continue;
		o = vt_put_object(units, NULL);
		vt_put_uint(o, "base", u->address);
		vt_put_uint(o, "cap", u->reg[VTD_UR_CAP]);
		vt_put_uint(o, "ecap", u->reg[VTD_UR_ECAP]);
		vt_put_str(o, "from", u->from[VTD_UR_CAP]);
		features = vt_put_list(o, "features");
		vtd_ecap_features(u->reg[VTD_UR_ECAP], text, sizeof(text));
		for (w = strtok(text, " "); w; w = strtok(NULL, " "))
			vt_put_str(features, NULL, w);
	}
}

const struct vt_check dmar_drhd_registers = {
	VT_CHECK("dmar.drhd.registers", VT_SEV_CRITICAL, VT_NEED_TABLE | VT_NEED_UNITS,
		 "each DRHD's capability registers answer (do not read all ones)",
		 "VT-d 4.1 §11.4.2-3; Linux dmar.c dmar_validate_one_drhd() \"returns all ones\""),
	.items = &vt_items_drhd_units, .judge = registers,
	.none = "no DRHD with a nonzero register base", .pass = registers_answer,
};

/* A kernel unit whose address could not be read: it might be this DRHD's. */
static const struct iommu_unit *unit_unknown(const struct vt_env *env)
{
	size_t i;

	for (i = 0; i < env->nunits; i++)
		if (env->units[i].name[0] && !env->units[i].address_known)
			return &env->units[i];
	return NULL;
}

static void drhd_unit(struct vt_ctx *ctx, const struct vt_item *it)
{
	unsigned long long base = it->st->u.drhd.register_base;
	const struct iommu_unit *blind = unit_unknown(ctx->env);

	if (it->unit && it->unit->name[0]) {
		vt_verdict(ctx, VT_PASS, "registered");
		return;
	}
	if (blind) {
		vt_verdict(ctx, VT_SKIP, "no unit has address 0x%llx, but the address of %s is "
			   "unknown: %s", base, blind->name, blind->why);
		return;
	}
	vt_ev_uint(vt_verdict(ctx, VT_FAIL, "no unit in /sys/class/iommu has address 0x%llx: "
			      "the kernel did not bring this DRHD up", base),
		   "register_base", base);
}

static void iommu_unit(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct iommu_unit *u = it->unit;

	if (it->st) {
		drhd_unit(ctx, it);
		return;
	}
	if (!u->address_known)
		return;             /* judged through the DRHDs it might be */
	vt_ev_uint(vt_verdict(ctx, VT_FAIL, "/sys/class/iommu/%s has address 0x%llx, which "
			      "no DRHD names", u->name, (unsigned long long)u->address),
		   "address", u->address);
}

const struct vt_check dmar_drhd_iommu_unit = {
	VT_CHECK("dmar.drhd.iommu-unit", VT_SEV_HIGH, VT_NEED_TABLE | VT_NEED_UNITS,
		 "the kernel registered one IOMMU unit per DRHD, at the same base",
		 "Linux intel/iommu.c intel_iommu_init(); "
		 "/sys/class/iommu/dmar*/intel-iommu/address"),
	.items = &vt_items_unit_pairs, .judge = iommu_unit,
	.none = "the kernel registered no IOMMU unit (see dmar.kernel.iommu-enabled)",
	.all = "%zu DRHDs, one kernel IOMMU unit each at the same base",
};

static void check_kernel_enabled(struct vt_ctx *ctx)
{
	struct vt_env *env = ctx->env;
	struct klog_lines refusals = { 0 };
	const char *cmdline = vt_env_has(env, VT_ENV_CMDLINE) ? env->cmdline : NULL;
	const char *said;
	struct vt_result *r;

	if (env->kernel_units) {
		vt_pass(ctx, NULL, "the kernel registered %zu VT-d units in /sys/class/iommu",
			env->kernel_units);
		return;
	}
	if (vt_env_has(env, VT_ENV_KLOG))
		klog_select((const char *)env->klog.data, env->klog.len, klog_is_dmar_refusal,
			    &refusals);
	said = refusals.n ? refusals.v[refusals.n - 1] : NULL;
	if (cmdline && cmdline_intel_iommu(cmdline) == 0)
		r = vt_fail(ctx, NULL, "DMAR present in firmware, disabled by the kernel: the "
			    "command line has intel_iommu=off");
	else if (said)
		r = vt_fail(ctx, NULL, "DMAR present in firmware, but the kernel registered no "
			    "VT-d unit in /sys/class/iommu; its log says: \"%s\"", said);
	else
		r = vt_fail(ctx, NULL, "DMAR present in firmware, but the kernel registered no "
			    "VT-d unit in /sys/class/iommu (not built in, not enabled by default: "
			    "boot with intel_iommu=on; or the kernel rejected the table: see its "
			    "log)");
	vt_ev_str(r, "cmdline", cmdline ? cmdline : "");
	if (said)
		vt_ev_str(r, "kernel_log", said);
	klog_lines_free(&refusals);
}

const struct vt_check dmar_kernel_iommu_enabled = {
	VT_CHECK("dmar.kernel.iommu-enabled", VT_SEV_HIGH, VT_NEED_TABLE | VT_NEED_UNITS,
		 "the kernel enabled DMA remapping for the DMAR the firmware reports",
		 "Linux Documentation/admin-guide/kernel-parameters.txt intel_iommu="),
	.run = check_kernel_enabled,
};

static void check_kernel_fw_bugs(struct vt_ctx *ctx)
{
	const struct vt_env *env = ctx->env;
	struct klog_lines bugs;
	size_t i;

	klog_select((const char *)env->klog.data, env->klog.len, klog_is_dmar_fw_bug, &bugs);
	for (i = 0; i < bugs.n; i++)
		vt_ev_str(vt_fail(ctx, NULL, "the kernel reported: \"%s\"", bugs.v[i]),
			  "kernel_log", bugs.v[i]);
	if (!bugs.n)
		vt_pass(ctx, NULL, "the kernel log has no VT-d \"%s\" line", KLOG_FW_BUG);
	klog_lines_free(&bugs);
}

const struct vt_check dmar_kernel_firmware_bugs = {
	VT_CHECK("dmar.kernel.firmware-bugs", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_KLOG,
		 "the kernel's VT-d code logged no \"[Firmware Bug]\" about this platform",
		 "Linux drivers/iommu/intel/dmar.c, irq_remapping.c (FW_BUG messages)"),
	.run = check_kernel_fw_bugs,
};
