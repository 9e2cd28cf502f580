// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RMRRs against the memory map, as the running kernel judges them
 * (VT-d §8.4 asks that RMRR memory be reported reserved; Linux checks it in
 * arch_rmrr_sanity_check(), and the rule changed in 6.1).
 *
 * The map is the one the kernel checks: its own table after its edits.
 * /proc/iomem shows that table; without it, the firmware map
 * (/sys/firmware/memmap) with the edits the kernel logged ("e820: update",
 * "e820: remove", the Intel graphics stolen memory) and the edits every x86
 * kernel makes (the first page reserved, 640 KiB - 1 MiB removed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar_suite.h"
#include "../../ref/kernel_rules.h"
#include "../../util/xalloc.h"

/* What the RMRRs are judged by: the map, the kernel, and which rules apply to it. */
struct judged_by {
	struct mem_map map;
	char *source;               /* where the map came from, in words */
	char kernel[32];            /* "6.1.119", or "unknown" */
	int checks, nvs;            /* the two rules: 1 apply, 0 not, -1 kernel unknown */
	char check_since[16], nvs_since[16], stable[64];
};

/* The kernel log messages that edit the e820 table before the DMAR parse. */
static bool is_e820_edit(const char *msg)
{
	static const char *const edits[] = {
		"e820: update ", "e820: remove ", "Reserving Intel graphics memory at ",
	};
	size_t i;

	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++)
		if (!strncmp(msg, edits[i], strlen(edits[i])))
			return true;
	return false;
}

/* Build the map the kernel checks into @out; returns where it came from. */
static char *kernel_map(struct vt_env *env, struct mem_map *out)
{
	struct klog_lines edits = { 0 };
	size_t i, applied = 0;

	if (env->have_iomem) {
		*out = memmap_copy(&env->iomem);
		memmap_sanitize(out);
		return xstrdup("/proc/iomem, the kernel's own map");
	}
	*out = memmap_copy(&env->e820);
	memmap_sanitize(out);
	if (vt_env_has(env, VT_ENV_KLOG)) {
		klog_select((const char *)env->klog.data, env->klog.len, is_e820_edit, &edits);
		for (i = 0; i < edits.n; i++)
			applied += (size_t)memmap_apply_klog(out, edits.v[i]);
		klog_lines_free(&edits);
	}
	/* Logged or not, every x86 kernel makes these (idempotent if logged). */
	memmap_x86_trim_bios(out);
	return xasprintf("/sys/firmware/memmap with %zu edits from the kernel log and the "
			 "first page reserved, as every x86 kernel does", applied);
}

static void *setup(struct vt_ctx *ctx)
{
	struct judged_by *j = xcalloc(1, sizeof(*j));
	struct kernel_version kv = { 0, 0, 0 };

	j->source = kernel_map(ctx->env, &j->map);
	snprintf(j->kernel, sizeof(j->kernel), "unknown");
	if (vt_env_has(ctx->env, VT_ENV_KVERSION) &&
	    kernel_version_parse(ctx->env->kversion_line, &kv))
		kernel_version_str(&kv, j->kernel, sizeof(j->kernel));
	j->checks = kernel_since_applies(&krule_rmrr_e820_check.since, &kv);
	j->nvs = kernel_since_applies(&krule_rmrr_nvs.since, &kv);
	kernel_series_str(&krule_rmrr_e820_check.since.mainline, j->check_since,
			  sizeof(j->check_since));
	kernel_series_str(&krule_rmrr_nvs.since.mainline, j->nvs_since, sizeof(j->nvs_since));
	kernel_rule_stable_text(&krule_rmrr_nvs, j->stable, sizeof(j->stable));
	return j;
}

static void teardown(void *state)
{
	struct judged_by *j = state;

	memmap_free(&j->map);
	free(j->source);
	free(j);
}

/* What each rule decides for one RMRR. */
struct rmrr_verdicts {
	bool reserved_only;         /* before 6.1: all reserved */
	bool reserved_or_nvs;       /* 6.1 on: the completing entry reserved or NVS */
	int completing_type;        /* the type e820__get_entry_type() returns, or -1 */
};

static void judge(const struct mem_map *map, uint64_t base, uint64_t limit,
		  struct rmrr_verdicts *v)
{
	v->reserved_only = memmap_e820_mapped_all(map, base, limit, MEM_RESERVED) >= 0;
	v->completing_type = memmap_e820_mapped_all(map, base, limit, MEM_TYPE_COUNT);
	v->reserved_or_nvs = v->completing_type == MEM_RESERVED || v->completing_type == MEM_NVS;
}

static const char *type_text(int t)
{
	return t < 0 ? "none (a hole)" : memmap_type_name((enum mem_type)t);
}

/* How the map covers the region: "runs into a hole", "ends in System RAM". */
static char *coverage_text(const struct rmrr_verdicts *v)
{
	if (v->completing_type < 0)
		return xstrdup("runs into memory no e820 entry covers");
	return xasprintf("is covered up to its end by %s",
			 memmap_type_name((enum mem_type)v->completing_type));
}

