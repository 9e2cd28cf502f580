// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Linux drivers/pci/quirks.c, the parts that change IOMMU grouping, as
 * data. Tables follow Linux 6.12 in its order; the scan stops at the first
 * quirk that answers (>= 0), as pci_dev_specific_acs_enabled() does.
 */
#include <string.h>

#include "pci_caps.h"
#include "pci_quirks.h"

#define PCI_ANY_ID          0xffff
#define VENDOR_ATI          0x1002
#define VENDOR_AMD          0x1022
#define VENDOR_INTEL        0x8086
#define VENDOR_SOLARFLARE   0x1924
#define VENDOR_QCOM         0x17cb
#define VENDOR_HXT          0x1dbf
#define VENDOR_EMULEX_BE    0x19a2
#define VENDOR_EMULEX       0x10df
#define VENDOR_CAVIUM       0x177d
#define VENDOR_AMCC         0x10e8
#define VENDOR_AMPERE       0x1def
#define VENDOR_BROADCOM     0x14e4
#define VENDOR_ANNAPURNA    0x1c36
#define VENDOR_ZHAOXIN      0x1d17
#define VENDOR_NXP          0x1957
#define VENDOR_WANGXUN      0x8088
#define VENDOR_LOONGSON     0x0014
#define VENDOR_RICOH        0x1180
#define VENDOR_GLENFLY      0x6766
#define VENDOR_MARVELL_EXT  0x1b4b
#define VENDOR_TTI          0x1103
#define VENDOR_JMICRON      0x197b
#define VENDOR_LITEON       0x1c28
#define VENDOR_ADAPTEC2     0x9005
#define VENDOR_PLX          0x10b5
#define VENDOR_ASMEDIA      0x1b21
#define VENDOR_TUNDRA       0x10e3
#define VENDOR_ITE          0x1283

#define ACS_ISOLATING (PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF)

/* quirks.c pci_acs_ctrl_enabled(): every requested control is on. */
static int ctrl_enabled(uint16_t req, uint32_t ena)
{
	return (req & ena) == req;
}

static int linux_type(const struct pci_model *m, const struct pci_fn *f)
{
	return pci_linux_port_type(m, f);
}

/* ---- ACS quirk functions, named as in quirks.c ---- */

typedef int (*acs_fn)(const struct pci_model *m, const struct pci_fn *f, uint16_t req,
		      const struct quirk_context *qc);

/* Needs an ACPI IVRS table (an AMD IOMMU): never on a VT-d machine. */
static int amd_sb_acs(const struct pci_model *m, const struct pci_fn *f, uint16_t req,
		      const struct quirk_context *qc)
{
	(void)m, (void)f, (void)req, (void)qc;
	return -1;
}

static int mf_endpoint_acs(const struct pci_model *m, const struct pci_fn *f, uint16_t req,
			   const struct quirk_context *qc)
{
	(void)m, (void)f, (void)qc;
	return ctrl_enabled(req, PCI_ACS_SV | PCI_ACS_TB | PCI_ACS_RR | PCI_ACS_CR |
			    PCI_ACS_UF | PCI_ACS_DT);
}

/* Intel RCiEPs are isolated (VT-d 3.1 §3.16). */
static int rciep_acs(const struct pci_model *m, const struct pci_fn *f, uint16_t req,
		     const struct quirk_context *qc)
{
	(void)qc;
	if (linux_type(m, f) != PCI_EXP_TYPE_RC_END)
		return -1;
	return ctrl_enabled(req, ACS_ISOLATING);
}

static int isolating_rp_acs(const struct pci_model *m, const struct pci_fn *f, uint16_t req,
			    const struct quirk_context *qc)
{
	(void)m, (void)f, (void)qc;
	return ctrl_enabled(req, ACS_ISOLATING);
}

static int al_acs(const struct pci_model *m, const struct pci_fn *f, uint16_t req,
		  const struct quirk_context *qc)
{
	(void)qc;
	if (linux_type(m, f) != PCI_EXP_TYPE_ROOT_PORT)
		return -1;
	return (req & ~ACS_ISOLATING) ? 0 : 1;
}

static int cavium_acs(const struct pci_model *m, const struct pci_fn *f, uint16_t req,
		      const struct quirk_context *qc)
{
	(void)qc;
	if (linux_type(m, f) != PCI_EXP_TYPE_ROOT_PORT ||
	    !((f->device >= 0xa000 && f->device <= 0xa7ff) || f->device == 0xaf84 ||
	      f->device == 0xb884))
		return -1;
	return ctrl_enabled(req, ACS_ISOLATING);
}

