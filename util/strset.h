/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A set of strings (open addressing, FNV-1a): "seen this path already?" in O(1). */
#ifndef VTDCERT_UTIL_STRSET_H
#define VTDCERT_UTIL_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct strset {
	char **slot;
	size_t cap, n;
};

/* Add @s (copied); false when it was there already. */
bool strset_add(struct strset *set, const char *s);
bool strset_has(const struct strset *set, const char *s);
void strset_free(struct strset *set);

#endif
