// SPDX-License-Identifier: GPL-2.0-or-later
/* Subjects and reporting for DMAR checks: every result names where. */
#include <stdarg.h>
#include <stdlib.h>

#include "dmar_suite.h"
#include "../../util/xalloc.h"

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

char *dmar_subject(const struct vt_ctx *ctx, size_t si)
{
	const struct dmar_struct *s = &DMAR_T(ctx)->structs[si];
	char *label = type_label(s->type);
	char *out = xasprintf("%s: %s #%zu @0x%x", ctx->subject, label,
			      ordinal(DMAR_T(ctx), si), s->offset);

	free(label);
	return out;
}

char *dmar_scope_subject(const struct vt_ctx *ctx, size_t si, size_t sci)
{
	char *st = dmar_subject(ctx, si);
	char *out = xasprintf("%s scope #%zu @0x%x", st, sci,
			      DMAR_T(ctx)->structs[si].scopes[sci].offset);

	free(st);
	return out;
}

struct vt_result *dmar_report_struct(struct vt_ctx *ctx, enum vt_status st, size_t si,
				     const char *fmt, ...)
{
	char *subject = dmar_subject(ctx, si);
	struct vt_result *r;
	va_list ap;

	va_start(ap, fmt);
	r = vt_vresult(ctx, st, subject, fmt, ap);
	va_end(ap);
	free(subject);
	vt_ev_uint(r, "offset", DMAR_T(ctx)->structs[si].offset);
	return r;
}

struct vt_result *dmar_report_scope(struct vt_ctx *ctx, enum vt_status st, size_t si,
				    size_t sci, const char *fmt, ...)
{
	char *subject = dmar_scope_subject(ctx, si, sci);
	struct vt_result *r;
	va_list ap;

	va_start(ap, fmt);
	r = vt_vresult(ctx, st, subject, fmt, ap);
	va_end(ap);
	free(subject);
	vt_ev_uint(r, "offset", DMAR_T(ctx)->structs[si].scopes[sci].offset);
	return r;
}
