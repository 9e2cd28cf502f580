/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What vtdcert keeps of a remapping unit's registers (vtd_regs.h): the
 * registers the suites read, in one table with their width, and each
 * register's fields by name, so that a unit can be shown field by field
 * (`vtdcert env`). Pure C, no I/O.
 */
#ifndef VTDCERT_REF_VTD_UNIT_H
#define VTDCERT_REF_VTD_UNIT_H

#include <stddef.h>

#include "vtd_regs.h"

enum vtd_unit_reg {
	VTD_UR_VER, VTD_UR_CAP, VTD_UR_ECAP, VTD_UR_GSTS, VTD_UR_RTADDR, VTD_UR_FSTS,
	VTD_UR_FECTL, VTD_UR_PMEN, VTD_UR_IQA, VTD_UR_IRTA, VTD_UR_COUNT
};

struct vtd_unit_reg_def {
	struct vtd_reg_def reg;
	const struct vtd_field_def *fields;     /* ended by a NULL name */
};

/* Indexed by enum vtd_unit_reg. */
extern const struct vtd_unit_reg_def vtd_unit_regs[VTD_UR_COUNT];

/* "QI DT IR EIM PT SC": the ECAP features a lab asks about first, into @buf. */
char *vtd_ecap_features(uint64_t ecap, char *buf, size_t size);

#endif
