// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reading calls every probe uses, on top of a backend's open(): only
 * regular files are read (a FIFO would block forever, a device has no end),
 * never more than the caller's cap, and every failure is one line naming
 * the machine path.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform.h"
#include "snapshot_layout.h"
#include "../util/xalloc.h"

#define READ_CHUNK 4096

static const char *file_kind(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" :
	       S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device" :
	       S_ISSOCK(m) ? "a socket" : S_ISLNK(m) ? "a symbolic link" : "not a file";
}

int vt_read_fd(int fd, const char *name, size_t max, struct vt_blob *out,
	       char *err, size_t errlen)
{
	size_t cap = READ_CHUNK, len = 0;
	struct stat st;
	uint8_t *buf;
	ssize_t n;

	out->data = NULL;
	out->len = 0;
	if (fstat(fd, &st)) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		return -errno;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: %s, not a regular file: not read", name,
			 file_kind(st.st_mode));
		return -EINVAL;
	}
	/*
	 * A size above the cap is refused unread. Below it proves nothing:
	 * procfs says 0 and sysfs 4096 whatever they hold, so read to EOF,
	 * never buffering more than one byte past the cap.
	 */
	if (st.st_size > 0 && (uint64_t)st.st_size > max)
		goto too_big;
	buf = xmalloc(cap + 1);
	for (;;) {
		if (len == cap) {
			if (cap > max)
				break;
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			snprintf(err, errlen, "%s: read at offset %zu: %s", name, len,
				 strerror(e));
			free(buf);
			return -e;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max)
			break;
	}
	if (len > max) {
		free(buf);
		goto too_big;
	}
	buf[len] = '\0';
	out->data = buf;
	out->len = len;
	return 0;
too_big:
	snprintf(err, errlen, "%s: larger than %zu bytes, the most vtdcert reads of it: "
		 "not read", name, max);
	return -EFBIG;
}

/* A missing path means what the source says it means (ENOENT or ENODATA). */
static int not_there(struct vt_platform *p, const char *rel, int rc)
{
	if (rc == -ENOENT && p->m->missing)
		return p->m->missing(p, rel);
	return rc;
}

/* Tell the recorder, if any, how a read of @rel ended: 0 or the error. */
static int told(struct vt_platform *p, const char *rel, int rc)
{
	if (rc && vt_platform_recording(p))
		p->rec->failed(p->rec->arg, rel, 0, rc, p->err);
	return rc;
}

static int read_file(struct vt_platform *p, const char *rel, size_t max,
		     struct vt_blob *out)
{
	char name[512];
	int fd, rc;

	out->data = NULL;
	out->len = 0;
	fd = p->m->open(p, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return not_there(p, rel, fd);
	snprintf(name, sizeof(name), "/%s", rel);
	rc = vt_read_fd(fd, name, max, out, p->err, sizeof(p->err));
	close(fd);
	return rc;
}

int vt_read_file(struct vt_platform *p, const char *rel, size_t max,
		 struct vt_blob *out)
{
	int rc = read_file(p, rel, max, out);