/* Known Zhaoxin ports are isolated; any other Zhaoxin port is not (final). */
static int zhaoxin_ports_acs(const struct pci_model *m, const struct pci_fn *f,
			     uint16_t req, const struct quirk_context *qc)
{
	int t = linux_type(m, f);

	(void)qc;
	if (t != PCI_EXP_TYPE_ROOT_PORT && t != PCI_EXP_TYPE_DOWNSTREAM)
		return -1;
	if ((f->device >= 0x0710 && f->device <= 0x071e) || f->device == 0x0721 ||
	    (f->device >= 0x0723 && f->device <= 0x0752))
		return ctrl_enabled(req, ACS_ISOLATING);
	return 0;
}

/* Known Wangxun NICs are isolated; any other Wangxun device is not (final). */
static int wangxun_nic_acs(const struct pci_model *m, const struct pci_fn *f, uint16_t req,
			   const struct quirk_context *qc)
{
	static const struct kernel_version aml = { 6, 13, 0 };
	static const uint16_t aml_ids[] = { 0x5010, 0x5025, 0x5040, 0x5110, 0x5125, 0x5140 };
	size_t i;

	(void)m;
	if ((f->device >= 0x0100 && f->device <= 0x010f) || f->device == 0x1001 ||
	    f->device == 0x2001)
		return ctrl_enabled(req, ACS_ISOLATING);
	/* The AML IDs: "PCI: Add ACS quirk for Wangxun FF5xxx NICs" (v6.13). */
	for (i = 0; i < sizeof(aml_ids) / sizeof(aml_ids[0]); i++)
		if (f->device == aml_ids[i] && (!kernel_version_known(&qc->kernel) ||
						 kernel_version_cmp(&qc->kernel, &aml) >= 0))
			return ctrl_enabled(req, ACS_ISOLATING);
	return 0;
}

/* Intel PCH root ports isolate once the kernel enabled it through RCBA. */
static const uint16_t intel_pch_acs_ids[] = {
	/* Ibexpeak */
	0x3b42, 0x3b43, 0x3b44, 0x3b45, 0x3b46, 0x3b47, 0x3b48, 0x3b49,
	0x3b4a, 0x3b4b, 0x3b4c, 0x3b4d, 0x3b4e, 0x3b4f, 0x3b50, 0x3b51,
	/* Cougarpoint */
	0x1c10, 0x1c11, 0x1c12, 0x1c13, 0x1c14, 0x1c15, 0x1c16, 0x1c17,
	0x1c18, 0x1c19, 0x1c1a, 0x1c1b, 0x1c1c, 0x1c1d, 0x1c1e, 0x1c1f,
	/* Pantherpoint */
	0x1e10, 0x1e11, 0x1e12, 0x1e13, 0x1e14, 0x1e15, 0x1e16, 0x1e17,
	0x1e18, 0x1e19, 0x1e1a, 0x1e1b, 0x1e1c, 0x1e1d, 0x1e1e, 0x1e1f,
	/* Lynxpoint-H */
	0x8c10, 0x8c11, 0x8c12, 0x8c13, 0x8c14, 0x8c15, 0x8c16, 0x8c17,
	0x8c18, 0x8c19, 0x8c1a, 0x8c1b, 0x8c1c, 0x8c1d, 0x8c1e, 0x8c1f,
	/* Lynxpoint-LP */
	0x9c10, 0x9c11, 0x9c12, 0x9c13, 0x9c14, 0x9c15, 0x9c16, 0x9c17,
	0x9c18, 0x9c19, 0x9c1a, 0x9c1b,
	/* Wildcat */
	0x9c90, 0x9c91, 0x9c92, 0x9c93, 0x9c94, 0x9c95, 0x9c96, 0x9c97,
	0x9c98, 0x9c99, 0x9c9a, 0x9c9b,
	/* Patsburg (X79) */
	0x1d10, 0x1d12, 0x1d14, 0x1d16, 0x1d18, 0x1d1a, 0x1d1c, 0x1d1e,
	/* Wellsburg (X99) */
	0x8d10, 0x8d11, 0x8d12, 0x8d13, 0x8d14, 0x8d15, 0x8d16, 0x8d17,
	0x8d18, 0x8d19, 0x8d1a, 0x8d1b, 0x8d1c, 0x8d1d, 0x8d1e,
	/* Lynx Point (9 series) */
	0x8c90, 0x8c92, 0x8c94, 0x8c96, 0x8c98, 0x8c9a, 0x8c9c, 0x8c9e,
};

