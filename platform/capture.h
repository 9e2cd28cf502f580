/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Snapshot capture: copy what the suites read from a platform (normally the
 * live system) into a new directory laid out like "/", with a manifest.
 * Read through the same platform interface as the probes, so what is
 * captured is what is checked.
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
	size_t required_failed;     /* of those, inputs a snapshot needs */
	size_t write_errors;
	size_t manifest;            /* manifest entries */
};

/*
 * Capture @src into @dir: new or empty, or with @force a snapshot vtdcert
 * wrote that holds nothing else (snapshot_writer.h). The capture is
 * written beside @dir and put in place only when complete. Returns 0, or
 * -1 when @dir cannot be used or written, or a required input was
 * unreadable (st->required_failed); then @dir is left as it was.
 */
int vt_capture(struct vt_platform *src, const char *dir, bool force,
	       struct capture_stats *st);

#endif
