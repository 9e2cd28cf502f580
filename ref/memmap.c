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
	/* Grown by doubling: a capacity of n is a power of two at least n. */
	if (!(m->n & (m->n - 1)) || !m->n) {
		struct mem_range *v = realloc(m->v, (m->n ? 2 * m->n : 1) * sizeof(*m->v));

		if (!v)
			return;     /* out of memory: the range is not added */
		m->v = v;
	}
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
		size_t indent = 0;
		enum mem_type type;

		if (!n)
			continue;
		/*
		 * Nested entries are indented. e820 ranges are inserted first,
		 * but a PCI window inserted later may become their parent: an
		 * e820-typed name counts at any depth, anything else at the top.
		 */
		while (indent < n && line[indent] == ' ')
			indent++;
		if (parse_line(line + indent, n - indent, &start, &end, &name, &name_len)) {
			snprintf(err, errlen, "line %zu: not 'start-end : name'", lineno);
			return -1;
		}
		type = memmap_type_from_name(name, name_len);
		if (indent && type == MEM_OTHER)
			continue;
		if (indent && type == MEM_RAM)
			continue;           /* RAM nested in RAM: "Kernel code" and the like */
		if (!indent)
			seen++;
		if (start || end)
			*all_zero = false;
		if (start <= end)
			memmap_add(m, start, end, type);
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

struct mem_map memmap_copy(const struct mem_map *m)
{
	struct mem_map c = { NULL, 0 };
	size_t i;

	for (i = 0; i < m->n; i++)
		memmap_add(&c, m->v[i].start, m->v[i].end, m->v[i].type);
	return c;
}

/* The e820 type value (arch/x86/include/asm/e820/types.h): larger wins an overlap. */
static uint32_t e820_value(enum mem_type t)
{
	switch (t) {
	case MEM_RAM: return 1;
	case MEM_RESERVED: return 2;
	case MEM_ACPI: return 3;
	case MEM_NVS: return 4;
	case MEM_UNUSABLE: return 5;
	case MEM_PMEM: return 7;
	case MEM_SOFT_RESERVED: return 0xefffffffu;
	default: return 0;
	}
}

/* A range's start (+1) or the byte after its end (-1), for the sweep below. */
struct edge {
	uint64_t at;
	enum mem_type type;
	int delta;
};

static int cmp_edge(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

/* The type of largest e820 value among those covering the point, or MEM_OTHER. */
static enum mem_type winner(const size_t covering[MEM_TYPE_COUNT])
{
	enum mem_type best = MEM_OTHER;
	unsigned t;

	for (t = 0; t < MEM_TYPE_COUNT; t++)
		if (covering[t] && t != MEM_OTHER && e820_value(t) > e820_value(best))
			best = t;
	return best;
}

/*
 * A sweep over the sorted edges, counting for each type how many ranges
 * cover the point: O(n log n), where the kernel's pairwise pass is bounded
 * by its table's size and a stranger's snapshot is not.
 */
void memmap_sanitize(struct mem_map *m)
{
	struct mem_map out = { NULL, 0 };
	size_t covering[MEM_TYPE_COUNT] = { 0 };
	struct edge *edges;
	size_t i, k, n = 0;

	if (!m->n)
		return;
	edges = malloc(2 * m->n * sizeof(*edges));
	if (!edges)
		return;
	for (i = 0; i < m->n; i++) {
		const struct mem_range *r = &m->v[i];

		if (r->type == MEM_OTHER || r->type >= MEM_TYPE_COUNT || r->end < r->start)
			continue;
		edges[n++] = (struct edge){ r->start, r->type, +1 };
		/* An e820 entry never reaches the last byte of the address space. */
		edges[n++] = (struct edge){ r->end == UINT64_MAX ? UINT64_MAX : r->end + 1,
					    r->type, -1 };
	}
	qsort(edges, n, sizeof(*edges), cmp_edge);
	for (k = 0; k < n;) {
		uint64_t s = edges[k].at;
		enum mem_type best;

		for (; k < n && edges[k].at == s; k++)
			covering[edges[k].type] += (size_t)edges[k].delta;
		best = winner(covering);
		if (k == n || best == MEM_OTHER)
			continue;
		if (out.n && out.v[out.n - 1].type == best && out.v[out.n - 1].end + 1 == s)
			out.v[out.n - 1].end = edges[k].at - 1;
		else
			memmap_add(&out, s, edges[k].at - 1, best);
	}
	free(edges);
	free(m->v);
	*m = out;
}

/* Replace the @type parts of [start, end]: with @to, or drop them (MEM_OTHER). */
static void edit(struct mem_map *m, uint64_t start, uint64_t end, enum mem_type type,
		 enum mem_type to)
{
	struct mem_map out = { NULL, 0 };
	size_t i;

	for (i = 0; i < m->n; i++) {
		const struct mem_range *r = &m->v[i];
		uint64_t s = r->start > start ? r->start : start;
		uint64_t e = r->end < end ? r->end : end;

		if (r->type != type || s > e) {
			memmap_add(&out, r->start, r->end, r->type);
			continue;
		}
		if (r->start < s)
			memmap_add(&out, r->start, s - 1, r->type);
		if (to != MEM_OTHER)
			memmap_add(&out, s, e, to);
		if (e < r->end)
			memmap_add(&out, e + 1, r->end, r->type);
	}
	free(m->v);
	*m = out;
	memmap_sanitize(m);
}

void memmap_update(struct mem_map *m, uint64_t start, uint64_t end, enum mem_type from,
		   enum mem_type to)
{
	edit(m, start, end, from, to);
}

void memmap_remove(struct mem_map *m, uint64_t start, uint64_t end, enum mem_type type)
{
	edit(m, start, end, type, MEM_OTHER);
}

#define X86_FIRST_PAGE_END   0xfffull
#define X86_BIOS_BEGIN       0xa0000ull
#define X86_BIOS_END         0xfffffull

void memmap_x86_trim_bios(struct mem_map *m)
{
	memmap_update(m, 0, X86_FIRST_PAGE_END, MEM_RAM, MEM_RESERVED);
	memmap_remove(m, X86_BIOS_BEGIN, X86_BIOS_END, MEM_RAM);
}

/* The words the kernel log gives e820 types (e820.c e820_print_type()). */
static enum mem_type log_type(const char *s, size_t n)
{
	static const struct {
		const char *word;
		enum mem_type type;
	} words[] = {
		{ "usable", MEM_RAM }, { "reserved", MEM_RESERVED }, { "ACPI data", MEM_ACPI },
		{ "ACPI NVS", MEM_NVS }, { "unusable", MEM_UNUSABLE },
		{ "soft reserved", MEM_SOFT_RESERVED },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) == n && !strncmp(words[i].word, s, n))
			return words[i].type;
	if (n >= 10 && !strncmp(s, "persistent", 10))
		return MEM_PMEM;
	return MEM_OTHER;
}

