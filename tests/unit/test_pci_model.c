// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PCI model (ref/pci_model.c, ref/pci_caps.c): capability walkers that
 * survive loops and junk, the decoders, and the bus hierarchy. Config
 * space is built by hand, register by register, from ref/pci_regs.h.
 */
#include <string.h>

#include "../../ref/sriov.h"
#include "unit.h"
#include "../../ref/le.h"
#include "../../ref/pci_caps.h"

/* A PCIe function with 4 KiB of config space and a capability list. */
static void blank(struct pci_fn *f, uint8_t header_type)
{
	uint16_t seg = f->segment;
	uint8_t bus = f->bus, dev = f->dev, fn = f->fn;

	memset(f, 0, sizeof(*f));
	f->segment = seg;
	f->bus = bus;
	f->dev = dev;
	f->fn = fn;
	f->cfg_len = PCI_CFG_SPACE_EXP_SIZE;
	f->parent = PCI_NO_PARENT;
	put_le16(f->cfg + PCI_CFG_VENDOR_ID, 0x8086);
	put_le16(f->cfg + PCI_CFG_DEVICE_ID, 0x10c9);
	put_le16(f->cfg + PCI_CFG_STATUS, PCI_STATUS_CAP_LIST);
	f->cfg[PCI_CFG_HEADER_TYPE] = header_type;
}

/* Put a standard capability @id at @at, pointing on to @next. */
static void cap(struct pci_fn *f, unsigned at, uint8_t id, uint8_t next)
{
	f->cfg[at + PCI_CAP_ID] = id;
	f->cfg[at + PCI_CAP_NEXT] = next;
}

/* Put an extended capability @id (version 1) at @at, pointing on to @next. */
static void ecap(struct pci_fn *f, unsigned at, uint16_t id, unsigned next)
{
	put_le32(f->cfg + at, (uint32_t)id | 1u << 16 | (uint32_t)next << 20);
}

/* PCIe capability v2 of @type at 0x40. */
static void pcie(struct pci_fn *f, uint8_t type, uint8_t next)
{
	cap(f, 0x40, PCI_CAP_ID_EXP, next);
	put_le16(f->cfg + 0x40 + PCI_EXP_FLAGS, 2 | type << PCI_EXP_FLAGS_TYPE_SHIFT);
}

static void test_std_walk(void)
{
	struct pci_fn f = { 0 };

	blank(&f, PCI_HEADER_TYPE_NORMAL);
	f.cfg[PCI_CFG_CAPABILITY_LIST] = 0x40;
	pcie(&f, PCI_EXP_TYPE_ENDPOINT, 0x70);
	cap(&f, 0x70, PCI_CAP_ID_MSIX, 0x50);
	cap(&f, 0x50, PCI_CAP_ID_MSI, 0);
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.nstd, 3);
	CU_ASSERT_EQUAL(f.caps.pcie, 0x40);
	CU_ASSERT_EQUAL(f.caps.msix, 0x70);
	CU_ASSERT_EQUAL(f.caps.msi, 0x50);
	CU_ASSERT_EQUAL(f.caps.std_problem, PCI_CAP_OK);
	/* The bottom two bits of a pointer are reserved: masked, as Linux does. */
	f.cfg[PCI_CFG_CAPABILITY_LIST] = 0x43;
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.pcie, 0x40);
	/* No capability list bit in Status: no capability at all. */
	put_le16(f.cfg + PCI_CFG_STATUS, 0);
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.nstd, 0);
	CU_ASSERT_EQUAL(f.caps.pcie, 0);
}

