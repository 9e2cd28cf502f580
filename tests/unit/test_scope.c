// SPDX-License-Identifier: GPL-2.0-or-later
/* Device scope resolution through the PCI tree (VT-d §8.3.1). */
#include <string.h>

#include "unit.h"
#include "../../ref/dmar_scope.h"

static void make_fn(struct pci_fn *f, uint8_t bus, uint8_t dev, uint8_t fn,
		    uint8_t header_type, uint32_t class_code, uint8_t secondary)
{
	memset(f, 0, sizeof(*f));
	f->bus = bus;
	f->dev = dev;
	f->fn = fn;
	f->cfg_len = PCI_CFG_SPACE_SIZE;
	f->cfg[PCI_CFG_VENDOR_ID] = 0x86;
	f->cfg[PCI_CFG_VENDOR_ID + 1] = 0x80;
	f->cfg[PCI_CFG_CLASS_REV + 1] = (uint8_t)class_code;
	f->cfg[PCI_CFG_CLASS_REV + 2] = (uint8_t)(class_code >> 8);
	f->cfg[PCI_CFG_CLASS_REV + 3] = (uint8_t)(class_code >> 16);
	f->cfg[PCI_CFG_HEADER_TYPE] = header_type;
	f->cfg[PCI_CFG_SECONDARY_BUS] = secondary;
	f->cfg[PCI_CFG_SUBORDINATE_BUS] = secondary;
	pci_fn_decode_header(f);
}

/* 00:1c.0 root port -> bus 2; 02:00.0 NIC; 00:1f.0 ISA bridge (type 0). */
static struct pci_fn fns[3];
static const struct pci_model tree = { fns, 3, 3 };

/* In address order, as pci_model_find() expects a finished model. */
static void setup(void)
{
	make_fn(&fns[0], 0, 0x1c, 0, PCI_HEADER_TYPE_BRIDGE, 0x060400, 2);
	make_fn(&fns[1], 0, 0x1f, 0, PCI_HEADER_TYPE_NORMAL | PCI_HEADER_MULTIFUNCTION,
		0x060100, 0);
	make_fn(&fns[2], 2, 0, 0, PCI_HEADER_TYPE_NORMAL, 0x020000, 0);
}

static struct dmar_scope scope(uint8_t type, const struct dmar_path *p, uint8_t n)
{
	struct dmar_scope sc = { .type = type, .npath = n };

	memcpy(sc.path, p, n * sizeof(*p));
	return sc;
}

static void test_resolve(void)
{
	static const struct dmar_path nic[] = { { 0x1c, 0 }, { 0, 0 } };
	static const struct dmar_path absent[] = { { 0x1c, 0 }, { 1, 0 } };
	static const struct dmar_path through_nic[] = { { 0x1f, 0 }, { 0, 0 } };
	struct dmar_scope sc;
	struct scope_resolution r;

	setup();
	CU_ASSERT_TRUE(fns[1].multifunction);
	CU_ASSERT_EQUAL(fns[1].class_code, 0x060100);
	sc = scope(SCOPE_TYPE_ENDPOINT, nic, 2);
	dmar_scope_resolve(&sc, 0, &tree, &r);
	CU_ASSERT_EQUAL(r.status, SCOPE_RESOLVED);
	CU_ASSERT_PTR_EQUAL(r.fn, &fns[2]);
	CU_ASSERT_TRUE(dmar_scope_header_matches(&sc, r.fn));

	sc = scope(SCOPE_TYPE_ENDPOINT, absent, 2);
	dmar_scope_resolve(&sc, 0, &tree, &r);
	CU_ASSERT_EQUAL(r.status, SCOPE_NOT_FOUND);
	CU_ASSERT_EQUAL(r.step, 1);
	CU_ASSERT_EQUAL(r.bus, 2);

	sc = scope(SCOPE_TYPE_ENDPOINT, through_nic, 2);
	dmar_scope_resolve(&sc, 0, &tree, &r);
	CU_ASSERT_EQUAL(r.status, SCOPE_NOT_BRIDGE);
	CU_ASSERT_EQUAL(r.step, 0);

	/* Another segment holds nothing. */
	sc = scope(SCOPE_TYPE_ENDPOINT, nic, 2);
	dmar_scope_resolve(&sc, 1, &tree, &r);
	CU_ASSERT_EQUAL(r.status, SCOPE_NOT_FOUND);

	sc = scope(SCOPE_TYPE_ENDPOINT, nic, 0);
	dmar_scope_resolve(&sc, 0, &tree, &r);
	CU_ASSERT_EQUAL(r.status, SCOPE_NO_PATH);
}

static void test_header_match(void)
{
	struct dmar_scope ep = { .type = SCOPE_TYPE_ENDPOINT };
	struct dmar_scope br = { .type = SCOPE_TYPE_BRIDGE };

	setup();
	CU_ASSERT_FALSE(dmar_scope_header_matches(&ep, &fns[0]));  /* bridge */
	CU_ASSERT_TRUE(dmar_scope_header_matches(&br, &fns[0]));
	CU_ASSERT_FALSE(dmar_scope_header_matches(&br, &fns[2]));  /* NIC */
	/* Linux accepts a type 0 function of the bridge class as a bridge. */
	CU_ASSERT_TRUE(dmar_scope_header_matches(&br, &fns[1]));
}

void register_scope_tests(void)
{
	static const struct unit_test tests[] = {
		{ "resolve paths", test_resolve },
		{ "header type match", test_header_match },
		{ NULL, NULL },
	};

	unit_add_suite("scope", tests);
}
