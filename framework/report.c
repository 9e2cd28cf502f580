// SPDX-License-Identifier: GPL-2.0-or-later
/* Reporting for check bodies and predicates: one result per call, with the values seen. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suite.h"
#include "../util/xalloc.h"

void vt_ctx_why(struct vt_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->why, sizeof(ctx->why), fmt, ap);
	va_end(ap);
}

void vt_ctx_bad_input(struct vt_ctx *ctx)
{
	ctx->rs->bad_inputs++;
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

/* How bad a verdict is: an item's verdict is the worst it was given. */
static int rank(enum vt_status st)
{
	static const int ranks[VT_STATUS_COUNT] = {
		[VT_PASS] = 0, [VT_SKIP] = 1, [VT_WARN] = 2, [VT_FAIL] = 3, [VT_ERROR] = 4,
	};

	return ranks[st];
}

/* The verdict on the item being judged: counted, and reported unless a pass. */
static struct vt_result *item_verdict(struct vt_ctx *ctx, enum vt_status st,
				      const char *fmt, va_list ap)
{
	const struct vt_items *k = ctx->check->items;
	struct vt_tally *t = &ctx->tally;
	struct vt_result *r;
	char *subject;

	if (!t->said || rank(st) > rank(t->item))
		t->item = st;
	t->said = true;
	if (st == VT_PASS) {
		/* Evidence may be added to it; the runner drops it after the item. */
		ctx->scratch.check = &ctx->check->info;
		ctx->scratch.suite = ctx->suite->name;
		ctx->scratch.status = VT_PASS;
		return &ctx->scratch;
	}
	subject = k->subject(ctx, ctx->item);
	r = vt_vresult(ctx, st, subject, fmt, ap);
	free(subject);
	if (k->evidence)
		k->evidence(r, ctx->item);
	if (st == VT_SKIP && !t->unknown_why)
		t->unknown_why = xstrdup(r->message);
	return r;
}

struct vt_result *vt_verdict(struct vt_ctx *ctx, enum vt_status st, const char *fmt, ...)
{
	struct vt_result *r;
	va_list ap;

	va_start(ap, fmt);
	r = ctx->item ? item_verdict(ctx, st, fmt, ap) : vt_vresult(ctx, st, NULL, fmt, ap);
	va_end(ap);
	return r;
}

struct vt_result *vt_expect(struct vt_ctx *ctx, bool ok, enum vt_status bad,
			    const char *fmt, ...)
{
	enum vt_status st = ok ? VT_PASS : bad;
	struct vt_result *r;
	va_list ap;

	va_start(ap, fmt);
	r = ctx->item ? item_verdict(ctx, st, fmt, ap) : vt_vresult(ctx, st, NULL, fmt, ap);
	va_end(ap);
	return r;
}
