/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The suite framework. A check has a stable identity (its info) and one of
 * two forms:
 *
 *   plain       run(ctx) reports about one subject (the table header, the
 *               kernel command line): vt_expect(ctx, ok, VT_FAIL, ...).
 *   over items  the check names the items it judges (items.h: DRHDs,
 *               device scopes, PCI functions, IOMMU units, ...) and a
 *               predicate that judges one of them; the runner walks the
 *               items, counts, and writes the conclusion: a pass over what
 *               was judged, a skip with the reason when nothing applied,
 *               and how many could not be judged, and why.
 *
 * A suite is a list of checks with what they all need, an optional gate
 * (a check run first whose failure makes the others skip with its reason:
 * no DMAR table, no DMAR check) and optional prepare/release around them.
 * The runner (runner.c) loads what a check needs from the environment
 * before calling it and reports `skip` (or `error`) with the reason when
 * that input is missing; a check that reports nothing at all is an `error`
 * naming it.
 */
#ifndef VTDCERT_FRAMEWORK_SUITE_H
#define VTDCERT_FRAMEWORK_SUITE_H

#include <stdarg.h>
#include <stdbool.h>

#include "env.h"
#include "../ref/dmar_scope.h"
#include "../results/results.h"

/*
 * What a check (or a whole suite) needs: first what the run must be,
 * then the environment parts that must be available (env.h, one bit per
 * part, named by the parts table).
 */
enum vt_need {
	VT_NEED_PLATFORM   = 1u << 0,   /* a live system or a snapshot */
	VT_NEED_ROOT       = 1u << 1,   /* root privileges on a live system */
	VT_NEED_ACTIVE     = 1u << 2,   /* --active: may change the machine */
	VT_NEED_IOMMU_ON   = 1u << 3,   /* the kernel translates DMA: IOMMU groups exist */
	VT_NEED_VFIO       = 1u << 4,   /* vfio-pci can be used (/dev/vfio/vfio) */
	VT_NEED_RUN_COUNT  = 5
};
#define VT_NEED_PART(part) (1u << (VT_NEED_RUN_COUNT + (part)))
#define VT_NEED_TABLE      VT_NEED_PART(VT_ENV_DMAR)
#define VT_NEED_MADT       VT_NEED_PART(VT_ENV_MADT)
#define VT_NEED_HPET       VT_NEED_PART(VT_ENV_HPET)
#define VT_NEED_PCI        VT_NEED_PART(VT_ENV_PCI)
#define VT_NEED_MEMMAP     VT_NEED_PART(VT_ENV_MEMMAP)
#define VT_NEED_UNITS      VT_NEED_PART(VT_ENV_UNITS)
#define VT_NEED_GROUPS     VT_NEED_PART(VT_ENV_GROUPS)
#define VT_NEED_CMDLINE    VT_NEED_PART(VT_ENV_CMDLINE)
#define VT_NEED_KLOG       VT_NEED_PART(VT_ENV_KLOG)
#define VT_NEED_KVERSION   VT_NEED_PART(VT_ENV_KVERSION)
#define VT_NEED_CPU        VT_NEED_PART(VT_ENV_CPU)
#define VT_NEED_INTERRUPTS VT_NEED_PART(VT_ENV_INTERRUPTS)
#define VT_NEED_COUNT      (VT_NEED_RUN_COUNT + VT_ENV_PART_COUNT)

/* "platform", "pci", ... as `vtdcert checks` and docs/checks.md show it. */
const char *vt_need_name(unsigned bit);
/* The needs of @mask as "table, pci", or "-" for none; into @buf. */
char *vt_needs_text(unsigned mask, char *buf, size_t size);

struct vt_ctx;
struct pt_session;

/* One item; which fields are set depends on its kind. */
struct vt_item {
	size_t pos, subpos;         /* the walk's own cursor */
	size_t index;               /* of the structure, function, unit or group */
	size_t sub;                 /* a scope: its index in its structure */
	const struct dmar_struct *st;   /* a structure, or a scope's structure */
	const struct dmar_scope *scope;
	uint16_t segment;           /* a PCI scope: its structure's segment */
	struct scope_resolution res;    /* a PCI scope: where its path leads */
	const struct pci_fn *fn;
	const struct iommu_unit *unit;
	const struct iommu_group *group;
	const void *p;              /* a suite's own item */
};

struct vt_items {
	const char *noun;           /* "DRHD", "device scope": what one item is */
	unsigned needs;             /* enum vt_need bits the walk reads */
	/* Fill @it with the next item from it->pos on; false past the last. */
	bool (*next)(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it);
	/* What a result about @it names (caller frees). */
	char *(*subject)(const struct vt_ctx *ctx, const struct vt_item *it);
	/* Optional: evidence that locates @it in its source (its offset). */
	void (*evidence)(struct vt_result *r, const struct vt_item *it);
	unsigned arg;               /* the kind's parameter: a DMAR structure type */
};

