/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The reference's word on interrupt remapping for this environment
 * (ref/ir_decision.h over the DMAR table, MADT, units' ECAP, CPU and
 * command line), and what the kernel shows (ref/kernel_intremap_log.h over
 * its log and /proc/interrupts): shared by the intremap and msi suites.
 */
#ifndef VTDCERT_SUITES_INTREMAP_VIEW_H
#define VTDCERT_SUITES_INTREMAP_VIEW_H

#include "../../framework/suite.h"
#include "../../ref/ir_decision.h"
#include "../../ref/kernel_intremap_log.h"

void intremap_predict(struct vt_env *env, struct ir_decision *d);
void intremap_observe(struct vt_env *env, struct kernel_ir_seen *seen);

/* {"remapping", "x2apic", "reasons": [...]} under @key of @r's evidence. */
void intremap_ev_prediction(struct vt_result *r, const char *key, const struct ir_decision *d);

#endif