/* "[mem 0xA-0xB]" at @s: the range and what follows it. */
static const char *mem_range(const char *s, uint64_t *a, uint64_t *b)
{
	char *e;

	if (strncmp(s, "[mem ", 5))
		return NULL;
	*a = strtoull(s + 5, &e, 16);
	if (*e != '-')
		return NULL;
	*b = strtoull(e + 1, &e, 16);
	if (*e != ']' || *b < *a)
		return NULL;
	return e + 1;
}

int memmap_apply_klog(struct mem_map *m, const char *msg)
{
	static const char update[] = "e820: update ", remove[] = "e820: remove ";
	static const char gfx[] = "Reserving Intel graphics memory at ";
	const char *p, *arrow;
	uint64_t a, b;
	enum mem_type from, to;

	if (m->n >= E820_MAX_ENTRIES)
		return 0;
	if (!strncmp(msg, gfx, strlen(gfx)) && mem_range(msg + strlen(gfx), &a, &b)) {
		memmap_add(m, a, b, MEM_RESERVED);
		memmap_sanitize(m);
		return 1;
	}
	if (!strncmp(msg, update, strlen(update)) &&
	    (p = mem_range(msg + strlen(update), &a, &b)) && *p == ' ' &&
	    (arrow = strstr(p, " ==> "))) {
		from = log_type(p + 1, (size_t)(arrow - p - 1));
		to = log_type(arrow + 5, strlen(arrow + 5));
		if (from == MEM_OTHER || to == MEM_OTHER)
			return 0;
		memmap_update(m, a, b, from, to);
		return 1;
	}
	if (!strncmp(msg, remove, strlen(remove)) &&
	    (p = mem_range(msg + strlen(remove), &a, &b)) && *p == ' ') {
		from = log_type(p + 1, strlen(p + 1));
		if (from == MEM_OTHER)
			return 0;
		memmap_remove(m, a, b, from);
		return 1;
	}
	return 0;
}

int memmap_e820_mapped_all(const struct mem_map *m, uint64_t start, uint64_t end,
			   enum mem_type type)
{
	struct mem_map s = memmap_copy(m);
	uint64_t next = start;              /* __e820__mapped_all()'s moving start */
	size_t i;
	int found = -1;

	memmap_sanitize(&s);                /* the kernel's table is sorted and merged */
	for (i = 0; i < s.n; i++) {
		const struct mem_range *r = &s.v[i];

		if (type != MEM_TYPE_COUNT && r->type != type)
			continue;
		if (r->start > end || r->end < next)
			continue;
		if (r->start <= next) {
			if (r->end >= end) {
				found = (int)r->type;
				break;
			}
			next = r->end + 1;
		}
	}
	memmap_free(&s);
	return found;
}
