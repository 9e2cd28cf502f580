// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DMAR against the remapping hardware and what the kernel made of it: the
 * registers answer, one kernel unit per DRHD, remapping enabled, no
 * "[Firmware Bug]" in the kernel log.
 */
#include <stdio.h>
#include <string.h>

#include "dmar_suite.h"
#include "../../ref/vtd_regs.h"

static bool is_live_drhd(const struct dmar_struct *s)
{
	return s->type == DMAR_TYPE_DRHD && !s->truncated && s->u.drhd.register_base;
}

/*
 * CAP and ECAP of the unit at @base: from the kernel's sysfs when it
 * registered the unit, else read from the source (/dev/mem, mmio.txt).
 * NULL when neither can tell; the reason is then in @why.
 */
static const char *read_cap_ecap(struct vt_env *env, uint64_t base, uint64_t *cap,
				 uint64_t *ecap, char *why, size_t size)
{
	const struct iommu_unit *u = NULL;

	u = vt_env_unit_at(env, base);
	if (u && u->have_regs) {
		*cap = u->cap;
		*ecap = u->ecap;
		return "the kernel's sysfs";
	}
	if (!env->plat) {
		snprintf(why, size, "no kernel IOMMU unit at this base%s%s",
			 u ? ": " : "", u ? u->why : "");
		return NULL;
	}
	if (!vt_mmio_read64(env->plat, base + VTD_REG_CAP, cap) &&
	    !vt_mmio_read64(env->plat, base + VTD_REG_ECAP, ecap))
		return vt_platform_is_live(env->plat) ? "/dev/mem" : "the snapshot's mmio.txt";
	snprintf(why, size, "no kernel IOMMU unit at this base; %s",
		 vt_platform_error(env->plat));
	return NULL;
}

/* "QI DT IR EIM PT SC": the ECAP features a lab asks about first (§11.4.3). */
static void ecap_features(uint64_t ecap, char *buf, size_t size)
{
	static const struct { uint64_t bit; const char *name; } f[] = {
		{ VTD_ECAP_QI, "QI" }, { VTD_ECAP_DT, "DT" }, { VTD_ECAP_IR, "IR" },
		{ VTD_ECAP_EIM, "EIM" }, { VTD_ECAP_PT, "PT" }, { VTD_ECAP_SC, "SC" },
	};
	size_t i, len = 0;

	buf[0] = 0;
	for (i = 0; i < sizeof(f) / sizeof(f[0]) && len < size; i++)
		if (ecap & f[i].bit)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? " " : "",
						f[i].name);
}

static void check_registers(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0, unknown = 0, len = 0;
	char units[1024] = "";
	struct vt_result *r;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];
		uint64_t base = s->u.drhd.register_base, cap, ecap;
		const char *from;
		char why[600], features[64];

		if (!is_live_drhd(s))
			continue;
		from = read_cap_ecap(ctx->env, base, &cap, &ecap, why, sizeof(why));
		if (!from) {
			dmar_report_struct(ctx, VT_SKIP, i, "registers at 0x%llx not "
					   "readable: %s", (unsigned long long)base, why);
			unknown++;
			continue;
		}
		seen++;
		if (cap != VTD_REG_ALL_ONES && ecap != VTD_REG_ALL_ONES) {
			/* What each unit offers, e.g. EIM for x2APIC remapping. */
			ecap_features(ecap, features, sizeof(features));
			if (len < sizeof(units))
				len += (size_t)snprintf(units + len, sizeof(units) - len,
							"%s0x%llx: CAP 0x%llx ECAP 0x%llx (%s)",
							len ? "; " : "", (unsigned long long)base,
							(unsigned long long)cap,
							(unsigned long long)ecap, features);
			continue;
		}
		r = dmar_report_struct(ctx, VT_FAIL, i,
			"registers at 0x%llx read all ones (CAP 0x%llx, ECAP 0x%llx, "
			"from %s): no remapping unit decodes this address",
			(unsigned long long)base, (unsigned long long)cap,
			(unsigned long long)ecap, from);
		vt_ev_uint(r, "cap", cap);
		vt_ev_uint(r, "ecap", ecap);
		bad++;
	}
	if (bad || !seen) {
		if (!bad && !unknown)
			vt_skip(ctx, NULL, "no DRHD with a nonzero register base");
		return;
	}
	if (unknown)
		r = vt_pass(ctx, NULL, "%zu DRHD register blocks answer; %zu could not be read",
			    seen, unknown);
	else
		r = vt_pass(ctx, NULL, "%zu DRHD register blocks answer (CAP/ECAP not all ones)",
			    seen);
	vt_ev_str(r, "units", units);
}

