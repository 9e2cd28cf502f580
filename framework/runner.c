// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The runner: for each check of a suite, load what it needs and either
 * run it or report why it cannot run. A check over items is walked here:
 * the predicate sees one item at a time, the runner keeps the tally and
 * writes the conclusion. Suites never skip for missing input themselves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suite.h"
#include "../passthrough/passthrough.h"
#include "../util/xalloc.h"

static const char *const run_need_names[VT_NEED_RUN_COUNT] = {
	"platform", "root", "active", "iommu-on", "vfio",
};

const char *vt_need_name(unsigned bit)
{
	unsigned i;

	for (i = 0; i < VT_NEED_COUNT; i++)
		if (bit == 1u << i)
			return i < VT_NEED_RUN_COUNT ? run_need_names[i] :
			       vt_env_part((enum vt_env_part)(i - VT_NEED_RUN_COUNT))->key;
	return "?";
}

char *vt_needs_text(unsigned mask, char *buf, size_t size)
{
	size_t len = 0;
	unsigned i;

	buf[0] = '\0';
	for (i = 0; i < VT_NEED_COUNT; i++)
		if (mask & (1u << i) && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
						vt_need_name(1u << i));
	if (!len)
		snprintf(buf, size, "-");
	return buf;
}

/* An environment part as a need: met when available; else skip, or error when broken. */
static const char *part_unmet(struct vt_env *env, enum vt_env_part part, enum vt_status *status)
{
	enum vt_avail a = vt_env_load(env, part);

	if (a == VT_AVAILABLE)
		return NULL;
	*status = a == VT_BROKEN ? VT_ERROR : VT_SKIP;
	return vt_env_why(env, part);
}

const char *vt_need_unmet(struct vt_env *env, const struct vt_run_opts *opts,
			  unsigned bit, enum vt_status *status)
{
	const char *why;
	unsigned i;

	*status = VT_SKIP;
	switch (bit) {
	case VT_NEED_PLATFORM:
		return env->plat ? NULL : "needs a live system or a snapshot (--root)";
	case VT_NEED_ROOT:
		if (!env->plat)
			return "needs a live system or a snapshot (--root)";
		return !env->live || env->root ? NULL : "needs root on the live system";
	case VT_NEED_ACTIVE:
		if (!env->live)
			return "changes the machine: runs on the live system only";
		return opts && opts->active ? NULL :
		       "changes the machine: runs only with --active";
	case VT_NEED_IOMMU_ON:
		why = part_unmet(env, VT_ENV_GROUPS, status);
		if (why)
			return why;
		return env->ngroups ? NULL : "the kernel does not translate DMA: no IOMMU "
		       "groups (IOMMU off or absent)";
	case VT_NEED_VFIO:
		return env->vfio ? NULL : "needs vfio-pci on the live system "
		       "(/dev/vfio/vfio; modprobe vfio-pci)";
	}
	for (i = 0; i < VT_ENV_PART_COUNT; i++)
		if (bit == VT_NEED_PART(i))
			return part_unmet(env, (enum vt_env_part)i, status);
	return NULL;
}

/* The first unmet need of @mask, in bit order; NULL when all are met. */
static const char *first_unmet(struct vt_env *env, const struct vt_run_opts *opts,
			       unsigned mask, enum vt_status *status)
{
	const char *why;
	unsigned i;

	for (i = 0; i < VT_NEED_COUNT; i++)
		if (mask & (1u << i) && (why = vt_need_unmet(env, opts, 1u << i, status)))
			return why;
	return NULL;
}

static unsigned needs_of(const struct vt_check *c)
{
	return c->info.needs | (c->items ? c->items->needs : 0);
}

/* ---- a check over items ---- */

static void conclude(struct vt_ctx *ctx, const struct vt_check *c)
{
	const struct vt_tally *t = &ctx->tally;
	char *all, *tail;

	if (t->bad)
		return;             /* the findings speak */
	if (!t->judged) {
		if (!t->unknown)
			vt_skip(ctx, NULL, "%s", c->none);
		return;             /* else each unknown was reported as a skip */
	}
	tail = t->unknown ? xasprintf("; %zu more could not be judged (%s)", t->unknown,
				      t->unknown_why) : xstrdup("");
	if (c->pass) {
		c->pass(ctx, t->judged, tail);
	} else {
		/* The pass format's one conversion is the count. */
		all = xasprintf(c->all, t->judged);
		vt_pass(ctx, NULL, "%s%s", all, tail);
		free(all);
	}
	free(tail);
}

