// SPDX-License-Identifier: GPL-2.0-or-later
/* The lspci -xxxx reader: libpci's dump rules, each bad line named. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../platform/pci_dump.h"

static char err[256];

static int parse(const char *text, struct pci_model *m)
{
	memset(m, 0, sizeof(*m));
	err[0] = '\0';
	return pci_dump_parse(text, strlen(text), m, err, sizeof(err));
}

/* "OFF: " and 16 bytes of @b, for each 16-byte line up to @len. */
static char *config_text(const char *device_line, size_t len, unsigned char b)
{
	size_t cap = 64 + len * 4, off, k = 0, i;
	char *s = malloc(cap);

	k += (size_t)snprintf(s + k, cap - k, "%s\n", device_line);
	for (off = 0; off < len; off += 16) {
		k += (size_t)snprintf(s + k, cap - k, "%02zx:", off);
		for (i = 0; i < 16; i++)
			k += (size_t)snprintf(s + k, cap - k, " %02x", b);
		k += (size_t)snprintf(s + k, cap - k, "\n");
	}
	return s;
}

static void test_forms_and_bytes(void)
{
	struct pci_model m;
	const char *text =
		"00:1f.3 Audio device: Intel Corporation Device a348\n"
		"00: 86 80 48 a3 06 04 10 00 10 00 03 04 10 00 80 00\n"
		"\n"
		"0001:02:03.4 Ethernet controller: Intel\r\n"
		"\tSubsystem: prose lspci -v prints, passed over\r\n"
		"10: de ad \r\n"
		"\n"
		"10000:00:00.0 a VMD domain, no DMAR segment names it\n"
		"00: 86 80\n";

	CU_ASSERT_EQUAL_FATAL(parse(text, &m), 0);
	CU_ASSERT_EQUAL_FATAL(m.n, 2);
	CU_ASSERT_EQUAL(m.fns[0].segment, 0);
	CU_ASSERT_EQUAL(m.fns[0].bus, 0);
	CU_ASSERT_EQUAL(m.fns[0].dev, 0x1f);
	CU_ASSERT_EQUAL(m.fns[0].fn, 3);
	/* 16 bytes are less than a header: nothing is readable (all 0xff), and why. */
	CU_ASSERT_EQUAL(m.fns[0].cfg_len, 0);
	CU_ASSERT_EQUAL(m.fns[0].cfg[0], 0xff);
	CU_ASSERT_PTR_NOT_NULL(strstr(m.fns[0].cfg_why, "16 bytes"));
	CU_ASSERT_EQUAL(m.fns[1].segment, 1);
	CU_ASSERT_EQUAL(m.fns[1].bus, 2);
	CU_ASSERT_EQUAL(m.fns[1].dev, 3);
	CU_ASSERT_EQUAL(m.fns[1].fn, 4);
	free(m.fns);
}

