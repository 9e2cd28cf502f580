// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A snapshot's own entries: checked against its manifest before anything
 * is removed, and removed one listed entry at a time (see snapshot_owned.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "snapshot_layout.h"
#include "snapshot_owned.h"
#include "../util/sha256.h"
#include "../util/xalloc.h"

#define MAX_OWNED_DEPTH 64

static void add_name(struct vt_names *n, char *s)
{
	n->v = xgrow(n->v, n->n, sizeof(*n->v));
	n->v[n->n++] = s;
}

static bool bad_component(const char *s, size_t n)
{
	return !n || n > NAME_MAX || (n == 1 && s[0] == '.') ||
	       (n == 2 && s[0] == '.' && s[1] == '.');
}

int snap_open_parent(int root_fd, const char *rel, const char **base, struct vt_names *made)
{
	char comp[NAME_MAX + 1];
	const char *p = rel, *slash;
	int fd = dup(root_fd), next;

	while (fd >= 0 && (slash = strchr(p, '/'))) {
		size_t n = (size_t)(slash - p);

		if (bad_component(p, n)) {
			close(fd);
			errno = EINVAL;
			return -1;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		if (made && !mkdirat(fd, comp, 0755))
			add_name(made, xasprintf("%.*s", (int)(slash - rel), rel));
		else if (made && errno != EEXIST) {
			close(fd);
			return -1;
		}
		next = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(fd);
		fd = next;
		p = slash + 1;
	}
	if (fd >= 0 && bad_component(p, strlen(p))) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	*base = p;
	return fd;
}

/* ---- checking ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in directory @fd, sorted (so the first foreign entry is well defined). */
static int list_sorted(int fd, struct vt_names *out)
{
	int dfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dirent *de;
	DIR *d;

	memset(out, 0, sizeof(*out));
	d = dfd < 0 ? NULL : fdopendir(dfd);
	if (!d) {
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	while ((de = readdir(d)) && out->n < VT_MAX_DIR_ENTRIES)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			add_name(out, xstrdup(de->d_name));
	closedir(d);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_str);
	return 0;
}

static const char *type_name(mode_t m)
{
	return S_ISREG(m) ? "a regular file" : S_ISDIR(m) ? "a directory" :
	       S_ISLNK(m) ? "a symbolic link" : S_ISFIFO(m) ? "a FIFO" :
	       S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device" :
	       S_ISSOCK(m) ? "a socket" : "not a file";
}

static const char *listed_as(enum vt_manifest_kind k)
{
	static const char *const names[] = {
		[VT_MF_FILE] = "a file", [VT_MF_LINK] = "a link", [VT_MF_ABSENT] = "absent",
		[VT_MF_UNREADABLE] = "unreadable", [VT_MF_DIR] = "a directory",
	};

	return k <= VT_MF_DIR ? names[k] : "?";
}

/* Something the snapshot holds: a file, link or directory (not absent/unreadable). */
static bool held(enum vt_manifest_kind k)
{
	return k == VT_MF_FILE || k == VT_MF_LINK || k == VT_MF_DIR;
}

/* Whether @rel is a listed directory, or a listed path runs through it. */
static bool leads_to(const struct vt_manifest *m, const char *rel)
{
	size_t lo = 0, hi = m->n, n = strlen(rel);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(m->v[mid].path, rel) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Sorted: every path starting with @rel follows its lower bound. */
	for (; lo < m->n && !strncmp(m->v[lo].path, rel, n); lo++) {
		const struct vt_manifest_entry *e = &m->v[lo];

		if ((e->kind == VT_MF_DIR && !e->path[n]) || (e->path[n] == '/' && held(e->kind)))
			return true;
	}
	return false;
}

struct owned {
	const struct vt_manifest *m;
	const char *dir;
	char *err;
	size_t errlen;
};

static int foreign(struct owned *o, const char *rel, const char *why)
{
	snprintf(o->err, o->errlen, "%s: \"%s\" is not the snapshot's (%s): not replaced, "
		 "nothing removed", o->dir, rel, why);
	return -1;
}

/* A listed file: still what capture wrote (size and SHA-256). */
static int check_file(struct owned *o, int dfd, const char *name, const char *rel,
		      const struct vt_manifest_entry *e)
{
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	char sha[SHA256_HEX_LEN + 1], why[300];
	struct vt_blob b;
	int rc;

	if (fd < 0)
		return foreign(o, rel, strerror(errno));
	rc = vt_read_fd(fd, rel, e->size, &b, why, sizeof(why));
	close(fd);
	if (rc)
		return foreign(o, rel, rc == -EFBIG ? "changed since capture" : why);
	sha256_hex(b.data, b.len, sha);
	rc = b.len == e->size && !strcmp(sha, e->sha256);
	vt_blob_free(&b);
	return rc ? 0 : foreign(o, rel, "changed since capture");
}

static int check_link(struct owned *o, int dfd, const char *name, const char *rel,
		      const struct vt_manifest_entry *e)
{
	char target[4096];
	ssize_t n = readlinkat(dfd, name, target, sizeof(target) - 1);

	if (n < 0)
		return foreign(o, rel, strerror(errno));
	target[n] = '\0';
	return strcmp(target, e->text ? e->text : "") ?
	       foreign(o, rel, "a link that points elsewhere than captured") : 0;
}

static int check_tree(struct owned *o, int fd, const char *prefix, int depth);

static int check_entry(struct owned *o, int fd, const char *name, const char *rel,
		       int depth)
{
	const struct vt_manifest_entry *e = vt_manifest_find(o->m, rel);
	char why[100];
	struct stat st;
	int sub, rc;

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW))
		return foreign(o, rel, strerror(errno));
	if (!depth && !strcmp(rel, SNAPSHOT_MANIFEST) && S_ISREG(st.st_mode))
		return 0;                       /* the one it was parsed from */
	if (e && (S_ISDIR(st.st_mode) ? e->kind == VT_MF_FILE || e->kind == VT_MF_LINK :
		  e->kind != (S_ISREG(st.st_mode) ? VT_MF_FILE : VT_MF_LINK))) {
		snprintf(why, sizeof(why), "%s, listed as %s", type_name(st.st_mode),
			 listed_as(e->kind));
		return foreign(o, rel, why);
	}
	if (S_ISDIR(st.st_mode)) {
		if (!leads_to(o->m, rel))
			return foreign(o, rel, "a directory no listed path runs through");
		if (depth >= MAX_OWNED_DEPTH)
			return foreign(o, rel, "nested deeper than a capture writes");
		sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0)
			return foreign(o, rel, strerror(errno));
		rc = check_tree(o, sub, rel, depth + 1);
		close(sub);
		return rc;
	}
	if (!e) {
		snprintf(why, sizeof(why), "%s not in its manifest", type_name(st.st_mode));
		return foreign(o, rel, why);
	}
	if (S_ISREG(st.st_mode))
		return check_file(o, fd, name, rel, e);
	if (S_ISLNK(st.st_mode))
		return check_link(o, fd, name, rel, e);
	return foreign(o, rel, type_name(st.st_mode));
}

