// SPDX-License-Identifier: GPL-2.0-or-later
#include "dmar_scope.h"
#include "dmar_index.h"

void dmar_scope_resolve(const struct dmar_scope *sc, uint16_t segment,
			const struct pci_model *t, struct scope_resolution *r)
{
	uint8_t bus = sc->start_bus;
	unsigned i;

	r->fn = NULL;
	r->step = 0;
	r->bus = bus;
	if (!sc->npath) {
		r->status = SCOPE_NO_PATH;
		return;
	}
	for (i = 0; i < sc->npath; i++) {
		const struct pci_fn *f = pci_model_find(t, segment, bus, sc->path[i].device,
						  sc->path[i].function);

		r->step = i;
		r->bus = bus;
		if (!f) {
			r->status = SCOPE_NOT_FOUND;
			return;
		}
		if (i + 1 < sc->npath) {
			if (!pci_fn_header_valid(f)) {
				r->fn = f;
				r->status = SCOPE_NO_CONFIG;
				return;
			}
			if (!pci_fn_is_bridge(f)) {
				r->fn = f;
				r->status = SCOPE_NOT_BRIDGE;
				return;
			}
			bus = f->secondary_bus;
		}
		r->fn = f;
	}
	r->status = SCOPE_RESOLVED;
}

bool dmar_scope_header_matches(const struct dmar_scope *sc, const struct pci_fn *f)
{
	switch (sc->type) {
	case SCOPE_TYPE_ENDPOINT:
		return f->header_type == PCI_HEADER_TYPE_NORMAL;
	case SCOPE_TYPE_BRIDGE:
		return f->header_type != PCI_HEADER_TYPE_NORMAL ||
		       (f->class_code >> 16) == PCI_CLASS_BASE_BRIDGE;
	}
	return true;
}

bool dmar_scope_covers(const struct dmar_scope *sc, uint16_t segment,
			 const struct pci_model *m, const struct pci_fn *f)
{
	struct scope_resolution r;

	if (sc->type != SCOPE_TYPE_ENDPOINT && sc->type != SCOPE_TYPE_BRIDGE)
		return false;
	dmar_scope_resolve(sc, segment, m, &r);
	if (r.status != SCOPE_RESOLVED)
		return false;
	if (r.fn == f)
		return true;
	/* is_downstream_to_pci_bridge(): secondary <= bus <= subordinate */
	return sc->type == SCOPE_TYPE_BRIDGE && pci_fn_is_bridge(r.fn) &&
	       r.fn->secondary_bus && f->bus >= r.fn->secondary_bus &&
	       f->bus <= r.fn->subordinate_bus;
}

long dmar_drhd_for_device(const struct dmar_table *t, const struct pci_model *m,
			  const struct pci_fn *f)
{
	long all = -1;
	size_t i, k;

	for (i = 0; i < t->nstructs; i++) {
		const struct dmar_struct *s = &t->structs[i];

		if (s->type != DMAR_TYPE_DRHD || s->truncated || s->u.drhd.segment != f->segment)
			continue;
		if (s->u.drhd.flags & DRHD_FLAG_INCLUDE_PCI_ALL) {
			all = (long)i;
			continue;
		}
		for (k = 0; k < s->nscopes; k++)
			if (dmar_scope_covers(&s->scopes[k], s->u.drhd.segment, m, f))
				return (long)i;
	}
	return all;
}

long dmar_rmrr_for_device(const struct dmar_table *t, const struct pci_model *m,
			  const struct pci_fn *f)
{
	size_t i, k;

	for (i = 0; i < t->nstructs; i++) {
		const struct dmar_struct *s = &t->structs[i];

		if (s->type != DMAR_TYPE_RMRR || s->truncated || s->u.rmrr.segment != f->segment)
			continue;
		for (k = 0; k < s->nscopes; k++)
			if (dmar_scope_covers(&s->scopes[k], s->u.rmrr.segment, m, f))
				return (long)i;
	}
	return -1;
}

bool dmar_drhd_graphics_only(const struct dmar_struct *s, const struct pci_model *m)
{
	struct scope_resolution r;
	size_t k, n = 0;

	if (s->u.drhd.flags & DRHD_FLAG_INCLUDE_PCI_ALL)
		return false;
	for (k = 0; k < s->nscopes; k++) {
		if (s->scopes[k].type != SCOPE_TYPE_ENDPOINT &&
		    s->scopes[k].type != SCOPE_TYPE_BRIDGE)
			continue;
		dmar_scope_resolve(&s->scopes[k], s->u.drhd.segment, m, &r);
		if (r.status != SCOPE_RESOLVED || r.fn->class_code >> 16 != PCI_CLASS_BASE_DISPLAY)
			return false;
		n++;
	}
	return n > 0;
}

long dmar_ir_scope_drhd(const struct dmar_table *t, uint8_t type, uint8_t id)
{
	size_t i, k;

	for (i = 0; i < t->nstructs; i++) {
		const struct dmar_struct *s = &t->structs[i];

		if (!dmar_drhd_usable(s))
			continue;
		for (k = 0; k < s->nscopes; k++)
			if (s->scopes[k].type == type && s->scopes[k].enumeration_id == id)
				return (long)i;
	}
	return -1;
}
