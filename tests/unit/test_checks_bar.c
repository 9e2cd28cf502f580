// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bar suite's checks on hand-made functions: config space written
 * register by register, the kernel's sysfs `resource` lines filled by
 * hand (or left out, as an lspci dump leaves them).
 */
#include <string.h>

#include "fixture.h"
#include "pci_fixture.h"
#include "../../ref/bar_hazards.h"
#include "../../ref/le.h"
#include "../../ref/pci_bars.h"
#include "../../suites/bar/bar_suite.h"

#define ID_SUB      "bar.sub-page"
#define ID_SHARED   "bar.page-shared"
#define ID_MSIX     "bar.msix-page"
#define ID_LARGE    "bar.internal-memory"
#define ID_KNOWN    "bar.known-hazard"

#define MSIX_AT     0x60            /* after the fixture's PCIe capability at 0x40 */
#define VIRTIO_AT   0x80
#define CLASS_NIC   0x020000u

static const uint8_t no_table[1];

/* An endpoint of @class with sysfs resources (all empty until mem_bar()). */
static struct pci_fn *dev(struct vt_env *env, uint8_t bus, uint16_t vendor, uint32_t class)
{
	struct pci_fn *f = fx_pci_fn(&env->pci, bus, 0, 0, vendor, 0x1234,
				     PCI_EXP_TYPE_ENDPOINT, false, 0, NO_ACS);

	put_le32(f->cfg + PCI_CFG_CLASS_REV, class << 8);
	pci_fn_decode_header(f);
	f->sys.seen = true;
	f->sys.nres = PCI_RES_ROM + 1;
	return f;
}

static void mem_bar(struct pci_fn *f, unsigned i, uint64_t start, uint64_t size, uint32_t type)
{
	put_le32(f->cfg + PCI_CFG_BAR0 + i * 4, (uint32_t)start | type);
	if (type & PCI_BAR_MEM_TYPE_64)
		put_le32(f->cfg + PCI_CFG_BAR0 + (i + 1) * 4, (uint32_t)(start >> 32));
	f->sys.res[i] = (struct pci_resource){ start, start + size - 1, PCI_RESF_MEM };
}

static void msix(struct pci_fn *f, unsigned entries, uint8_t tbir, uint32_t toff,
		 uint8_t pbir, uint32_t poff)
{
	f->cfg[0x40 + PCI_CAP_NEXT] = MSIX_AT;
	f->cfg[MSIX_AT + PCI_CAP_ID] = PCI_CAP_ID_MSIX;
	put_le16(f->cfg + MSIX_AT + PCI_MSIX_FLAGS, (uint16_t)(entries - 1));
	put_le32(f->cfg + MSIX_AT + PCI_MSIX_TABLE, toff | tbir);
	put_le32(f->cfg + MSIX_AT + PCI_MSIX_PBA, poff | pbir);
}

static void run(const char *id, struct vt_env *env, struct vt_results *rs)
{
	vt_results_init(rs, "fixture", "fixture");
	run_check(id, no_table, 0, env, rs);
}

static void done(struct vt_env *env, struct vt_results *rs)
{
	vt_results_free(rs);
	env_free(env);
}

/* A NIC with a 16 KiB and a page-aligned, lonely 256-byte BAR; a root port's tiny BAR. */
static void sound_machine(struct vt_env *env)
{
	struct pci_fn *f;

	env_init(env);
	f = dev(env, 1, 0x8086, CLASS_NIC);
	mem_bar(f, 0, 0xfe000000ull, 0x4000, PCI_BAR_MEM_TYPE_64);
	mem_bar(f, 2, 0xfe100000ull, 0x100, PCI_BAR_MEM_TYPE_32);
	msix(f, 4, 0, 0x2000, 0, 0x3000);
	f = RP(&env->pci, 0, 0x1c, 0, 1, NO_ACS);
	f->sys.nres = PCI_RES_ROM + 1;
	mem_bar(f, 0, 0xfe101000ull, 0x100, PCI_BAR_MEM_TYPE_32);   /* a bridge: not judged */
}

