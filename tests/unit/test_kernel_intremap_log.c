// SPDX-License-Identifier: GPL-2.0-or-later
/* Interrupt remapping as the kernel shows it: its line, IR- chips, and what cannot be told. */
#include "unit.h"
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

static const struct unit_test tests[] = {
	{ "enabled_xapic_x2apic", test_enabled_xapic },
	{ "off_and_unknown", test_off_and_unknown },
	{ NULL, NULL },
};

void register_kernel_intremap_log_tests(void)
{
	unit_add_suite("kernel-intremap-log", tests);
}
