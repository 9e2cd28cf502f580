/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VTDCERT_SUITES_DMAR_ENV_H
#define VTDCERT_SUITES_DMAR_ENV_H

#include "dmar_suite.h"

/* Gather what the platform checks read; missing parts carry the reason. */
void dmar_env_load(struct dmar_env *env, struct vt_platform *p);
void dmar_env_free(struct dmar_env *env);

#endif
