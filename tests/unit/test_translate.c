// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The legacy-mode translation model (ref/vtd_translate.c, vtd_sl_tables.c,
 * vtd_mem.c): tables built as a driver builds them, then requests walked
 * through them, each answer checked to the bit: the host address, the leaf
 * and the levels walked, or the fault reason, page and source ID.
 */
#include <errno.h>

#include <CUnit/CUnit.h>

#include "unit.h"
#include "../../ref/vtd_sl_tables.h"

#define TABLE_BASE   0x10000000ull        /* where the rig's tables are taken from */
#define ECAP_ALL     (VTD_ECAP_PT | VTD_ECAP_DT | VTD_ECAP_SC)
#define SLLPS_ALL    (VTD_SLLPS_2M | VTD_SLLPS_1G)
#define ND_64K       6
#define DID          42

#define DEV_A        VTD_SID(0x00, VTD_DEVFN(3, 0))    /* 00:03.0 */
#define DEV_B        VTD_SID(0x02, VTD_DEVFN(0, 1))    /* 02:00.1 */
#define DEV_NO_CTX   VTD_SID(0x00, VTD_DEVFN(4, 0))    /* its bus has a root entry */
#define DEV_NO_ROOT  VTD_SID(0x07, VTD_DEVFN(0, 0))    /* its bus has none */

static uint64_t cap_of(unsigned sagaw, unsigned mgaw, unsigned sllps)
{
	return VTD_FIELD_PREP(VTD_CAP_SAGAW, sagaw) | VTD_FIELD_PREP(VTD_CAP_MGAW, mgaw - 1) |
	       VTD_FIELD_PREP(VTD_CAP_SLLPS, sllps) | VTD_FIELD_PREP(VTD_CAP_ND, ND_64K);
}

/* A unit, its memory, a root table and one domain. */
struct rig {
	struct vtd_xlate_unit u;
	struct vtd_mem m;
	uint64_t rta;
	struct vtd_sl_domain d;
};

static void rig_init(struct rig *r, unsigned sagaw, unsigned mgaw, unsigned sllps, unsigned aw)
{
	vtd_xlate_unit_from_regs(cap_of(sagaw, mgaw, sllps), ECAP_ALL, &r->u);
	vtd_mem_init(&r->m, TABLE_BASE);
	CU_ASSERT_EQUAL_FATAL(vtd_root_table_alloc(&r->m, &r->rta), 0);
	CU_ASSERT_EQUAL_FATAL(vtd_sl_domain_init(&r->d, &r->m, &r->u, aw, DID), 0);
}

/* The usual rig: every AW and large page, MGAW 57, 4-level domain. */
static void rig_default(struct rig *r, unsigned aw)
{
	rig_init(r, VTD_SAGAW_39 | VTD_SAGAW_48 | VTD_SAGAW_57, 57, SLLPS_ALL, aw);
}

static void attach(struct rig *r, uint16_t sid, unsigned tt, bool fpd)
{
	struct vtd_context_cfg c = vtd_sl_domain_context(&r->d, tt, fpd);

	CU_ASSERT_EQUAL_FATAL(vtd_context_set(&r->m, r->rta, sid, &c), 0);
}

static void map(struct rig *r, uint64_t iova, uint64_t hpa, uint64_t size, unsigned perms)
{
	CU_ASSERT_EQUAL_FATAL(vtd_sl_map(&r->d, iova, hpa, size, perms), 0);
}

static struct vtd_xlate_result xl_unit(struct rig *r, const struct vtd_xlate_unit *u,
				       uint16_t sid, uint64_t addr, enum vtd_req_kind kind)
{
	struct vtd_xlate_req q = { .sid = sid, .addr = addr, .kind = kind };
	struct vtd_xlate_result res;

	CU_ASSERT_EQUAL_FATAL(vtd_translate(&r->m, u, r->rta, &q, &res), 0);
	return res;
}

static struct vtd_xlate_result xl(struct rig *r, uint16_t sid, uint64_t addr,
				  enum vtd_req_kind kind)
{
	return xl_unit(r, &r->u, sid, addr, kind);
}

/* Translated to @hpa through a leaf at @leaf after @walked entries. */
static void is_hpa(struct vtd_xlate_result res, uint64_t hpa, unsigned leaf, unsigned walked)
{
	CU_ASSERT_FALSE(res.faulted);
	CU_ASSERT_EQUAL(res.hpa, hpa);
	CU_ASSERT_EQUAL(res.leaf_level, leaf);
	CU_ASSERT_EQUAL(res.page_size, VTD_LEVEL_SIZE(leaf));
	CU_ASSERT_EQUAL(res.walked, walked);
}

/* Faulted with @reason on the page of @addr from @sid, recorded. */
static void is_fault(struct vtd_xlate_result res, unsigned reason, uint64_t addr, uint16_t sid)
{
	CU_ASSERT_TRUE(res.faulted);
	CU_ASSERT_TRUE(res.recorded);
	CU_ASSERT_EQUAL(res.fault.reason, reason);
	CU_ASSERT_EQUAL(res.fault.addr, addr & ~(VTD_PAGE_SIZE - 1));
	CU_ASSERT_EQUAL(res.fault.sid, sid);
}

