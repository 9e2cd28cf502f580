// SPDX-License-Identifier: GPL-2.0-or-later
/* The live backend: the running system. Read-only in every method. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <unistd.h>

#include "platform.h"
#include "../results/xalloc.h"

/* klogctl(2) actions */
#define SYSLOG_ACTION_READ_ALL    3
#define SYSLOG_ACTION_SIZE_BUFFER 10

static int live_kernel_log(struct vt_platform *p, struct vt_blob *out)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), n;

	if (size <= 0)
		return vt_platform_fail(p, errno ? errno : EIO,
					"kernel log: klogctl: %s", strerror(errno));
	out->data = xmalloc((size_t)size);
	n = klogctl(SYSLOG_ACTION_READ_ALL, (char *)out->data, size);
	if (n < 0) {
		int err = errno;

		vt_blob_free(out);
		return vt_platform_fail(p, err, "kernel log: klogctl: %s (needs root "
					"or kernel.dmesg_restrict=0)", strerror(err));
	}
	out->len = (size_t)n;
	return 0;
}

/*
 * One 64-bit load from a mapped page of /dev/mem. VT-d registers are read
 * as aligned 64-bit accesses (VT-d §10.2). Linux only lets /dev/mem map
 * MMIO claimed by a driver when booted with iomem=relaxed.
 */
static int live_mmio_read64(struct vt_platform *p, uint64_t addr, uint64_t *val)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t base = addr & ~(uint64_t)(page - 1);
	volatile const uint64_t *reg;
	void *map;
	int fd, err;

	if (addr & 7)
		return vt_platform_fail(p, EINVAL, "MMIO 0x%llx: not 8-byte aligned",
					(unsigned long long)addr);
	fd = open("/dev/mem", O_RDONLY | O_SYNC | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		return vt_platform_fail(p, err, "/dev/mem: %s", strerror(err));
	}
	map = mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, fd, (off_t)base);
	err = errno;
	close(fd);
	if (map == MAP_FAILED)
		return vt_platform_fail(p, err, "/dev/mem: map 0x%llx: %s (boot "
					"with iomem=relaxed to read MMIO)",
					(unsigned long long)base, strerror(err));
	reg = (volatile const uint64_t *)((const char *)map + (addr - base));
	*val = *reg;
	munmap(map, (size_t)page);
	return 0;
}

const struct vt_platform_methods vt_platform_live = {
	.name = "live",
	.read_file = vt_fs_read_file,
	.list_dir = vt_fs_list_dir,
	.read_link = vt_fs_read_link,
	.kernel_log = live_kernel_log,
	.mmio_read64 = live_mmio_read64,
};
