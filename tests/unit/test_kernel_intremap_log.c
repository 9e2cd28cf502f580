// SPDX-License-Identifier: GPL-2.0-or-later
/* Interrupt remapping as the kernel shows it: its line, IR- chips, and what cannot be told. */
#include "unit.h"
#include <string.h>

#include "../../ref/acpi_hpet.h"
#include "../../ref/kernel_intremap_log.h"

#define BOOT "<5>[    0.000000] Linux version 6.1.0-57-amd64\n"

static void test_enabled_xapic(void)
{
	static const char *const irqs[] = { "IR-IO-APIC    2-edge      timer",
					    "IR-PCI-MSI 1048576-edge  vfio-msi[0](0000:02:00.0)" };
	struct kernel_ir_seen s;

	kernel_ir_observe(BOOT "<6>[    0.21] DMAR-IR: Enabled IRQ remapping in xapic mode\n",
			  irqs, 2, &s);
	CU_ASSERT_TRUE(s.known && s.remapping && s.enabled_line);
	CU_ASSERT_FALSE(s.x2apic);
	CU_ASSERT_EQUAL(s.ir_chips, 2);
	kernel_ir_observe("DMAR-IR: Enabled IRQ remapping in x2apic mode\n", NULL, 0, &s);
	CU_ASSERT_TRUE(s.known && s.remapping && s.x2apic);
}

static void test_off_and_unknown(void)
{
	static const char *const plain[] = { "IO-APIC    2-edge      timer",
					     "PCI-MSI 1048576-edge  nvme0q0", "XT-PIC  cascade" };
	static const char *const none[] = { "Local timer interrupts" };
	struct kernel_ir_seen s;

	/* A boot log without the line: off. */
	kernel_ir_observe(BOOT "<6>[    0.2] DMAR: IOMMU enabled\n", NULL, 0, &s);
	CU_ASSERT_TRUE(s.known);
	CU_ASSERT_FALSE(s.remapping);
	/* Interrupt lines, none remapped: off, whatever the log. */
	kernel_ir_observe(NULL, plain, 3, &s);
	CU_ASSERT_TRUE(s.known);
	CU_ASSERT_FALSE(s.remapping);
	CU_ASSERT_EQUAL(s.msi_ioapic_lines, 2);
	/* A log that lost its boot and nothing else: cannot tell. */
	kernel_ir_observe("<6>[86400.1] e1000: link up\n", none, 1, &s);
	CU_ASSERT_FALSE(s.known);
	/* "IR-" inside a word is not a chip. */
	kernel_ir_observe(NULL, (const char *const[]){ "PCI-MSI 0-edge  vfio-msi[0](HDMIR-1)" }, 1, &s);
	CU_ASSERT_EQUAL(s.ir_chips, 0);
	kernel_ir_observe(NULL, NULL, 0, &s);
	CU_ASSERT_FALSE(s.known);
}

/* The HPET table: its number is what a DMAR HPET scope names. */
static void test_hpet_table(void)
{
	uint8_t t[ACPI_HPET_MIN_LEN] = "HPET";
	struct acpi_hpet h;
	char err[128];

	t[ACPI_HPET_OFF_BLOCK_ID] = 0x01;
	t[ACPI_HPET_OFF_BLOCK_ID + 2] = 0x86;
	t[ACPI_HPET_OFF_ADDRESS + ACPI_HPET_GAS_ADDR_OFF + 2] = 0xd0;
	t[ACPI_HPET_OFF_ADDRESS + ACPI_HPET_GAS_ADDR_OFF + 3] = 0xfe;
	t[ACPI_HPET_OFF_NUMBER] = 3;
	CU_ASSERT_EQUAL(acpi_hpet_decode(t, sizeof(t), &h, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(h.number, 3);
	CU_ASSERT_EQUAL(h.address, 0xfed00000ull);
	CU_ASSERT_EQUAL(h.block_id, 0x00860001u);
	CU_ASSERT_EQUAL(acpi_hpet_decode(t, ACPI_HPET_MIN_LEN - 1, &h, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "offset 55"));
	t[0] = 'X';
	CU_ASSERT_EQUAL(acpi_hpet_decode(t, sizeof(t), &h, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "signature 58 50 45 54"));
}

static const struct unit_test tests[] = {
	{ "hpet_table", test_hpet_table },
	{ "enabled_xapic_x2apic", test_enabled_xapic },
	{ "off_and_unknown", test_off_and_unknown },
	{ NULL, NULL },
};

void register_kernel_intremap_log_tests(void)
{
	unit_add_suite("kernel-intremap-log", tests);
}
