// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The DMAR suite: its checks in run order. The table is read and decoded
 * once by the environment; its gate says why there is none to check.
 */
#include "dmar_suite.h"

static const struct vt_check *const dmar_checks[] = {
	&dmar_table_signature, &dmar_table_length, &dmar_table_checksum, &dmar_table_haw,
	&dmar_table_flags, &dmar_table_has_drhd,
	&dmar_struct_length, &dmar_struct_order, &dmar_struct_type_known, &dmar_scope_length,
	&dmar_scope_type_valid, &dmar_segment_has_drhd,
	&dmar_drhd_base_nonzero, &dmar_drhd_base_aligned, &dmar_drhd_base_unique,
	&dmar_drhd_include_all_unique, &dmar_drhd_include_all_last,
	&dmar_drhd_include_all_scopes, &dmar_drhd_has_scope,
	&dmar_rmrr_aligned, &dmar_rmrr_range, &dmar_rmrr_overlap, &dmar_rmrr_has_scope,
	&dmar_atsr_scope, &dmar_rhsa_drhd_exists, &dmar_andd_name, &dmar_andd_referenced,
	&dmar_namespace_has_andd,
	&dmar_scope_device_present, &dmar_scope_header_type,
	&dmar_rmrr_reserved_memory,
	&dmar_drhd_registers, &dmar_drhd_iommu_unit, &dmar_kernel_iommu_enabled,
	&dmar_kernel_firmware_bugs,
	NULL,
};

/* Results name the table: the machine's path, or the file given. */
static const char *table_name(struct vt_env *env)
{
	vt_env_load(env, VT_ENV_DMAR);
	return env->dmar_name;
}

const struct vt_suite dmar_suite = {
	.name = "dmar",
	.help = "ACPI DMAR table against VT-d and the live PCI tree",
	.gate = &dmar_table_signature,
	.checks = dmar_checks,
	.subject = table_name,
};