	if (!rc && vt_platform_recording(p))
		p->rec->file(p->rec->arg, rel, out);
	return told(p, rel, rc);
}

int vt_read_attr(struct vt_platform *p, const char *rel, char *buf, size_t size)
{
	struct vt_blob b;
	size_t n;
	int rc;

	rc = vt_read_file(p, rel, VT_MAX_ATTR, &b);
	if (rc)
		return rc;
	n = b.len;
	while (n && (b.data[n - 1] == '\n' || b.data[n - 1] == ' ' ||
		     b.data[n - 1] == '\0'))
		n--;
	if (n >= size) {
		vt_blob_free(&b);
		return vt_platform_fail(p, EFBIG, "/%s: %zu bytes, more than the %zu "
					"this attribute may hold", rel, n, size - 1);
	}
	memcpy(buf, b.data, n);
	buf[n] = '\0';
	vt_blob_free(&b);
	return 0;
}

int vt_read_attr_u64(struct vt_platform *p, const char *rel, int base, uint64_t *val)
{
	char buf[64], *end;
	int rc = vt_read_attr(p, rel, buf, sizeof(buf));

	if (rc)
		return rc;
	errno = 0;
	*val = strtoull(buf, &end, base);
	if (errno || end == buf || *end || buf[0] == '-')
		return vt_platform_fail(p, EINVAL, "/%s: \"%s\" is not a %s number", rel,
					buf, base == 16 ? "hex" : "decimal");
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(struct vt_platform *p, const char *rel, struct vt_names *out)
{
	struct dirent *de;
	DIR *d;
	int fd;

	out->v = NULL;
	out->n = 0;
	fd = p->m->open(p, rel, O_RDONLY | O_DIRECTORY);
	if (fd == -ENOENT && p->m->empty_dir && p->m->empty_dir(p, rel))
		return 0;
	if (fd < 0)
		return not_there(p, rel, fd);
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return vt_platform_fail(p, errno, "/%s: %s", rel, strerror(errno));
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (out->n == VT_MAX_DIR_ENTRIES) {
			closedir(d);
			vt_names_free(out);
			return vt_platform_fail(p, EFBIG, "/%s: more than %u entries: not "
						"read", rel, VT_MAX_DIR_ENTRIES);
		}
		out->v = xgrow(out->v, out->n, sizeof(*out->v));
		out->v[out->n++] = xstrdup(de->d_name);
	}
	closedir(d);
	/* Sorted, so results do not depend on directory order. */
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_names);
	return 0;
}

int vt_list_dir(struct vt_platform *p, const char *rel, struct vt_names *out)
{
	int rc = list_dir(p, rel, out);

	if (!rc && vt_platform_recording(p))
		p->rec->dir(p->rec->arg, rel);
	return told(p, rel, rc);
}

static int read_link(struct vt_platform *p, const char *rel, char *buf, size_t size)
{
	int fd = p->m->open(p, rel, O_PATH | O_NOFOLLOW);
	ssize_t n;

	if (fd < 0)
		return not_there(p, rel, fd);
	n = readlinkat(fd, "", buf, size - 1);
	if (n < 0) {
		/* readlinkat(fd, "") on something else says ENOENT: not "absent". */
		int e = errno == ENOENT ? EINVAL : errno;

		close(fd);
		return vt_platform_fail(p, e, "/%s: %s", rel,
					e == EINVAL ? "not a symbolic link" : strerror(e));
	}
	close(fd);
	if ((size_t)n == size - 1)
		return vt_platform_fail(p, ENAMETOOLONG, "/%s: link target too long", rel);
	buf[n] = '\0';
	return 0;
}

int vt_read_link(struct vt_platform *p, const char *rel, char *buf, size_t size)
{
	int rc = read_link(p, rel, buf, size);

	if (!rc && vt_platform_recording(p))
		p->rec->link(p->rec->arg, rel, buf);
	return told(p, rel, rc);
}

int vt_read_link_name(struct vt_platform *p, const char *rel, char *buf, size_t size)
{
	char target[1024], *last;
	int rc = vt_read_link(p, rel, target, sizeof(target));

	if (rc)
		return rc;
	last = strrchr(target, '/');
	last = last ? last + 1 : target;
	if (!*last || strlen(last) >= size)
		return vt_platform_fail(p, EINVAL, "/%s: link target \"%s\" names nothing "
					"usable", rel, target);
	memcpy(buf, last, strlen(last) + 1);
	return 0;
}

bool vt_is_link(struct vt_platform *p, const char *rel)
{
	int fd = p->m->open(p, rel, O_PATH | O_NOFOLLOW);
	struct stat st;
	bool link;

	if (fd < 0)
		return false;
	link = !fstat(fd, &st) && S_ISLNK(st.st_mode);
	close(fd);
	return link;
}

bool vt_exists(struct vt_platform *p, const char *rel)
{
	int fd = p->m->open(p, rel, O_PATH | O_NOFOLLOW);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

int vt_read_path(const char *path, size_t max, struct vt_blob *out,
		 char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	int rc;

	out->data = NULL;
	out->len = 0;
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = vt_read_fd(fd, path, max, out, err, errlen);
	close(fd);
	return rc ? -1 : 0;
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
