// SPDX-License-Identifier: GPL-2.0-or-later
/* The intremap suite: its checks. */
#include "intremap_suite.h"

static const struct vt_check *const intremap_checks[] = {
	&intremap_prediction, &intremap_unit_ir, &intremap_ioapic_scope, &intremap_hpet_scope, &intremap_eim,
	&intremap_x2apic_optout, &intremap_cmdline, &intremap_unsafe_interrupts, NULL,
};

static const char *intremap_subject(struct vt_env *env)
{
	(void)env;
	return "/sys/firmware/acpi/tables/DMAR";
}

const struct vt_suite intremap_suite = {
	.name = "intremap",
	.help = "interrupt remapping: whether the platform remaps and in which APIC mode, "
		"each cause, and VFIO's unsafe opt-in",
	.checks = intremap_checks,
	.subject = intremap_subject,
};