/* libpci reads 4096, 256 or 64 bytes: the longest the dump covers. */
static void test_readable_length(void)
{
	static const struct {
		size_t dumped, readable;
	} cases[] = {
		{ 48, 0 }, { 64, 64 }, { 240, 64 }, { 256, 256 }, { 4080, 256 }, { 4096, 4096 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pci_model m;
		char *t = config_text("00:00.0 x", cases[i].dumped, 0x5a);

		CU_ASSERT_EQUAL_FATAL(parse(t, &m), 0);
		CU_ASSERT_EQUAL_FATAL(m.n, 1);
		CU_ASSERT_EQUAL(m.fns[0].cfg_len, cases[i].readable);
		/* Bytes past what is readable read as 0xff, as through libpci. */
		if (cases[i].readable < 4096)
			CU_ASSERT_EQUAL(m.fns[0].cfg[cases[i].readable], 0xff);
		if (cases[i].readable)
			CU_ASSERT_EQUAL(m.fns[0].cfg[cases[i].readable - 1], 0x5a);
		CU_ASSERT_EQUAL(cases[i].readable == 64, strstr(m.fns[0].cfg_why, "64-byte") != NULL);
		free(m.fns);
		free(t);
	}
}

/* Each byte at its line's offset plus its column; lines in any order. */
static void test_offsets(void)
{
	struct pci_model m;
	char text[1024];
	size_t k = 0, i;
	int line;

	k += (size_t)snprintf(text + k, sizeof(text) - k, "00:02.0 x\n");
	for (line = 3; line >= 0; line--) {
		k += (size_t)snprintf(text + k, sizeof(text) - k, "%02x:", line * 16);
		for (i = 0; i < 16; i++)
			k += (size_t)snprintf(text + k, sizeof(text) - k, " %02zx",
					      (size_t)line * 16 + i);
		k += (size_t)snprintf(text + k, sizeof(text) - k, "\n");
	}
	CU_ASSERT_EQUAL_FATAL(parse(text, &m), 0);
	CU_ASSERT_EQUAL_FATAL(m.n, 1);
	CU_ASSERT_EQUAL(m.fns[0].cfg_len, 64);
	for (i = 0; i < 64; i++)
		CU_ASSERT_EQUAL(m.fns[0].cfg[i], i);
	free(m.fns);
}

static void test_bad_lines_are_named(void)
{
	static const struct {
		const char *text, *why;
	} cases[] = {
		{ "00:00.0 x\n00: 86 8\n", "line 2: not a config line" },
		{ "00:00.0 x\n00: 86  80\n", "line 2: not a config line" },
		{ "00:00.0 x\n00: 86 80 zz\n", "line 2: not a config line" },
		{ "00:00.0 x\nff8: 00 00 00 00 00 00 00 00 00 00\n", "line 2: past the 4096 bytes" },
		{ "00:00.0 x\n1000: 00\n", "line 2: past the 4096 bytes" },
		{ "00:20.0 x\n", "line 1: not a PCI function" },
		{ "00:00.8 x\n", "line 1: not a PCI function" },
		{ "00:00.0 x\n\n00:01.0 y\n\n00:00.0 z\n", "line 5: 0000:00:00.0 again (first at line 1)" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pci_model m;

		CU_ASSERT_EQUAL(parse(cases[i].text, &m), -1);
		CU_ASSERT_EQUAL(m.n, 0);                    /* nothing half-added */
		CU_ASSERT_NSTRING_EQUAL(err, cases[i].why, strlen(cases[i].why));
		free(m.fns);
	}
}

static void test_nul_byte_and_what_is_ignored(void)
{
	struct pci_model m;
	static const char nul[] = "00:00.0 x\n00: 86\0 80\n";

	memset(&m, 0, sizeof(m));
	CU_ASSERT_EQUAL(pci_dump_parse(nul, sizeof(nul) - 1, &m, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "line 2: holds a NUL byte");
	free(m.fns);
	/* A config line outside a device, or after its blank line, is prose to libpci. */
	CU_ASSERT_EQUAL(parse("00: 86 80 zz\n00:00.0 x\n00: 01\n\n10: zz\n", &m), 0);
	CU_ASSERT_EQUAL(m.n, 1);
	free(m.fns);
	/* A device line needs the space after its function, as libpci's pattern. */
	CU_ASSERT_EQUAL(parse("00:00.0\n00: 01\n", &m), 0);
	CU_ASSERT_EQUAL(m.n, 0);
	free(m.fns);
}

void register_pci_dump_tests(void)
{
	static const struct unit_test tests[] = {
		{ "device line forms and bytes", test_forms_and_bytes },
		{ "readable length as libpci's", test_readable_length },
		{ "bytes at their offsets", test_offsets },
		{ "bad lines are named", test_bad_lines_are_named },
		{ "NUL bytes; what libpci passes over", test_nul_byte_and_what_is_ignored },
		{ NULL, NULL },
	};

	unit_add_suite("pci_dump", tests);
}
