// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SR-IOV routing (ref/sriov.c): VF routing IDs from First VF Offset and VF
 * Stride, and the PCI model's VFs, with the guide's 82576 as the example:
 * PF 01:00.0, offset 128, stride 2, NumVFs 7 -> 01:10.0 ... 01:11.4.
 */
#include <CUnit/CUnit.h>

#include "pci_fixture.h"
#include "unit.h"
#include "../../ref/le.h"
#include "../../ref/sriov.h"

#define SRIOV_AT 0x160  /* the 82576's, as the guide's lspci shows */

/* Give @f an SR-IOV capability at 0x160 (after the fixture's ACS-free 0x100). */
static void add_sriov(struct pci_fn *f, uint16_t ctrl, uint16_t total, uint16_t num,
		      uint16_t offset, uint16_t stride, uint16_t vf_device)
{
	uint8_t *c = f->cfg + SRIOV_AT;

	put_le32(f->cfg + 0x100, PCI_ECAP_ID_AER | (uint32_t)SRIOV_AT << 20);
	put_le32(c, PCI_ECAP_ID_SRIOV | 1u << 16);
	put_le16(c + PCI_SRIOV_CTRL, ctrl);
	put_le16(c + PCI_SRIOV_INITIAL_VF, total);
	put_le16(c + PCI_SRIOV_TOTAL_VF, total);
	put_le16(c + PCI_SRIOV_NUM_VF, num);
	put_le16(c + PCI_SRIOV_VF_OFFSET, offset);
	put_le16(c + PCI_SRIOV_VF_STRIDE, stride);
	put_le16(c + PCI_SRIOV_VF_DID, vf_device);
}

/* A VF as its config space reads: all-ones Vendor and Device ID. */
static struct pci_fn *vf(struct pci_model *m, uint8_t bus, uint8_t dev, uint8_t fn)
{
	return fx_pci_fn(m, bus, dev, fn, 0xffff, 0xffff, PCI_EXP_TYPE_ENDPOINT, false, 0,
			 NO_ACS);
}

static const struct pci_fn *at(const struct pci_model *m, uint8_t bus, uint8_t dev, uint8_t fn)
{
	const struct pci_fn *f = pci_model_find(m, 0, bus, dev, fn);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	return f;
}

static void test_vf_rid(void)
{
	uint16_t rid = 0;

	/* 01:00.0 + 128 = 01:10.0; the seventh (n = 6): + 12 = 01:11.4 */
	CU_ASSERT_TRUE(sriov_vf_rid(0x0100, 128, 2, 0, &rid));
	CU_ASSERT_EQUAL(rid, 0x0180);
	CU_ASSERT_TRUE(sriov_vf_rid(0x0100, 128, 2, 6, &rid));
	CU_ASSERT_EQUAL(rid, 0x018c);
	/* across a bus boundary: VFs may take the next bus numbers */
	CU_ASSERT_TRUE(sriov_vf_rid(0x01fe, 1, 1, 3, &rid));
	CU_ASSERT_EQUAL(rid, 0x0202);
	/* beyond bus 255: no VF */
	CU_ASSERT_FALSE(sriov_vf_rid(0xff00, 0x100, 1, 0, &rid));
	CU_ASSERT_FALSE(sriov_vf_rid(0xfff0, 8, 8, 1, &rid));
	CU_ASSERT_TRUE(sriov_vf_rid(0xfff0, 8, 7, 1, &rid));
	CU_ASSERT_EQUAL(rid, 0xffff);
}

static void guide_machine(struct pci_model *m, uint16_t ctrl, uint16_t num)
{
	static const uint8_t vf_dev_fn[7][2] = {
		{ 0x10, 0 }, { 0x10, 2 }, { 0x10, 4 }, { 0x10, 6 },
		{ 0x11, 0 }, { 0x11, 2 }, { 0x11, 4 },
	};
	struct pci_fn *pf;
	unsigned i;

	RP(m, 0, 2, 0, 1, NO_ACS);
	pf = fx_pci_fn(m, 1, 0, 0, 0x8086, 0x10c9, PCI_EXP_TYPE_ENDPOINT, false, 0, NO_ACS);
	add_sriov(pf, ctrl, 8, num, 128, 2, 0x10ca);
	for (i = 0; i < 7; i++)
		vf(m, 1, vf_dev_fn[i][0], vf_dev_fn[i][1]);
	CU_ASSERT_EQUAL_FATAL(pci_model_finish(m), 0);
	sriov_link_vfs(m);
}

static void test_guide_vfs(void)
{
	struct pci_model m = { 0 };
	const struct pci_fn *pf, *f;

	guide_machine(&m, PCI_SRIOV_CTRL_VFE | PCI_SRIOV_CTRL_MSE, 7);
	pf = at(&m, 1, 0, 0);
	CU_ASSERT_EQUAL(pf->pf, PCI_NO_PARENT);
	f = at(&m, 1, 0x10, 0);
	CU_ASSERT_PTR_EQUAL(&m.fns[f->pf], pf);
	CU_ASSERT_EQUAL(f->vf_index, 0);
	CU_ASSERT_EQUAL(f->vendor, 0x8086);   /* the PF's */
	CU_ASSERT_EQUAL(f->device, 0x10ca);   /* the PF's VF Device ID */
	f = at(&m, 1, 0x11, 4);
	CU_ASSERT_PTR_EQUAL(&m.fns[f->pf], pf);
	CU_ASSERT_EQUAL(f->vf_index, 6);
	CU_ASSERT_EQUAL(f->device, 0x10ca);
	pci_model_free(&m);
}

