// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/iomem parsing and reserved-range coverage for the RMRR check. */
#include <string.h>

#include "unit.h"
#include "../../ref/memmap.h"

#define RSV MEM_TYPE_BIT(MEM_RESERVED)

static const char iomem[] =
	"00000000-00000fff : Reserved\n"
	"00001000-0009fbff : System RAM\n"
	"000f0000-000fffff : Reserved\n"
	"  000f0000-000fffff : System ROM\n"
	"7c000000-7c3fffff : Reserved\n"
	"7c400000-7c7fffff : Reserved\n"
	"fed90000-fed90fff : dmar0\n";

static void test_parse_iomem(void)
{
	struct mem_map m = { 0 };
	char err[64];
	bool zero;

	CU_ASSERT_EQUAL(memmap_parse_iomem(&m, iomem, strlen(iomem), &zero, err,
					   sizeof(err)), 6);
	CU_ASSERT_FALSE(zero);
	/* Every top-level entry, typed; nested ones (System ROM) left out. */
	CU_ASSERT_EQUAL_FATAL(m.n, 6);
	CU_ASSERT_EQUAL(m.v[0].type, MEM_RESERVED);
	CU_ASSERT_EQUAL(m.v[1].type, MEM_RAM);
	CU_ASSERT_EQUAL(m.v[2].type, MEM_RESERVED);
	CU_ASSERT_EQUAL(m.v[2].start, 0xf0000);
	CU_ASSERT_EQUAL(m.v[2].end, 0xfffff);
	CU_ASSERT_EQUAL(m.v[5].type, MEM_OTHER);
	memmap_free(&m);
}