static int check_tree(struct owned *o, int fd, const char *prefix, int depth)
{
	struct vt_names names;
	size_t i;
	int rc = 0;

	if (list_sorted(fd, &names))
		return foreign(o, *prefix ? prefix : ".", strerror(errno));
	for (i = 0; i < names.n && !rc; i++) {
		char *rel = *prefix ? xasprintf("%s/%s", prefix, names.v[i]) :
				      xstrdup(names.v[i]);

		rc = check_entry(o, fd, names.v[i], rel, depth);
		free(rel);
	}
	vt_names_free(&names);
	return rc;
}

/* manifest.txt, read without following a link, parsed strictly. */
static int read_manifest(int fd, const char *dir, struct vt_manifest **out, char *err,
			 size_t errlen)
{
	int mfd = openat(fd, SNAPSHOT_MANIFEST, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
			 O_CLOEXEC);
	char why[300];
	struct vt_names names;
	struct vt_blob b;
	int rc;

	if (mfd < 0 && (errno == ENOENT || errno == ELOOP)) {
		list_sorted(fd, &names);
		snprintf(err, errlen, "%s: no %s%s: not a vtdcert snapshot (it holds \"%s\"): "
			 "--force replaces only a snapshot vtdcert wrote; nothing removed", dir,
			 SNAPSHOT_MANIFEST, errno == ELOOP ? " (a symbolic link)" : "",
			 names.n ? names.v[0] : "?");
		vt_names_free(&names);
		return -1;
	}
	if (mfd < 0) {
		snprintf(err, errlen, "%s/%s: %s: nothing removed", dir, SNAPSHOT_MANIFEST,
			 strerror(errno));
		return -1;
	}
	rc = vt_read_fd(mfd, SNAPSHOT_MANIFEST, VT_MAX_MANIFEST, &b, why, sizeof(why));
	close(mfd);
	if (!rc) {
		rc = vt_manifest_parse((const char *)b.data, b.len, out, why, sizeof(why));
		vt_blob_free(&b);
	}
	if (rc) {
		snprintf(err, errlen, "%s/%s: %s: not a vtdcert snapshot; nothing removed", dir,
			 SNAPSHOT_MANIFEST, why);
		return -1;
	}
	return 0;
}

