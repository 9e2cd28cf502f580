// SPDX-License-Identifier: GPL-2.0-or-later
/* Reporting for check bodies: one result per call, with the values seen. */
#include <stdarg.h>
#include <stdio.h>

#include "suite.h"
#include "../util/xalloc.h"

void vt_ctx_why(struct vt_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->why, sizeof(ctx->why), fmt, ap);
	va_end(ap);
}

struct vt_result *vt_vresult(struct vt_ctx *ctx, enum vt_status st, const char *subject,
			     const char *fmt, va_list ap)
{
	return vt_report_msg(ctx->rs, &ctx->check->info, ctx->suite->name, st,
			     subject ? subject : ctx->subject, xvasprintf(fmt, ap));
}

struct vt_result *vt_result(struct vt_ctx *ctx, enum vt_status st, const char *subject,
			    const char *fmt, ...)
{
	struct vt_result *r;
	va_list ap;

	va_start(ap, fmt);
	r = vt_vresult(ctx, st, subject, fmt, ap);
	va_end(ap);
	return r;
}

struct vt_result *vt_expect(struct vt_ctx *ctx, bool ok, const char *subject,
			    const char *fmt, ...)
{
	struct vt_result *r;
	va_list ap;

	va_start(ap, fmt);
	r = vt_vresult(ctx, ok ? VT_PASS : VT_FAIL, subject, fmt, ap);
	va_end(ap);
	return r;
}

void vt_conclude(struct vt_ctx *ctx, size_t bad, size_t seen, const char *none,
		 const char *fmt, ...)
{
	va_list ap;

	if (bad)
		return;
	if (!seen) {
		vt_skip(ctx, NULL, "%s", none);
		return;
	}
	va_start(ap, fmt);
	vt_vresult(ctx, VT_PASS, NULL, fmt, ap);
	va_end(ap);
}

void vt_ev_predicted(struct vt_result *r, const char *predicted, const char *observed)
{
	vt_ev_str(r, "predicted", predicted);
	vt_ev_str(r, "observed", observed);
}

void vt_ev_predicted_uint(struct vt_result *r, uint64_t predicted, uint64_t observed)
{
	vt_ev_uint(r, "predicted", predicted);
	vt_ev_uint(r, "observed", observed);
}
