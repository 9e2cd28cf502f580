// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What to know before trusting the groups: an ACS override on the command
 * line, devices an RMRR binds, the groups' default domain, and ACS the
 * ports offer that the kernel left off.
 */
#include <stdlib.h>
#include <string.h>

#include "groups_suite.h"
#include "../../ref/dmar.h"
#include "../../ref/dmar_scope.h"
#include "../../ref/pci_caps.h"
#include "../../util/xalloc.h"

static void check_acs_override(struct vt_ctx *ctx)
{
	const char *cmdline = ctx->env->cmdline;
	const char *p = strstr(cmdline, "pcie_acs_override=");
	struct vt_result *r;

	if (!p || (p != cmdline && p[-1] != ' ')) {
		vt_pass(ctx, "/proc/cmdline", "no pcie_acs_override on the command line");
		return;
	}
	r = vt_warn(ctx, "/proc/cmdline", "%.*s: an out-of-tree patch makes the kernel take "
		    "devices as isolated that the hardware does not isolate; its groups no "
		    "longer mean isolation", (int)strcspn(p, " \n"), p);
	vt_ev_str(r, "cmdline", cmdline);
}

/* Linux device_rmrr_is_relaxable(): USB and graphics RMRRs may be ignored. */
static bool relaxable(const struct pci_fn *f)
{
	return f->class_code >> 8 == PCI_CLASS_SERIAL_USB ||
	       f->class_code >> 16 == PCI_CLASS_BASE_DISPLAY;
}

static bool rmrr_covers(const struct dmar_struct *s, const struct pci_model *m,
			const struct pci_fn *f)
{
	struct scope_resolution r;
	size_t k;

	for (k = 0; k < s->nscopes; k++) {
		const struct dmar_scope *sc = &s->scopes[k];

		if (sc->type != SCOPE_TYPE_ENDPOINT && sc->type != SCOPE_TYPE_BRIDGE)
			continue;
		dmar_scope_resolve(sc, s->u.rmrr.segment, m, &r);
		if (r.status != SCOPE_RESOLVED)
			continue;
		if (r.fn == f || (sc->type == SCOPE_TYPE_BRIDGE && r.fn->secondary_bus &&
				  f->bus >= r.fn->secondary_bus && f->bus <= r.fn->subordinate_bus))
			return true;
	}
	return false;
}

/* The refusal as the kernel words it: 6.1 at attach, 6.6 and later at claim. */
static const char *refusal(const struct groups_view *v)
{
	static const struct kernel_version core = { 6, 6, 0 };

	if (!kernel_version_known(&v->in.quirks.kernel))
		return "Linux refuses to give it to VFIO (before 6.6: \"ineligible for IOMMU "
		       "domain attach due to platform RMRR requirement\"; from 6.6: \"Firmware "
		       "has requested this device have a 1:1 IOMMU mapping\")";
	if (kernel_version_cmp(&v->in.quirks.kernel, &core) < 0)
		return "Linux refuses to attach it to a VFIO domain (-EPERM, \"ineligible for "
		       "IOMMU domain attach due to platform RMRR requirement\")";
	return "Linux refuses to claim its group for VFIO (-EINVAL, \"Firmware has requested "
	       "this device have a 1:1 IOMMU mapping\")";
}

static void check_rmrr_locked(struct vt_ctx *ctx)
{
	const struct groups_view *v = GROUPS_VIEW(ctx);
	struct dmar_table t;
	size_t i, k, locked = 0, bound = 0;

	if (dmar_decode(ctx->env->dmar.data, ctx->env->dmar.len, &t) != DMAR_OK) {
		vt_skip(ctx, NULL, "the DMAR table does not decode (see the dmar suite)");
		return;
	}
	for (i = 0; i < v->m->n; i++) {
		const struct pci_fn *f = &v->m->fns[i];
		const struct dmar_struct *s = NULL;
		char *subject;
		struct vt_result *r;

		if (!pci_fn_header_valid(f))
			continue;
		for (k = 0; k < t.nstructs && !s; k++)
			if (t.structs[k].type == DMAR_TYPE_RMRR && !t.structs[k].truncated &&
			    t.structs[k].u.rmrr.segment == f->segment &&
			    rmrr_covers(&t.structs[k], v->m, f))
				s = &t.structs[k];
		if (!s)
			continue;
		bound++;
		if (relaxable(f))
			continue;
		locked++;
		subject = groups_fn_subject(v, (long)i);
		r = vt_warn(ctx, subject, "an RMRR [0x%llx-0x%llx] binds it (class 0x%06x, "
			    "neither USB nor graphics): %s, and with it its whole group",
			    (unsigned long long)s->u.rmrr.base,
			    (unsigned long long)s->u.rmrr.limit, f->class_code, refusal(v));
		vt_ev_uint(r, "rmrr_base", s->u.rmrr.base);
		groups_ev_kernel(r, v);
		free(subject);
	}
	dmar_free(&t);
	if (!locked)
		vt_pass(ctx, NULL, "%zu devices named by RMRRs, all USB or graphics (Linux "
			"relaxes those): none is refused for assignment", bound);
}