static void test_unit_from_regs(void)
{
	struct vtd_xlate_unit u;
	struct vtd_linux_domain d;

	/* The kept aw48 QEMU guest: SAGAW 39 + 48, MGAW 48, 2M and 1G, 64K domains, CM. */
	vtd_xlate_unit_from_regs(0xd2008c222f0686ull, 0xf00f4aull, &u);
	CU_ASSERT_EQUAL(u.sagaw, VTD_SAGAW_39 | VTD_SAGAW_48);
	CU_ASSERT_EQUAL(u.mgaw, 48);
	CU_ASSERT_EQUAL(u.sllps, SLLPS_ALL);
	CU_ASSERT_EQUAL(u.nd, 6);
	CU_ASSERT_TRUE(u.cm);
	CU_ASSERT_TRUE(u.pt);
	CU_ASSERT_FALSE(u.dt);
	CU_ASSERT_FALSE(u.sc);
	CU_ASSERT_EQUAL(u.haw, VTD_HAW_MAX);
	CU_ASSERT_EQUAL(vtd_xlate_unit_domains(&u), 65536);
	CU_ASSERT_TRUE_FATAL(vtd_linux_domain_agaw(&u, &d));
	CU_ASSERT_EQUAL(d.agaw, VTD_AW_48);
	CU_ASSERT_EQUAL(d.levels, 4);
	CU_ASSERT_EQUAL(d.width, 48);

	/* The default guest: SAGAW 39 alone, MGAW 39: a 3-level domain. */
	vtd_xlate_unit_from_regs(0xd2008c22260286ull, 0xf00f4eull, &u);
	CU_ASSERT_TRUE_FATAL(vtd_linux_domain_agaw(&u, &d));
	CU_ASSERT_EQUAL(d.agaw, VTD_AW_39);
	CU_ASSERT_EQUAL(d.levels, 3);
	CU_ASSERT_EQUAL(d.width, 39);
	CU_ASSERT_TRUE(u.dt);

	/* 5-level tables, MGAW 48: Linux takes the 57-bit AGAW, width capped at 48. */
	vtd_xlate_unit_from_regs(cap_of(VTD_SAGAW_48 | VTD_SAGAW_57, 48, 0), 0, &u);
	CU_ASSERT_TRUE_FATAL(vtd_linux_domain_agaw(&u, &d));
	CU_ASSERT_EQUAL(d.agaw, VTD_AW_57);
	CU_ASSERT_EQUAL(d.levels, 5);
	CU_ASSERT_EQUAL(d.width, 48);

	/* Only the 6-level bit (above 57 bits) or none: Linux refuses the unit. */
	vtd_xlate_unit_from_regs(cap_of(VTD_BIT(4), 57, 0), 0, &u);
	CU_ASSERT_FALSE(vtd_linux_domain_agaw(&u, &d));
	vtd_xlate_unit_from_regs(cap_of(0, 57, 0), 0, &u);
	CU_ASSERT_FALSE(vtd_linux_domain_agaw(&u, &d));
	/* The old 2-level bit alone: agaw 0, 30 bits. */
	vtd_xlate_unit_from_regs(cap_of(VTD_BIT(0), 39, 0), 0, &u);
	CU_ASSERT_TRUE_FATAL(vtd_linux_domain_agaw(&u, &d));
	CU_ASSERT_EQUAL(d.agaw, 0);
	CU_ASSERT_EQUAL(d.width, 30);

	/* ND: 16 domains at 0; 7 is reserved. */
	u.nd = 0;
	CU_ASSERT_EQUAL(vtd_xlate_unit_domains(&u), 16);
	u.nd = 7;
	CU_ASSERT_EQUAL(vtd_xlate_unit_domains(&u), 0);
}

/* 3, 4 and 5 levels: a 4 KiB page whose IOVA uses every level's index. */
static void test_walk_levels(void)
{
	static const struct { unsigned aw; uint64_t iova; } cases[] = {
		{ VTD_AW_39, 0x456789a000ull },
		{ VTD_AW_48, 0x7f123456b000ull },
		{ VTD_AW_57, 0x0123456789c000ull },
	};
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rig r;
		struct vtd_xlate_result res;

		rig_default(&r, cases[i].aw);
		attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
		map(&r, cases[i].iova, 0x12345000, VTD_SIZE_4K, VTD_SL_R | VTD_SL_W);
		res = xl(&r, DEV_A, cases[i].iova + 0x123, VTD_REQ_READ);
		is_hpa(res, 0x12345123, 1, VTD_AW_LEVELS(cases[i].aw));
		CU_ASSERT_EQUAL(res.levels, VTD_AW_LEVELS(cases[i].aw));
		CU_ASSERT_EQUAL(res.did, DID);
		CU_ASSERT_EQUAL(res.perms, VTD_SL_R | VTD_SL_W);
		/* the neighbouring page in the same last-level table is a hole */
		is_fault(xl(&r, DEV_A, cases[i].iova + VTD_SIZE_4K, VTD_REQ_WRITE), VTD_FR_WRITE,
			 cases[i].iova + VTD_SIZE_4K, DEV_A);
		vtd_mem_free(&r.m);
	}
}

/* 4 KiB, 2 MiB and 1 GiB leaves from one range, each where it fits. */
static void test_page_sizes(void)
{
	const uint64_t iova = VTD_SIZE_1G - VTD_SIZE_4K, hpa = 5 * VTD_SIZE_1G - VTD_SIZE_4K;
	struct rig r;

	rig_default(&r, VTD_AW_48);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	map(&r, iova, hpa, VTD_SIZE_4K + VTD_SIZE_1G + VTD_SIZE_2M, VTD_SL_R);
	/* the first 4 KiB to the 1 GiB boundary, a 4-level walk */
	is_hpa(xl(&r, DEV_A, iova + 0xfff, VTD_REQ_READ), hpa + 0xfff, 1, 4);
	/* then a 1 GiB leaf: two entries read */
	is_hpa(xl(&r, DEV_A, VTD_SIZE_1G, VTD_REQ_READ), 5 * VTD_SIZE_1G, 3, 2);
	is_hpa(xl(&r, DEV_A, 2 * VTD_SIZE_1G - 1, VTD_REQ_READ), 6 * VTD_SIZE_1G - 1, 3, 2);
	/* then a 2 MiB leaf: three */
	is_hpa(xl(&r, DEV_A, 2 * VTD_SIZE_1G + 0x1234, VTD_REQ_READ),
	       6 * VTD_SIZE_1G + 0x1234, 2, 3);
	is_fault(xl(&r, DEV_A, 2 * VTD_SIZE_1G + VTD_SIZE_2M, VTD_REQ_READ), VTD_FR_READ,
		 2 * VTD_SIZE_1G + VTD_SIZE_2M, DEV_A);
	vtd_mem_free(&r.m);
}

