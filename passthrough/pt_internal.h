/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The passthrough library's own parts: sysfs, the journal, refusals, VFIO. */
#ifndef VTDCERT_PASSTHROUGH_INTERNAL_H
#define VTDCERT_PASSTHROUGH_INTERNAL_H

#include <stdarg.h>

#include "passthrough.h"

#define PT_SYSFS_PCI_DEVICES   "/sys/bus/pci/devices"
#define PT_SYSFS_PCI_DRIVERS   "/sys/bus/pci/drivers"
#define PT_SYSFS_DRIVERS_PROBE "/sys/bus/pci/drivers_probe"
#define PT_VFIO_DRIVER         "vfio-pci"
#define PT_PATH_MAX            256
#define PT_BDF_MAX             16
#define PT_MAX_BARS            6
#define PT_MAX_DEVICES         32       /* assigned at once in one session */

/* ---- sysfs.c: small reads, and writes safe in a signal handler ---- */

/* Write @value to @path in one write(2); async-signal-safe. 0 or -errno. */
int pt_sysfs_write(const char *path, const char *value);
/* Read a one-line attribute into @buf, newline cut; 0 or -errno. */
int pt_sysfs_read(const char *path, char *buf, size_t size);
/* The last component of the link @path points to ("vfio-pci"); "" when no link. */
int pt_sysfs_link_name(const char *path, char *buf, size_t size);
/* /sys/bus/pci/devices/@bdf/@attr into @buf. */
void pt_dev_path(char *buf, const char *bdf, const char *attr);

/* ---- journal.c: what was changed, and how to undo it ---- */

struct pt_mapping {
	void *addr;
	size_t len;
};

/*
 * One function vtdcert changed. Fixed-size and preformatted, so that a
 * signal handler can undo it with open/write/close/munmap alone.
 */
struct pt_journal_entry {
	volatile int used;
	char bdf[PT_BDF_MAX];
	struct pt_state found;
	bool bound;                 /* we bound vfio-pci to it */
	int fd[3];                  /* device, group, container: -1 when closed */
	struct pt_mapping bar[PT_MAX_BARS];
	/* Paths the undo writes, made when the entry is added. */
	char override_path[PT_PATH_MAX];    /* .../devices/BDF/driver_override */
	char driver_link[PT_PATH_MAX];      /* .../devices/BDF/driver */
	char rebind_path[PT_PATH_MAX];      /* .../drivers/FOUND/bind, "" when none */
	char override_value[80];            /* found override + "\n", or "\n" to clear */
};

enum { PT_FD_DEVICE, PT_FD_GROUP, PT_FD_CONTAINER };

/* Install the signal handlers and the exit hook (once per session). */
void pt_journal_arm(void);
void pt_journal_disarm(void);
/* A free entry for @bdf with what was found, or NULL when full. */
struct pt_journal_entry *pt_journal_add(const char *bdf, const struct pt_state *found);
/*
 * Undo @e: unmap, close, unbind vfio-pci, put the override and the driver
 * back. Async-signal-safe; returns 0 or the first -errno.
 */
int pt_journal_undo(struct pt_journal_entry *e);
void pt_journal_drop(struct pt_journal_entry *e);
/* Block the handled signals around changes to an entry. */
void pt_journal_lock(void);
void pt_journal_unlock(void);

/* ---- in_use.c: what must not be taken ---- */

/*
 * Why @bdf must not be taken from the host (it backs a mounted
 * filesystem, swap, the root filesystem or the default route), into
 * @why; false when nothing is known to use it.
 */
bool pt_in_use(const char *bdf, char *why);
/* Drivers a group member may keep while the group is assigned (driver_managed_dma). */
bool pt_driver_shares_group(const char *driver);

/* ---- vfio.c: an IOMMU backend as a small table of operations ---- */

struct pt_iommu_ops {
	const char *name;           /* "type1" */
	/* Open @group (its number) into a container; fds into @e. */
	int (*attach)(struct pt_journal_entry *e, long group, char *why);
	int (*map)(struct pt_journal_entry *e, void *vaddr, uint64_t iova, uint64_t size,
		   unsigned perm, char *why);
	int (*unmap)(struct pt_journal_entry *e, uint64_t iova, uint64_t size, char *why);
	/* The device fd for @e->bdf. */
	int (*open_device)(struct pt_journal_entry *e, char *why);
};

extern const struct pt_iommu_ops pt_iommu_type1;

#endif