static void test_sound_machine_passes(void)
{
	static const char *const ids[] = { ID_SUB, ID_SHARED, ID_MSIX, ID_LARGE, ID_KNOWN };
	struct vt_results rs;
	struct vt_env env;
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		sound_machine(&env);
		run(ids[i], &env, &rs);
		ASSERT_STATUS(&rs, ids[i], VT_PASS);
		done(&env, &rs);
	}
}

static void test_sub_page_warns(void)
{
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;

	env_init(&env);
	f = dev(&env, 1, 0x8086, CLASS_NIC);
	mem_bar(f, 0, 0xfe000100ull, 0x100, PCI_BAR_MEM_TYPE_32);  /* inside a page */
	run(ID_SUB, &env, &rs);
	ASSERT_STATUS(&rs, ID_SUB, VT_WARN);
	ASSERT_MSG_HAS(&rs, ID_SUB, VT_WARN, "inside a 4 KiB page");
	ASSERT_MSG_HAS(&rs, ID_SUB, VT_WARN, "vfio-pci will not mmap it");
	done(&env, &rs);
	/* Page-aligned, but another function's BAR shares the page: no reservation, no mmap. */
	env_init(&env);
	f = dev(&env, 1, 0x8086, CLASS_NIC);
	mem_bar(f, 0, 0xfe100000ull, 0x100, PCI_BAR_MEM_TYPE_32);
	f = dev(&env, 2, 0x8086, CLASS_NIC);
	mem_bar(f, 0, 0xfe100800ull, 0x100, PCI_BAR_MEM_TYPE_32);
	run(ID_SUB, &env, &rs);
	ASSERT_COUNT(&rs, ID_SUB, VT_WARN, 2);
	ASSERT_MSG_HAS(&rs, ID_SUB, VT_WARN, "its page also holds 0000:02:00.0 BAR0");
	ASSERT_SUBJECT_HAS(&rs, ID_SUB, VT_WARN, "0000:01:00.0");
	done(&env, &rs);
}

static void test_page_shared_warns(void)
{
	const struct vt_result *r;
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;

	env_init(&env);
	f = dev(&env, 1, 0x8086, CLASS_NIC);
	mem_bar(f, 0, 0xfe100000ull, 0x100, PCI_BAR_MEM_TYPE_32);
	mem_bar(f, 1, 0xfe100100ull, 0x100, PCI_BAR_MEM_TYPE_32);  /* its own: fine */
	f = dev(&env, 2, 0x8086, CLASS_NIC);
	mem_bar(f, 0, 0xfe200000ull, 0x1000, PCI_BAR_MEM_TYPE_32);
	run(ID_SHARED, &env, &rs);
	ASSERT_STATUS(&rs, ID_SHARED, VT_PASS);
	vt_results_free(&rs);
	/* A third function's BAR in 01:00.0's page: both sides warn, each naming the other. */
	f = dev(&env, 3, 0x8086, CLASS_NIC);
	mem_bar(f, 0, 0xfe100800ull, 0x800, PCI_BAR_MEM_TYPE_32);
	run(ID_SHARED, &env, &rs);
	ASSERT_STATUS(&rs, ID_SHARED, VT_WARN);
	ASSERT_COUNT(&rs, ID_SHARED, VT_WARN, 3);
	ASSERT_MSG_HAS(&rs, ID_SHARED, VT_WARN, "shares the 4 KiB page at 0xfe100000 with "
		       "0000:03:00.0 BAR0");
	ASSERT_MSG_HAS(&rs, ID_SHARED, VT_WARN, "with 0000:01:00.0 BAR");
	r = result_of(&rs, ID_SHARED, VT_WARN);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL(evidence_str(r, "other"));
	{
		uint64_t v;

		CU_ASSERT(evidence_uint(r, "other_start", &v));
		CU_ASSERT(evidence_uint(r, "page", &v) && v == 0xfe100000ull);
	}
	done(&env, &rs);
}

