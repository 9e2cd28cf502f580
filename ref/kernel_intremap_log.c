// SPDX-License-Identifier: GPL-2.0-or-later
/* Interrupt remapping as the kernel shows it (kernel_intremap_log.h). */
#include <string.h>

#include "kernel_intremap_log.h"

#define IR_ENABLED_LINE  "Enabled IRQ remapping in "
#define IR_MODE_X2APIC   "x2apic mode"
#define IR_CHIP_PREFIX   "IR-"
#define BOOT_BANNER      "Linux version "

bool kernel_ir_chip(const char *desc)
{
	const char *p;

	for (p = strstr(desc, IR_CHIP_PREFIX); p; p = strstr(p + 1, IR_CHIP_PREFIX))
		if (p == desc || p[-1] == ' ' || p[-1] == '\t')
			return true;
	return false;
}

void kernel_ir_observe(const char *klog, const char *const *irq_desc, size_t nirqs,
		       struct kernel_ir_seen *out)
{
	const char *line;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (klog) {
		out->log_known = true;
		out->log_from_boot = strstr(klog, BOOT_BANNER) != NULL;
		line = strstr(klog, IR_ENABLED_LINE);
		if (line) {
			out->enabled_line = true;
			line += strlen(IR_ENABLED_LINE);
			out->x2apic = !strncmp(line, IR_MODE_X2APIC, strlen(IR_MODE_X2APIC));
		}
	}
	for (i = 0; irq_desc && i < nirqs; i++) {
		if (!irq_desc[i])
			continue;
		if (kernel_ir_chip(irq_desc[i]))
			out->ir_chips++;
		if (strstr(irq_desc[i], "IO-APIC") || strstr(irq_desc[i], "PCI-MSI"))
			out->msi_ioapic_lines++;
	}
	out->remapping = out->enabled_line || out->ir_chips;
	out->known = out->remapping || out->log_from_boot || out->msi_ioapic_lines;
}