/* Without SLLPS (or with misaligned host pages), the range is split smaller. */
static void test_large_pages_split(void)
{
	struct rig r;

	/* SLLPS 2M only: a 1 GiB range in 512 2 MiB leaves */
	rig_init(&r, VTD_SAGAW_48, 48, VTD_SLLPS_2M, VTD_AW_48);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	map(&r, VTD_SIZE_1G, 3 * VTD_SIZE_1G, VTD_SIZE_1G, VTD_SL_R);
	is_hpa(xl(&r, DEV_A, VTD_SIZE_1G, VTD_REQ_READ), 3 * VTD_SIZE_1G, 2, 3);
	is_hpa(xl(&r, DEV_A, 2 * VTD_SIZE_1G - 1, VTD_REQ_READ), 4 * VTD_SIZE_1G - 1, 2, 3);
	/* host pages 2 MiB-aligned only by 4 KiB: 4 KiB leaves */
	map(&r, 4 * VTD_SIZE_1G, 0x40001000, VTD_SIZE_2M, VTD_SL_R);
	is_hpa(xl(&r, DEV_A, 4 * VTD_SIZE_1G + VTD_SIZE_2M - 1, VTD_REQ_READ),
	       0x40001000 + VTD_SIZE_2M - 1, 1, 4);
	vtd_mem_free(&r.m);

	/* no SLLPS: 4 KiB leaves for an aligned 1 GiB range */
	rig_init(&r, VTD_SAGAW_39, 39, 0, VTD_AW_39);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	map(&r, 0, VTD_SIZE_1G, VTD_SIZE_1G, VTD_SL_W);
	is_hpa(xl(&r, DEV_A, VTD_SIZE_1G - 8, VTD_REQ_WRITE), 2 * VTD_SIZE_1G - 8, 1, 3);
	is_hpa(xl(&r, DEV_A, VTD_SIZE_2M, VTD_REQ_WRITE), VTD_SIZE_1G + VTD_SIZE_2M, 1, 3);
	vtd_mem_free(&r.m);
}

static void test_permissions(void)
{
	struct rig r;
	struct vtd_xlate_result res;

	rig_default(&r, VTD_AW_39);
	attach(&r, DEV_A, VTD_TT_DEVICE_TLB, false);
	map(&r, 0x1000, 0xa000, VTD_SIZE_4K, VTD_SL_R);
	map(&r, 0x2000, 0xb000, VTD_SIZE_4K, VTD_SL_W);
	map(&r, 0x3000, 0xc000, VTD_SIZE_4K, VTD_SL_R | VTD_SL_W);
	is_hpa(xl(&r, DEV_A, 0x1010, VTD_REQ_READ), 0xa010, 1, 3);
	is_fault(xl(&r, DEV_A, 0x1010, VTD_REQ_WRITE), VTD_FR_WRITE, 0x1000, DEV_A);
	CU_ASSERT_EQUAL(xl(&r, DEV_A, 0x1010, VTD_REQ_WRITE).fault.kind, VTD_REQ_WRITE);
	is_fault(xl(&r, DEV_A, 0x2020, VTD_REQ_READ), VTD_FR_READ, 0x2000, DEV_A);
	CU_ASSERT_EQUAL(xl(&r, DEV_A, 0x2020, VTD_REQ_READ).fault.kind, VTD_REQ_READ);
	is_hpa(xl(&r, DEV_A, 0x2020, VTD_REQ_WRITE), 0xb020, 1, 3);
	is_hpa(xl(&r, DEV_A, 0x3030, VTD_REQ_READ), 0xc030, 1, 3);
	is_hpa(xl(&r, DEV_A, 0x3030, VTD_REQ_WRITE), 0xc030, 1, 3);
	/* a translation request is answered with the rights, not faulted */
	res = xl(&r, DEV_A, 0x1000, VTD_REQ_TRANSLATE);
	CU_ASSERT_FALSE(res.faulted);
	CU_ASSERT_EQUAL(res.perms, VTD_SL_R);
	CU_ASSERT_EQUAL(res.hpa, 0xa000);
	res = xl(&r, DEV_A, 0x5000, VTD_REQ_TRANSLATE);
	CU_ASSERT_FALSE(res.faulted);
	CU_ASSERT_EQUAL(res.perms, 0);
	/* a directory entry without W takes W from everything below it */
	{
		uint64_t at, e;

		CU_ASSERT_EQUAL_FATAL(vtd_sl_entry_addr(&r.d, 0x3000, 2, &at), 0);
		CU_ASSERT_EQUAL_FATAL(vtd_mem_read64(&r.m, at, &e), 0);
		CU_ASSERT_EQUAL_FATAL(vtd_mem_write64(&r.m, at, e & ~VTD_SL_W), 0);
		is_fault(xl(&r, DEV_A, 0x3030, VTD_REQ_WRITE), VTD_FR_WRITE, 0x3000, DEV_A);
		CU_ASSERT_EQUAL(xl(&r, DEV_A, 0x3030, VTD_REQ_WRITE).walked, 2);
		is_hpa(xl(&r, DEV_A, 0x3030, VTD_REQ_READ), 0xc030, 1, 3);
	}
	vtd_mem_free(&r.m);
}

static void test_unmap(void)
{
	struct rig r;

	rig_default(&r, VTD_AW_48);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	map(&r, 0x200000, 0x800000, VTD_SIZE_2M, VTD_SL_R | VTD_SL_W);
	map(&r, 0x400000, 0x900000, 2 * VTD_SIZE_4K, VTD_SL_R | VTD_SL_W);
	/* cutting a 2 MiB leaf is refused, and leaves it whole */
	CU_ASSERT_EQUAL(vtd_sl_unmap(&r.d, 0x200000, VTD_SIZE_4K), -EINVAL);
	CU_ASSERT_EQUAL(vtd_sl_unmap(&r.d, 0x201000, 0x3ff000), -EINVAL);
	is_hpa(xl(&r, DEV_A, 0x3fffff, VTD_REQ_READ), 0x9fffff, 2, 3);
	/* the 2 MiB leaf and the first 4 KiB page: the second stays */
	CU_ASSERT_EQUAL(vtd_sl_unmap(&r.d, 0x200000, VTD_SIZE_2M + VTD_SIZE_4K), 0);
	is_fault(xl(&r, DEV_A, 0x3fffff, VTD_REQ_READ), VTD_FR_READ, 0x3ff000, DEV_A);
	is_fault(xl(&r, DEV_A, 0x200000, VTD_REQ_WRITE), VTD_FR_WRITE, 0x200000, DEV_A);
	is_fault(xl(&r, DEV_A, 0x400fff, VTD_REQ_WRITE), VTD_FR_WRITE, 0x400000, DEV_A);
	is_hpa(xl(&r, DEV_A, 0x401000, VTD_REQ_WRITE), 0x901000, 1, 4);
	/* holes are passed over; mapping again works, the kept table reused */
	CU_ASSERT_EQUAL(vtd_sl_unmap(&r.d, 0, VTD_SIZE_1G), 0);
	is_fault(xl(&r, DEV_A, 0x401000, VTD_REQ_WRITE), VTD_FR_WRITE, 0x401000, DEV_A);
	map(&r, 0x400000, 0x700000, VTD_SIZE_2M, VTD_SL_R);
	is_hpa(xl(&r, DEV_A, 0x400000, VTD_REQ_READ), 0x700000, 1, 4);
	vtd_mem_free(&r.m);
}

