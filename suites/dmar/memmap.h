/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The firmware memory map, reduced to what the RMRR check needs: the ranges
 * the firmware reserved (e820 type "Reserved"). Parsing only, no I/O.
 */
#ifndef VTDCERT_SUITES_DMAR_MEMMAP_H
#define VTDCERT_SUITES_DMAR_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mem_range {
	uint64_t start, end;        /* inclusive */
};

struct mem_map {
	struct mem_range *reserved;
	size_t n;
	const char *source;         /* "sys/firmware/memmap" or "proc/iomem" */
};

/*
 * Linux names e820 reserved memory "Reserved" (arch/x86/kernel/e820.c);
 * kernels before 4.16 said "reserved". Matched without regard to case.
 */
#define E820_RESERVED_NAME "Reserved"

/*
 * Add the top-level "Reserved" entries of /proc/iomem text. Returns the
 * number of entries seen at all, or -1 with @err set when a line is not
 * "start-end : name" (err names the line number). All-zero addresses mean
 * the reader was not root; the caller should treat that as unknown.
 */
int memmap_parse_iomem(struct mem_map *m, const char *text, size_t len,
		       bool *all_zero, char *err, size_t errlen);
void memmap_add(struct mem_map *m, uint64_t start, uint64_t end);
/* True when [start, end] lies wholly inside the union of reserved ranges. */
bool memmap_covers(const struct mem_map *m, uint64_t start, uint64_t end);
void memmap_free(struct mem_map *m);

#endif
