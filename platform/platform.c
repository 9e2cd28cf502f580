// SPDX-License-Identifier: GPL-2.0-or-later
/* Backend selection and the calls that only dispatch. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform.h"
#include "../util/xalloc.h"

struct vt_platform *vt_platform_open(const char *root, char *err, size_t errlen)
{
	struct vt_platform *p = xcalloc(1, sizeof(*p));
	size_t n;

	if (!root) {
		p->m = &vt_platform_live;
		p->root = xstrdup("/");
	} else {
		p->m = &vt_platform_snapshot;
		n = strlen(root);
		p->root = xasprintf("%s%s", root, n && root[n - 1] == '/' ? "" : "/");
	}
	p->root_fd = open(p->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (p->root_fd < 0) {
		snprintf(err, errlen, "%s: %s", root ? root : "/",
			 errno == ENOTDIR ? "not a directory" : strerror(errno));
		free(p->root);
		free(p);
		return NULL;
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
	if (p->root_fd >= 0)
		close(p->root_fd);
	free(p->root);
	free(p);
}

bool vt_platform_is_live(const struct vt_platform *p)
{
	return p->m == &vt_platform_live;
}

bool vt_platform_privileged(struct vt_platform *p)
{
	return p->m->privileged && p->m->privileged(p);
}

bool vt_platform_usable(struct vt_platform *p, const char *rel)
{
	return p->m->usable && p->m->usable(p, rel);
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

void vt_platform_record(struct vt_platform *p, const struct vt_recorder *r)
{
	p->rec = r;
}

bool vt_platform_recording(const struct vt_platform *p)
{
	return p->rec && !p->rec_paused;
}

void vt_platform_pause_recording(struct vt_platform *p)
{
	p->rec_paused++;
}

void vt_platform_resume_recording(struct vt_platform *p)
{
	p->rec_paused--;
}

int vt_kernel_log(struct vt_platform *p, size_t max, struct vt_blob *out)
{
	int rc;

	vt_platform_pause_recording(p);
	rc = p->m->kernel_log(p, max, out);
	vt_platform_resume_recording(p);
	if (vt_platform_recording(p)) {
		if (rc)
			p->rec->failed(p->rec->arg, NULL, 0, rc, p->err);
		else
			p->rec->kernel_log(p->rec->arg, out);
	}
	return rc;
}

int vt_mmio_read(struct vt_platform *p, uint64_t addr, unsigned width, uint64_t *val)
{
	int rc;

	if (!p->m->mmio_read)
		return vt_platform_fail(p, ENOTSUP,
			"MMIO at 0x%llx: a %s source has no registers to read",
			(unsigned long long)addr, p->m->name);
	if ((width != 4 && width != 8) || (addr & (width - 1)))
		return vt_platform_fail(p, EINVAL, "MMIO 0x%llx: not an aligned %u-byte "
					"register", (unsigned long long)addr, width);
	vt_platform_pause_recording(p);
	rc = p->m->mmio_read(p, addr, width, val);
	vt_platform_resume_recording(p);
	if (vt_platform_recording(p)) {
		if (rc)
			p->rec->failed(p->rec->arg, NULL, addr, rc, p->err);
		else
			p->rec->mmio(p->rec->arg, addr, *val);
	}
	return rc;
}

int vt_write_attr(struct vt_platform *p, const char *rel, const char *value)
{
	if (!p->m->write_attr)
		return vt_platform_fail(p, EROFS, "/%s: a %s cannot be written", rel,
					p->m->name);
	return p->m->write_attr(p, rel, value);
}

int vt_config_write(struct vt_platform *p, const char *bdf, unsigned off,
		    const void *data, size_t len)
{
	if (!p->m->config_write)
		return vt_platform_fail(p, EROFS, "%s config space: a %s cannot be written",
					bdf, p->m->name);
	return p->m->config_write(p, bdf, off, data, len);
}