static void test_map_errors(void)
{
	struct rig r;

	rig_default(&r, VTD_AW_39);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	map(&r, 0x3000, 0x3000, VTD_SIZE_4K, VTD_SL_R);
	/* overlap: refused, and what the call had mapped before it is gone again */
	CU_ASSERT_EQUAL(vtd_sl_map(&r.d, 0x1000, 0x1000, 4 * VTD_SIZE_4K, VTD_SL_R), -EEXIST);
	is_fault(xl(&r, DEV_A, 0x1000, VTD_REQ_READ), VTD_FR_READ, 0x1000, DEV_A);
	is_fault(xl(&r, DEV_A, 0x2000, VTD_REQ_READ), VTD_FR_READ, 0x2000, DEV_A);
	is_hpa(xl(&r, DEV_A, 0x3000, VTD_REQ_READ), 0x3000, 1, 3);
	/* inside a large leaf */
	map(&r, VTD_SIZE_1G, 0, VTD_SIZE_1G, VTD_SL_R);
	CU_ASSERT_EQUAL(vtd_sl_map(&r.d, VTD_SIZE_1G + VTD_SIZE_2M, 0, VTD_SIZE_4K, VTD_SL_R),
			-EEXIST);
	CU_ASSERT_EQUAL(vtd_sl_map(&r.d, 0x1000, 0, 0x800, VTD_SL_R), -EINVAL);
	CU_ASSERT_EQUAL(vtd_sl_map(&r.d, 0x1800, 0, VTD_SIZE_4K, VTD_SL_R), -EINVAL);
	CU_ASSERT_EQUAL(vtd_sl_map(&r.d, 0x1000, 0, 0, VTD_SL_R), -EINVAL);
	CU_ASSERT_EQUAL(vtd_sl_map(&r.d, 0x1000, 0, VTD_SIZE_4K, 0), -EINVAL);
	CU_ASSERT_EQUAL(vtd_sl_map(&r.d, 0x1000, 0, VTD_SIZE_4K, VTD_SL_X), -EINVAL);
	/* the last page of the 39-bit domain fits; one beyond does not */
	CU_ASSERT_EQUAL(vtd_sl_map(&r.d, (1ull << 39) - VTD_SIZE_4K, 0, VTD_SIZE_4K, VTD_SL_R), 0);
	CU_ASSERT_EQUAL(vtd_sl_map(&r.d, 1ull << 39, 0, VTD_SIZE_4K, VTD_SL_R), -EINVAL);
	CU_ASSERT_EQUAL(vtd_sl_map(&r.d, 0x10000, 1ull << VTD_HAW_MAX, VTD_SIZE_4K, VTD_SL_R),
			-EINVAL);
	/* an AW the unit lacks */
	r.u.sagaw = VTD_SAGAW_48;
	CU_ASSERT_EQUAL(vtd_sl_domain_init(&r.d, &r.m, &r.u, VTD_AW_39, DID), -EINVAL);
	vtd_mem_free(&r.m);
}

/* Last byte of a page, first of the next; the top of the AGAW and of the MGAW. */
static void test_boundaries(void)
{
	const uint64_t top39 = 1ull << 39;
	struct rig r;

	rig_init(&r, VTD_SAGAW_39, 39, SLLPS_ALL, VTD_AW_39);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	map(&r, 0x7000, 0x51000, VTD_SIZE_4K, VTD_SL_R);
	map(&r, 0x8000, 0x90000, VTD_SIZE_4K, VTD_SL_R);
	is_hpa(xl(&r, DEV_A, 0x7fff, VTD_REQ_READ), 0x51fff, 1, 3);
	is_hpa(xl(&r, DEV_A, 0x8000, VTD_REQ_READ), 0x90000, 1, 3);
	map(&r, top39 - VTD_SIZE_4K, 0x123000, VTD_SIZE_4K, VTD_SL_R);
	is_hpa(xl(&r, DEV_A, top39 - 1, VTD_REQ_READ), 0x123fff, 1, 3);
	is_fault(xl(&r, DEV_A, top39, VTD_REQ_READ), VTD_FR_ADDR_BEYOND_AGAW, top39, DEV_A);
	CU_ASSERT_EQUAL(xl(&r, DEV_A, top39, VTD_REQ_READ).walked, 0);
	is_fault(xl(&r, DEV_A, ~0ull, VTD_REQ_WRITE), VTD_FR_ADDR_BEYOND_AGAW,
		 ~0ull & VTD_PAGE_MASK, DEV_A);
	vtd_mem_free(&r.m);

	/* 4-level tables on a unit whose MGAW is 40: bit 40 is beyond the MGAW */
	rig_init(&r, VTD_SAGAW_48, 40, SLLPS_ALL, VTD_AW_48);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	map(&r, (1ull << 40) - VTD_SIZE_4K, 0x5000, VTD_SIZE_4K, VTD_SL_R);
	is_hpa(xl(&r, DEV_A, (1ull << 40) - 1, VTD_REQ_READ), 0x5fff, 1, 4);
	is_fault(xl(&r, DEV_A, 1ull << 40, VTD_REQ_READ), VTD_FR_ADDR_BEYOND_AGAW, 1ull << 40,
		 DEV_A);
	vtd_mem_free(&r.m);
}