#define INTEL_LPC_DEV          0x1f        /* D31:F0, the LPC bridge */
#define INTEL_LPC_RCBA         0xf0        /* Root Complex Base Address */
#define INTEL_LPC_RCBA_ENABLE  0x1

/*
 * pci_quirk_enable_intel_pch_acs() sets PCI_DEV_FLAGS_ACS_ENABLED_QUIRK
 * when ACS was requested and the LPC bridge on the port's bus has RCBA
 * enabled. An LPC config space that could not be read is taken as enabled
 * (as it is on every machine that boots).
 */
static bool intel_pch_acs_enabled_quirk(const struct pci_model *m, const struct pci_fn *f,
					const struct quirk_context *qc)
{
	const struct pci_fn *lpc = pci_model_find(m, f->segment, f->bus, INTEL_LPC_DEV, 0);
	uint32_t rcba;

	if (!qc->acs_requested)
		return false;
	if (!lpc || !pci_cfg_read32(lpc, INTEL_LPC_RCBA, &rcba))
		return true;
	return rcba & INTEL_LPC_RCBA_ENABLE;
}

static int intel_pch_acs(const struct pci_model *m, const struct pci_fn *f, uint16_t req,
			 const struct quirk_context *qc)
{
	size_t i;

	if (linux_type(m, f) != PCI_EXP_TYPE_ROOT_PORT)
		return -1;
	for (i = 0; i < sizeof(intel_pch_acs_ids) / sizeof(intel_pch_acs_ids[0]); i++)
		if (f->device == intel_pch_acs_ids[i])
			break;
	if (i == sizeof(intel_pch_acs_ids) / sizeof(intel_pch_acs_ids[0]))
		return -1;
	return ctrl_enabled(req, intel_pch_acs_enabled_quirk(m, f, qc) ? ACS_ISOLATING : 0);
}

/* Sunrise/Union Point root ports: ACS control is a dword at +8, not a word at +6. */
#define INTEL_SPT_ACS_CTRL     (PCI_ACS_CAP + 4)

static int intel_spt_pch_acs(const struct pci_model *m, const struct pci_fn *f,
			     uint16_t req, const struct quirk_context *qc)
{
	uint16_t d = f->device;
	uint32_t cap, ctrl;

	if (linux_type(m, f) != PCI_EXP_TYPE_ROOT_PORT ||
	    !((d & ~0xf) == 0xa110 || (d >= 0xa167 && d <= 0xa16a) || (d & ~0xf) == 0xa290 ||
	      (d >= 0xa2e7 && d <= 0xa2ee) || (d >= 0x9d10 && d <= 0x9d1b)))
		return -1;
	if (!f->caps.acs || !pci_cfg_read32(f, f->caps.acs + PCI_ACS_CAP, &cap) ||
	    !pci_cfg_read32(f, f->caps.acs + INTEL_SPT_ACS_CTRL, &ctrl))
		return -1;
	/* pci_quirk_enable_intel_spt_pch_acs() sets SV, RR, CR, UF where offered. */
	if (qc->acs_enable_assumed)
		ctrl |= cap & (PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_UF);
	req &= (uint16_t)(cap | PCI_ACS_EC);
	return ctrl_enabled(req, ctrl);
}

/* ---- the table: pci_dev_acs_enabled[] in Linux 6.12's order ---- */

struct acs_quirk {
	uint16_t vendor, device;        /* PCI_ANY_ID matches any */
	acs_fn fn;
	const char *name;
	struct kernel_version since;    /* mainline release that added it; 0: before 6.1 */
};

#define Q(v, d, f) { v, d, f, #f, { 0, 0, 0 } }
#define QS(v, d, f, a, b) { v, d, f, #f, { a, b, 0 } }

