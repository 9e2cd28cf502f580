// SPDX-License-Identifier: GPL-2.0-or-later
/* The DMAR suite runner: which checks run, on which table, with what. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar_env.h"
#include "dmar_suite.h"
#include "../../platform/snapshot_layout.h"
#include "../../results/xalloc.h"

/* A table's Length is a u32, but no real one comes near this. */
#define DMAR_MAX_FILE (16u << 20)

static const struct dmar_check *const *all;

const struct dmar_check *const *dmar_all_checks(void)
{
	static const struct dmar_check *const tables[] = {
		dmar_table_checks, dmar_struct_checks, dmar_drhd_checks,
		dmar_rmrr_checks, dmar_misc_checks, dmar_platform_checks,
	};
	size_t i, n = 0, k = 0;
	const struct dmar_check **list;
	const struct dmar_check *c;

	if (all)
		return all;
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		for (c = tables[i]; c->run; c++)
			n++;
	list = xcalloc(n + 1, sizeof(*list));
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		for (c = tables[i]; c->run; c++)
			list[k++] = c;
	all = list;
	return all;
}

static void run_checks(struct vt_results *rs, const char *name,
		       const struct dmar_table *t, const struct dmar_env *env)
{
	struct dmar_ctx ctx = { .rs = rs, .name = name, .t = t, .env = env };
	const struct dmar_check *const *c;

	for (c = dmar_all_checks(); *c; c++)
		(*c)->run(&ctx, &(*c)->info);
}

/* Every check skips, with one reason: there is no table to look at. */
static void skip_all(struct vt_results *rs, const char *name, const char *why)
{
	const struct dmar_check *const *c;

	for (c = dmar_all_checks(); *c; c++)
		vt_report(rs, &(*c)->info, VT_SKIP, name, "%s", why);
}

static char printable(uint8_t c)
{
	return c >= 0x20 && c < 0x7f ? (char)c : '.';
}

/*
 * Decode and check one table image. Returns 1 when it is not a DMAR table
 * (reported under dmar.table.signature), else 0.
 */
static size_t run_image(struct vt_results *rs, const char *name,
			const uint8_t *buf, size_t len, const struct dmar_env *env)
{
	struct dmar_table t;
	enum dmar_decode_status st = dmar_decode(buf, len, &t);
	struct vt_result *r;

	switch (st) {
	case DMAR_OK:
		vt_report(rs, &dmar_check_signature, VT_PASS, name,
			  "signature \"DMAR\", %zu bytes", len);
		run_checks(rs, name, &t, env);
		dmar_free(&t);
		return 0;
	case DMAR_ERR_SHORT:
		r = vt_report(rs, &dmar_check_signature, VT_FAIL, name,
			      "%zu bytes: shorter than the %u-byte DMAR header (offset 0x%zx "
			      "is past the end)", len, DMAR_HEADER_SIZE, len);
		vt_ev_uint(r, "length", len);
		return 1;
	case DMAR_ERR_SIGNATURE:
		r = vt_report(rs, &dmar_check_signature, VT_FAIL, name,
			      "signature at offset 0x0 is \"%c%c%c%c\" (%02x %02x %02x %02x), "
			      "not \"DMAR\"", printable(buf[0]), printable(buf[1]),
			      printable(buf[2]), printable(buf[3]),
			      buf[0], buf[1], buf[2], buf[3]);
		vt_ev_str(r, "expected", DMAR_SIGNATURE);
		return 1;
	case DMAR_ERR_NOMEM:
		break;
	}
	vt_report(rs, &dmar_check_signature, VT_ERROR, name, "%s",
		  dmar_decode_strerror(st));
	return 1;
}

size_t dmar_run_files(struct vt_results *rs, char *const *files, size_t n)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++) {
		uint8_t *buf;
		size_t len;
		char err[256];

		vt_results_add_file(rs, files[i]);
		if (vt_read_path(files[i], DMAR_MAX_FILE, &buf, &len, err, sizeof(err))) {
			vt_report(rs, &dmar_check_signature, VT_ERROR, files[i], "%s", err);
			fprintf(stderr, "vtdcert dmar: %s: %s\n", files[i], err);
			bad++;
			continue;
		}
		if (run_image(rs, files[i], buf, len, NULL)) {
			fprintf(stderr, "vtdcert dmar: %s: not a DMAR table: %s\n", files[i],
				rs->v[rs->n - 1].message);
			bad++;
		}
		free(buf);
	}
	return bad;
}

size_t dmar_run_platform(struct vt_results *rs, struct vt_platform *p)
{
	char *name = vt_platform_path(p, PATH_DMAR_TABLE);
	struct dmar_env env;
	struct vt_blob b;
	size_t bad = 0;
	int rc;

	rc = vt_read_file(p, PATH_DMAR_TABLE, DMAR_MAX_FILE, &b);
	if (rc == -ENOENT) {
		vt_report(rs, &dmar_check_signature, VT_FAIL, name,
			  "no DMAR table: the firmware reports no VT-d remapping "
			  "hardware (VT-d disabled in firmware setup, or absent)");
		skip_all(rs, name, "no DMAR table on this system");
	} else if (rc) {
		vt_report(rs, &dmar_check_signature, VT_ERROR, name, "%s%s",
			  vt_platform_error(p),
			  rc == -EACCES ? " (ACPI tables are readable by root only)" : "");
		skip_all(rs, name, "the DMAR table could not be read");
	} else {
		dmar_env_load(&env, p);
		bad = run_image(rs, name, b.data, b.len, &env);
		dmar_env_free(&env);
		vt_blob_free(&b);
	}
	free(name);
	return bad;
}