/* Two devices, two domains: the same IOVA goes to each one's own page. */
static void test_source_ids(void)
{
	struct vtd_sl_domain other;
	struct vtd_context_cfg c;
	struct vtd_xlate_result res;
	struct rig r;

	rig_default(&r, VTD_AW_48);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	map(&r, 0x100000, 0xaa000, VTD_SIZE_4K, VTD_SL_R);
	CU_ASSERT_EQUAL_FATAL(vtd_sl_domain_init(&other, &r.m, &r.u, VTD_AW_39, 7), 0);
	CU_ASSERT_EQUAL_FATAL(vtd_sl_map(&other, 0x100000, 0xbb000, VTD_SIZE_4K, VTD_SL_R), 0);
	c = vtd_sl_domain_context(&other, VTD_TT_UNTRANSLATED, false);
	CU_ASSERT_EQUAL_FATAL(vtd_context_set(&r.m, r.rta, DEV_B, &c), 0);

	res = xl(&r, DEV_A, 0x100008, VTD_REQ_READ);
	is_hpa(res, 0xaa008, 1, 4);
	CU_ASSERT_EQUAL(res.did, DID);
	res = xl(&r, DEV_B, 0x100008, VTD_REQ_READ);
	is_hpa(res, 0xbb008, 1, 3);
	CU_ASSERT_EQUAL(res.did, 7);
	CU_ASSERT_EQUAL(res.levels, 3);
	/* a function beside A on bus 0, and a bus nobody programmed */
	is_fault(xl(&r, DEV_NO_CTX, 0x100008, VTD_REQ_READ), VTD_FR_CONTEXT_NOT_PRESENT,
		 0x100000, DEV_NO_CTX);
	is_fault(xl(&r, DEV_NO_ROOT, 0x100008, VTD_REQ_READ), VTD_FR_ROOT_NOT_PRESENT,
		 0x100000, DEV_NO_ROOT);
	/* detached: not present again */
	CU_ASSERT_EQUAL(vtd_context_clear(&r.m, r.rta, DEV_B), 0);
	is_fault(xl(&r, DEV_B, 0x100008, VTD_REQ_READ), VTD_FR_CONTEXT_NOT_PRESENT, 0x100000,
		 DEV_B);
	CU_ASSERT_EQUAL(vtd_context_clear(&r.m, r.rta, DEV_NO_ROOT), 0);
	vtd_mem_free(&r.m);
}

/* Set @bits in the qword at @at. */
static void poke(struct rig *r, uint64_t at, uint64_t bits)
{
	uint64_t v;

	CU_ASSERT_EQUAL_FATAL(vtd_mem_read64(&r->m, at, &v), 0);
	CU_ASSERT_EQUAL_FATAL(vtd_mem_write64(&r->m, at, v | bits), 0);
}

static void unpoke(struct rig *r, uint64_t at, uint64_t bits)
{
	uint64_t v;

	CU_ASSERT_EQUAL_FATAL(vtd_mem_read64(&r->m, at, &v), 0);
	CU_ASSERT_EQUAL_FATAL(vtd_mem_write64(&r->m, at, v & ~bits), 0);
}

static void test_root_faults(void)
{
	const uint64_t re = vtd_root_entry_at(TABLE_BASE, VTD_SID_BUS(DEV_A));
	struct vtd_xlate_req q = { .sid = DEV_A, .addr = 0x5000, .kind = VTD_REQ_READ };
	struct vtd_xlate_result res;
	uint64_t ctp;
	struct rig r;

	rig_default(&r, VTD_AW_39);
	CU_ASSERT_EQUAL_FATAL(r.rta, TABLE_BASE);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	map(&r, 0x5000, 0x6000, VTD_SIZE_4K, VTD_SL_R);
	is_hpa(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), 0x6000, 1, 3);

	/* RTADDR at memory that is not there, or above the host address width */
	CU_ASSERT_EQUAL(vtd_translate(&r.m, &r.u, 0x7000000, &q, &res), 0);
	is_fault(res, VTD_FR_ROOT_TABLE_ACCESS, 0x5000, DEV_A);
	r.u.haw = 28;
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), VTD_FR_ROOT_TABLE_ACCESS, 0x5000, DEV_A);
	r.u.haw = VTD_HAW_MAX;
	/* scalable mode is not modelled */
	CU_ASSERT_EQUAL(vtd_translate(&r.m, &r.u, r.rta | VTD_FIELD_PREP(VTD_RTADDR_TTM,
				      VTD_TTM_SCALABLE), &q, &res), -EOPNOTSUPP);

	/* reserved bits of the root entry, low and high; a CTP beyond the HAW */
	poke(&r, re, VTD_BIT(1));
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), VTD_FR_ROOT_RSVD, 0x5000, DEV_A);
	unpoke(&r, re, VTD_BIT(1));
	poke(&r, re + 8, VTD_BIT(63));
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), VTD_FR_ROOT_RSVD, 0x5000, DEV_A);
	unpoke(&r, re + 8, VTD_BIT(63));
	r.u.haw = 39;           /* the tables are below 2^29; a CTP with bit 40 is not */
	poke(&r, re, VTD_BIT(40));
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), VTD_FR_ROOT_RSVD, 0x5000, DEV_A);
	unpoke(&r, re, VTD_BIT(40));
	CU_ASSERT_FALSE(xl(&r, DEV_A, 0x5000, VTD_REQ_READ).faulted);
	r.u.haw = 28;
	CU_ASSERT_EQUAL(vtd_translate(&r.m, &r.u, 0, &q, &res), 0);
	is_fault(res, VTD_FR_ROOT_TABLE_ACCESS, 0x5000, DEV_A);    /* no root table at 0 */
	r.u.haw = VTD_HAW_MAX;

	/* a context-table pointer to nothing */
	CU_ASSERT_EQUAL_FATAL(vtd_mem_read64(&r.m, re, &ctp), 0);
	CU_ASSERT_EQUAL_FATAL(vtd_mem_write64(&r.m, re, 0xdead000 | VTD_RE_LO_P), 0);
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), VTD_FR_CONTEXT_TABLE_ACCESS, 0x5000,
		 DEV_A);
	/* root entry not present, its pointer still there */
	CU_ASSERT_EQUAL_FATAL(vtd_mem_write64(&r.m, re, ctp & ~VTD_RE_LO_P), 0);
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), VTD_FR_ROOT_NOT_PRESENT, 0x5000, DEV_A);
	vtd_mem_free(&r.m);
}