static void test_parse_errors(void)
{
	static const char junk[] = "00000000-00000fff : Reserved\nnot a line\n";
	static const char nonroot[] = "00000000-00000000 : Reserved\n";
	struct mem_map m = { 0 };
	char err[64];
	bool zero;

	CU_ASSERT_EQUAL(memmap_parse_iomem(&m, junk, strlen(junk), &zero, err,
					   sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 2"));
	memmap_free(&m);
	CU_ASSERT_EQUAL(memmap_parse_iomem(&m, nonroot, strlen(nonroot), &zero, err,
					   sizeof(err)), 1);
	CU_ASSERT_TRUE(zero);
	memmap_free(&m);
}

static void test_covers(void)
{
	struct mem_map m = { 0 };
	char err[64];
	bool zero;

	memmap_parse_iomem(&m, iomem, strlen(iomem), &zero, err, sizeof(err));
	CU_ASSERT_TRUE(memmap_covers(&m, 0x7c000000, 0x7c7fffff, RSV));   /* spans two */
	CU_ASSERT_TRUE(memmap_covers(&m, 0xf1000, 0xf1fff, RSV));
	CU_ASSERT_FALSE(memmap_covers(&m, 0x7bfff000, 0x7c000fff, RSV)); /* starts early */
	CU_ASSERT_FALSE(memmap_covers(&m, 0x1000, 0x1fff, RSV));          /* RAM */
	CU_ASSERT_FALSE(memmap_covers(&m, 0x0, 0x1fff, RSV));             /* runs into RAM */
	CU_ASSERT_FALSE(memmap_covers(&m, 0x2000, 0x1000, RSV));          /* inverted */
	memmap_free(&m);
	CU_ASSERT_FALSE(memmap_covers(&m, 0, 0xfff, RSV));                /* empty map */
}

/* Kernels before 4.16 wrote "reserved"; "Soft Reserved" is not firmware-reserved. */
static void test_reserved_name_case(void)
{
	static const char old[] =
		"000f0000-000fffff : reserved\n"
		"7c000000-7c7fffff : Soft Reserved\n";
	struct mem_map m = { 0 };
	char err[64];
	bool zero;

	CU_ASSERT_EQUAL(memmap_parse_iomem(&m, old, strlen(old), &zero, err, sizeof(err)), 2);
	CU_ASSERT_EQUAL_FATAL(m.n, 2);
	CU_ASSERT_EQUAL(m.v[0].type, MEM_RESERVED);
	CU_ASSERT_EQUAL(m.v[0].start, 0xf0000);
	CU_ASSERT_EQUAL(m.v[1].type, MEM_SOFT_RESERVED);
	CU_ASSERT_FALSE(memmap_covers(&m, 0x7c000000, 0x7c000fff, RSV));
	/* Coverage by another type is asked for by naming it. */
	CU_ASSERT_TRUE(memmap_covers(&m, 0x7c000000, 0x7c000fff,
				     RSV | MEM_TYPE_BIT(MEM_SOFT_RESERVED)));
	memmap_free(&m);
}

/* e820__update_table(): overlaps to the larger type value, neighbours merged, others gone. */
static void test_sanitize(void)
{
	struct mem_map m = { 0 };

	memmap_add(&m, 0x0, 0x9ffff, MEM_RAM);
	memmap_add(&m, 0x100000, 0x1fffff, MEM_RAM);
	memmap_add(&m, 0x180000, 0x18ffff, MEM_RESERVED);     /* inside RAM: wins */
	memmap_add(&m, 0x200000, 0x2fffff, MEM_RAM);          /* adjacent RAM: merged */
	memmap_add(&m, 0x300000, 0x3fffff, MEM_OTHER);        /* not an e820 type */
	memmap_add(&m, 0xfffffffffffff000ull, UINT64_MAX, MEM_RESERVED);
	memmap_add(&m, 0x500000, 0x4fffff, MEM_RAM);          /* inverted: dropped */
	memmap_sanitize(&m);
	CU_ASSERT_EQUAL_FATAL(m.n, 5);
	CU_ASSERT(m.v[0].start == 0x0 && m.v[0].end == 0x9ffff && m.v[0].type == MEM_RAM);
	CU_ASSERT(m.v[1].start == 0x100000 && m.v[1].end == 0x17ffff && m.v[1].type == MEM_RAM);
	CU_ASSERT(m.v[2].start == 0x180000 && m.v[2].end == 0x18ffff &&
		  m.v[2].type == MEM_RESERVED);
	CU_ASSERT(m.v[3].start == 0x190000 && m.v[3].end == 0x2fffff && m.v[3].type == MEM_RAM);
	/* The last byte of the address space is never an entry's. */
	CU_ASSERT(m.v[4].start == 0xfffffffffffff000ull && m.v[4].end == UINT64_MAX - 1);
	memmap_free(&m);
}

/* e820__range_update() to a smaller type value: the edges stay the old type exactly. */
static void test_update_to_lower_type(void)
{
	struct mem_map m = { 0 };

	memmap_add(&m, 0x1000, 0x3fff, MEM_RESERVED);
	memmap_update(&m, 0x2000, 0x2fff, MEM_RESERVED, MEM_RAM);
	CU_ASSERT_EQUAL_FATAL(m.n, 3);
	CU_ASSERT(m.v[0].start == 0x1000 && m.v[0].end == 0x1fff && m.v[0].type == MEM_RESERVED);
	CU_ASSERT(m.v[1].start == 0x2000 && m.v[1].end == 0x2fff && m.v[1].type == MEM_RAM);
	CU_ASSERT(m.v[2].start == 0x3000 && m.v[2].end == 0x3fff && m.v[2].type == MEM_RESERVED);
	memmap_remove(&m, 0x2800, 0x37ff, MEM_RAM);     /* only the RAM part goes */
	CU_ASSERT_EQUAL_FATAL(m.n, 3);
	CU_ASSERT(m.v[1].start == 0x2000 && m.v[1].end == 0x27ff && m.v[1].type == MEM_RAM);
	CU_ASSERT(m.v[2].start == 0x3000 && m.v[2].end == 0x3fff && m.v[2].type == MEM_RESERVED);
	memmap_free(&m);
}

/* __e820__mapped_all(): a range completed by an entry that starts at its last byte. */
static void test_mapped_all_boundary(void)
{
	struct mem_map m = { 0 };

	memmap_add(&m, 0x1000, 0x1fff, MEM_RESERVED);
	memmap_add(&m, 0x2000, 0x2fff, MEM_ACPI);
	CU_ASSERT_EQUAL(memmap_e820_mapped_all(&m, 0x1000, 0x2000, MEM_TYPE_COUNT), MEM_ACPI);
	CU_ASSERT_EQUAL(memmap_e820_mapped_all(&m, 0x1000, 0x1fff, MEM_TYPE_COUNT), MEM_RESERVED);
	CU_ASSERT_EQUAL(memmap_e820_mapped_all(&m, 0x1000, 0x2000, MEM_RESERVED), -1);
	CU_ASSERT_EQUAL(memmap_e820_mapped_all(&m, 0x2fff, 0x3000, MEM_TYPE_COUNT), -1);
	memmap_free(&m);
}

void register_memmap_tests(void)
{
	static const struct unit_test tests[] = {
		{ "parse /proc/iomem", test_parse_iomem },
		{ "parse errors", test_parse_errors },
		{ "coverage", test_covers },
		{ "reserved name case", test_reserved_name_case },
		{ "e820 table sanitized", test_sanitize },
		{ "mapped_all at its last byte", test_mapped_all_boundary },
		{ "update to a lower type", test_update_to_lower_type },
		{ NULL, NULL },
	};

	unit_add_suite("memmap", tests);
}
