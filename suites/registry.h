/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Every suite, in run order. `vtdcert run`, `vtdcert checks`,
 * docs/checks.md and the unit-test guard all iterate this one list.
 */
#ifndef VTDCERT_SUITES_REGISTRY_H
#define VTDCERT_SUITES_REGISTRY_H

#include "../framework/suite.h"

/* NULL-terminated. */
extern const struct vt_suite *const vt_suites[];
const struct vt_suite *vt_find_suite(const char *name);
/* The check with ID @id and its suite (@suite may be NULL); NULL when none. */
const struct vt_check *vt_find_check(const char *id, const struct vt_suite **suite);

#endif
