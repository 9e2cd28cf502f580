// SPDX-License-Identifier: GPL-2.0-or-later
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "snapshot_layout.h"
#include "snapshot_writer.h"
#include "../results/version.h"
#include "../util/xalloc.h"

#define MAX_CLEAR_DEPTH 64

/*
 * A directory stream of its own for @fd: a dup() would share the read
 * position, and a second listing would start where the first stopped.
 */
static DIR *list_fd(int fd)
{
	int dfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (dfd < 0)
		return NULL;
	d = fdopendir(dfd);
	if (!d)
		close(dfd);
	return d;
}

/* Remove everything inside @fd, following no link. 0 or -1 (errno). */
static int clear_dir(int fd, int depth)
{
	struct dirent *de;
	int rc = 0;
	DIR *d;

	if (depth > MAX_CLEAR_DEPTH)
		return -1;
	d = list_fd(fd);
	if (!d)
		return -1;
	while (!rc && (de = readdir(d))) {
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW)) {
			rc = -1;
			break;
		}
		if (S_ISDIR(st.st_mode)) {
			int sub = openat(fd, de->d_name, O_RDONLY | O_DIRECTORY |
					 O_NOFOLLOW | O_CLOEXEC);

			rc = sub < 0 ? -1 : clear_dir(sub, depth + 1);
			if (sub >= 0)
				close(sub);
			if (!rc)
				rc = unlinkat(fd, de->d_name, AT_REMOVEDIR);
		} else {
			rc = unlinkat(fd, de->d_name, 0);
		}
	}
	closedir(d);
	return rc;
}

/* The first entry of @fd's directory, or NULL when empty (caller frees). */
static char *first_entry(int fd)
{
	struct dirent *de;
	char *name = NULL;
	DIR *d = list_fd(fd);

	if (!d)
		return NULL;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			name = xstrdup(de->d_name);
			break;
		}
	closedir(d);
	return name;
}

int snap_writer_open(struct snap_writer *w, const char *dir, bool force,
		     char *err, size_t errlen)
{
	struct stat st;
	char *entry;

	memset(w, 0, sizeof(*w));
	w->dir = dir;
	w->manifest.format = VT_MANIFEST_FORMAT;
	if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)) {
		snprintf(err, errlen, "%s: a symbolic link: give the directory itself", dir);
		return -1;
	}
	if (mkdir(dir, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	w->dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (w->dir_fd < 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	entry = first_entry(w->dir_fd);
	if (entry && !force) {
		snprintf(err, errlen, "%s is not empty (it holds \"%s\"): give a new or "
			 "empty directory, or --force to clear it", dir, entry);
		free(entry);
		close(w->dir_fd);
		return -1;
	}
	free(entry);
	if (force && clear_dir(w->dir_fd, 0)) {
		snprintf(err, errlen, "%s: cannot clear: %s", dir, strerror(errno));
		close(w->dir_fd);
		return -1;
	}
	return 0;
}

/*
 * The directory that will hold @rel, created as needed one component at a
 * time, never through a link. A descriptor, or -1.
 */
static int parent_dir(struct snap_writer *w, const char *rel, const char **base)
{
	char comp[256];
	const char *p = rel, *slash;
	int fd = dup(w->dir_fd), next;

	while (fd >= 0 && (slash = strchr(p, '/'))) {
		size_t n = (size_t)(slash - p);

		if (!n || n >= sizeof(comp) || (n == 2 && !strncmp(p, "..", 2))) {
			close(fd);
			errno = EINVAL;
			return -1;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		if (mkdirat(fd, comp, 0755) && errno != EEXIST) {
			close(fd);
			return -1;
		}
		next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(fd);
		fd = next;
		p = slash + 1;
	}
	*base = p;
	return fd;
}

static int write_error(struct snap_writer *w, const char *rel)
{
	fprintf(stderr, "vtdcert capture: %s/%s: %s\n", w->dir, rel, strerror(errno));
	w->write_errors++;
	return -1;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int snap_write_file(struct snap_writer *w, const char *rel, const void *data, size_t len)
{
	const char *base;
	int dir = parent_dir(w, rel, &base), fd, rc;

	if (dir < 0)
		return write_error(w, rel);
	fd = openat(dir, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	close(dir);
	if (fd < 0)
		return write_error(w, rel);
	rc = write_all(fd, data, len);
	if (close(fd))
		rc = -1;
	if (rc)
		return write_error(w, rel);
	if (strcmp(rel, SNAPSHOT_MANIFEST))
		vt_manifest_add(&w->manifest, VT_MF_FILE, rel, NULL, data, len);
	w->files++;
	return 0;
}

int snap_write_link(struct snap_writer *w, const char *rel, const char *target)
{
	const char *base;
	int dir = parent_dir(w, rel, &base), rc;

	if (dir < 0)
		return write_error(w, rel);
	rc = symlinkat(target, dir, base);
	close(dir);
	if (rc)
		return write_error(w, rel);
	vt_manifest_add(&w->manifest, VT_MF_LINK, rel, target, NULL, 0);
	w->links++;
	return 0;
}

void snap_note(struct snap_writer *w, enum vt_manifest_kind kind, const char *rel,
	       const char *why)
{
	vt_manifest_add(&w->manifest, kind, rel, why, NULL, 0);
	if (kind == VT_MF_ABSENT)
		w->absent++;
	else
		w->unreadable++;
}

int snap_writer_close(struct snap_writer *w, const char *source)
{
	char date[32], *text = NULL;
	time_t now = time(NULL);
	size_t len = 0;
	struct tm tm;
	FILE *f;
	int rc = -1;
	size_t i;

	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	w->manifest.version = xstrdup(VTDCERT_VERSION);
	w->manifest.date = xstrdup(date);
	w->manifest.source = xstrdup(source);
	f = open_memstream(&text, &len);
	if (f && !vt_manifest_write(&w->manifest, f) && !fclose(f)) {
		rc = snap_write_file(w, SNAPSHOT_MANIFEST, text, len);
		f = NULL;
	}
	if (f)
		fclose(f);
	free(text);
	for (i = 0; i < w->manifest.n; i++) {
		free(w->manifest.v[i].path);
		free(w->manifest.v[i].text);
	}
	free(w->manifest.v);
	free(w->manifest.version);
	free(w->manifest.date);
	free(w->manifest.source);
	close(w->dir_fd);
	return rc;
}