static void test_context_faults(void)
{
	struct vtd_context_cfg c;
	uint64_t ce, re;
	struct rig r;

	rig_init(&r, VTD_SAGAW_39 | VTD_SAGAW_48, 48, SLLPS_ALL, VTD_AW_39);
	attach(&r, DEV_B, VTD_TT_UNTRANSLATED, false);
	map(&r, 0x5000, 0x6000, VTD_SIZE_4K, VTD_SL_R);
	CU_ASSERT_EQUAL_FATAL(vtd_mem_read64(&r.m, vtd_root_entry_at(r.rta, VTD_SID_BUS(DEV_B)),
					     &re), 0);
	ce = vtd_context_entry_at(re & VTD_RE_LO_CTP, VTD_SID_DEVFN(DEV_B));

	/* reserved bits: low 11:4, high 7 and 63:24; SLPTPTR beyond the HAW */
	poke(&r, ce, VTD_BIT(4));
	is_fault(xl(&r, DEV_B, 0x5000, VTD_REQ_READ), VTD_FR_CONTEXT_RSVD, 0x5000, DEV_B);
	unpoke(&r, ce, VTD_BIT(4));
	poke(&r, ce + 8, VTD_BIT(7));
	is_fault(xl(&r, DEV_B, 0x5000, VTD_REQ_READ), VTD_FR_CONTEXT_RSVD, 0x5000, DEV_B);
	unpoke(&r, ce + 8, VTD_BIT(7));
	poke(&r, ce + 8, VTD_BIT(24));
	is_fault(xl(&r, DEV_B, 0x5000, VTD_REQ_READ), VTD_FR_CONTEXT_RSVD, 0x5000, DEV_B);
	unpoke(&r, ce + 8, VTD_BIT(24));
	/* the ignored bits 6:3 of the high half are software's */
	poke(&r, ce + 8, VTD_CE_HI_IGN);
	is_hpa(xl(&r, DEV_B, 0x5000, VTD_REQ_READ), 0x6000, 1, 3);
	r.u.haw = 39;           /* the tables are below 2^29; an SLPTPTR with bit 40 is not */
	poke(&r, ce, VTD_BIT(40));
	is_fault(xl(&r, DEV_B, 0x5000, VTD_REQ_READ), VTD_FR_CONTEXT_RSVD, 0x5000, DEV_B);
	unpoke(&r, ce, VTD_BIT(40));
	r.u.haw = VTD_HAW_MAX;

	/* invalid programming: AW the unit lacks or reserved, TT reserved or unsupported */
	c = vtd_sl_domain_context(&r.d, VTD_TT_UNTRANSLATED, false);
	c.aw = VTD_AW_57;
	CU_ASSERT_EQUAL_FATAL(vtd_context_set(&r.m, r.rta, DEV_B, &c), 0);
	is_fault(xl(&r, DEV_B, 0x5000, VTD_REQ_READ), VTD_FR_CONTEXT_INVALID, 0x5000, DEV_B);
	c.aw = 0;
	CU_ASSERT_EQUAL_FATAL(vtd_context_set(&r.m, r.rta, DEV_B, &c), 0);
	is_fault(xl(&r, DEV_B, 0x5000, VTD_REQ_READ), VTD_FR_CONTEXT_INVALID, 0x5000, DEV_B);
	c = vtd_sl_domain_context(&r.d, VTD_TT_RESERVED, false);
	CU_ASSERT_EQUAL_FATAL(vtd_context_set(&r.m, r.rta, DEV_B, &c), 0);
	is_fault(xl(&r, DEV_B, 0x5000, VTD_REQ_READ), VTD_FR_CONTEXT_INVALID, 0x5000, DEV_B);
	c = vtd_sl_domain_context(&r.d, VTD_TT_PASS_THROUGH, false);
	CU_ASSERT_EQUAL_FATAL(vtd_context_set(&r.m, r.rta, DEV_B, &c), 0);
	r.u.pt = false;
	is_fault(xl(&r, DEV_B, 0x5000, VTD_REQ_READ), VTD_FR_CONTEXT_INVALID, 0x5000, DEV_B);
	r.u.pt = true;
	c = vtd_sl_domain_context(&r.d, VTD_TT_DEVICE_TLB, false);
	CU_ASSERT_EQUAL_FATAL(vtd_context_set(&r.m, r.rta, DEV_B, &c), 0);
	r.u.dt = false;
	is_fault(xl(&r, DEV_B, 0x5000, VTD_REQ_READ), VTD_FR_CONTEXT_INVALID, 0x5000, DEV_B);
	r.u.dt = true;
	is_hpa(xl(&r, DEV_B, 0x5000, VTD_REQ_READ), 0x6000, 1, 3);
	/* a field that does not fit its entry is refused by the builder */
	c.tt = 4;
	CU_ASSERT_EQUAL(vtd_context_set(&r.m, r.rta, DEV_B, &c), -EINVAL);
	c = vtd_sl_domain_context(&r.d, VTD_TT_UNTRANSLATED, false);
	c.slptptr |= 0x800;
	CU_ASSERT_EQUAL(vtd_context_set(&r.m, r.rta, DEV_B, &c), -EINVAL);
	vtd_mem_free(&r.m);
}

/* Translation requests: blocked unless TT is device-TLB (reason 0xD). */
static void test_translation_requests(void)
{
	struct rig r;
	struct vtd_xlate_result res;

	rig_default(&r, VTD_AW_39);
	map(&r, 0x5000, 0x6000, VTD_SIZE_4K, VTD_SL_R | VTD_SL_W);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_TRANSLATE), VTD_FR_TRANSLATION_BLOCKED, 0x5000,
		 DEV_A);
	CU_ASSERT_EQUAL(xl(&r, DEV_A, 0x5000, VTD_REQ_TRANSLATE).fault.kind, VTD_REQ_TRANSLATE);
	attach(&r, DEV_A, VTD_TT_PASS_THROUGH, false);
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_TRANSLATE), VTD_FR_TRANSLATION_BLOCKED, 0x5000,
		 DEV_A);
	attach(&r, DEV_A, VTD_TT_DEVICE_TLB, false);
	res = xl(&r, DEV_A, 0x5000, VTD_REQ_TRANSLATE);
	is_hpa(res, 0x6000, 1, 3);
	CU_ASSERT_EQUAL(res.perms, VTD_SL_R | VTD_SL_W);
	vtd_mem_free(&r.m);
}

static void test_pass_through(void)
{
	struct rig r;
	struct vtd_xlate_result res;

	rig_default(&r, VTD_AW_48);
	attach(&r, DEV_A, VTD_TT_PASS_THROUGH, false);
	res = xl(&r, DEV_A, 0x123456789ull, VTD_REQ_WRITE);
	CU_ASSERT_FALSE(res.faulted);
	CU_ASSERT_EQUAL(res.hpa, 0x123456789ull);
	CU_ASSERT_EQUAL(res.leaf_level, 0);
	CU_ASSERT_EQUAL(res.walked, 0);
	CU_ASSERT_EQUAL(res.did, DID);
	vtd_mem_free(&r.m);
}

