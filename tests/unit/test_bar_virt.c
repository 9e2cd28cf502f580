// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The BAR virtualization model (ref/bar_virt.h), the BARs read from config
 * space and sysfs (ref/pci_bars.h) and the hazard database's parser
 * (ref/bar_hazards.h).
 */
#include <string.h>

#include <CUnit/CUnit.h>

#include "unit.h"
#include "pci_fixture.h"
#include "../../ref/bar_hazards.h"
#include "../../ref/bar_virt.h"
#include "../../ref/le.h"
#include "../../ref/pci_bars.h"

#define HOST_BAR0   0xfe000000ull
#define HOST_BAR2   0xf0000000ull
#define MEM_SIZE    0x10000ull          /* the model device's internal memory */
#define BUF_OFFSET  0x1230ull           /* the buffer the driver points the device at */
#define MAGIC       0xa5

/*
 * The guide's device: internal memory behind BAR0. The driver fills a
 * buffer in it through its CPU mapping (guest BAR + offset, mapped by the
 * hypervisor to the host BAR), then hands the device a pointer computed
 * the same way; the device reads the buffer at the pointer as it decodes it.
 * Returns what the device read, or 0 when the pointer was not its memory.
 */
static uint8_t device_reads(const struct bar_virt *v, struct bar_virt_decode *d)
{
	static uint8_t memory[MEM_SIZE];
	uint64_t hpa = 0, ptr;

	memset(memory, 0, sizeof(memory));
	CU_ASSERT_FATAL(bar_virt_cpu(v, bar_virt_driver_pointer(v, 0, BUF_OFFSET), &hpa));
	CU_ASSERT_FATAL(hpa >= v->bar[0].host && hpa - v->bar[0].host < MEM_SIZE);
	memory[hpa - v->bar[0].host] = MAGIC;
	ptr = bar_virt_driver_pointer(v, 0, BUF_OFFSET);
	bar_virt_device_decode(v, 0, BUF_OFFSET, ptr, d);
	return d->bar == 0 ? memory[d->offset] : 0;
}

static void test_identity_hits(void)
{
	struct bar_virt v;
	struct bar_virt_decode d;

	bar_virt_init(&v);
	CU_ASSERT_EQUAL(bar_virt_add(&v, HOST_BAR0, 0xc0000000ull, MEM_SIZE), 0);
	bar_virt_identity(&v);
	CU_ASSERT(bar_virt_is_identity(&v, 0));
	CU_ASSERT_EQUAL(device_reads(&v, &d), MAGIC);
	CU_ASSERT_EQUAL(d.hit, BAR_VIRT_HIT);
	CU_ASSERT_EQUAL(d.offset, BUF_OFFSET);
	CU_ASSERT_STRING_EQUAL(bar_virt_hit_name(d.hit), "hit");
}

/* A guest BAR that happens to equal the host's is as good as the identity option. */
static void test_equal_by_chance_hits(void)
{
	struct bar_virt v;
	struct bar_virt_decode d;

	bar_virt_init(&v);
	bar_virt_add(&v, HOST_BAR0, HOST_BAR0, MEM_SIZE);
	CU_ASSERT(bar_virt_is_identity(&v, 0));
	CU_ASSERT_EQUAL(device_reads(&v, &d), MAGIC);
}

/* The CPU path works wherever the guest put the BAR; the device's pointer misses. */
static void test_moved_bar_misses(void)
{
	struct bar_virt v;
	struct bar_virt_decode d;
	uint64_t hpa;

	bar_virt_init(&v);
	bar_virt_add(&v, HOST_BAR0, 0xc0000000ull, MEM_SIZE);
	CU_ASSERT(bar_virt_cpu(&v, 0xc0000000ull + 0x10, &hpa));
	CU_ASSERT_EQUAL(hpa, HOST_BAR0 + 0x10);
	CU_ASSERT(!bar_virt_is_identity(&v, 0));
	CU_ASSERT_EQUAL(device_reads(&v, &d), 0);
	CU_ASSERT_EQUAL(d.hit, BAR_VIRT_OUTSIDE);
	CU_ASSERT_EQUAL(d.bar, -1);
	CU_ASSERT(!bar_virt_cpu(&v, 0x1000, &hpa));     /* no BAR there */
}