static void test_sizes_unknown_skip(void)
{
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;

	env_init(&env);
	f = dev(&env, 1, 0x8086, CLASS_NIC);
	put_le32(f->cfg + PCI_CFG_BAR0, 0xfe000100u);   /* would warn if sized */
	f->sys.nres = 0;                                /* an lspci dump: no sizes */
	run(ID_SUB, &env, &rs);
	ASSERT_STATUS(&rs, ID_SUB, VT_SKIP);
	ASSERT_MSG_HAS(&rs, ID_SUB, VT_SKIP, "an lspci dump does not size BARs");
	vt_results_free(&rs);
	run(ID_LARGE, &env, &rs);
	ASSERT_STATUS(&rs, ID_LARGE, VT_SKIP);
	done(&env, &rs);
}

static void test_msix_overlap_and_fit_fail(void)
{
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;
	uint64_t v;

	env_init(&env);
	f = dev(&env, 1, 0x8086, CLASS_NIC);
	mem_bar(f, 0, 0xfe000000ull, 0x4000, PCI_BAR_MEM_TYPE_32);
	msix(f, 64, 0, 0x0, 0, 0x200);                  /* table [0-0x3ff], PBA at 0x200 */
	run(ID_MSIX, &env, &rs);
	ASSERT_STATUS(&rs, ID_MSIX, VT_FAIL);
	ASSERT_MSG_HAS(&rs, ID_MSIX, VT_FAIL, "overlap in BAR0");
	CU_ASSERT(evidence_uint(result_of(&rs, ID_MSIX, VT_FAIL), "pba_size", &v) && v == 8);
	done(&env, &rs);
	env_init(&env);
	f = dev(&env, 1, 0x8086, CLASS_NIC);
	mem_bar(f, 0, 0xfe000000ull, 0x4000, PCI_BAR_MEM_TYPE_32);
	msix(f, 8, 0, 0x3fc0, 0, 0x3000);              /* the table runs past 16 KiB */
	run(ID_MSIX, &env, &rs);
	ASSERT_STATUS(&rs, ID_MSIX, VT_FAIL);
	ASSERT_MSG_HAS(&rs, ID_MSIX, VT_FAIL, "runs past the end of BAR0 (16 KiB)");
	CU_ASSERT(evidence_uint(result_of(&rs, ID_MSIX, VT_FAIL), "bar_size", &v) &&
		  v == 0x4000);
	done(&env, &rs);
	env_init(&env);
	f = dev(&env, 1, 0x8086, CLASS_NIC);
	msix(f, 8, 7, 0, 0, 0x1000);                    /* BIR 7 is reserved */
	run(ID_MSIX, &env, &rs);
	ASSERT_MSG_HAS(&rs, ID_MSIX, VT_FAIL, "BIR 7, which is reserved");
	done(&env, &rs);
}

/* A VirtIO device whose common configuration sits in the MSI-X table's page. */
static void test_msix_virtio_neighbour_warns(void)
{
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;

	env_init(&env);
	f = dev(&env, 1, PCI_VENDOR_ID_VIRTIO, CLASS_NIC);
	mem_bar(f, 1, 0xfe000000ull, 0x1000, PCI_BAR_MEM_TYPE_32);
	msix(f, 2, 1, 0x0, 1, 0x100);
	f->cfg[MSIX_AT + PCI_CAP_NEXT] = VIRTIO_AT;
	f->cfg[VIRTIO_AT + PCI_CAP_ID] = PCI_CAP_ID_VNDR;
	f->cfg[VIRTIO_AT + 2] = VIRTIO_PCI_CAP_SIZE;
	f->cfg[VIRTIO_AT + VIRTIO_PCI_CAP_CFG_TYPE] = VIRTIO_PCI_CAP_COMMON_CFG;
	f->cfg[VIRTIO_AT + VIRTIO_PCI_CAP_BAR] = 1;
	put_le32(f->cfg + VIRTIO_AT + VIRTIO_PCI_CAP_OFFSET, 0x800);
	put_le32(f->cfg + VIRTIO_AT + VIRTIO_PCI_CAP_LENGTH, 0x38);
	run(ID_MSIX, &env, &rs);
	ASSERT_STATUS(&rs, ID_MSIX, VT_WARN);
	ASSERT_MSG_HAS(&rs, ID_MSIX, VT_WARN, "shares a 4 KiB page with VirtIO configuration "
		       "registers (cfg_type 1) at BAR1 + 0x800-0x837");
	done(&env, &rs);
}