static const struct acs_quirk acs_quirks[] = {
	Q(VENDOR_ATI, 0x4385, amd_sb_acs), Q(VENDOR_ATI, 0x439c, amd_sb_acs),
	Q(VENDOR_ATI, 0x4383, amd_sb_acs), Q(VENDOR_ATI, 0x439d, amd_sb_acs),
	Q(VENDOR_ATI, 0x4384, amd_sb_acs), Q(VENDOR_ATI, 0x4399, amd_sb_acs),
	Q(VENDOR_AMD, 0x780f, amd_sb_acs), Q(VENDOR_AMD, 0x7809, amd_sb_acs),
	Q(VENDOR_SOLARFLARE, 0x0903, mf_endpoint_acs), Q(VENDOR_SOLARFLARE, 0x0923, mf_endpoint_acs),
	Q(VENDOR_SOLARFLARE, 0x0A03, mf_endpoint_acs),
	/* Intel 82598, 82599, X540 families */
	Q(VENDOR_INTEL, 0x10C6, mf_endpoint_acs), Q(VENDOR_INTEL, 0x10DB, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x10DD, mf_endpoint_acs), Q(VENDOR_INTEL, 0x10E1, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x10F1, mf_endpoint_acs), Q(VENDOR_INTEL, 0x10F7, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x10F8, mf_endpoint_acs), Q(VENDOR_INTEL, 0x10F9, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x10FA, mf_endpoint_acs), Q(VENDOR_INTEL, 0x10FB, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x10FC, mf_endpoint_acs), Q(VENDOR_INTEL, 0x1507, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x1514, mf_endpoint_acs), Q(VENDOR_INTEL, 0x151C, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x1529, mf_endpoint_acs), Q(VENDOR_INTEL, 0x152A, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x154D, mf_endpoint_acs), Q(VENDOR_INTEL, 0x154F, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x1551, mf_endpoint_acs), Q(VENDOR_INTEL, 0x1558, mf_endpoint_acs),
	/* 82580 */
	Q(VENDOR_INTEL, 0x1509, mf_endpoint_acs), Q(VENDOR_INTEL, 0x150E, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x150F, mf_endpoint_acs), Q(VENDOR_INTEL, 0x1510, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x1511, mf_endpoint_acs), Q(VENDOR_INTEL, 0x1516, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x1527, mf_endpoint_acs),
	/* 82576: the VT-d guide's SR-IOV NIC */
	Q(VENDOR_INTEL, 0x10C9, mf_endpoint_acs), Q(VENDOR_INTEL, 0x10E6, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x10E7, mf_endpoint_acs), Q(VENDOR_INTEL, 0x10E8, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x150A, mf_endpoint_acs), Q(VENDOR_INTEL, 0x150D, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x1518, mf_endpoint_acs), Q(VENDOR_INTEL, 0x1526, mf_endpoint_acs),
	/* 82575 */
	Q(VENDOR_INTEL, 0x10A7, mf_endpoint_acs), Q(VENDOR_INTEL, 0x10A9, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x10D6, mf_endpoint_acs),
	/* I350 */
	Q(VENDOR_INTEL, 0x1521, mf_endpoint_acs), Q(VENDOR_INTEL, 0x1522, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x1523, mf_endpoint_acs), Q(VENDOR_INTEL, 0x1524, mf_endpoint_acs),
	/* 82571 (quad-port ones omitted upstream: a non-ACS switch) */
	Q(VENDOR_INTEL, 0x105E, mf_endpoint_acs), Q(VENDOR_INTEL, 0x105F, mf_endpoint_acs),
	Q(VENDOR_INTEL, 0x1060, mf_endpoint_acs), Q(VENDOR_INTEL, 0x10D9, mf_endpoint_acs),
	/* I219 */
	Q(VENDOR_INTEL, 0x15b7, mf_endpoint_acs), Q(VENDOR_INTEL, 0x15b8, mf_endpoint_acs),
	{ VENDOR_INTEL, PCI_ANY_ID, rciep_acs, "pci_quirk_rciep_acs", { 0, 0, 0 } },
	/* QCOM QDF2xxx, SA8775P (v6.12), HXT SD4800 root ports */
	{ VENDOR_QCOM, 0x0400, isolating_rp_acs, "pci_quirk_qcom_rp_acs", { 0, 0, 0 } },
	{ VENDOR_QCOM, 0x0401, isolating_rp_acs, "pci_quirk_qcom_rp_acs", { 0, 0, 0 } },
	{ VENDOR_QCOM, 0x0115, isolating_rp_acs, "pci_quirk_qcom_rp_acs", { 6, 12, 0 } },
	{ VENDOR_HXT, 0x0401, isolating_rp_acs, "pci_quirk_qcom_rp_acs", { 0, 0, 0 } },
	{ VENDOR_INTEL, PCI_ANY_ID, intel_pch_acs, "pci_quirk_intel_pch_acs", { 0, 0, 0 } },
	{ VENDOR_INTEL, PCI_ANY_ID, intel_spt_pch_acs, "pci_quirk_intel_spt_pch_acs", { 0, 0, 0 } },
	Q(VENDOR_EMULEX_BE, 0x0710, mf_endpoint_acs),      /* BE3-R */
	Q(VENDOR_EMULEX, 0x0720, mf_endpoint_acs),         /* Skyhawk-R */
	{ VENDOR_CAVIUM, PCI_ANY_ID, cavium_acs, "pci_quirk_cavium_acs", { 0, 0, 0 } },
	Q(VENDOR_CAVIUM, 0xA026, mf_endpoint_acs), Q(VENDOR_CAVIUM, 0xA059, mf_endpoint_acs),
	Q(VENDOR_CAVIUM, 0xA060, mf_endpoint_acs),
	/* APM X-Gene, Ampere */
	{ VENDOR_AMCC, 0xE004, isolating_rp_acs, "pci_quirk_xgene_acs", { 0, 0, 0 } },
	{ VENDOR_AMPERE, 0xE005, isolating_rp_acs, "pci_quirk_xgene_acs", { 0, 0, 0 } },
	{ VENDOR_AMPERE, 0xE006, isolating_rp_acs, "pci_quirk_xgene_acs", { 0, 0, 0 } },
	{ VENDOR_AMPERE, 0xE007, isolating_rp_acs, "pci_quirk_xgene_acs", { 0, 0, 0 } },
	{ VENDOR_AMPERE, 0xE008, isolating_rp_acs, "pci_quirk_xgene_acs", { 0, 0, 0 } },
	{ VENDOR_AMPERE, 0xE009, isolating_rp_acs, "pci_quirk_xgene_acs", { 0, 0, 0 } },
	{ VENDOR_AMPERE, 0xE00A, isolating_rp_acs, "pci_quirk_xgene_acs", { 0, 0, 0 } },
	{ VENDOR_AMPERE, 0xE00B, isolating_rp_acs, "pci_quirk_xgene_acs", { 0, 0, 0 } },
	{ VENDOR_AMPERE, 0xE00C, isolating_rp_acs, "pci_quirk_xgene_acs", { 0, 0, 0 } },
	/* Broadcom multi-function devices; BCM5760X from v6.11 */
	Q(VENDOR_BROADCOM, 0x16D7, mf_endpoint_acs), Q(VENDOR_BROADCOM, 0x1750, mf_endpoint_acs),
	Q(VENDOR_BROADCOM, 0x1751, mf_endpoint_acs), Q(VENDOR_BROADCOM, 0x1752, mf_endpoint_acs),
	QS(VENDOR_BROADCOM, 0x1760, mf_endpoint_acs, 6, 11),
	QS(VENDOR_BROADCOM, 0x1761, mf_endpoint_acs, 6, 11),
	QS(VENDOR_BROADCOM, 0x1762, mf_endpoint_acs, 6, 11),
	QS(VENDOR_BROADCOM, 0x1763, mf_endpoint_acs, 6, 11),
	{ VENDOR_BROADCOM, 0xD714, isolating_rp_acs, "pci_quirk_brcm_acs", { 0, 0, 0 } },
	{ VENDOR_ANNAPURNA, 0x0031, al_acs, "pci_quirk_al_acs", { 0, 0, 0 } },
	/* Loongson root ports (v6.15) */
	{ VENDOR_LOONGSON, 0x3C09, isolating_rp_acs, "pci_quirk_loongson_acs", { 6, 15, 0 } },
	{ VENDOR_LOONGSON, 0x3C19, isolating_rp_acs, "pci_quirk_loongson_acs", { 6, 15, 0 } },
	{ VENDOR_LOONGSON, 0x3C29, isolating_rp_acs, "pci_quirk_loongson_acs", { 6, 15, 0 } },
	{ VENDOR_LOONGSON, 0x7A09, isolating_rp_acs, "pci_quirk_loongson_acs", { 6, 15, 0 } },
	{ VENDOR_LOONGSON, 0x7A19, isolating_rp_acs, "pci_quirk_loongson_acs", { 6, 15, 0 } },
	{ VENDOR_LOONGSON, 0x7A29, isolating_rp_acs, "pci_quirk_loongson_acs", { 6, 15, 0 } },
	{ VENDOR_LOONGSON, 0x7A39, isolating_rp_acs, "pci_quirk_loongson_acs", { 6, 15, 0 } },
	{ VENDOR_LOONGSON, 0x7A49, isolating_rp_acs, "pci_quirk_loongson_acs", { 6, 15, 0 } },
	{ VENDOR_LOONGSON, 0x7A59, isolating_rp_acs, "pci_quirk_loongson_acs", { 6, 15, 0 } },
	{ VENDOR_LOONGSON, 0x7A69, isolating_rp_acs, "pci_quirk_loongson_acs", { 6, 15, 0 } },
	/* Zhaoxin multi-function devices */
	Q(VENDOR_ZHAOXIN, 0x3038, mf_endpoint_acs), Q(VENDOR_ZHAOXIN, 0x3104, mf_endpoint_acs),
	Q(VENDOR_ZHAOXIN, 0x9083, mf_endpoint_acs),
	/* NXP LX2xx0/LX2xx2 root ports */
	{ VENDOR_NXP, 0x8d81, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8da1, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d83, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d80, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8da0, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d82, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d90, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8db0, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d92, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d91, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8db1, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d93, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d89, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8da9, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d8b, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d88, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8da8, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d8a, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d98, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8db8, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d9a, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d99, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8db9, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_NXP, 0x8d9b, isolating_rp_acs, "pci_quirk_nxp_rp_acs", { 0, 0, 0 } },
	{ VENDOR_ZHAOXIN, PCI_ANY_ID, zhaoxin_ports_acs, "pci_quirk_zhaoxin_pcie_ports_acs",
	  { 0, 0, 0 } },
	/* Wangxun NICs (v6.3; backported to 6.1.y) */
	{ VENDOR_WANGXUN, PCI_ANY_ID, wangxun_nic_acs, "pci_quirk_wangxun_nic_acs", { 6, 3, 0 } },
};

