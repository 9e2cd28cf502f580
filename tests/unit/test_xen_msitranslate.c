// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Xen's MSI-INTx translation (ref/xen_msitranslate.h): the xl
 * PCI_SPEC_STRING and pci = [ ... ] parsers, every error they name, and
 * the rule by Xen release, device model, device and guest.
 */
#include <string.h>

#include <CUnit/CUnit.h>

#include "unit.h"
#include "../../ref/xen_msitranslate.h"

static int spec(const char *s, struct xen_pci_spec *out, struct xen_parse_error *e)
{
	memset(e, 0, sizeof(*e));
	return xen_pci_spec_parse(s, strlen(s), out, e);
}

/* The forms xl-pci-configuration(5) gives, and docs/misc/vtd.txt's. */
static void test_spec_forms(void)
{
	struct xen_pci_spec a, b, c;
	struct xen_parse_error e;

	/*
	 * The man page's three equivalent forms, with vslot 1a: its own "@20"
	 * is hex 0x20, which libxlu's parse_vslot() refuses (above 0x1f).
	 */
	CU_ASSERT_EQUAL_FATAL(spec("36:00.0@1a,seize=1", &a, &e), 0);
	CU_ASSERT_EQUAL_FATAL(spec("36:00.0,vslot=1a,seize=1", &b, &e), 0);
	CU_ASSERT_EQUAL_FATAL(spec("bdf=36:00.0,vslot=1a,seize=1", &c, &e), 0);
	CU_ASSERT(a.has_bdf && a.domain == 0 && a.bus == 0x36 && a.dev == 0 && a.func == 0);
	CU_ASSERT(a.vslot == 0x1a && b.vslot == a.vslot && c.vslot == a.vslot);
	CU_ASSERT(memcmp(&a, &b, sizeof(a)) == 0 && memcmp(&a, &c, sizeof(a)) == 0);
	CU_ASSERT_EQUAL(a.seize, 1);
	CU_ASSERT_EQUAL(a.msitranslate, XEN_UNSET);

	CU_ASSERT_EQUAL_FATAL(spec("01:00.0,msitranslate=0", &a, &e), 0);
	CU_ASSERT(a.bus == 1 && a.msitranslate == 0 && a.vslot == XEN_UNSET);
	CU_ASSERT_EQUAL_FATAL(spec("0000:03:1f.7", &a, &e), 0);
	CU_ASSERT(a.bus == 3 && a.dev == 0x1f && a.func == 7 && !a.all_functions);
	CU_ASSERT_EQUAL_FATAL(spec("abcd:ff:02.*,power_mgmt=1,permissive=1,"
				   "rdm_policy=Relaxed", &a, &e), 0);
	CU_ASSERT(a.domain == 0xabcd && a.bus == 0xff && a.dev == 2 && a.all_functions);
	CU_ASSERT(a.power_mgmt == 1 && a.permissive == 1 && a.rdm_policy == XEN_RDM_RELAXED);
	CU_ASSERT_EQUAL_FATAL(spec("name=gpu0,msitranslate=1,rdm_policy=strict", &a, &e), 0);
	CU_ASSERT(!a.has_bdf && a.has_name && !strcmp(a.name, "gpu0"));
	CU_ASSERT(a.msitranslate == 1 && a.rdm_policy == XEN_RDM_STRICT);
	/* An empty value leaves the default; a trailing comma is fine. */
	CU_ASSERT_EQUAL_FATAL(spec("01:00.0,msitranslate=,", &a, &e), 0);
	CU_ASSERT_EQUAL(a.msitranslate, XEN_UNSET);
}