/* Reserved bits in second-level entries (0xC), pointers to nothing (0x7). */
static void test_paging_entry_faults(void)
{
	struct vtd_xlate_unit small;
	struct vtd_context_cfg c;
	uint64_t at;
	struct rig r;

	rig_default(&r, VTD_AW_48);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	map(&r, 0x5000, 0x6000, VTD_SIZE_4K, VTD_SL_R);
	map(&r, VTD_SIZE_2M, VTD_SIZE_2M, VTD_SIZE_2M, VTD_SL_R);
	map(&r, VTD_SIZE_1G, VTD_SIZE_1G, VTD_SIZE_1G, VTD_SL_R);
	is_hpa(xl(&r, DEV_A, VTD_SIZE_2M, VTD_REQ_READ), VTD_SIZE_2M, 2, 3);

	/* the same tables on a unit without large pages: PS is reserved there */
	small = r.u;
	small.sllps = VTD_SLLPS_1G;
	is_fault(xl_unit(&r, &small, DEV_A, VTD_SIZE_2M, VTD_REQ_READ), VTD_FR_PAGING_ENTRY_RSVD,
		 VTD_SIZE_2M, DEV_A);
	CU_ASSERT_FALSE(xl_unit(&r, &small, DEV_A, VTD_SIZE_1G, VTD_REQ_READ).faulted);
	small.sllps = VTD_SLLPS_2M;
	is_fault(xl_unit(&r, &small, DEV_A, VTD_SIZE_1G, VTD_REQ_READ), VTD_FR_PAGING_ENTRY_RSVD,
		 VTD_SIZE_1G, DEV_A);
	CU_ASSERT_FALSE(xl_unit(&r, &small, DEV_A, VTD_SIZE_2M, VTD_REQ_READ).faulted);

	/* a 2 MiB leaf's address bits below 2 MiB are reserved */
	CU_ASSERT_EQUAL_FATAL(vtd_sl_entry_addr(&r.d, VTD_SIZE_2M, 2, &at), 0);
	poke(&r, at, VTD_BIT(12));
	is_fault(xl(&r, DEV_A, VTD_SIZE_2M, VTD_REQ_READ), VTD_FR_PAGING_ENTRY_RSVD, VTD_SIZE_2M,
		 DEV_A);
	unpoke(&r, at, VTD_BIT(12));
	/* ... and a 1 GiB leaf's below 1 GiB */
	CU_ASSERT_EQUAL_FATAL(vtd_sl_entry_addr(&r.d, VTD_SIZE_1G, 3, &at), 0);
	poke(&r, at, VTD_BIT(21));
	is_fault(xl(&r, DEV_A, VTD_SIZE_1G, VTD_REQ_READ), VTD_FR_PAGING_ENTRY_RSVD, VTD_SIZE_1G,
		 DEV_A);
	unpoke(&r, at, VTD_BIT(21));

	/* PS in an SL-PML4E, and in an SL-PTE */
	CU_ASSERT_EQUAL_FATAL(vtd_sl_entry_addr(&r.d, 0x5000, 4, &at), 0);
	poke(&r, at, VTD_SL_PS);
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), VTD_FR_PAGING_ENTRY_RSVD, 0x5000, DEV_A);
	CU_ASSERT_EQUAL(xl(&r, DEV_A, 0x5000, VTD_REQ_READ).walked, 1);
	unpoke(&r, at, VTD_SL_PS);
	CU_ASSERT_EQUAL_FATAL(vtd_sl_entry_addr(&r.d, 0x5000, 1, &at), 0);
	poke(&r, at, VTD_SL_PS);
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), VTD_FR_PAGING_ENTRY_RSVD, 0x5000, DEV_A);
	unpoke(&r, at, VTD_SL_PS);
	/* SNP without ECAP.SC */
	poke(&r, at, VTD_SL_SNP);
	CU_ASSERT_FALSE(xl(&r, DEV_A, 0x5000, VTD_REQ_READ).faulted);
	r.u.sc = false;
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), VTD_FR_PAGING_ENTRY_RSVD, 0x5000, DEV_A);
	r.u.sc = true;
	unpoke(&r, at, VTD_SL_SNP);
	/* a page address above the host address width */
	r.u.haw = 30;
	is_fault(xl(&r, DEV_A, VTD_SIZE_1G, VTD_REQ_READ), VTD_FR_PAGING_ENTRY_RSVD, VTD_SIZE_1G,
		 DEV_A);
	r.u.haw = VTD_HAW_MAX;
	/* reserved bits in a not-present entry are not looked at */
	CU_ASSERT_EQUAL_FATAL(vtd_sl_entry_addr(&r.d, 0x7000, 1, &at), 0);
	poke(&r, at, VTD_SL_PS | VTD_SL_SNP);
	is_fault(xl(&r, DEV_A, 0x7000, VTD_REQ_READ), VTD_FR_READ, 0x7000, DEV_A);

	/* a directory entry pointing at no memory, and an SLPTPTR that does */
	CU_ASSERT_EQUAL_FATAL(vtd_sl_entry_addr(&r.d, 0x5000, 2, &at), 0);
	CU_ASSERT_EQUAL_FATAL(vtd_mem_write64(&r.m, at, 0xbad000 | VTD_SL_R | VTD_SL_W), 0);
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), VTD_FR_PAGING_ENTRY_ACCESS, 0x5000, DEV_A);
	CU_ASSERT_EQUAL(xl(&r, DEV_A, 0x5000, VTD_REQ_READ).walked, 3);
	c = vtd_sl_domain_context(&r.d, VTD_TT_UNTRANSLATED, false);
	c.slptptr = 0xbad000;
	CU_ASSERT_EQUAL_FATAL(vtd_context_set(&r.m, r.rta, DEV_A, &c), 0);
	is_fault(xl(&r, DEV_A, VTD_SIZE_2M, VTD_REQ_READ), VTD_FR_PAGING_ENTRY_ACCESS,
		 VTD_SIZE_2M, DEV_A);
	CU_ASSERT_EQUAL(xl(&r, DEV_A, VTD_SIZE_2M, VTD_REQ_READ).walked, 0);
	vtd_mem_free(&r.m);
}

