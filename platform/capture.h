/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Snapshot capture: whatever the loaders read from a platform (normally
 * the live system) is copied into a new directory laid out like "/", with
 * a manifest. The loaders run over the source while it records (platform.h
 * struct vt_recorder), so what is captured is exactly what is checked.
 */
#ifndef VTDCERT_CAPTURE_H
#define VTDCERT_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "platform.h"

struct capture_stats {
	size_t files, links;
	size_t absent;              /* the source did not have it */
	size_t unreadable;          /* the source had it, but it could not be read */
	size_t required_failed;     /* inputs a snapshot needs that the source could not give */
	size_t write_errors;
	size_t manifest;            /* manifest entries */
};

/*
 * What reads the source: every loader of the environment, from the layer
 * above. Returns how many required inputs could not be read (said on stderr).
 */
struct capture_loader {
	void *arg;
	size_t (*run)(void *arg, struct vt_platform *src);
};

/*
 * Capture @src into @dir (new or empty; with @force, one that is a vtdcert
 * snapshot and nothing else). Returns 0, or -1 when @dir cannot be used or
 * written, or a required input was unreadable (said on stderr; st says
 * which): the snapshot is then not made, and a previous one stays whole.
 */
int vt_capture(struct vt_platform *src, const char *dir, bool force,
	       const struct capture_loader *load, struct capture_stats *st);

#endif