static bool in_kernel(const struct kernel_version *since, const struct quirk_context *qc)
{
	return !kernel_version_known(&qc->kernel) || kernel_version_cmp(&qc->kernel, since) >= 0;
}

int pci_quirk_acs(const struct pci_model *m, const struct pci_fn *f, uint16_t flags,
		  const struct quirk_context *qc, const char **name)
{
	size_t i;
	int r;

	*name = NULL;
	if (!pci_fn_header_valid(f))
		return -1;
	for (i = 0; i < sizeof(acs_quirks) / sizeof(acs_quirks[0]); i++) {
		const struct acs_quirk *q = &acs_quirks[i];

		if ((q->vendor != PCI_ANY_ID && q->vendor != f->vendor) ||
		    (q->device != PCI_ANY_ID && q->device != f->device) ||
		    !in_kernel(&q->since, qc))
			continue;
		r = q->fn(m, f, flags, qc);
		if (r >= 0) {
			*name = q->name;
			return r;
		}
	}
	return -1;
}

/* ---- DMA aliases ---- */

struct alias_quirk {
	uint16_t vendor, device;
	uint16_t subvendor, subdevice;          /* PCI_ANY_ID: any */
	enum { ALIAS_FUNC0, ALIAS_FUNC1, ALIAS_FIXED, ALIAS_RANGE } how;
	uint8_t devfn, count;                   /* ALIAS_FIXED / ALIAS_RANGE */
	const char *name;
	struct kernel_version since;
};

