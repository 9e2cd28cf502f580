/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The environment as JSON: what vtdcert saw of a machine (`vtdcert env`). */
#ifndef VTDCERT_FRAMEWORK_ENV_JSON_H
#define VTDCERT_FRAMEWORK_ENV_JSON_H

#include <stdio.h>

#include "env.h"

/* Load every part and write them to @f. 0, or -1 when the stream failed. */
int vt_env_write_json(struct vt_env *e, FILE *f);

#endif
