// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The msi suite's checks on hand-made functions: MSI and MSI-X
 * capabilities written register by register, sysfs resource and irq
 * filled by hand (or left out, as an lspci dump leaves them).
 */
#include <string.h>

#include "fixture.h"
#include "pci_fixture.h"
#include "../../ref/le.h"
#include "../../ref/pci_bars.h"
#include "../../suites/msi/msi_suite.h"

#define ID_CAPS     "msi.capability-valid"
#define ID_VF       "msi.vf-no-intx"
#define ID_SHARED   "msi.intx-shared"

#define CAP_AT      0x60            /* after the fixture's PCIe capability at 0x40 */
#define CAP2_AT     0x80

static const uint8_t no_table[1];

/* An endpoint with sysfs resources (empty until mem_bar()); no DMAR: all translated. */
static struct pci_fn *dev(struct vt_env *env, uint8_t bus, uint8_t d, uint8_t fn, bool mf)
{
	struct pci_fn *f = fx_pci_fn(&env->pci, bus, d, fn, 0x8086, 0x1234,
				     PCI_EXP_TYPE_ENDPOINT, mf, 0, NO_ACS);

	f->sys.seen = true;
	f->sys.nres = PCI_RES_ROM + 1;
	return f;
}

static void machine(struct vt_env *env)
{
	env_init(env);
	env_set_missing(env, VT_ENV_DMAR, VT_ABSENT, "no DMAR table");
}

static void mem_bar(struct pci_fn *f, unsigned i, uint64_t start, uint64_t size)
{
	put_le32(f->cfg + PCI_CFG_BAR0 + i * 4, (uint32_t)start);
	f->sys.res[i] = (struct pci_resource){ start, start + size - 1, PCI_RESF_MEM };
}

static void io_bar(struct pci_fn *f, unsigned i, uint32_t port)
{
	put_le32(f->cfg + PCI_CFG_BAR0 + i * 4, port | 1u);
	f->sys.res[i] = (struct pci_resource){ port, port + 0x3f, PCI_RESF_IO };
}

/* MSI at @at with Message Control @ctrl; chained after the PCIe capability. */
static void msi(struct pci_fn *f, unsigned at, uint16_t ctrl)
{
	f->cfg[0x40 + PCI_CAP_NEXT] = (uint8_t)at;
	f->cfg[at + PCI_CAP_ID] = PCI_CAP_ID_MSI;
	put_le16(f->cfg + at + PCI_MSI_FLAGS, ctrl);
}

static void msix(struct pci_fn *f, unsigned at, unsigned entries, uint8_t tbir,
		 uint32_t toff, uint8_t pbir, uint32_t poff)
{
	f->cfg[at + PCI_CAP_ID] = PCI_CAP_ID_MSIX;
	put_le16(f->cfg + at + PCI_MSIX_FLAGS, (uint16_t)(entries - 1));
	put_le32(f->cfg + at + PCI_MSIX_TABLE, toff | tbir);
	put_le32(f->cfg + at + PCI_MSIX_PBA, poff | pbir);
}

static void intx(struct pci_fn *f, uint8_t pin, bool known, unsigned irq)
{
	f->cfg[PCI_CFG_INTERRUPT_PIN] = pin;
	f->sys.irq_known = known;
	f->sys.irq = irq;
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

/* A NIC with 64-bit masked MSI and MSI-X in its 16 KiB BAR0. */
static void sound_nic(struct vt_env *env)
{
	struct pci_fn *f;

	machine(env);
	f = dev(env, 1, 0, 0, false);
	mem_bar(f, 0, 0xfe000000ull, 0x4000);
	msi(f, CAP_AT, PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_MASKBIT | 5 << 1);
	f->cfg[CAP_AT + PCI_CAP_NEXT] = CAP2_AT;    /* MSI is 0x18 bytes: 0x78 < 0x80 */
	msix(f, CAP2_AT, 32, 0, 0x2000, 0, 0x3000);
	intx(f, 1, true, 16);
}

static void test_caps_pass(void)
{
	struct vt_results rs;
	struct vt_env env;

	sound_nic(&env);
	run(ID_CAPS, &env, &rs);
	ASSERT_STATUS(&rs, ID_CAPS, VT_PASS);
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_PASS, "1 functions: MSI Message Control consistent");
	done(&env, &rs);
}