#define FUNC0(v, d) { v, d, PCI_ANY_ID, PCI_ANY_ID, ALIAS_FUNC0, 0, 0, "quirk_dma_func0_alias", { 0, 0, 0 } }
#define FUNC1(v, d) { v, d, PCI_ANY_ID, PCI_ANY_ID, ALIAS_FUNC1, 0, 0, "quirk_dma_func1_alias", { 0, 0, 0 } }
#define DEVFN(slot, fn) ((uint8_t)((slot) << 3 | (fn)))

static const struct alias_quirk alias_quirks[] = {
	FUNC0(VENDOR_RICOH, 0xe832), FUNC0(VENDOR_RICOH, 0xe476),
	{ VENDOR_GLENFLY, 0x3d40, PCI_ANY_ID, PCI_ANY_ID, ALIAS_FUNC0, 0, 0,
	  "quirk_dma_func0_alias", { 6, 12, 0 } },
	{ VENDOR_GLENFLY, 0x3d41, PCI_ANY_ID, PCI_ANY_ID, ALIAS_FUNC0, 0, 0,
	  "quirk_dma_func0_alias", { 6, 12, 0 } },
	FUNC1(VENDOR_MARVELL_EXT, 0x9120), FUNC1(VENDOR_MARVELL_EXT, 0x9123),
	FUNC1(VENDOR_MARVELL_EXT, 0x9125), FUNC1(VENDOR_MARVELL_EXT, 0x9128),
	FUNC1(VENDOR_MARVELL_EXT, 0x9130), FUNC1(VENDOR_MARVELL_EXT, 0x9170),
	FUNC1(VENDOR_MARVELL_EXT, 0x9172), FUNC1(VENDOR_MARVELL_EXT, 0x917a),
	FUNC1(VENDOR_MARVELL_EXT, 0x9182), FUNC1(VENDOR_MARVELL_EXT, 0x9183),
	FUNC1(VENDOR_MARVELL_EXT, 0x91a0), FUNC1(VENDOR_MARVELL_EXT, 0x9215),
	FUNC1(VENDOR_MARVELL_EXT, 0x9220), FUNC1(VENDOR_MARVELL_EXT, 0x9230),
	FUNC1(VENDOR_MARVELL_EXT, 0x9235),
	FUNC1(VENDOR_TTI, 0x0642), FUNC1(VENDOR_TTI, 0x0645),
	FUNC1(VENDOR_JMICRON, 0x2392), FUNC1(VENDOR_LITEON, 0x0122),
	/* Adaptec 3405 and 3805 */
	{ VENDOR_ADAPTEC2, 0x0285, VENDOR_ADAPTEC2, 0x02bb, ALIAS_FIXED, DEVFN(1, 0), 1,
	  "quirk_fixed_dma_alias", { 0, 0, 0 } },
	{ VENDOR_ADAPTEC2, 0x0285, VENDOR_ADAPTEC2, 0x02bc, ALIAS_FIXED, DEVFN(1, 0), 1,
	  "quirk_fixed_dma_alias", { 0, 0, 0 } },
	/* Intel MIC x200: 10.0, 11.0, 12.3 */
	{ VENDOR_INTEL, 0x2260, PCI_ANY_ID, PCI_ANY_ID, ALIAS_FIXED, DEVFN(0x10, 0), 1,
	  "quirk_mic_x200_dma_alias", { 0, 0, 0 } },
	{ VENDOR_INTEL, 0x2260, PCI_ANY_ID, PCI_ANY_ID, ALIAS_FIXED, DEVFN(0x11, 0), 1,
	  "quirk_mic_x200_dma_alias", { 0, 0, 0 } },
	{ VENDOR_INTEL, 0x2260, PCI_ANY_ID, PCI_ANY_ID, ALIAS_FIXED, DEVFN(0x12, 3), 1,
	  "quirk_mic_x200_dma_alias", { 0, 0, 0 } },
	{ VENDOR_INTEL, 0x2264, PCI_ANY_ID, PCI_ANY_ID, ALIAS_FIXED, DEVFN(0x10, 0), 1,
	  "quirk_mic_x200_dma_alias", { 0, 0, 0 } },
	{ VENDOR_INTEL, 0x2264, PCI_ANY_ID, PCI_ANY_ID, ALIAS_FIXED, DEVFN(0x11, 0), 1,
	  "quirk_mic_x200_dma_alias", { 0, 0, 0 } },
	{ VENDOR_INTEL, 0x2264, PCI_ANY_ID, PCI_ANY_ID, ALIAS_FIXED, DEVFN(0x12, 3), 1,
	  "quirk_mic_x200_dma_alias", { 0, 0, 0 } },
	/* PLX NTB: every devfn of its bus */
	{ VENDOR_PLX, 0x87b0, PCI_ANY_ID, PCI_ANY_ID, ALIAS_RANGE, 0, 0, "quirk_plx_ntb_dma_alias",
	  { 0, 0, 0 } },
	{ VENDOR_PLX, 0x87b1, PCI_ANY_ID, PCI_ANY_ID, ALIAS_RANGE, 0, 0, "quirk_plx_ntb_dma_alias",
	  { 0, 0, 0 } },
};

