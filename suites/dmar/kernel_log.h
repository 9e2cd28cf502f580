/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the kernel said about the DMAR table: its log lines, parsed without
 * I/O. Linux marks firmware defects it detects with "[Firmware Bug]"
 * (include/linux/printk.h FW_BUG), prefixed "DMAR: " or "DMAR-IR: " by the
 * VT-d code (drivers/iommu/intel/dmar.c, irq_remapping.c, iommu.c).
 */
#ifndef VTDCERT_SUITES_DMAR_KERNEL_LOG_H
#define VTDCERT_SUITES_DMAR_KERNEL_LOG_H

#include <stdbool.h>
#include <stddef.h>

#define KLOG_FW_BUG "[Firmware Bug]"

struct klog_lines {
	char **v;
	size_t n;
};

/*
 * Collect the lines of @text that satisfy @want, without the "<level>" and
 * "[ seconds]" prefixes klogctl and dmesg put before the message.
 */
void klog_select(const char *text, size_t len, bool (*want)(const char *msg),
		 struct klog_lines *out);
/* A firmware defect the VT-d code reported. */
bool klog_is_dmar_fw_bug(const char *msg);
/* A line saying why DMA remapping is off or the table was refused. */
bool klog_is_dmar_refusal(const char *msg);
void klog_lines_free(struct klog_lines *l);

#endif
