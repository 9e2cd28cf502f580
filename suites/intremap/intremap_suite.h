/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The intremap suite: whether the platform remaps interrupts and in which
 * APIC mode, each cause on its own (a unit without IR, an IOAPIC or HPET
 * outside every scope, EIM missing, the firmware's x2APIC opt-out, the
 * command line), and VFIO's unsafe opt-in.
 */
#ifndef VTDCERT_SUITES_INTREMAP_SUITE_H
#define VTDCERT_SUITES_INTREMAP_SUITE_H

#include "../../framework/suite.h"

extern const struct vt_suite intremap_suite;

extern const struct vt_check intremap_prediction, intremap_unit_ir, intremap_ioapic_scope, intremap_hpet_scope,
	intremap_eim, intremap_x2apic_optout, intremap_cmdline, intremap_unsafe_interrupts;

#endif
