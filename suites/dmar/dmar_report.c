// SPDX-License-Identifier: GPL-2.0-or-later
/* Subjects and reporting for DMAR checks: every result names where. */
#include <stdarg.h>
#include <stdlib.h>

#include "dmar_suite.h"
#include "../../results/xalloc.h"

static char *type_label(uint16_t type)
{
	const char *name = dmar_struct_type_name(type);

	return name ? xstrdup(name) : xasprintf("type %u", type);
}

/* Ordinal among structures of the same type: "DRHD #2" reads naturally. */
static size_t ordinal(const struct dmar_table *t, size_t si)
{
	size_t i, k = 0;

	for (i = 0; i < si; i++)
		if (t->structs[i].type == t->structs[si].type)
			k++;
	return k;
}

char *dmar_subject(const struct dmar_ctx *ctx, size_t si)
{
	const struct dmar_struct *s = &ctx->t->structs[si];
	char *label = type_label(s->type);
	char *out = xasprintf("%s: %s #%zu @0x%x", ctx->name, label,
			      ordinal(ctx->t, si), s->offset);

	free(label);
	return out;
}

char *dmar_scope_subject(const struct dmar_ctx *ctx, size_t si, size_t sci)
{
	char *st = dmar_subject(ctx, si);
	char *out = xasprintf("%s scope #%zu @0x%x", st, sci,
			      ctx->t->structs[si].scopes[sci].offset);

	free(st);
	return out;
}

static struct vt_result *vreport(struct dmar_ctx *ctx, const struct vt_check_info *ck,
				 enum vt_status st, const char *subject,
				 const char *fmt, va_list ap)
{
	return vt_report_msg(ctx->rs, ck, st, subject ? subject : ctx->name,
			     xvasprintf(fmt, ap));
}

struct vt_result *dmar_report(struct dmar_ctx *ctx, const struct vt_check_info *ck,
			      enum vt_status st, const char *subject,
			      const char *fmt, ...)
{
	struct vt_result *r;
	va_list ap;

	va_start(ap, fmt);
	r = vreport(ctx, ck, st, subject, fmt, ap);
	va_end(ap);
	return r;
}

struct vt_result *dmar_report_struct(struct dmar_ctx *ctx,
				     const struct vt_check_info *ck,
				     enum vt_status st, size_t si,
				     const char *fmt, ...)
{
	char *subject = dmar_subject(ctx, si);
	struct vt_result *r;
	va_list ap;

	va_start(ap, fmt);
	r = vreport(ctx, ck, st, subject, fmt, ap);
	va_end(ap);
	free(subject);
	vt_ev_uint(r, "offset", ctx->t->structs[si].offset);
	return r;
}

struct vt_result *dmar_report_scope(struct dmar_ctx *ctx,
				    const struct vt_check_info *ck,
				    enum vt_status st, size_t si, size_t sci,
				    const char *fmt, ...)
{
	char *subject = dmar_scope_subject(ctx, si, sci);
	struct vt_result *r;
	va_list ap;

	va_start(ap, fmt);
	r = vreport(ctx, ck, st, subject, fmt, ap);
	va_end(ap);
	free(subject);
	vt_ev_uint(r, "offset", ctx->t->structs[si].scopes[sci].offset);
	return r;
}

void dmar_conclude(struct dmar_ctx *ctx, const struct vt_check_info *ck,
		   size_t bad, size_t seen, const char *none, const char *fmt, ...)
{
	va_list ap;

	if (bad)
		return;
	if (!seen) {
		dmar_report(ctx, ck, VT_SKIP, NULL, "%s", none);
		return;
	}
	va_start(ap, fmt);
	vreport(ctx, ck, VT_PASS, NULL, fmt, ap);
	va_end(ap);
}
