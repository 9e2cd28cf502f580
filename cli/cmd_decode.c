// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vtdcert decode [--json] [--root DIR] FILE: the reference decoder's view of
 * a table, for people (decode_text.c), or as JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "decode_text.h"
#include "../framework/env.h"
#include "../ref/dmar.h"
#include "../platform/snapshot_layout.h"
#include "../results/json.h"

static void write_scopes(struct json *j, const struct dmar_struct *s)
{
	size_t i, k;

	json_key(j, "device_scopes");
	json_begin_array(j);
	for (i = 0; i < s->nscopes; i++) {
		const struct dmar_scope *sc = &s->scopes[i];

		json_begin_object(j);
		json_kv_uint(j, "type", sc->type);
		json_kv_uint(j, "offset", sc->offset);
		json_kv_uint(j, "length", sc->length);
		json_kv_uint(j, "flags", sc->flags);
		json_kv_uint(j, "enumeration_id", sc->enumeration_id);
		json_kv_uint(j, "start_bus", sc->start_bus);
		json_key(j, "path");
		json_begin_array(j);
		for (k = 0; k < sc->npath; k++) {
			json_begin_array(j);
			json_uint(j, sc->path[k].device);
			json_uint(j, sc->path[k].function);
			json_end_array(j);
		}
		json_end_array(j);
		json_end_object(j);
	}
	json_end_array(j);
}

static void write_fields(struct json *j, const struct dmar_struct *s)
{
	switch (s->type) {
	case DMAR_TYPE_DRHD:
		json_kv_uint(j, "flags", s->u.drhd.flags);
		json_kv_uint(j, "size", s->u.drhd.size);
		json_kv_uint(j, "segment", s->u.drhd.segment);
		json_kv_uint(j, "register_base", s->u.drhd.register_base);
		break;
	case DMAR_TYPE_RMRR:
		json_kv_uint(j, "segment", s->u.rmrr.segment);
		json_kv_uint(j, "base", s->u.rmrr.base);
		json_kv_uint(j, "limit", s->u.rmrr.limit);
		break;
	case DMAR_TYPE_ATSR:
	case DMAR_TYPE_SATC:
		json_kv_uint(j, "flags", s->u.atsr.flags);
		json_kv_uint(j, "segment", s->u.atsr.segment);
		break;
	case DMAR_TYPE_RHSA:
		json_kv_uint(j, "register_base", s->u.rhsa.register_base);
		json_kv_uint(j, "proximity_domain", s->u.rhsa.proximity_domain);
		break;
	case DMAR_TYPE_ANDD:
		json_kv_uint(j, "device_number", s->u.andd.device_number);
		json_key(j, "object_name");
		/* The name ends at its NUL; without one, at the structure end. */
		json_string_n(j, (const char *)s->tail,
			      s->tail ? strnlen((const char *)s->tail, s->tail_len) : 0);
		break;
	case DMAR_TYPE_SIDP:
		json_kv_uint(j, "segment", s->u.sidp.segment);
		break;
	}
	if (dmar_struct_scope_start(s->type))
		write_scopes(j, s);
}