static const uint16_t pex_vca_ids[] = { 0x2954, 0x2955, 0x2956, 0x2958, 0x2959, 0x295A };

size_t pci_quirk_dma_aliases(const struct pci_fn *f, const struct quirk_context *qc,
			     uint8_t *devfns, size_t max, const char **name)
{
	uint16_t sv, sd;
	size_t i, n = 0, k;

	*name = NULL;
	if (!pci_fn_header_valid(f) || !max)
		return 0;
	sv = (uint16_t)(f->cfg[PCI_CFG_SUBSYSTEM_VENDOR_ID] |
			f->cfg[PCI_CFG_SUBSYSTEM_VENDOR_ID + 1] << 8);
	sd = (uint16_t)(f->cfg[PCI_CFG_SUBSYSTEM_ID] | f->cfg[PCI_CFG_SUBSYSTEM_ID + 1] << 8);
	for (i = 0; i < sizeof(alias_quirks) / sizeof(alias_quirks[0]); i++) {
		const struct alias_quirk *q = &alias_quirks[i];

		if (q->vendor != f->vendor || q->device != f->device ||
		    (q->subvendor != PCI_ANY_ID && q->subvendor != sv) ||
		    (q->subdevice != PCI_ANY_ID && q->subdevice != sd) ||
		    !in_kernel(&q->since, qc))
			continue;
		*name = q->name;
		switch (q->how) {
		case ALIAS_FUNC0:
			if (f->fn != 0 && n < max)
				devfns[n++] = DEVFN(f->dev, 0);
			break;
		case ALIAS_FUNC1:
			if (f->fn != 1 && n < max)
				devfns[n++] = DEVFN(f->dev, 1);
			break;
		case ALIAS_FIXED:
			if (n < max)
				devfns[n++] = q->devfn;
			break;
		case ALIAS_RANGE:
			/* Every devfn: the caller unites what exists. */
			for (k = 0; k < 256 && n < max; k++)
				devfns[n++] = (uint8_t)k;
			break;
		}
	}
	/* quirk_pex_vca_alias(): functions 0-4 of every slot of its bus. */
	for (i = 0; i < sizeof(pex_vca_ids) / sizeof(pex_vca_ids[0]); i++)
		if (f->vendor == VENDOR_INTEL && f->device == pex_vca_ids[i]) {
			*name = "quirk_pex_vca_alias";
			for (k = 0; k < 256 && n < max; k++)
				if ((k & 7) < 5)
					devfns[n++] = (uint8_t)k;
		}
	return n;
}

