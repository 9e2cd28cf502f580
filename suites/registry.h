/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every check of every suite, for listings and docs/checks.md. */
#ifndef VTDCERT_SUITES_REGISTRY_H
#define VTDCERT_SUITES_REGISTRY_H

#include <stddef.h>

#include "../results/results.h"

/* All checks, suite by suite, in run order. */
size_t vt_all_checks(const struct vt_check_info ***out);

#endif
