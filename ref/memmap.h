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
struct mem_map memmap_copy(const struct mem_map *m);

/* ---- the x86 e820 table as the kernel keeps it (arch/x86/kernel/e820.c) ---- */

/*
 * E820_MAX_ENTRIES (arch/x86/include/asm/e820/types.h): 128 + 3 * MAX_NUMNODES,
 * with Debian's NODES_SHIFT of 10. No kernel's table, nor the firmware map
 * in sys/firmware/memmap made from it, holds more.
 */
#define E820_MAX_ENTRIES   (128 + 3 * 1024)

/*
 * e820__update_table(): sorted, overlaps resolved in favour of the larger
 * e820 type value, neighbours of one type merged. Entries of MEM_OTHER
 * (not e820 types) are dropped.
 */
void memmap_sanitize(struct mem_map *m);
/* e820__range_update(): the parts of [start, end] of type @from become @to. */
void memmap_update(struct mem_map *m, uint64_t start, uint64_t end, enum mem_type from,
		   enum mem_type to);
/* e820__range_remove(..., check_type): the parts of [start, end] of type @type go. */
void memmap_remove(struct mem_map *m, uint64_t start, uint64_t end, enum mem_type type);

/*
 * The edits every x86 kernel makes in setup_arch() trim_bios_range(),
 * before the DMAR table is parsed: the first page becomes reserved, RAM
 * in the legacy BIOS area 640 KiB - 1 MiB is removed.
 */
void memmap_x86_trim_bios(struct mem_map *m);

/*
 * Apply one kernel log message that edited the e820 table before the DMAR
 * table was parsed: "e820: update [mem A-B] usable ==> reserved",
 * "e820: remove [mem A-B] usable", "Reserving Intel graphics memory at
 * [mem A-B]" (early-quirks.c). 1 when applied, 0 when not such a line,
 * or when the table is full (__e820__range_update(): "too many entries").
 */
int memmap_apply_klog(struct mem_map *m, const char *msg);

/*
 * __e820__mapped_all(start, end + 1, @type): with @type, coverage by
 * entries of that type (the check before Linux 6.1); with MEM_TYPE_COUNT,
 * by any entry, returning the type of the entry that completes it
 * (e820__get_entry_type(), 6.1 on). -1 when [start, end] is not covered.
 */
int memmap_e820_mapped_all(const struct mem_map *m, uint64_t start, uint64_t end,
			   enum mem_type type);

#endif