/* A guest BAR overlapping the host one: the pointer lands in the memory, elsewhere. */
static void test_shifted_bar_wrong_offset(void)
{
	struct bar_virt v;
	struct bar_virt_decode d;

	bar_virt_init(&v);
	bar_virt_add(&v, HOST_BAR0, HOST_BAR0 + 0x2000, MEM_SIZE);
	CU_ASSERT_EQUAL(device_reads(&v, &d), 0);
	CU_ASSERT_EQUAL(d.hit, BAR_VIRT_WRONG_OFFSET);
	CU_ASSERT_EQUAL(d.bar, 0);
	CU_ASSERT_EQUAL(d.offset, BUF_OFFSET + 0x2000);
}

/* The guest's BAR0 where the host has BAR2: the device takes it for BAR2. */
static void test_pointer_into_other_bar(void)
{
	struct bar_virt v;
	struct bar_virt_decode d;

	bar_virt_init(&v);
	bar_virt_add(&v, HOST_BAR0, HOST_BAR2, MEM_SIZE);
	bar_virt_add(&v, HOST_BAR2, HOST_BAR0, MEM_SIZE);
	bar_virt_device_decode(&v, 0, BUF_OFFSET, bar_virt_driver_pointer(&v, 0, BUF_OFFSET),
			       &d);
	CU_ASSERT_EQUAL(d.hit, BAR_VIRT_WRONG_OFFSET);
	CU_ASSERT_EQUAL(d.bar, 1);
	CU_ASSERT_STRING_EQUAL(bar_virt_hit_name(BAR_VIRT_OUTSIDE), "outside");
	/* The identity option repairs both. */
	bar_virt_identity(&v);
	bar_virt_device_decode(&v, 0, BUF_OFFSET, bar_virt_driver_pointer(&v, 0, BUF_OFFSET),
			       &d);
	CU_ASSERT_EQUAL(d.hit, BAR_VIRT_HIT);
}

/* Pages: a map whose page offsets differ cannot be direct (EPT maps pages). */
static void test_page_offsets(void)
{
	struct bar_virt v;
	int i;

	bar_virt_init(&v);
	CU_ASSERT_EQUAL(bar_virt_add(&v, HOST_BAR0 + 0x100, 0xc0000000ull + 0x100, 0x100), 0);
	CU_ASSERT(v.bar[0].direct);
	CU_ASSERT_EQUAL(bar_virt_add(&v, HOST_BAR0 + 0x200, 0xc0001000ull, 0x100), 1);
	CU_ASSERT(!v.bar[1].direct);
	bar_virt_identity(&v);
	CU_ASSERT(v.bar[1].direct);
	/* Refused: empty, wrapping, one too many. */
	CU_ASSERT_EQUAL(bar_virt_add(&v, HOST_BAR0, HOST_BAR0, 0), -1);
	CU_ASSERT_EQUAL(bar_virt_add(&v, UINT64_MAX - 0xff, 0, 0x1000), -1);
	CU_ASSERT_EQUAL(bar_virt_add(&v, 0, UINT64_MAX, 2), -1);
	for (i = 2; i < BAR_VIRT_MAX_BARS; i++)
		CU_ASSERT_EQUAL(bar_virt_add(&v, (uint64_t)i << 20, (uint64_t)i << 20, 0x1000), i);
	CU_ASSERT_EQUAL(bar_virt_add(&v, 1ull << 30, 1ull << 30, 0x1000), -1);
	CU_ASSERT_EQUAL(bar_virt_driver_pointer(&v, BAR_VIRT_MAX_BARS, 5), 5);
}

/* ---- BARs from config space ---- */

static struct pci_fn *nic(struct pci_model *m)
{
	return fx_pci_fn(m, 1, 0, 0, 0x8086, 0x10d3, PCI_EXP_TYPE_ENDPOINT, false, 0, NO_ACS);
}

