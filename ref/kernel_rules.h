/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Linux behaviour that changed between releases, as data: each rule names
 * the kernel function that decides, the mainline release that brought the
 * behaviour and the stable releases that took it. Checks that mirror a
 * kernel decision look their rule up here and judge by the kernel that
 * runs (kernel_version.h); with no version known they say what each side
 * of the boundary would decide. Pure C, no I/O.
 */
#ifndef VTDCERT_REF_KERNEL_RULES_H
#define VTDCERT_REF_KERNEL_RULES_H

#include "kernel_version.h"

struct kernel_rule {
	const char *function;       /* where Linux decides */
	const char *behaviour;      /* what holds from the version on */
	const char *commit;         /* the change, for the report */
	struct kernel_since since;
};

/* VT-d RMRRs are checked against the e820 map at all (f036c7fa0ab6, 5.5). */
extern const struct kernel_rule krule_rmrr_e820_check;
/*
 * The check accepts ACPI NVS beside reserved memory and judges by the type
 * of the entry that completes the coverage (5566e68d829f: 6.1-rc2; stable
 * 6.0.6, 5.15.76, 5.10.152).
 */
extern const struct kernel_rule krule_rmrr_nvs;
/* A device with a non-relaxable RMRR is refused at group claim, -EINVAL (6.6). */
extern const struct kernel_rule krule_rmrr_core_refusal;

/* "5.15.76, 5.10.152": the stable releases of @r, into @buf. */
char *kernel_rule_stable_text(const struct kernel_rule *r, char *buf, size_t size);

#endif
