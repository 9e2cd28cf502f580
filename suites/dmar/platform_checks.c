// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DMAR checks that need the machine: the PCI tree (device scopes), the
 * firmware memory map (RMRRs), the remapping registers and what the kernel
 * registered. Each says skip, with the reason, when its input is missing.
 */
#include <string.h>

#include "dmar_suite.h"
#include "../../ref/dmar_scope.h"
#include "../../ref/vtd_regs.h"

#define NEEDS_SOURCE "needs a live system or a snapshot (--root)"

static bool is_pci_scope(const struct dmar_scope *sc)
{
	return sc->type == SCOPE_TYPE_ENDPOINT || sc->type == SCOPE_TYPE_BRIDGE;
}

/* Skip a check whose input is missing; true when it did. */
static bool skip_without_pci(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	if (!ctx->env) {
		dmar_report(ctx, ck, VT_SKIP, NULL, "%s", NEEDS_SOURCE);
		return true;
	}
	if (ctx->env->pci_err) {
		dmar_report(ctx, ck, VT_SKIP, NULL, "PCI tree unavailable: %s",
			    ctx->env->pci_err);
		return true;
	}
	return false;
}

/* One resolved PCI device scope, as the scope checks see it. */
struct pci_scope_visit {
	size_t si, sci;             /* structure and scope index */
	uint16_t segment;
	const struct dmar_scope *sc;
	struct scope_resolution r;
};

/*
 * Resolve every PCI endpoint and sub-hierarchy scope of every structure that
 * names a segment, and hand each to @visit, which returns whether it found
 * the scope wrong. Returns the number found wrong; @seen counts the visits
 * @visit accepted (it returns -1 to leave a scope out of the count).
 */
static size_t for_each_pci_scope(struct dmar_ctx *ctx, const struct vt_check_info *ck,
				 int (*visit)(struct dmar_ctx *, const struct vt_check_info *,
					      const struct pci_scope_visit *),
				 size_t *seen)
{
	struct pci_scope_visit v;
	size_t bad = 0;
	int verdict;

	*seen = 0;
	for (v.si = 0; v.si < ctx->t->nstructs; v.si++) {
		const struct dmar_struct *s = &ctx->t->structs[v.si];

		if (!dmar_struct_segment(s, &v.segment))
			continue;
		for (v.sci = 0; v.sci < s->nscopes; v.sci++) {
			v.sc = &s->scopes[v.sci];
			if (!is_pci_scope(v.sc))
				continue;
			dmar_scope_resolve(v.sc, v.segment, &ctx->env->pci, &v.r);
			verdict = visit(ctx, ck, &v);
			if (verdict >= 0)
				(*seen)++;
			if (verdict > 0)
				bad++;
		}
	}
	return bad;
}

static int visit_present(struct dmar_ctx *ctx, const struct vt_check_info *ck,
			 const struct pci_scope_visit *v)
{
	const struct dmar_path *hop = &v->sc->path[v->r.step];
	struct vt_result *res;

	if (v->r.status == SCOPE_RESOLVED)
		return 0;
	if (v->r.status == SCOPE_NO_PATH) {
		dmar_report_scope(ctx, ck, VT_FAIL, v->si, v->sci, "scope has no path entry");
		return 1;
	}
	/*
	 * An absent device is often one the firmware disabled or a hot-plug
	 * slot (VT-d §8.3.5): worth a warning. A path that runs through a
	 * non-bridge is simply wrong.
	 */
	res = dmar_report_scope(ctx, ck,
		v->r.status == SCOPE_NOT_BRIDGE ? VT_FAIL : VT_WARN, v->si, v->sci,
		v->r.status == SCOPE_NOT_BRIDGE ?
		"path hop %u, %04x:%02x:%02x.%u, is not a bridge, yet the path goes on" :
		"no device at path hop %u, %04x:%02x:%02x.%u",
		v->r.step, v->segment, v->r.bus, hop->device, hop->function);
	vt_ev_uint(res, "segment", v->segment);
	vt_ev_uint(res, "bus", v->r.bus);
	vt_ev_uint(res, "device", hop->device);
	vt_ev_uint(res, "function", hop->function);
	return 1;
}

