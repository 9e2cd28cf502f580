/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The DMA remapping fault line Linux prints (drivers/iommu/intel/dmar.c,
 * dmar_fault_do_one()), read back into its parts so that the dma suite
 * can set what the kernel reported beside what the model predicts:
 *
 *   6.1+:   DMAR: [DMA Write NO_PASID] Request device [01:00.0] fault addr
 *           0x900000 [fault reason 0x05] PTE Write access is not set
 *   older:  DMAR: [DMA Write] Request device [01:00.0] PASID ffffffff fault
 *           addr 900000 [fault reason 05] PTE Write access is not set
 *
 * (the older one prints the reason with %02d, the newer with 0x%02x). The
 * segment is not printed: it is the unit's. Pure C.
 */
#ifndef VTDCERT_REF_KERNEL_FAULTS_H
#define VTDCERT_REF_KERNEL_FAULTS_H

#include <stdbool.h>
#include <stdint.h>

struct kernel_dma_fault {
	bool is_write;              /* "DMA Write" (else "DMA Read") */
	bool has_pasid;
	uint32_t pasid;
	uint8_t bus, dev, fn;
	uint16_t source_id;         /* bus << 8 | dev << 3 | fn */
	uint64_t addr;
	unsigned reason;
	char text[96];              /* the reason as the kernel words it */
};

/* Parse one log line (prefixes before "[DMA" ignored); false when it is not one. */
bool kernel_dma_fault_parse(const char *line, struct kernel_dma_fault *f);

#endif
