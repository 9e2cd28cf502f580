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

/* Every decode problem of one family fails, at its offset; how many there were. */
static size_t report_problems(struct vt_ctx *ctx, bool (*family)(enum dmar_problem_kind))
{
	const struct dmar_table *t = DMAR_T(ctx);
	size_t i, n = 0;

	for (i = 0; i < t->nproblems; i++) {
		const struct dmar_problem *p = &t->problems[i];
		struct vt_result *r;

		if (!family(p->kind))
			continue;
		r = vt_fail(ctx, NULL, "at offset 0x%x: %s (seen %llu, limit %llu)", p->offset,
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
		vt_pass(ctx, NULL, "%zu structures, each nonzero, complete and within the table",
			DMAR_T(ctx)->nstructs);
}

const struct vt_check dmar_struct_length = {
	VT_CHECK("dmar.struct.length", VT_SEV_CRITICAL, VT_NEED_TABLE,
		 "every remapping structure has a nonzero length, its fixed fields, and ends "
		 "within the table",
		 "VT-d 4.1 §8.2; Linux dmar.c dmar_walk_remapping_entries()"),
	.run = check_struct_length,
};

static void check_scope_length(struct vt_ctx *ctx)
{
	size_t i, n = 0;

	for (i = 0; i < DMAR_T(ctx)->nstructs; i++)
		n += DMAR_T(ctx)->structs[i].nscopes;
	if (!report_problems(ctx, is_scope_problem))
		vt_pass(ctx, NULL, "%zu device scopes, each at least 8 bytes, whole path "
			"entries, within its structure", n);
}

const struct vt_check dmar_scope_length = {
	VT_CHECK("dmar.scope.length", VT_SEV_CRITICAL, VT_NEED_TABLE,
		 "every device scope is at least 8 bytes, whole path entries, within its "
		 "structure", "VT-d 4.1 §8.3.1; Linux dmar.c dmar_scope_count()"),
	.run = check_scope_length,
};

/* Unknown (future) types have no place in the order (dmar_index.h). */
static void in_type_order(struct vt_ctx *ctx, const struct vt_item *it)
{
	long prev = DMAR_X(ctx)->out_of_order[it->index];
	const struct dmar_struct *s = it->st, *p;
	struct vt_result *r;

	if (s->type >= DMAR_TYPE_COUNT)
		return;
	if (prev == DMAR_NO_STRUCT) {
		vt_verdict(ctx, VT_PASS, "in order");
		return;
	}
	p = &DMAR_T(ctx)->structs[prev];
	r = vt_verdict(ctx, VT_FAIL, "type %u (%s) follows type %u (%s) at offset 0x%x: "
		       "structures must be in numerical type order", s->type,
		       dmar_struct_type_name(s->type), p->type, dmar_struct_type_name(p->type),
		       p->offset);
	vt_ev_uint(r, "type", s->type);
	vt_ev_uint(r, "previous_type", p->type);
}

const struct vt_check dmar_struct_order = {
	VT_CHECK("dmar.struct.order", VT_SEV_MEDIUM, VT_NEED_TABLE,
		 "remapping structures are reported in numerical type order", "VT-d 4.1 §8.2"),
	.items = &vt_items_structures, .judge = in_type_order,
	.none = "no structure of a type VT-d 4.1 defines",
	.all = "%zu structures in numerical type order",
};

static void type_known(struct vt_ctx *ctx, const struct vt_item *it)
{
	vt_ev_uint(vt_expect(ctx, it->st->type < DMAR_TYPE_COUNT, VT_WARN,
			     "unknown structure type %u (length %u) skipped: newer than VT-d "
			     "4.1 or not a remapping structure", it->st->type, it->st->length),
		   "type", it->st->type);
}

const struct vt_check dmar_struct_type_known = {
	VT_CHECK("dmar.struct.type-known", VT_SEV_LOW, VT_NEED_TABLE,
		 "every remapping structure type is one VT-d defines (unknown ones are skipped)",
		 "VT-d 4.1 §8.2; Linux dmar.c \"Unknown DMAR structure type\""),
	.items = &vt_items_structures, .judge = type_known,
	.none = "the table has no remapping structure",
	.all = "%zu structures, each of a type VT-d 4.1 defines",
};

static void scope_type_valid(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct dmar_scope *sc = it->scope;
	const char *name = dmar_scope_type_name(sc->type);
	bool ok = sc->type <= SCOPE_TYPE_MAX &&
		  (dmar_struct_allowed_scopes(it->st->type) & SCOPE_BIT(sc->type));

	vt_ev_uint(vt_expect(ctx, ok, VT_FAIL, "device scope type %u (%s) is not valid in a %s",
			     sc->type, name ? name : "undefined",
			     dmar_struct_type_name(it->st->type)), "scope_type", sc->type);
}

const struct vt_check dmar_scope_type_valid = {
	VT_CHECK("dmar.scope.type-valid", VT_SEV_HIGH, VT_NEED_TABLE,
		 "every device scope has a type allowed in its structure",
		 "VT-d 4.1 §8.3.1, §8.4, §8.5, §8.8, §8.9"),
	.items = &vt_items_scopes, .judge = scope_type_valid,
	.none = "the table has no device scope",
	.all = "%zu device scopes, each of a type valid for its structure",
};

static void segment_has_drhd(struct vt_ctx *ctx, const struct vt_item *it)
{
	uint16_t seg;

	if (it->st->type == DMAR_TYPE_DRHD || !dmar_struct_segment(it->st, &seg))
		return;
	vt_ev_uint(vt_expect(ctx, dmar_drhd_of_segment(DMAR_X(ctx), seg) != DMAR_NO_STRUCT,
			     VT_FAIL, "names PCI segment %u, which no DRHD covers", seg),
		   "segment", seg);
}

const struct vt_check dmar_segment_has_drhd = {
	VT_CHECK("dmar.segment.has-drhd", VT_SEV_MEDIUM, VT_NEED_TABLE,
		 "RMRR, ATSR, SATC and SIDP structures name a PCI segment that a DRHD covers",
		 "VT-d 4.1 §8.4, §8.5, §8.8, §8.9"),
	.items = &vt_items_structures, .judge = segment_has_drhd,
	.none = "no RMRR, ATSR, SATC or SIDP structure",
	.all = "%zu RMRR/ATSR/SATC/SIDP structures name segments with a DRHD",
};
