// SPDX-License-Identifier: GPL-2.0-or-later
/* Backend selection and the calls every probe uses. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "platform.h"
#include "../results/xalloc.h"

struct vt_platform *vt_platform_open(const char *root, char *err, size_t errlen)
{
	struct vt_platform *p = xcalloc(1, sizeof(*p));
	struct stat st;
	size_t n;

	if (!root) {
		p->m = &vt_platform_live;
		p->root = xstrdup("/");
	} else {
		if (stat(root, &st) || !S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "%s: %s", root,
				 errno ? strerror(errno) : "not a directory");
			free(p);
			return NULL;
		}
		p->m = &vt_platform_snapshot;
		n = strlen(root);
		p->root = xasprintf("%s%s", root, n && root[n - 1] == '/' ? "" : "/");
	}
	if (p->m->init && p->m->init(p)) {
		snprintf(err, errlen, "%s", p->err);
		vt_platform_close(p);
		return NULL;
	}
	return p;
}

void vt_platform_close(struct vt_platform *p)
{
	if (!p)
		return;
	if (p->m->cleanup)
		p->m->cleanup(p);
	free(p->root);
	free(p->pci_dump);
	free(p);
}

bool vt_platform_is_live(const struct vt_platform *p)
{
	return p->m == &vt_platform_live;
}

const char *vt_platform_error(const struct vt_platform *p)
{
	return p->err;
}

int vt_platform_fail(struct vt_platform *p, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err, sizeof(p->err), fmt, ap);
	va_end(ap);
	return -err;
}

char *vt_platform_path(const struct vt_platform *p, const char *rel)
{
	while (*rel == '/')
		rel++;
	return xasprintf("%s%s", p->root, rel);
}

int vt_read_file(struct vt_platform *p, const char *rel, size_t max,
		 struct vt_blob *out)
{
	return p->m->read_file(p, rel, max, out);
}

int vt_read_attr(struct vt_platform *p, const char *rel, char *buf, size_t size)
{
	struct vt_blob b;
	size_t n;
	int rc;

	rc = vt_read_file(p, rel, size - 1, &b);
	if (rc)
		return rc;
	n = b.len;
	while (n && (b.data[n - 1] == '\n' || b.data[n - 1] == ' ' ||
		     b.data[n - 1] == '\0'))
		n--;
	memcpy(buf, b.data, n);
	buf[n] = '\0';
	vt_blob_free(&b);
	return 0;
}

int vt_read_attr_u64(struct vt_platform *p, const char *rel, uint64_t *val)
{
	char buf[64], *end;
	int rc = vt_read_attr(p, rel, buf, sizeof(buf));

	if (rc)
		return rc;
	errno = 0;
	/* sysfs prints these as hex with or without 0x (intel-iommu cap). */
	*val = strtoull(buf, &end, 16);
	if (errno || end == buf || *end)
		return vt_platform_fail(p, EINVAL, "%s%s: '%s' is not a hex number",
					p->root, rel, buf);
	return 0;
}

int vt_list_dir(struct vt_platform *p, const char *rel, struct vt_names *out)
{
	return p->m->list_dir(p, rel, out);
}

int vt_read_link(struct vt_platform *p, const char *rel, char *buf, size_t size)
{
	return p->m->read_link(p, rel, buf, size);
}

int vt_kernel_log(struct vt_platform *p, struct vt_blob *out)
{
	return p->m->kernel_log(p, out);
}

int vt_mmio_read64(struct vt_platform *p, uint64_t addr, uint64_t *val)
{
	if (!p->m->mmio_read64)
		return vt_platform_fail(p, ENOTSUP,
			"MMIO at 0x%llx: a %s source has no registers to read",
			(unsigned long long)addr, p->m->name);
	return p->m->mmio_read64(p, addr, val);
}

bool vt_exists(struct vt_platform *p, const char *rel)
{
	char *path = vt_platform_path(p, rel);
	struct stat st;
	bool ok = lstat(path, &st) == 0;

	free(path);
	return ok;
}

void vt_blob_free(struct vt_blob *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

void vt_names_free(struct vt_names *n)
{
	size_t i;

	for (i = 0; i < n->n; i++)
		free(n->v[i]);
	free(n->v);
	n->v = NULL;
	n->n = 0;
}
