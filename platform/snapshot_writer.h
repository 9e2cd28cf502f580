/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writing a snapshot directory safely. vtdcert never deletes or overwrites
 * anything it did not create, so:
 *
 *  - the snapshot is written into a new sibling of DIR
 *    (".DIRNAME.vtdcert-XXXXXX" in DIR's parent) and put in place only
 *    when the capture succeeded (snap_writer_close); a failed capture
 *    (snap_writer_abort) removes that sibling alone, by what it wrote;
 *  - DIR may be new or an empty directory; with --force it may also be a
 *    vtdcert snapshot holding nothing its manifest does not list, which is
 *    swapped out atomically (renameat2 RENAME_EXCHANGE) and then removed by
 *    its manifest: the listed files and links unlinked, then the
 *    directories rmdir()ed bottom-up, never a recursive removal;
 *  - every file is created new relative to a directory descriptor
 *    (O_EXCL | O_NOFOLLOW), so nothing is written or removed through a
 *    symbolic link.
 *
 * The manifest lists what was written, what the source did not have and
 * what could not be read (manifest.h).
 */
#ifndef VTDCERT_PLATFORM_SNAPSHOT_WRITER_H
#define VTDCERT_PLATFORM_SNAPSHOT_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "manifest.h"

enum snap_mode {
	SNAP_NEW,                   /* DIR does not exist */
	SNAP_EMPTY,                 /* DIR is an empty directory */
	SNAP_REPLACE,               /* --force: DIR is a snapshot, to be replaced */
};

struct snap_writer {
	int dir_fd;                 /* the temporary sibling: every write goes here */
	const char *dir;            /* DIR as given (messages name it) */
	struct vt_manifest manifest;
	size_t files, links, absent, unreadable, write_errors;
	/* The rest is snapshot_writer.c's own. */
	enum snap_mode mode;
	int parent_fd;              /* DIR's parent directory */
	char *parent;               /* its path (messages) */
	char *base;                 /* DIR's name in its parent */
	char *tmp;                  /* the temporary sibling's name in the parent */
	dev_t old_dev;              /* SNAP_REPLACE: the snapshot verified at open */
	ino_t old_ino;
	struct vt_names made_dirs;  /* every directory created, for abort */
};

/*
 * Open @dir for a new snapshot. @dir must not exist or be an empty
 * directory; with @force it may also be a vtdcert snapshot holding only
 * what its manifest lists (replaced at close). Anything else is refused and
 * nothing is touched. 0, or -1 with @err saying why.
 */
int snap_writer_open(struct snap_writer *w, const char *dir, bool force,
		     char *err, size_t errlen);
/* Write file @rel (created new); recorded in the manifest. 0 or -1. */
int snap_write_file(struct snap_writer *w, const char *rel, const void *data, size_t len);
/* Create symbolic link @rel -> @target; recorded. 0 or -1. */
int snap_write_link(struct snap_writer *w, const char *rel, const char *target);
/*
 * Create the empty directory @rel (parents as needed, never through a
 * link); recorded, so that a later --force knows it as the snapshot's. 0 or -1.
 */
int snap_write_dir(struct snap_writer *w, const char *rel);
/* Record that the source lacks @rel, or could not give it, and why. */
void snap_note(struct snap_writer *w, enum vt_manifest_kind kind, const char *rel,
	       const char *why);
/*
 * Write manifest.txt (source described by @source) and put the snapshot in
 * place of DIR: the capture's success. Refused (the snapshot removed, DIR
 * left as it was) after any write error. 0, or -1 said on stderr.
 */
int snap_writer_close(struct snap_writer *w, const char *source);
/*
 * The capture failed: remove the temporary sibling (only what was written
 * into it), leave DIR as it was, free everything.
 */
void snap_writer_abort(struct snap_writer *w);

#endif