bool pci_quirk_bridge_alias(const struct pci_model *m, const struct pci_fn *b,
			    const char **name)
{
	static const struct { uint16_t vendor, device; } ids[] = {
		{ VENDOR_ASMEDIA, 0x1080 }, { VENDOR_TUNDRA, 0x8113 },
		{ VENDOR_ITE, 0x8892 }, { VENDOR_ITE, 0x8893 }, { VENDOR_INTEL, 0x244e },
	};
	const struct pci_fn *up = pci_fn_parent(m, b);
	size_t i;

	*name = NULL;
	/* Not on a root bus, a type 1 header, not PCIe, under a PCIe port other than a PCIe-to-PCI bridge. */
	if (!up || b->header_type != PCI_HEADER_TYPE_BRIDGE || b->caps.pcie || !up->caps.pcie ||
	    pci_linux_port_type(m, up) == PCI_EXP_TYPE_PCI_BRIDGE)
		return false;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (b->vendor == ids[i].vendor && b->device == ids[i].device) {
			*name = "quirk_use_pcie_bridge_dma_alias";
			return true;
		}
	return false;
}

bool pci_quirk_xlate_root(const struct pci_fn *b, const char **name)
{
	*name = NULL;
	if (b->vendor == VENDOR_BROADCOM && (b->device == 0x9000 || b->device == 0x9084)) {
		*name = "quirk_bridge_cavm_thrx2_pcie_root";
		return true;
	}
	return false;
}

/* A port with a Link below it (probe.c pcie_downstream_port()). */
static bool downstream_type(int t)
{
	return t == PCI_EXP_TYPE_ROOT_PORT || t == PCI_EXP_TYPE_DOWNSTREAM ||
	       t == PCI_EXP_TYPE_PCIE_BRIDGE;
}

int pci_linux_port_type(const struct pci_model *m, const struct pci_fn *f)
{
	const struct pci_fn *up;
	struct pcie_cap e;
	int t;

	if (!pci_fn_pcie(f, &e))
		return -1;
	t = e.port_type;
	up = pci_fn_parent(m, f);
	if (!up)
		return t;
	/* The parent's own type, itself corrected: chains are short and bus-ordered. */
	if (t == PCI_EXP_TYPE_DOWNSTREAM && downstream_type(pci_linux_port_type(m, up)))
		return PCI_EXP_TYPE_UPSTREAM;
	if (t == PCI_EXP_TYPE_UPSTREAM && pci_linux_port_type(m, up) == PCI_EXP_TYPE_UPSTREAM)
		return PCI_EXP_TYPE_DOWNSTREAM;
	return t;
}
