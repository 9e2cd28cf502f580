/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The environment's parts, one definition each in the file that loads it
 * (env_tables.c, env_pci.c, ...); env_parts.c puts them in one table.
 */
#ifndef VTDCERT_FRAMEWORK_ENV_PARTS_H
#define VTDCERT_FRAMEWORK_ENV_PARTS_H

#include "env.h"

extern const struct vt_env_part_def vt_part_dmar, vt_part_madt, vt_part_hpet, vt_part_pci,
	vt_part_memmap, vt_part_units, vt_part_groups, vt_part_cmdline, vt_part_klog,
	vt_part_kversion, vt_part_cpu, vt_part_interrupts, vt_part_dmi;

/* Loaders whose part definition sits beside them. */
void vt_env_load_cpu(struct vt_env *e);
void vt_env_load_interrupts(struct vt_env *e);
void vt_env_load_memmap(struct vt_env *e);

#endif
