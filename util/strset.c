// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strset.h"
#include "xalloc.h"

#define STRSET_MIN 64

static uint64_t hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
	return h;
}

/* The slot holding @s, or the empty one where it would go. */
static size_t find(const struct strset *set, const char *s)
{
	size_t i = (size_t)hash(s) & (set->cap - 1);

	while (set->slot[i] && strcmp(set->slot[i], s))
		i = (i + 1) & (set->cap - 1);
	return i;
}

/* Keep the table at most half full: doubling keeps adds O(1) amortised. */
static void grow(struct strset *set)
{
	struct strset bigger = { 0 };
	size_t i;

	bigger.cap = set->cap ? set->cap * 2 : STRSET_MIN;
	bigger.slot = xcalloc(bigger.cap, sizeof(*bigger.slot));
	for (i = 0; i < set->cap; i++)
		if (set->slot[i])
			bigger.slot[find(&bigger, set->slot[i])] = set->slot[i];
	bigger.n = set->n;
	free(set->slot);
	*set = bigger;
}

bool strset_add(struct strset *set, const char *s)
{
	size_t i;

	if (2 * (set->n + 1) > set->cap)
		grow(set);
	i = find(set, s);
	if (set->slot[i])
		return false;
	set->slot[i] = xstrdup(s);
	set->n++;
	return true;
}

bool strset_has(const struct strset *set, const char *s)
{
	return set->cap && set->slot[find(set, s)];
}

void strset_free(struct strset *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
	memset(set, 0, sizeof(*set));
}