static void tally_item(struct vt_tally *t)
{
	if (!t->said)
		return;             /* not applicable: not counted */
	switch (t->item) {
	case VT_PASS:
		t->judged++;
		break;
	case VT_SKIP:
		t->unknown++;
		break;
	default:
		t->judged++;
		t->bad++;
		break;
	}
}

static void run_items(struct vt_ctx *ctx, const struct vt_check *c)
{
	struct vt_item it;

	memset(&ctx->tally, 0, sizeof(ctx->tally));
	memset(&it, 0, sizeof(it));
	ctx->check_state = c->setup ? c->setup(ctx) : NULL;
	while (c->items->next(ctx, c->items, &it)) {
		ctx->item = &it;
		ctx->tally.said = false;
		c->judge(ctx, &it);
		tally_item(&ctx->tally);
		vt_result_clear(&ctx->scratch);
	}
	ctx->item = NULL;
	conclude(ctx, c);
	if (c->teardown)
		c->teardown(ctx->check_state);
	ctx->check_state = NULL;
	free(ctx->tally.unknown_why);
	ctx->tally.unknown_why = NULL;
}

/* ---- running checks ---- */

static bool reported_since(const struct vt_results *rs, size_t from, const struct vt_check *c)
{
	size_t i;

	for (i = from; i < rs->n; i++)
		if (rs->v[i].check == &c->info)
			return true;
	return false;
}

static void run_one(struct vt_ctx *ctx, const struct vt_check *c)
{
	size_t start = ctx->rs->n;
	enum vt_status st;
	const char *why;

	ctx->check = c;
	why = c == ctx->suite->gate ? NULL :
	      first_unmet(ctx->env, ctx->opts, needs_of(c) & ~ctx->suite->needs, &st);
	if (why)
		vt_result(ctx, st, NULL, "%s", why);
	else if (c->items)
		run_items(ctx, c);
	else
		c->run(ctx);
	/* Silence would drop the check from the report: say so instead. */
	if (!reported_since(ctx->rs, start, c))
		vt_error(ctx, NULL, "%s reported nothing: a defect of vtdcert, not of the "
			 "machine", c->info.id);
	ctx->check = NULL;
}

/* Every check of the suite but the gate is given @st with @why. */
static void decline(struct vt_ctx *ctx, const struct vt_check *only, enum vt_status st,
		    const char *why)
{
	const struct vt_check *const *c;

	for (c = ctx->suite->checks; *c; c++) {
		if ((only && *c != only) || *c == ctx->suite->gate)
			continue;
		ctx->check = *c;
		vt_result(ctx, st, NULL, "%s", why);
	}
	ctx->check = NULL;
}

/*
 * The gate, run first: false when it did not pass (the others are then
 * declined with its reason). Its results go to @gate_rs (the caller's, or
 * a scratch set when only another check is wanted).
 */
static bool pass_gate(struct vt_ctx *ctx, struct vt_results *gate_rs)
{
	struct vt_results *rs = ctx->rs;
	size_t i, start = gate_rs->n;
	bool passed = true;

	ctx->rs = gate_rs;
	run_one(ctx, ctx->suite->gate);
	ctx->rs = rs;
	for (i = start; i < gate_rs->n; i++)
		passed = passed && gate_rs->v[i].status == VT_PASS;
	if (!passed && !ctx->why[0])
		vt_ctx_why(ctx, "%s did not pass", ctx->suite->gate->info.id);
	return passed;
}

/*
 * Whether @s changes the machine in this run: it, or one of its checks,
 * needs --active, and the run is active on the live system.
 */