struct vt_check {
	struct vt_check_info info;
	/* The plain form: one body. */
	void (*run)(struct vt_ctx *ctx);
	/* The form over items: what it judges and how it judges one. */
	const struct vt_items *items;
	void (*judge)(struct vt_ctx *ctx, const struct vt_item *it);
	const char *none;           /* why it skips when no item applies */
	const char *all;            /* its pass: "%zu DRHDs ..." (%zu: how many judged) */
	/*
	 * Optional: the pass itself, when it says more than @all can (the
	 * rule and the map the items were judged by, every unit's features):
	 * report it with vt_pass(), its message ending with @tail ("" or how
	 * many could not be judged, and why).
	 */
	void (*pass)(struct vt_ctx *ctx, size_t judged, const char *tail);
	/* Optional: what every item is judged against, built once (ctx->check_state). */
	void *(*setup)(struct vt_ctx *ctx);
	void (*teardown)(void *state);
};

/*
 * The identity of a check, as the first member of its definition:
 *   const struct vt_check x = { VT_CHECK("dmar.x", VT_SEV_LOW, VT_NEED_TABLE,
 *                                        "title", "reference"), .run = run_x };
 */
#define VT_CHECK(id, sev, needs, title, ref) .info = { (id), (sev), (needs), (title), (ref) }

struct vt_suite {
	const char *name;
	const char *help;
	unsigned needs;             /* every check of the suite needs these too */
	/*
	 * Checked first, whatever its needs: when it reports anything but a
	 * pass, every other check skips with the reason it gave through
	 * vt_ctx_why(). One of @checks.
	 */
	const struct vt_check *gate;
	const struct vt_check *const *checks;   /* in run order, NULL-terminated */
	/* The subject of results that name none ("/sys/kernel/iommu_groups"). */
	const char *(*subject)(struct vt_env *env);
	/*
	 * Optional. Build ctx->state from the environment. Return VT_PASS to
	 * run the checks, or VT_SKIP / VT_ERROR with vt_ctx_why() set: every
	 * check is then given that status and why.
	 */
	enum vt_status (*prepare)(struct vt_ctx *ctx);
	void (*release)(struct vt_ctx *ctx);
};

struct bar_hazards;

struct vt_run_opts {
	bool active;                /* --active given (live system only) */
	/* --take BDF: functions an active check may take even when in use */
	const char *const *take;
	size_t ntake;
	/* --hazards FILE: BAR hazard entries beyond the built-in ones (the bar suite). */
	const struct bar_hazards *hazards;
};

/* What a check over items has judged so far. */
struct vt_tally {
	size_t judged;              /* items with a verdict other than unknown */
	size_t bad;                 /* of those, failed or warned */
	size_t unknown;             /* items that could not be judged */
	char *unknown_why;          /* the first of their reasons */
	enum vt_status item;        /* the verdict on the item being judged */
	bool said;                  /* the item was given a verdict */
};

struct vt_ctx {
	struct vt_results *rs;
	struct vt_env *env;
	const struct vt_suite *suite;
	const struct vt_check *check;   /* the check running now */
	const struct vt_run_opts *opts;
	void *state;                    /* the suite's own, from prepare */
	/*
	 * A suite that needs --active: the reference passthrough session,
	 * opened before prepare and closed (everything given back) after
	 * release.
	 */
	struct pt_session *pt;
	const char *subject;            /* default subject of results */
	char why[512];                  /* prepare's or the gate's reason */
	/* A check over items: the item being judged, and the tally. */
	const struct vt_item *item;
	void *check_state;              /* the check's setup() */
	struct vt_tally tally;
	struct vt_result scratch;       /* a passing item's result: counted, dropped */
};

/* Run every check of @s on @env into @rs. */
void vt_run_suite(struct vt_results *rs, struct vt_env *env, const struct vt_suite *s,
		  const struct vt_run_opts *opts);
/*
 * Run the one check @c of @s (tests): prepare and release around it, and
 * the gate first, whose own results are dropped unless @c is the gate.
 */
void vt_run_check(struct vt_results *rs, struct vt_env *env, const struct vt_suite *s,
		  const struct vt_check *c, const struct vt_run_opts *opts);

/* Why the need @bit is unmet in @env (with @opts), or NULL when it is met. */
const char *vt_need_unmet(struct vt_env *env, const struct vt_run_opts *opts,
			  unsigned bit, enum vt_status *status);

/* ---- reporting, for check bodies and predicates (report.c) ---- */

/* Set the reason prepare or the gate gives the checks that then skip. */
void vt_ctx_why(struct vt_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The input the check reads is not what it was given as: the run exits 2. */
void vt_ctx_bad_input(struct vt_ctx *ctx);

/*
 * One result of the running check about @subject (NULL: the suite's
 * subject). For a plain check, or a predicate's extra finding beside its
 * verdict.
 */
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

/*
 * The verdict @st on the item being judged, about the item: a fail, warn
 * or error is reported; a skip is reported and counted as not judged; a
 * pass is counted only (the result returned takes evidence, then is
 * dropped). In a plain check, a result about the suite's subject.
 */
struct vt_result *vt_verdict(struct vt_ctx *ctx, enum vt_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* kvm-unit-tests' report(): the verdict is pass when @ok, else @bad. */
struct vt_result *vt_expect(struct vt_ctx *ctx, bool ok, enum vt_status bad,
			    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Evidence of a comparison with the reference: the prediction under the
 * key "predicted" beside what the machine showed under "observed", each a
 * value or a whole object or list (vt_ev_object, vt_ev_list).
 */
#define VT_EV_PREDICTED "predicted"
#define VT_EV_OBSERVED  "observed"

#endif