static void test_caps_msi_fail(void)
{
	const struct vt_result *r;
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;
	uint64_t v;

	/* Multiple Message Capable 6: reserved. */
	machine(&env);
	f = dev(&env, 1, 0, 0, false);
	msi(f, CAP_AT, 6 << 1);
	run(ID_CAPS, &env, &rs);
	ASSERT_STATUS(&rs, ID_CAPS, VT_FAIL);
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_FAIL, "Multiple Message Capable is 6, a reserved");
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_FAIL, "counts 64 vectors");
	done(&env, &rs);
	/* Enable above Capable. */
	machine(&env);
	f = dev(&env, 1, 0, 0, false);
	msi(f, CAP_AT, 1 << 1 | 3 << 4);
	run(ID_CAPS, &env, &rs);
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_FAIL, "Multiple Message Enable is 3 (8 vectors), more "
		       "than Multiple Message Capable 1");
	done(&env, &rs);
	/* 64-bit with masking is 0x18 bytes: a capability at +0x10 sits inside it. */
	machine(&env);
	f = dev(&env, 1, 0, 0, false);
	msi(f, CAP_AT, PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_MASKBIT);
	f->cfg[CAP_AT + PCI_CAP_NEXT] = CAP_AT + 0x10;
	f->cfg[CAP_AT + 0x10 + PCI_CAP_ID] = PCI_CAP_ID_VNDR;
	run(ID_CAPS, &env, &rs);
	ASSERT_STATUS(&rs, ID_CAPS, VT_FAIL);
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_FAIL, "is 24 bytes by its flags (64-bit, with per-vector "
		       "masking");
	r = result_of(&rs, ID_CAPS, VT_FAIL);
	CU_ASSERT(evidence_uint(r, "other_capability", &v) && v == CAP_AT + 0x10);
	done(&env, &rs);
}

static void test_caps_msix_fail(void)
{
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;

	/* Overlap. */
	machine(&env);
	f = dev(&env, 1, 0, 0, false);
	mem_bar(f, 0, 0xfe000000ull, 0x4000);
	f->cfg[0x40 + PCI_CAP_NEXT] = CAP_AT;
	msix(f, CAP_AT, 64, 0, 0, 0, 0x200);
	run(ID_CAPS, &env, &rs);
	ASSERT_STATUS(&rs, ID_CAPS, VT_FAIL);
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_FAIL, "table [0x0-0x3ff] and PBA [0x200-0x207] overlap "
		       "in BAR0");
	done(&env, &rs);
	/* The PBA in an I/O BAR, the table past its BAR's end. */
	machine(&env);
	f = dev(&env, 1, 0, 0, false);
	mem_bar(f, 0, 0xfe000000ull, 0x1000);
	io_bar(f, 2, 0xc000);
	f->cfg[0x40 + PCI_CAP_NEXT] = CAP_AT;
	msix(f, CAP_AT, 8, 0, 0xfc0, 2, 0);
	run(ID_CAPS, &env, &rs);
	ASSERT_COUNT(&rs, ID_CAPS, VT_FAIL, 2);
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_FAIL, "the MSI-X table (BIR 0, offset 0xfc0, 128 bytes) "
		       "runs past the end of its BAR");
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_FAIL, "the MSI-X PBA (BIR 2, offset 0x0, 8 bytes) is in "
		       "an I/O BAR");
	done(&env, &rs);
	/* BIR 7 reserved, and BAR3 not implemented. */
	machine(&env);
	f = dev(&env, 1, 0, 0, false);
	f->cfg[0x40 + PCI_CAP_NEXT] = CAP_AT;
	msix(f, CAP_AT, 1, 7, 0, 3, 0);
	run(ID_CAPS, &env, &rs);
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_FAIL, "names a reserved BIR (6 or 7");
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_FAIL, "names a BAR the function does not implement");
	done(&env, &rs);
}

