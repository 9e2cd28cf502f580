// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "xalloc.h"

/*
 * A target that exists and is not a regular file (/dev/null, a FIFO, a
 * terminal) is written in place: renaming over it would replace a device.
 */
static int open_in_place(struct atomic_file *a, const char *path)
{
	a->f = fopen(path, "w");
	if (!a->f)
		return -1;
	a->path = xstrdup(path);
	return 0;
}

int atomic_file_open(struct atomic_file *a, const char *path)
{
	const char *slash;
	char *real = NULL;
	struct stat st;
	int fd, err;

	memset(a, 0, sizeof(*a));
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return open_in_place(a, path);
		/* Through a symlink: replace the file it names, keep the link. */
		real = realpath(path, NULL);
		if (real)
			path = real;
	}
	slash = strrchr(path, '/');
	/* ".NAME.XXXXXX" in the target's directory: rename() stays atomic. */
	if (slash)
		a->tmp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	else
		a->tmp = xasprintf(".%s.XXXXXX", path);
	fd = mkstemp(a->tmp);
	if (fd < 0)
		goto fail;
	/* mkstemp makes 0600; a report is as readable as any file we write. */
	{
		mode_t um = umask(0);

		umask(um);
		if (fchmod(fd, 0666 & ~um))
			goto fail_fd;
	}
	a->f = fdopen(fd, "w");
	if (!a->f)
		goto fail_fd;
	a->path = xstrdup(path);
	free(real);
	return 0;
fail_fd:
	err = errno;
	close(fd);
	unlink(a->tmp);
	errno = err;
fail:
	err = errno;
	free(a->tmp);
	free(real);
	a->tmp = NULL;
	errno = err;
	return -1;
}

static void release(struct atomic_file *a)
{
	free(a->tmp);
	free(a->path);
	memset(a, 0, sizeof(*a));
}

int atomic_file_commit(struct atomic_file *a)
{
	int err = 0;

	errno = 0;
	if (fflush(a->f) || ferror(a->f) || (a->tmp && fsync(fileno(a->f))))
		err = errno ? errno : EIO;
	if (fclose(a->f) && !err)
		err = errno;
	a->f = NULL;
	if (!err && a->tmp && rename(a->tmp, a->path))
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