/* No kernel version: what each side of the 6.1 boundary decides, never a guess. */
static struct vt_result *either_kernel(struct vt_ctx *ctx, const struct judged_by *j,
				       const struct rmrr_verdicts *v, uint64_t base,
				       uint64_t limit)
{
	char *cover = coverage_text(v);
	struct vt_result *r;

	if (v->reserved_only == v->reserved_or_nvs)
		r = vt_expect(ctx, v->reserved_only, VT_FAIL, "region [0x%llx-0x%llx] %s in %s: "
			      "every Linux from %s reports \"No firmware reserved region can "
			      "cover this RMRR\" (%s)", (unsigned long long)base,
			      (unsigned long long)limit, cover, j->source, j->check_since,
			      krule_rmrr_nvs.function);
	else
		r = vt_verdict(ctx, VT_WARN, "region [0x%llx-0x%llx] in %s: the kernel version is "
			       "unknown, and the verdict depends on it: %s accepts it from Linux "
			       "%s (and %s), since the entry that completes it is %s; Linux %s to "
			       "before %s require it all reserved and report \"No firmware "
			       "reserved region can cover this RMRR\"", (unsigned long long)base,
			       (unsigned long long)limit, j->source, krule_rmrr_nvs.function,
			       j->nvs_since, j->stable, type_text(v->completing_type),
			       j->check_since, j->nvs_since);
	free(cover);
	vt_ev_str(r, "rule", "unknown kernel: both");
	return r;
}

/* The running kernel's rule. */
static struct vt_result *this_kernel(struct vt_ctx *ctx, const struct judged_by *j,
				     const struct rmrr_verdicts *v, uint64_t base,
				     uint64_t limit)
{
	char *cover = coverage_text(v);
	struct vt_result *r;

	if (j->checks == 0)
		r = vt_expect(ctx, v->reserved_only, VT_WARN, "region [0x%llx-0x%llx] is not all "
			      "reserved in %s, as VT-d §8.4 asks; Linux %s does not check (%s "
			      "arrived in %s)", (unsigned long long)base, (unsigned long long)limit,
			      j->source, j->kernel, krule_rmrr_e820_check.function, j->check_since);
	else if (j->nvs)
		r = vt_expect(ctx, v->reserved_or_nvs, VT_FAIL, "region [0x%llx-0x%llx] %s in %s: "
			      "Linux %s (%s: reserved or ACPI NVS, from %s and %s) reports \"No "
			      "firmware reserved region can cover this RMRR\" and \"Your BIOS is "
			      "broken; bad RMRR\"", (unsigned long long)base,
			      (unsigned long long)limit, cover, j->source, j->kernel,
			      krule_rmrr_nvs.function, j->nvs_since, j->stable);
	else
		r = vt_expect(ctx, v->reserved_only, VT_FAIL, "region [0x%llx-0x%llx] is not all "
			      "reserved in %s: Linux %s (%s: reserved only, from %s, before %s "
			      "and %s) reports \"No firmware reserved region can cover this RMRR\" "
			      "and \"Your BIOS is broken; bad RMRR\"", (unsigned long long)base,
			      (unsigned long long)limit, j->source, j->kernel,
			      krule_rmrr_e820_check.function, j->check_since, j->nvs_since,
			      j->stable);
	free(cover);
	vt_ev_str(r, "rule", j->checks == 0 ? "VT-d §8.4 (kernel does not check)" :
		  j->nvs ? "reserved or ACPI NVS" : "reserved only");
	return r;
}

static void reserved(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct judged_by *j = ctx->check_state;
	uint64_t base = it->st->u.rmrr.base, limit = it->st->u.rmrr.limit;
	struct rmrr_verdicts v;
	struct vt_result *r;

	if (!dmar_rmrr_well_formed(it->st))
		return;
	judge(&j->map, base, limit, &v);
	r = j->nvs < 0 ? either_kernel(ctx, j, &v, base, limit) :
	    this_kernel(ctx, j, &v, base, limit);
	vt_ev_uint(r, "base", base);
	vt_ev_uint(r, "limit", limit);
	vt_ev_str(r, "kernel", j->kernel);
	vt_ev_str(r, "map", j->source);
	vt_ev_str(r, "completing_type", type_text(v.completing_type));
}

static void all_reserved(struct vt_ctx *ctx, size_t judged, const char *tail)
{
	const struct judged_by *j = ctx->check_state;
	struct vt_result *r;

	if (j->nvs < 0)
		r = vt_pass(ctx, NULL, "%zu RMRRs lie in memory every Linux accepts (reserved by "
			    "both the %s and the %s rule; %s)%s", judged, j->check_since,
			    j->nvs_since, j->source, tail);
	else
		r = vt_pass(ctx, NULL, "%zu RMRRs lie in memory Linux %s accepts (%s; %s)%s",
			    judged, j->kernel, j->nvs ? "reserved or ACPI NVS" : j->checks ?
			    "reserved" : "reserved, as VT-d §8.4 asks", j->source, tail);
	vt_ev_str(r, "kernel", j->kernel);
	vt_ev_str(r, "map", j->source);
}

const struct vt_check dmar_rmrr_reserved_memory = {
	VT_CHECK("dmar.rmrr.reserved-memory", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_MEMMAP,
		 "every RMRR lies in memory the running kernel accepts as firmware-reserved",
		 "VT-d 4.1 §8.4; Linux arch_rmrr_sanity_check(): from 5.5 e820 reserved; from 6.1 "
		 "(6.0.6, 5.15.76, 5.10.152) reserved or ACPI NVS"),
	.items = &vt_items_rmrrs, .judge = reserved, .setup = setup, .teardown = teardown,
	.none = "no well-formed RMRR structure", .pass = all_reserved,
};
