// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"
#include "../util/xalloc.h"

static const char *const status_names[VT_STATUS_COUNT] = {
	[VT_PASS] = "pass", [VT_FAIL] = "fail", [VT_WARN] = "warn",
	[VT_SKIP] = "skip", [VT_ERROR] = "error",
};

static const char *const severity_names[] = {
	[VT_SEV_INFO] = "info", [VT_SEV_LOW] = "low", [VT_SEV_MEDIUM] = "medium",
	[VT_SEV_HIGH] = "high", [VT_SEV_CRITICAL] = "critical",
};

static const char *const system_keys[VT_SYS_FIELD_COUNT] = {
	[VT_SYS_VENDOR] = "vendor", [VT_SYS_PRODUCT] = "product",
	[VT_SYS_VERSION] = "product_version", [VT_SYS_BOARD_VENDOR] = "board_vendor",
	[VT_SYS_BOARD] = "board", [VT_SYS_BIOS_VENDOR] = "bios_vendor",
	[VT_SYS_BIOS_VERSION] = "bios_version", [VT_SYS_BIOS_DATE] = "bios_date",
	[VT_SYS_KERNEL] = "kernel", [VT_SYS_CMDLINE] = "kernel_cmdline",
};

const char *vt_status_name(enum vt_status st)
{
	return st < VT_STATUS_COUNT ? status_names[st] : "?";
}

const char *vt_severity_name(enum vt_severity sev)
{
	return sev <= VT_SEV_CRITICAL ? severity_names[sev] : "?";
}

const char *vt_system_field_key(enum vt_system_field f)
{
	return f < VT_SYS_FIELD_COUNT ? system_keys[f] : "?";
}

void vt_results_init(struct vt_results *rs, const char *kind, const char *root)
{
	memset(rs, 0, sizeof(*rs));
	rs->source_kind = xstrdup(kind);
	rs->source_root = root ? xstrdup(root) : NULL;
}

void vt_results_free(struct vt_results *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		vt_result_clear(&rs->v[i]);
	free(rs->v);
	for (i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	free(rs->files);
	free(rs->file_first);
	for (i = 0; i < VT_SYS_FIELD_COUNT; i++)
		free(rs->system[i]);
	for (i = 0; i < rs->nmanifest_notes; i++)
		free(rs->manifest_notes[i]);
	free(rs->manifest_notes);
	free(rs->manifest);
	for (i = 0; i < rs->nproblems; i++)
		free(rs->problems[i]);
	free(rs->problems);
	free(rs->source_kind);
	free(rs->source_root);
	memset(rs, 0, sizeof(*rs));
}

void vt_results_add_file(struct vt_results *rs, const char *path)
{
	rs->files = xgrow(rs->files, rs->nfiles, sizeof(*rs->files));
	rs->file_first = xgrow(rs->file_first, rs->nfiles, sizeof(*rs->file_first));
	rs->file_first[rs->nfiles] = rs->n;
	rs->files[rs->nfiles++] = xstrdup(path);
}

void vt_results_set_system(struct vt_results *rs, enum vt_system_field f,
			   const char *value)
{
	free(rs->system[f]);
	rs->system[f] = value ? xstrdup(value) : NULL;
}

void vt_results_add_problem(struct vt_results *rs, const char *text)
{
	rs->problems = xgrow(rs->problems, rs->nproblems, sizeof(char *));
	rs->problems[rs->nproblems++] = xstrdup(text);
}

void vt_results_add_manifest_note(struct vt_results *rs, const char *text)
{
	rs->manifest_notes = xrealloc(rs->manifest_notes,
				      (rs->nmanifest_notes + 1) * sizeof(char *));
	rs->manifest_notes[rs->nmanifest_notes++] = xstrdup(text);
}

struct vt_result *vt_report_msg(struct vt_results *rs,
				const struct vt_check_info *check, const char *suite,
				enum vt_status status, const char *subject, char *msg)
{
	struct vt_result *r;

	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 64;
		rs->v = xrealloc(rs->v, rs->cap * sizeof(*rs->v));
	}
	r = &rs->v[rs->n++];
	memset(r, 0, sizeof(*r));
	r->check = check;
	r->suite = suite;
	r->status = status;
	r->subject = xstrdup(subject ? subject : "");
	r->message = msg;
	rs->count[status]++;
	return r;
}

void vt_result_clear(struct vt_result *r)
{
	vt_value_free(r->ev);
	free(r->subject);
	free(r->message);
	r->ev = NULL;
	r->subject = NULL;
	r->message = NULL;
}

static struct vt_value *root(struct vt_result *r)
{
	if (!r->ev)
		r->ev = vt_value_object();
	return r->ev;
}

void vt_ev_uint(struct vt_result *r, const char *key, uint64_t v)
{
	vt_put_uint(root(r), key, v);
}

void vt_ev_str(struct vt_result *r, const char *key, const char *s)
{
	vt_put_str(root(r), key, s ? s : "");
}

struct vt_value *vt_ev_list(struct vt_result *r, const char *key)
{
	return vt_put_list(root(r), key);
}

struct vt_value *vt_ev_object(struct vt_result *r, const char *key)
{
	return vt_put_object(root(r), key);
}

void vt_ev_merge(struct vt_result *r, const struct vt_value *obj)
{
	const struct vt_value *m;

	for (m = obj ? obj->first : NULL; m; m = m->next)
		vt_put_copy(root(r), m->key, m);
}
