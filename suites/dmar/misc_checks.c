// SPDX-License-Identifier: GPL-2.0-or-later
/* Checks of ATSR (VT-d §8.5), RHSA (§8.6) and ANDD (§8.7) structures. */
#include <string.h>

#include "dmar_suite.h"

static void check_atsr_scope(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];
		bool all_ports;

		if (s->type != DMAR_TYPE_ATSR || s->truncated)
			continue;
		seen++;
		all_ports = s->u.atsr.flags & ATSR_FLAG_ALL_PORTS;
		if (!all_ports && !s->nscopes) {
			dmar_report_struct(ctx, VT_FAIL, i,
					   "ALL_PORTS is clear and no root port is listed: "
					   "the structure says nothing");
			bad++;
		} else if (all_ports && s->nscopes) {
			dmar_report_struct(ctx, VT_WARN, i,
					   "ALL_PORTS is set, yet %zu root ports are listed "
					   "(they are ignored)", s->nscopes);
			bad++;
		}
	}
	vt_conclude(ctx, bad, seen, "no ATSR structure to check",
		      "%zu ATSRs set ALL_PORTS or list root ports, not both", seen);
}

static void check_rhsa_drhd(struct vt_ctx *ctx)
{
	size_t i, j, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];
		bool found = false;

		if (s->type != DMAR_TYPE_RHSA || s->truncated)
			continue;
		seen++;
		for (j = 0; j < DMAR_T(ctx)->nstructs && !found; j++) {
			const struct dmar_struct *d = &DMAR_T(ctx)->structs[j];

			found = d->type == DMAR_TYPE_DRHD && !d->truncated &&
				d->u.drhd.register_base == s->u.rhsa.register_base;
		}
		if (found)
			continue;
		vt_ev_uint(dmar_report_struct(ctx, VT_FAIL, i,
			   "Register Base Address 0x%llx (proximity domain %u) is "
			   "that of no DRHD", (unsigned long long)s->u.rhsa.register_base,
			   s->u.rhsa.proximity_domain),
			   "register_base", s->u.rhsa.register_base);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no RHSA structure to check",
		      "%zu RHSAs each name a DRHD", seen);
}

static void check_andd_name(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];

		if (s->type != DMAR_TYPE_ANDD || s->truncated)
			continue;
		seen++;
		if (s->tail_len && memchr(s->tail, '\0', s->tail_len) && s->tail[0])
			continue;
		dmar_report_struct(ctx, VT_FAIL, i, s->tail_len && s->tail[0] ?
				   "ACPI Object Name (%zu bytes from offset 0x%x) has no "
				   "terminating NUL" :
				   "ACPI Object Name (%zu bytes from offset 0x%x) is empty",
				   s->tail_len, s->offset + ANDD_OBJECT_NAME);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no ANDD structure to check",
		      "%zu ANDD object names are NUL-terminated", seen);
}

/*
 * Does some DRHD carry a namespace scope with this enumeration ID? Only a
 * DRHD puts the device under a remapping unit; Linux looks nowhere else
 * (dmar.c dmar_acpi_insert_dev_scope(): "No IOMMU scope found for ANDD").
 */
static bool namespace_scope_for(const struct dmar_table *t, uint8_t id)
{
	size_t i, j;

	for (i = 0; i < t->nstructs; i++)
		for (j = 0; t->structs[i].type == DMAR_TYPE_DRHD &&
			    j < t->structs[i].nscopes; j++)
			if (t->structs[i].scopes[j].type == SCOPE_TYPE_NAMESPACE &&
			    t->structs[i].scopes[j].enumeration_id == id)
				return true;
	return false;
}

static bool andd_for(const struct dmar_table *t, uint8_t id)
{
	size_t i;

	for (i = 0; i < t->nstructs; i++)
		if (t->structs[i].type == DMAR_TYPE_ANDD && !t->structs[i].truncated &&
		    t->structs[i].u.andd.device_number == id)
			return true;
	return false;
}

static void check_andd_referenced(struct vt_ctx *ctx)
{
	size_t i, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];

		if (s->type != DMAR_TYPE_ANDD || s->truncated)
			continue;
		seen++;
		if (namespace_scope_for(DMAR_T(ctx), s->u.andd.device_number))
			continue;
		vt_ev_uint(dmar_report_struct(ctx, VT_FAIL, i,
			   "ANDD device number %u is named by no ACPI namespace device "
			   "scope of a DRHD", s->u.andd.device_number),
			   "device_number", s->u.andd.device_number);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no ANDD structure to check",
		      "%zu ANDDs each named by a namespace device scope", seen);
}

static void check_namespace_has_andd(struct vt_ctx *ctx)
{
	size_t i, j, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];

		for (j = 0; j < s->nscopes; j++) {
			const struct dmar_scope *sc = &s->scopes[j];

			if (sc->type != SCOPE_TYPE_NAMESPACE)
				continue;
			seen++;
			if (andd_for(DMAR_T(ctx), sc->enumeration_id))
				continue;
			vt_ev_uint(dmar_report_scope(ctx, VT_FAIL, i, j,
				   "ACPI namespace device scope names device number %u, "
				   "which no ANDD declares", sc->enumeration_id),
				   "enumeration_id", sc->enumeration_id);
			bad++;
		}
	}
	vt_conclude(ctx, bad, seen, "no ACPI namespace device scope",
		      "%zu namespace device scopes each declared by an ANDD", seen);
}

const struct vt_check dmar_misc_checks[] = {
	{ { "dmar.atsr.scope", VT_SEV_MEDIUM, VT_NEED_TABLE,
	    "an ATSR either sets ALL_PORTS or lists root ports, not neither and not both",
	    "VT-d 4.1 §8.5" }, check_atsr_scope },
	{ { "dmar.rhsa.drhd-exists", VT_SEV_MEDIUM, VT_NEED_TABLE,
	    "every RHSA register base is that of a DRHD",
	    "VT-d 4.1 §8.6; Linux dmar.c dmar_parse_one_rhsa() \"RHSA refers to non-existent DMAR unit\"" },
	  check_rhsa_drhd },
	{ { "dmar.andd.name-terminated", VT_SEV_HIGH, VT_NEED_TABLE,
	    "every ANDD object name is non-empty and NUL-terminated",
	    "VT-d 4.1 §8.7; Linux dmar.c dmar_parse_one_andd()" },
	  check_andd_name },
	{ { "dmar.andd.referenced", VT_SEV_MEDIUM, VT_NEED_TABLE,
	    "every ANDD is named by an ACPI namespace device scope of a DRHD",
	    "VT-d 4.1 §8.7, §8.3.1.3" }, check_andd_referenced },
	{ { "dmar.scope.namespace-has-andd", VT_SEV_HIGH, VT_NEED_TABLE,
	    "every ACPI namespace device scope names a device an ANDD declares",
	    "VT-d 4.1 §8.3.1.3; Linux dmar.c dmar_acpi_insert_dev_scope()" },
	  check_namespace_has_andd },
	{ { 0 }, 0 }
};
