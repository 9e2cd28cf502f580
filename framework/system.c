// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>

#include "system.h"
#include "../platform/snapshot_layout.h"
#include "../util/xalloc.h"

void vt_describe_system(struct vt_env *env, struct vt_results *rs)
{
	static const struct {
		enum vt_system_field field;
		const char *attr;
	} dmi[] = {
		{ VT_SYS_VENDOR, "sys_vendor" }, { VT_SYS_PRODUCT, "product_name" },
		{ VT_SYS_VERSION, "product_version" },
		{ VT_SYS_BOARD_VENDOR, "board_vendor" }, { VT_SYS_BOARD, "board_name" },
		{ VT_SYS_BIOS_VENDOR, "bios_vendor" },
		{ VT_SYS_BIOS_VERSION, "bios_version" }, { VT_SYS_BIOS_DATE, "bios_date" },
	};
	char rel[128], buf[1024];
	size_t i;

	if (!env->plat)
		return;
	for (i = 0; i < sizeof(dmi) / sizeof(dmi[0]); i++) {
		snprintf(rel, sizeof(rel), PATH_DMI "/%s", dmi[i].attr);
		if (!vt_read_attr(env->plat, rel, buf, sizeof(buf)) && buf[0])
			vt_results_set_system(rs, dmi[i].field, buf);
	}
	if (vt_env_has(env, VT_ENV_KVERSION))
		vt_results_set_system(rs, VT_SYS_KERNEL, env->kernel_release);
	if (vt_env_has(env, VT_ENV_CMDLINE))
		vt_results_set_system(rs, VT_SYS_CMDLINE, env->cmdline);
}

void vt_record_problems(struct vt_env *env, struct vt_results *rs)
{
	size_t i;

	/* A part that is there but bad is worth saying even if no check needed it. */
	for (i = 0; i < VT_ENV_PART_COUNT; i++)
		if (env->part[i].avail == VT_BROKEN) {
			char *p = xasprintf("%s: %s", vt_env_part_name((enum vt_env_part)i),
					    vt_env_why(env, (enum vt_env_part)i));

			vt_results_add_problem(rs, p);
			free(p);
		}
	for (i = 0; i < env->pci_problems.n; i++)
		vt_results_add_problem(rs, env->pci_problems.v[i]);
}