static void test_std_walk_junk(void)
{
	struct pci_fn f = { 0 };

	/* A loop: 0x40 -> 0x50 -> 0x40. */
	blank(&f, PCI_HEADER_TYPE_NORMAL);
	f.cfg[PCI_CFG_CAPABILITY_LIST] = 0x40;
	cap(&f, 0x40, PCI_CAP_ID_PM, 0x50);
	cap(&f, 0x50, PCI_CAP_ID_MSI, 0x40);
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.std_problem, PCI_CAP_LOOP);
	CU_ASSERT_EQUAL(f.caps.std_problem_at, 0x40);
	CU_ASSERT_EQUAL(f.caps.pm, 0x40);
	CU_ASSERT_EQUAL(f.caps.msi, 0x50);
	/* A pointer into the header. */
	cap(&f, 0x50, PCI_CAP_ID_MSI, 0x20);
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.std_problem, PCI_CAP_OUT_OF_RANGE);
	CU_ASSERT_EQUAL(f.caps.std_problem_at, 0x20);
	/* A pointer past what a non-root reader got (64 bytes). */
	f.cfg_len = PCI_CFG_HEADER_SIZE;
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.std_problem, PCI_CAP_BEYOND_READ);
	CU_ASSERT_EQUAL(f.caps.nstd, 0);
	/* All ones (a device that is gone): the walk ends, it does not spin. */
	blank(&f, PCI_HEADER_TYPE_NORMAL);
	memset(f.cfg + PCI_CFG_CAPABILITY_LIST, 0xff, PCI_CFG_SPACE_EXP_SIZE -
	       PCI_CFG_CAPABILITY_LIST);
	pci_fn_scan_caps(&f);
	CU_ASSERT_NOT_EQUAL(f.caps.std_problem, PCI_CAP_OK);
	CU_ASSERT(f.caps.nstd <= PCI_CAP_MAX_COUNT);
}

static void test_ext_walk(void)
{
	struct pci_fn f = { 0 };

	blank(&f, PCI_HEADER_TYPE_NORMAL);
	f.cfg[PCI_CFG_CAPABILITY_LIST] = 0x40;
	pcie(&f, PCI_EXP_TYPE_ENDPOINT, 0);
	ecap(&f, 0x100, PCI_ECAP_ID_AER, 0x140);
	ecap(&f, 0x140, PCI_ECAP_ID_ARI, 0x160);
	ecap(&f, 0x160, PCI_ECAP_ID_SRIOV, 0);
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.next, 3);
	CU_ASSERT_EQUAL(f.caps.aer, 0x100);
	CU_ASSERT_EQUAL(f.caps.ari, 0x140);
	CU_ASSERT_EQUAL(f.caps.sriov, 0x160);
	CU_ASSERT_EQUAL(f.caps.ext_problem, PCI_CAP_OK);
	/* A loop back to 0x100. */
	ecap(&f, 0x160, PCI_ECAP_ID_SRIOV, 0x100);
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.ext_problem, PCI_CAP_LOOP);
	/* A pointer below the extended space. */
	ecap(&f, 0x160, PCI_ECAP_ID_SRIOV, 0x0c0);
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.ext_problem, PCI_CAP_OUT_OF_RANGE);
	/* Only 256 bytes read: no extended capability is claimed. */
	f.cfg_len = PCI_CFG_SPACE_SIZE;
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.next, 0);
	CU_ASSERT_EQUAL(f.caps.sriov, 0);
	/* A conventional PCI function has no extended space to walk. */
	blank(&f, PCI_HEADER_TYPE_NORMAL);
	ecap(&f, 0x100, PCI_ECAP_ID_ACS, 0);
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.acs, 0);
	/* All ones at 0x100: no extended capabilities (PCIe §7.6.3). */
	blank(&f, PCI_HEADER_TYPE_NORMAL);
	f.cfg[PCI_CFG_CAPABILITY_LIST] = 0x40;
	pcie(&f, PCI_EXP_TYPE_ENDPOINT, 0);
	memset(f.cfg + 0x100, 0xff, 4);
	pci_fn_scan_caps(&f);
	CU_ASSERT_EQUAL(f.caps.next, 0);
	CU_ASSERT_EQUAL(f.caps.ext_problem, PCI_CAP_OK);
}

