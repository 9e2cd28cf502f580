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

/* The kernel log messages that edit the e820 table before the DMAR parse. */
static bool is_e820_edit(const char *msg)
{
	return !strncmp(msg, "e820: update ", 13) || !strncmp(msg, "e820: remove ", 13) ||
	       !strncmp(msg, "Reserving Intel graphics memory at ", 35);
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
static const char *coverage_text(const struct rmrr_verdicts *v)
{
	static char buf[96];

	if (v->completing_type < 0)
		return "runs into memory no e820 entry covers";
	snprintf(buf, sizeof(buf), "is covered up to its end by %s",
		 memmap_type_name((enum mem_type)v->completing_type));
	return buf;
}

static void check_rmrr_reserved(struct vt_ctx *ctx)
{
	struct vt_env *env = ctx->env;
	struct kernel_version kv = { 0, 0, 0 };
	char kernel[32] = "unknown", stable[64];
	size_t i, bad = 0, seen = 0;
	struct mem_map map;
	char *source = kernel_map(env, &map);
	int checks, nvs;

	if (vt_env_has(env, VT_ENV_KVERSION) && kernel_version_parse(env->kversion_line, &kv))
		kernel_version_str(&kv, kernel, sizeof(kernel));
	checks = kernel_since_applies(&krule_rmrr_e820_check.since, &kv);
	nvs = kernel_since_applies(&krule_rmrr_nvs.since, &kv);
	kernel_rule_stable_text(&krule_rmrr_nvs, stable, sizeof(stable));
	for (i = 0; i < DMAR_T(ctx)->nstructs; i++) {
		const struct dmar_struct *s = &DMAR_T(ctx)->structs[i];
		uint64_t base = s->u.rmrr.base, limit = s->u.rmrr.limit;
		struct rmrr_verdicts v;
		struct vt_result *r;
		bool ok;

		if (s->type != DMAR_TYPE_RMRR || s->truncated || limit < base)
			continue;
		seen++;
		judge(&map, base, limit, &v);
		if (nvs < 0) {
			/* No kernel version: each side of the 6.1 boundary, never a guess. */
			if (v.reserved_only == v.reserved_or_nvs && v.reserved_only)
				continue;
			if (v.reserved_only == v.reserved_or_nvs)
				r = dmar_report_struct(ctx, VT_FAIL, i, "region [0x%llx-0x%llx] %s "
					"in %s: every Linux from 5.5 reports \"No firmware reserved "
					"region can cover this RMRR\" (%s)", (unsigned long long)base,
					(unsigned long long)limit, coverage_text(&v), source,
					krule_rmrr_nvs.function);
			else
				r = dmar_report_struct(ctx, VT_WARN, i, "region [0x%llx-0x%llx] in %s: "
					"the kernel version is unknown, and the verdict depends on it: "
					"%s accepts it from Linux 6.1 (and %s), since the entry that "
					"completes it is %s; Linux 5.5 to 6.0 require it all reserved and "
					"report \"No firmware reserved region can cover this RMRR\"",
					(unsigned long long)base, (unsigned long long)limit, source,
					krule_rmrr_nvs.function, stable, type_text(v.completing_type));
			vt_ev_str(r, "rule", "unknown kernel: both");
		} else {
			ok = checks == 0 ? v.reserved_only : nvs ? v.reserved_or_nvs : v.reserved_only;
			if (ok)
				continue;
			if (checks == 0)
				r = dmar_report_struct(ctx, VT_WARN, i, "region [0x%llx-0x%llx] is not "
					"all reserved in %s, as VT-d §8.4 asks; Linux %s does not check "
					"(%s arrived in 5.5)", (unsigned long long)base,
					(unsigned long long)limit, source, kernel,
					krule_rmrr_e820_check.function);
			else if (nvs)
				r = dmar_report_struct(ctx, VT_FAIL, i, "region [0x%llx-0x%llx] %s "
					"in %s: Linux %s (%s: reserved or ACPI NVS, from 6.1 and %s) "
					"reports \"No firmware reserved region can cover this RMRR\" and "
					"\"Your BIOS is broken; bad RMRR\"", (unsigned long long)base,
					(unsigned long long)limit, coverage_text(&v), source, kernel,
					krule_rmrr_nvs.function, stable);
			else
				r = dmar_report_struct(ctx, VT_FAIL, i, "region [0x%llx-0x%llx] is not "
					"all reserved in %s: Linux %s (%s: reserved only, 5.5 to 6.0, "
					"before 6.0.6, 5.15.76, 5.10.152) reports \"No firmware reserved "
					"region can cover this RMRR\" and \"Your BIOS is broken; bad RMRR\"",
					(unsigned long long)base, (unsigned long long)limit, source,
					kernel, krule_rmrr_e820_check.function);
			vt_ev_str(r, "rule", checks == 0 ? "VT-d §8.4 (kernel does not check)" :
				  nvs ? "reserved or ACPI NVS" : "reserved only");
		}
		vt_ev_uint(r, "base", base);
		vt_ev_uint(r, "limit", limit);
		vt_ev_str(r, "kernel", kernel);
		vt_ev_str(r, "map", source);
		vt_ev_str(r, "completing_type", type_text(v.completing_type));
		bad++;
	}
	if (!bad && seen) {
		struct vt_result *r = vt_pass(ctx, NULL, "%zu RMRRs lie in memory %s%s accepts "
					      "(%s; %s)", seen, nvs < 0 ? "every Linux" : "Linux ",
					      nvs < 0 ? "" : kernel,
					      nvs < 0 ? "reserved by both the 5.5 and the 6.1 rule" :
					      nvs ? "reserved or ACPI NVS" : checks ? "reserved" :
					      "reserved, as VT-d §8.4 asks", source);

		vt_ev_str(r, "kernel", kernel);
		vt_ev_str(r, "map", source);
	} else if (!seen) {
		vt_skip(ctx, NULL, "no well-formed RMRR structure");
	}
	memmap_free(&map);
	free(source);
}

const struct vt_check dmar_rmrr_memory_checks[] = {
	{ { "dmar.rmrr.reserved-memory", VT_SEV_MEDIUM, VT_NEED_TABLE | VT_NEED_MEMMAP,
	    "every RMRR lies in memory the running kernel accepts as firmware-reserved",
	    "VT-d 4.1 §8.4; Linux arch_rmrr_sanity_check(): from 5.5 e820 reserved; from 6.1 "
	    "(6.0.6, 5.15.76, 5.10.152) reserved or ACPI NVS" },
	  check_rmrr_reserved },
	{ { 0 }, 0 }
};
