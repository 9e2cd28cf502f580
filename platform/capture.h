/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Snapshot capture: copy what the suites read from a platform (normally the
 * live system) into a directory laid out like "/". Read through the same
 * platform interface as the probes, so what is captured is what is checked.
 */
#ifndef VTDCERT_CAPTURE_H
#define VTDCERT_CAPTURE_H

#include <stddef.h>

#include "platform.h"

struct capture_stats {
	size_t files, links, dirs;
	size_t missing;             /* optional items the source lacked */
	size_t failed;              /* items that could not be read or written */
};

/*
 * Capture @src into @dir (created if needed). Returns 0, or -1 when @dir
 * cannot be written; per-item problems go to stderr and the stats.
 */
int vt_capture(struct vt_platform *src, const char *dir, struct capture_stats *st);

#endif