/* The guide's 82576: SR-IOV at 0x160, Total VFs 8, offset 128, stride 2, VF 10ca. */
static void test_decode_sriov(void)
{
	struct pci_sriov s;
	struct pci_fn f;
	unsigned o = 0x160;

	memset(&f, 0, sizeof(f));
	blank(&f, PCI_HEADER_TYPE_NORMAL);
	f.cfg[PCI_CFG_CAPABILITY_LIST] = 0x40;
	pcie(&f, PCI_EXP_TYPE_ENDPOINT, 0);
	ecap(&f, 0x100, PCI_ECAP_ID_ARI, o);
	ecap(&f, o, PCI_ECAP_ID_SRIOV, 0);
	put_le16(f.cfg + o + PCI_SRIOV_CTRL, PCI_SRIOV_CTRL_VFE | PCI_SRIOV_CTRL_MSE |
		 PCI_SRIOV_CTRL_ARI);
	put_le16(f.cfg + o + PCI_SRIOV_INITIAL_VF, 8);
	put_le16(f.cfg + o + PCI_SRIOV_TOTAL_VF, 8);
	put_le16(f.cfg + o + PCI_SRIOV_NUM_VF, 7);
	put_le16(f.cfg + o + PCI_SRIOV_VF_OFFSET, 128);
	put_le16(f.cfg + o + PCI_SRIOV_VF_STRIDE, 2);
	put_le16(f.cfg + o + PCI_SRIOV_VF_DID, 0x10ca);
	put_le32(f.cfg + o + PCI_SRIOV_SUP_PGSIZE, 0x553);
	put_le32(f.cfg + o + PCI_SRIOV_SYS_PGSIZE, 1);
	put_le32(f.cfg + o + PCI_SRIOV_BAR, 0xd2840004);
	pci_fn_scan_caps(&f);
	CU_ASSERT_TRUE_FATAL(pci_fn_sriov(&f, &s));
	CU_ASSERT_EQUAL(s.total_vfs, 8);
	CU_ASSERT_EQUAL(s.num_vfs, 7);
	CU_ASSERT_EQUAL(s.first_vf_offset, 128);
	CU_ASSERT_EQUAL(s.vf_stride, 2);
	CU_ASSERT_EQUAL(s.vf_device, 0x10ca);
	CU_ASSERT_EQUAL(s.supported_page_sizes, 0x553);
	CU_ASSERT_EQUAL(s.vf_bar[0], 0xd2840004);
	CU_ASSERT(s.ctrl & PCI_SRIOV_CTRL_ARI);
	/* The capability's last registers beyond what was read: not decoded. */
	f.cfg_len = o + PCI_SRIOV_SIZE - 4;
	CU_ASSERT_FALSE(pci_fn_sriov(&f, &s));
}

static void test_decode_pcie_acs_ari(void)
{
	struct pcie_cap e;
	struct pci_acs a;
	struct pci_ari r;
	struct pci_fn f = { 0 };

	blank(&f, PCI_HEADER_TYPE_BRIDGE);
	f.cfg[PCI_CFG_CAPABILITY_LIST] = 0x40;
	pcie(&f, PCI_EXP_TYPE_ROOT_PORT, 0);
	put_le16(f.cfg + 0x40 + PCI_EXP_FLAGS, 2 | PCI_EXP_TYPE_ROOT_PORT <<
		 PCI_EXP_FLAGS_TYPE_SHIFT | PCI_EXP_FLAGS_SLOT);
	put_le32(f.cfg + 0x40 + PCI_EXP_DEVCAP, PCI_EXP_DEVCAP_FLR | 2 <<
		 PCI_EXP_DEVCAP_PHANTOM_SHIFT);
	put_le32(f.cfg + 0x40 + PCI_EXP_DEVCAP2, PCI_EXP_DEVCAP2_ARI);
	put_le16(f.cfg + 0x40 + PCI_EXP_DEVCTL2, PCI_EXP_DEVCTL2_ARI);
	ecap(&f, 0x100, PCI_ECAP_ID_ACS, 0x110);
	put_le16(f.cfg + 0x100 + PCI_ACS_CAP, PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR |
		 PCI_ACS_UF);
	put_le16(f.cfg + 0x100 + PCI_ACS_CTRL, PCI_ACS_SV | PCI_ACS_RR);
	ecap(&f, 0x110, PCI_ECAP_ID_ARI, 0);
	put_le16(f.cfg + 0x110 + PCI_ARI_CAP, 4 << PCI_ARI_CAP_NFN_SHIFT | PCI_ARI_CAP_ACS);
	pci_fn_decode_header(&f);
	pci_fn_scan_caps(&f);
	CU_ASSERT_TRUE_FATAL(pci_fn_pcie(&f, &e));
	CU_ASSERT_EQUAL(e.port_type, PCI_EXP_TYPE_ROOT_PORT);
	CU_ASSERT_STRING_EQUAL(pcie_port_type_name(e.port_type), "Root Port");
	CU_ASSERT_TRUE(e.slot_implemented);
	CU_ASSERT_TRUE(e.flr);
	CU_ASSERT_EQUAL(e.phantom_fns, 2);
	CU_ASSERT_TRUE(e.ari_forwarding && e.ari_forwarding_enabled);
	CU_ASSERT_TRUE_FATAL(pci_fn_acs(&f, &a));
	CU_ASSERT_EQUAL(a.cap, PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);
	CU_ASSERT_EQUAL(a.ctrl, PCI_ACS_SV | PCI_ACS_RR);
	CU_ASSERT_TRUE_FATAL(pci_fn_ari(&f, &r));
	CU_ASSERT_EQUAL(r.next_fn, 4);
	CU_ASSERT_TRUE(r.acs_groups);
	/* A version 1 capability stops at Link Status: no DevCap2 read. */
	put_le16(f.cfg + 0x40 + PCI_EXP_FLAGS, 1 | PCI_EXP_TYPE_ROOT_PORT <<
		 PCI_EXP_FLAGS_TYPE_SHIFT);
	CU_ASSERT_TRUE(pci_fn_pcie(&f, &e));
	CU_ASSERT_FALSE(e.has_v2 || e.ari_forwarding);
}

