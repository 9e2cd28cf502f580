/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one interface through which probes read a machine. Like libpci's
 * access methods, a backend is a small table of functions; a probe never
 * knows which one it talks to.
 *
 *   live      the running system, rooted at "/"
 *   snapshot  a directory captured by `vtdcert capture`, laid out like "/"
 *
 * Paths are relative to the machine root ("sys/firmware/acpi/tables/DMAR").
 * Every function returns 0, or a negative errno and a message in
 * vt_platform_error() naming the path and what went wrong.
 */
#ifndef VTDCERT_PLATFORM_H
#define VTDCERT_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vt_platform;

struct vt_blob {
	uint8_t *data;
	size_t len;
};

struct vt_names {
	char **v;
	size_t n;
};

struct vt_platform_methods {
	const char *name;
	int (*init)(struct vt_platform *p);
	void (*cleanup)(struct vt_platform *p);
	int (*read_file)(struct vt_platform *p, const char *rel, size_t max,
			 struct vt_blob *out);
	int (*list_dir)(struct vt_platform *p, const char *rel,
			struct vt_names *out);
	int (*read_link)(struct vt_platform *p, const char *rel, char *buf,
			 size_t size);
	int (*kernel_log)(struct vt_platform *p, struct vt_blob *out);
	/* Read-only MMIO (live only: /dev/mem, needs iomem=relaxed). */
	int (*mmio_read64)(struct vt_platform *p, uint64_t addr, uint64_t *val);
};

struct vt_platform {
	const struct vt_platform_methods *m;
	char *root;                 /* "/" or the snapshot directory, with '/' */
	char *pci_dump;             /* lspci -xxxx file for libpci's dump method */
	char err[512];
};

extern const struct vt_platform_methods vt_platform_live;
extern const struct vt_platform_methods vt_platform_snapshot;

/* Open the live system (root NULL) or the snapshot at @root. */
struct vt_platform *vt_platform_open(const char *root, char *err, size_t errlen);
void vt_platform_close(struct vt_platform *p);
bool vt_platform_is_live(const struct vt_platform *p);
const char *vt_platform_error(const struct vt_platform *p);

int vt_read_file(struct vt_platform *p, const char *rel, size_t max,
		 struct vt_blob *out);
/* A small text file, trailing whitespace cut: a sysfs attribute. */
int vt_read_attr(struct vt_platform *p, const char *rel, char *buf, size_t size);
int vt_read_attr_u64(struct vt_platform *p, const char *rel, uint64_t *val);
int vt_list_dir(struct vt_platform *p, const char *rel, struct vt_names *out);
int vt_read_link(struct vt_platform *p, const char *rel, char *buf, size_t size);
int vt_kernel_log(struct vt_platform *p, struct vt_blob *out);
int vt_mmio_read64(struct vt_platform *p, uint64_t addr, uint64_t *val);
bool vt_exists(struct vt_platform *p, const char *rel);
/* Absolute path of @rel under the platform root; caller frees. */
char *vt_platform_path(const struct vt_platform *p, const char *rel);

/*
 * Read a whole file named on the command line (not under a platform root),
 * refusing more than @max bytes. 0, or -1 with @err saying why.
 */
int vt_read_path(const char *path, size_t max, uint8_t **buf, size_t *len,
		 char *err, size_t errlen);

void vt_blob_free(struct vt_blob *b);
void vt_names_free(struct vt_names *n);

/* Shared by the backends: plain file access under p->root (platform/fs.c). */
int vt_fs_read_file(struct vt_platform *p, const char *rel, size_t max,
		    struct vt_blob *out);
int vt_fs_list_dir(struct vt_platform *p, const char *rel, struct vt_names *out);
int vt_fs_read_link(struct vt_platform *p, const char *rel, char *buf, size_t size);
int vt_platform_fail(struct vt_platform *p, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
