// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the kernel made of the IOMMU and what the firmware describes: the
 * remapping units (the DRHDs' and /sys/class/iommu/dmarN, joined by base)
 * with their registers, and the groups (/sys/kernel/iommu_groups/N). A
 * directory that is absent on the machine means none; one that is unknown
 * (a partial snapshot) leaves the part unknown.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env_parts.h"
#include "../platform/snapshot_layout.h"
#include "../results/json.h"
#include "../util/xalloc.h"

#define IOMMU_UNIT_PREFIX "dmar"
#define FROM_SYSFS        "the kernel's sysfs"

static struct iommu_unit *new_unit(struct vt_env *e)
{
	struct iommu_unit *u;

	e->units = xgrow(e->units, e->nunits, sizeof(*e->units));
	u = &e->units[e->nunits++];
	memset(u, 0, sizeof(*u));
	u->drhd = DMAR_NO_STRUCT;
	return u;
}

static void keep_reg(struct iommu_unit *u, enum vtd_unit_reg r, uint64_t v, const char *from)
{
	u->reg[r] = v;
	u->known |= 1u << r;
	u->from[r] = from;
}

/* "1:0" as the kernel shows VER (intel/iommu.c version_show()): MAX:MIN. */
static void version_reg(struct iommu_unit *u)
{
	unsigned max, min;
	char tail;

	if (sscanf(u->version, "%u:%u%c", &max, &min, &tail) == 2 && max < 16 && min < 16)
		keep_reg(u, VTD_UR_VER, (uint64_t)max << 4 | min, FROM_SYSFS);
}

/* A unit the kernel registered: /sys/class/iommu/NAME/intel-iommu/. */
static void kernel_unit(struct vt_env *e, const char *name)
{
	struct vt_platform *p = e->plat;
	struct iommu_unit *u = new_unit(e);
	uint64_t v;
	char rel[256];

	snprintf(u->name, sizeof(u->name), "%s", name);
	snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu/address", name);
	u->address_known = !vt_read_attr_u64(p, rel, 16, &u->address);
	if (!u->address_known)
		snprintf(u->why, sizeof(u->why), "%s", vt_platform_error(p));
	snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu/cap", name);
	if (!vt_read_attr_u64(p, rel, 16, &v))
		keep_reg(u, VTD_UR_CAP, v, FROM_SYSFS);
	else if (u->address_known)
		snprintf(u->why, sizeof(u->why), "%s", vt_platform_error(p));
	snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu/ecap", name);
	if (!vt_read_attr_u64(p, rel, 16, &v))
		keep_reg(u, VTD_UR_ECAP, v, FROM_SYSFS);
	snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu/version", name);
	if (vt_read_attr(p, rel, u->version, sizeof(u->version)))
		u->version[0] = '\0';
	version_reg(u);
	e->kernel_units++;
}

/* The kernel's units; 0, or the platform's error for the class directory. */
static int kernel_units(struct vt_env *e)
{
	struct vt_names n;
	size_t i;
	int rc = vt_list_dir(e->plat, PATH_IOMMU_CLASS, &n);

	if (rc == -ENOENT)          /* no class directory: no unit */
		return 0;
	if (rc)
		return rc;
	for (i = 0; i < n.n; i++)
		if (!strncmp(n.v[i], IOMMU_UNIT_PREFIX, strlen(IOMMU_UNIT_PREFIX)))
			kernel_unit(e, n.v[i]);
	vt_names_free(&n);
	return 0;
}

/*
 * The units the DRHDs name, in table order, each joined with the kernel's
 * unit at its base; the kernel's others follow. A base two DRHDs name is
 * one unit (dmar.drhd.base-unique speaks of the duplicate).
 */
static void join_drhds(struct vt_env *e)
{
	const struct dmar_table *t = &e->table;
	size_t kernel = e->nunits, i, k;
	struct iommu_unit *all = e->units;

	e->units = NULL;
	e->nunits = 0;
	for (i = 0; vt_env_ready(e, VT_ENV_DMAR) && i < t->nstructs; i++) {
		const struct dmar_struct *s = &t->structs[i];
		uint64_t base = s->u.drhd.register_base;
		struct iommu_unit *u;

		if (!dmar_drhd_usable(s) || dmar_drhd_with_base(&e->dmar_x, base) != (long)i)
			continue;
		for (k = 0; k < kernel; k++)
			if (all[k].address_known && all[k].address == base && all[k].drhd < 0)
				break;
		u = new_unit(e);
		if (k < kernel)
			*u = all[k];
		u->drhd = (long)i;
		u->address_known = true;
		u->address = base;
		if (k < kernel)
			all[k].drhd = (long)i;
	}
	for (k = 0; k < kernel; k++)
		if (all[k].drhd < 0)
			*new_unit(e) = all[k];
	free(all);
}

/*
 * Registers the kernel did not show, read at the unit's base (/dev/mem, a
 * snapshot's mmio.txt). The first failure joins the reason the unit's
 * registers are unknown.
 */
static void read_registers(struct vt_env *e, struct iommu_unit *u)
{
	const char *from = e->live ? "/dev/mem" : "the snapshot's mmio.txt";
	bool said = false;
	unsigned r;

	for (r = 0; r < VTD_UR_COUNT; r++) {
		const struct vtd_reg_def *d = &vtd_unit_regs[r].reg;
		char why[sizeof(u->why) + 512];
		uint64_t v;

		if (iommu_unit_has(u, r))
			continue;
		if (!vt_mmio_read(e->plat, u->address + d->offset, d->width, &v)) {
			keep_reg(u, r, v, from);
			continue;
		}
		if (said)
			continue;
		said = true;
		snprintf(why, sizeof(why), "%s%s%s", u->why[0] ? u->why : u->name[0] ? "" :
			 "no kernel IOMMU unit at this base", u->why[0] || !u->name[0] ? "; " : "",
			 vt_platform_error(e->plat));
		memcpy(u->why, why, sizeof(u->why) - 1);
		u->why[sizeof(u->why) - 1] = '\0';
	}
}

static void load_units(struct vt_env *e)
{
	size_t i;
	int rc = kernel_units(e);

	if (rc) {
		vt_env_read_failed(e, VT_ENV_UNITS, rc);
		return;
	}
	join_drhds(e);
	for (i = 0; i < e->nunits; i++)
		if (e->units[i].address_known)
			read_registers(e, &e->units[i]);
	vt_env_set(e, VT_ENV_UNITS, VT_AVAILABLE, NULL);
}

static void release_units(struct vt_env *e)
{
	free(e->units);
	e->units = NULL;
	e->nunits = e->kernel_units = 0;
}

void vt_json_unit_register(struct json *j, enum vtd_unit_reg r, uint64_t v, const char *from)
{
	const struct vtd_unit_reg_def *d = &vtd_unit_regs[r];
	const struct vtd_field_def *f;

	json_key(j, d->reg.name);
	json_begin_object(j);
	json_kv_uint(j, "value", v);
	json_kv_string(j, "from", from);
	json_key(j, "fields");
	json_begin_object(j);
	for (f = d->fields; f->name; f++)
		json_kv_uint(j, f->name, VTD_FIELD(v, f->mask));
	json_end_object(j);
	json_end_object(j);
}

static void json_registers(struct json *j, const struct iommu_unit *u)
{
	unsigned r;

	json_key(j, "registers");
	json_begin_object(j);
	for (r = 0; r < VTD_UR_COUNT; r++)
		if (iommu_unit_has(u, r))
			vt_json_unit_register(j, r, u->reg[r], u->from[r]);
	json_end_object(j);
}

static void json_units(struct json *j, struct vt_env *e)
{
	size_t i;

	json_key(j, "iommu_units");
	json_begin_array(j);
	for (i = 0; vt_env_ready(e, VT_ENV_UNITS) && i < e->nunits; i++) {
		const struct iommu_unit *u = &e->units[i];

		json_begin_object(j);
		json_kv_string(j, "name", u->name);
		json_kv_bool(j, "registered", u->name[0] != '\0');
		if (u->drhd >= 0)
			json_kv_uint(j, "drhd_offset", e->table.structs[u->drhd].offset);
		if (u->address_known)
			json_kv_uint(j, "address", u->address);
		if (iommu_unit_has(u, VTD_UR_CAP) && iommu_unit_has(u, VTD_UR_ECAP)) {
			json_kv_uint(j, "cap", u->reg[VTD_UR_CAP]);
			json_kv_uint(j, "ecap", u->reg[VTD_UR_ECAP]);
			json_kv_bool(j, "interrupt_remapping", u->reg[VTD_UR_ECAP] & VTD_ECAP_IR);
			/* 32-bit x2APIC destinations need EIM (VT-d 4.1 §11.4.3) */
			json_kv_bool(j, "extended_interrupt_mode",
				     u->reg[VTD_UR_ECAP] & VTD_ECAP_EIM);
		}
		json_registers(j, u);
		json_kv_string(j, "version", u->version);
		json_kv_string(j, "why", u->why[0] ? u->why : NULL);
		json_end_object(j);
	}
	json_end_array(j);
}

const struct vt_env_part_def vt_part_units = {
	.key = "units", .name = "IOMMU units", .after = 1u << VT_ENV_DMAR,
	.load = load_units, .release = release_units, .json = json_units,
};

static int cmp_group(const void *a, const void *b)
{
	const struct iommu_group *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Group directory names are decimal numbers; anything else is reported. */
static bool parse_group_id(const char *s, long *id)
{
	char *end;

	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
		return false;
	*id = strtol(s, &end, 10);
	return true;
}

/*
 * The devices of group @dir: the links in its devices/ directory, each
 * read (not only listed) so that a capture records them.
 */
static int group_devices(struct vt_platform *p, const char *dir, struct vt_names *out)
{
	char rel[512], target[64];
	size_t i;
	int rc;

	snprintf(rel, sizeof(rel), PATH_IOMMU_GROUPS "/%s/devices", dir);
	rc = vt_list_dir(p, rel, out);
	for (i = 0; !rc && i < out->n; i++) {
		snprintf(rel, sizeof(rel), PATH_IOMMU_GROUPS "/%s/devices/%s", dir, out->v[i]);
		vt_read_link_name(p, rel, target, sizeof(target));
	}
	return rc;
}

static void load_groups(struct vt_env *e)
{
	struct vt_platform *p = e->plat;
	struct vt_names n;
	size_t i;
	int rc = vt_list_dir(p, PATH_IOMMU_GROUPS, &n);

	if (rc == -ENOENT) {        /* no IOMMU translating: no group */
		vt_env_set(e, VT_ENV_GROUPS, VT_AVAILABLE, NULL);
		return;
	}
	if (rc) {
		vt_env_read_failed(e, VT_ENV_GROUPS, rc);
		return;
	}
	for (i = 0; i < n.n && !rc; i++) {
		struct iommu_group g = { 0 };
		char rel[256];

		if (!parse_group_id(n.v[i], &g.id)) {
			rc = vt_platform_fail(p, EINVAL, "/" PATH_IOMMU_GROUPS "/%s: not a "
					      "group number", n.v[i]);
			break;
		}
		rc = group_devices(p, n.v[i], &g.devices);
		if (rc)
			break;
		snprintf(rel, sizeof(rel), PATH_IOMMU_GROUPS "/%s/type", n.v[i]);
		if (vt_read_attr(p, rel, g.type, sizeof(g.type)))
			g.type[0] = '\0';   /* older kernels have no type */
		e->groups = xgrow(e->groups, e->ngroups, sizeof(*e->groups));
		e->groups[e->ngroups++] = g;
	}
	vt_names_free(&n);
	if (rc) {
		/* A group whose listing vanished is a broken tree, not an absent one. */
		vt_env_read_failed(e, VT_ENV_GROUPS, rc == -ENOENT ? -EIO : rc);
		return;
	}
	if (e->ngroups > 1)
		qsort(e->groups, e->ngroups, sizeof(*e->groups), cmp_group);
	vt_env_set(e, VT_ENV_GROUPS, VT_AVAILABLE, NULL);
}

static void release_groups(struct vt_env *e)
{
	size_t i;

	for (i = 0; i < e->ngroups; i++)
		vt_names_free(&e->groups[i].devices);
	free(e->groups);
	e->groups = NULL;
	e->ngroups = 0;
}

static void json_groups(struct json *j, struct vt_env *e)
{
	size_t i, k;

	json_key(j, "iommu_groups");
	json_begin_array(j);
	for (i = 0; vt_env_ready(e, VT_ENV_GROUPS) && i < e->ngroups; i++) {
		json_begin_object(j);
		json_kv_uint(j, "id", (uint64_t)e->groups[i].id);
		json_kv_string(j, "type", e->groups[i].type[0] ? e->groups[i].type : NULL);
		json_key(j, "devices");
		json_begin_array(j);
		for (k = 0; k < e->groups[i].devices.n; k++)
			json_string(j, e->groups[i].devices.v[k]);
		json_end_array(j);
		json_end_object(j);
	}
	json_end_array(j);
}

const struct vt_env_part_def vt_part_groups = {
	.key = "groups", .name = "IOMMU groups",
	.load = load_groups, .release = release_groups, .json = json_groups,
};
