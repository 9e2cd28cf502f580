/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one interface through which vtdcert reads a machine. Like libpci's
 * access methods, a backend is a small table of functions; nothing above
 * this layer knows which one it talks to.
 *
 *   live      the running system, rooted at "/"
 *   snapshot  a directory captured by `vtdcert capture`, laid out like "/",
 *             from anyone: nothing read through it leaves its root, only
 *             regular files are read, and every read has a size cap
 *
 * Paths are relative to the machine root ("sys/firmware/acpi/tables/DMAR").
 *
 * Errors (the convention of every layer above, docs/ARCHITECTURE.md): a
 * function returns 0 or a negative errno, and vt_platform_error() holds one
 * line naming the machine path ("/proc/cmdline") and what went wrong.
 *   -ENOENT   the machine does not have it (live; or a snapshot whose
 *             manifest says the captured machine did not)
 *   -ENODATA  a snapshot does not have it, and nothing says the machine
 *             lacked it: unknown, never to be read as "absent"
 *   -EXDEV    a symbolic link in a snapshot points outside it: not followed
 *   -EFBIG    larger than the cap the caller gave
 *   -EINVAL   not a regular file (a FIFO, a device, a directory)
 *   -EROFS    a write to a source that cannot be written (a snapshot)
 *   anything else: the system's own error for that path
 */
#ifndef VTDCERT_PLATFORM_H
#define VTDCERT_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct vt_platform;
struct vt_manifest;

struct vt_blob {
	uint8_t *data;              /* NUL-terminated for text convenience */
	size_t len;
};

struct vt_names {
	char **v;
	size_t n;
};

struct vt_platform_methods {
	const char *name;           /* "live", "snapshot" */
	int (*init)(struct vt_platform *p);
	void (*cleanup)(struct vt_platform *p);
	/*
	 * Open @rel with open(2) @flags (O_NOFOLLOW: do not follow the last
	 * component). Returns a file descriptor, or a negative errno with
	 * the reason set.
	 */
	int (*open)(struct vt_platform *p, const char *rel, int flags);
	/* What "not there" means for @rel on this source: -ENOENT or -ENODATA. */
	int (*missing)(struct vt_platform *p, const char *rel);
	/* Whether @rel, not there, was an empty directory on the source; NULL: never. */
	bool (*empty_dir)(struct vt_platform *p, const char *rel);
	int (*kernel_log)(struct vt_platform *p, size_t max, struct vt_blob *out);
	/* Read-only MMIO of @width bytes (4 or 8): live through /dev/mem, snapshot from mmio.txt. */
	int (*mmio_read)(struct vt_platform *p, uint64_t addr, unsigned width, uint64_t *val);
	/* Where there is no sysfs PCI tree, the `lspci -xxxx` dump to read; NULL: none. */
	const char *pci_dump;
	/* Write a sysfs attribute; NULL where the source is read-only. */
	int (*write_attr)(struct vt_platform *p, const char *rel, const char *value);
	/* Write config space of function @bdf ("0000:01:00.0"); NULL where read-only. */
	int (*config_write)(struct vt_platform *p, const char *bdf, unsigned off,
			    const void *data, size_t len);
	/* Whether the run has root privileges; NULL: it has not. */
	bool (*privileged)(struct vt_platform *p);
	/* Whether @rel can be opened for reading and writing; NULL: never. */
	bool (*usable)(struct vt_platform *p, const char *rel);
};

/*
 * What a recording platform tells its recorder (`vtdcert capture`): every
 * read that the layers above make through vt_read_file, vt_list_dir,
 * vt_read_link, vt_kernel_log and vt_mmio_read, with what it gave, or
 * why it gave nothing (@rc, and the error line). Reads a backend makes for
 * itself (a snapshot's own dmesg.txt, mmio.txt) are not told.
 */
struct vt_recorder {
	void *arg;
	void (*file)(void *arg, const char *rel, const struct vt_blob *b);
	void (*dir)(void *arg, const char *rel);
	void (*link)(void *arg, const char *rel, const char *target);
	void (*kernel_log)(void *arg, const struct vt_blob *b);
	void (*mmio)(void *arg, uint64_t addr, uint64_t val);
	/* @rel is NULL for the kernel log (@addr 0) and a register (at @addr). */
	void (*failed)(void *arg, const char *rel, uint64_t addr, int rc, const char *why);
};

struct vt_platform {
	const struct vt_platform_methods *m;
	char *root;                 /* "/" or the snapshot directory, with '/' */
	int root_fd;                /* O_PATH descriptor of root */
	struct vt_manifest *manifest; /* snapshot's manifest.txt, or NULL */
	void *priv;                 /* the backend's own state */
	const struct vt_recorder *rec;  /* told of every read, or NULL */
	unsigned rec_paused;        /* a backend reading for itself */
	char err[512];
};

