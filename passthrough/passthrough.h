/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The reference passthrough: what a hypervisor does to a PCI function it
 * gives a guest, through VFIO (Documentation/driver-api/vfio.rst), so that
 * the active suites can watch the platform under a real assignment.
 *
 *   pt_assign      refuse a function in use (in_use.c); note its driver and
 *                  driver_override; bind vfio-pci by driver_override; open
 *                  its group into a container of its own (type1 IOMMU);
 *                  open the device; reset it
 *   pt_dma_map     map a buffer at an IOVA, readable, writable or both
 *   pt_bar_map     mmap a BAR; pt_config_* its config space
 *   pt_irq_enable  MSI / MSI-X vectors (or INTx) on eventfds
 *   pt_release     close everything and give the function back to the
 *                  driver it had, with the driver_override it had
 *
 * Every change is written in a journal (journal.c) before it is made, and
 * undone from it on pt_release, pt_session_close, exit, and SIGINT,
 * SIGTERM, SIGHUP or SIGQUIT (SIGKILL cannot be caught: docs/passthrough.md
 * says how to put a machine back by hand).
 *
 * Live system only; it changes the machine, so it sits beside platform/,
 * not in ref/. Functions return 0 or a negative errno with @why set.
 */
#ifndef VTDCERT_PASSTHROUGH_H
#define VTDCERT_PASSTHROUGH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PT_WHY_SIZE 256

/* What the device may do to a mapping (the IOMMU's permission, not the CPU's). */
enum pt_perm {
	PT_DEV_READ  = 1u << 0,     /* VFIO_DMA_MAP_FLAG_READ: the device reads memory */
	PT_DEV_WRITE = 1u << 1,     /* VFIO_DMA_MAP_FLAG_WRITE: the device writes memory */
};

enum pt_irq_kind { PT_IRQ_INTX, PT_IRQ_MSI, PT_IRQ_MSIX };

/* What the user allowed beyond the defaults. */
struct pt_policy {
	const char *const *take;    /* BDFs named by --take: taken even when in use */
	size_t ntake;
};

/* The state of a function as found, and as given back. */
struct pt_state {
	char driver[64];            /* "" when no driver was bound */
	char override[64];          /* driver_override; "" when none */
};

struct pt_session;
struct pt_device;

/* Set @why (PT_WHY_SIZE) and return @rc: `return pt_fail(why, -EBUSY, "...")`. */
int pt_fail(char *why, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

int pt_session_open(struct pt_session **out, const struct pt_policy *pol, char *why);
/*
 * Give back every device still assigned. 0 when each is as it was found,
 * else -EIO with @why naming the first that is not.
 */
int pt_session_close(struct pt_session *s, char *why);

/*
 * Assign @bdf ("0000:02:00.0"). Refuses (-EBUSY) a function that backs a
 * mounted filesystem or swap, or the default route, or whose group has
 * another member bound to a driver VFIO cannot share the group with,
 * unless --take names it; -ENODEV with no IOMMU group.
 */
int pt_assign(struct pt_session *s, const char *bdf, struct pt_device **out, char *why);
/* Give @d back; 0 when it is as it was found (@found and @now say what). */
int pt_release(struct pt_session *s, struct pt_device *d, struct pt_state *found,
	       struct pt_state *now, char *why);

const char *pt_device_bdf(const struct pt_device *d);
long pt_device_group(const struct pt_device *d);
/* What the function had before pt_assign. */
const struct pt_state *pt_device_found(const struct pt_device *d);
/* Whether VFIO offers a reset (VFIO_DEVICE_FLAGS_RESET), and the last reset's result. */
bool pt_device_can_reset(const struct pt_device *d);
int pt_reset(struct pt_device *d, char *why);

int pt_dma_map(struct pt_device *d, void *vaddr, uint64_t iova, uint64_t size,
	       unsigned perm, char *why);
int pt_dma_unmap(struct pt_device *d, uint64_t iova, uint64_t size, char *why);

/* mmap BAR @bar (read-write); its size in @size. NULL with @why when it cannot be. */
volatile void *pt_bar_map(struct pt_device *d, unsigned bar, uint64_t *size, char *why);
int pt_config_read(struct pt_device *d, unsigned off, void *buf, size_t len, char *why);
int pt_config_write(struct pt_device *d, unsigned off, const void *buf, size_t len, char *why);
/* Set Memory Space and Bus Master Enable in the command register. */
int pt_enable_dma(struct pt_device *d, char *why);

/* Enable @count vectors of @kind, each on an eventfd returned in @efd[]. */
int pt_irq_enable(struct pt_device *d, enum pt_irq_kind kind, unsigned count, int *efd,
		  char *why);
int pt_irq_disable(struct pt_device *d, enum pt_irq_kind kind, char *why);
/* Wait up to @ms for @efd to fire: 1 fired (count in @n), 0 timed out, <0 error. */
int pt_irq_wait(int efd, int ms, uint64_t *n);

/*
 * The kernel log from now on (/dev/kmsg), to see what the kernel said
 * about a DMA the device was refused: open, then collect the messages
 * that arrived, waiting up to @ms for one @want accepts (NULL: any).
 */
struct pt_kmsg;
int pt_kmsg_open(struct pt_kmsg **out, char *why);
/* Messages (text only, "DMAR: ..." ) one per line into @buf; true when @want matched. */
bool pt_kmsg_collect(struct pt_kmsg *k, int ms, bool (*want)(const char *msg, void *arg),
		     void *arg, char *buf, size_t size);
void pt_kmsg_close(struct pt_kmsg *k);

/*
 * The /proc/interrupts line of vector @vec of @d's @kind ("vfio-msi[0](BDF)"
 * as vfio-pci names it): its total count, and what stands between the
 * counts and the name (the chip and hardware IRQ: "IR-PCI-MSI 1048576-edge")
 * into @chip. -ENOENT when the kernel lists no such line.
 */
int pt_irq_line(struct pt_device *d, enum pt_irq_kind kind, unsigned vec,
		unsigned long long *count, char *chip, size_t size, char *why);

/* The physical address of the page under @vaddr (/proc/self/pagemap; root). */
int pt_phys_of(const void *vaddr, uint64_t *phys, char *why);

#endif