/* An lspci dump: no sizes; what config space tells is still judged. */
static void test_caps_unsized(void)
{
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;

	machine(&env);
	f = dev(&env, 1, 0, 0, false);
	put_le32(f->cfg + PCI_CFG_BAR0, 0xfe000000u);
	f->sys.nres = 0;
	f->cfg[0x40 + PCI_CAP_NEXT] = CAP_AT;
	msix(f, CAP_AT, 8, 0, 0x2000, 0, 0x3000);
	run(ID_CAPS, &env, &rs);
	ASSERT_STATUS(&rs, ID_CAPS, VT_PASS);
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_PASS, "whether 1 MSI-X structures fit their BARs is not "
		       "judged (no BAR sizes");
	done(&env, &rs);
	machine(&env);
	f = dev(&env, 1, 0, 0, false);
	f->sys.nres = 0;
	io_bar(f, 0, 0xc000);
	f->cfg[0x40 + PCI_CAP_NEXT] = CAP_AT;
	msix(f, CAP_AT, 8, 0, 0, 0, 0x800);
	run(ID_CAPS, &env, &rs);
	ASSERT_MSG_HAS(&rs, ID_CAPS, VT_FAIL, "is in an I/O BAR");
	done(&env, &rs);
	/* Nothing with MSI or MSI-X. */
	machine(&env);
	dev(&env, 1, 0, 0, false);
	run(ID_CAPS, &env, &rs);
	ASSERT_STATUS(&rs, ID_CAPS, VT_SKIP);
	done(&env, &rs);
}

static struct pci_fn *vf(struct vt_env *env, uint8_t d)
{
	struct pci_fn *f = dev(env, 2, d, 0, false);

	f->sys.physfn_known = true;
	f->sys.is_vf = true;
	f->sys.pf_bus = 1;
	return f;
}

static void test_vf(void)
{
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;

	machine(&env);
	f = vf(&env, 0);
	f->cfg[0x40 + PCI_CAP_NEXT] = CAP_AT;
	msix(f, CAP_AT, 3, 3, 0, 3, 0x2000);
	run(ID_VF, &env, &rs);
	ASSERT_STATUS(&rs, ID_VF, VT_PASS);
	ASSERT_MSG_HAS(&rs, ID_VF, VT_PASS, "1 VFs: Interrupt Pin 0");
	done(&env, &rs);
	/* A pin, and nothing but it. */
	machine(&env);
	f = vf(&env, 0);
	intx(f, 1, true, 0);
	f = vf(&env, 1);
	f->cfg[0x40 + PCI_CAP_NEXT] = CAP_AT;
	msi(f, CAP_AT, 0);
	intx(f, 2, true, 0);
	run(ID_VF, &env, &rs);
	ASSERT_STATUS(&rs, ID_VF, VT_FAIL);
	ASSERT_COUNT(&rs, ID_VF, VT_FAIL, 3);
	ASSERT_MSG_HAS(&rs, ID_VF, VT_FAIL, "Interrupt Pin reads 1 (INTA)");
	ASSERT_MSG_HAS(&rs, ID_VF, VT_FAIL, "Interrupt Pin reads 2 (INTB)");
	ASSERT_MSG_HAS(&rs, ID_VF, VT_FAIL, "neither MSI nor MSI-X");
	ASSERT_SUBJECT_HAS(&rs, ID_VF, VT_FAIL, "0000:02:00.0");
	done(&env, &rs);
	machine(&env);
	dev(&env, 1, 0, 0, false);
	run(ID_VF, &env, &rs);
	ASSERT_STATUS(&rs, ID_VF, VT_SKIP);
	ASSERT_MSG_HAS(&rs, ID_VF, VT_SKIP, "no SR-IOV VF");
	done(&env, &rs);
}