/* A unit whose address could not be read: it might be this DRHD's. */
static const struct iommu_unit *unit_unknown(const struct vt_env *env)
{
	size_t i;

	for (i = 0; i < env->nunits; i++)
		if (!env->units[i].address_known)
			return &env->units[i];
	return NULL;
}

static bool drhd_names(const struct dmar_table *t, uint64_t address)
{
	size_t i;

	for (i = 0; i < t->nstructs; i++)
		if (is_live_drhd(&t->structs[i]) &&
		    t->structs[i].u.drhd.register_base == address)
			return true;
	return false;
}

static void check_iommu_unit(struct vt_ctx *ctx)
{
	const struct vt_env *env = ctx->env;
	const struct iommu_unit *blind = unit_unknown(env);
	size_t i, bad = 0, seen = 0, unknown = 0;

	if (!env->nunits) {
		vt_skip(ctx, NULL, "the kernel registered no IOMMU unit (see "
			"dmar.kernel.iommu-enabled)");
		return;
	}
	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];

		if (!is_live_drhd(s))
			continue;
		if (vt_env_unit_at(env, s->u.drhd.register_base)) {
			seen++;
			continue;
		}
		if (blind) {
			dmar_report_struct(ctx, VT_SKIP, i, "no unit has address 0x%llx, "
					   "but the address of %s is unknown: %s",
					   (unsigned long long)s->u.drhd.register_base,
					   blind->name, blind->why);
			unknown++;
			continue;
		}
		seen++;
		vt_ev_uint(dmar_report_struct(ctx, VT_FAIL, i,
			   "no unit in /sys/class/iommu has address 0x%llx: the kernel "
			   "did not bring this DRHD up",
			   (unsigned long long)s->u.drhd.register_base),
			   "register_base", s->u.drhd.register_base);
		bad++;
	}
	for (i = 0; i < env->nunits; i++) {
		const struct iommu_unit *u = &env->units[i];

		if (!u->address_known || drhd_names(DMAR_T(ctx), u->address))
			continue;
		vt_ev_uint(vt_fail(ctx, NULL, "/sys/class/iommu/%s has address 0x%llx, "
				   "which no DRHD names", u->name,
				   (unsigned long long)u->address), "address", u->address);
		bad++;
	}
	if (unknown && !seen)
		return;             /* each DRHD was reported as unknown */
	vt_conclude(ctx, bad, seen, "no DRHD with a nonzero register base",
		    "%zu DRHDs, one kernel IOMMU unit each at the same base", seen);
}

/*
 * What the command line says of intel_iommu=: each occurrence is a comma
 * list and later options win (Linux intel/iommu.c intel_iommu_setup()).
 * Returns 1 for on, 0 for off, -1 when it says neither.
 */
static int cmdline_intel_iommu(const char *cmdline)
{
	static const char key[] = "intel_iommu=";
	const char *p = cmdline;
	int state = -1;

	while (p && (p = strstr(p, key))) {
		bool word_start = p == cmdline || p[-1] == ' ';

		p += strlen(key);
		while (word_start && *p && *p != ' ' && *p != '\n') {
			size_t n = strcspn(p, ", \n");

			if (n == 2 && !strncmp(p, "on", 2))
				state = 1;
			else if (n == 3 && !strncmp(p, "off", 3))
				state = 0;
			p += n;
			if (*p == ',')
				p++;
		}
	}
	return state;
}