static void test_vfs_need_vf_enable(void)
{
	struct pci_model m = { 0 };
	const struct pci_fn *f;

	/* NumVFs written but VF Enable clear: those IDs are not VFs (yet). */
	guide_machine(&m, 0, 7);
	f = at(&m, 1, 0x10, 0);
	CU_ASSERT_EQUAL(f->pf, PCI_NO_PARENT);
	CU_ASSERT_EQUAL(f->vendor, 0xffff);
	pci_model_free(&m);

	/* VF Enable with NumVFs 3: only the first three. */
	guide_machine(&m, PCI_SRIOV_CTRL_VFE, 3);
	CU_ASSERT_NOT_EQUAL(at(&m, 1, 0x10, 4)->pf, PCI_NO_PARENT);
	CU_ASSERT_EQUAL(at(&m, 1, 0x10, 6)->pf, PCI_NO_PARENT);
	pci_model_free(&m);
}

static void test_vf_identity_kept_when_readable(void)
{
	struct pci_model m = { 0 };
	struct pci_fn *pf;
	const struct pci_fn *f;

	/* A function at a VF's ID that reads a real identity keeps it. */
	pf = fx_pci_fn(&m, 1, 0, 0, 0x8086, 0x10c9, PCI_EXP_TYPE_ENDPOINT, false, 0, NO_ACS);
	add_sriov(pf, PCI_SRIOV_CTRL_VFE, 8, 1, 128, 2, 0x10ca);
	fx_pci_fn(&m, 1, 0x10, 0, 0x15b3, 0x1018, PCI_EXP_TYPE_ENDPOINT, false, 0, NO_ACS);
	CU_ASSERT_EQUAL_FATAL(pci_model_finish(&m), 0);
	sriov_link_vfs(&m);
	f = at(&m, 1, 0x10, 0);
	CU_ASSERT_NOT_EQUAL(f->pf, PCI_NO_PARENT);
	CU_ASSERT_EQUAL(f->vendor, 0x15b3);
	CU_ASSERT_EQUAL(f->device, 0x1018);
	pci_model_free(&m);
}

static void test_junk_sriov(void)
{
	struct pci_model m = { 0 };
	struct pci_fn *pf;

	/* Offset 0: the "VF" is the PF itself; NumVFs beyond TotalVFs;
	 * stride 0 with many VFs; 65535 VFs with no function behind them. */
	pf = fx_pci_fn(&m, 1, 0, 0, 0x8086, 0x10c9, PCI_EXP_TYPE_ENDPOINT, false, 0, NO_ACS);
	add_sriov(pf, PCI_SRIOV_CTRL_VFE, 0xffff, 0xffff, 0, 0, 0x10ca);
	pf = fx_pci_fn(&m, 2, 0, 0, 0x8086, 0x10c9, PCI_EXP_TYPE_ENDPOINT, false, 0, NO_ACS);
	add_sriov(pf, PCI_SRIOV_CTRL_VFE, 4, 9, 1, 1, 0x10ca);
	pf = fx_pci_fn(&m, 3, 0, 0, 0x8086, 0x10c9, PCI_EXP_TYPE_ENDPOINT, false, 0, NO_ACS);
	add_sriov(pf, PCI_SRIOV_CTRL_VFE, 0xffff, 0xffff, 1, 1, 0x10ca);
	vf(&m, 2, 0, 1);
	vf(&m, 2, 0, 2);
	vf(&m, 2, 0, 5);    /* the fifth VF: beyond TotalVFs 4 */
	vf(&m, 3, 0, 1);
	CU_ASSERT_EQUAL_FATAL(pci_model_finish(&m), 0);
	sriov_link_vfs(&m);
	CU_ASSERT_EQUAL(at(&m, 1, 0, 0)->pf, PCI_NO_PARENT);
	CU_ASSERT_NOT_EQUAL(at(&m, 2, 0, 1)->pf, PCI_NO_PARENT);
	CU_ASSERT_NOT_EQUAL(at(&m, 2, 0, 2)->pf, PCI_NO_PARENT);
	CU_ASSERT_EQUAL(at(&m, 2, 0, 5)->pf, PCI_NO_PARENT);
	/* 03:00.0's first VF is there; the walk over its other 65534 empty
	 * slots stops once the model's size in empty slots is spent. */
	CU_ASSERT_NOT_EQUAL(at(&m, 3, 0, 1)->pf, PCI_NO_PARENT);
	pci_model_free(&m);
}

void register_sriov_tests(void)
{
	static const struct unit_test tests[] = {
		{ "VF routing IDs", test_vf_rid },
		{ "the guide's 82576: 7 VFs at 01:10.0-01:11.4", test_guide_vfs },
		{ "VFs need VF Enable and count NumVFs", test_vfs_need_vf_enable },
		{ "a readable identity at a VF ID is kept", test_vf_identity_kept_when_readable },
		{ "junk SR-IOV registers", test_junk_sriov },
		{ NULL, NULL },
	};

	unit_add_suite("sriov", tests);
}
