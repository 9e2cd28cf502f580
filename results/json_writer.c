// SPDX-License-Identifier: GPL-2.0-or-later
/* The results document as JSON; docs/results-schema.md is its contract. */
#include "json.h"
#include "results.h"
#include "version.h"

#define RESULTS_SCHEMA_VERSION 1

static void write_source(struct json *j, const struct vt_results *rs)
{
	size_t i;

	json_key(j, "source");
	json_begin_object(j);
	json_kv_string(j, "kind", rs->source_kind);
	json_kv_string(j, "root", rs->source_root);
	json_kv_bool(j, "active", rs->active);
	json_key(j, "files");
	json_begin_array(j);
	for (i = 0; i < rs->nfiles; i++)
		json_string(j, rs->files[i]);
	json_end_array(j);
	json_kv_string(j, "manifest", rs->manifest);
	json_key(j, "manifest_notes");
	json_begin_array(j);
	for (i = 0; i < rs->nmanifest_notes; i++)
		json_string(j, rs->manifest_notes[i]);
	json_end_array(j);
	json_key(j, "problems");
	json_begin_array(j);
	for (i = 0; i < rs->nproblems; i++)
		json_string(j, rs->problems[i]);
	json_end_array(j);
	json_end_object(j);
}

static void write_system(struct json *j, const struct vt_results *rs)
{
	int f;

	json_key(j, "system");
	json_begin_object(j);
	for (f = 0; f < VT_SYS_FIELD_COUNT; f++)
		json_kv_string(j, vt_system_field_key(f), rs->system[f]);
	json_end_object(j);
}

static void write_evidence(struct json *j, const struct vt_result *r)
{
	json_key(j, "evidence");
	if (r->ev) {
		vt_value_write(j, r->ev);
	} else {
		json_begin_object(j);
		json_end_object(j);
	}
}

static void write_result(struct json *j, const struct vt_result *r)
{
	json_begin_object(j);
	json_kv_string(j, "id", r->check->id);
	json_kv_string(j, "suite", r->suite);
	json_kv_string(j, "status", vt_status_name(r->status));
	json_kv_string(j, "severity", vt_severity_name(r->check->severity));
	json_kv_string(j, "message", r->message);
	json_kv_string(j, "subject", r->subject);
	write_evidence(j, r);
	json_kv_string(j, "reference", r->check->reference);
	json_end_object(j);
}

int vt_write_json(const struct vt_results *rs, FILE *f)
{
	struct json j;
	size_t i;
	int st;

	json_init(&j, f);
	json_begin_object(&j);
	json_kv_string(&j, "tool", "vtdcert");
	json_kv_string(&j, "version", VTDCERT_VERSION);
	json_kv_uint(&j, "schema_version", RESULTS_SCHEMA_VERSION);
	write_source(&j, rs);
	write_system(&j, rs);
	json_key(&j, "results");
	json_begin_array(&j);
	for (i = 0; i < rs->n; i++)
		write_result(&j, &rs->v[i]);
	json_end_array(&j);
	json_key(&j, "summary");
	json_begin_object(&j);
	json_kv_uint(&j, "total", rs->n);
	for (st = 0; st < VT_STATUS_COUNT; st++)
		json_kv_uint(&j, vt_status_name(st), rs->count[st]);
	json_end_object(&j);
	json_end_object(&j);
	return fflush(f) || ferror(f) ? -1 : 0;
}
