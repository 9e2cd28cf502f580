/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writing a snapshot directory safely: only into a directory that is empty
 * (or cleared on request), every file created new relative to a directory
 * descriptor (O_EXCL | O_NOFOLLOW), so nothing is ever written through a
 * symbolic link; and a manifest of what was written, what the source did
 * not have and what could not be read.
 */
#ifndef VTDCERT_PLATFORM_SNAPSHOT_WRITER_H
#define VTDCERT_PLATFORM_SNAPSHOT_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "manifest.h"

struct snap_writer {
	int dir_fd;
	const char *dir;
	struct vt_manifest manifest;
	size_t files, links, absent, unreadable, write_errors;
};

/*
 * Open @dir for a new snapshot: created when missing; refused when it
 * holds anything, unless @force, which clears it (links removed, never
 * followed). 0, or -1 with @err saying why.
 */
int snap_writer_open(struct snap_writer *w, const char *dir, bool force,
		     char *err, size_t errlen);
/* Write file @rel (created new); recorded in the manifest. 0 or -1. */
int snap_write_file(struct snap_writer *w, const char *rel, const void *data, size_t len);
/* Create symbolic link @rel -> @target; recorded. 0 or -1. */
int snap_write_link(struct snap_writer *w, const char *rel, const char *target);
/* Record that the source lacks @rel, or could not give it, and why. */
void snap_note(struct snap_writer *w, enum vt_manifest_kind kind, const char *rel,
	       const char *why);
/* Write manifest.txt (source described by @source) and close. 0 or -1. */
int snap_writer_close(struct snap_writer *w, const char *source);

#endif