static void test_decode_interrupts_pm_af_rebar(void)
{
	struct pci_msix x;
	struct pci_msi m;
	struct pci_rebar rb;
	struct pci_pm pm;
	struct pci_af af;
	struct pci_fn f = { 0 };

	blank(&f, PCI_HEADER_TYPE_NORMAL);
	f.cfg[PCI_CFG_CAPABILITY_LIST] = 0x40;
	pcie(&f, PCI_EXP_TYPE_ENDPOINT, 0x80);
	cap(&f, 0x80, PCI_CAP_ID_MSI, 0x98);
	/* 64-bit, per-vector masking, 8 vectors capable, 2 enabled, on. */
	put_le16(f.cfg + 0x80 + PCI_MSI_FLAGS, PCI_MSI_FLAGS_ENABLE | 3 << 1 | 1 << 4 |
		 PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_MASKBIT);
	cap(&f, 0x98, PCI_CAP_ID_MSIX, 0xa8);
	put_le16(f.cfg + 0x98 + PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE | 2);
	put_le32(f.cfg + 0x98 + PCI_MSIX_TABLE, 3);
	put_le32(f.cfg + 0x98 + PCI_MSIX_PBA, 0x2000 | 3);
	cap(&f, 0xa8, PCI_CAP_ID_PM, 0xb0);
	put_le16(f.cfg + 0xa8 + PCI_PM_PMC, 3 | PCI_PM_PMC_D1);
	put_le16(f.cfg + 0xa8 + PCI_PM_CTRL, 3 | PCI_PM_CTRL_NO_SOFT_RESET);
	cap(&f, 0xb0, PCI_CAP_ID_AF, 0);
	f.cfg[0xb0 + PCI_AF_CAP] = PCI_AF_CAP_TP | PCI_AF_CAP_FLR;
	ecap(&f, 0x100, PCI_ECAP_ID_REBAR, 0);
	put_le32(f.cfg + 0x100 + PCI_REBAR_CAP, 0x30 << PCI_REBAR_CAP_SIZES_SHIFT);
	put_le32(f.cfg + 0x100 + PCI_REBAR_CTRL, 2 | 1 << PCI_REBAR_CTRL_NBAR_SHIFT |
		 5 << PCI_REBAR_CTRL_BAR_SHIFT);
	pci_fn_scan_caps(&f);
	CU_ASSERT_TRUE_FATAL(pci_fn_msi(&f, &m));
	CU_ASSERT_TRUE(m.enabled && m.is_64bit && m.per_vector_mask);
	CU_ASSERT_EQUAL(m.vectors_capable, 8);
	CU_ASSERT_EQUAL(m.vectors_enabled, 2);
	CU_ASSERT_TRUE_FATAL(pci_fn_msix(&f, &x));
	CU_ASSERT_TRUE(x.enabled);
	CU_ASSERT_EQUAL(x.table_size, 3);           /* the guide's VF: TabSize=3 */
	CU_ASSERT_EQUAL(x.table_bir, 3);
	CU_ASSERT_EQUAL(x.pba_bir, 3);
	CU_ASSERT_EQUAL(x.pba_offset, 0x2000);
	CU_ASSERT_TRUE_FATAL(pci_fn_pm(&f, &pm));
	CU_ASSERT_EQUAL(pm.version, 3);
	CU_ASSERT_TRUE(pm.d1 && !pm.d2 && pm.no_soft_reset);
	CU_ASSERT_EQUAL(pm.state, 3);
	CU_ASSERT_TRUE_FATAL(pci_fn_af(&f, &af));
	CU_ASSERT_TRUE(af.tp && af.flr);
	CU_ASSERT_TRUE_FATAL(pci_fn_rebar(&f, &rb));
	CU_ASSERT_EQUAL(rb.n, 1);
	CU_ASSERT_EQUAL(rb.e[0].bar, 2);
	CU_ASSERT_EQUAL(rb.e[0].sizes, 0x30);
	CU_ASSERT_EQUAL(rb.e[0].current, 5);
	/* A 32-bit MSI capability cut short by the read: not decoded. */
	f.cfg_len = 0x80 + 8;
	CU_ASSERT_FALSE(pci_fn_msi(&f, &m));
}

