// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The memory map: the firmware's e820 as the kernel received it
 * (sys/firmware/memmap/N/{start,end,type}) and the kernel's own view
 * (/proc/iomem, top level). Either may be missing; not both.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "env_parts.h"
#include "../results/json.h"
#include "../platform/snapshot_layout.h"
#include "../util/xalloc.h"

/* 0, or the first error (the map is then not used: half a map misjudges). */
static int load_e820(struct vt_env *e, char *why, size_t size)
{
	struct vt_platform *p = e->plat;
	struct vt_names n;
	size_t i;
	int rc = vt_list_dir(p, PATH_FIRMWARE_MEMMAP, &n);

	if (rc) {
		snprintf(why, size, "%s", vt_platform_error(p));
		return rc;
	}
	if (n.n > E820_MAX_ENTRIES) {
		snprintf(why, size, "/%s: %zu entries, more than a kernel's e820 table holds "
			 "(%d)", PATH_FIRMWARE_MEMMAP, n.n, E820_MAX_ENTRIES);
		vt_names_free(&n);
		return -EINVAL;
	}
	for (i = 0; i < n.n && !rc; i++) {
		char rel[256], type[64];
		uint64_t start, end;

		snprintf(rel, sizeof(rel), PATH_FIRMWARE_MEMMAP "/%s/type", n.v[i]);
		rc = vt_read_attr(p, rel, type, sizeof(type));
		if (!rc) {
			snprintf(rel, sizeof(rel), PATH_FIRMWARE_MEMMAP "/%s/start", n.v[i]);
			rc = vt_read_attr_u64(p, rel, 16, &start);
		}
		if (!rc) {
			snprintf(rel, sizeof(rel), PATH_FIRMWARE_MEMMAP "/%s/end", n.v[i]);
			rc = vt_read_attr_u64(p, rel, 16, &end);
		}
		if (!rc && end < start)
			rc = vt_platform_fail(p, EINVAL, "/" PATH_FIRMWARE_MEMMAP "/%s: end "
					      "0x%llx below start 0x%llx", n.v[i],
					      (unsigned long long)end,
					      (unsigned long long)start);
		if (!rc)
			memmap_add(&e->e820, start, end,
				   memmap_type_from_name(type, strlen(type)));
	}
	vt_names_free(&n);
	if (rc) {
		snprintf(why, size, "%s", vt_platform_error(p));
		memmap_free(&e->e820);
		return rc;
	}
	if (!e->e820.n) {
		snprintf(why, size, "/%s has no entries", PATH_FIRMWARE_MEMMAP);
		return -ENODATA;
	}
	return 0;
}

static int load_iomem(struct vt_env *e, char *why, size_t size)
{
	struct vt_blob b;
	char err[128];
	bool zero;
	int n, rc = vt_read_file(e->plat, PATH_IOMEM, VT_MAX_PROC_TEXT, &b);

	if (rc) {
		snprintf(why, size, "%s", vt_platform_error(e->plat));
		return rc;
	}
	n = memmap_parse_iomem(&e->iomem, (const char *)b.data, b.len, &zero, err,
			       sizeof(err));
	vt_blob_free(&b);
	if (n < 0) {
		snprintf(why, size, "/%s: %s", PATH_IOMEM, err);
		rc = -EINVAL;
	} else if (n == 0 || zero) {
		snprintf(why, size, "/%s shows no addresses (read as non-root?)", PATH_IOMEM);
		rc = -EACCES;
	}
	if (rc)
		memmap_free(&e->iomem);
	return rc;
}

void vt_env_load_memmap(struct vt_env *e)
{
	char why_e820[300], why_iomem[300];
	int rc_e820 = load_e820(e, why_e820, sizeof(why_e820));
	int rc_iomem = load_iomem(e, why_iomem, sizeof(why_iomem));
	enum vt_avail a;

	e->have_e820 = rc_e820 == 0;
	e->have_iomem = rc_iomem == 0;
	if (e->have_e820 || e->have_iomem) {
		vt_env_set(e, VT_ENV_MEMMAP, VT_AVAILABLE, NULL);
		return;
	}
	/* Neither: broken if either was malformed, else unknown or absent. */
	a = vt_env_avail_of(rc_e820) == VT_BROKEN || vt_env_avail_of(rc_iomem) == VT_BROKEN ?
	    VT_BROKEN : vt_env_avail_of(rc_iomem) == VT_ABSENT &&
	    vt_env_avail_of(rc_e820) == VT_ABSENT ? VT_ABSENT : VT_UNKNOWN;
	vt_env_set(e, VT_ENV_MEMMAP, a, "%s; %s", why_e820, why_iomem);
}

static void release_memmap(struct vt_env *e)
{
	memmap_free(&e->e820);
	memmap_free(&e->iomem);
}

static void write_map(struct json *j, const char *key, const struct mem_map *m, bool have)
{
	size_t i;

	json_key(j, key);
	if (!have) {
		json_null(j);
		return;
	}
	json_begin_array(j);
	for (i = 0; i < m->n; i++) {
		json_begin_object(j);
		json_kv_uint(j, "start", m->v[i].start);
		json_kv_uint(j, "end", m->v[i].end);
		json_kv_string(j, "type", memmap_type_name(m->v[i].type));
		json_end_object(j);
	}
	json_end_array(j);
}

static void json_memmap(struct json *j, struct vt_env *e)
{
	write_map(j, "e820", &e->e820, e->have_e820);
	write_map(j, "iomem", &e->iomem, e->have_iomem);
}

const struct vt_env_part_def vt_part_memmap = {
	.key = "memmap", .name = "memory map",
	.load = vt_env_load_memmap, .release = release_memmap, .json = json_memmap,
};
