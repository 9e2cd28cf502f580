// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A snapshot is written into a new sibling of DIR and swapped in only when
 * the capture succeeded (see snapshot_writer.h for the rules).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "snapshot_layout.h"
#include "snapshot_owned.h"
#include "snapshot_writer.h"
#include "../results/version.h"
#include "../util/xalloc.h"

#define TMP_TRIES 100

/* The first entry of @fd's directory, or NULL when empty (caller frees). */
static char *first_entry(int fd)
{
	int dfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dirent *de;
	char *name = NULL;
	DIR *d = dfd < 0 ? NULL : fdopendir(dfd);

	if (!d) {
		if (dfd >= 0)
			close(dfd);
		return NULL;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			name = xstrdup(de->d_name);
			break;
		}
	closedir(d);
	return name;
}

/* Everything but the counters (callers read them after close or abort). */
static void release(struct snap_writer *w)
{
	vt_manifest_clear(&w->manifest);
	if (w->dir_fd >= 0)
		close(w->dir_fd);
	if (w->parent_fd >= 0)
		close(w->parent_fd);
	w->dir_fd = w->parent_fd = -1;
	free(w->parent);
	free(w->base);
	free(w->tmp);
	w->parent = w->base = w->tmp = NULL;
	vt_names_free(&w->made_dirs);
}

/*
 * DIR's parent and its name there (a rename needs a name, so "." and ".."
 * are resolved first). Trailing slashes are dropped: "snap/" is "snap",
 * and lstat() must not follow a link DIR may be.
 */
static int split_dir(struct snap_writer *w, const char *dir, char *err, size_t errlen)
{
	char *p = xstrdup(dir), *slash, *name, *real;
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	name = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
	if (!strcmp(name, ".") || !strcmp(name, "..")) {
		real = realpath(p, NULL);
		free(p);
		if (!real) {
			snprintf(err, errlen, "%s: %s", dir, strerror(errno));
			return -1;
		}
		p = real;
	}
	slash = strrchr(p, '/');
	if (slash && !slash[1]) {
		snprintf(err, errlen, "%s: the root directory cannot be a snapshot", dir);
		free(p);
		return -1;
	}
	w->base = xstrdup(slash ? slash + 1 : p);
	w->parent = !slash ? xstrdup(".") : slash == p ? xstrdup("/") :
		    xasprintf("%.*s", (int)(slash - p), p);
	free(p);
	return 0;
}

/*
 * What DIR is now: absent, empty, or (with @force) a snapshot of ours.
 * Anything else is refused here, before anything is created.
 */