static void test_intx_shared(void)
{
	const struct vt_result *r;
	struct vt_results rs;
	struct vt_env env;
	struct pci_fn *f;
	uint64_t v;

	/* Two functions of one card (one group) on IRQ 16; another card alone on 17. */
	machine(&env);
	intx(dev(&env, 1, 0, 0, true), 1, true, 16);
	intx(dev(&env, 1, 0, 1, true), 2, true, 16);
	intx(dev(&env, 2, 0, 0, false), 1, true, 17);
	run(ID_SHARED, &env, &rs);
	ASSERT_STATUS(&rs, ID_SHARED, VT_PASS);
	ASSERT_MSG_HAS(&rs, ID_SHARED, VT_PASS, "3 functions with INTx: no line shared");
	vt_results_free(&rs);
	/* A third card on 16: each side warns, naming the other. */
	intx(dev(&env, 3, 0, 0, false), 1, true, 16);
	run(ID_SHARED, &env, &rs);
	ASSERT_STATUS(&rs, ID_SHARED, VT_WARN);
	ASSERT_COUNT(&rs, ID_SHARED, VT_WARN, 3);
	ASSERT_MSG_HAS(&rs, ID_SHARED, VT_WARN, "INTx IRQ 16 is shared with 0000:03:00.0, in "
		       "another IOMMU group");
	ASSERT_MSG_HAS(&rs, ID_SHARED, VT_WARN, "shared with 0000:01:00.0 0000:01:00.1");
	r = result_of(&rs, ID_SHARED, VT_WARN);
	CU_ASSERT(evidence_uint(r, "irq", &v) && v == 16);
	CU_ASSERT_PTR_NOT_NULL(evidence_str(r, "function"));
	CU_ASSERT_PTR_NOT_NULL(vt_value_get(r->ev, "shared_with"));
	done(&env, &rs);
	/* A root port (of another hierarchy) on the line with MSI-X on does not use it. */
	machine(&env);
	intx(dev(&env, 5, 0, 0, false), 1, true, 16);
	f = RP(&env.pci, 0, 0x1c, 0, 1, NO_ACS);
	f->cfg[0x40 + PCI_CAP_NEXT] = CAP_AT;
	msix(f, CAP_AT, 1, 0, 0, 0, 0x800);
	put_le16(f->cfg + CAP_AT + PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE);
	intx(f, 1, true, 16);
	run(ID_SHARED, &env, &rs);
	ASSERT_STATUS(&rs, ID_SHARED, VT_PASS);
	vt_results_free(&rs);
	/* ... but with INTx it does (the model is sorted now: find the port again). */
	f = (struct pci_fn *)pci_model_find(&env.pci, 0, 0, 0x1c, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	put_le16(f->cfg + CAP_AT + PCI_MSIX_FLAGS, 0);
	run(ID_SHARED, &env, &rs);
	ASSERT_STATUS(&rs, ID_SHARED, VT_WARN);
	ASSERT_MSG_HAS(&rs, ID_SHARED, VT_WARN, "shared with 0000:00:1c.0");
	done(&env, &rs);
	/* An lspci dump: no irq, nothing judged. */
	machine(&env);
	intx(dev(&env, 1, 0, 0, false), 1, false, 0);
	intx(dev(&env, 2, 0, 0, false), 1, false, 0);
	run(ID_SHARED, &env, &rs);
	ASSERT_STATUS(&rs, ID_SHARED, VT_SKIP);
	ASSERT_MSG_HAS(&rs, ID_SHARED, VT_SKIP, "an lspci dump has none");
	done(&env, &rs);
}

const struct unit_test check_msi_tests[] = {
	{ "caps_pass", test_caps_pass },
	{ "caps_msi_fail", test_caps_msi_fail },
	{ "caps_msix_fail", test_caps_msix_fail },
	{ "caps_unsized", test_caps_unsized },
	{ "vf", test_vf },
	{ "intx_shared", test_intx_shared },
	{ NULL, NULL }
};
