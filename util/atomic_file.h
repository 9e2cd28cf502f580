/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Replace a file whole or not at all: write a temporary file beside the
 * target and rename it over the target once everything is written. A run
 * killed mid-write, or a full disk, leaves the previous file (or none),
 * never half a report; two runs writing one path each leave one whole file.
 */
#ifndef VTDCERT_UTIL_ATOMIC_FILE_H
#define VTDCERT_UTIL_ATOMIC_FILE_H

#include <stdio.h>

struct atomic_file {
	FILE *f;                    /* write here */
	char *path;                 /* the target */
	char *tmp;                  /* the temporary beside it */
};

/* 0, or -1 with errno set (and nothing created). */
int atomic_file_open(struct atomic_file *a, const char *path);
/*
 * Flush, sync and rename over the target. 0, or -1 with errno set; on
 * failure the temporary is removed and the target left as it was.
 */
int atomic_file_commit(struct atomic_file *a);
/* Give up: remove the temporary, keep the target. */
void atomic_file_abort(struct atomic_file *a);

#endif
