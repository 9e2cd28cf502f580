/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel command line as Linux's VT-d code reads it
 * (drivers/iommu/intel/iommu.c intel_iommu_setup()): `intel_iommu=` takes a
 * comma list, may be given more than once, and a later option wins.
 */
#ifndef VTDCERT_REF_KERNEL_CMDLINE_H
#define VTDCERT_REF_KERNEL_CMDLINE_H

#include <stdbool.h>

/* 1 when intel_iommu= last says "on", 0 when "off", -1 when it says neither. */
int cmdline_intel_iommu(const char *cmdline);

/* Whether an intel_iommu= list names @option ("igfx_off", "sm_on", ...). */
bool cmdline_intel_iommu_has(const char *cmdline, const char *option);

#endif
