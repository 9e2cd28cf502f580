// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>

#include "kernel_rules.h"

const struct kernel_rule krule_rmrr_e820_check = {
	"arch/x86/include/asm/iommu.h arch_rmrr_sanity_check()",
	"RMRRs must lie in memory the e820 map reserves",
	"f036c7fa0ab6 \"iommu/vt-d: Check VT-d RMRR region in BIOS is reported as reserved\"",
	{ { 5, 5, 0 }, NULL, 0 },
};

static const struct kernel_version rmrr_nvs_stable[] = {
	{ 6, 0, 6 }, { 5, 15, 76 }, { 5, 10, 152 },
};

const struct kernel_rule krule_rmrr_nvs = {
	"arch/x86/include/asm/iommu.h arch_rmrr_sanity_check()",
	"an RMRR passes when the e820 entry completing its coverage is reserved or ACPI NVS",
	"5566e68d829f \"iommu/vt-d: Allow NVS regions in arch_rmrr_sanity_check()\"",
	{ { 6, 1, 0 }, rmrr_nvs_stable, sizeof(rmrr_nvs_stable) / sizeof(rmrr_nvs_stable[0]) },
};

const struct kernel_rule krule_rmrr_core_refusal = {
	"drivers/iommu/iommu.c __iommu_device_set_domain()",
	"a device with an RMRR (IOMMU_RESV_DIRECT) refuses a blocking domain: -EINVAL",
	"a48ce36e2786 \"iommu: Prevent RESV_DIRECT devices from blocking domains\"",
	{ { 6, 6, 0 }, NULL, 0 },
};

char *kernel_rule_stable_text(const struct kernel_rule *r, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < r->since.nstable && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%u.%u.%u", i ? ", " : "",
					r->since.stable[i].major, r->since.stable[i].minor,
					r->since.stable[i].patch);
	return buf;
}
