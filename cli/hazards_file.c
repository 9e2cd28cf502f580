// SPDX-License-Identifier: GPL-2.0-or-later
/* --hazards FILE: the user's BAR hazard entries, read and parsed for the bar suite. */
#include <stdio.h>

#include "cli.h"
#include "../ref/bar_hazards.h"

/* A hand-written database is a few hundred lines; this cap only stops a wrong file. */
#define MAX_HAZARDS_FILE (4u << 20)

int load_hazards(const char *cmd, const char *path, struct bar_hazards *db)
{
	struct vt_blob b;
	char err[512];
	int rc;

	if (vt_read_path(path, MAX_HAZARDS_FILE, &b, err, sizeof(err))) {
		fprintf(stderr, "vtdcert %s: --hazards: %s\n", cmd, err);
		return -1;
	}
	rc = bar_hazards_parse(db, path, (const char *)b.data, b.len, err, sizeof(err));
	vt_blob_free(&b);
	if (rc)
		fprintf(stderr, "vtdcert %s: --hazards: %s\n", cmd, err);
	return rc;
}