static void test_bars_from_config_and_sysfs(void)
{
	struct pci_model m = { 0 };
	struct pci_fn *f = nic(&m);
	struct pci_bars b;

	put_le32(f->cfg + PCI_CFG_BAR0, 0xfe000000u | PCI_BAR_MEM_TYPE_64 | PCI_BAR_MEM_PREFETCH);
	put_le32(f->cfg + PCI_CFG_BAR0 + 4, 0x1);               /* upper half */
	put_le32(f->cfg + PCI_CFG_BAR0 + 8, 0xe000u | PCI_BAR_SPACE_IO);
	put_le32(f->cfg + PCI_CFG_ROM_ADDRESS, 0xfd800000u);
	pci_fn_bars(f, &b);
	CU_ASSERT(!b.sizes_known);
	CU_ASSERT_EQUAL_FATAL(b.n, 3);
	CU_ASSERT_EQUAL(b.b[0].index, 0);
	CU_ASSERT(b.b[0].is64 && b.b[0].prefetchable && b.b[0].type == PCI_BAR_MEM);
	CU_ASSERT_EQUAL(b.b[0].start, 0x1fe000000ull);
	CU_ASSERT(!b.b[0].size_known);
	CU_ASSERT_EQUAL(b.b[1].index, 2);               /* 1 was the upper half */
	CU_ASSERT_EQUAL(b.b[1].type, PCI_BAR_IO);
	CU_ASSERT_EQUAL(b.b[1].start, 0xe000);
	CU_ASSERT_EQUAL(b.b[2].type, PCI_BAR_ROM);
	CU_ASSERT_STRING_EQUAL(pci_bar_type_name(b.b[2].type), "rom");
	CU_ASSERT_PTR_NULL(pci_bars_find(&b, 1));
	/* With sysfs: sizes, and a BAR the register left at 0 but the kernel sized. */
	f->sys.nres = PCI_RES_ROM + 1;
	f->sys.res[0] = (struct pci_resource){ 0x1fe000000ull, 0x1fe003fffull, PCI_RESF_MEM };
	f->sys.res[2] = (struct pci_resource){ 0xe000, 0xe01f, PCI_RESF_IO };
	f->sys.res[4] = (struct pci_resource){ 0, 0xfff, PCI_RESF_MEM };   /* unplaced */
	f->sys.res[PCI_RES_ROM] = (struct pci_resource){ 0xfd800000u, 0xfd83ffffu, PCI_RESF_MEM };
	pci_fn_bars(f, &b);
	CU_ASSERT(b.sizes_known);
	CU_ASSERT_EQUAL_FATAL(b.n, 4);
	CU_ASSERT_EQUAL(b.b[0].size, 0x4000);
	CU_ASSERT_EQUAL(b.b[1].size, 0x20);
	CU_ASSERT_EQUAL(b.b[2].index, 4);
	CU_ASSERT_EQUAL(b.b[2].size, 0x1000);
	CU_ASSERT(!b.b[2].start_known);
	CU_ASSERT_EQUAL(b.b[3].size, 0x40000);
	pci_model_free(&m);
}

static void test_bars_short_config(void)
{
	struct pci_model m = { 0 };
	struct pci_fn *f = nic(&m);
	struct pci_bars b;

	put_le32(f->cfg + PCI_CFG_BAR0, PCI_BAR_UNREADABLE);
	pci_fn_bars(f, &b);
	CU_ASSERT_EQUAL(b.n, 0);
	f->cfg_len = 16;                                 /* header not read */
	pci_fn_bars(f, &b);
	CU_ASSERT_EQUAL(b.n, 0);
	pci_model_free(&m);
}

/* ---- the hazard database ---- */

static int parse(struct bar_hazards *db, const char *text, char *err, size_t n)
{
	return bar_hazards_parse(db, "db.txt", text, strlen(text), err, n);
}