static void write_table(struct json *j, const struct dmar_table *t)
{
	size_t i;

	json_begin_object(j);
	json_kv_string(j, "signature", t->signature);
	json_kv_uint(j, "length", t->length);
	json_kv_uint(j, "revision", t->revision);
	json_kv_uint(j, "checksum", t->checksum);
	json_kv_bool(j, "checksum_valid", t->checksum_valid);
	json_key(j, "oem_id");
	json_string_n(j, t->oem_id, strnlen(t->oem_id, ACPI_OEM_ID_LEN));
	json_key(j, "oem_table_id");
	json_string_n(j, t->oem_table_id, strnlen(t->oem_table_id, ACPI_OEM_TABLE_ID_LEN));
	json_kv_uint(j, "oem_revision", t->oem_revision);
	json_key(j, "creator_id");
	json_string_n(j, t->creator_id, strnlen(t->creator_id, ACPI_NAME_LEN));
	json_kv_uint(j, "creator_revision", t->creator_revision);
	json_kv_uint(j, "host_address_width", dmar_haw_bits(t));
	json_kv_uint(j, "flags", t->flags);
	json_key(j, "structures");
	json_begin_array(j);
	for (i = 0; i < t->nstructs; i++) {
		const struct dmar_struct *s = &t->structs[i];
		const char *name = dmar_struct_type_name(s->type);

		json_begin_object(j);
		json_key(j, "type");
		if (name)
			json_string(j, name);
		else
			json_uint(j, s->type);
		json_kv_uint(j, "offset", s->offset);
		json_kv_uint(j, "length", s->length);
		if (s->truncated)
			json_kv_bool(j, "truncated", true);
		else
			write_fields(j, s);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "problems");
	json_begin_array(j);
	for (i = 0; i < t->nproblems; i++) {
		json_begin_object(j);
		json_kv_uint(j, "offset", t->problems[i].offset);
		json_kv_string(j, "message", dmar_problem_describe(t->problems[i].kind));
		json_kv_uint(j, "value", t->problems[i].value);
		json_kv_uint(j, "limit", t->problems[i].limit);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

static char printable(uint8_t c)
{
	return c >= 0x20 && c < 0x7f ? (char)c : '.';
}

#define USAGE "usage: vtdcert decode [--json] [--root DIR] FILE"

static const struct option long_opts[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ NULL, 0, NULL, 0 },
};

/* The PCI tree of the snapshot at @root to resolve scopes through, or NULL (said why). */
static struct vt_platform *pci_tree(const char *root, struct vt_env *env)
{
	char err[512];
	struct vt_platform *p = vt_platform_open(root, err, sizeof(err));

	if (!p) {
		usage_error("decode", "%s", err);
		return NULL;
	}
	vt_env_init(env, p);
	if (!vt_env_has(env, VT_ENV_PCI))
		fprintf(stderr, "vtdcert decode: %s: no PCI tree (%s): scopes not resolved\n",
			root, vt_env_why(env, VT_ENV_PCI));
	return p;
}

int cmd_decode(int argc, char **argv)
{
	const char *root = NULL, *file;
	struct vt_platform *p = NULL;
	struct dmar_table t;
	enum dmar_decode_status st;
	struct vt_env env;
	struct vt_blob b;
	const uint8_t *buf;
	bool as_json = false;
	size_t len;
	struct json j;
	char err[512];
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (c == OPT_JSON)
			as_json = true;
		else if (c == OPT_ROOT)
			root = optarg;
		else
			return usage_error("decode", USAGE);
	}
	if (optind != argc - 1)
		return usage_error("decode", USAGE);
	file = argv[optind];
	if (vt_read_path(file, VT_MAX_ACPI_TABLE, &b, err, sizeof(err)))
		return usage_error("decode", "%s", err);
	buf = b.data;
	len = b.len;
	st = dmar_decode(buf, len, &t);
	if (st == DMAR_ERR_SIGNATURE) {
		usage_error("decode", "%s: offset 0x0: not a DMAR table: signature is "
			    "\"%c%c%c%c\" (%02x %02x %02x %02x), not \"DMAR\"", file,
			    printable(buf[0]), printable(buf[1]), printable(buf[2]),
			    printable(buf[3]), buf[0], buf[1], buf[2], buf[3]);
		vt_blob_free(&b);
		return EXIT_USAGE;
	}
	if (st != DMAR_OK) {
		usage_error("decode", "%s: not a DMAR table: %s (%zu bytes)",
			    file, dmar_decode_strerror(st), len);
		vt_blob_free(&b);
		return EXIT_USAGE;
	}
	if (as_json) {
		json_init(&j, stdout);
		write_table(&j, &t);
		rc = json_flush(&j);
	} else {
		if (root && !(p = pci_tree(root, &env))) {
			dmar_free(&t);
			vt_blob_free(&b);
			return EXIT_USAGE;
		}
		rc = decode_print_text(stdout, &t, p && vt_env_has(&env, VT_ENV_PCI) ?
				       &env.pci : NULL);
		if (p) {
			vt_env_free(&env);
			vt_platform_close(p);
		}
	}
	dmar_free(&t);
	vt_blob_free(&b);
	if (fflush(stdout) || ferror(stdout) || rc)
		return usage_error("decode", "standard output: write failed: %s",
				   strerror(errno ? errno : EIO));
	return EXIT_CLEAN;
}
