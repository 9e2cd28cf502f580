/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * QEMU's educational device "edu" (1234:11e8; QEMU docs/specs/edu.rst,
 * hw/misc/edu.c): a DMA engine between guest memory and a 4 KiB buffer of
 * its own, that raises MSI when a transfer ends or when told to. The only
 * device vtdcert knows how to make DMA and MSI on command: the dma and msi
 * suites drive it through the reference passthrough. Registers in BAR 0,
 * 32-bit unless noted.
 */
#ifndef VTDCERT_SUITES_DRIVERS_EDU_H
#define VTDCERT_SUITES_DRIVERS_EDU_H

#include <stdint.h>

#include "../../passthrough/passthrough.h"

#define EDU_VENDOR          0x1234
#define EDU_DEVICE          0x11e8
#define EDU_BAR             0

#define EDU_REG_ID          0x00     /* 0xRRrr00ed: major, minor, "ed" */
#define  EDU_ID_MAGIC_MASK  0xffff
#define  EDU_ID_MAGIC       0x00ed
#define EDU_REG_LIVENESS    0x04     /* reads back the inverse of what was written */
#define EDU_REG_IRQ_STATUS  0x24
#define EDU_REG_IRQ_RAISE   0x60     /* write bits to set in the status: raises the interrupt */
#define EDU_REG_IRQ_ACK     0x64     /* write the bits to clear */
#define EDU_REG_DMA_SRC     0x80     /* 64-bit */
#define EDU_REG_DMA_DST     0x88     /* 64-bit */
#define EDU_REG_DMA_COUNT   0x90     /* 64-bit */
#define EDU_REG_DMA_CMD     0x98     /* 64-bit */
#define  EDU_DMA_RUN        0x1      /* start; cleared when the transfer is done */
#define  EDU_DMA_TO_RAM     0x2      /* direction: 0 memory -> device, 1 device -> memory */
#define  EDU_DMA_IRQ        0x4      /* raise EDU_IRQ_DMA when done */
#define EDU_IRQ_DMA         0x100
#define EDU_IRQ_TEST        0x1      /* what the msi suite raises: any bit but DMA's */

/* The device's own buffer, in its DMA address space (not in the BAR). */
#define EDU_BUF_ADDR        0x40000
#define EDU_BUF_SIZE        4096
/* The default dma_mask property: addresses above are clamped, not faulted. */
#define EDU_DMA_MASK        ((1ull << 28) - 1)
/* The transfer starts on a 100 ms timer of the virtual clock. */
#define EDU_DMA_DELAY_MS    100

struct edu {
	struct pt_device *d;
	volatile uint8_t *bar;
	uint64_t bar_size;
	int efd;                    /* MSI vector 0, or -1: completion by polling */
};

/* Map BAR 0, check the ID, enable DMA and (if offered) MSI. */
int edu_open(struct edu *e, struct pt_device *d, char *why);
void edu_close(struct edu *e);
/*
 * One transfer of @len bytes (1..EDU_BUF_SIZE) between IOVA @iova and
 * offset @off of the device's buffer; @to_ram: device -> memory. Waits
 * for the device to finish; whether the IOMMU let it through is for the
 * caller to see.
 */
int edu_dma(struct edu *e, uint64_t iova, unsigned off, unsigned len, bool to_ram, char *why);
/* Raise EDU_IRQ_TEST; wait up to @ms for MSI vector 0: 1 seen, 0 not, <0 no MSI. */
int edu_raise_msi(struct edu *e, int ms, char *why);

/* What completion was seen by: "msi" or "polling". */
const char *edu_completion(const struct edu *e);

#endif
