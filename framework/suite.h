/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The suite framework: a check is {info, run}; a suite is a named list of
 * checks with what they need, and optional prepare/release around them.
 * The runner (runner.c) loads what a check needs from the environment
 * before calling it and reports `skip` (or `error`) with the reason when
 * that input is missing, so a check body only states its predicate.
 */
#ifndef VTDCERT_FRAMEWORK_SUITE_H
#define VTDCERT_FRAMEWORK_SUITE_H

#include <stdbool.h>

#include "env.h"
#include "../results/results.h"

/*
 * What a check (or a whole suite) needs. The first group is about the run,
 * the second names environment parts (env.h) that must be available.
 */
enum vt_need {
	VT_NEED_PLATFORM   = 1u << 0,   /* a live system or a snapshot */
	VT_NEED_ROOT       = 1u << 1,   /* root privileges on a live system */
	VT_NEED_ACTIVE     = 1u << 2,   /* --active: may change the machine */
	VT_NEED_IOMMU_ON   = 1u << 3,   /* the kernel translates DMA: IOMMU groups exist */
	VT_NEED_VFIO       = 1u << 4,   /* vfio-pci can be bound (/dev/vfio/vfio) */
	VT_NEED_TABLE      = 1u << 5,   /* the DMAR table */
	VT_NEED_MADT       = 1u << 6,   /* the MADT: I/O APICs, local APICs */
	VT_NEED_PCI        = 1u << 7,   /* the PCI model with sysfs facts */
	VT_NEED_MEMMAP     = 1u << 8,   /* the memory map (e820, /proc/iomem) */
	VT_NEED_UNITS      = 1u << 9,   /* the kernel's IOMMU units */
	VT_NEED_GROUPS     = 1u << 10,  /* the kernel's IOMMU groups */
	VT_NEED_CMDLINE    = 1u << 11,  /* the kernel command line */
	VT_NEED_KLOG       = 1u << 12,  /* the kernel log */
	VT_NEED_KVERSION   = 1u << 13,  /* the running kernel's version */
	VT_NEED_CPU        = 1u << 14,  /* CPU flags */
	VT_NEED_INTERRUPTS = 1u << 15,  /* /proc/interrupts */
	VT_NEED_COUNT      = 16
};

/* "platform", "pci", ... as `vtdcert checks` and docs/checks.md show it. */
const char *vt_need_name(unsigned bit);
/* The needs of @mask as "table, pci", or "-" for none; into @buf. */
char *vt_needs_text(unsigned mask, char *buf, size_t size);

struct vt_ctx;

struct vt_check {
	struct vt_check_info info;
	void (*run)(struct vt_ctx *ctx);
};

struct vt_suite {
	const char *name;
	const char *help;
	unsigned needs;             /* every check of the suite needs these too */
	/*
	 * The checks, in run order: a NULL-terminated list of tables, each
	 * ended by an entry whose run is NULL (one table per source file).
	 */
	const struct vt_check *const *checks;
	/*
	 * Optional. Build ctx->state from the environment. Return VT_PASS to
	 * run the checks, or VT_SKIP / VT_ERROR with vt_ctx_why() set: every
	 * check that has not reported yet is then given that status and why.
	 */
	enum vt_status (*prepare)(struct vt_ctx *ctx);
	void (*release)(struct vt_ctx *ctx);
};

struct vt_run_opts {
	bool active;                /* --active given (live system only) */
};

struct vt_ctx {
	struct vt_results *rs;
	struct vt_env *env;
	const struct vt_suite *suite;
	const struct vt_check *check;   /* the check running now */
	const struct vt_run_opts *opts;
	void *state;                    /* the suite's own, from prepare */
	const char *subject;            /* default subject of results */
	char why[512];                  /* prepare's reason to skip */
};

/* Every check of @s in order: for (c = vt_suite_first(s, &it); c; c = vt_suite_next(&it)) */
struct vt_check_iter {
	const struct vt_check *const *table;
	const struct vt_check *c;
};
const struct vt_check *vt_suite_first(const struct vt_suite *s, struct vt_check_iter *it);
const struct vt_check *vt_suite_next(struct vt_check_iter *it);

/* Run every check of @s on @env into @rs. */
void vt_run_suite(struct vt_results *rs, struct vt_env *env, const struct vt_suite *s,
		  const struct vt_run_opts *opts);
/* Run the one check @c of @s (tests; prepare and release around it). */
void vt_run_check(struct vt_results *rs, struct vt_env *env, const struct vt_suite *s,
		  const struct vt_check *c, const struct vt_run_opts *opts);

/* Why the need @bit is unmet in @env (with @opts), or NULL when it is met. */
const char *vt_need_unmet(struct vt_env *env, const struct vt_run_opts *opts,
			  unsigned bit, enum vt_status *status);

/* ---- reporting, for check bodies (report.c) ---- */

/* Set the reason prepare returns with. */
void vt_ctx_why(struct vt_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One result of the running check; @subject NULL means ctx->subject. */
struct vt_result *vt_result(struct vt_ctx *ctx, enum vt_status st, const char *subject,
			    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
struct vt_result *vt_vresult(struct vt_ctx *ctx, enum vt_status st, const char *subject,
			     const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
#define vt_pass(ctx, subject, ...)  vt_result((ctx), VT_PASS, (subject), __VA_ARGS__)
#define vt_fail(ctx, subject, ...)  vt_result((ctx), VT_FAIL, (subject), __VA_ARGS__)
#define vt_warn(ctx, subject, ...)  vt_result((ctx), VT_WARN, (subject), __VA_ARGS__)
#define vt_skip(ctx, subject, ...)  vt_result((ctx), VT_SKIP, (subject), __VA_ARGS__)
#define vt_error(ctx, subject, ...) vt_result((ctx), VT_ERROR, (subject), __VA_ARGS__)

/* Pass when @ok, else fail; the message should read right either way. */
struct vt_result *vt_expect(struct vt_ctx *ctx, bool ok, const char *subject,
			    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * The end of a check's loop over items: nothing when it reported failures
 * (@bad), skip with @none when nothing applied (@seen == 0), else pass.
 */
void vt_conclude(struct vt_ctx *ctx, size_t bad, size_t seen, const char *none,
		 const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Evidence: the prediction (from ref/) beside what the machine showed. */
void vt_ev_predicted(struct vt_result *r, const char *predicted, const char *observed);
void vt_ev_predicted_uint(struct vt_result *r, uint64_t predicted, uint64_t observed);

#endif
