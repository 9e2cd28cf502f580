// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Assigning a function and giving it back: the session, the refusals, the
 * driver_override dance (Documentation/ABI/testing/sysfs-bus-pci,
 * driver_override; what driverctl and libvirt's virPCIDeviceBindToStub()
 * do), and reset.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "pt_device.h"

#define PT_SYSFS_GROUPS "/sys/kernel/iommu_groups"

/* "0000:02:00.0" exactly: the name goes into paths and sysfs writes. */
static bool bdf_valid(const char *bdf)
{
	static const char shape[] = "xxxx:xx:xx.x";
	size_t i;

	if (strlen(bdf) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'x' ? !isxdigit((unsigned char)bdf[i]) : bdf[i] != shape[i])
			return false;
	return bdf[11] >= '0' && bdf[11] <= '7';
}

int pt_session_open(struct pt_session **out, const struct pt_policy *pol, char *why)
{
	struct pt_session *s = calloc(1, sizeof(*s));

	if (!s)
		return pt_fail(why, -ENOMEM, "out of memory");
	if (pol)
		s->pol = *pol;
	s->ops = &pt_iommu_type1;
	pt_journal_arm();
	*out = s;
	return 0;
}

static bool taken(const struct pt_session *s, const char *bdf)
{
	size_t i;

	for (i = 0; i < s->pol.ntake; i++)
		if (!strcasecmp(s->pol.take[i], bdf))
			return true;
	return false;
}

static int read_state(const char *bdf, struct pt_state *st)
{
	char path[PT_PATH_MAX];
	int rc;

	pt_dev_path(path, bdf, "driver");
	rc = pt_sysfs_link_name(path, st->driver, sizeof(st->driver));
	if (rc)
		return rc;
	pt_dev_path(path, bdf, "driver_override");
	rc = pt_sysfs_read(path, st->override, sizeof(st->override));
	/* "(null)" is how the kernel shows no override. */
	if (!rc && !strcmp(st->override, "(null)"))
		st->override[0] = '\0';
	return rc == -ENOENT ? 0 : rc;
}

static long group_of(const char *bdf)
{
	char path[PT_PATH_MAX], name[32], *end;
	long g;

	pt_dev_path(path, bdf, "iommu_group");
	if (pt_sysfs_link_name(path, name, sizeof(name)) || !name[0])
		return -1;
	g = strtol(name, &end, 10);
	return *end || g < 0 ? -1 : g;
}

/* Bind vfio-pci to the function of @e by driver_override. */
static int bind_vfio(struct pt_journal_entry *e, char *why)
{
	char path[PT_PATH_MAX], now[64];
	int rc;

	if (!strcmp(e->found.driver, PT_VFIO_DRIVER))
		return 0;
	rc = pt_sysfs_write(e->override_path, PT_VFIO_DRIVER);
	if (rc)
		return pt_fail(why, rc, "%s: %s", e->override_path, strerror(-rc));
	e->bound = true;
	if (e->found.driver[0]) {
		pt_dev_path(path, e->bdf, "driver/unbind");
		rc = pt_sysfs_write(path, e->bdf);
		if (rc)
			return pt_fail(why, rc, "%s: %s", path, strerror(-rc));
	}
	rc = pt_sysfs_write(PT_SYSFS_DRIVERS_PROBE, e->bdf);
	if (rc)
		return pt_fail(why, rc, PT_SYSFS_DRIVERS_PROBE " %s: %s", e->bdf, strerror(-rc));
	pt_sysfs_link_name(e->driver_link, now, sizeof(now));
	if (strcmp(now, PT_VFIO_DRIVER))
		return pt_fail(why, -ENXIO, "%s: vfio-pci did not bind (now %s; is vfio-pci loaded?)",
			       e->bdf, now[0] ? now : "no driver");
	return 0;
}

/*
 * The other members of group @g: each must be bound to a driver that
 * shares a group with VFIO, or named by --take (then it is bound to
 * vfio-pci too, and given back with the rest).
 */
