// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysfs for the passthrough: one-line reads, link names, and writes made
 * with open/write/close only, so that the journal can use them from a
 * signal handler.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pt_internal.h"

int pt_fail(char *why, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, PT_WHY_SIZE, fmt, ap);
	va_end(ap);
	return rc;
}

int pt_sysfs_write(const char *path, const char *value)
{
	size_t len = strlen(value);
	ssize_t n;
	int fd, rc = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	n = write(fd, value, len);
	if (n < 0)
		rc = -errno;
	else if ((size_t)n != len)
		rc = -EIO;
	if (close(fd) < 0 && !rc)
		rc = -errno;
	return rc;
}

int pt_sysfs_read(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	buf[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

int pt_sysfs_link_name(const char *path, char *buf, size_t size)
{
	char target[PT_PATH_MAX];
	const char *slash;
	ssize_t n;

	buf[0] = '\0';
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return errno == ENOENT ? 0 : -errno;
	target[n] = '\0';
	slash = strrchr(target, '/');
	snprintf(buf, size, "%s", slash ? slash + 1 : target);
	return 0;
}

void pt_dev_path(char *buf, const char *bdf, const char *attr)
{
	snprintf(buf, PT_PATH_MAX, PT_SYSFS_PCI_DEVICES "/%s/%s", bdf, attr);
}
