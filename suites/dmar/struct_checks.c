// SPDX-License-Identifier: GPL-2.0-or-later
/* Checks of the remapping structure list and device scopes (VT-d §8.2, §8.3.1). */
#include "dmar_suite.h"

static bool is_struct_problem(enum dmar_problem_kind k)
{
	return k == DMAR_PROB_STRUCT_HEADER_CUT || k == DMAR_PROB_STRUCT_ZERO ||
	       k == DMAR_PROB_STRUCT_OVERRUN || k == DMAR_PROB_STRUCT_SHORT;
}

static bool is_scope_problem(enum dmar_problem_kind k)
{
	return k == DMAR_PROB_SCOPE_HEADER_CUT || k == DMAR_PROB_SCOPE_ZERO ||
	       k == DMAR_PROB_SCOPE_OVERRUN || k == DMAR_PROB_SCOPE_SHORT ||
	       k == DMAR_PROB_SCOPE_ODD;
}

/* Report every decode problem of one family; returns how many. */
static size_t report_problems(struct vt_ctx *ctx,
			      bool (*family)(enum dmar_problem_kind))
{
	size_t i, n = 0;

	for (i = 0; i < DMAR_T(ctx)->nproblems; i++) {
		const struct dmar_problem *p = &DMAR_T(ctx)->problems[i];
		struct vt_result *r;

		if (!family(p->kind))
			continue;
		r = vt_result(ctx, VT_FAIL, NULL,
				"at offset 0x%x: %s (seen %llu, limit %llu)", p->offset,
				dmar_problem_describe(p->kind), (unsigned long long)p->value,
				(unsigned long long)p->limit);
		vt_ev_uint(r, "offset", p->offset);
		vt_ev_uint(r, "value", p->value);
		vt_ev_uint(r, "limit", p->limit);
		n++;
	}
	return n;
}

static void check_struct_length(struct vt_ctx *ctx)
{
	if (!report_problems(ctx, is_struct_problem))
		vt_result(ctx, VT_PASS, NULL,
			    "%zu structures, each nonzero, complete and within the table",
			    DMAR_T(ctx)->nstructs);
}

static void check_scope_length(struct vt_ctx *ctx)
{
	size_t i, n = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++)
		n += DMAR_T(ctx)->structs[i].nscopes;
	if (!report_problems(ctx, is_scope_problem))
		vt_result(ctx, VT_PASS, NULL,
			    "%zu device scopes, each at least 8 bytes, whole path "
			    "entries, within its structure", n);
}

static void check_order(struct vt_ctx *ctx)
{
	const struct dmar_struct *last = NULL;  /* highest known type so far */
	size_t i, bad = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];
		struct vt_result *r;

		/* Unknown (future) types have no place in the order: step over them. */
		if (s->type >= DMAR_TYPE_COUNT)
			continue;
		if (!last || s->type >= last->type) {
			last = s;
			continue;
		}
		r = dmar_report_struct(ctx, VT_FAIL, i,
				       "type %u (%s) follows type %u (%s) at offset 0x%x: "
				       "structures must be in numerical type order",
				       s->type, dmar_struct_type_name(s->type), last->type,
				       dmar_struct_type_name(last->type), last->offset);
		vt_ev_uint(r, "type", s->type);
		vt_ev_uint(r, "previous_type", last->type);
		bad++;
	}
	if (!bad)
		vt_result(ctx, VT_PASS, NULL,
			    "%zu structures in numerical type order", DMAR_T(ctx)->nstructs);
}

static void check_type_known(struct vt_ctx *ctx)
{
	size_t i, bad = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];

		if (s->type < DMAR_TYPE_COUNT)
			continue;
		vt_ev_uint(dmar_report_struct(ctx, VT_WARN, i,
			   "unknown structure type %u (length %u) skipped: newer "
			   "than VT-d 4.1 or not a remapping structure", s->type,
			   s->length), "type", s->type);
		bad++;
	}
	if (!bad)
		vt_result(ctx, VT_PASS, NULL, "every structure type is defined by VT-d 4.1");
}

