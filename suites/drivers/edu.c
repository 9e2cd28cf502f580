// SPDX-License-Identifier: GPL-2.0-or-later
/* Driving QEMU's edu through the reference passthrough (edu.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "edu.h"

#define EDU_DONE_TIMEOUT_MS 5000     /* 50 times the device's own delay */
#define EDU_POLL_NS         1000000  /* 1 ms */

static uint32_t rd32(const struct edu *e, unsigned off)
{
	return *(volatile uint32_t *)(e->bar + off);
}

static void wr32(struct edu *e, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(e->bar + off) = v;
}

static uint64_t rd64(const struct edu *e, unsigned off)
{
	return *(volatile uint64_t *)(e->bar + off);
}

static void wr64(struct edu *e, unsigned off, uint64_t v)
{
	*(volatile uint64_t *)(e->bar + off) = v;
}

int edu_open(struct edu *e, struct pt_device *d, char *why)
{
	uint32_t id;
	int rc;

	e->d = d;
	e->efd = -1;
	e->bar = pt_bar_map(d, EDU_BAR, &e->bar_size, why);
	if (!e->bar)
		return -EIO;
	id = rd32(e, EDU_REG_ID);
	if ((id & EDU_ID_MAGIC_MASK) != EDU_ID_MAGIC)
		return pt_fail(why, -ENODEV, "%s: edu ID register reads 0x%08x", pt_device_bdf(d), id);
	wr32(e, EDU_REG_LIVENESS, 0x12345678u);
	if (rd32(e, EDU_REG_LIVENESS) != ~0x12345678u)
		return pt_fail(why, -EIO, "%s: edu liveness register does not answer", pt_device_bdf(d));
	rc = pt_enable_dma(d, why);
	if (rc)
		return rc;
	/* MSI is how completion is seen when the platform delivers it; else polling. */
	if (pt_irq_enable(d, PT_IRQ_MSI, 1, &e->efd, why))
		e->efd = -1;
	return 0;
}

void edu_close(struct edu *e)
{
	char why[PT_WHY_SIZE];

	if (e->efd >= 0)
		pt_irq_disable(e->d, PT_IRQ_MSI, why);
	e->efd = -1;
}

const char *edu_completion(const struct edu *e)
{
	return e->efd >= 0 ? "msi" : "polling";
}

int edu_dma(struct edu *e, uint64_t iova, unsigned off, unsigned len, bool to_ram, char *why)
{
	const struct timespec tick = { 0, EDU_POLL_NS };
	uint64_t cmd = EDU_DMA_RUN | (to_ram ? EDU_DMA_TO_RAM : 0);
	uint64_t fired;
	unsigned waited = 0;

	/* Out of the device's buffer, QEMU's edu stops the whole machine. */
	if (!len || len > EDU_BUF_SIZE || off > EDU_BUF_SIZE - len || iova > EDU_DMA_MASK)
		return pt_fail(why, -EINVAL, "edu transfer 0x%x+%u at IOVA 0x%llx out of range", off,
			       len, (unsigned long long)iova);
	if (rd64(e, EDU_REG_DMA_CMD) & EDU_DMA_RUN)
		return pt_fail(why, -EBUSY, "%s: edu busy", pt_device_bdf(e->d));
	if (to_ram) {
		wr64(e, EDU_REG_DMA_SRC, EDU_BUF_ADDR + off);
		wr64(e, EDU_REG_DMA_DST, iova);
	} else {
		wr64(e, EDU_REG_DMA_SRC, iova);
		wr64(e, EDU_REG_DMA_DST, EDU_BUF_ADDR + off);
	}
	wr64(e, EDU_REG_DMA_COUNT, len);
	if (e->efd >= 0)
		cmd |= EDU_DMA_IRQ;
	wr64(e, EDU_REG_DMA_CMD, cmd);
	if (e->efd >= 0 && pt_irq_wait(e->efd, EDU_DONE_TIMEOUT_MS, &fired) == 1)
		wr32(e, EDU_REG_IRQ_ACK, EDU_IRQ_DMA);
	while (rd64(e, EDU_REG_DMA_CMD) & EDU_DMA_RUN) {
		if (waited++ > EDU_DONE_TIMEOUT_MS)
			return pt_fail(why, -ETIMEDOUT, "%s: edu transfer did not finish in %d ms",
				       pt_device_bdf(e->d), EDU_DONE_TIMEOUT_MS);
		nanosleep(&tick, NULL);
	}
	if (rd32(e, EDU_REG_IRQ_STATUS) & EDU_IRQ_DMA)
		wr32(e, EDU_REG_IRQ_ACK, EDU_IRQ_DMA);
	return 0;
}

int edu_raise_msi(struct edu *e, int ms, char *why)
{
	uint64_t n = 0;
	int r;

	if (e->efd < 0)
		return pt_fail(why, -ENOTSUP, "%s: MSI could not be enabled", pt_device_bdf(e->d));
	/* Nothing pending from before: the next count is this interrupt's. */
	while (pt_irq_wait(e->efd, 0, &n) == 1)
		;
	wr32(e, EDU_REG_IRQ_RAISE, EDU_IRQ_TEST);
	r = pt_irq_wait(e->efd, ms, &n);
	wr32(e, EDU_REG_IRQ_ACK, EDU_IRQ_TEST);
	if (r < 0)
		return pt_fail(why, r, "%s: waiting for MSI: %s", pt_device_bdf(e->d), strerror(-r));
	return r;
}