static int prepare_group(struct pt_session *s, struct pt_device *d, long g, char *why)
{
	char path[PT_PATH_MAX], inuse[PT_WHY_SIZE];
	struct pt_journal_entry *e;
	struct pt_state st;
	struct dirent *de;
	int rc = 0;
	DIR *dir;

	snprintf(path, sizeof(path), PT_SYSFS_GROUPS "/%ld/devices", g);
	dir = opendir(path);
	if (!dir)
		return pt_fail(why, -errno, "%s: %s", path, strerror(errno));
	while (!rc && (de = readdir(dir))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, d->e->bdf) || !bdf_valid(de->d_name))
			continue;
		if (read_state(de->d_name, &st))
			continue;
		if (pt_driver_shares_group(st.driver))
			continue;
		if (!taken(s, de->d_name)) {
			rc = pt_fail(why, -EBUSY, "group %ld also holds %s, bound to %s: VFIO needs "
				     "it released too (--take %s)", g, de->d_name, st.driver,
				     de->d_name);
			break;
		}
		if (d->nmembers == PT_MAX_MEMBERS || !(e = pt_journal_add(de->d_name, &st))) {
			rc = pt_fail(why, -ENOSPC, "group %ld: too many members to take", g);
			break;
		}
		d->member[d->nmembers++] = e;
		rc = bind_vfio(e, why);
		if (!rc && pt_in_use(de->d_name, inuse))
			fprintf(stderr, "vtdcert: taking %s as --take says: %s\n", de->d_name, inuse);
	}
	closedir(dir);
	return rc;
}

static void undo_device(struct pt_device *d)
{
	size_t i;

	pt_journal_lock();
	pt_journal_undo(d->e);
	for (i = d->nmembers; i-- > 0;)
		pt_journal_undo(d->member[i]);
	pt_journal_unlock();
	for (i = 0; i < d->nmembers; i++)
		pt_journal_drop(d->member[i]);
	pt_journal_drop(d->e);
	for (i = 0; i < PT_MAX_VECTORS; i++)
		if (d->efd[i] >= 0)
			close(d->efd[i]);
}

static void list_remove(struct pt_session *s, struct pt_device *d)
{
	struct pt_device **p;

	for (p = &s->devices; *p; p = &(*p)->next)
		if (*p == d) {
			*p = d->next;
			break;
		}
}