static void check_device_present(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	size_t bad, seen;

	if (skip_without_pci(ctx, ck))
		return;
	bad = for_each_pci_scope(ctx, ck, visit_present, &seen);
	dmar_conclude(ctx, ck, bad, seen, "no PCI endpoint or sub-hierarchy scope",
		      "%zu PCI device scopes each name a present device", seen);
}

static int visit_header(struct dmar_ctx *ctx, const struct vt_check_info *ck,
			const struct pci_scope_visit *v)
{
	const struct pci_fn *f = v->r.fn;
	struct vt_result *res;

	if (v->r.status != SCOPE_RESOLVED)
		return -1;          /* dmar.scope.device-present speaks for it */
	if (dmar_scope_header_matches(v->sc, f))
		return 0;
	res = dmar_report_scope(ctx, ck, VT_FAIL, v->si, v->sci,
		"%s scope names %04x:%02x:%02x.%u, whose header type is %u "
		"(class 0x%06x)", dmar_scope_type_name(v->sc->type),
		f->segment, f->bus, f->dev, f->fn, f->header_type, f->class_code);
	vt_ev_uint(res, "header_type", f->header_type);
	vt_ev_uint(res, "class", f->class_code);
	return 1;
}

static void check_header_type(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	size_t bad, seen;

	if (skip_without_pci(ctx, ck))
		return;
	bad = for_each_pci_scope(ctx, ck, visit_header, &seen);
	dmar_conclude(ctx, ck, bad, seen, "no device scope resolved to a present device",
		      "%zu present scope devices match their scope type", seen);
}

static void check_rmrr_reserved(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	size_t i, bad = 0, seen = 0;

	if (!ctx->env) {
		dmar_report(ctx, ck, VT_SKIP, NULL, "%s", NEEDS_SOURCE);
		return;
	}
	if (ctx->env->memmap_err) {
		dmar_report(ctx, ck, VT_SKIP, NULL, "memory map unavailable: %s",
			    ctx->env->memmap_err);
		return;
	}
	for (i = 0; i < ctx->t->nstructs; i++) {
		const struct dmar_struct *s = &ctx->t->structs[i];
		struct vt_result *r;

		if (s->type != DMAR_TYPE_RMRR || s->truncated ||
		    s->u.rmrr.limit < s->u.rmrr.base)
			continue;
		seen++;
		if (memmap_covers(&ctx->env->memmap, s->u.rmrr.base, s->u.rmrr.limit))
			continue;
		r = dmar_report_struct(ctx, ck, VT_FAIL, i,
			"region [0x%llx-0x%llx] is not wholly in memory the firmware "
			"reserved (%s): Linux warns \"Your BIOS is broken; bad RMRR\"",
			(unsigned long long)s->u.rmrr.base,
			(unsigned long long)s->u.rmrr.limit, ctx->env->memmap.source);
		vt_ev_uint(r, "base", s->u.rmrr.base);
		vt_ev_uint(r, "limit", s->u.rmrr.limit);
		bad++;
	}
	dmar_conclude(ctx, ck, bad, seen, "no well-formed RMRR structure",
		      "%zu RMRRs lie in reserved memory (%s)", seen,
		      ctx->env->memmap.source);
}

static const struct iommu_unit *unit_at(const struct dmar_env *env, uint64_t base)
{
	size_t i;

	for (i = 0; i < env->nunits; i++)
		if (env->units[i].address == base)
			return &env->units[i];
	return NULL;
}

static bool on_live_system(const struct dmar_env *env)
{
	return env->plat && vt_platform_is_live(env->plat);
}

static bool is_live_drhd(const struct dmar_struct *s)
{
	return s->type == DMAR_TYPE_DRHD && !s->truncated && s->u.drhd.register_base;
}