/* Bus 0: root port 00:1c.0 (-> 2); 02:00.0/.1 a two-function device. */
static void build_tree(struct pci_model *m, bool junk_bridge)
{
	struct pci_fn *f;

	memset(m, 0, sizeof(*m));
	/* Added out of order on purpose: finish() sorts. */
	f = pci_model_add(m, 0, 2, 0, 1);
	blank(f, PCI_HEADER_TYPE_NORMAL);
	f = pci_model_add(m, 0, 0, 0x1c, 0);
	blank(f, PCI_HEADER_TYPE_BRIDGE);
	f->cfg[PCI_CFG_SECONDARY_BUS] = 2;
	f->cfg[PCI_CFG_SUBORDINATE_BUS] = 2;
	f = pci_model_add(m, 0, 2, 0, 0);
	blank(f, PCI_HEADER_TYPE_NORMAL | PCI_HEADER_MULTIFUNCTION);
	f = pci_model_add(m, 0, 0, 0, 0);
	blank(f, PCI_HEADER_TYPE_NORMAL);
	if (junk_bridge) {
		/* A bridge claiming its own bus as secondary: must not loop. */
		f = pci_model_add(m, 0, 2, 3, 0);
		blank(f, PCI_HEADER_TYPE_BRIDGE);
		f->cfg[PCI_CFG_SECONDARY_BUS] = 2;
		/* One with no readable config at all. */
		f = pci_model_add(m, 0, 2, 4, 0);
		f->cfg_len = 0;
	}
	CU_ASSERT_EQUAL_FATAL(pci_model_finish(m), 0);
	sriov_link_vfs(m);
}

static void test_hierarchy(void)
{
	const struct pci_fn *rp, *a, *b, *junk;
	struct pci_model m;

	build_tree(&m, true);
	rp = pci_model_find(&m, 0, 0, 0x1c, 0);
	a = pci_model_find(&m, 0, 2, 0, 0);
	b = pci_model_find(&m, 0, 2, 0, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rp);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_PTR_NULL(pci_model_find(&m, 0, 2, 1, 0));
	CU_ASSERT_PTR_NULL(pci_model_find(&m, 1, 0, 0, 0));
	CU_ASSERT_PTR_EQUAL(pci_fn_parent(&m, a), rp);
	CU_ASSERT_PTR_EQUAL(pci_fn_parent(&m, b), rp);
	CU_ASSERT_PTR_NULL(pci_fn_parent(&m, rp));
	junk = pci_model_find(&m, 0, 2, 3, 0);
	CU_ASSERT_PTR_EQUAL(pci_fn_parent(&m, junk), rp);
	CU_ASSERT_TRUE(a->multifunction);
	CU_ASSERT_FALSE(pci_fn_header_valid(pci_model_find(&m, 0, 2, 4, 0)));
	pci_model_free(&m);
}

void register_pci_model_tests(void)
{
	static const struct unit_test tests[] = {
		{ "standard capability walk", test_std_walk },
		{ "standard walk survives junk", test_std_walk_junk },
		{ "extended capability walk", test_ext_walk },
		{ "SR-IOV decoder", test_decode_sriov },
		{ "PCIe, ACS, ARI decoders", test_decode_pcie_acs_ari },
		{ "MSI, MSI-X, PM, AF, ReBAR decoders", test_decode_interrupts_pm_af_rebar },
		{ "bus hierarchy", test_hierarchy },
		{ NULL, NULL },
	};

	unit_add_suite("pci-model", tests);
}
