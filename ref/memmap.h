/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A physical memory map: ranges with the type the firmware (e820) or the
 * kernel (/proc/iomem) gives them. Parsing and queries only, no I/O.
 */
#ifndef VTDCERT_REF_MEMMAP_H
#define VTDCERT_REF_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * e820 types as Linux names them (arch/x86/kernel/e820.c
 * e820_type_to_string(): the names /sys/firmware/memmap/N/type and the
 * top level of /proc/iomem print). Kernels before 4.16 said "reserved".
 */
enum mem_type {
	MEM_RAM,                    /* "System RAM" */
	MEM_RESERVED,               /* "Reserved" */
	MEM_ACPI,                   /* "ACPI Tables" */
	MEM_NVS,                    /* "ACPI Non-volatile Storage" */
	MEM_UNUSABLE,               /* "Unusable memory" */
	MEM_PMEM,                   /* "Persistent Memory", "Persistent Memory (legacy)" */
	MEM_SOFT_RESERVED,          /* "Soft Reserved" */
	MEM_OTHER,                  /* anything else (device windows in iomem, ...) */
	MEM_TYPE_COUNT
};

#define MEM_TYPE_BIT(t)    (1u << (t))

struct mem_range {
	uint64_t start, end;        /* inclusive */
	enum mem_type type;
};

struct mem_map {
	struct mem_range *v;
	size_t n;
};

enum mem_type memmap_type_from_name(const char *name, size_t len);
const char *memmap_type_name(enum mem_type t);

/*
 * Add the top-level entries of /proc/iomem text. Returns the number of
 * entries seen, or -1 with @err set when a line is not "start-end : name"
 * (err names the line number). All-zero addresses mean the reader was not
 * root; the caller should treat the map as unknown.
 */
int memmap_parse_iomem(struct mem_map *m, const char *text, size_t len,
		       bool *all_zero, char *err, size_t errlen);
void memmap_add(struct mem_map *m, uint64_t start, uint64_t end, enum mem_type type);
/* True when [start, end] lies wholly inside the union of ranges whose type is in @types. */
bool memmap_covers(const struct mem_map *m, uint64_t start, uint64_t end, unsigned types);
void memmap_free(struct mem_map *m);

#endif
