// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pages: the IOMMU, EPT and VFIO's mmap all work in 4 KiB pages, so a BAR
 * smaller than a page, or one whose page another function's BAR also
 * occupies, cannot be handed to a guest as its own.
 *
 * vfio-pci (drivers/vfio/pci/vfio_pci_core.c, vfio_pci_probe_mmaps()) mmaps
 * a memory BAR of a page or more; one smaller only when it starts a page
 * and the rest of that page can be reserved for it (a "vfio sub-page
 * reserved" resource): anything else in that page, or a start inside one,
 * leaves it not mmap-able, and every guest access then traps to the VMM.
 *
 * Every placed, sized memory BAR of every function is one page range; the
 * ranges are sorted and swept once (O(n log n)), each finding one range of
 * another function and one of any function that meets its pages.
 */
#include <stdlib.h>

#include "bar_findings.h"
#include "../../util/xalloc.h"

#define PAGE_MASK_LOW   (PCI_BAR_PAGE_SIZE - 1)
#define NONE            ((size_t)-1)

struct range {
	uint64_t lo, hi;            /* first and last page byte */
	size_t fn;
	const struct pci_bar *b;
	size_t other, any;          /* a range of another function / any range sharing a page */
};

static int by_lo(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static size_t collect(const struct bar_view *v, struct range **out)
{
	struct range *r = NULL;
	size_t n = 0, i;
	unsigned k;

	for (i = 0; i < v->m->n; i++)
		for (k = 0; k < v->fns[i].bars.n; k++) {
			const struct pci_bar *b = &v->fns[i].bars.b[k];

			if (b->type != PCI_BAR_MEM || !b->size_known || !b->size ||
			    !b->start_known || b->start + (b->size - 1) < b->start)
				continue;
			r = xgrow(r, n, sizeof(*r));
			r[n].lo = b->start & ~PAGE_MASK_LOW;
			r[n].hi = (b->start + (b->size - 1)) | PAGE_MASK_LOW;
			r[n].fn = i;
			r[n].b = b;
			r[n].other = r[n].any = NONE;
			n++;
		}
	*out = r;
	return n;
}

/* Fold range @k into the two ranges reaching furthest (best; best2 of another function). */
static void track(const struct range *r, size_t k, size_t *best, size_t *best2)
{
	if (*best == NONE || r[k].hi > r[*best].hi) {
		if (*best != NONE && r[*best].fn != r[k].fn)
			*best2 = *best;
		*best = k;
	} else if (r[k].fn != r[*best].fn && (*best2 == NONE || r[k].hi > r[*best2].hi)) {
		*best2 = k;
	}
}

/* The last range from @c on that starts at or before @hi (binary search). */
static size_t last_starting_by(const struct range *r, size_t n, size_t c, uint64_t hi)
{
	size_t lo = c, top = n;

	while (top - lo > 1) {
		size_t mid = lo + (top - lo) / 2;

		if (r[mid].lo <= hi)
			lo = mid;
		else
			top = mid;
	}
	return lo;
}

/*
 * In page order, each range meets the others either starting before it
 * (one of the two reaching furthest among those, best and best2, reaches
 * it) or starting inside it (a contiguous block of the sorted ranges: one
 * of another function is there iff the block's first is, or the first
 * range after it of another function is still inside). O(n log n).
 */
static void sweep(struct range *r, size_t n)
{
	size_t *next = xcalloc(n + 1, sizeof(*next)), c, k, group = 0, top;
	size_t best = NONE, best2 = NONE;

	for (c = n; c-- > 0;)
		next[c] = c + 1 >= n ? n : r[c + 1].fn != r[c].fn ? c + 1 : next[c + 1];
	for (c = 0; c < n; c++) {
		if (r[c].lo != r[group].lo) {
			for (k = group; k < c; k++)
				track(r, k, &best, &best2);
			group = c;
		}
		if (best != NONE && r[best].hi >= r[c].lo) {
			r[c].any = best;
			if (r[best].fn != r[c].fn)
				r[c].other = best;
			else if (best2 != NONE && r[best2].hi >= r[c].lo)
				r[c].other = best2;
		}
		top = last_starting_by(r, n, c, r[c].hi);
		if (r[c].any == NONE && (group != c || top > c))
			r[c].any = group != c ? group : c + 1;
		if (r[c].other == NONE) {
			if (r[group].fn != r[c].fn)
				r[c].other = group;
			else if (next[group] <= top)
				r[c].other = next[group];
		}
	}
	free(next);
}

static void put_bar(struct vt_value *ev, const char *prefix, const struct pci_bar *b)
{
	char key[32];

	snprintf(key, sizeof(key), "%sbar", prefix);
	vt_put_uint(ev, key, b->index);
	snprintf(key, sizeof(key), "%sstart", prefix);
	vt_put_uint(ev, key, b->start);
	snprintf(key, sizeof(key), "%ssize", prefix);
	vt_put_uint(ev, key, b->size);
}

static void sub_page(struct bar_view *v, const struct range *r, const struct range *all)
{
	const struct pci_bar *b = r->b;
	char size[BAR_SIZE_TEXT], other[16];
	struct vt_value *ev;

	if (b->size >= PCI_BAR_PAGE_SIZE)
		return;
	ev = vt_value_object();
	put_bar(ev, "", b);
	vt_put_uint(ev, "page_size", PCI_BAR_PAGE_SIZE);
	bar_size_text(b->size, size, sizeof(size));
	if (b->start & PAGE_MASK_LOW) {
		bar_add_finding(v, r->fn, BAR_SUB_PAGE, VT_WARN, b->index, ev,
				"BAR%u is %s at 0x%llx, inside a 4 KiB page rather than at its "
				"start: vfio-pci will not mmap it, so every guest access traps to "
				"the VMM", b->index, size, (unsigned long long)b->start);
		return;
	}
	if (r->any == NONE) {
		vt_value_free(ev);
		return;
	}
	put_bar(ev, "other_", all[r->any].b);
	vt_put_str(ev, "other", pci_fn_name(&v->m->fns[all[r->any].fn], other, sizeof(other)));
	bar_add_finding(v, r->fn, BAR_SUB_PAGE, VT_WARN, b->index, ev,
			"BAR%u is %s at 0x%llx and its page also holds %s BAR%u at 0x%llx: "
			"vfio-pci cannot reserve the rest of the page for it and will not mmap "
			"it, so every guest access traps to the VMM", b->index, size,
			(unsigned long long)b->start, other, all[r->any].b->index,
			(unsigned long long)all[r->any].b->start);
}

static void shared(struct bar_view *v, const struct range *r, const struct range *all)
{
	const struct range *o = &all[r->other];
	char other[16];
	struct vt_value *ev = vt_value_object();
	uint64_t page = (r->lo > o->lo ? r->lo : o->lo);

	put_bar(ev, "", r->b);
	vt_put_str(ev, "other", pci_fn_name(&v->m->fns[o->fn], other, sizeof(other)));
	put_bar(ev, "other_", o->b);
	vt_put_uint(ev, "page", page);
	bar_add_finding(v, r->fn, BAR_PAGE_SHARED, VT_WARN, r->b->index, ev,
			"BAR%u [0x%llx-0x%llx] shares the 4 KiB page at 0x%llx with %s BAR%u "
			"[0x%llx-0x%llx]: page-granular IOMMU and EPT mappings cannot give it to "
			"one guest without the other", r->b->index,
			(unsigned long long)r->b->start,
			(unsigned long long)(r->b->start + r->b->size - 1),
			(unsigned long long)page, other, o->b->index,
			(unsigned long long)o->b->start,
			(unsigned long long)(o->b->start + o->b->size - 1));
}

void bar_find_pages(struct bar_view *v)
{
	struct range *r;
	size_t n = collect(v, &r), i;

	if (n)
		qsort(r, n, sizeof(*r), by_lo);
	sweep(r, n);
	for (i = 0; i < n; i++) {
		if (!v->fns[r[i].fn].assignable || r[i].b->index >= PCI_STD_NUM_BARS)
			continue;
		sub_page(v, &r[i], r);
		if (r[i].other != NONE)
			shared(v, &r[i], r);
	}
	free(r);
}
