// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ACPI tables: the DMAR table, read once and decoded once with its
 * problems and cross-references, for every suite and view; and the MADT.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "env_parts.h"
#include "../platform/snapshot_layout.h"
#include "../results/json.h"
#include "../util/xalloc.h"

void vt_env_decode_table(struct vt_env *e)
{
	e->dmar_status = dmar_decode(e->dmar.data, e->dmar.len, &e->table);
	if (e->dmar_status != DMAR_OK) {
		vt_env_set(e, VT_ENV_DMAR, VT_BROKEN, "%s: not a DMAR table (%s)",
			   e->dmar_name, dmar_decode_strerror(e->dmar_status));
		return;
	}
	if (dmar_index_build(&e->table, &e->dmar_x)) {
		vt_env_set(e, VT_ENV_DMAR, VT_BROKEN, "%s: indexing the table: out of memory",
			   e->dmar_name);
		return;
	}
	vt_env_set(e, VT_ENV_DMAR, VT_AVAILABLE, NULL);
}

static void release_dmar(struct vt_env *e)
{
	if (e->dmar_read && e->dmar_status == DMAR_OK) {
		dmar_index_free(&e->dmar_x);
		dmar_free(&e->table);
	}
	free(e->dmar_name);
	vt_blob_free(&e->dmar);
	e->dmar_name = NULL;
	e->dmar_read = false;
}

void vt_env_set_table(struct vt_env *e, const char *name, struct vt_blob *blob)
{
	release_dmar(e);
	e->dmar_name = xstrdup(name);
	e->dmar = *blob;
	e->dmar_read = true;
	blob->data = NULL;
	blob->len = 0;
	vt_env_decode_table(e);
}

static void load_dmar(struct vt_env *e)
{
	struct vt_blob b;
	int rc = vt_read_file(e->plat, PATH_DMAR_TABLE, VT_MAX_ACPI_TABLE, &b);

	if (!rc) {
		vt_env_set_table(e, "/" PATH_DMAR_TABLE, &b);
		return;
	}
	e->dmar_name = xstrdup("/" PATH_DMAR_TABLE);
	vt_env_read_failed(e, VT_ENV_DMAR, rc);
	if (rc == -EACCES)
		vt_env_set(e, VT_ENV_DMAR, VT_BROKEN, "%s (ACPI tables are readable by root "
			   "only)", vt_platform_error(e->plat));
	e->part[VT_ENV_DMAR].unreadable = rc != -ENOENT;
}

static void json_dmar(struct json *j, struct vt_env *e)
{
	json_key(j, "dmar");
	if (!e->dmar_read) {
		json_null(j);
		return;
	}
	json_begin_object(j);
	json_kv_string(j, "path", e->dmar_name);
	json_kv_uint(j, "bytes", e->dmar.len);
	json_kv_bool(j, "decoded", e->dmar_status == DMAR_OK);
	if (e->dmar_status == DMAR_OK) {
		json_kv_uint(j, "structures", e->table.nstructs);
		json_kv_uint(j, "problems", e->table.nproblems);
	}
	json_end_object(j);
}

const struct vt_env_part_def vt_part_dmar = {
	.key = "table", .name = "DMAR table", .required = true,
	.load = load_dmar, .release = release_dmar, .json = json_dmar,
};

static void load_madt(struct vt_env *e)
{
	struct vt_blob b;
	char err[256];
	int rc = vt_read_file(e->plat, PATH_MADT_TABLE, VT_MAX_ACPI_TABLE, &b);

	if (rc) {
		vt_env_read_failed(e, VT_ENV_MADT, rc);
		return;
	}
	if (madt_decode(b.data, b.len, &e->madt, err, sizeof(err)))
		vt_env_set(e, VT_ENV_MADT, VT_BROKEN, "/%s: %s", PATH_MADT_TABLE, err);
	else
		vt_env_set(e, VT_ENV_MADT, VT_AVAILABLE, NULL);
	vt_blob_free(&b);
}

static void release_madt(struct vt_env *e)
{
	madt_free(&e->madt);
}

static void json_madt(struct json *j, struct vt_env *e)
{
	size_t i, x2 = 0;

	json_key(j, "madt");
	if (!vt_env_ready(e, VT_ENV_MADT)) {
		json_null(j);
		return;
	}
	json_begin_object(j);
	json_kv_uint(j, "flags", e->madt.flags);
	json_key(j, "ioapics");
	json_begin_array(j);
	for (i = 0; i < e->madt.nioapics; i++) {
		json_begin_object(j);
		json_kv_uint(j, "id", e->madt.ioapics[i].id);
		json_kv_uint(j, "address", e->madt.ioapics[i].address);
		json_kv_uint(j, "gsi_base", e->madt.ioapics[i].gsi_base);
		json_end_object(j);
	}
	json_end_array(j);
	for (i = 0; i < e->madt.ncpus; i++)
		x2 += e->madt.cpus[i].x2apic;
	json_kv_uint(j, "cpus", e->madt.ncpus);
	json_kv_uint(j, "x2apic_entries", x2);
	json_kv_uint(j, "max_apic_id", madt_max_apic_id(&e->madt));
	json_kv_string(j, "problem", e->madt.truncated ? e->madt.problem : NULL);
	json_end_object(j);
}

const struct vt_env_part_def vt_part_madt = {
	.key = "madt", .name = "MADT",
	.load = load_madt, .release = release_madt, .json = json_madt,
};

/* The HPET table: only the HPET number matters (a DMAR HPET scope names it). */
static void load_hpet(struct vt_env *e)
{
	struct vt_blob b;
	char err[256];
	int rc = vt_read_file(e->plat, PATH_HPET_TABLE, VT_MAX_ACPI_TABLE, &b);

	if (rc) {
		vt_env_read_failed(e, VT_ENV_HPET, rc);
		return;
	}
	if (acpi_hpet_decode(b.data, b.len, &e->hpet, err, sizeof(err)))
		vt_env_set(e, VT_ENV_HPET, VT_BROKEN, "/%s: %s", PATH_HPET_TABLE, err);
	else
		vt_env_set(e, VT_ENV_HPET, VT_AVAILABLE, NULL);
	vt_blob_free(&b);
}

static void json_hpet(struct json *j, struct vt_env *e)
{
	json_key(j, "hpet");
	if (!vt_env_ready(e, VT_ENV_HPET)) {
		json_null(j);
		return;
	}
	json_begin_object(j);
	json_kv_uint(j, "number", e->hpet.number);
	json_kv_uint(j, "block_id", e->hpet.block_id);
	json_kv_uint(j, "address", e->hpet.address);
	json_end_object(j);
}

const struct vt_env_part_def vt_part_hpet = {
	.key = "hpet", .name = "HPET table",
	.load = load_hpet, .json = json_hpet,
};
