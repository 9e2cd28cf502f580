// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The machine's identity from DMI (sys/class/dmi/id), for the results'
 * system block and compatibility lists. No serial numbers or UUIDs are
 * read: reports are published.
 */
#include <stdio.h>
#include <stdlib.h>

#include "env_parts.h"
#include "../platform/snapshot_layout.h"
#include "../results/json.h"
#include "../util/xalloc.h"

static const char *const attrs[VT_DMI_COUNT] = {
	[VT_DMI_SYS_VENDOR] = "sys_vendor", [VT_DMI_PRODUCT_NAME] = "product_name",
	[VT_DMI_PRODUCT_VERSION] = "product_version",
	[VT_DMI_PRODUCT_FAMILY] = "product_family", [VT_DMI_PRODUCT_SKU] = "product_sku",
	[VT_DMI_BOARD_VENDOR] = "board_vendor", [VT_DMI_BOARD_NAME] = "board_name",
	[VT_DMI_BOARD_VERSION] = "board_version", [VT_DMI_BIOS_VENDOR] = "bios_vendor",
	[VT_DMI_BIOS_VERSION] = "bios_version", [VT_DMI_BIOS_DATE] = "bios_date",
	[VT_DMI_BIOS_RELEASE] = "bios_release", [VT_DMI_CHASSIS_VENDOR] = "chassis_vendor",
	[VT_DMI_CHASSIS_TYPE] = "chassis_type",
};

/* Each attribute may be missing (virtual machines leave many out): none is an error. */
static void load_dmi(struct vt_env *e)
{
	char rel[128], buf[1024];
	size_t i, found = 0;

	for (i = 0; i < VT_DMI_COUNT; i++) {
		snprintf(rel, sizeof(rel), PATH_DMI "/%s", attrs[i]);
		if (!vt_read_attr(e->plat, rel, buf, sizeof(buf)) && buf[0]) {
			e->dmi[i] = xstrdup(buf);
			found++;
		}
	}
	if (found)
		vt_env_set(e, VT_ENV_DMI, VT_AVAILABLE, NULL);
	else
		vt_env_set(e, VT_ENV_DMI, VT_UNKNOWN, "/%s: no identity attribute could be "
			   "read", PATH_DMI);
}

static void release_dmi(struct vt_env *e)
{
	size_t i;

	for (i = 0; i < VT_DMI_COUNT; i++) {
		free(e->dmi[i]);
		e->dmi[i] = NULL;
	}
}

static void json_dmi(struct json *j, struct vt_env *e)
{
	size_t i;

	json_key(j, "dmi");
	json_begin_object(j);
	for (i = 0; i < VT_DMI_COUNT; i++)
		json_kv_string(j, attrs[i], e->dmi[i]);
	json_end_object(j);
}

const struct vt_env_part_def vt_part_dmi = {
	.key = "dmi", .name = "system identity",
	.load = load_dmi, .release = release_dmi, .json = json_dmi,
};
