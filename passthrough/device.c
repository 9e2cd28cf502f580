// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An assigned device's regions and interrupts through its VFIO device fd
 * (linux/vfio.h: VFIO_DEVICE_GET_REGION_INFO, VFIO_DEVICE_SET_IRQS), and
 * the physical address of a buffer page (/proc/self/pagemap), which the
 * dma suite compares with the reference translation.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "pt_device.h"
#include "../ref/pci_regs.h"

#define PROC_PAGEMAP      "/proc/self/pagemap"
#define PAGEMAP_PRESENT   (1ull << 63)
#define PAGEMAP_PFN       ((1ull << 55) - 1)      /* bits 54:0 (admin-guide/mm/pagemap.rst) */

static int region_info(struct pt_device *d, unsigned index, struct vfio_region_info *ri,
		       char *why)
{
	memset(ri, 0, sizeof(*ri));
	ri->argsz = sizeof(*ri);
	ri->index = index;
	if (ioctl(d->e->fd[PT_FD_DEVICE], VFIO_DEVICE_GET_REGION_INFO, ri) < 0)
		return pt_fail(why, -errno, "%s: region %u: %s", d->e->bdf, index, strerror(errno));
	return 0;
}

volatile void *pt_bar_map(struct pt_device *d, unsigned bar, uint64_t *size, char *why)
{
	struct vfio_region_info ri;
	void *p;

	if (bar >= PT_MAX_BARS || bar >= d->num_regions) {
		pt_fail(why, -EINVAL, "%s: no BAR %u", d->e->bdf, bar);
		return NULL;
	}
	if (d->e->bar[bar].addr) {
		*size = d->e->bar[bar].len;
		return d->e->bar[bar].addr;
	}
	if (region_info(d, VFIO_PCI_BAR0_REGION_INDEX + bar, &ri, why))
		return NULL;
	if (!ri.size) {
		pt_fail(why, -ENOENT, "%s: BAR %u is not implemented", d->e->bdf, bar);
		return NULL;
	}
	if (!(ri.flags & VFIO_REGION_INFO_FLAG_MMAP)) {
		pt_fail(why, -ENOTSUP, "%s: BAR %u cannot be mmapped (vfio-pci traps it)",
			d->e->bdf, bar);
		return NULL;
	}
	/* Mapped and written down with no signal between (see pt_assign). */
	pt_journal_lock();
	p = mmap(NULL, ri.size, PROT_READ | PROT_WRITE, MAP_SHARED, d->e->fd[PT_FD_DEVICE],
		 (off_t)ri.offset);
	if (p == MAP_FAILED) {
		pt_journal_unlock();
		pt_fail(why, -errno, "%s: mmap BAR %u: %s", d->e->bdf, bar, strerror(errno));
		return NULL;
	}
	d->e->bar[bar].addr = p;
	d->e->bar[bar].len = ri.size;
	pt_journal_unlock();
	*size = ri.size;
	return p;
}

static int config_io(struct pt_device *d, unsigned off, void *buf, size_t len, bool write,
		     char *why)
{
	struct vfio_region_info ri;
	ssize_t n;
	int rc = region_info(d, VFIO_PCI_CONFIG_REGION_INDEX, &ri, why);

	if (rc)
		return rc;
	if (off + len > ri.size)
		return pt_fail(why, -EINVAL, "%s: config 0x%x+%zu beyond 0x%llx", d->e->bdf, off,
			       len, (unsigned long long)ri.size);
	n = write ? pwrite(d->e->fd[PT_FD_DEVICE], buf, len, (off_t)(ri.offset + off)) :
		    pread(d->e->fd[PT_FD_DEVICE], buf, len, (off_t)(ri.offset + off));
	if (n != (ssize_t)len)
		return pt_fail(why, n < 0 ? -errno : -EIO, "%s: config %s at 0x%x failed",
			       d->e->bdf, write ? "write" : "read", off);
	return 0;
}

int pt_config_read(struct pt_device *d, unsigned off, void *buf, size_t len, char *why)
{
	return config_io(d, off, buf, len, false, why);
}

int pt_config_write(struct pt_device *d, unsigned off, const void *buf, size_t len, char *why)
{
	return config_io(d, off, (void *)buf, len, true, why);
}

int pt_enable_dma(struct pt_device *d, char *why)
{
	uint16_t cmd;
	int rc = pt_config_read(d, PCI_CFG_COMMAND, &cmd, sizeof(cmd), why);

	if (rc)
		return rc;
	cmd |= PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	return pt_config_write(d, PCI_CFG_COMMAND, &cmd, sizeof(cmd), why);
}