static void test_hazards_parse(void)
{
	struct bar_hazards db;
	struct pci_model m = { 0 };
	struct pci_fn *f;
	char err[256];

	bar_hazards_init(&db);
	CU_ASSERT_EQUAL(parse(&db, "# a comment\n\n  ids=10de:* class=030000/ff0000 bar=1 |"
			      " VRAM aperture | https://example.org/doc\n"
			      "ids=8086:10D3 | fact two|src\n"
			      "class=0c0330 bar=rom | three | src3", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(db.n, 3);
	CU_ASSERT(db.v[0].has_ids && db.v[0].any_device && db.v[0].has_class);
	CU_ASSERT_EQUAL(db.v[0].vendor, 0x10de);
	CU_ASSERT_EQUAL(db.v[0].class_mask, 0xff0000);
	CU_ASSERT_EQUAL(db.v[0].bar, 1);
	CU_ASSERT_STRING_EQUAL(db.v[0].fact, "VRAM aperture");
	CU_ASSERT_STRING_EQUAL(db.v[0].source, "https://example.org/doc");
	CU_ASSERT_STRING_EQUAL(db.v[0].where, "db.txt:3");
	CU_ASSERT_EQUAL(db.v[1].device, 0x10d3);
	CU_ASSERT_EQUAL(db.v[1].bar, BAR_HAZARD_ANY_BAR);
	CU_ASSERT_STRING_EQUAL(db.v[1].fact, "fact two");
	CU_ASSERT_EQUAL(db.v[2].bar, PCI_RES_ROM);
	CU_ASSERT_EQUAL(db.v[2].class_mask, BAR_HAZARD_CLASS_ALL);
	CU_ASSERT_STRING_EQUAL(db.v[2].where, "db.txt:5");
	f = nic(&m);                                    /* 8086:10d3, class 020000 */
	CU_ASSERT(!bar_hazard_matches(&db.v[0], f));
	CU_ASSERT(bar_hazard_matches(&db.v[1], f));
	CU_ASSERT(!bar_hazard_matches(&db.v[2], f));
	put_le16(f->cfg + PCI_CFG_VENDOR_ID, 0x10de);
	put_le32(f->cfg + PCI_CFG_CLASS_REV, 0x030200u << 8);
	pci_fn_decode_header(f);
	CU_ASSERT(bar_hazard_matches(&db.v[0], f));     /* any device, class 03xxxx */
	pci_model_free(&m);
	bar_hazards_free(&db);
	CU_ASSERT_EQUAL(db.n, 0);
}

static void assert_error(const char *text, const char *want)
{
	struct bar_hazards db;
	char err[256] = "";

	bar_hazards_init(&db);
	CU_ASSERT_EQUAL(bar_hazards_parse(&db, "db.txt", text, strlen(text), err, sizeof(err)),
			-1);
	if (!strstr(err, want))
		fprintf(stderr, "\n  error '%s' lacks '%s'", err, want);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
	bar_hazards_free(&db);
}

static void test_hazards_errors(void)
{
	static const char nul[] = "ids=8086:1234 | a\0b | c\n";
	struct bar_hazards db;
	char err[256];

	assert_error("# fine\nids=8086:1234 | fact\n", "db.txt:2: an entry is MATCH | FACT | SOURCE");
	assert_error("ids=8086:1234 | a | b | c\n", "db.txt:1: more than three");
	assert_error("ids=808:1234 | a | b\n", "IDs are ids=VVVV:DDDD");
	assert_error("ids=8086:12345 | a | b\n", "IDs are ids=VVVV:DDDD");
	assert_error("ids=8086 | a | b\n", "IDs are ids=VVVV:DDDD");
	assert_error("class=0300 | a | b\n", "a class is class=CCSSPP");
	assert_error("class=030000/ff | a | b\n", "a class is class=CCSSPP");
	assert_error("ids=8086:* bar=6 | a | b\n", "a BAR is bar=0 to bar=5, or bar=rom");
	assert_error("ids=8086:* vendor=1 | a | b\n", "unknown key 'vendor'");
	assert_error("ids=8086:* junk | a | b\n", "'junk' is not KEY=VALUE");
	assert_error("bar=1 | a | b\n", "the match needs ids= or class=");
	assert_error("ids=8086:* |  | b\n", "the FACT field is empty");
	assert_error("\n\nids=8086:* | a |\n", "db.txt:3: the SOURCE field is empty");
	bar_hazards_init(&db);
	CU_ASSERT_EQUAL(bar_hazards_parse(&db, "db.txt", nul, sizeof(nul) - 1, err,
					  sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "db.txt:1: a NUL byte"));
	bar_hazards_free(&db);
}

static const struct unit_test bar_virt_tests[] = {
	{ "identity_hits", test_identity_hits },
	{ "equal_by_chance_hits", test_equal_by_chance_hits },
	{ "moved_bar_misses", test_moved_bar_misses },
	{ "shifted_bar_wrong_offset", test_shifted_bar_wrong_offset },
	{ "pointer_into_other_bar", test_pointer_into_other_bar },
	{ "page_offsets", test_page_offsets },
	{ "bars_from_config_and_sysfs", test_bars_from_config_and_sysfs },
	{ "bars_short_config", test_bars_short_config },
	{ "hazards_parse", test_hazards_parse },
	{ "hazards_errors", test_hazards_errors },
	{ NULL, NULL }
};

void register_bar_virt_tests(void)
{
	unit_add_suite("bar-virt", bar_virt_tests);
}
