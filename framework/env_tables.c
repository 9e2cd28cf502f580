// SPDX-License-Identifier: GPL-2.0-or-later
/* ACPI tables: the DMAR table's bytes (the suite decodes) and the MADT. */
#include <errno.h>
#include <string.h>

#include "env.h"
#include "../platform/snapshot_layout.h"
#include "../util/xalloc.h"

void vt_env_load_dmar(struct vt_env *e)
{
	int rc = vt_read_file(e->plat, PATH_DMAR_TABLE, VT_MAX_ACPI_TABLE, &e->dmar);

	e->dmar_name = xstrdup("/" PATH_DMAR_TABLE);
	if (rc == -EACCES)
		vt_env_set(e, VT_ENV_DMAR, VT_BROKEN, "%s (ACPI tables are readable "
			   "by root only)", vt_platform_error(e->plat));
	else
		vt_env_set(e, VT_ENV_DMAR, vt_env_avail_of(rc), rc ? "%s" : NULL,
			   vt_platform_error(e->plat));
}

void vt_env_load_madt(struct vt_env *e)
{
	struct vt_blob b;
	char err[256];
	int rc = vt_read_file(e->plat, PATH_MADT_TABLE, VT_MAX_ACPI_TABLE, &b);

	if (rc) {
		vt_env_set(e, VT_ENV_MADT, vt_env_avail_of(rc), "%s",
			   vt_platform_error(e->plat));
		return;
	}
	if (madt_decode(b.data, b.len, &e->madt, err, sizeof(err)))
		vt_env_set(e, VT_ENV_MADT, VT_BROKEN, "/%s: %s", PATH_MADT_TABLE, err);
	else
		vt_env_set(e, VT_ENV_MADT, VT_AVAILABLE, NULL);
	vt_blob_free(&b);
}
