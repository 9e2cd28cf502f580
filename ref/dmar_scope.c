// SPDX-License-Identifier: GPL-2.0-or-later
#include "dmar_scope.h"

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
