// SPDX-License-Identifier: GPL-2.0-or-later
/* Checks of ATSR (VT-d §8.5), RHSA (§8.6) and ANDD (§8.7) structures. */
#include <string.h>

#include "dmar_suite.h"

static void atsr_scope(struct vt_ctx *ctx, const struct vt_item *it)
{
	bool all_ports = it->st->u.atsr.flags & ATSR_FLAG_ALL_PORTS;

	if (!all_ports && !it->st->nscopes)
		vt_verdict(ctx, VT_FAIL, "ALL_PORTS is clear and no root port is listed: the "
			   "structure says nothing");
	else
		vt_expect(ctx, !all_ports || !it->st->nscopes, VT_WARN, "ALL_PORTS is set, yet "
			  "%zu root ports are listed (they are ignored)", it->st->nscopes);
}

const struct vt_check dmar_atsr_scope = {
	VT_CHECK("dmar.atsr.scope", VT_SEV_MEDIUM, VT_NEED_TABLE,
		 "an ATSR either sets ALL_PORTS or lists root ports, not neither and not both",
		 "VT-d 4.1 §8.5"),
	.items = &vt_items_atsrs, .judge = atsr_scope,
	.none = "no ATSR structure to check",
	.all = "%zu ATSRs set ALL_PORTS or list root ports, not both",
};

static void rhsa_drhd(struct vt_ctx *ctx, const struct vt_item *it)
{
	uint64_t base = it->st->u.rhsa.register_base;

	vt_ev_uint(vt_expect(ctx, dmar_drhd_with_base(DMAR_X(ctx), base) != DMAR_NO_STRUCT,
			     VT_FAIL, "Register Base Address 0x%llx (proximity domain %u) is that "
			     "of no DRHD", (unsigned long long)base,
			     it->st->u.rhsa.proximity_domain), "register_base", base);
}

const struct vt_check dmar_rhsa_drhd_exists = {
	VT_CHECK("dmar.rhsa.drhd-exists", VT_SEV_MEDIUM, VT_NEED_TABLE,
		 "every RHSA register base is that of a DRHD",
		 "VT-d 4.1 §8.6; Linux dmar.c dmar_parse_one_rhsa() \"RHSA refers to "
		 "non-existent DMAR unit\""),
	.items = &vt_items_rhsas, .judge = rhsa_drhd,
	.none = "no RHSA structure to check",
	.all = "%zu RHSAs each name a DRHD",
};

static void andd_name(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct dmar_struct *s = it->st;
	bool named = s->tail_len && s->tail[0];

	vt_expect(ctx, named && memchr(s->tail, '\0', s->tail_len), VT_FAIL, named ?
		  "ACPI Object Name (%zu bytes from offset 0x%x) has no terminating NUL" :
		  "ACPI Object Name (%zu bytes from offset 0x%x) is empty", s->tail_len,
		  s->offset + ANDD_OBJECT_NAME);
}

const struct vt_check dmar_andd_name = {
	VT_CHECK("dmar.andd.name-terminated", VT_SEV_HIGH, VT_NEED_TABLE,
		 "every ANDD object name is non-empty and NUL-terminated",
		 "VT-d 4.1 §8.7; Linux dmar.c dmar_parse_one_andd()"),
	.items = &vt_items_andds, .judge = andd_name,
	.none = "no ANDD structure to check",
	.all = "%zu ANDD object names are NUL-terminated",
};

/*
 * Only a DRHD puts the device under a remapping unit; Linux looks nowhere
 * else (dmar.c dmar_acpi_insert_dev_scope(): "No IOMMU scope found for ANDD").
 */
static void andd_referenced(struct vt_ctx *ctx, const struct vt_item *it)
{
	uint8_t id = it->st->u.andd.device_number;

	vt_ev_uint(vt_expect(ctx, DMAR_X(ctx)->drhd_ns[id], VT_FAIL, "ANDD device number %u "
			     "is named by no ACPI namespace device scope of a DRHD", id),
		   "device_number", id);
}

const struct vt_check dmar_andd_referenced = {
	VT_CHECK("dmar.andd.referenced", VT_SEV_MEDIUM, VT_NEED_TABLE,
		 "every ANDD is named by an ACPI namespace device scope of a DRHD",
		 "VT-d 4.1 §8.7, §8.3.1.3"),
	.items = &vt_items_andds, .judge = andd_referenced,
	.none = "no ANDD structure to check",
	.all = "%zu ANDDs each named by a namespace device scope",
};

static void namespace_has_andd(struct vt_ctx *ctx, const struct vt_item *it)
{
	uint8_t id = it->scope->enumeration_id;

	if (it->scope->type != SCOPE_TYPE_NAMESPACE)
		return;
	vt_ev_uint(vt_expect(ctx, DMAR_X(ctx)->andd[id], VT_FAIL, "ACPI namespace device scope "
			     "names device number %u, which no ANDD declares", id),
		   "enumeration_id", id);
}

const struct vt_check dmar_namespace_has_andd = {
	VT_CHECK("dmar.scope.namespace-has-andd", VT_SEV_HIGH, VT_NEED_TABLE,
		 "every ACPI namespace device scope names a device an ANDD declares",
		 "VT-d 4.1 §8.3.1.3; Linux dmar.c dmar_acpi_insert_dev_scope()"),
	.items = &vt_items_scopes, .judge = namespace_has_andd,
	.none = "no ACPI namespace device scope",
	.all = "%zu namespace device scopes each declared by an ANDD",
};
