/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every check of every suite, for listings and docs/checks.md. */
#ifndef VTDCERT_SUITES_REGISTRY_H
#define VTDCERT_SUITES_REGISTRY_H

#include <stddef.h>

#include "../results/results.h"

struct vt_platform;

/* A suite as `vtdcert run` sees it. */
struct vt_suite {
	const char *name;
	const char *help;
	/* Run every check on the platform; returns inputs that were unusable. */
	size_t (*run)(struct vt_results *rs, struct vt_platform *p);
};

/* The suites, in run order; NULL-terminated. */
extern const struct vt_suite *const vt_suites[];
const struct vt_suite *vt_find_suite(const char *name);

/* All checks, suite by suite, in run order. */
size_t vt_all_checks(const struct vt_check_info ***out);

#endif
