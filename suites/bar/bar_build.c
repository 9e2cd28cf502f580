// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Building the bar view: every function's BARs, then the hazards of those
 * vfio-pci could be given (type 0 headers): pages (bar_pages.c), MSI-X
 * (bar_msix.c), large BARs and the database's entries (here). The helpers
 * each finder shares are in bar_view.c, below them all.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bar_findings.h"
#include "../../util/xalloc.h"

/*
 * A memory BAR this large is likely memory on the device. Only the guide's
 * hazard makes that matter, so it is a risk to look at, not a defect.
 */
static void find_large(struct bar_view *v, size_t i)
{
	const struct bar_fn *bf = &v->fns[i];
	char size[BAR_SIZE_TEXT];
	unsigned k;

	for (k = 0; k < bf->bars.n; k++) {
		const struct pci_bar *b = &bf->bars.b[k];
		struct vt_value *ev;
		int r;

		if (b->type != PCI_BAR_MEM || !b->size_known || b->size < BAR_INTERNAL_MEMORY_MIN)
			continue;
		ev = vt_value_object();
		vt_put_uint(ev, "bar", b->index);
		vt_put_uint(ev, "size", b->size);
		vt_put_bool(ev, "prefetchable", b->prefetchable);
		vt_put_bool(ev, "is64", b->is64);
		vt_put_uint(ev, "threshold", BAR_INTERNAL_MEMORY_MIN);
		r = bar_rebar_entry(bf, b->index);
		if (r >= 0)
			vt_put_uint(ev, "rebar_sizes", bf->rebar.e[r].sizes);
		bar_add_finding(v, i, BAR_INTERNAL_MEMORY, VT_WARN, b->index, ev,
				"possible internal-memory BAR: BAR%u is %s (%sprefetchable%s), more "
				"than register space; if the driver hands the device pointers "
				"computed from the BAR (guest BAR + offset), they miss in a guest "
				"unless the BAR is identity-mapped", b->index,
				bar_size_text(b->size, size, sizeof(size)),
				b->prefetchable ? "" : "non-", r >= 0 ? ", resizable" : "");
	}
}

static void find_known(struct bar_view *v, size_t i)
{
	const struct pci_fn *f = &v->m->fns[i];
	const struct bar_fn *bf = &v->fns[i];
	size_t e;

	for (e = 0; e < v->db.n; e++) {
		const struct bar_hazard *h = &v->db.v[e];
		struct vt_value *ev;

		if (!bar_hazard_matches(h, f) ||
		    (h->bar != BAR_HAZARD_ANY_BAR && !pci_bars_find(&bf->bars, (unsigned)h->bar)))
			continue;
		ev = vt_value_object();
		vt_put_str(ev, "entry", h->where);
		vt_put_str(ev, "fact", h->fact);
		vt_put_str(ev, "source", h->source);
		if (h->bar != BAR_HAZARD_ANY_BAR)
			vt_put_uint(ev, "bar", (uint64_t)h->bar);
		bar_add_finding(v, i, BAR_KNOWN_HAZARD, VT_WARN, h->bar, ev,
				"known hazard (%s): %s (source: %s)", h->where, h->fact, h->source);
	}
}

static int copy_db(struct bar_hazards *to, const struct bar_hazards *from)
{
	size_t i;

	for (i = 0; from && i < from->n; i++)
		if (bar_hazards_add(to, &from->v[i]))
			return -1;
	return 0;
}

int bar_view_build(struct bar_view *v, const struct pci_model *m,
		   const struct bar_hazards *extra, char *err, size_t size)
{
	size_t i;

	memset(v, 0, sizeof(*v));
	v->m = m;
	bar_hazards_init(&v->db);
	if (bar_hazards_parse(&v->db, BAR_HAZARDS_BUILTIN_NAME, bar_hazards_builtin,
			      bar_hazards_builtin_len, err, size)) {
		bar_hazards_free(&v->db);
		return -1;
	}
	if (copy_db(&v->db, extra)) {
		snprintf(err, size, "the hazard database: out of memory");
		bar_hazards_free(&v->db);
		return -1;
	}
	v->fns = xcalloc(m->n ? m->n : 1, sizeof(*v->fns));
	for (i = 0; i < m->n; i++) {
		const struct pci_fn *f = &m->fns[i];
		struct bar_fn *bf = &v->fns[i];

		pci_fn_bars(f, &bf->bars);
		bf->assignable = pci_fn_header_valid(f) &&
				 f->header_type == PCI_HEADER_TYPE_NORMAL;
		bf->has_msix = pci_fn_msix(f, &bf->msix);
		bf->has_rebar = pci_fn_rebar(f, &bf->rebar);
		if (!bf->assignable)
			continue;
		v->assignable++;
		v->unsized += !bf->bars.sizes_known;
	}
	bar_find_pages(v);
	for (i = 0; i < m->n; i++) {
		if (!v->fns[i].assignable)
			continue;
		bar_find_msix(v, i);
		find_large(v, i);
		find_known(v, i);
	}
	return 0;
}
