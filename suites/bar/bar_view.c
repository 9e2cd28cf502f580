// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bar view's shared helpers: kinds by ID, sizes for people, Resizable
 * BAR entries, findings recorded; built by bar_build.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bar_findings.h"
#include "../../util/xalloc.h"

#define REBAR_UNIT      (1ull << 20)     /* PCIe §7.8.6.2: bit n is 1 MiB << n */

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
