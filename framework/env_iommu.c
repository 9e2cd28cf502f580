// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the kernel made of the IOMMU: its units (/sys/class/iommu/dmarN)
 * and its groups (/sys/kernel/iommu_groups/N). A directory that is absent
 * on the machine means none; one that is unknown (a partial snapshot)
 * leaves the part unknown.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "../platform/snapshot_layout.h"
#include "../util/xalloc.h"

#define IOMMU_UNIT_PREFIX "dmar"

static void load_unit(struct vt_env *e, const char *name)
{
	struct vt_platform *p = e->plat;
	struct iommu_unit u = { 0 };
	char rel[256];

	snprintf(u.name, sizeof(u.name), "%s", name);
	snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu/address", name);
	u.address_known = !vt_read_attr_u64(p, rel, 16, &u.address);
	if (!u.address_known)
		snprintf(u.why, sizeof(u.why), "%s", vt_platform_error(p));
	snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu/cap", name);
	u.have_regs = !vt_read_attr_u64(p, rel, 16, &u.cap);
	snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu/ecap", name);
	u.have_regs = u.have_regs && !vt_read_attr_u64(p, rel, 16, &u.ecap);
	if (!u.have_regs && u.address_known)
		snprintf(u.why, sizeof(u.why), "%s", vt_platform_error(p));
	snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu/version", name);
	if (vt_read_attr(p, rel, u.version, sizeof(u.version)))
		u.version[0] = '\0';
	e->units = xrealloc(e->units, (e->nunits + 1) * sizeof(*e->units));
	e->units[e->nunits++] = u;
}

void vt_env_load_units(struct vt_env *e)
{
	struct vt_names n;
	size_t i;
	int rc = vt_list_dir(e->plat, PATH_IOMMU_CLASS, &n);

	if (rc == -ENOENT) {        /* no class directory: no unit */
		vt_env_set(e, VT_ENV_UNITS, VT_AVAILABLE, NULL);
		return;
	}
	if (rc) {
		vt_env_set(e, VT_ENV_UNITS, vt_env_avail_of(rc), "%s",
			   vt_platform_error(e->plat));
		return;
	}
	for (i = 0; i < n.n; i++)
		if (!strncmp(n.v[i], IOMMU_UNIT_PREFIX, strlen(IOMMU_UNIT_PREFIX)))
			load_unit(e, n.v[i]);
	vt_names_free(&n);
	vt_env_set(e, VT_ENV_UNITS, VT_AVAILABLE, NULL);
}

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

void vt_env_load_groups(struct vt_env *e)
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
		vt_env_set(e, VT_ENV_GROUPS, vt_env_avail_of(rc), "%s",
			   vt_platform_error(p));
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
		snprintf(rel, sizeof(rel), PATH_IOMMU_GROUPS "/%s/devices", n.v[i]);
		rc = vt_list_dir(p, rel, &g.devices);
		if (rc)
			break;
		snprintf(rel, sizeof(rel), PATH_IOMMU_GROUPS "/%s/type", n.v[i]);
		if (vt_read_attr(p, rel, g.type, sizeof(g.type)))
			g.type[0] = '\0';   /* older kernels have no type */
		e->groups = xrealloc(e->groups, (e->ngroups + 1) * sizeof(*e->groups));
		e->groups[e->ngroups++] = g;
	}
	vt_names_free(&n);
	if (rc) {
		vt_env_set(e, VT_ENV_GROUPS, vt_env_avail_of(rc) == VT_ABSENT ? VT_BROKEN :
			   vt_env_avail_of(rc), "%s", vt_platform_error(p));
		return;
	}
	if (e->ngroups > 1)
		qsort(e->groups, e->ngroups, sizeof(*e->groups), cmp_group);
	vt_env_set(e, VT_ENV_GROUPS, VT_AVAILABLE, NULL);
}