static void check_registers(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	size_t i, bad = 0, seen = 0, unknown = 0;

	if (!ctx->env) {
		dmar_report(ctx, ck, VT_SKIP, NULL, "%s", NEEDS_SOURCE);
		return;
	}
	for (i = 0; i < ctx->t->nstructs; i++) {
		const struct dmar_struct *s = &ctx->t->structs[i];
		uint64_t base = s->u.drhd.register_base, cap, ecap;
		const struct iommu_unit *u;
		const char *from;
		struct vt_result *r;

		if (!is_live_drhd(s))
			continue;
		u = unit_at(ctx->env, base);
		if (u && u->have_regs) {
			cap = u->cap;
			ecap = u->ecap;
			from = "the kernel's sysfs";
		} else if (ctx->env->plat &&
			   !vt_mmio_read64(ctx->env->plat, base + VTD_REG_CAP, &cap) &&
			   !vt_mmio_read64(ctx->env->plat, base + VTD_REG_ECAP, &ecap)) {
			from = on_live_system(ctx->env) ? "/dev/mem" : "the snapshot's mmio.txt";
		} else {
			dmar_report_struct(ctx, ck, VT_SKIP, i,
				"registers at 0x%llx not readable: no kernel IOMMU unit "
				"at this base%s%s", (unsigned long long)base,
				ctx->env->plat ? "; " : "",
				ctx->env->plat ? vt_platform_error(ctx->env->plat) : "");
			unknown++;
			continue;
		}
		seen++;
		if (cap != VTD_REG_ALL_ONES && ecap != VTD_REG_ALL_ONES)
			continue;
		r = dmar_report_struct(ctx, ck, VT_FAIL, i,
			"registers at 0x%llx read all ones (CAP 0x%llx, ECAP 0x%llx, "
			"from %s): no remapping unit decodes this address",
			(unsigned long long)base, (unsigned long long)cap,
			(unsigned long long)ecap, from);
		vt_ev_uint(r, "cap", cap);
		vt_ev_uint(r, "ecap", ecap);
		bad++;
	}
	if (!unknown)
		dmar_conclude(ctx, ck, bad, seen, "no DRHD with a nonzero register base",
			      "%zu DRHD register blocks answer (CAP/ECAP not all ones)", seen);
	else if (seen && !bad)
		dmar_report(ctx, ck, VT_PASS, NULL,
			    "%zu DRHD register blocks answer; %zu could not be read",
			    seen, unknown);
}

