// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The live backend: the running system. Reads follow the system's own
 * links (sysfs is made of them). The writes (a sysfs attribute, config
 * space) are for checks that run only with --active.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <unistd.h>

#include <pci/pci.h>

#include "platform.h"
#include "snapshot_layout.h"
#include "../util/xalloc.h"

/* klogctl(2) actions */
#define SYSLOG_ACTION_READ_ALL    3
#define SYSLOG_ACTION_SIZE_BUFFER 10

static int live_open(struct vt_platform *p, const char *rel, int flags)
{
	int fd;

	while (*rel == '/')
		rel++;
	fd = openat(p->root_fd, *rel ? rel : ".", flags | O_CLOEXEC);
	if (fd < 0)
		return vt_platform_fail(p, errno, "/%s: %s", rel, strerror(errno));
	return fd;
}

/* On the running system, a path that is not there is absent. */
static int live_missing(struct vt_platform *p, const char *rel)
{
	(void)p;
	(void)rel;
	return -ENOENT;
}

static int live_kernel_log(struct vt_platform *p, size_t max, struct vt_blob *out)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), n;
	size_t want;

	out->data = NULL;
	out->len = 0;
	if (size <= 0)
		return vt_platform_fail(p, errno ? errno : EIO,
					"kernel log: klogctl: %s", strerror(errno));
	want = (size_t)size > max ? max + 1 : (size_t)size;
	out->data = xmalloc(want + 1);
	n = klogctl(SYSLOG_ACTION_READ_ALL, (char *)out->data, (int)want);
	if (n < 0) {
		int err = errno;

		vt_blob_free(out);
		return vt_platform_fail(p, err, "kernel log: klogctl: %s (needs root "
					"or kernel.dmesg_restrict=0)", strerror(err));
	}
	if ((size_t)n > max) {
		vt_blob_free(out);
		return vt_platform_fail(p, EFBIG, "kernel log: larger than %zu bytes, "
					"the most vtdcert reads of it: not read", max);
	}
	out->len = (size_t)n;
	out->data[n] = '\0';
	return 0;
}

/*
 * One aligned 32- or 64-bit load from a mapped page of /dev/mem, as VT-d
 * registers are read (VT-d §10.2). Linux only lets /dev/mem map MMIO
 * claimed by a driver when booted with iomem=relaxed.
 */
static int live_mmio_read(struct vt_platform *p, uint64_t addr, unsigned width,
			  uint64_t *val)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t base = addr & ~(uint64_t)(page - 1);
	const volatile void *reg;
	void *map;
	int fd, err;

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
	reg = (const char *)map + (addr - base);
	*val = width == 8 ? *(const volatile uint64_t *)reg : *(const volatile uint32_t *)reg;
	munmap(map, (size_t)page);
	return 0;
}

static int live_write_attr(struct vt_platform *p, const char *rel, const char *value)
{
	size_t len = strlen(value);
	int fd = live_open(p, rel, O_WRONLY | O_NOFOLLOW);
	ssize_t n;

	if (fd < 0)
		return fd;
	n = write(fd, value, len);
	if (n < 0 || (size_t)n != len) {
		int err = n < 0 ? errno : EIO;

		close(fd);
		return vt_platform_fail(p, err, "/%s: write \"%s\": %s", rel, value,
					strerror(err));
	}
	if (close(fd))
		return vt_platform_fail(p, errno, "/%s: write \"%s\": %s", rel, value,
					strerror(errno));
	return 0;
}

/* Config space through sysfs: the kernel serialises it with its own accesses. */
static int live_config_write(struct vt_platform *p, const char *bdf, unsigned off,
			     const void *data, size_t len)
{
	char rel[128];
	ssize_t n;
	int fd;

	if (off + len > VT_MAX_CONFIG)
		return vt_platform_fail(p, EINVAL, "%s config space: write at 0x%x of %zu "
					"bytes runs past 4096", bdf, off, len);
	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/config", bdf);
	fd = live_open(p, rel, O_WRONLY | O_NOFOLLOW);
	if (fd < 0)
		return fd;
	n = pwrite(fd, data, len, (off_t)off);
	if (n < 0 || (size_t)n != len) {
		int err = n < 0 ? errno : EIO;

		close(fd);
		return vt_platform_fail(p, err, "/%s: write at 0x%x: %s", rel, off,
					strerror(err));
	}
	close(fd);
	return 0;
}

static bool live_privileged(struct vt_platform *p)
{
	(void)p;
	return geteuid() == 0;
}

static bool live_usable(struct vt_platform *p, const char *rel)
{
	while (*rel == '/')
		rel++;
	return faccessat(p->root_fd, rel, R_OK | W_OK, 0) == 0;
}

const struct vt_platform_methods vt_platform_live = {
	.name = "live",
	.open = live_open,
	.missing = live_missing,
	.kernel_log = live_kernel_log,
	.mmio_read = live_mmio_read,
	.write_attr = live_write_attr,
	.config_write = live_config_write,
	.privileged = live_privileged,
	.usable = live_usable,
};