int snap_owned_check(int fd, const char *dir, struct vt_manifest **out, char *err,
		     size_t errlen)
{
	struct owned o = { .dir = dir, .err = err, .errlen = errlen };
	struct vt_manifest *m;

	*out = NULL;
	if (read_manifest(fd, dir, &m, err, errlen))
		return -1;
	o.m = m;
	if (check_tree(&o, fd, "", 0)) {
		vt_manifest_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

/* ---- removing ---- */

static void left(const char *where, const char *rel, const char *why)
{
	fprintf(stderr, "vtdcert capture: warning: %s/%s: left in place: %s\n", where, rel, why);
}

/* Unlink @rel when it is still of type @type (S_IFREG or S_IFLNK). 0, or 1 when left. */
static size_t remove_entry(int root, const char *rel, mode_t type, const char *where)
{
	const char *base, *why = NULL;
	int fd = snap_open_parent(root, rel, &base, NULL);
	struct stat st;

	/* Gone already is fine: nothing of ours to remove. */
	if (fd < 0 || fstatat(fd, base, &st, AT_SYMLINK_NOFOLLOW))
		why = errno == ENOENT ? NULL : strerror(errno);
	else if ((st.st_mode & S_IFMT) != type)
		why = type_name(st.st_mode);
	else if (unlinkat(fd, base, 0) && errno != ENOENT)
		why = strerror(errno);
	if (fd >= 0)
		close(fd);
	if (why)
		left(where, rel, why);
	return why ? 1 : 0;
}

static size_t remove_dir(int root, const char *rel, const char *where)
{
	const char *base;
	int fd = snap_open_parent(root, rel, &base, NULL), rc = 0;

	if (fd >= 0) {
		rc = unlinkat(fd, base, AT_REMOVEDIR);
		close(fd);
	}
	if ((fd < 0 || rc) && errno != ENOENT) {
		left(where, rel, errno == ENOTEMPTY || errno == EEXIST ?
		     "not empty: it holds what the snapshot did not" : strerror(errno));
		return 1;
	}
	return 0;
}

static int cmp_str_desc(const void *a, const void *b)
{
	return -cmp_str(a, b);
}

/* @rel and every directory above it. */
static void add_dirs_of(struct vt_names *dirs, const char *rel, bool self)
{
	const char *p;

	if (self)
		add_name(dirs, xstrdup(rel));
	for (p = strchr(rel, '/'); p; p = strchr(p + 1, '/'))
		add_name(dirs, xasprintf("%.*s", (int)(p - rel), rel));
}

size_t snap_owned_remove(int fd, const struct vt_manifest *m, const struct vt_names *extra,
			 const char *where)
{
	struct vt_names dirs = { 0 };
	size_t i, kept = 0;

	for (i = 0; i < m->n; i++) {
		const struct vt_manifest_entry *e = &m->v[i];

		if (e->kind == VT_MF_FILE || e->kind == VT_MF_LINK)
			kept += remove_entry(fd, e->path, e->kind == VT_MF_FILE ? S_IFREG : S_IFLNK,
					     where);
		if (held(e->kind))
			add_dirs_of(&dirs, e->path, e->kind == VT_MF_DIR);
	}
	kept += remove_entry(fd, SNAPSHOT_MANIFEST, S_IFREG, where);
	for (i = 0; extra && i < extra->n; i++)
		add_dirs_of(&dirs, extra->v[i], true);
	/* Descending order puts "a/b" before "a": children first. */
	if (dirs.n > 1)
		qsort(dirs.v, dirs.n, sizeof(*dirs.v), cmp_str_desc);
	for (i = 0; i < dirs.n; i++)
		if (!i || strcmp(dirs.v[i], dirs.v[i - 1]))
			kept += remove_dir(fd, dirs.v[i], where);
	vt_names_free(&dirs);
	return kept;
}
