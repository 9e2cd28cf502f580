// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Path resolution that never leaves a snapshot's root.
 *
 * A snapshot comes from a stranger and vtdcert runs as root: a planted
 * "proc/cmdline -> /etc/shadow" must not put that file into a published
 * report. openat2(RESOLVE_BENEATH) makes the kernel refuse any resolution
 * that would leave the root (an absolute link, ".." above it, a /proc
 * magic link). Where openat2 is missing (Linux before 5.6, or a seccomp
 * filter), walk() does the same in user space: one component at a time,
 * each opened with O_NOFOLLOW relative to the directory before it, links
 * read with readlinkat() and spliced in only while they stay below root.
 * Both ways a refusal is -EXDEV, and walk() names the link that pointed out.
 * VTDCERT_NO_OPENAT2=1 in the environment forces the walk (the tests run
 * the hostile-snapshot cases both ways).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "platform.h"

#define MAX_LINKS  40               /* as the kernel's MAXSYMLINKS */
#define MAX_DEPTH  256              /* directories below root */
#define MAX_PATH   4096

/* "/sys/bus" from the first @n bytes of a relative path: the machine's name. */
static void machine_path(char *out, size_t size, const char *rel, size_t n)
{
	snprintf(out, size, "/%.*s", (int)n, rel);
}

/*
 * The user-space walk. @path is the relative path still to resolve (a
 * link's target is spliced in front of the rest). @seen is what the machine
 * would call the components resolved so far, for messages.
 */
static int walk(struct vt_platform *p, const char *rel, int flags)
{
	int stack[MAX_DEPTH + 1], depth = 0, links = 0, fd = -1, rc;
	char path[2 * MAX_PATH], seen[MAX_PATH], target[MAX_PATH], comp[256];
	size_t seen_len = 0;
	char *cur;

	if (strlen(rel) >= MAX_PATH)
		return vt_platform_fail(p, ENAMETOOLONG, "/%.60s...: path too long", rel);
	snprintf(path, sizeof(path), "%s", rel);
	seen[0] = '\0';
	stack[0] = dup(p->root_fd);
	if (stack[0] < 0)
		return vt_platform_fail(p, errno, "%s: %s", p->root, strerror(errno));
	cur = path;
	for (;;) {
		size_t n;
		bool last;
		struct stat st;

		while (*cur == '/')
			cur++;
		if (!*cur) {        /* the path named a directory we hold */
			fd = openat(stack[depth], ".", flags & ~O_NOFOLLOW);
			rc = fd < 0 ? -errno : fd;
			if (fd < 0)
				vt_platform_fail(p, errno, "/%s: %s", rel, strerror(errno));
			break;
		}
		n = strcspn(cur, "/");
		if (n >= sizeof(comp)) {
			rc = vt_platform_fail(p, ENAMETOOLONG, "/%s: a name is too long", rel);
			break;
		}
		memcpy(comp, cur, n);
		comp[n] = '\0';
		cur += n;
		while (*cur == '/')
			cur++;
		last = !*cur;
		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			if (!depth) {
				rc = vt_platform_fail(p, EXDEV, "/%s: \"..\" climbs out of "
						      "the snapshot: not followed", rel);
				break;
			}
			close(stack[depth--]);
			if (strrchr(seen, '/'))
				*strrchr(seen, '/') = '\0';
			continue;
		}
		if (fstatat(stack[depth], comp, &st, AT_SYMLINK_NOFOLLOW)) {
			rc = -errno;
			machine_path(seen, sizeof(seen), rel, strlen(rel));
			vt_platform_fail(p, errno, "%s: %s", seen, strerror(errno));
			break;
		}
		if (S_ISLNK(st.st_mode) && !(last && (flags & O_NOFOLLOW))) {
			ssize_t t = readlinkat(stack[depth], comp, target, sizeof(target) - 1);

			if (t < 0) {
				rc = vt_platform_fail(p, errno, "/%s: %s", rel, strerror(errno));
				break;
			}
			target[t] = '\0';
			seen_len = strlen(seen);
			snprintf(seen + seen_len, sizeof(seen) - seen_len, "/%s", comp);
			if (target[0] == '/') {
				rc = vt_platform_fail(p, EXDEV, "%s: a symbolic link to "
						      "\"%s\", outside the snapshot: not "
						      "followed", seen, target);
				break;
			}
			if (++links > MAX_LINKS) {
				rc = vt_platform_fail(p, ELOOP, "/%s: too many symbolic "
						      "links", rel);
				break;
			}
			/* Splice: target, then what was left. */
			if (strlen(target) + strlen(cur) + 2 > sizeof(path)) {
				rc = vt_platform_fail(p, ENAMETOOLONG, "/%s: path too long", rel);
				break;
			}
			{
				size_t tlen = strlen(target);

				/* cur points into path: move the rest up, then the target. */
				memmove(path + tlen + 1, cur, strlen(cur) + 1);
				memcpy(path, target, tlen);
				path[tlen] = '/';
			}
			seen[seen_len] = '\0';
			/* A target's ".." must be checked against where the link is. */
			cur = path;
			continue;
		}
		if (last) {
			fd = openat(stack[depth], comp, flags | O_NOFOLLOW);
			rc = fd < 0 ? -errno : fd;
			if (fd < 0) {
				machine_path(seen, sizeof(seen), rel, strlen(rel));
				vt_platform_fail(p, errno, "%s: %s", seen, strerror(errno));
			}
			break;
		}
		if (!S_ISDIR(st.st_mode)) {
			rc = vt_platform_fail(p, ENOTDIR, "/%s: %s", rel, strerror(ENOTDIR));
			break;
		}
		if (depth == MAX_DEPTH) {
			rc = vt_platform_fail(p, ELOOP, "/%s: too deep", rel);
			break;
		}
		fd = openat(stack[depth], comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			rc = vt_platform_fail(p, errno, "/%s: %s", rel, strerror(errno));
			break;
		}
		stack[++depth] = fd;
		seen_len = strlen(seen);
		snprintf(seen + seen_len, sizeof(seen) - seen_len, "/%s", comp);
	}
	while (depth >= 0)
		close(stack[depth--]);
	return rc;
}

static int try_openat2(struct vt_platform *p, const char *rel, int flags)
{
	struct open_how how = {
		.flags = (uint64_t)flags,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	long fd = syscall(SYS_openat2, p->root_fd, rel, &how, sizeof(how));

	return fd < 0 ? -errno : (int)fd;
}

static int have_openat2 = -1;       /* unknown, 0 no, 1 yes */

void vt_open_beneath_force_walk(bool walk)
{
	have_openat2 = walk ? 0 : -1;
}

int vt_open_beneath(struct vt_platform *p, const char *rel, int flags)
{
	int fd;

	while (*rel == '/')
		rel++;
	if (!*rel)
		rel = ".";
	flags |= O_CLOEXEC;
	if (have_openat2 < 0 && getenv("VTDCERT_NO_OPENAT2"))
		have_openat2 = 0;
	if (have_openat2) {
		fd = try_openat2(p, rel, flags);
		if (fd >= 0) {
			have_openat2 = 1;
			return fd;
		}
		if (fd == -ENOSYS || fd == -EPERM) {
			/* No openat2, or a sandbox that filters it. */
			have_openat2 = fd == -ENOSYS ? 0 : have_openat2;
		} else if (fd != -EXDEV && fd != -ELOOP) {
			have_openat2 = 1;
			return vt_platform_fail(p, -fd, "/%s: %s", rel, strerror(-fd));
		}
		/* EXDEV, ELOOP: let the walk name the link that points out. */
	}
	return walk(p, rel, flags);
}
