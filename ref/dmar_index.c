// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "dmar_index.h"

static int cmp_key(const void *a, const void *b)
{
	const struct dmar_key *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/* The first row at or after (@key, @index), in @n sorted rows. */
static size_t lower_bound(const struct dmar_key *v, size_t n, uint64_t key, size_t index)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].key < key || (v[mid].key == key && v[mid].index < index))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The index of the first row with @key from (@key, @from) on, or DMAR_NO_STRUCT. */
static long find(const struct dmar_key *v, size_t n, uint64_t key, size_t from)
{
	size_t i = lower_bound(v, n, key, from);

	return i < n && v[i].key == key ? (long)v[i].index : DMAR_NO_STRUCT;
}

/*
 * Per structure, the ordinal among its type. Unknown types are as many as
 * 65536, so the count goes over the structures sorted by (type, index).
 */
static int ordinals(const struct dmar_table *t, size_t *out)
{
	struct dmar_key *v = malloc((t->nstructs ? t->nstructs : 1) * sizeof(*v));
	size_t i;

	if (!v)
		return -1;
	for (i = 0; i < t->nstructs; i++) {
		v[i].key = t->structs[i].type;
		v[i].index = i;
	}
	qsort(v, t->nstructs, sizeof(*v), cmp_key);
	for (i = 0; i < t->nstructs; i++)
		out[v[i].index] = i && v[i - 1].key == v[i].key ? out[v[i - 1].index] + 1 : 0;
	free(v);
	return 0;
}

/*
 * VT-d §8.2: structures come in numerical type order. Each known type is
 * compared with the highest known type before it (the latest of that
 * type); unknown (future) types have no place in the order.
 */
static void type_order(const struct dmar_table *t, long *out)
{
	long last = DMAR_NO_STRUCT;
	size_t i;

	for (i = 0; i < t->nstructs; i++) {
		uint16_t type = t->structs[i].type;

		out[i] = DMAR_NO_STRUCT;
		if (type >= DMAR_TYPE_COUNT)
			continue;
		if (last != DMAR_NO_STRUCT && type < t->structs[last].type)
			out[i] = last;
		else
			last = (long)i;
	}
}

static void enumeration_ids(struct dmar_index *x)
{
	const struct dmar_table *t = x->t;
	size_t i, k;

	for (i = 0; i < t->nstructs; i++) {
		const struct dmar_struct *s = &t->structs[i];

		if (dmar_is(s, DMAR_TYPE_ANDD))
			x->andd[s->u.andd.device_number] = true;
		/* Only a DRHD puts a namespace device under a unit (Linux dmar.c). */
		for (k = 0; s->type == DMAR_TYPE_DRHD && k < s->nscopes; k++)
			if (s->scopes[k].type == SCOPE_TYPE_NAMESPACE)
				x->drhd_ns[s->scopes[k].enumeration_id] = true;
	}
}

static void add_key(struct dmar_key *v, size_t *n, uint64_t key, size_t index)
{
	v[*n].key = key;
	v[*n].index = index;
	(*n)++;
}

int dmar_index_build(const struct dmar_table *t, struct dmar_index *x)
{
	size_t n = t->nstructs ? t->nstructs : 1, i, nseg = 0;

	memset(x, 0, sizeof(*x));
	x->t = t;
	x->ordinal = malloc(n * sizeof(*x->ordinal));
	x->out_of_order = malloc(n * sizeof(*x->out_of_order));
	x->drhd_base = malloc(n * sizeof(*x->drhd_base));
	x->drhd_seg = malloc(n * sizeof(*x->drhd_seg));
	x->all_seg = malloc(n * sizeof(*x->all_seg));
	if (!x->ordinal || !x->out_of_order || !x->drhd_base || !x->drhd_seg || !x->all_seg ||
	    ordinals(t, x->ordinal)) {
		dmar_index_free(x);
		return -1;
	}
	type_order(t, x->out_of_order);
	for (i = 0; i < t->nstructs; i++) {
		const struct dmar_struct *s = &t->structs[i];

		if (!dmar_is(s, DMAR_TYPE_DRHD))
			continue;
		add_key(x->drhd_base, &x->ndrhd, s->u.drhd.register_base, i);
		add_key(x->drhd_seg, &nseg, s->u.drhd.segment, i);
		if (dmar_drhd_include_all(s))
			add_key(x->all_seg, &x->nall, s->u.drhd.segment, i);
	}
	qsort(x->drhd_base, x->ndrhd, sizeof(*x->drhd_base), cmp_key);
	qsort(x->drhd_seg, x->ndrhd, sizeof(*x->drhd_seg), cmp_key);
	qsort(x->all_seg, x->nall, sizeof(*x->all_seg), cmp_key);
	enumeration_ids(x);
	return 0;
}

void dmar_index_free(struct dmar_index *x)
{
	free(x->ordinal);
	free(x->out_of_order);
	free(x->drhd_base);
	free(x->drhd_seg);
	free(x->all_seg);
	memset(x, 0, sizeof(*x));
}

bool dmar_rmrrs_overlap(const struct dmar_struct *a, const struct dmar_struct *b)
{
	return a->u.rmrr.segment == b->u.rmrr.segment &&
	       a->u.rmrr.base <= b->u.rmrr.limit && b->u.rmrr.base <= a->u.rmrr.limit;
}

long dmar_drhd_with_base(const struct dmar_index *x, uint64_t base)
{
	return find(x->drhd_base, x->ndrhd, base, 0);
}

long dmar_drhd_of_segment(const struct dmar_index *x, uint16_t segment)
{
	return find(x->drhd_seg, x->ndrhd, segment, 0);
}

long dmar_drhd_of_segment_after(const struct dmar_index *x, uint16_t segment, size_t after)
{
	return find(x->drhd_seg, x->ndrhd, segment, after + 1);
}

long dmar_include_all_of_segment(const struct dmar_index *x, uint16_t segment)
{
	return find(x->all_seg, x->nall, segment, 0);
}

size_t dmar_count(const struct dmar_table *t, uint16_t type)
{
	size_t i, n = 0;

	for (i = 0; i < t->nstructs; i++)
		n += dmar_is(&t->structs[i], type);
	return n;
}
