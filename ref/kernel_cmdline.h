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

/*
 * `intremap=` (drivers/iommu/irq_remapping.c setup_irqremap()): 1 when
 * the last on/off option says on, 0 off, -1 neither; and whether an
 * option ("nosid", "no_x2apic_optout", "nopost") is given.
 */
int cmdline_intremap(const char *cmdline);
bool cmdline_intremap_has(const char *cmdline, const char *option);

/*
 * A boolean parameter ("vfio_iommu_type1.allow_unsafe_interrupts"): 1 or
 * 0 as its last valid setting says (kstrtobool()), -1 when not given.
 */
int cmdline_bool_param(const char *cmdline, const char *name);

#endif