static bool suite_acts(struct vt_env *env, const struct vt_suite *s,
		       const struct vt_run_opts *opts)
{
	const struct vt_check *const *c;
	enum vt_status ignored;
	bool acts = s->needs & VT_NEED_ACTIVE;

	for (c = s->checks; *c && !acts; c++)
		acts = needs_of(*c) & VT_NEED_ACTIVE;
	return acts && !vt_need_unmet(env, opts, VT_NEED_ACTIVE, &ignored);
}

/* The passthrough session of a suite that changes the machine. */
static const char *open_passthrough(struct vt_ctx *ctx, const struct vt_run_opts *opts,
				    enum vt_status *st)
{
	struct pt_policy pol = { opts->take, opts->ntake };
	char why[PT_WHY_SIZE];

	if (!pt_session_open(&ctx->pt, &pol, why))
		return NULL;
	*st = VT_ERROR;
	vt_ctx_why(ctx, "the reference passthrough cannot start: %s", why);
	return ctx->why;
}

/*
 * After release: give back whatever the suite left assigned. A device not
 * as it was found is an error of the suite, named.
 */
static void close_passthrough(struct vt_ctx *ctx)
{
	char why[PT_WHY_SIZE];

	if (!ctx->pt)
		return;
	/* Said by the suite's gate, or its first check: the suite's own word. */
	ctx->check = ctx->suite->gate ? ctx->suite->gate : ctx->suite->checks[0];
	ctx->item = NULL;
	if (pt_session_close(ctx->pt, why))
		vt_error(ctx, NULL, "a device was not given back as it was found: %s", why);
	ctx->pt = NULL;
}

/* Set up and prepare; false when the checks are not to run (declined). */
static bool begin(struct vt_ctx *ctx, struct vt_results *rs, struct vt_env *env,
		  const struct vt_suite *s, const struct vt_run_opts *opts,
		  const struct vt_check *only)
{
	enum vt_status st = VT_PASS;
	struct vt_results scratch;
	const char *why;
	bool go = true;

	memset(ctx, 0, sizeof(*ctx));
	ctx->rs = rs;
	ctx->env = env;
	ctx->suite = s;
	ctx->opts = opts;
	ctx->subject = s->subject ? s->subject(env) : "/";
	if (!ctx->subject)
		ctx->subject = "/";
	why = first_unmet(env, opts, s->needs, &st);
	if (!why && suite_acts(env, s, opts))
		why = open_passthrough(ctx, opts, &st);
	if (!why && s->prepare) {
		st = s->prepare(ctx);
		why = st == VT_PASS ? NULL : ctx->why;
	}
	if (why) {
		if (s->gate && (!only || only == s->gate)) {
			ctx->check = s->gate;
			vt_result(ctx, st, NULL, "%s", why);
		}
		decline(ctx, only, st, why);
		return false;
	}
	if (!s->gate)
		return true;
	if (only && only != s->gate) {
		vt_results_init(&scratch, rs->source_kind, rs->source_root);
		go = pass_gate(ctx, &scratch);
		rs->bad_inputs += scratch.bad_inputs;
		vt_results_free(&scratch);
	} else {
		go = pass_gate(ctx, rs);
	}
	if (!go)
		decline(ctx, only, VT_SKIP, ctx->why);
	return go;
}

void vt_run_suite(struct vt_results *rs, struct vt_env *env, const struct vt_suite *s,
		  const struct vt_run_opts *opts)
{
	const struct vt_check *const *c;
	struct vt_ctx ctx;

	if (begin(&ctx, rs, env, s, opts, NULL))
		for (c = s->checks; *c; c++)
			if (*c != s->gate)
				run_one(&ctx, *c);
	if (s->release)
		s->release(&ctx);
	close_passthrough(&ctx);
	vt_result_clear(&ctx.scratch);
}

void vt_run_check(struct vt_results *rs, struct vt_env *env, const struct vt_suite *s,
		  const struct vt_check *c, const struct vt_run_opts *opts)
{
	struct vt_ctx ctx;

	if (begin(&ctx, rs, env, s, opts, c) && c != s->gate)
		run_one(&ctx, c);
	if (s->release)
		s->release(&ctx);
	close_passthrough(&ctx);
	vt_result_clear(&ctx.scratch);
}
