/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The identity of the machine a results document is about. */
#ifndef VTDCERT_FRAMEWORK_SYSTEM_H
#define VTDCERT_FRAMEWORK_SYSTEM_H

#include "env.h"
#include "../results/results.h"

/*
 * Fill the results' system identity: DMI (no serial numbers or UUIDs:
 * reports are published), the kernel release and command line; and the
 * source's input problems (PCI entries skipped, ...) once loaded.
 */
void vt_describe_system(struct vt_env *env, struct vt_results *rs);
void vt_record_problems(struct vt_env *env, struct vt_results *rs);

#endif
