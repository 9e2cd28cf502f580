// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Device scopes against the PCI model (VT-d §8.3.1): each PCI scope must
 * name a present device of the right header type. A hop whose config
 * space could not be read makes that scope unknown (skip), never a fail.
 */
#include "dmar_suite.h"

static void no_config(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct pci_fn *f = it->res.fn;

	vt_verdict(ctx, VT_SKIP, "%04x:%02x:%02x.%u at path hop %u has no readable "
		   "configuration header (%s)", f->segment, f->bus, f->dev, f->fn, it->res.step,
		   f->cfg_why[0] ? f->cfg_why : "not read");
}

/*
 * An absent device is often one the firmware disabled or a hot-plug slot
 * (VT-d §8.3.5): worth a warning. A path that runs through a non-bridge
 * is simply wrong.
 */
static void device_present(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct scope_resolution *r = &it->res;
	const struct dmar_path *hop = &it->scope->path[r->step];
	bool through = r->status == SCOPE_NOT_BRIDGE;
	struct vt_result *res;

	switch (r->status) {
	case SCOPE_RESOLVED:
		vt_verdict(ctx, VT_PASS, "present");
		return;
	case SCOPE_NO_CONFIG:
		no_config(ctx, it);
		return;
	case SCOPE_NO_PATH:
		vt_verdict(ctx, VT_FAIL, "scope has no path entry");
		return;
	default:
		break;
	}
	res = vt_verdict(ctx, through ? VT_FAIL : VT_WARN, through ?
			 "path hop %u, %04x:%02x:%02x.%u, is not a bridge, yet the path goes on" :
			 "no device at path hop %u, %04x:%02x:%02x.%u", r->step, it->segment,
			 r->bus, hop->device, hop->function);
	vt_ev_uint(res, "segment", it->segment);
	vt_ev_uint(res, "bus", r->bus);
	vt_ev_uint(res, "device", hop->device);
	vt_ev_uint(res, "function", hop->function);
}

const struct vt_check dmar_scope_device_present = {
	VT_CHECK("dmar.scope.device-present", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_PCI,
		 "every PCI device scope names a device present in the PCI tree",
		 "VT-d 4.1 §8.3.1; Xen vtd/dmar.c \"Non-existent device\""),
	.items = &vt_items_pci_scopes, .judge = device_present,
	.none = "no PCI endpoint or sub-hierarchy scope",
	.all = "%zu PCI device scopes each name a present device",
};

/* A scope that leads nowhere is dmar.scope.device-present's. */
static void header_type(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct pci_fn *f = it->res.fn;
	struct vt_result *r;

	if (it->res.status == SCOPE_NO_CONFIG) {
		no_config(ctx, it);
		return;
	}
	if (it->res.status != SCOPE_RESOLVED)
		return;
	if (!pci_fn_header_valid(f)) {
		no_config(ctx, it);
		return;
	}
	r = vt_expect(ctx, dmar_scope_header_matches(it->scope, f), VT_FAIL,
		      "%s scope names %04x:%02x:%02x.%u, whose header type is %u (class 0x%06x)",
		      dmar_scope_type_name(it->scope->type), f->segment, f->bus, f->dev, f->fn,
		      f->header_type, f->class_code);
	vt_ev_uint(r, "header_type", f->header_type);
	vt_ev_uint(r, "class", f->class_code);
}

const struct vt_check dmar_scope_header_type = {
	VT_CHECK("dmar.scope.header-type", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_PCI,
		 "an endpoint scope names a type 0 function, a sub-hierarchy scope a bridge",
		 "VT-d 4.1 §8.3.1; Linux dmar.c dmar_insert_dev_scope() \"Device scope type does "
		 "not match\""),
	.items = &vt_items_pci_scopes, .judge = header_type,
	.none = "no device scope resolved to a present device",
	.all = "%zu present scope devices match their scope type",
};