/* FPD: faults found in the walk are blocked but not recorded. */
static void test_fault_processing_disable(void)
{
	struct vtd_context_cfg c;
	struct vtd_xlate_result res;
	struct rig r;

	rig_default(&r, VTD_AW_39);
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, true);
	map(&r, 0x5000, 0x6000, VTD_SIZE_4K, VTD_SL_R);
	is_hpa(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), 0x6000, 1, 3);
	res = xl(&r, DEV_A, 0x5000, VTD_REQ_WRITE);
	CU_ASSERT_TRUE(res.faulted);
	CU_ASSERT_FALSE(res.recorded);
	CU_ASSERT_EQUAL(res.fault.reason, VTD_FR_WRITE);
	res = xl(&r, DEV_A, 1ull << 39, VTD_REQ_READ);
	CU_ASSERT_TRUE(res.faulted);
	CU_ASSERT_FALSE(res.recorded);
	CU_ASSERT_EQUAL(res.fault.reason, VTD_FR_ADDR_BEYOND_AGAW);
	/* an invalid context entry's FPD is not trusted: recorded */
	c = vtd_sl_domain_context(&r.d, VTD_TT_RESERVED, true);
	CU_ASSERT_EQUAL_FATAL(vtd_context_set(&r.m, r.rta, DEV_A, &c), 0);
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_READ), VTD_FR_CONTEXT_INVALID, 0x5000, DEV_A);
	/* without FPD the same write fault is recorded */
	attach(&r, DEV_A, VTD_TT_UNTRANSLATED, false);
	is_fault(xl(&r, DEV_A, 0x5000, VTD_REQ_WRITE), VTD_FR_WRITE, 0x5000, DEV_A);
	vtd_mem_free(&r.m);
}

static void test_fault_reason_names(void)
{
	unsigned fr;

	for (fr = VTD_FR_ROOT_NOT_PRESENT; fr <= VTD_FR_LEGACY_LAST; fr++) {
		CU_ASSERT_PTR_NOT_NULL(vtd_fault_reason_name(fr));
		CU_ASSERT_PTR_NOT_NULL(vtd_fault_reason_linux(fr));
	}
	CU_ASSERT_PTR_NULL(vtd_fault_reason_name(VTD_FR_NONE));
	CU_ASSERT_PTR_NULL(vtd_fault_reason_name(VTD_FR_LEGACY_LAST + 1));
	CU_ASSERT_PTR_NULL(vtd_fault_reason_linux(VTD_FR_LEGACY_LAST + 1));
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_linux(VTD_FR_NONE), "Software");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_linux(VTD_FR_ROOT_NOT_PRESENT),
			       "Present bit in root entry is clear");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_linux(VTD_FR_ADDR_BEYOND_AGAW),
			       "Access beyond MGAW");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_linux(VTD_FR_WRITE),
			       "PTE Write access is not set");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_linux(VTD_FR_PAGING_ENTRY_ACCESS),
			       "Next page table ptr is invalid");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_linux(VTD_FR_PAGING_ENTRY_RSVD),
			       "non-zero reserved fields in PTE");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_linux(VTD_FR_TRANSLATION_BLOCKED),
			       "PCE for translation request specifies blocking");
}

/* The model memory: many pages, only added ones readable, aligned qwords. */
static void test_model_memory(void)
{
	enum { PAGES = 20000 };
	struct vtd_mem m;
	uint64_t v, hpa;
	unsigned i;

	vtd_mem_init(&m, 0x1000);
	for (i = 0; i < PAGES; i++)
		CU_ASSERT_EQUAL_FATAL(vtd_mem_add_page(&m, (uint64_t)i * 0x3000 + 0x100000000ull), 0);
	CU_ASSERT_EQUAL(m.npages, PAGES);
	for (i = 0; i < PAGES; i++)
		CU_ASSERT_TRUE(vtd_mem_has_page(&m, (uint64_t)i * 0x3000 + 0x100000000ull + 0xfff));
	CU_ASSERT_FALSE(vtd_mem_has_page(&m, 0x100001000ull));
	CU_ASSERT_EQUAL(vtd_mem_write64(&m, 0x100000008ull, 0x1122334455667788ull), 0);
	CU_ASSERT_EQUAL(vtd_mem_read64(&m, 0x100000008ull, &v), 0);
	CU_ASSERT_EQUAL(v, 0x1122334455667788ull);
	CU_ASSERT_EQUAL(vtd_mem_add_page(&m, 0x100000000ull), 0);   /* kept, not zeroed */
	CU_ASSERT_EQUAL(vtd_mem_read64(&m, 0x100000008ull, &v), 0);
	CU_ASSERT_EQUAL(v, 0x1122334455667788ull);
	CU_ASSERT_EQUAL(vtd_mem_read64(&m, 0x100000004ull, &v), -EINVAL);
	CU_ASSERT_EQUAL(vtd_mem_read64(&m, 0x100001000ull, &v), -EFAULT);
	CU_ASSERT_EQUAL(vtd_mem_write64(&m, 0x100001000ull, 0), -EFAULT);
	/* table pages skip what is there */
	CU_ASSERT_EQUAL(vtd_mem_add_page(&m, 0x2000), 0);
	CU_ASSERT_EQUAL(vtd_mem_alloc_table(&m, &hpa), 0);
	CU_ASSERT_EQUAL(hpa, 0x1000);
	CU_ASSERT_EQUAL(vtd_mem_alloc_table(&m, &hpa), 0);
	CU_ASSERT_EQUAL(hpa, 0x3000);
	vtd_mem_free(&m);
	/* an empty memory reads nothing */
	CU_ASSERT_EQUAL(vtd_mem_read64(&m, 0, &v), -EFAULT);
}

void register_translate_tests(void)
{
	static const struct unit_test tests[] = {
		{ "CAP/ECAP to unit parameters; Linux's AGAW", test_unit_from_regs },
		{ "3-, 4- and 5-level walks", test_walk_levels },
		{ "4 KiB, 2 MiB and 1 GiB leaves", test_page_sizes },
		{ "large pages split without SLLPS or alignment", test_large_pages_split },
		{ "R-only, W-only, RW pages", test_permissions },
		{ "unmap faults again", test_unmap },
		{ "map refusals", test_map_errors },
		{ "page, AGAW and MGAW boundaries", test_boundaries },
		{ "source IDs of different devices", test_source_ids },
		{ "root table and root entry faults", test_root_faults },
		{ "context entry faults", test_context_faults },
		{ "translation requests and TT", test_translation_requests },
		{ "pass-through", test_pass_through },
		{ "second-level entry faults", test_paging_entry_faults },
		{ "fault processing disable", test_fault_processing_disable },
		{ "fault reason names", test_fault_reason_names },
		{ "model memory", test_model_memory },
		{ NULL, NULL },
	};

	unit_add_suite("translate", tests);
}
