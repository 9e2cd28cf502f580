/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the kernel did about interrupt remapping, read back from what it
 * printed and lists: drivers/iommu/intel/irq_remapping.c prints
 * "DMAR-IR: Enabled IRQ remapping in xapic mode" (or "x2apic mode") from
 * intel_enable_irq_remapping() once it is on, and every interrupt it
 * remaps sits under one of its "IR-" chips in /proc/interrupts
 * ("IR-IO-APIC", "IR-PCI-MSI"). Pure C.
 */
#ifndef VTDCERT_REF_KERNEL_INTREMAP_LOG_H
#define VTDCERT_REF_KERNEL_INTREMAP_LOG_H

#include <stdbool.h>
#include <stddef.h>

struct kernel_ir_seen {
	bool log_known;             /* a kernel log was there to read */
	bool log_from_boot;         /* it still holds the boot ("Linux version") */
	bool enabled_line;          /* "Enabled IRQ remapping in ... mode" */
	bool x2apic;                /* ... in x2apic mode */
	size_t ir_chips;            /* interrupt lines under an "IR-" chip */
	size_t msi_ioapic_lines;    /* lines under any IO-APIC or PCI-MSI chip, IR- or not */
	bool known;                 /* remapping below can be told */
	bool remapping;
};

/* Whether the /proc/interrupts description @desc names an IR- chip (as a word). */
bool kernel_ir_chip(const char *desc);

/*
 * From the kernel log @klog (NULL: not available) and the descriptions of
 * the /proc/interrupts lines @irq_desc[0..@nirqs) (NULL: not available).
 * Remapping is on when the kernel said so or an interrupt runs under an
 * IR- chip. It is off when neither shows it and a source would have: a log
 * that still holds the boot, or IO-APIC / PCI-MSI lines none of which is
 * under an IR- chip. Else unknown (a long-running machine's log has lost
 * its boot lines).
 */
void kernel_ir_observe(const char *klog, const char *const *irq_desc, size_t nirqs,
		       struct kernel_ir_seen *out);

#endif
