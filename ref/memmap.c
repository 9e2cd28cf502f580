// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "memmap.h"

static const struct {
	const char *name;
	enum mem_type type;
} type_names[] = {
	{ "System RAM", MEM_RAM },
	{ "Reserved", MEM_RESERVED },          /* "reserved" before Linux 4.16 */
	{ "ACPI Tables", MEM_ACPI },
	{ "ACPI Non-volatile Storage", MEM_NVS },
	{ "Unusable memory", MEM_UNUSABLE },
	{ "Persistent Memory (legacy)", MEM_PMEM },
	{ "Persistent Memory", MEM_PMEM },
	{ "Soft Reserved", MEM_SOFT_RESERVED },
};

enum mem_type memmap_type_from_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strlen(type_names[i].name) == len &&
		    !strncasecmp(type_names[i].name, name, len))
			return type_names[i].type;
	return MEM_OTHER;
}

const char *memmap_type_name(enum mem_type t)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (type_names[i].type == t)
			return type_names[i].name;
	return "other";
}

void memmap_add(struct mem_map *m, uint64_t start, uint64_t end, enum mem_type type)
{
	struct mem_range *v = realloc(m->v, (m->n + 1) * sizeof(*m->v));

	if (!v)
		return;             /* out of memory: the range is not added */
	m->v = v;
	m->v[m->n].start = start;
	m->v[m->n].end = end;
	m->v[m->n].type = type;
	m->n++;
}

static int parse_line(const char *line, size_t len, uint64_t *start,
		      uint64_t *end, const char **name, size_t *name_len)
{
	char buf[256], *p, *q;

	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	*start = strtoull(buf, &p, 16);
	if (p == buf || *p != '-')
		return -1;
	*end = strtoull(p + 1, &q, 16);
	if (q == p + 1 || strncmp(q, " : ", 3))
		return -1;
	*name = line + (q + 3 - buf);
	*name_len = len - (size_t)(q + 3 - buf);
	return 0;
}

int memmap_parse_iomem(struct mem_map *m, const char *text, size_t len,
		       bool *all_zero, char *err, size_t errlen)
{
	size_t pos = 0, lineno = 0;
	int seen = 0;

	*all_zero = true;
	while (pos < len) {
		const char *line = text + pos, *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		const char *name;
		size_t name_len;
		uint64_t start, end;

		pos += n + (nl ? 1 : 0);
		lineno++;
		if (!n)
			continue;
		/* Nested entries are indented: only the top level is the map. */
		if (line[0] == ' ')
			continue;
		if (parse_line(line, n, &start, &end, &name, &name_len)) {
			snprintf(err, errlen, "line %zu: not 'start-end : name'", lineno);
			return -1;
		}
		seen++;
		if (start || end)
			*all_zero = false;
		if (start <= end)
			memmap_add(m, start, end, memmap_type_from_name(name, name_len));
	}
	return seen;
}

static int cmp_range(const void *a, const void *b)
{
	const struct mem_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

bool memmap_covers(const struct mem_map *m, uint64_t start, uint64_t end, unsigned types)
{
	struct mem_range *r;
	uint64_t next = start;      /* first byte not yet covered */
	size_t i, k = 0;
	bool ok = false;

	if (!m->n || end < start)
		return false;
	r = malloc(m->n * sizeof(*r));
	if (!r)
		return false;
	for (i = 0; i < m->n; i++)
		if (types & MEM_TYPE_BIT(m->v[i].type))
			r[k++] = m->v[i];
	if (k > 1)
		qsort(r, k, sizeof(*r), cmp_range);
	for (i = 0; i < k; i++) {
		if (r[i].start > next)
			break;      /* a hole before this range */
		if (r[i].end >= end) {
			ok = true;
			break;
		}
		if (r[i].end + 1 > next)
			next = r[i].end + 1;
	}
	free(r);
	return ok;
}

void memmap_free(struct mem_map *m)
{
	free(m->v);
	m->v = NULL;
	m->n = 0;
}
