/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What in a directory is a snapshot's own, i.e. what vtdcert wrote there,
 * as its manifest lists it; and removing exactly that, nothing else. Used
 * by snapshot_writer.c, for `capture --force` and for a failed capture.
 * Links are never followed: each path is opened one component at a time
 * with O_NOFOLLOW relative to the snapshot's directory descriptor.
 */
#ifndef VTDCERT_PLATFORM_SNAPSHOT_OWNED_H
#define VTDCERT_PLATFORM_SNAPSHOT_OWNED_H

#include <stddef.h>

#include "manifest.h"

/*
 * The directory holding @rel beneath @root_fd, opened one component at a
 * time, never through a link; *@base is @rel's last component. With @made,
 * missing directories are created and each recorded in @made (as a path
 * relative to the root). A component that is empty, "." or ".." is EINVAL.
 * A descriptor, or -1 with errno.
 */
int snap_open_parent(int root_fd, const char *rel, const char **base, struct vt_names *made);

/*
 * Whether the directory @fd (named @dir in messages) is a vtdcert snapshot
 * holding nothing but what its manifest lists: the files (with the size
 * and SHA-256 recorded) and links (with the target recorded) it names,
 * manifest.txt, the directories it names and those that lead to listed
 * paths. 0 with *@out the parsed manifest (caller frees), or -1 with @err
 * naming the first entry that is not the snapshot's (entries sorted by name).
 */
int snap_owned_check(int fd, const char *dir, struct vt_manifest **out, char *err,
		     size_t errlen);

/*
 * Remove beneath @fd what @m lists as files and links (each only when it
 * is still of that type), manifest.txt, then with rmdir(), deepest first,
 * the directories @m lists or implies and those in @dirs (may be NULL).
 * A directory that is not empty, or an entry of another type, is left with
 * a warning naming it under @where. Returns how many entries were left.
 */
size_t snap_owned_remove(int fd, const struct vt_manifest *m, const struct vt_names *dirs,
			 const char *where);

#endif