static void check_default_domain(struct vt_ctx *ctx)
{
	const struct vt_env *env = ctx->env;
	size_t i, dma = 0, unknown = 0;

	for (i = 0; i < env->ngroups; i++) {
		const struct iommu_group *g = &env->groups[i];
		char *subject = xasprintf("/sys/kernel/iommu_groups/%ld", g->id);

		if (!g->type[0] || !strcmp(g->type, "unknown")) {
			unknown++;
		} else if (!strcmp(g->type, "DMA") || !strcmp(g->type, "DMA-FQ")) {
			dma++;
		} else if (!strcmp(g->type, "identity")) {
			vt_ev_str(vt_warn(ctx, subject, "default domain \"identity\": the host's "
					  "DMA for this group is not translated (iommu=pt or "
					  "a driver's choice); assigning it still works"),
				  "type", g->type);
		} else {
			vt_ev_str(vt_warn(ctx, subject, "default domain \"%s\"", g->type),
				  "type", g->type);
		}
		free(subject);
	}
	if (dma + unknown == env->ngroups)
		vt_pass(ctx, "/sys/kernel/iommu_groups", "%zu groups translate the host's DMA "
			"(DMA or DMA-FQ)%s", dma, unknown ? "; the type of the others is not "
			"shown by this kernel" : "");
}

static void check_acs_enabled(struct vt_ctx *ctx)
{
	const struct groups_view *v = GROUPS_VIEW(ctx);
	size_t i, ports = 0, bad = 0;

	for (i = 0; i < v->m->n; i++) {
		const struct pci_fn *f = &v->m->fns[i];
		int t = pci_linux_port_type(v->m, f);
		uint16_t offered, off;
		struct pci_acs a;
		char *subject;
		struct vt_result *r;

		if ((t != PCI_EXP_TYPE_ROOT_PORT && t != PCI_EXP_TYPE_DOWNSTREAM) ||
		    !v->translated[i] || !v->known[i] || !pci_fn_acs(f, &a))
			continue;
		ports++;
		offered = a.cap & GROUP_REQ_ACS_FLAGS;
		off = offered & ~a.ctrl;
		if (!off)
			continue;
		bad++;
		subject = groups_fn_subject(v, (long)i);
		r = vt_warn(ctx, subject, "the port offers ACS 0x%04x but has 0x%04x enabled "
			    "(0x%04x left off): Linux enables SV, RR, CR and UF when an IOMMU "
			    "asks for ACS, unless pci=disable_acs_redir or pci=config_acs says "
			    "otherwise", offered, a.ctrl & GROUP_REQ_ACS_FLAGS, off);
		vt_ev_uint(r, "acs_cap", a.cap);
		vt_ev_uint(r, "acs_ctrl", a.ctrl);
		free(subject);
	}
	if (bad)
		return;
	if (!ports)
		vt_skip(ctx, NULL, "no translated root or downstream port has an ACS capability");
	else
		vt_pass(ctx, NULL, "%zu ports enable every ACS control they offer of SV, RR, "
			"CR, UF", ports);
}

const struct vt_check groups_warning_checks[] = {
	{ { "groups.acs-override", VT_SEV_MEDIUM, VT_NEED_CMDLINE,
	    "the kernel's groups are not widened by pcie_acs_override",
	    "out-of-tree patch \"pci: Enable overrides for missing ACS capabilities\"" },
	  check_acs_override },
	{ { "groups.rmrr-locked", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_PCI,
	    "no device other than USB or graphics is bound by an RMRR (Linux refuses to assign those)",
	    "VT-d 4.1 §8.4; Linux intel/iommu.c device_rmrr_is_relaxable(), iommu.c require_direct" },
	  check_rmrr_locked },
	{ { "groups.default-domain", VT_SEV_LOW, VT_NEED_GROUPS | VT_NEED_IOMMU_ON,
	    "every group's default domain translates DMA (DMA or DMA-FQ, not identity)",
	    "Linux iommu.c iommu_group_show_type(); iommu.passthrough=" },
	  check_default_domain },
	{ { "groups.acs-enabled", VT_SEV_MEDIUM, VT_NEED_PCI | VT_NEED_IOMMU_ON,
	    "every port enables the ACS controls it offers that grouping relies on",
	    "PCIe 6.0 §7.7.8; Linux pci.c pci_std_enable_acs()" },
	  check_acs_enabled },
	{ { 0 }, 0 }
};
