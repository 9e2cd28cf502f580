// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reference grouping model (ref/pci_groups.c) on synthetic topologies,
 * one rule at a time, each with the Linux behaviour it mirrors.
 */
#include <string.h>

#include "../../ref/sriov.h"
#include "unit.h"
#include "pci_fixture.h"
#include "../../ref/le.h"
#include "../../ref/pci_groups.h"

struct run {
	struct pci_model m;
	struct pci_grouping g;
};

static void predict(struct run *r, const struct group_inputs *in)
{
	CU_ASSERT_EQUAL_FATAL(pci_model_finish(&r->m), 0);
	sriov_link_vfs(&r->m);
	CU_ASSERT_EQUAL_FATAL(pci_group_predict(&r->m, in, &r->g), 0);
}

static long group_of(const struct run *r, uint8_t bus, uint8_t dev, uint8_t fn)
{
	const struct pci_fn *f = pci_model_find(&r->m, 0, bus, dev, fn);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	return r->g.fn[f - r->m.fns].group;
}

static const struct group_cause *cause_of(const struct run *r, uint8_t bus, uint8_t dev,
					  uint8_t fn, enum group_cause_kind kind)
{
	const struct pci_fn *f = pci_model_find(&r->m, 0, bus, dev, fn);
	const struct group_fn *g = &r->g.fn[f - r->m.fns];
	unsigned k;

	for (k = 0; k < g->ncauses; k++)
		if (g->causes[k].kind == kind)
			return &g->causes[k];
	return NULL;
}

static void done(struct run *r)
{
	pci_grouping_free(&r->g);
	pci_model_free(&r->m);
}

/* iommu.c: a root port with SV, RR, CR, UF enabled isolates what is below it. */
static void test_acs_root_ports_isolate(void)
{
	struct run r = { 0 };

	RP(&r.m, 0, 0x1c, 0, 1, fx_acs(ACS_ALL, ACS_REQ));
	EP(&r.m, 1, 0, 0, false);
	RP(&r.m, 0, 0x1d, 0, 2, fx_acs(ACS_ALL, ACS_REQ));
	EP(&r.m, 2, 0, 0, false);
	predict(&r, NULL);
	CU_ASSERT_EQUAL(r.g.ngroups, 4);
	CU_ASSERT_NOT_EQUAL(group_of(&r, 1, 0, 0), group_of(&r, 0, 0x1c, 0));
	CU_ASSERT_NOT_EQUAL(group_of(&r, 1, 0, 0), group_of(&r, 2, 0, 0));
	done(&r);
}