/* Each error: what, and at which column. */
static void test_spec_errors(void)
{
	static const struct {
		const char *s;
		unsigned column;
		const char *what;
	} cases[] = {
		{ "", 1, "no BDF and no name=" },
		{ "zz:00.0", 1, "bad BDF 'zz:00.0': expected [DDDD:]BB:DD.F" },
		{ "1:2:3:4.0", 1, "bad BDF '1:2:3:4.0'" },
		{ "100:00.0", 1, "bus 0x100 is above 0xff" },
		{ "10000:00:00.0", 1, "domain 0x10000 is above 0xffff" },
		{ "00:20.0", 4, "device 0x20 is above 0x1f" },
		{ "00:02.8", 7, "function 0x8 is above 7" },
		{ "00:02", 6, "expected '.' after the device" },
		{ "00:02.", 7, "expected the function" },
		{ "00:02.0x", 8, "unexpected 'x' after the BDF" },
		{ "00:02.0@20", 9, "bad vslot 0x20: above 0x1f" },
		{ "00:02.0@", 9, "bad vslot: expected a device number" },
		{ "00:02.0,msitranslate=yes", 22, "bad value 'yes' for msitranslate: 0 or 1" },
		{ "00:02.0,seize=2", 15, "bad value '2' for seize" },
		{ "00:02.0,rdm_policy=lax", 20, "bad value 'lax' for rdm_policy: strict or relaxed" },
		{ "00:02.0,frob=1", 9, "unknown option 'frob'" },
		{ "00:02.0,seize", 9, "'seize' is not KEY=VALUE" },
		{ "00:02.0,seize=1,seize=0", 17, "seize is given twice" },
		{ "00:02.0@3,vslot=4", 11, "vslot is given twice" },
		{ "00:02.0,bdf=00:03.0", 9, "bdf is given twice" },
		{ "bdf=00:03.0junk", 12, "unexpected 'junk' after it" },
		{ "vslot=zz,bdf=00:03.0", 7, "bad vslot" },
		{ "00:02.0,name=x", 9, "both a BDF and name=" },
		{ "name=0123456789012345678901234567890123456789012345678901234567890123", 6,
		  "name is longer than 63 bytes" },
	};
	struct xen_pci_spec a;
	struct xen_parse_error e;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool ok = spec(cases[i].s, &a, &e) == -1 && e.column == cases[i].column &&
			  strstr(e.what, cases[i].what);

		if (!ok)
			fprintf(stderr, "\n'%s': column %u: %s\n", cases[i].s, e.column, e.what);
		CU_ASSERT(ok);
		CU_ASSERT_EQUAL(e.entry, -1);
	}
}

static int config(const char *s, struct xen_pci_config *c, struct xen_parse_error *e)
{
	memset(e, 0, sizeof(*e));
	return xen_pci_config_parse(s, strlen(s), c, e);
}

static void test_config_vtd_txt(void)
{
	static const char text[] =
		"# docs/misc/vtd.txt\n"
		"name = \"hvm\"; memory = 2048\n"
		"builder = 'hvm'\n"
		"pci_msitranslate = 1\n"
		"pci = [ '01:00.0,msitranslate=0',\n"
		"        '03:00.0', ]   # trailing comma\n"
		"disk = [ 'phy:/dev/vg/hvm,hda,w' ]\n"
		"pci += [ \"04:00.0@5\" ]\n";
	struct xen_pci_config c;
	struct xen_parse_error e;
	char buf[256];

	CU_ASSERT_EQUAL_FATAL(config(text, &c, &e), 0);
	CU_ASSERT_EQUAL(c.pci_msitranslate, 1);
	CU_ASSERT_EQUAL(c.pci_power_mgmt, XEN_UNSET);
	CU_ASSERT_EQUAL_FATAL(c.n, 3);
	CU_ASSERT(c.dev[0].bus == 1 && c.dev[0].msitranslate == 0);
	CU_ASSERT(c.dev[1].bus == 3 && c.dev[1].msitranslate == XEN_UNSET);
	CU_ASSERT(c.dev[2].bus == 4 && c.dev[2].vslot == 5);
	/* vtd.txt's case under xend: the global 1, the first device's 0. */
	CU_ASSERT_EQUAL(xen_msitranslate_effective(XEN_ERA_XEND, c.pci_msitranslate,
						   c.dev[0].msitranslate), 0);
	CU_ASSERT_EQUAL(xen_msitranslate_effective(XEN_ERA_XEND, c.pci_msitranslate,
						   c.dev[1].msitranslate), 1);
	xen_pci_config_free(&c);
	CU_ASSERT_EQUAL_FATAL(config("pci=['01:00.0']", &c, &e), 0);
	CU_ASSERT_EQUAL(xen_msitranslate_effective(XEN_ERA_XEND, c.pci_msitranslate,
						   c.dev[0].msitranslate), 1);
	CU_ASSERT_EQUAL(xen_msitranslate_effective(XEN_ERA_XL, c.pci_msitranslate,
						   c.dev[0].msitranslate), 0);
	xen_pci_config_free(&c);
	/* An entry's error names its index, its line and its column in the entry. */
	CU_ASSERT_EQUAL(config("builder='hvm'\npci = [ '01:00.0',\n  '03:00.0,frob=1' ]\n",
			       &c, &e), -1);
	CU_ASSERT(e.entry == 1 && e.line == 3 && e.column == 9);
	xen_parse_error_text(&e, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "pci[1] (line 3) column 9: unknown option 'frob' "
			       "(xl-pci-configuration(5): bdf, vslot, permissive, msitranslate, "
			       "seize, power_mgmt, rdm_policy, name)");
	xen_pci_config_free(&c);
}

