// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The type1 IOMMU backend: a VFIO container per assigned group, as QEMU's
 * hw/vfio/container.c makes one (Documentation/driver-api/vfio.rst,
 * "VFIO Usage Example"): open /dev/vfio/vfio, check the API version and
 * the type1v2 extension, open /dev/vfio/GROUP, check it is viable, set
 * the container, set the IOMMU type, get the device fd by name.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "pt_internal.h"

#define PT_VFIO_CONTAINER "/dev/vfio/vfio"
#define PT_VFIO_GROUP_FMT "/dev/vfio/%ld"

static int type1_attach(struct pt_journal_entry *e, long group, char *why)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	char path[64];
	int container, fd;

	container = open(PT_VFIO_CONTAINER, O_RDWR | O_CLOEXEC);
	if (container < 0)
		return pt_fail(why, -errno, PT_VFIO_CONTAINER ": %s", strerror(errno));
	e->fd[PT_FD_CONTAINER] = container;
	if (ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION)
		return pt_fail(why, -EPROTO, PT_VFIO_CONTAINER ": not VFIO API version %d",
			       VFIO_API_VERSION);
	if (ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) <= 0)
		return pt_fail(why, -ENOTSUP, PT_VFIO_CONTAINER ": no type1v2 IOMMU");
	snprintf(path, sizeof(path), PT_VFIO_GROUP_FMT, group);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return pt_fail(why, -errno, "%s: %s", path, strerror(errno));
	e->fd[PT_FD_GROUP] = fd;
	if (ioctl(fd, VFIO_GROUP_GET_STATUS, &status) < 0)
		return pt_fail(why, -errno, "%s: VFIO_GROUP_GET_STATUS: %s", path, strerror(errno));
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE))
		return pt_fail(why, -EBUSY, "group %ld is not viable: a member is bound to a "
			       "driver that does not let VFIO own its DMA", group);
	if (ioctl(fd, VFIO_GROUP_SET_CONTAINER, &container) < 0)
		return pt_fail(why, -errno, "%s: VFIO_GROUP_SET_CONTAINER: %s", path,
			       strerror(errno));
	if (ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU) < 0) {
		/* vfio_iommu_type1_attach_group(): no IRQ remapping, no unsafe opt-in. */
		if (errno == EPERM)
			return pt_fail(why, -EPERM, "VFIO refuses group %ld: the platform does not "
				       "remap interrupts (vfio_iommu_type1.allow_unsafe_interrupts=1 "
				       "would let a guest inject them into the host)", group);
		return pt_fail(why, -errno, "VFIO_SET_IOMMU type1v2: %s", strerror(errno));
	}
	return 0;
}

static int type1_map(struct pt_journal_entry *e, void *vaddr, uint64_t iova, uint64_t size,
		     unsigned perm, char *why)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.vaddr = (uintptr_t)vaddr,
		.iova = iova,
		.size = size,
	};

	if (perm & PT_DEV_READ)
		map.flags |= VFIO_DMA_MAP_FLAG_READ;
	if (perm & PT_DEV_WRITE)
		map.flags |= VFIO_DMA_MAP_FLAG_WRITE;
	if (ioctl(e->fd[PT_FD_CONTAINER], VFIO_IOMMU_MAP_DMA, &map) < 0)
		return pt_fail(why, -errno, "VFIO_IOMMU_MAP_DMA iova 0x%llx size 0x%llx: %s",
			       (unsigned long long)iova, (unsigned long long)size, strerror(errno));
	return 0;
}

static int type1_unmap(struct pt_journal_entry *e, uint64_t iova, uint64_t size, char *why)
{
	struct vfio_iommu_type1_dma_unmap unmap = {
		.argsz = sizeof(unmap), .iova = iova, .size = size,
	};

	if (ioctl(e->fd[PT_FD_CONTAINER], VFIO_IOMMU_UNMAP_DMA, &unmap) < 0)
		return pt_fail(why, -errno, "VFIO_IOMMU_UNMAP_DMA iova 0x%llx: %s",
			       (unsigned long long)iova, strerror(errno));
	if (unmap.size != size)
		return pt_fail(why, -EIO, "VFIO_IOMMU_UNMAP_DMA iova 0x%llx: unmapped 0x%llx of 0x%llx",
			       (unsigned long long)iova, (unsigned long long)unmap.size,
			       (unsigned long long)size);
	return 0;
}

static int type1_open_device(struct pt_journal_entry *e, char *why)
{
	int fd = ioctl(e->fd[PT_FD_GROUP], VFIO_GROUP_GET_DEVICE_FD, e->bdf);

	if (fd < 0)
		return pt_fail(why, -errno, "VFIO_GROUP_GET_DEVICE_FD %s: %s", e->bdf,
			       strerror(errno));
	e->fd[PT_FD_DEVICE] = fd;
	return 0;
}

const struct pt_iommu_ops pt_iommu_type1 = {
	.name = "type1",
	.attach = type1_attach,
	.map = type1_map,
	.unmap = type1_unmap,
	.open_device = type1_open_device,
};