static void test_large_bar_warns(void)
{
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;
	uint64_t v;

	env_init(&env);
	f = dev(&env, 1, 0x1234, 0x120000u);            /* a processing accelerator */
	mem_bar(f, 0, 0xfe000000ull, 0x100000, PCI_BAR_MEM_TYPE_32);
	mem_bar(f, 2, 0x400000000ull, 256ull << 20, PCI_BAR_MEM_TYPE_64 | PCI_BAR_MEM_PREFETCH);
	run(ID_LARGE, &env, &rs);
	ASSERT_STATUS(&rs, ID_LARGE, VT_WARN);
	ASSERT_COUNT(&rs, ID_LARGE, VT_WARN, 1);
	ASSERT_MSG_HAS(&rs, ID_LARGE, VT_WARN, "possible internal-memory BAR: BAR2 is 256 MiB "
		       "(prefetchable)");
	CU_ASSERT(evidence_uint(result_of(&rs, ID_LARGE, VT_WARN), "threshold", &v) &&
		  v == BAR_INTERNAL_MEMORY_MIN);
	done(&env, &rs);
}

static void test_known_hazard_builtin_warns(void)
{
	struct vt_results rs;
	struct vt_env env;

	env_init(&env);
	dev(&env, 1, 0x10de, PCI_CLASS_VGA);            /* VGA-compatible: the built-in entry */
	run(ID_KNOWN, &env, &rs);
	ASSERT_STATUS(&rs, ID_KNOWN, VT_WARN);
	ASSERT_MSG_HAS(&rs, ID_KNOWN, VT_WARN, "known hazard (fixtures/bar-hazards.txt:");
	ASSERT_MSG_HAS(&rs, ID_KNOWN, VT_WARN, "legacy VGA ranges");
	CU_ASSERT_PTR_NOT_NULL(evidence_str(result_of(&rs, ID_KNOWN, VT_WARN), "source"));
	done(&env, &rs);
}

/* --hazards entries reach the suite through the run options, never a path. */
static void test_known_hazard_user_entries(void)
{
	static const char text[] = "ids=8086:1234 bar=3 | not this one | s1\n"
				   "ids=8086:1234 bar=0 | pointers into BAR0 | s2\n";
	const struct vt_suite *suite;
	const struct vt_check *c = vt_find_check(ID_KNOWN, &suite);
	struct vt_run_opts opts = { 0 };
	struct bar_hazards db;
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;
	char err[128];

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	bar_hazards_init(&db);
	CU_ASSERT_FATAL(bar_hazards_parse(&db, "mine.txt", text, sizeof(text) - 1, err,
					  sizeof(err)) == 0);
	opts.hazards = &db;
	env_init(&env);
	f = dev(&env, 1, 0x8086, CLASS_NIC);
	mem_bar(f, 0, 0xfe000000ull, 0x4000, PCI_BAR_MEM_TYPE_32);
	CU_ASSERT_FATAL(pci_model_finish(&env.pci) == 0);
	vt_results_init(&rs, "fixture", "fixture");
	vt_run_check(&rs, &env, suite, c, &opts);
	ASSERT_STATUS(&rs, ID_KNOWN, VT_WARN);
	ASSERT_COUNT(&rs, ID_KNOWN, VT_WARN, 1);
	ASSERT_MSG_HAS(&rs, ID_KNOWN, VT_WARN, "known hazard (mine.txt:2): pointers into BAR0");
	done(&env, &rs);
	bar_hazards_free(&db);
}

const struct unit_test check_bar_tests[] = {
	{ "sound_machine_passes", test_sound_machine_passes },
	{ "sub_page_warns", test_sub_page_warns },
	{ "page_shared_warns", test_page_shared_warns },
	{ "sizes_unknown_skip", test_sizes_unknown_skip },
	{ "msix_overlap_and_fit_fail", test_msix_overlap_and_fit_fail },
	{ "msix_virtio_neighbour_warns", test_msix_virtio_neighbour_warns },
	{ "large_bar_warns", test_large_bar_warns },
	{ "known_hazard_builtin_warns", test_known_hazard_builtin_warns },
	{ "known_hazard_user_entries", test_known_hazard_user_entries },
	{ NULL, NULL }
};
