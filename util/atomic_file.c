// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "xalloc.h"

/* A few renames lost to concurrent writers, then give up. */
#define COMMIT_TRIES 8
/* How much of a foreign file's start a refusal quotes. */
#define HEAD_QUOTE 24

enum target { T_ABSENT, T_OURS, T_IN_PLACE, T_REFUSED };

static void refuse(struct atomic_file *a, int err, const char *why)
{
	snprintf(a->why, sizeof(a->why), "%s", why);
	errno = err;
}

static const char *kind(mode_t m)
{
	return S_ISREG(m) ? "a regular file" : S_ISDIR(m) ? "a directory" :
	       S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" :
	       S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device" : "not a file";
}

/* @head quoted as C would, cut at HEAD_QUOTE bytes, into a->why. */
static void quote_head(struct atomic_file *a, const unsigned char *head, size_t n)
{
	size_t i, k = 0;
	char *w = a->why;

	k += (size_t)snprintf(w, sizeof(a->why), "it starts with \"");
	for (i = 0; i < n && i < HEAD_QUOTE && k + 8 < sizeof(a->why); i++) {
		if (head[i] == '\n')
			k += (size_t)snprintf(w + k, sizeof(a->why) - k, "\\n");
		else if (head[i] == '"' || head[i] == '\\')
			k += (size_t)snprintf(w + k, sizeof(a->why) - k, "\\%c", head[i]);
		else if (head[i] >= 0x20 && head[i] < 0x7f)
			w[k++] = (char)head[i];
		else
			k += (size_t)snprintf(w + k, sizeof(a->why) - k, "\\x%02x", head[i]);
	}
	snprintf(w + k, sizeof(a->why) - k, "%s\"", i < n ? "..." : "");
}

/* A regular file is ours to replace when empty or starting with a->own. */
static enum target regular(struct atomic_file *a, const char *path)
{
	size_t want = a->own ? strlen(a->own) : 0, got = 0, limit;
	unsigned char head[256];
	struct stat st;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (want > sizeof(head) - 1)
		want = sizeof(head) - 1;
	/* @own and one byte more: enough to tell, and to quote a little. */
	limit = want > HEAD_QUOTE ? want + 1 : HEAD_QUOTE + 1;
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		refuse(a, fd < 0 ? errno : EINVAL, fd < 0 ? strerror(errno) :
		       "changed while being looked at: not replaced");
		if (fd >= 0)
			close(fd);
		return T_REFUSED;
	}
	while (got < limit) {
		n = read(fd, head + got, limit - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (n < 0) {
		/* Unread is not empty: refuse rather than guess. */
		refuse(a, EIO, "cannot be read to tell what it is: not replaced");
		return T_REFUSED;
	}
	if (!got || (want && got >= want && !memcmp(head, a->own, want)))
		return T_OURS;
	quote_head(a, head, got);
	errno = EEXIST;
	return T_REFUSED;
}

/* What @path is now, by the rules in atomic_file.h. */
static enum target classify(struct atomic_file *a, const char *path)
{
	struct stat lst, st;
	char why[120];

	a->why[0] = '\0';
	if (lstat(path, &lst))
		return errno == ENOENT ? T_ABSENT : T_REFUSED;
	if (S_ISLNK(lst.st_mode)) {
		if (stat(path, &st)) {
			refuse(a, ELOOP, "a symbolic link to nothing: not followed, nothing created");
			return T_REFUSED;
		}
		if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))
			return T_IN_PLACE;
		snprintf(why, sizeof(why), "a symbolic link to %s: not followed (give the file "
			 "itself%s)", kind(st.st_mode),
			 S_ISREG(st.st_mode) ? ", or - for standard output" : "");
		refuse(a, ELOOP, why);
		return T_REFUSED;
	}
	if (S_ISFIFO(lst.st_mode) || S_ISCHR(lst.st_mode))
		return T_IN_PLACE;
	if (S_ISREG(lst.st_mode))
		return regular(a, path);
	snprintf(why, sizeof(why), "%s: not written", kind(lst.st_mode));
	refuse(a, S_ISDIR(lst.st_mode) ? EISDIR : EINVAL, why);
	return T_REFUSED;
}

/*
 * A FIFO or character device, written where it is. Non-blocking open: a
 * FIFO nobody reads says ENXIO instead of waiting forever; then blocking
 * again, for the writes.
 */
