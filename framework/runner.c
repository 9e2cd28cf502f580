// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The runner: for each check of a suite, load what it needs, and either
 * run it or report why it cannot run. Suites never skip for missing
 * input themselves.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "suite.h"

static const char *const need_names[VT_NEED_COUNT] = {
	"platform", "root", "active", "iommu-on", "vfio", "table", "madt", "pci",
	"memmap", "units", "groups", "cmdline", "klog", "kversion", "cpu", "interrupts",
};

/* The environment part each data need stands for. */
static const struct {
	unsigned bit;
	enum vt_env_part part;
} need_parts[] = {
	{ VT_NEED_TABLE, VT_ENV_DMAR }, { VT_NEED_MADT, VT_ENV_MADT },
	{ VT_NEED_PCI, VT_ENV_PCI }, { VT_NEED_MEMMAP, VT_ENV_MEMMAP },
	{ VT_NEED_UNITS, VT_ENV_UNITS }, { VT_NEED_GROUPS, VT_ENV_GROUPS },
	{ VT_NEED_CMDLINE, VT_ENV_CMDLINE }, { VT_NEED_KLOG, VT_ENV_KLOG },
	{ VT_NEED_KVERSION, VT_ENV_KVERSION }, { VT_NEED_CPU, VT_ENV_CPU },
	{ VT_NEED_INTERRUPTS, VT_ENV_INTERRUPTS },
};

const char *vt_need_name(unsigned bit)
{
	unsigned i;

	for (i = 0; i < VT_NEED_COUNT; i++)
		if (bit == 1u << i)
			return need_names[i];
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
						need_names[i]);
	if (!len)
		snprintf(buf, size, "-");
	return buf;
}

static bool have_vfio(struct vt_env *env)
{
	return env->plat && vt_platform_is_live(env->plat) &&
	       access("/dev/vfio/vfio", R_OK | W_OK) == 0;
}

const char *vt_need_unmet(struct vt_env *env, const struct vt_run_opts *opts,
			  unsigned bit, enum vt_status *status)
{
	size_t i;

	*status = VT_SKIP;
	switch (bit) {
	case VT_NEED_PLATFORM:
		return env->plat ? NULL : "needs a live system or a snapshot (--root)";
	case VT_NEED_ROOT:
		if (!env->plat)
			return "needs a live system or a snapshot (--root)";
		return !vt_platform_is_live(env->plat) || geteuid() == 0 ? NULL :
		       "needs root on the live system";
	case VT_NEED_ACTIVE:
		if (!env->plat || !vt_platform_is_live(env->plat))
			return "changes the machine: runs on the live system only";
		return opts && opts->active ? NULL :
		       "changes the machine: runs only with --active";
	case VT_NEED_IOMMU_ON:
		if (!vt_env_has(env, VT_ENV_GROUPS)) {
			*status = env->part[VT_ENV_GROUPS].avail == VT_BROKEN ? VT_ERROR : VT_SKIP;
			return vt_env_why(env, VT_ENV_GROUPS);
		}
		return env->ngroups ? NULL : "the kernel does not translate DMA: no IOMMU "
		       "groups (IOMMU off or absent)";
	case VT_NEED_VFIO:
		return have_vfio(env) ? NULL : "needs vfio-pci on the live system "
		       "(/dev/vfio/vfio; modprobe vfio-pci)";
	}
	for (i = 0; i < sizeof(need_parts) / sizeof(need_parts[0]); i++) {
		enum vt_avail a;

		if (need_parts[i].bit != bit)
			continue;
		a = vt_env_load(env, need_parts[i].part);
		if (a == VT_AVAILABLE)
			return NULL;
		*status = a == VT_BROKEN ? VT_ERROR : VT_SKIP;
		return vt_env_why(env, need_parts[i].part);
	}
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

const struct vt_check *vt_suite_first(const struct vt_suite *s, struct vt_check_iter *it)
{
	it->table = s->checks;
	it->c = *it->table;
	while (it->c && !it->c->run) {
		it->table++;
		it->c = *it->table;
	}
	return it->c;
}

const struct vt_check *vt_suite_next(struct vt_check_iter *it)
{
	if (!it->c)
		return NULL;
	it->c++;
	while (!it->c->run) {
		it->table++;
		it->c = *it->table;
		if (!it->c)
			return NULL;
	}
	return it->c;
}

static bool reported_since(const struct vt_results *rs, size_t from,
			   const struct vt_check *c)
{
	size_t i;

	for (i = from; i < rs->n; i++)
		if (rs->v[i].check == &c->info)
			return true;
	return false;
}

static void run_one(struct vt_ctx *ctx, const struct vt_check *c)
{
	enum vt_status st;
	const char *why;

	ctx->check = c;
	why = first_unmet(ctx->env, ctx->opts, c->info.needs & ~ctx->suite->needs, &st);
	if (why)
		vt_result(ctx, st, NULL, "%s", why);
	else
		c->run(ctx);
	ctx->check = NULL;
}

/* Set up, prepare; false when the checks are not to run (already reported). */
static bool begin(struct vt_ctx *ctx, struct vt_results *rs, struct vt_env *env,
		  const struct vt_suite *s, const struct vt_run_opts *opts,
		  const struct vt_check *only)
{
	struct vt_check_iter it;
	const struct vt_check *c;
	enum vt_status st = VT_PASS;
	size_t start = rs->n;
	const char *why;

	memset(ctx, 0, sizeof(*ctx));
	ctx->rs = rs;
	ctx->env = env;
	ctx->suite = s;
	ctx->opts = opts;
	ctx->subject = "/";
	why = first_unmet(env, opts, s->needs, &st);
	if (!why && s->prepare) {
		st = s->prepare(ctx);
		why = st == VT_PASS ? NULL : ctx->why;
	}
	if (!why)
		return true;
	for (c = vt_suite_first(s, &it); c; c = vt_suite_next(&it)) {
		if ((only && c != only) || reported_since(rs, start, c))
			continue;
		ctx->check = c;
		vt_result(ctx, st, NULL, "%s", why);
	}
	ctx->check = NULL;
	return false;
}

void vt_run_suite(struct vt_results *rs, struct vt_env *env, const struct vt_suite *s,
		  const struct vt_run_opts *opts)
{
	struct vt_check_iter it;
	const struct vt_check *c;
	struct vt_ctx ctx;

	if (begin(&ctx, rs, env, s, opts, NULL))
		for (c = vt_suite_first(s, &it); c; c = vt_suite_next(&it))
			run_one(&ctx, c);
	if (s->release)
		s->release(&ctx);
}

void vt_run_check(struct vt_results *rs, struct vt_env *env, const struct vt_suite *s,
		  const struct vt_check *c, const struct vt_run_opts *opts)
{
	struct vt_ctx ctx;

	if (begin(&ctx, rs, env, s, opts, c))
		run_one(&ctx, c);
	if (s->release)
		s->release(&ctx);
}