static unsigned irq_index(enum pt_irq_kind kind)
{
	return kind == PT_IRQ_MSIX ? VFIO_PCI_MSIX_IRQ_INDEX :
	       kind == PT_IRQ_MSI ? VFIO_PCI_MSI_IRQ_INDEX : VFIO_PCI_INTX_IRQ_INDEX;
}

static const char *irq_name(enum pt_irq_kind kind)
{
	return kind == PT_IRQ_MSIX ? "MSI-X" : kind == PT_IRQ_MSI ? "MSI" : "INTx";
}

int pt_irq_enable(struct pt_device *d, enum pt_irq_kind kind, unsigned count, int *efd,
		  char *why)
{
	struct vfio_irq_info info = { .argsz = sizeof(info), .index = irq_index(kind) };
	char buf[sizeof(struct vfio_irq_set) + PT_MAX_VECTORS * sizeof(int32_t)];
	struct vfio_irq_set *set = (struct vfio_irq_set *)buf;
	int32_t fds[PT_MAX_VECTORS];
	unsigned i;

	if (d->nvec)
		return pt_fail(why, -EBUSY, "%s: %s already enabled", d->e->bdf, irq_name(d->irq_kind));
	if (ioctl(d->e->fd[PT_FD_DEVICE], VFIO_DEVICE_GET_IRQ_INFO, &info) < 0)
		return pt_fail(why, -errno, "%s: %s info: %s", d->e->bdf, irq_name(kind),
			       strerror(errno));
	if (!count || count > info.count || count > PT_MAX_VECTORS)
		return pt_fail(why, -EINVAL, "%s: %u %s vectors asked, %u offered", d->e->bdf, count,
			       irq_name(kind), info.count);
	for (i = 0; i < count; i++) {
		d->efd[i] = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (d->efd[i] < 0)
			return pt_fail(why, -errno, "eventfd: %s", strerror(errno));
		fds[i] = d->efd[i];
		efd[i] = d->efd[i];
	}
	memset(buf, 0, sizeof(buf));
	set->argsz = (uint32_t)(sizeof(*set) + count * sizeof(int32_t));
	set->flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	set->index = irq_index(kind);
	set->start = 0;
	set->count = count;
	memcpy(set->data, fds, count * sizeof(int32_t));
	if (ioctl(d->e->fd[PT_FD_DEVICE], VFIO_DEVICE_SET_IRQS, set) < 0)
		return pt_fail(why, -errno, "%s: enable %u %s: %s", d->e->bdf, count, irq_name(kind),
			       strerror(errno));
	d->nvec = count;
	d->irq_kind = kind;
	return 0;
}

int pt_irq_disable(struct pt_device *d, enum pt_irq_kind kind, char *why)
{
	struct vfio_irq_set set = {
		.argsz = sizeof(set),
		.flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
		.index = irq_index(kind),
	};
	unsigned i;
	int rc = 0;

	if (ioctl(d->e->fd[PT_FD_DEVICE], VFIO_DEVICE_SET_IRQS, &set) < 0)
		rc = pt_fail(why, -errno, "%s: disable %s: %s", d->e->bdf, irq_name(kind),
			     strerror(errno));
	for (i = 0; i < d->nvec; i++) {
		close(d->efd[i]);
		d->efd[i] = -1;
	}
	d->nvec = 0;
	return rc;
}

int pt_irq_wait(int efd, int ms, uint64_t *n)
{
	struct pollfd p = { .fd = efd, .events = POLLIN };
	int r = poll(&p, 1, ms);

	if (r < 0)
		return -errno;
	if (!r)
		return 0;
	if (read(efd, n, sizeof(*n)) != sizeof(*n))
		return -errno;
	return 1;
}

int pt_phys_of(const void *vaddr, uint64_t *phys, char *why)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t ent;
	ssize_t n;
	int fd;

	fd = open(PROC_PAGEMAP, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return pt_fail(why, -errno, PROC_PAGEMAP ": %s", strerror(errno));
	n = pread(fd, &ent, sizeof(ent), (off_t)((uintptr_t)vaddr / (uintptr_t)page * sizeof(ent)));
	close(fd);
	if (n != sizeof(ent))
		return pt_fail(why, -EIO, PROC_PAGEMAP ": short read");
	if (!(ent & PAGEMAP_PRESENT))
		return pt_fail(why, -EFAULT, "page at %p not present", vaddr);
	/* Without CAP_SYS_ADMIN the kernel reports PFN 0. */
	if (!(ent & PAGEMAP_PFN))
		return pt_fail(why, -EPERM, PROC_PAGEMAP ": no frame numbers without CAP_SYS_ADMIN");
	*phys = (ent & PAGEMAP_PFN) * (uint64_t)page + (uintptr_t)vaddr % (uintptr_t)page;
	return 0;
}