static void check_kernel_enabled(struct vt_ctx *ctx)
{
	struct vt_env *env = ctx->env;
	struct klog_lines refusals = { 0 };
	const char *cmdline = vt_env_has(env, VT_ENV_CMDLINE) ? env->cmdline : NULL;
	const char *said;
	struct vt_result *r;

	if (env->nunits) {
		vt_pass(ctx, NULL, "the kernel registered %zu VT-d units in "
			"/sys/class/iommu", env->nunits);
		return;
	}
	if (vt_env_has(env, VT_ENV_KLOG))
		klog_select((const char *)env->klog.data, env->klog.len,
			    klog_is_dmar_refusal, &refusals);
	said = refusals.n ? refusals.v[refusals.n - 1] : NULL;
	if (cmdline && cmdline_intel_iommu(cmdline) == 0)
		r = vt_fail(ctx, NULL, "DMAR present in firmware, disabled by the "
			    "kernel: the command line has intel_iommu=off");
	else if (said)
		r = vt_fail(ctx, NULL, "DMAR present in firmware, but the kernel "
			    "registered no VT-d unit in /sys/class/iommu; its log says: "
			    "\"%s\"", said);
	else
		r = vt_fail(ctx, NULL, "DMAR present in firmware, but the kernel "
			    "registered no VT-d unit in /sys/class/iommu (not built in, "
			    "not enabled by default: boot with intel_iommu=on; or the "
			    "kernel rejected the table: see its log)");
	vt_ev_str(r, "cmdline", cmdline ? cmdline : "");
	if (said)
		vt_ev_str(r, "kernel_log", said);
	klog_lines_free(&refusals);
}

static void check_kernel_fw_bugs(struct vt_ctx *ctx)
{
	const struct vt_env *env = ctx->env;
	struct klog_lines bugs;
	size_t i;

	klog_select((const char *)env->klog.data, env->klog.len, klog_is_dmar_fw_bug,
		    &bugs);
	for (i = 0; i < bugs.n; i++)
		vt_ev_str(vt_fail(ctx, NULL, "the kernel reported: \"%s\"", bugs.v[i]),
			  "kernel_log", bugs.v[i]);
	if (!bugs.n)
		vt_pass(ctx, NULL, "the kernel log has no VT-d \"%s\" line", KLOG_FW_BUG);
	klog_lines_free(&bugs);
}

const struct vt_check dmar_kernel_checks[] = {
	{ { "dmar.drhd.registers", VT_SEV_CRITICAL, VT_NEED_TABLE | VT_NEED_UNITS,
	    "each DRHD's capability registers answer (do not read all ones)",
	    "VT-d 4.1 §11.4.2-3; Linux dmar.c dmar_validate_one_drhd() \"returns all ones\"" },
	  check_registers },
	{ { "dmar.drhd.iommu-unit", VT_SEV_HIGH, VT_NEED_TABLE | VT_NEED_UNITS,
	    "the kernel registered one IOMMU unit per DRHD, at the same base",
	    "Linux intel/iommu.c intel_iommu_init(); /sys/class/iommu/dmar*/intel-iommu/address" },
	  check_iommu_unit },
	{ { "dmar.kernel.iommu-enabled", VT_SEV_HIGH, VT_NEED_TABLE | VT_NEED_UNITS,
	    "the kernel enabled DMA remapping for the DMAR the firmware reports",
	    "Linux Documentation/admin-guide/kernel-parameters.txt intel_iommu=" },
	  check_kernel_enabled },
	{ { "dmar.kernel.firmware-bugs", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_KLOG,
	    "the kernel's VT-d code logged no \"[Firmware Bug]\" about this platform",
	    "Linux drivers/iommu/intel/dmar.c, irq_remapping.c (FW_BUG messages)" },
	  check_kernel_fw_bugs },
	{ { 0 }, 0 }
};