static void check_iommu_unit(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	const struct dmar_env *env = ctx->env;
	size_t i, j, bad = 0, seen = 0;

	if (!env) {
		dmar_report(ctx, ck, VT_SKIP, NULL, "%s", NEEDS_SOURCE);
		return;
	}
	if (!env->nunits) {
		dmar_report(ctx, ck, VT_SKIP, NULL, "the kernel registered no IOMMU "
			    "unit (see dmar.kernel.iommu-enabled)");
		return;
	}
	for (i = 0; i < ctx->t->nstructs; i++) {
		const struct dmar_struct *s = &ctx->t->structs[i];

		if (!is_live_drhd(s))
			continue;
		seen++;
		if (unit_at(env, s->u.drhd.register_base))
			continue;
		vt_ev_uint(dmar_report_struct(ctx, ck, VT_FAIL, i,
			   "no unit in /sys/class/iommu has address 0x%llx: the kernel "
			   "did not bring this DRHD up",
			   (unsigned long long)s->u.drhd.register_base),
			   "register_base", s->u.drhd.register_base);
		bad++;
	}
	for (j = 0; j < env->nunits; j++) {
		bool found = false;

		for (i = 0; i < ctx->t->nstructs && !found; i++)
			found = is_live_drhd(&ctx->t->structs[i]) &&
				ctx->t->structs[i].u.drhd.register_base == env->units[j].address;
		if (found)
			continue;
		vt_ev_uint(dmar_report(ctx, ck, VT_FAIL, NULL,
			   "/sys/class/iommu/%s has address 0x%llx, which no DRHD names",
			   env->units[j].name, (unsigned long long)env->units[j].address),
			   "address", env->units[j].address);
		bad++;
	}
	dmar_conclude(ctx, ck, bad, seen, "no DRHD with a nonzero register base",
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

static void check_kernel_enabled(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	const struct dmar_env *env = ctx->env;
	struct vt_result *r;

	if (!env) {
		dmar_report(ctx, ck, VT_SKIP, NULL, "%s", NEEDS_SOURCE);
		return;
	}
	if (env->nunits) {
		dmar_report(ctx, ck, VT_PASS, NULL,
			    "the kernel registered %zu VT-d units in /sys/class/iommu",
			    env->nunits);
		return;
	}
	if (env->cmdline && cmdline_intel_iommu(env->cmdline) == 0)
		r = dmar_report(ctx, ck, VT_FAIL, NULL,
			"DMAR present in firmware, disabled by the kernel: the command "
			"line has intel_iommu=off");
	else if (env->refusals.n)
		r = dmar_report(ctx, ck, VT_FAIL, NULL,
			"DMAR present in firmware, but the kernel registered no VT-d "
			"unit in /sys/class/iommu; its log says: \"%s\"",
			env->refusals.v[env->refusals.n - 1]);
	else
		r = dmar_report(ctx, ck, VT_FAIL, NULL,
			"DMAR present in firmware, but the kernel registered no VT-d "
			"unit in /sys/class/iommu (not built in, not enabled by default: "
			"boot with intel_iommu=on; or the kernel rejected the table: see "
			"its log)");
	vt_ev_str(r, "cmdline", env->cmdline ? env->cmdline : "");
	if (env->refusals.n)
		vt_ev_str(r, "kernel_log", env->refusals.v[env->refusals.n - 1]);
}

static void check_kernel_fw_bugs(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	const struct dmar_env *env = ctx->env;
	size_t i;

	if (!env) {
		dmar_report(ctx, ck, VT_SKIP, NULL, "%s", NEEDS_SOURCE);
		return;
	}
	if (env->klog_err) {
		dmar_report(ctx, ck, VT_SKIP, NULL, "kernel log unavailable: %s",
			    env->klog_err);
		return;
	}
	for (i = 0; i < env->fw_bugs.n; i++)
		vt_ev_str(dmar_report(ctx, ck, VT_FAIL, NULL, "the kernel reported: \"%s\"",
				      env->fw_bugs.v[i]), "kernel_log", env->fw_bugs.v[i]);
	if (!env->fw_bugs.n)
		dmar_report(ctx, ck, VT_PASS, NULL,
			    "the kernel log has no VT-d \"%s\" line", KLOG_FW_BUG);
}

const struct dmar_check dmar_platform_checks[] = {
	{ { "dmar.scope.device-present", DMAR_SUITE, VT_SEV_MEDIUM, VT_NEEDS_PLATFORM,
	    "every PCI device scope names a device present in the PCI tree",
	    "VT-d 4.1 §8.3.1; Xen vtd/dmar.c \"Non-existent device\"" },
	  check_device_present },
	{ { "dmar.scope.header-type", DMAR_SUITE, VT_SEV_MEDIUM, VT_NEEDS_PLATFORM,
	    "an endpoint scope names a type 0 function, a sub-hierarchy scope a bridge",
	    "VT-d 4.1 §8.3.1; Linux dmar.c dmar_insert_dev_scope() \"Device scope type does not match\"" },
	  check_header_type },
	{ { "dmar.rmrr.reserved-memory", DMAR_SUITE, VT_SEV_MEDIUM, VT_NEEDS_PLATFORM,
	    "every RMRR lies in memory the firmware reports as reserved",
	    "VT-d 4.1 §8.4; Linux intel/iommu.c arch_rmrr_sanity_check()" },
	  check_rmrr_reserved },
	{ { "dmar.drhd.registers", DMAR_SUITE, VT_SEV_CRITICAL, VT_NEEDS_PLATFORM,
	    "each DRHD's capability registers answer (do not read all ones)",
	    "VT-d 4.1 §11.4.2-3; Linux dmar.c dmar_validate_one_drhd() \"returns all ones\"" },
	  check_registers },
	{ { "dmar.drhd.iommu-unit", DMAR_SUITE, VT_SEV_HIGH, VT_NEEDS_PLATFORM,
	    "the kernel registered one IOMMU unit per DRHD, at the same base",
	    "Linux intel/iommu.c intel_iommu_init(); /sys/class/iommu/dmar*/intel-iommu/address" },
	  check_iommu_unit },
	{ { "dmar.kernel.iommu-enabled", DMAR_SUITE, VT_SEV_HIGH, VT_NEEDS_PLATFORM,
	    "the kernel enabled DMA remapping for the DMAR the firmware reports",
	    "Linux Documentation/admin-guide/kernel-parameters.txt intel_iommu=" },
	  check_kernel_enabled },
	{ { "dmar.kernel.firmware-bugs", DMAR_SUITE, VT_SEV_MEDIUM, VT_NEEDS_PLATFORM,
	    "the kernel's VT-d code logged no \"[Firmware Bug]\" about this platform",
	    "Linux drivers/iommu/intel/dmar.c, irq_remapping.c (FW_BUG messages)" },
	  check_kernel_fw_bugs },
	{ { 0 }, 0 }
};
