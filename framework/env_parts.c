// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The parts table, and what goes by it: loading a part (after the parts
 * it reads), releasing them all, and `vtdcert env`'s JSON. Adding a part
 * is one definition beside its loader and one line here.
 */
#include <stdlib.h>
#include <string.h>

#include "env_parts.h"
#include "../results/json.h"

static const struct vt_env_part_def *const parts[VT_ENV_PART_COUNT] = {
	[VT_ENV_DMAR] = &vt_part_dmar,
	[VT_ENV_MADT] = &vt_part_madt,
	[VT_ENV_HPET] = &vt_part_hpet,
	[VT_ENV_PCI] = &vt_part_pci,
	[VT_ENV_MEMMAP] = &vt_part_memmap,
	[VT_ENV_UNITS] = &vt_part_units,
	[VT_ENV_GROUPS] = &vt_part_groups,
	[VT_ENV_CMDLINE] = &vt_part_cmdline,
	[VT_ENV_KLOG] = &vt_part_klog,
	[VT_ENV_KVERSION] = &vt_part_kversion,
	[VT_ENV_CPU] = &vt_part_cpu,
	[VT_ENV_INTERRUPTS] = &vt_part_interrupts,
	[VT_ENV_DMI] = &vt_part_dmi,
};

const struct vt_env_part_def *vt_env_part(enum vt_env_part part)
{
	return part < VT_ENV_PART_COUNT ? parts[part] : NULL;
}

const char *vt_env_part_name(enum vt_env_part part)
{
	return part < VT_ENV_PART_COUNT ? parts[part]->name : "?";
}

enum vt_avail vt_env_load(struct vt_env *e, enum vt_env_part part)
{
	const struct vt_env_part_def *d = parts[part];
	unsigned i;

	if (e->part[part].avail != VT_UNLOADED)
		return e->part[part].avail;
	if (!e->plat) {
		vt_env_set(e, part, VT_UNKNOWN, "the %s needs a live system or a "
			   "snapshot (--root)", d->name);
		return VT_UNKNOWN;
	}
	/* The table's "after" sets only point at earlier parts: no cycle. */
	for (i = 0; i < part; i++)
		if (d->after & (1u << i))
			vt_env_load(e, (enum vt_env_part)i);
	d->load(e);
	if (e->part[part].avail == VT_UNLOADED)     /* a loader that said nothing */
		vt_env_set(e, part, VT_BROKEN, "the %s loader gave no answer", d->name);
	return e->part[part].avail;
}

bool vt_env_has(struct vt_env *e, enum vt_env_part part)
{
	return vt_env_load(e, part) == VT_AVAILABLE;
}

void vt_env_load_all(struct vt_env *e)
{
	unsigned i;

	for (i = 0; i < VT_ENV_PART_COUNT; i++)
		vt_env_load(e, (enum vt_env_part)i);
}

void vt_env_free(struct vt_env *e)
{
	unsigned i;

	for (i = 0; i < VT_ENV_PART_COUNT; i++) {
		if (parts[i]->release)
			parts[i]->release(e);
		free(e->part[i].why);
	}
	memset(e, 0, sizeof(*e));
}

static const char *const avail_names[] = {
	[VT_UNLOADED] = "unloaded", [VT_AVAILABLE] = "available",
	[VT_ABSENT] = "absent", [VT_UNKNOWN] = "unknown", [VT_BROKEN] = "broken",
};

int vt_env_write_json(struct vt_env *e, FILE *f)
{
	struct json *j = malloc(sizeof(*j));
	unsigned i;
	int rc;

	if (!j)
		return -1;
	vt_env_load_all(e);
	json_init(j, f);
	json_begin_object(j);
	json_key(j, "parts");
	json_begin_object(j);
	for (i = 0; i < VT_ENV_PART_COUNT; i++) {
		json_key(j, parts[i]->name);
		json_begin_object(j);
		json_kv_string(j, "avail", avail_names[e->part[i].avail]);
		json_kv_string(j, "why", e->part[i].why);
		json_end_object(j);
	}
	json_end_object(j);
	for (i = 0; i < VT_ENV_PART_COUNT; i++)
		parts[i]->json(j, e);
	json_end_object(j);
	rc = json_flush(j) || fflush(f) || ferror(f) ? -1 : 0;
	free(j);
	return rc;
}
