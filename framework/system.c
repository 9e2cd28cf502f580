// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>

#include "system.h"
#include "../util/xalloc.h"

void vt_describe_system(struct vt_env *env, struct vt_results *rs)
{
	static const struct {
		enum vt_system_field field;
		enum vt_dmi_field dmi;
	} dmi[] = {
		{ VT_SYS_VENDOR, VT_DMI_SYS_VENDOR }, { VT_SYS_PRODUCT, VT_DMI_PRODUCT_NAME },
		{ VT_SYS_VERSION, VT_DMI_PRODUCT_VERSION },
		{ VT_SYS_BOARD_VENDOR, VT_DMI_BOARD_VENDOR }, { VT_SYS_BOARD, VT_DMI_BOARD_NAME },
		{ VT_SYS_BIOS_VENDOR, VT_DMI_BIOS_VENDOR },
		{ VT_SYS_BIOS_VERSION, VT_DMI_BIOS_VERSION },
		{ VT_SYS_BIOS_DATE, VT_DMI_BIOS_DATE },
	};
	size_t i;

	if (!env->plat)
		return;
	if (vt_env_has(env, VT_ENV_DMI))
		for (i = 0; i < sizeof(dmi) / sizeof(dmi[0]); i++)
			vt_results_set_system(rs, dmi[i].field, env->dmi[dmi[i].dmi]);
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
