// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * File access under the platform root, shared by both backends: a snapshot
 * is laid out like "/", so the only difference is the prefix.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform.h"
#include "../results/xalloc.h"

#define READ_CHUNK 4096

int vt_fs_read_file(struct vt_platform *p, const char *rel, size_t max,
		    struct vt_blob *out)
{
	char *path = vt_platform_path(p, rel);
	size_t cap = READ_CHUNK, len = 0;
	uint8_t *buf;
	ssize_t n;
	int fd, err;

	out->data = NULL;
	out->len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		vt_platform_fail(p, err, "%s: %s", path, strerror(err));
		free(path);
		return -err;
	}
	/* sysfs files report size 4096 whatever they hold: read to EOF. */
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			vt_platform_fail(p, err, "%s: read at offset %zu: %s",
					 path, len, strerror(err));
			close(fd);
			free(buf);
			free(path);
			return -err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (max && len >= max) {
			len = max;
			break;
		}
	}
	close(fd);
	free(path);
	out->data = buf;
	out->len = len;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int vt_fs_list_dir(struct vt_platform *p, const char *rel, struct vt_names *out)
{
	char *path = vt_platform_path(p, rel);
	struct dirent *de;
	DIR *d;
	int err;

	out->v = NULL;
	out->n = 0;
	d = opendir(path);
	if (!d) {
		err = errno;
		vt_platform_fail(p, err, "%s: %s", path, strerror(err));
		free(path);
		return -err;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
		out->v[out->n++] = xstrdup(de->d_name);
	}
	closedir(d);
	free(path);
	/* Sorted, so results do not depend on directory order. */
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_names);
	return 0;
}

int vt_fs_read_link(struct vt_platform *p, const char *rel, char *buf, size_t size)
{
	char *path = vt_platform_path(p, rel);
	ssize_t n = readlink(path, buf, size - 1);
	int err;

	if (n < 0) {
		err = errno;
		vt_platform_fail(p, err, "%s: %s", path, strerror(err));
		free(path);
		return -err;
	}
	buf[n] = '\0';
	free(path);
	return 0;
}

int vt_read_path(const char *path, size_t max, uint8_t **buf, size_t *len,
		 char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = READ_CHUNK, n = 0;
	uint8_t *b;
	ssize_t got;

	if (fd < 0) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return -1;
	}
	b = xmalloc(cap);
	for (;;) {
		got = read(fd, b + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += (size_t)got;
		if (n > max) {
			snprintf(err, errlen, "larger than %zu bytes: not an ACPI table", max);
			close(fd);
			free(b);
			return -1;
		}
		if (n == cap)
			b = xrealloc(b, cap *= 2);
	}
	if (got < 0) {
		snprintf(err, errlen, "read error at offset %zu: %s", n, strerror(errno));
		close(fd);
		free(b);
		return -1;
	}
	close(fd);
	*buf = b;
	*len = n;
	return 0;
}