extern const struct vt_platform_methods vt_platform_live;
extern const struct vt_platform_methods vt_platform_snapshot;

/* Tell @r of every read from now on (NULL: stop). */
void vt_platform_record(struct vt_platform *p, const struct vt_recorder *r);
/* For backends: whether a read is to be told, and keeping their own reads untold. */
bool vt_platform_recording(const struct vt_platform *p);
void vt_platform_pause_recording(struct vt_platform *p);
void vt_platform_resume_recording(struct vt_platform *p);

/* Open the live system (root NULL) or the snapshot at @root. */
struct vt_platform *vt_platform_open(const char *root, char *err, size_t errlen);
void vt_platform_close(struct vt_platform *p);
bool vt_platform_is_live(const struct vt_platform *p);
/* Root on the live system (a snapshot grants no privilege). */
bool vt_platform_privileged(struct vt_platform *p);
/* Whether the device or file @rel could be opened read-write (live only). */
bool vt_platform_usable(struct vt_platform *p, const char *rel);
const char *vt_platform_error(const struct vt_platform *p);
/* Set the error line; returns -@err for `return vt_platform_fail(...)`. */
int vt_platform_fail(struct vt_platform *p, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Read the regular file @rel whole. @max is the cap: a larger file is
 * -EFBIG, never cut short. The data is NUL-terminated (not counted).
 */
int vt_read_file(struct vt_platform *p, const char *rel, size_t max,
		 struct vt_blob *out);
/* A sysfs attribute (at most VT_MAX_ATTR bytes), trailing whitespace cut. */
int vt_read_attr(struct vt_platform *p, const char *rel, char *buf, size_t size);
/* An attribute holding one number: hex with or without 0x, or decimal. */
int vt_read_attr_u64(struct vt_platform *p, const char *rel, int base, uint64_t *val);
/* Names in directory @rel, sorted; "." and ".." left out. */
int vt_list_dir(struct vt_platform *p, const char *rel, struct vt_names *out);
/* The target of symbolic link @rel (never followed). */
int vt_read_link(struct vt_platform *p, const char *rel, char *buf, size_t size);
/* The last component of link @rel's target: a driver's or group's name. */
int vt_read_link_name(struct vt_platform *p, const char *rel, char *buf, size_t size);
/* Whether @rel is a symbolic link (not followed). */
bool vt_is_link(struct vt_platform *p, const char *rel);
/* Whether @rel exists (a link counts, whatever it points at). */
bool vt_exists(struct vt_platform *p, const char *rel);
int vt_kernel_log(struct vt_platform *p, size_t max, struct vt_blob *out);
/* A register of @width bytes (4 or 8) at @addr, read as one aligned access (VT-d §10.2). */
int vt_mmio_read(struct vt_platform *p, uint64_t addr, unsigned width, uint64_t *val);
/*
 * The write path, for --active checks only: a sysfs attribute, or bytes of
 * a function's config space. Live only; -EROFS from a snapshot.
 */
int vt_write_attr(struct vt_platform *p, const char *rel, const char *value);
int vt_config_write(struct vt_platform *p, const char *bdf, unsigned off,
		    const void *data, size_t len);

/*
 * Read a whole regular file named on the command line (not under a
 * platform root), at most @max bytes: the same caps and the same error
 * text as vt_read_file. 0, or -1 with @err saying why.
 */
int vt_read_path(const char *path, size_t max, struct vt_blob *out,
		 char *err, size_t errlen);

/* Why a snapshot's manifest.txt could not be read, or NULL. */
const char *vt_snapshot_manifest_error(const struct vt_platform *p);

void vt_blob_free(struct vt_blob *b);
void vt_names_free(struct vt_names *n);

/* ---- shared by the backends (platform/read.c, platform/resolve.c) ---- */

/*
 * Read the open descriptor @fd whole into @out, refusing more than @max
 * bytes and anything but a regular file. 0, or a negative errno with one
 * line in @err naming @name.
 */
int vt_read_fd(int fd, const char *name, size_t max, struct vt_blob *out,
	       char *err, size_t errlen);
/*
 * Open @rel under the directory @root_fd as openat2(RESOLVE_BENEATH |
 * RESOLVE_NO_MAGICLINKS) would: symbolic links are followed only while
 * they stay below the root. Where openat2 is missing, a walk that opens
 * one component at a time without following links does the same.
 */
int vt_open_beneath(struct vt_platform *p, const char *rel, int flags);
/* Tests: use the user-space walk only (true), or openat2 where it works. */
void vt_open_beneath_force_walk(bool walk);

#endif
