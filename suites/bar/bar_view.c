// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bar view: every function's BARs, then the hazards of those vfio-pci
 * could be given (type 0 headers): pages (bar_pages.c), MSI-X (bar_msix.c),
 * large BARs and the database's entries (here).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bar_findings.h"
#include "../../util/xalloc.h"

#define REBAR_UNIT      (1ull << 20)     /* PCIe §7.8.6.2: bit n is 1 MiB << n */
#define SIZE_TEXT_MIN   16

static const char *const kind_ids[BAR_KIND_COUNT] = {
	[BAR_SUB_PAGE] = "bar.sub-page",
	[BAR_PAGE_SHARED] = "bar.page-shared",
	[BAR_MSIX_PAGE] = "bar.msix-page",
	[BAR_INTERNAL_MEMORY] = "bar.internal-memory",
	[BAR_KNOWN_HAZARD] = "bar.known-hazard",
};

const char *bar_kind_id(enum bar_kind k)
{
	return kind_ids[k];
}

char *bar_size_text(uint64_t size, char *buf, size_t n)
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB" };
	unsigned u = 0;
	uint64_t s = size;

	/* Whole units only: a BAR's size is a power of two. */
	while (u + 1 < sizeof(units) / sizeof(units[0]) && s >= 1024 && !(s % 1024)) {
		s /= 1024;
		u++;
	}
	snprintf(buf, n, "%llu %s", (unsigned long long)s, units[u]);
	return buf;
}

uint64_t bar_rebar_size(unsigned bit)
{
	return REBAR_UNIT << bit;
}

int bar_rebar_entry(const struct bar_fn *bf, unsigned index)
{
	unsigned i;

	for (i = 0; bf->has_rebar && i < bf->rebar.n; i++)
		if (bf->rebar.e[i].bar == index)
			return (int)i;
	return -1;
}

size_t bar_view_count(const struct bar_view *v, size_t i, enum bar_kind k)
{
	size_t j, n = 0;

	for (j = 0; j < v->fns[i].nf; j++)
		n += v->fns[i].f[j].kind == k;
	return n;
}

void bar_add_finding(struct bar_view *v, size_t i, enum bar_kind k, enum vt_status st,
		     int bar, struct vt_value *ev, const char *fmt, ...)
{
	struct bar_fn *bf = &v->fns[i];
	struct bar_finding *f;
	va_list ap;

	bf->f = xgrow(bf->f, bf->nf, sizeof(*bf->f));
	f = &bf->f[bf->nf++];
	f->kind = k;
	f->status = st;
	f->bar = bar;
	f->ev = ev ? ev : vt_value_object();
	va_start(ap, fmt);
	f->message = xvasprintf(fmt, ap);
	va_end(ap);
}

/*
 * A memory BAR this large is likely memory on the device. Only the guide's
 * hazard makes that matter, so it is a risk to look at, not a defect.
 */
static void find_large(struct bar_view *v, size_t i)
{
	const struct bar_fn *bf = &v->fns[i];
	char size[SIZE_TEXT_MIN];
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

void bar_view_free(struct bar_view *v)
{
	size_t i, k;

	for (i = 0; v->fns && i < v->m->n; i++) {
		for (k = 0; k < v->fns[i].nf; k++) {
			free(v->fns[i].f[k].message);
			vt_value_free(v->fns[i].f[k].ev);
		}
		free(v->fns[i].f);
	}
	free(v->fns);
	bar_hazards_free(&v->db);
	memset(v, 0, sizeof(*v));
}
