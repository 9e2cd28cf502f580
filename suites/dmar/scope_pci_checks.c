// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Device scopes against the PCI model (VT-d §8.3.1): each PCI scope must
 * name a present device of the right header type. A hop whose config
 * space could not be read makes that scope unknown (skip), never a fail.
 */
#include <stdlib.h>

#include "dmar_suite.h"
#include "../../ref/dmar_scope.h"
#include "../../util/xalloc.h"

static bool is_pci_scope(const struct dmar_scope *sc)
{
	return sc->type == SCOPE_TYPE_ENDPOINT || sc->type == SCOPE_TYPE_BRIDGE;
}

/* One resolved PCI device scope, as the scope checks see it. */
struct pci_scope_visit {
	size_t si, sci;             /* structure and scope index */
	uint16_t segment;
	const struct dmar_scope *sc;
	struct scope_resolution r;
};

enum verdict { SCOPE_OK, SCOPE_BAD, SCOPE_SKIPPED, SCOPE_IGNORED };

struct scope_tally {
	size_t bad, seen, unknown;
};

/* Resolve every PCI scope of every structure that names a segment; tally @visit. */
static void for_each_pci_scope(struct vt_ctx *ctx,
			       enum verdict (*visit)(struct vt_ctx *,
						     const struct pci_scope_visit *),
			       struct scope_tally *t)
{
	const struct pci_model *pci = &ctx->env->pci;
	struct pci_scope_visit v;

	t->bad = t->seen = t->unknown = 0;
	for (v.si = 0; v.si < DMAR_T(ctx)->nstructs; v.si++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[v.si];

		if (!dmar_struct_segment(s, &v.segment))
			continue;
		for (v.sci = 0; v.sci < s->nscopes; v.sci++) {
			v.sc = &s->scopes[v.sci];
			if (!is_pci_scope(v.sc))
				continue;
			dmar_scope_resolve(v.sc, v.segment, pci, &v.r);
			switch (visit(ctx, &v)) {
			case SCOPE_BAD: t->bad++; t->seen++; break;
			case SCOPE_OK: t->seen++; break;
			case SCOPE_SKIPPED: t->unknown++; break;
			case SCOPE_IGNORED: break;
			}
		}
	}
}

/*
 * Pass over what was seen unless something failed (@pass has one %zu, the
 * count); say so when some scopes could not be followed.
 */
static void conclude(struct vt_ctx *ctx, const struct scope_tally *t, const char *none,
		     const char *pass)
{
	struct vt_result *r;

	if (t->bad)
		return;
	if (!t->seen && !t->unknown) {
		vt_skip(ctx, NULL, "%s", none);
		return;
	}
	if (!t->seen)
		return;             /* every scope was reported as a skip */
	r = vt_pass(ctx, NULL, pass, t->seen);
	if (t->unknown) {
		char *more = xasprintf("%s; %zu could not be followed", r->message, t->unknown);

		free(r->message);
		r->message = more;
	}
}

static enum verdict no_config(struct vt_ctx *ctx, const struct pci_scope_visit *v)
{
	const struct pci_fn *f = v->r.fn;

	dmar_report_scope(ctx, VT_SKIP, v->si, v->sci,
			  "%04x:%02x:%02x.%u at path hop %u has no readable "
			  "configuration header (%s)", f->segment, f->bus, f->dev, f->fn,
			  v->r.step, f->cfg_why[0] ? f->cfg_why : "not read");
	return SCOPE_SKIPPED;
}

static enum verdict visit_present(struct vt_ctx *ctx, const struct pci_scope_visit *v)
{
	const struct dmar_path *hop = &v->sc->path[v->r.step];
	struct vt_result *res;

	switch (v->r.status) {
	case SCOPE_RESOLVED:
		return SCOPE_OK;
	case SCOPE_NO_CONFIG:
		return no_config(ctx, v);
	case SCOPE_NO_PATH:
		dmar_report_scope(ctx, VT_FAIL, v->si, v->sci, "scope has no path entry");
		return SCOPE_BAD;
	default:
		break;
	}
	/*
	 * An absent device is often one the firmware disabled or a hot-plug
	 * slot (VT-d §8.3.5): worth a warning. A path that runs through a
	 * non-bridge is simply wrong.
	 */
	res = dmar_report_scope(ctx, v->r.status == SCOPE_NOT_BRIDGE ? VT_FAIL : VT_WARN,
		v->si, v->sci, v->r.status == SCOPE_NOT_BRIDGE ?
		"path hop %u, %04x:%02x:%02x.%u, is not a bridge, yet the path goes on" :
		"no device at path hop %u, %04x:%02x:%02x.%u",
		v->r.step, v->segment, v->r.bus, hop->device, hop->function);
	vt_ev_uint(res, "segment", v->segment);
	vt_ev_uint(res, "bus", v->r.bus);
	vt_ev_uint(res, "device", hop->device);
	vt_ev_uint(res, "function", hop->function);
	return SCOPE_BAD;
}

static void check_device_present(struct vt_ctx *ctx)
{
	struct scope_tally t;

	for_each_pci_scope(ctx, visit_present, &t);
	conclude(ctx, &t, "no PCI endpoint or sub-hierarchy scope",
		 "%zu PCI device scopes each name a present device");
}

static enum verdict visit_header(struct vt_ctx *ctx, const struct pci_scope_visit *v)
{
	const struct pci_fn *f = v->r.fn;
	struct vt_result *res;

	if (v->r.status == SCOPE_NO_CONFIG)
		return SCOPE_SKIPPED;           /* device-present says why */
	if (v->r.status != SCOPE_RESOLVED)
		return SCOPE_IGNORED;           /* dmar.scope.device-present speaks for it */
	if (!pci_fn_header_valid(f))
		return no_config(ctx, v);
	if (dmar_scope_header_matches(v->sc, f))
		return SCOPE_OK;
	res = dmar_report_scope(ctx, VT_FAIL, v->si, v->sci,
		"%s scope names %04x:%02x:%02x.%u, whose header type is %u "
		"(class 0x%06x)", dmar_scope_type_name(v->sc->type),
		f->segment, f->bus, f->dev, f->fn, f->header_type, f->class_code);
	vt_ev_uint(res, "header_type", f->header_type);
	vt_ev_uint(res, "class", f->class_code);
	return SCOPE_BAD;
}

static void check_header_type(struct vt_ctx *ctx)
{
	struct scope_tally t;

	for_each_pci_scope(ctx, visit_header, &t);
	conclude(ctx, &t, "no device scope resolved to a present device",
		 "%zu present scope devices match their scope type");
}

const struct vt_check dmar_scope_pci_checks[] = {
	{ { "dmar.scope.device-present", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_PCI,
	    "every PCI device scope names a device present in the PCI tree",
	    "VT-d 4.1 §8.3.1; Xen vtd/dmar.c \"Non-existent device\"" },
	  check_device_present },
	{ { "dmar.scope.header-type", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_PCI,
	    "an endpoint scope names a type 0 function, a sub-hierarchy scope a bridge",
	    "VT-d 4.1 §8.3.1; Linux dmar.c dmar_insert_dev_scope() \"Device scope type does not match\"" },
	  check_header_type },
	{ { 0 }, 0 }
};