static int open_in_place(struct atomic_file *a, const char *path)
{
	int fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), fl;
	struct stat st;

	if (fd < 0) {
		if (errno == ENXIO && !stat(path, &st) && S_ISFIFO(st.st_mode))
			refuse(a, ENXIO, "a FIFO with no reader: not written");
		return -1;
	}
	/* No O_TRUNC, and checked again: a file swapped in meanwhile is left alone. */
	if (fstat(fd, &st) || !(S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) ||
	    (fl = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		close(fd);
		refuse(a, EINVAL, "changed while being opened: not written");
		return -1;
	}
	a->f = fdopen(fd, "w");
	if (!a->f) {
		close(fd);
		return -1;
	}
	a->path = xstrdup(path);
	return 0;
}

/* ".NAME.XXXXXX" in the target's directory: rename() stays atomic. */
static int open_tmp(struct atomic_file *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	mode_t um;
	int fd, err;

	if (slash)
		a->tmp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	else
		a->tmp = xasprintf(".%s.XXXXXX", path);
	fd = mkstemp(a->tmp);
	if (fd < 0)
		goto fail;
	/* mkstemp makes 0600; a report is as readable as any file we write. */
	um = umask(0);
	umask(um);
	if (fchmod(fd, 0666 & ~um))
		goto fail_fd;
	a->f = fdopen(fd, "w");
	if (!a->f)
		goto fail_fd;
	a->path = xstrdup(path);
	return 0;
fail_fd:
	err = errno;
	close(fd);
	unlink(a->tmp);
	errno = err;
fail:
	err = errno;
	free(a->tmp);
	a->tmp = NULL;
	errno = err;
	return -1;
}

int atomic_file_open(struct atomic_file *a, const char *path, const char *own)
{
	size_t n = strlen(path);

	memset(a, 0, sizeof(*a));
	a->own = own;
	if (!n || path[n - 1] == '/') {
		refuse(a, EISDIR, "names a directory: give a file");
		return -1;
	}
	switch (classify(a, path)) {
	case T_IN_PLACE:
		return open_in_place(a, path);
	case T_ABSENT:
	case T_OURS:
		return open_tmp(a, path);
	default:
		return -1;
	}
}

static void release(struct atomic_file *a)
{
	free(a->tmp);
	free(a->path);
	a->f = NULL;
	a->tmp = a->path = NULL;
}

/* Create the target, never over a file made meanwhile. 0, or -1 (EEXIST: look again). */
static int create(struct atomic_file *a)
{
	if (!renameat2(AT_FDCWD, a->tmp, AT_FDCWD, a->path, RENAME_NOREPLACE))
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* No RENAME_NOREPLACE on this filesystem: link() refuses an existing name too. */
	if (link(a->tmp, a->path))
		return -1;
	unlink(a->tmp);
	return 0;
}

/* Rename the temporary over the target, by the rules the open applied. */
static int put_in_place(struct atomic_file *a)
{
	int i;

	for (i = 0; i < COMMIT_TRIES; i++) {
		switch (classify(a, a->path)) {
		case T_ABSENT:
			if (!create(a))
				return 0;
			if (errno == EEXIST)
				continue;       /* made meanwhile: look at it */
			return -1;
		case T_OURS:
			return rename(a->tmp, a->path);
		case T_IN_PLACE:
			refuse(a, EEXIST, "became a FIFO or a device meanwhile: not replaced");
			return -1;
		default:
			return -1;
		}
	}
	refuse(a, EAGAIN, "kept changing while being replaced: not replaced");
	return -1;
}

int atomic_file_commit(struct atomic_file *a)
{
	int err = 0;

	a->why[0] = '\0';
	errno = 0;
	if (fflush(a->f) || ferror(a->f) || (a->tmp && fsync(fileno(a->f))))
		err = errno ? errno : EIO;
	if (fclose(a->f) && !err)
		err = errno;
	a->f = NULL;
	if (!err && a->tmp && put_in_place(a))
		err = errno;
	if (err && a->tmp)
		unlink(a->tmp);
	release(a);
	errno = err;
	return err ? -1 : 0;
}

void atomic_file_abort(struct atomic_file *a)
{
	if (a->f)
		fclose(a->f);
	if (a->tmp)
		unlink(a->tmp);
	release(a);
}