static int inspect_dir(struct snap_writer *w, const char *path, bool force, char *err,
		       size_t errlen)
{
	struct vt_manifest *m;
	struct stat st;
	char *entry;
	int fd, rc = 0;

	if (lstat(path, &st)) {
		if (errno == ENOENT) {
			w->mode = SNAP_NEW;
			return 0;
		}
		snprintf(err, errlen, "%s: %s", w->dir, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: %s", w->dir, S_ISLNK(st.st_mode) ?
			 "a symbolic link: give the directory itself" : "not a directory");
		return -1;
	}
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		snprintf(err, errlen, "%s: %s", w->dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	w->old_dev = st.st_dev;
	w->old_ino = st.st_ino;
	entry = first_entry(fd);
	if (!entry) {
		w->mode = SNAP_EMPTY;
	} else if (!force) {
		snprintf(err, errlen, "%s is not empty (it holds \"%s\"): give a new or empty "
			 "directory, or --force to replace a snapshot vtdcert wrote", w->dir, entry);
		rc = -1;
	} else if (snap_owned_check(fd, w->dir, &m, err, errlen)) {
		rc = -1;
	} else {
		vt_manifest_free(m);
		w->mode = SNAP_REPLACE;
	}
	free(entry);
	close(fd);
	return rc;
}

/*
 * ".DIRNAME.vtdcert-XXXXXX" beside DIR, made as mkdtemp() does but relative
 * to the parent's descriptor; 0700 until it is put in place.
 */
static int make_tmp(struct snap_writer *w, char *err, size_t errlen)
{
	static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char r[6];
	char suffix[sizeof(r) + 1];
	int i, k;

	for (i = 0; i < TMP_TRIES && !w->tmp; i++) {
		if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
			for (k = 0; k < (int)sizeof(r); k++)
				r[k] = (unsigned char)rand();
		for (k = 0; k < (int)sizeof(r); k++)
			suffix[k] = chars[r[k] % (sizeof(chars) - 1)];
		suffix[sizeof(r)] = '\0';
		w->tmp = xasprintf(".%.200s.vtdcert-%s", w->base, suffix);
		if (!mkdirat(w->parent_fd, w->tmp, 0700))
			break;
		free(w->tmp);
		w->tmp = NULL;
		if (errno != EEXIST)
			break;
	}
	if (w->tmp)
		w->dir_fd = openat(w->parent_fd, w->tmp,
				   O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (w->dir_fd < 0) {
		snprintf(err, errlen, "%s: cannot make a directory beside it to capture into: %s",
			 w->dir, strerror(errno));
		if (w->tmp)
			unlinkat(w->parent_fd, w->tmp, AT_REMOVEDIR);
		return -1;
	}
	return 0;
}

int snap_writer_open(struct snap_writer *w, const char *dir, bool force,
		     char *err, size_t errlen)
{
	char *path;
	size_t n;
	int rc;

	memset(w, 0, sizeof(*w));
	w->dir = dir;
	w->dir_fd = w->parent_fd = -1;
	w->manifest.format = VT_MANIFEST_FORMAT;
	/* Looked at as given first: `--force /` is refused for what / holds. */
	path = xstrdup(dir);
	for (n = strlen(path); n > 1 && path[n - 1] == '/'; n--)
		path[n - 1] = '\0';
	rc = inspect_dir(w, path, force, err, errlen);
	free(path);
	if (rc || split_dir(w, dir, err, errlen))
		goto fail;
	w->parent_fd = open(w->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (w->parent_fd < 0) {
		snprintf(err, errlen, "%s: %s", w->parent, strerror(errno));
		goto fail;
	}
	if (make_tmp(w, err, errlen))
		goto fail;
	return 0;
fail:
	release(w);
	return -1;
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

/* The directory to create @rel in, or -1 (errno); a name the manifest cannot carry is EINVAL. */
static int open_parent(struct snap_writer *w, const char *rel, const char **base)
{
	if (w->dir_fd < 0 || strpbrk(rel, "\t\n\r")) {
		errno = w->dir_fd < 0 ? EBADF : EINVAL;
		return -1;
	}
	return snap_open_parent(w->dir_fd, rel, base, &w->made_dirs);
}

int snap_write_file(struct snap_writer *w, const char *rel, const void *data, size_t len)
{
	const char *base;
	int dir = open_parent(w, rel, &base), fd, rc, err;

	if (dir < 0)
		return write_error(w, rel);
	fd = openat(dir, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		err = errno;
		close(dir);
		errno = err;
		return write_error(w, rel);
	}
	rc = write_all(fd, data, len);
	if (close(fd))
		rc = -1;
	if (rc) {
		/* Ours (O_EXCL made it): half a file never stays behind. */
		err = errno;
		unlinkat(dir, base, 0);
		close(dir);
		errno = err;
		return write_error(w, rel);
	}
	close(dir);
	if (strcmp(rel, SNAPSHOT_MANIFEST))
		vt_manifest_add(&w->manifest, VT_MF_FILE, rel, NULL, data, len);
	w->files++;
	return 0;
}

int snap_write_link(struct snap_writer *w, const char *rel, const char *target)
{
	const char *base;
	int dir = open_parent(w, rel, &base), rc;

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

int snap_write_dir(struct snap_writer *w, const char *rel)
{
	const char *base;
	int dir = open_parent(w, rel, &base), rc;
	struct stat st;

	if (dir < 0)
		return write_error(w, rel);
	rc = mkdirat(dir, base, 0755);
	if (!rc) {
		vt_manifest_add(&w->manifest, VT_MF_DIR, rel, NULL, NULL, 0);
		w->made_dirs.v = xgrow(w->made_dirs.v, w->made_dirs.n, sizeof(char *));
		w->made_dirs.v[w->made_dirs.n++] = xstrdup(rel);
	} else if (errno == EEXIST) {
		/* Made already, for a path beneath it or by a call before: fine. */
		rc = !fstatat(dir, base, &st, AT_SYMLINK_NOFOLLOW) && S_ISDIR(st.st_mode) ? 0 : -1;
		errno = EEXIST;
	}
	close(dir);
	return rc ? write_error(w, rel) : 0;
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

static int write_manifest(struct snap_writer *w, const char *source)
{
	char date[32], *text = NULL;
	time_t now = time(NULL);
	size_t len = 0;
	struct tm tm;
	FILE *f;
	int rc = -1;

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
	return rc;
}

/* Readable as any directory we make, and on disk before it replaces anything. */
static int finish_tmp(struct snap_writer *w)
{
	mode_t um = umask(0);

	umask(um);
	if (fchmod(w->dir_fd, 0755 & ~um) || syncfs(w->dir_fd)) {
		fprintf(stderr, "vtdcert capture: %s: %s\n", w->dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* DIR did not exist: it must not now either (RENAME_NOREPLACE). */
static int put_new(struct snap_writer *w)
{
	int rc = renameat2(w->parent_fd, w->tmp, w->parent_fd, w->base, RENAME_NOREPLACE);

	/*
	 * Where the flag is not supported, rename() is as safe for a
	 * directory: it replaces only an empty directory, never a file.
	 */
	if (rc && (errno == EINVAL || errno == ENOSYS))
		rc = renameat(w->parent_fd, w->tmp, w->parent_fd, w->base);
	if (rc)
		fprintf(stderr, "vtdcert capture: %s: %s: the capture is not kept%s\n", w->dir,
			strerror(errno), errno == EEXIST || errno == ENOTEMPTY ?
			" (something made it meanwhile, left as it is)" : "");
	return rc;
}

/* DIR was empty: rename() replaces it atomically, and only while it is empty. */
static int put_empty(struct snap_writer *w)
{
	int rc = renameat(w->parent_fd, w->tmp, w->parent_fd, w->base);

	if (rc)
		fprintf(stderr, "vtdcert capture: %s: %s: the capture is not kept, %s left as "
			"it is%s\n", w->dir, strerror(errno), w->dir,
			errno == EBUSY ? " (a mount point? capture into a directory inside it)" :
			errno == ENOTEMPTY || errno == EEXIST ? " (it is not empty any more)" : "");
	return rc;
}

/* Whether @fd is the directory checked at open. */
static bool same_dir(const struct snap_writer *w, int fd)
{
	struct stat st;

	return fd >= 0 && !fstat(fd, &st) && st.st_dev == w->old_dev && st.st_ino == w->old_ino;
}

/* DIR is still the snapshot checked at open, still holding only its own. */
static int recheck_old(struct snap_writer *w, struct vt_manifest **m)
{
	int fd = openat(w->parent_fd, w->base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	char err[1024];
	int rc = -1;

	if (!same_dir(w, fd))
		snprintf(err, sizeof(err), "%s: changed since the capture began: not replaced, "
			 "nothing removed", w->dir);
	else
		rc = snap_owned_check(fd, w->dir, m, err, sizeof(err));
	if (fd >= 0)
		close(fd);
	if (rc)
		fprintf(stderr, "vtdcert capture: %s\n", err);
	return rc;
}

/*
 * --force: swap the new snapshot with the old one (RENAME_EXCHANGE), then
 * remove the old one, now at the temporary name, by its manifest.
 */
static int put_replace(struct snap_writer *w)
{
	struct vt_manifest *m;
	char *where;
	int old;

	if (recheck_old(w, &m))
		return -1;
	if (renameat2(w->parent_fd, w->tmp, w->parent_fd, w->base, RENAME_EXCHANGE)) {
		fprintf(stderr, "vtdcert capture: %s: cannot swap in the new snapshot: %s%s; "
			"the previous one is left as it was\n", w->dir, strerror(errno),
			errno == EINVAL || errno == ENOSYS ?
			" (the filesystem lacks renameat2 RENAME_EXCHANGE)" : "");
		vt_manifest_free(m);
		return -1;
	}
	old = openat(w->parent_fd, w->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (!same_dir(w, old)) {
		/* A race put something else there: swap back, remove nothing of it. */
		if (old >= 0)
			close(old);
		vt_manifest_free(m);
		if (!renameat2(w->parent_fd, w->tmp, w->parent_fd, w->base, RENAME_EXCHANGE)) {
			fprintf(stderr, "vtdcert capture: %s: changed while being replaced: left "
				"as it is\n", w->dir);
			return -1;
		}
		fprintf(stderr, "vtdcert capture: %s: changed while being replaced: the new "
			"snapshot is there, what was there is at %s/%s (nothing removed)\n",
			w->dir, w->parent, w->tmp);
		free(w->tmp);
		w->tmp = NULL;          /* not ours any more: abort must leave it */
		return -1;
	}
	where = xasprintf("%s/%s", w->parent, w->tmp);
	snap_owned_remove(old, m, NULL, where);
	close(old);
	vt_manifest_free(m);
	if (unlinkat(w->parent_fd, w->tmp, AT_REMOVEDIR))
		fprintf(stderr, "vtdcert capture: warning: %s: the previous snapshot's directory "
			"is left there: %s\n", where, strerror(errno));
	free(where);
	return 0;
}

int snap_writer_close(struct snap_writer *w, const char *source)
{
	int rc;

	if (w->dir_fd < 0 || !w->tmp) {
		release(w);
		return -1;
	}
	if (w->write_errors) {
		fprintf(stderr, "vtdcert capture: %s: %zu files could not be written: the capture "
			"is not kept\n", w->dir, w->write_errors);
		snap_writer_abort(w);
		return -1;
	}
	rc = write_manifest(w, source);
	if (!rc)
		rc = finish_tmp(w);
	if (!rc)
		rc = w->mode == SNAP_NEW ? put_new(w) : w->mode == SNAP_EMPTY ? put_empty(w) :
		     put_replace(w);
	if (rc) {
		snap_writer_abort(w);
		return -1;
	}
	release(w);
	return 0;
}

void snap_writer_abort(struct snap_writer *w)
{
	char *where;

	if (w->dir_fd >= 0 && w->tmp) {
		where = xasprintf("%s/%s", w->parent, w->tmp);
		snap_owned_remove(w->dir_fd, &w->manifest, &w->made_dirs, where);
		if (unlinkat(w->parent_fd, w->tmp, AT_REMOVEDIR) && errno != ENOENT)
			fprintf(stderr, "vtdcert capture: warning: %s: left there: %s\n", where,
				strerror(errno));
		free(where);
	}
	release(w);
}