static void test_config_errors(void)
{
	static const struct {
		const char *s;
		unsigned line, column;
		const char *what;
	} cases[] = {
		{ "pci_msitranslate = 2\n", 1, 20, "bad value for pci_msitranslate: 0 or 1" },
		{ "pci_seize = [ 1 ]\n", 1, 13, "pci_seize is 0 or 1, not a list" },
		{ "pci = '01:00.0'\n", 1, 7, "pci is a list" },
		{ "pci = [ 01 ]\n", 1, 9, "a pci entry is a 'string'" },
		{ "pci = [ '01:00.0'\n", 2, 1, "the list has no closing ']'" },
		{ "pci = [ '01:00.0' '02:00.0' ]", 1, 19, "expected ',' or ']' in the list" },
		{ "x = 'abc\n", 1, 5, "unterminated string" },
		{ "\n\n  memory 2048\n", 3, 10, "expected '=' after memory" },
		{ "= 3\n", 1, 1, "expected a setting NAME = VALUE" },
		{ "memory = 2048 1\n", 1, 15, "expected a newline or ';' after the value" },
		{ "memory = ,\n", 1, 10, "expected a value" },
		{ "pci_msitranslate = 1\npci_msitranslate = 0\n", 2, 1,
		  "pci_msitranslate is given twice" },
		{ "pci = []\npci = []\n", 2, 1, "pci is given twice" },
	};
	struct xen_pci_config c;
	struct xen_parse_error e;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool ok = config(cases[i].s, &c, &e) == -1 && e.entry == -1 &&
			  e.line == cases[i].line && e.column == cases[i].column &&
			  strstr(e.what, cases[i].what);

		if (!ok)
			fprintf(stderr, "\n'%s': line %u column %u: %s\n", cases[i].s, e.line,
				e.column, e.what);
		CU_ASSERT(ok);
		xen_pci_config_free(&c);
	}
}

/* Long input: one pass (and no quadratic list growth). */
static void test_config_many_entries(void)
{
	enum { N = 20000 };
	static char text[N * 14 + 16];
	struct xen_pci_config c;
	struct xen_parse_error e;
	size_t len = 0, i;

	len += (size_t)sprintf(text + len, "pci=[");
	for (i = 0; i < N; i++)
		len += (size_t)sprintf(text + len, "'%02zx:%02zx.%zu',", (i >> 8) & 0xff,
				       (i >> 3) & 0x1f, i & 7);
	len += (size_t)sprintf(text + len, "]");
	CU_ASSERT_EQUAL_FATAL(xen_pci_config_parse(text, len, &c, &e), 0);
	CU_ASSERT_EQUAL(c.n, N);
	CU_ASSERT(c.dev[N - 1].func == ((N - 1) & 7));
	xen_pci_config_free(&c);
}

static void decide(enum xen_era era, enum xen_device_model dm, bool hvm, int global,
		   int option, bool has_msi, enum xen_guest_irq guest,
		   struct xen_msitranslate_out *out)
{
	struct xen_msitranslate_in in = { era, dm, hvm, global, option, has_msi, guest };

	xen_msitranslate_decide(&in, out);
}

