// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The DMAR suite: its checks, and the prepare that decodes the table once.
 * The table comes from the environment: the platform's
 * /sys/firmware/acpi/tables/DMAR, or a file named on the command line.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "dmar_suite.h"
#include "../../util/xalloc.h"

static const struct vt_check *const dmar_check_tables[] = {
	dmar_table_checks, dmar_struct_checks, dmar_drhd_checks, dmar_rmrr_checks,
	dmar_misc_checks, dmar_scope_pci_checks, dmar_rmrr_memory_checks,
	dmar_kernel_checks, NULL,
};

static char printable(uint8_t c)
{
	return c >= 0x20 && c < 0x7f ? (char)c : '.';
}

/* Report under dmar.table.signature from prepare. */
static struct vt_result *signature(struct vt_ctx *ctx, enum vt_status st,
				   const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static struct vt_result *signature(struct vt_ctx *ctx, enum vt_status st,
				   const char *fmt, ...)
{
	struct vt_result *r;
	va_list ap;

	ctx->check = dmar_check_signature;
	va_start(ap, fmt);
	r = vt_vresult(ctx, st, NULL, fmt, ap);
	va_end(ap);
	ctx->check = NULL;
	return r;
}

/* Why there is no table to check, reported under the signature check. */
static enum vt_status no_table(struct vt_ctx *ctx)
{
	struct vt_env *env = ctx->env;
	const char *why = vt_env_why(env, VT_ENV_DMAR);

	switch (env->part[VT_ENV_DMAR].avail) {
	case VT_ABSENT:
		signature(ctx, VT_FAIL, "no DMAR table: the firmware reports no VT-d "
			  "remapping hardware (VT-d disabled in firmware setup, or absent)");
		vt_ctx_why(ctx, "no DMAR table on this system");
		return VT_SKIP;
	case VT_UNKNOWN:
		signature(ctx, VT_SKIP, "%s", why);
		vt_ctx_why(ctx, "no DMAR table to check: %s", why);
		return VT_SKIP;
	default:
		signature(ctx, VT_ERROR, "%s", why);
		ctx->rs->bad_inputs++;
		vt_ctx_why(ctx, "the DMAR table could not be read");
		return VT_SKIP;
	}
}

static enum vt_status dmar_prepare(struct vt_ctx *ctx)
{
	struct vt_env *env = ctx->env;
	const uint8_t *buf;
	struct dmar_state *s;
	struct vt_result *r;
	size_t len;

	vt_env_load(env, VT_ENV_DMAR);
	if (env->dmar_name)
		ctx->subject = env->dmar_name;
	if (!vt_env_has(env, VT_ENV_DMAR))
		return no_table(ctx);
	buf = env->dmar.data;
	len = env->dmar.len;
	s = xcalloc(1, sizeof(*s));
	switch (dmar_decode(buf, len, &s->t)) {
	case DMAR_OK:
		ctx->state = s;
		return VT_PASS;
	case DMAR_ERR_SHORT:
		r = signature(ctx, VT_FAIL, "%zu bytes: shorter than the %u-byte DMAR "
			      "header (offset 0x%zx is past the end)", len,
			      DMAR_HEADER_SIZE, len);
		vt_ev_uint(r, "length", len);
		break;
	case DMAR_ERR_SIGNATURE:
		r = signature(ctx, VT_FAIL, "signature at offset 0x0 is \"%c%c%c%c\" "
			      "(%02x %02x %02x %02x), not \"DMAR\"", printable(buf[0]),
			      printable(buf[1]), printable(buf[2]), printable(buf[3]),
			      buf[0], buf[1], buf[2], buf[3]);
		vt_ev_str(r, "expected", DMAR_SIGNATURE);
		break;
	case DMAR_ERR_NOMEM:
		signature(ctx, VT_ERROR, "%s", dmar_decode_strerror(DMAR_ERR_NOMEM));
		break;
	}
	free(s);
	ctx->rs->bad_inputs++;
	vt_ctx_why(ctx, "not a DMAR table");
	return VT_SKIP;
}

static void dmar_release(struct vt_ctx *ctx)
{
	struct dmar_state *s = ctx->state;

	if (!s)
		return;
	dmar_free(&s->t);
	free(s);
	ctx->state = NULL;
}

const struct vt_suite dmar_suite = {
	.name = "dmar",
	.help = "ACPI DMAR table against VT-d and the live PCI tree",
	.checks = dmar_check_tables,
	.prepare = dmar_prepare,
	.release = dmar_release,
};
