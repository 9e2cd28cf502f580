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
#include "../../ref/kernel_rules.h"
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

const struct vt_check groups_acs_override = {
	VT_CHECK("groups.acs-override", VT_SEV_MEDIUM, VT_NEED_CMDLINE,
		 "the kernel's groups are not widened by pcie_acs_override",
		 "out-of-tree patch \"pci: Enable overrides for missing ACS capabilities\""),
	.run = check_acs_override,
};

/* Linux device_rmrr_is_relaxable(): USB and graphics RMRRs may be ignored. */
static bool relaxable(const struct pci_fn *f)
{
	return f->class_code >> 8 == PCI_CLASS_SERIAL_USB ||
	       f->class_code >> 16 == PCI_CLASS_BASE_DISPLAY;
}

/* The refusal as the running kernel words it (ref/kernel_rules.h). */
static char *refusal(const struct groups_view *v)
{
	const struct kernel_rule *rule = &krule_rmrr_core_refusal;
	char since[16];
	int core = kernel_since_applies(&rule->since, &v->in.quirks.kernel);

	kernel_series_str(&rule->since.mainline, since, sizeof(since));
	if (core < 0)
		return xasprintf("Linux refuses to give it to VFIO (before %s: \"ineligible for "
				 "IOMMU domain attach due to platform RMRR requirement\"; from "
				 "%s: \"Firmware has requested this device have a 1:1 IOMMU "
				 "mapping\")", since, since);
	if (!core)
		return xstrdup("Linux refuses to attach it to a VFIO domain (-EPERM, "
			       "\"ineligible for IOMMU domain attach due to platform RMRR "
			       "requirement\")");
	return xasprintf("Linux refuses to claim its group for VFIO (-EINVAL, \"Firmware has "
			 "requested this device have a 1:1 IOMMU mapping\"; %s)", rule->function);
}

static void rmrr_locked(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct groups_view *v = GROUPS_VIEW(ctx);
	const struct dmar_table *t = &ctx->env->table;
	const struct pci_fn *f = it->fn;
	const struct dmar_struct *s;
	struct vt_result *r;
	char *why;
	long k;

	if (!pci_fn_header_valid(f) || (k = dmar_rmrr_for_device(t, v->m, f)) < 0)
		return;
	s = &t->structs[k];
	why = refusal(v);
	r = vt_expect(ctx, relaxable(f), VT_WARN, "an RMRR [0x%llx-0x%llx] binds it (class "
		      "0x%06x, neither USB nor graphics): %s, and with it its whole group",
		      (unsigned long long)s->u.rmrr.base, (unsigned long long)s->u.rmrr.limit,
		      f->class_code, why);
	vt_ev_uint(r, "rmrr_base", s->u.rmrr.base);
	groups_ev_kernel(r, v);
	free(why);
}

const struct vt_check groups_rmrr_locked = {
	VT_CHECK("groups.rmrr-locked", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_PCI,
		 "no device other than USB or graphics is bound by an RMRR (Linux refuses to "
		 "assign those)",
		 "VT-d 4.1 §8.4; Linux intel/iommu.c device_rmrr_is_relaxable(), iommu.c "
		 "require_direct"),
	.items = &vt_items_pci_functions, .judge = rmrr_locked,
	.none = "no device is named by an RMRR",
	.all = "%zu devices named by RMRRs, all USB or graphics (Linux relaxes those): none "
	       "is refused for assignment",
};

/* A kernel that shows no type (older ones, or "unknown") leaves the group unjudged. */
static void default_domain(struct vt_ctx *ctx, const struct vt_item *it)
{
	const char *type = it->group->type;

	if (!type[0] || !strcmp(type, "unknown"))
		return;
	if (!strcmp(type, "identity"))
		vt_ev_str(vt_verdict(ctx, VT_WARN, "default domain \"identity\": the host's DMA "
				     "for this group is not translated (iommu=pt or a driver's "
				     "choice); assigning it still works"), "type", type);
	else
		vt_ev_str(vt_expect(ctx, !strcmp(type, "DMA") || !strcmp(type, "DMA-FQ"),
				    VT_WARN, "default domain \"%s\"", type), "type", type);
}

const struct vt_check groups_default_domain = {
	VT_CHECK("groups.default-domain", VT_SEV_LOW, VT_NEED_GROUPS | VT_NEED_IOMMU_ON,
		 "every group's default domain translates DMA (DMA or DMA-FQ, not identity)",
		 "Linux iommu.c iommu_group_show_type(); iommu.passthrough="),
	.items = &vt_items_kernel_groups, .judge = default_domain,
	.none = "this kernel shows no group's default-domain type",
	.all = "%zu groups translate the host's DMA (DMA or DMA-FQ)",
};

static void acs_enabled(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct groups_view *v = GROUPS_VIEW(ctx);
	const struct pci_fn *f = it->fn;
	int t = pci_linux_port_type(v->m, f);
	uint16_t offered, off;
	struct pci_acs a;
	struct vt_result *r;

	if ((t != PCI_EXP_TYPE_ROOT_PORT && t != PCI_EXP_TYPE_DOWNSTREAM) ||
	    !v->translated[it->index] || !v->known[it->index] || !pci_fn_acs(f, &a))
		return;
	offered = a.cap & GROUP_REQ_ACS_FLAGS;
	off = offered & ~a.ctrl;
	r = vt_expect(ctx, !off, VT_WARN, "the port offers ACS 0x%04x but has 0x%04x enabled "
		      "(0x%04x left off): Linux enables SV, RR, CR and UF when an IOMMU asks "
		      "for ACS, unless pci=disable_acs_redir or pci=config_acs says otherwise",
		      offered, a.ctrl & GROUP_REQ_ACS_FLAGS, off);
	vt_ev_uint(r, "acs_cap", a.cap);
	vt_ev_uint(r, "acs_ctrl", a.ctrl);
}

const struct vt_check groups_acs_enabled = {
	VT_CHECK("groups.acs-enabled", VT_SEV_MEDIUM, VT_NEED_PCI | VT_NEED_IOMMU_ON,
		 "every port enables the ACS controls it offers that grouping relies on",
		 "PCIe 6.0 §7.7.8; Linux pci.c pci_std_enable_acs()"),
	.items = &vt_items_pci_functions, .judge = acs_enabled,
	.none = "no translated root or downstream port has an ACS capability",
	.all = "%zu ports enable every ACS control they offer of SV, RR, CR, UF",
};