int pt_assign(struct pt_session *s, const char *bdf, struct pt_device **out, char *why)
{
	struct vfio_device_info info = { .argsz = sizeof(info) };
	char inuse[PT_WHY_SIZE];
	struct pt_device *d;
	struct pt_state st;
	size_t i;
	long g;
	int rc;

	*out = NULL;
	if (!bdf_valid(bdf))
		return pt_fail(why, -EINVAL, "%s: not a PCI address like 0000:02:00.0", bdf);
	rc = read_state(bdf, &st);
	if (rc)
		return pt_fail(why, rc, "%s: %s", bdf, strerror(-rc));
	g = group_of(bdf);
	if (g < 0)
		return pt_fail(why, -ENODEV, "%s has no IOMMU group: the kernel does not translate "
			       "its DMA (IOMMU off?)", bdf);
	for (d = s->devices; d; d = d->next)
		if (d->group == g)
			return pt_fail(why, -EBUSY, "group %ld is already assigned (%s)", g,
				       d->e->bdf);
	if (pt_in_use(bdf, inuse)) {
		if (!taken(s, bdf))
			return pt_fail(why, -EBUSY, "%s: refused (--take %s to take it anyway)",
				       inuse, bdf);
		fprintf(stderr, "vtdcert: taking %s as --take says: %s\n", bdf, inuse);
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return pt_fail(why, -ENOMEM, "out of memory");
	for (i = 0; i < PT_MAX_VECTORS; i++)
		d->efd[i] = -1;
	d->group = g;
	d->e = pt_journal_add(bdf, &st);
	if (!d->e) {
		free(d);
		return pt_fail(why, -ENOSPC, "too many devices assigned at once");
	}
	d->s = s;
	rc = prepare_group(s, d, g, why);
	if (!rc)
		rc = bind_vfio(d->e, why);
	/*
	 * A descriptor the journal does not hold yet would keep vfio-pci's
	 * remove waiting for ever in a signal's undo: none arrives until each
	 * is written down.
	 */
	pt_journal_lock();
	if (!rc)
		rc = s->ops->attach(d->e, g, why);
	if (!rc)
		rc = s->ops->open_device(d->e, why);
	pt_journal_unlock();
	if (!rc && ioctl(d->e->fd[PT_FD_DEVICE], VFIO_DEVICE_GET_INFO, &info) < 0)
		rc = pt_fail(why, -errno, "%s: VFIO_DEVICE_GET_INFO: %s", bdf, strerror(errno));
	if (rc) {
		undo_device(d);
		free(d);
		return rc;
	}
	d->flags = info.flags;
	d->num_regions = info.num_regions;
	d->num_irqs = info.num_irqs;
	d->next = s->devices;
	s->devices = d;
	*out = d;
	return 0;
}

int pt_release(struct pt_session *s, struct pt_device *d, struct pt_state *found,
	       struct pt_state *now, char *why)
{
	struct pt_state f = d->e->found, n;
	char bdf[PT_BDF_MAX];
	int rc;

	snprintf(bdf, sizeof(bdf), "%s", d->e->bdf);
	list_remove(s, d);
	undo_device(d);
	free(d);
	rc = read_state(bdf, &n);
	if (found)
		*found = f;
	if (now)
		*now = n;
	if (rc)
		return pt_fail(why, rc, "%s: cannot read its state back: %s", bdf, strerror(-rc));
	if (strcmp(f.driver, n.driver) || strcmp(f.override, n.override))
		return pt_fail(why, -EIO, "%s: found on %s (override %s), left on %s (override %s)",
			       bdf, f.driver[0] ? f.driver : "no driver", f.override[0] ? f.override : "none",
			       n.driver[0] ? n.driver : "no driver", n.override[0] ? n.override : "none");
	return 0;
}

int pt_session_close(struct pt_session *s, char *why)
{
	char one[PT_WHY_SIZE];
	int rc = 0;

	if (!s)
		return 0;
	while (s->devices)
		if (pt_release(s, s->devices, NULL, NULL, one) && !rc)
			rc = pt_fail(why, -EIO, "%s", one);
	pt_journal_disarm();
	free(s);
	return rc;
}

const char *pt_device_bdf(const struct pt_device *d)
{
	return d->e->bdf;
}

long pt_device_group(const struct pt_device *d)
{
	return d->group;
}

const struct pt_state *pt_device_found(const struct pt_device *d)
{
	return &d->e->found;
}

bool pt_device_can_reset(const struct pt_device *d)
{
	return d->flags & VFIO_DEVICE_FLAGS_RESET;
}

int pt_reset(struct pt_device *d, char *why)
{
	if (!pt_device_can_reset(d))
		return pt_fail(why, -ENOTTY, "%s: VFIO offers no reset (no FLR, PM or bus reset)",
			       d->e->bdf);
	if (ioctl(d->e->fd[PT_FD_DEVICE], VFIO_DEVICE_RESET) < 0)
		return pt_fail(why, -errno, "%s: VFIO_DEVICE_RESET: %s", d->e->bdf, strerror(errno));
	return 0;
}

int pt_dma_map(struct pt_device *d, void *vaddr, uint64_t iova, uint64_t size,
	       unsigned perm, char *why)
{
	if (!(perm & (PT_DEV_READ | PT_DEV_WRITE)))
		return pt_fail(why, -EINVAL, "a mapping the device can neither read nor write");
	return d->s->ops->map(d->e, vaddr, iova, size, perm, why);
}

int pt_dma_unmap(struct pt_device *d, uint64_t iova, uint64_t size, char *why)
{
	return d->s->ops->unmap(d->e, iova, size, why);
}