/* A root port without ACS: the endpoint joins the port (pci_device_group step b). */
static void test_port_without_acs_joins(void)
{
	struct run r = { 0 };
	const struct group_cause *c;

	RP(&r.m, 0, 0x1c, 0, 1, NO_ACS);
	EP(&r.m, 1, 0, 0, false);
	RP(&r.m, 0, 0x1d, 0, 2, fx_acs(ACS_ALL, PCI_ACS_SV | PCI_ACS_CR | PCI_ACS_UF));
	EP(&r.m, 2, 0, 0, false);
	predict(&r, NULL);
	CU_ASSERT_EQUAL(group_of(&r, 1, 0, 0), group_of(&r, 0, 0x1c, 0));
	c = cause_of(&r, 1, 0, 0, CAUSE_NO_ACS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_TRUE(c->no_acs_cap);
	/* ACS offered but RR left off: the same, and the missing bit named. */
	CU_ASSERT_EQUAL(group_of(&r, 2, 0, 0), group_of(&r, 0, 0x1d, 0));
	c = cause_of(&r, 2, 0, 0, CAUSE_NO_ACS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->missing, PCI_ACS_RR);
	done(&r);
}

/* pci_acs_flags_enabled(): a control the capability lacks is hard-wired on. */
static void test_acs_missing_from_cap_counts_as_on(void)
{
	struct run r = { 0 };

	RP(&r.m, 0, 0x1c, 0, 1, fx_acs(PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR,
				    PCI_ACS_SV | PCI_ACS_RR | PCI_ACS_CR));
	EP(&r.m, 1, 0, 0, false);
	predict(&r, NULL);
	CU_ASSERT_NOT_EQUAL(group_of(&r, 1, 0, 0), group_of(&r, 0, 0x1c, 0));
	done(&r);
}

/* search.c: conventional devices behind a PCIe-to-PCI bridge go with it. */
static void test_pcie_to_pci_bridge_aliases(void)
{
	struct run r = { 0 };
	const struct pci_fn *br;

	RP(&r.m, 0, 0x1c, 0, 1, fx_acs(ACS_ALL, ACS_REQ));
	fx_pci_fn(&r.m, 1, 0, 0, 0x1b36, 0x000e, PCI_EXP_TYPE_PCI_BRIDGE, false, 2, NO_ACS);
	PCI_DEV(&r.m, 2, 1, 0, false);
	PCI_DEV(&r.m, 2, 2, 0, false);
	predict(&r, NULL);
	CU_ASSERT_EQUAL(group_of(&r, 2, 1, 0), group_of(&r, 1, 0, 0));
	CU_ASSERT_EQUAL(group_of(&r, 2, 2, 0), group_of(&r, 1, 0, 0));
	CU_ASSERT_NOT_EQUAL(group_of(&r, 1, 0, 0), group_of(&r, 0, 0x1c, 0));
	br = pci_model_find(&r.m, 0, 1, 0, 0);
	CU_ASSERT_EQUAL(r.g.fn[pci_model_find(&r.m, 0, 2, 1, 0) - r.m.fns].alias, br - r.m.fns);
	CU_ASSERT_PTR_NOT_NULL(cause_of(&r, 2, 1, 0, CAUSE_BRIDGE_ALIAS));
	done(&r);
}

/* A conventional PCI-to-PCI bridge (no PCIe capability) owns its devices' IDs. */
static void test_conventional_bridge_aliases(void)
{
	struct run r = { 0 };

	fx_pci_fn(&r.m, 0, 0x1e, 0, 0x8086, 0x2448, -1, false, 5, NO_ACS);
	PCI_DEV(&r.m, 5, 3, 0, true);
	PCI_DEV(&r.m, 5, 3, 2, false);
	predict(&r, NULL);
	CU_ASSERT_EQUAL(group_of(&r, 5, 3, 0), group_of(&r, 0, 0x1e, 0));
	CU_ASSERT_EQUAL(group_of(&r, 5, 3, 2), group_of(&r, 0, 0x1e, 0));
	CU_ASSERT_PTR_NOT_NULL(cause_of(&r, 5, 3, 0, CAUSE_CONVENTIONAL_BRIDGE));
	done(&r);
}

/*
 * get_pci_function_alias_group(): functions of a slot without ACS join;
 * pci_scan_slot() marks function 1 multifunction though its header bit is
 * clear; a function with ACS stays alone.
 */
static void test_multifunction_slots(void)
{
	struct run r = { 0 };

	RP(&r.m, 0, 0x1c, 0, 1, fx_acs(ACS_ALL, ACS_REQ));
	EP(&r.m, 1, 0, 0, true);
	EP(&r.m, 1, 0, 1, false);                       /* header bit clear */
	fx_pci_fn(&r.m, 1, 0, 2, 0x8086, 0x1234, PCI_EXP_TYPE_ENDPOINT, true, 0,
	    fx_acs(ACS_ALL, ACS_REQ));                     /* its own ACS */
	PCI_DEV(&r.m, 0, 0x1f, 0, true);
	PCI_DEV(&r.m, 0, 0x1f, 3, true);
	predict(&r, NULL);
	CU_ASSERT_EQUAL(group_of(&r, 1, 0, 0), group_of(&r, 1, 0, 1));
	CU_ASSERT_NOT_EQUAL(group_of(&r, 1, 0, 2), group_of(&r, 1, 0, 0));
	CU_ASSERT_EQUAL(group_of(&r, 0, 0x1f, 0), group_of(&r, 0, 0x1f, 3));
	CU_ASSERT_PTR_NOT_NULL(cause_of(&r, 1, 0, 1, CAUSE_MULTIFUNCTION));
	CU_ASSERT_TRUE(group_fn_multifunction(&r.m, pci_model_find(&r.m, 0, 1, 0, 1), false));
	CU_ASSERT_FALSE(group_fn_multifunction(&r.m, pci_model_find(&r.m, 0, 1, 0, 1), true));
	done(&r);
}

/* A single-function endpoint is isolated by itself (PCIe §6.12.1.3). */
static void test_single_function_endpoint(void)
{
	struct run r = { 0 };
	uint16_t missing;
	const char *quirk;

	EP(&r.m, 0, 2, 0, false);
	predict(&r, NULL);
	CU_ASSERT_TRUE(group_acs_enabled(&r.m, &r.m.fns[0], false, ACS_REQ, NULL, &quirk,
					 &missing));
	done(&r);
}

/*
 * A switch: a downstream port without ACS takes its endpoint, while a
 * sibling downstream port keeps its own subtree (the upstream port, a
 * single-function Upstream Port, passes).
 */
static void test_switch_ports(void)
{
	struct run r = { 0 };

	RP(&r.m, 0, 2, 0, 1, fx_acs(ACS_ALL, ACS_REQ));
	fx_pci_fn(&r.m, 1, 0, 0, 0x104c, 0x8232, PCI_EXP_TYPE_UPSTREAM, false, 2, NO_ACS);
	fx_pci_fn(&r.m, 2, 0, 0, 0x104c, 0x8233, PCI_EXP_TYPE_DOWNSTREAM, false, 3, NO_ACS);
	fx_pci_fn(&r.m, 2, 1, 0, 0x104c, 0x8233, PCI_EXP_TYPE_DOWNSTREAM, false, 4,
	    fx_acs(ACS_ALL, ACS_REQ));
	EP(&r.m, 3, 0, 0, false);
	EP(&r.m, 4, 0, 0, false);
	predict(&r, NULL);
	CU_ASSERT_EQUAL(group_of(&r, 3, 0, 0), group_of(&r, 2, 0, 0));
	CU_ASSERT_NOT_EQUAL(group_of(&r, 2, 0, 0), group_of(&r, 2, 1, 0));
	CU_ASSERT_NOT_EQUAL(group_of(&r, 4, 0, 0), group_of(&r, 2, 1, 0));
	CU_ASSERT_NOT_EQUAL(group_of(&r, 4, 0, 0), group_of(&r, 3, 0, 0));
	done(&r);
}

/* probe.c set_pcie_port_type(): a "Downstream Port" under one is an Upstream Port. */
static void test_port_type_correction(void)
{
	struct run r = { 0 };

	RP(&r.m, 0, 2, 0, 1, fx_acs(ACS_ALL, ACS_REQ));
	fx_pci_fn(&r.m, 1, 0, 0, 0x1111, 0x2222, PCI_EXP_TYPE_DOWNSTREAM, false, 2, NO_ACS);
	predict(&r, NULL);
	CU_ASSERT_EQUAL(pci_linux_port_type(&r.m, pci_model_find(&r.m, 0, 1, 0, 0)),
			PCI_EXP_TYPE_UPSTREAM);
	CU_ASSERT_EQUAL(pci_linux_port_type(&r.m, pci_model_find(&r.m, 0, 0, 2, 0)),
			PCI_EXP_TYPE_ROOT_PORT);
	done(&r);
}

/* A VF on a bus of its own: not multifunction, and the walk goes up from the PF's bus. */
static void test_vf_on_virtual_bus(void)
{
	struct run r = { 0 };
	struct group_inputs in = { 0 };
	bool is_vf[4] = { false };
	struct pci_fn *vf;

	RP(&r.m, 0, 2, 0, 1, NO_ACS);
	EP(&r.m, 1, 0, 0, true);
	vf = EP(&r.m, 2, 0, 0, false);          /* bus 2: no bridge claims it */
	vf->sys.is_vf = true;
	vf->sys.pf_bus = 1;
	predict(&r, NULL);
	pci_grouping_free(&r.g);
	is_vf[pci_model_find(&r.m, 0, 2, 0, 0) - r.m.fns] = true;
	in.is_vf = is_vf;
	in.quirks.acs_requested = true;
	CU_ASSERT_EQUAL_FATAL(pci_group_predict(&r.m, &in, &r.g), 0);
	/* The root port lacks ACS: the VF joins it, through its PF's bus. */
	CU_ASSERT_EQUAL(group_of(&r, 2, 0, 0), group_of(&r, 0, 2, 0));
	done(&r);
}

/* No IOMMU translates a function: it is in no group. */
static void test_untranslated(void)
{
	struct run r = { 0 };
	struct group_inputs in = { 0 };
	bool translated[2] = { true, false };

	EP(&r.m, 0, 2, 0, false);
	EP(&r.m, 0, 3, 0, false);
	CU_ASSERT_EQUAL_FATAL(pci_model_finish(&r.m), 0);
	sriov_link_vfs(&r.m);
	in.translated = translated;
	CU_ASSERT_EQUAL_FATAL(pci_group_predict(&r.m, &in, &r.g), 0);
	CU_ASSERT_EQUAL(r.g.ngroups, 1);
	CU_ASSERT_EQUAL(group_of(&r, 0, 3, 0), -1);
	done(&r);
}

/*
 * quirks.c: an Intel PCH root port without ACS is isolated once the kernel
 * enabled it (ACS requested, LPC RCBA enabled); an 82576's functions are
 * isolated by pci_quirk_mf_endpoint_acs; a Marvell 9123's requests carry
 * function 1's ID; a Zhaoxin port not in the list is final "no"; a quirk
 * added in 6.11 does not apply to 6.1.
 */
static void test_quirks(void)
{
	struct run r = { 0 };
	struct group_inputs in = { 0 };
	struct pci_fn *lpc;
	const char *quirk;
	uint16_t missing;

	fx_pci_fn(&r.m, 0, 0x1c, 0, 0x8086, 0x1c10, PCI_EXP_TYPE_ROOT_PORT, false, 1, NO_ACS);
	EP(&r.m, 1, 0, 0, false);
	lpc = PCI_DEV(&r.m, 0, 0x1f, 0, true);
	put_le32(lpc->cfg + 0xf0, 0xfed1c001);          /* RCBA, enabled */
	fx_pci_fn(&r.m, 0, 3, 0, 0x8086, 0x10c9, PCI_EXP_TYPE_ENDPOINT, true, 0, NO_ACS);
	fx_pci_fn(&r.m, 0, 3, 1, 0x8086, 0x10c9, PCI_EXP_TYPE_ENDPOINT, true, 0, NO_ACS);
	fx_pci_fn(&r.m, 0, 4, 0, 0x1b4b, 0x9123, PCI_EXP_TYPE_ENDPOINT, false, 0, NO_ACS);
	fx_pci_fn(&r.m, 0, 4, 1, 0x1b4b, 0x91a4, PCI_EXP_TYPE_ENDPOINT, false, 0, NO_ACS);
	fx_pci_fn(&r.m, 0, 5, 0, 0x1d17, 0x0999, PCI_EXP_TYPE_ROOT_PORT, false, 6,
	    fx_acs(ACS_ALL, ACS_REQ));
	fx_pci_fn(&r.m, 0, 7, 0, 0x14e4, 0x1760, PCI_EXP_TYPE_ENDPOINT, true, 0, NO_ACS);
	fx_pci_fn(&r.m, 0, 7, 1, 0x14e4, 0x1760, PCI_EXP_TYPE_ENDPOINT, true, 0, NO_ACS);
	in.quirks.acs_requested = true;
	in.quirks.kernel = KV(6, 12, 0);
	CU_ASSERT_EQUAL_FATAL(pci_model_finish(&r.m), 0);
	sriov_link_vfs(&r.m);
	CU_ASSERT_EQUAL_FATAL(pci_group_predict(&r.m, &in, &r.g), 0);
	CU_ASSERT_NOT_EQUAL(group_of(&r, 1, 0, 0), group_of(&r, 0, 0x1c, 0));
	CU_ASSERT_NOT_EQUAL(group_of(&r, 0, 3, 0), group_of(&r, 0, 3, 1));
	CU_ASSERT_EQUAL(group_of(&r, 0, 4, 0), group_of(&r, 0, 4, 1));
	CU_ASSERT_PTR_NOT_NULL(cause_of(&r, 0, 4, 0, CAUSE_DMA_ALIAS_QUIRK));
	CU_ASSERT_FALSE(group_acs_enabled(&r.m, pci_model_find(&r.m, 0, 0, 5, 0), false, ACS_REQ,
					  &in.quirks, &quirk, &missing));
	CU_ASSERT_STRING_EQUAL(quirk, "pci_quirk_zhaoxin_pcie_ports_acs");
	CU_ASSERT_NOT_EQUAL(group_of(&r, 0, 7, 0), group_of(&r, 0, 7, 1));   /* 6.12 */
	pci_grouping_free(&r.g);
	/* Linux 6.1: no BCM5760X quirk yet; RCBA disabled: the PCH port isolates nothing. */
	in.quirks.kernel = KV(6, 1, 0);
	/* finish() sorted the functions: find the LPC bridge again. */
	lpc = &r.m.fns[pci_model_find(&r.m, 0, 0, 0x1f, 0) - r.m.fns];
	put_le32(lpc->cfg + 0xf0, 0xfed1c000);
	CU_ASSERT_EQUAL_FATAL(pci_group_predict(&r.m, &in, &r.g), 0);
	CU_ASSERT_EQUAL(group_of(&r, 0, 7, 0), group_of(&r, 0, 7, 1));
	CU_ASSERT_EQUAL(group_of(&r, 1, 0, 0), group_of(&r, 0, 0x1c, 0));
	done(&r);
}

/* Linux 6.1 vs 6.12 from /proc/version, the distro's upstream release preferred. */
static void test_kernel_version(void)
{
	static const struct kernel_version stable[] = { { 5, 15, 76 }, { 5, 10, 152 } };
	const struct kernel_since rule = { { 6, 1, 0 }, stable, 2 };
	struct kernel_version v;
	char buf[32];

	CU_ASSERT_TRUE(kernel_version_parse("Linux version 6.1.0-28-amd64 (debian-kernel@lists."
					    "debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0) #1 SMP "
					    "PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)", &v));
	CU_ASSERT_STRING_EQUAL(kernel_version_str(&v, buf, sizeof(buf)), "6.1.119");
	CU_ASSERT_TRUE(kernel_version_parse("Linux version 6.12.9 (root@x) #1 SMP", &v));
	CU_ASSERT_STRING_EQUAL(kernel_version_str(&v, buf, sizeof(buf)), "6.12.9");
	CU_ASSERT_FALSE(kernel_version_parse("garbage", &v));
	CU_ASSERT_EQUAL(kernel_since_applies(&rule, &(struct kernel_version){ 6, 0, 5 }), 0);
	CU_ASSERT_EQUAL(kernel_since_applies(&rule, &(struct kernel_version){ 6, 1, 0 }), 1);
	CU_ASSERT_EQUAL(kernel_since_applies(&rule, &(struct kernel_version){ 5, 15, 75 }), 0);
	CU_ASSERT_EQUAL(kernel_since_applies(&rule, &(struct kernel_version){ 5, 15, 76 }), 1);
	CU_ASSERT_EQUAL(kernel_since_applies(&rule, &(struct kernel_version){ 5, 4, 300 }), 0);
	CU_ASSERT_EQUAL(kernel_since_applies(&rule, &(struct kernel_version){ 0, 0, 0 }), -1);
}

void register_pci_groups_tests(void)
{
	static const struct unit_test tests[] = {
		{ "ACS root ports isolate", test_acs_root_ports_isolate },
		{ "a port without ACS takes what is below", test_port_without_acs_joins },
		{ "ACS missing from the capability is on", test_acs_missing_from_cap_counts_as_on },
		{ "PCIe-to-PCI bridge aliases", test_pcie_to_pci_bridge_aliases },
		{ "conventional bridge aliases", test_conventional_bridge_aliases },
		{ "multifunction slots", test_multifunction_slots },
		{ "single-function endpoint", test_single_function_endpoint },
		{ "switch ports", test_switch_ports },
		{ "port type correction", test_port_type_correction },
		{ "VF on a virtual bus", test_vf_on_virtual_bus },
		{ "untranslated functions", test_untranslated },
		{ "Linux quirks", test_quirks },
		{ "kernel versions", test_kernel_version },
		{ NULL, NULL },
	};

	unit_add_suite("pci-groups", tests);
}
