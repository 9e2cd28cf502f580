/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Replace a file whole or not at all, and only a file we may replace:
 * write a temporary file beside the target and rename it over the target
 * once everything is written. A run killed mid-write, or a full disk,
 * leaves the previous file (or none), never half a report; two runs
 * writing one path each leave one whole file.
 *
 * vtdcert never overwrites what it did not write, so the target may be:
 *  - absent: created (renameat2 RENAME_NOREPLACE, or link(): a file made
 *    meanwhile is looked at again, never clobbered);
 *  - a regular file that is empty or starts as the caller's documents do
 *    (@own): replaced; any other regular file is refused (EEXIST);
 *  - a FIFO or a character device (/dev/null, /dev/stdout on a pipe,
 *    /dev/fd/N from a shell's process substitution), given directly or
 *    through a symbolic link: written in place. A FIFO is opened without
 *    blocking first, so one nobody reads is refused (ENXIO), not waited on.
 * A symbolic link to anything else is not followed (ELOOP); a directory
 * (EISDIR), a block device or a socket (EINVAL) is refused.
 */
#ifndef VTDCERT_UTIL_ATOMIC_FILE_H
#define VTDCERT_UTIL_ATOMIC_FILE_H

#include <stdio.h>

struct atomic_file {
	FILE *f;                    /* write here */
	char *path;                 /* the target */
	char *tmp;                  /* the temporary beside it; NULL when written in place */
	const char *own;            /* what the documents we may replace start with */
	/*
	 * After a refusal: why, in words. For EEXIST (a regular file that is
	 * not ours) it is 'it starts with "..."', for the caller to name the
	 * kind of document it expected. Empty when strerror(errno) says it all.
	 */
	char why[160];
};

/*
 * Open @path for writing a document that starts with @own (a string that
 * must outlive the commit; NULL: only an absent or empty file is
 * replaced). 0, or -1 with errno and a->why set (and nothing created).
 */
int atomic_file_open(struct atomic_file *a, const char *path, const char *own);
/*
 * Flush, sync and rename over the target (which is looked at again first,
 * by the same rules). 0, or -1 with errno and a->why set; on failure the
 * temporary is removed and the target left as it was.
 */
int atomic_file_commit(struct atomic_file *a);
/* Give up: remove the temporary, keep the target. */
void atomic_file_abort(struct atomic_file *a);

#endif