static void check_scope_type(struct vt_ctx *ctx)
{
	size_t i, j, bad = 0, seen = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];
		unsigned allowed = dmar_struct_allowed_scopes(s->type);

		for (j = 0; j < s->nscopes; j++) {
			const struct dmar_scope *sc = &s->scopes[j];
			const char *name = dmar_scope_type_name(sc->type);
			struct vt_result *r;

			seen++;
			if (sc->type <= SCOPE_TYPE_MAX && (allowed & SCOPE_BIT(sc->type)))
				continue;
			r = dmar_report_scope(ctx, VT_FAIL, i, j,
					      "device scope type %u (%s) is not valid in a %s",
					      sc->type, name ? name : "undefined",
					      dmar_struct_type_name(s->type));
			vt_ev_uint(r, "scope_type", sc->type);
			bad++;
		}
	}
	vt_conclude(ctx, bad, seen, "the table has no device scope",
		      "%zu device scopes, each of a type valid for its structure", seen);
}

static void check_segment_has_drhd(struct vt_ctx *ctx)
{
	size_t i, j, bad = 0, seen = 0;
	uint16_t seg, dseg;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];
		bool found = false;

		if (s->type == DMAR_TYPE_DRHD || !dmar_struct_segment(s, &seg))
			continue;
		seen++;
		for (j = 0; j < DMAR_T(ctx)->nstructs && !found; j++)
			found = DMAR_T(ctx)->structs[j].type == DMAR_TYPE_DRHD &&
				dmar_struct_segment(&DMAR_T(ctx)->structs[j], &dseg) &&
				dseg == seg;
		if (found)
			continue;
		vt_ev_uint(dmar_report_struct(ctx, VT_FAIL, i,
			   "names PCI segment %u, which no DRHD covers", seg),
			   "segment", seg);
		bad++;
	}
	vt_conclude(ctx, bad, seen, "no RMRR, ATSR, SATC or SIDP structure",
		      "%zu RMRR/ATSR/SATC/SIDP structures name segments with a DRHD", seen);
}

const struct vt_check dmar_struct_checks[] = {
	{ { "dmar.struct.length", VT_SEV_CRITICAL, VT_NEED_TABLE,
	    "every remapping structure has a nonzero length, its fixed fields, and ends within the table",
	    "VT-d 4.1 §8.2; Linux dmar.c dmar_walk_remapping_entries()" },
	  check_struct_length },
	{ { "dmar.struct.order", VT_SEV_MEDIUM, VT_NEED_TABLE,
	    "remapping structures are reported in numerical type order",
	    "VT-d 4.1 §8.2" }, check_order },
	{ { "dmar.struct.type-known", VT_SEV_LOW, VT_NEED_TABLE,
	    "every remapping structure type is one VT-d defines (unknown ones are skipped)",
	    "VT-d 4.1 §8.2; Linux dmar.c \"Unknown DMAR structure type\"" },
	  check_type_known },
	{ { "dmar.scope.length", VT_SEV_CRITICAL, VT_NEED_TABLE,
	    "every device scope is at least 8 bytes, whole path entries, within its structure",
	    "VT-d 4.1 §8.3.1; Linux dmar.c dmar_scope_count()" },
	  check_scope_length },
	{ { "dmar.scope.type-valid", VT_SEV_HIGH, VT_NEED_TABLE,
	    "every device scope has a type allowed in its structure",
	    "VT-d 4.1 §8.3.1, §8.4, §8.5, §8.8, §8.9" }, check_scope_type },
	{ { "dmar.segment.has-drhd", VT_SEV_MEDIUM, VT_NEED_TABLE,
	    "RMRR, ATSR, SATC and SIDP structures name a PCI segment that a DRHD covers",
	    "VT-d 4.1 §8.4, §8.5, §8.8, §8.9" }, check_segment_has_drhd },
	{ { 0 }, 0 }
};