/* vtd.txt: active while the guest drives INTx and the device has MSI. */
static void test_rule(void)
{
	struct xen_msitranslate_out o;

	CU_ASSERT_EQUAL(xen_era_of(3, 4), XEN_ERA_XEND);
	CU_ASSERT_EQUAL(xen_era_of(4, 1), XEN_ERA_XEND);
	CU_ASSERT_EQUAL(xen_era_of(4, 2), XEN_ERA_XL);
	CU_ASSERT_EQUAL(xen_era_of(4, 20), XEN_ERA_XL);
	CU_ASSERT_EQUAL(xen_era_of(4, 21), XEN_ERA_NO_TRADITIONAL);
	CU_ASSERT_EQUAL(xen_era_of(5, 0), XEN_ERA_NO_TRADITIONAL);
	CU_ASSERT_EQUAL(xen_msitranslate_default(XEN_ERA_XEND), 1);
	CU_ASSERT_EQUAL(xen_msitranslate_default(XEN_ERA_XL), 0);

	/* xend, the default: on while the guest drives INTx. */
	decide(XEN_ERA_XEND, XEN_DM_TRADITIONAL, true, XEN_UNSET, XEN_UNSET, true,
	       XEN_GUEST_INTX, &o);
	CU_ASSERT(o.requested && o.active);
	CU_ASSERT_PTR_NOT_NULL(strstr(o.why, "injected as the guest's INTx"));
	/* ... and off once the guest enables MSI or MSI-X. */
	decide(XEN_ERA_XEND, XEN_DM_TRADITIONAL, true, XEN_UNSET, XEN_UNSET, true,
	       XEN_GUEST_MSI, &o);
	CU_ASSERT(o.requested && !o.active && strstr(o.why, "guest enabled MSI:"));
	decide(XEN_ERA_XEND, XEN_DM_TRADITIONAL, true, XEN_UNSET, XEN_UNSET, true,
	       XEN_GUEST_MSIX, &o);
	CU_ASSERT(!o.active && strstr(o.why, "guest enabled MSI-X"));
	/* No MSI capability (MSI-X alone): nothing to translate with. */
	decide(XEN_ERA_XEND, XEN_DM_TRADITIONAL, true, XEN_UNSET, XEN_UNSET, false,
	       XEN_GUEST_INTX, &o);
	CU_ASSERT(o.requested && !o.active && strstr(o.why, "no MSI capability"));
	/* vtd.txt's per-device override. */
	decide(XEN_ERA_XEND, XEN_DM_TRADITIONAL, true, 1, 0, true, XEN_GUEST_INTX, &o);
	CU_ASSERT(!o.requested && !o.active && strstr(o.why, "msitranslate=0"));
	/* xl: off by default; pci_msitranslate = 1 with qemu-xen-traditional turns it on. */
	decide(XEN_ERA_XL, XEN_DM_TRADITIONAL, true, XEN_UNSET, XEN_UNSET, true,
	       XEN_GUEST_INTX, &o);
	CU_ASSERT(!o.requested && !o.active && strstr(o.why, "off by default since xl"));
	decide(XEN_ERA_XL, XEN_DM_TRADITIONAL, true, 1, XEN_UNSET, true, XEN_GUEST_INTX, &o);
	CU_ASSERT(o.requested && o.active);
	decide(XEN_ERA_XL, XEN_DM_TRADITIONAL, true, 0, XEN_UNSET, true, XEN_GUEST_INTX, &o);
	CU_ASSERT(!o.active && strstr(o.why, "pci_msitranslate = 0"));
	/* Upstream QEMU never translated; from 4.21 nothing does. */
	decide(XEN_ERA_XL, XEN_DM_QEMU_XEN, true, 1, 1, true, XEN_GUEST_INTX, &o);
	CU_ASSERT(o.requested && !o.active && strstr(o.why, "upstream QEMU"));
	decide(XEN_ERA_NO_TRADITIONAL, XEN_DM_QEMU_XEN, true, XEN_UNSET, 1, true,
	       XEN_GUEST_INTX, &o);
	CU_ASSERT(o.requested && !o.active && strstr(o.why, "Xen 4.21 removed"));
	/* PV guests: never. */
	decide(XEN_ERA_XEND, XEN_DM_TRADITIONAL, false, 1, 1, true, XEN_GUEST_INTX, &o);
	CU_ASSERT(!o.active && strstr(o.why, "PV guest"));
}

static const struct unit_test xen_tests[] = {
	{ "spec_forms", test_spec_forms },
	{ "spec_errors", test_spec_errors },
	{ "config_vtd_txt", test_config_vtd_txt },
	{ "config_errors", test_config_errors },
	{ "config_many_entries", test_config_many_entries },
	{ "rule", test_rule },
	{ NULL, NULL }
};

void register_xen_msitranslate_tests(void)
{
	unit_add_suite("xen-msitranslate", xen_tests);
}
