// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What must not be taken from the host: a function whose removal would
 * take a mounted filesystem, swap or the default route with it. A block
 * device or a network interface belongs to a PCI function when its sysfs
 * path lies beneath the function's (/sys/devices/pci0000:00/.../BDF/...);
 * stacked devices (dm, md, bridges, bonds) are followed down their
 * slaves/ and lower_* links, so LVM on NVMe or a bridge over a NIC counts.
 * This is what libvirt's and driverctl's users are told to check by hand.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "pt_internal.h"

#define PROC_MOUNTINFO  "/proc/self/mountinfo"
#define PROC_SWAPS      "/proc/swaps"
#define PROC_ROUTE      "/proc/net/route"
#define PROC_ROUTE6     "/proc/net/ipv6_route"
#define STACK_DEPTH_MAX 8           /* dm over md over partitions: plenty */
#define LINE_MAX_LEN    4096

/* Whether @path (a resolved sysfs path) lies beneath @dev (a function's). */
static bool beneath(const char *path, const char *dev)
{
	size_t n = strlen(dev);

	return !strncmp(path, dev, n) && (path[n] == '/' || path[n] == '\0');
}

/*
 * Whether the sysfs object @obj, or one it is stacked on (its @down
 * directory's entries, or its "lower_*" links when @down is NULL), lies
 * beneath @dev.
 */
static bool stacked_beneath(const char *obj, const char *dev, const char *down, int depth)
{
	char real[PATH_MAX], sub[PATH_MAX];
	struct dirent *de;
	bool hit = false;
	DIR *d;

	if (depth > STACK_DEPTH_MAX || !realpath(obj, real))
		return false;
	if (beneath(real, dev))
		return true;
	if (down) {
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", real, down) >= sizeof(sub))
			return false;
		d = opendir(sub);
	} else {
		d = opendir(real);
	}
	if (!d)
		return false;
	while (!hit && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (!down && strncmp(de->d_name, "lower_", 6))
			continue;
		if ((size_t)(down ? snprintf(sub, sizeof(sub), "%s/%s/%s", real, down, de->d_name) :
			     snprintf(sub, sizeof(sub), "%s/%s", real, de->d_name)) >= sizeof(sub))
			continue;
		hit = stacked_beneath(sub, dev, down, depth + 1);
	}
	closedir(d);
	return hit;
}

static bool block_beneath(unsigned maj, unsigned min, const char *dev)
{
	char obj[64];

	snprintf(obj, sizeof(obj), "/sys/dev/block/%u:%u", maj, min);
	return stacked_beneath(obj, dev, "slaves", 0);
}

static bool mount_uses(const char *dev, char *why, const char *bdf)
{
	char line[LINE_MAX_LEN], point[LINE_MAX_LEN];
	unsigned maj, min;
	bool hit = false;
	FILE *f = fopen(PROC_MOUNTINFO, "re");

	if (!f)
		return false;
	/* "36 35 98:0 /mnt1 /mnt/parent rw ...": ID, parent, major:minor, root, point */
	while (!hit && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*u %*u %u:%u %*s %4095s", &maj, &min, point) == 3 && maj &&
		    block_beneath(maj, min, dev)) {
			hit = true;
			pt_fail(why, 0, "%s backs the %s filesystem (block device %u:%u)", bdf,
				!strcmp(point, "/") ? "root" : point, maj, min);
		}
	fclose(f);
	return hit;
}

static bool swap_uses(const char *dev, char *why, const char *bdf)
{
	char line[LINE_MAX_LEN], name[LINE_MAX_LEN];
	struct stat st;
	bool hit = false;
	FILE *f = fopen(PROC_SWAPS, "re");

	if (!f)
		return false;
	while (!hit && fgets(line, sizeof(line), f))
		if (sscanf(line, "%4095s", name) == 1 && name[0] == '/' && !stat(name, &st) &&
		    S_ISBLK(st.st_mode) && block_beneath(major(st.st_rdev), minor(st.st_rdev), dev)) {
			hit = true;
			pt_fail(why, 0, "%s backs swap on %s", bdf, name);
		}
	fclose(f);
	return hit;
}

static bool iface_beneath(const char *iface, const char *dev)
{
	char obj[PT_PATH_MAX];

	snprintf(obj, sizeof(obj), "/sys/class/net/%s", iface);
	return stacked_beneath(obj, dev, NULL, 0);
}

static bool is_zeros(const char *s)
{
	for (; *s; s++)
		if (*s != '0')
			return false;
	return true;
}

static bool route_uses(const char *dev, char *why, const char *bdf)
{
	char line[LINE_MAX_LEN], iface[64], dst[64], mask[64], f6[8][64];
	bool hit = false;
	FILE *f;

	/* "eth0 00000000 0102A8C0 0003 0 0 0 00000000 ...": Iface Destination ... Mask */
	if ((f = fopen(PROC_ROUTE, "re"))) {
		while (!hit && fgets(line, sizeof(line), f))
			if (sscanf(line, "%63s %63s %*s %*s %*s %*s %*s %63s", iface, dst, mask) == 3 &&
			    is_zeros(dst) && is_zeros(mask) && iface_beneath(iface, dev)) {
				hit = true;
				pt_fail(why, 0, "%s carries the default route (%s)", bdf, iface);
			}
		fclose(f);
	}
	/* dest prefixlen src srcprefix next metric refcnt use flags iface */
	if (!hit && (f = fopen(PROC_ROUTE6, "re"))) {
		while (!hit && fgets(line, sizeof(line), f))
			if (sscanf(line, "%63s %7s %*s %*s %*s %*s %*s %*s %*s %63s", f6[0], f6[1],
				   iface) == 3 && is_zeros(f6[0]) && is_zeros(f6[1]) &&
			    strcmp(iface, "lo") && iface_beneath(iface, dev)) {
				hit = true;
				pt_fail(why, 0, "%s carries the IPv6 default route (%s)", bdf, iface);
			}
		fclose(f);
	}
	return hit;
}

bool pt_in_use(const char *bdf, char *why)
{
	char link[PT_PATH_MAX], dev[PATH_MAX];

	pt_dev_path(link, bdf, "");
	if (!realpath(link, dev))
		return false;
	return mount_uses(dev, why, bdf) || swap_uses(dev, why, bdf) || route_uses(dev, why, bdf);
}

/*
 * Drivers that set driver_managed_dma (or that VFIO allowed before 5.19,
 * vfio_dev_driver_allowed()): a group member bound to one of them does
 * not keep the group from being assigned.
 */
bool pt_driver_shares_group(const char *driver)
{
	static const char *const ok[] = { "", PT_VFIO_DRIVER, "pci-stub", "pcieport", NULL };
	size_t i;

	for (i = 0; ok[i]; i++)
		if (!strcmp(driver, ok[i]))
			return true;
	return false;
}
