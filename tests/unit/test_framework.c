// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The runner (framework/runner.c) on a made-up suite: a check whose input
 * is missing is skipped (or errored, when the input is broken) with the
 * part's reason, before its body runs; a suite whose prepare declines
 * skips every check that has not reported; needs print as docs show them.
 */
#include <string.h>

#include "fixture.h"

static int bodies_run;

static void check_body(struct vt_ctx *ctx)
{
	bodies_run++;
	vt_pass(ctx, "/subject", "ran");
}

static const struct vt_check fake_checks[] = {
	{ { "fake.none", VT_SEV_LOW, 0, "needs nothing", "test" }, check_body },
	{ { "fake.pci", VT_SEV_LOW, VT_NEED_PCI, "needs the PCI model", "test" }, check_body },
	{ { "fake.klog", VT_SEV_LOW, VT_NEED_KLOG, "needs the kernel log", "test" }, check_body },
	{ { "fake.active", VT_SEV_LOW, VT_NEED_ACTIVE, "needs --active", "test" }, check_body },
	{ { "fake.iommu", VT_SEV_LOW, VT_NEED_IOMMU_ON, "needs groups", "test" }, check_body },
	{ { 0 }, 0 }
};
static const struct vt_check *const fake_tables[] = { fake_checks, NULL };

static enum vt_status prepare_verdict;

static enum vt_status fake_prepare(struct vt_ctx *ctx)
{
	if (prepare_verdict == VT_PASS)
		return VT_PASS;
	/* Report one check itself, as the DMAR suite reports its signature. */
	ctx->check = &fake_checks[0];
	vt_fail(ctx, NULL, "prepare's own verdict");
	ctx->check = NULL;
	vt_ctx_why(ctx, "nothing to check");
	return prepare_verdict;
}

static const struct vt_suite fake_suite = {
	.name = "fake", .help = "a suite for the runner's tests",
	.checks = fake_tables, .prepare = fake_prepare,
};

static void test_needs_met_and_unmet(void)
{
	static const struct vt_run_opts opts = { 0 };
	struct vt_results rs;
	struct vt_env env;

	env_init(&env);
	env_set_missing(&env, VT_ENV_PCI, VT_UNKNOWN, "the PCI model is unknown here");
	env_set_missing(&env, VT_ENV_KLOG, VT_BROKEN, "/dmesg.txt: larger than 1 bytes");
	vt_results_init(&rs, "files", NULL);
	bodies_run = 0;
	prepare_verdict = VT_PASS;
	vt_run_suite(&rs, &env, &fake_suite, &opts);
	CU_ASSERT_EQUAL(bodies_run, 1);                         /* fake.none only */
	ASSERT_STATUS(&rs, "fake.none", VT_PASS);
	ASSERT_STATUS(&rs, "fake.pci", VT_SKIP);
	ASSERT_MSG_HAS(&rs, "fake.pci", VT_SKIP, "the PCI model is unknown here");
	ASSERT_STATUS(&rs, "fake.klog", VT_ERROR);              /* broken input */
	ASSERT_MSG_HAS(&rs, "fake.klog", VT_ERROR, "larger than 1 bytes");
	ASSERT_STATUS(&rs, "fake.active", VT_SKIP);
	ASSERT_MSG_HAS(&rs, "fake.active", VT_SKIP, "live system only");
	ASSERT_STATUS(&rs, "fake.iommu", VT_SKIP);              /* no group in env */
	ASSERT_MSG_HAS(&rs, "fake.iommu", VT_SKIP, "no IOMMU groups");
	CU_ASSERT_STRING_EQUAL(rs.v[0].suite, "fake");
	vt_results_free(&rs);
	env_free(&env);
}

static void test_prepare_declines(void)
{
	static const struct vt_run_opts opts = { 0 };
	struct vt_results rs;
	struct vt_env env;

	env_init(&env);
	vt_results_init(&rs, "files", NULL);
	bodies_run = 0;
	prepare_verdict = VT_SKIP;
	vt_run_suite(&rs, &env, &fake_suite, &opts);
	CU_ASSERT_EQUAL(bodies_run, 0);
	/* The check prepare reported keeps its one result... */
	ASSERT_COUNT(&rs, "fake.none", VT_FAIL, 1);
	CU_ASSERT_EQUAL(count_results(&rs, "fake.none"), 1);
	/* ...every other one is skipped with prepare's reason. */
	ASSERT_STATUS(&rs, "fake.pci", VT_SKIP);
	ASSERT_MSG_HAS(&rs, "fake.pci", VT_SKIP, "nothing to check");
	CU_ASSERT_EQUAL(rs.n, 5);
	vt_results_free(&rs);
	env_free(&env);
}

/* Without a machine nothing loads: a part is unknown, with the reason. */
static void test_env_without_platform(void)
{
	struct vt_env env;

	vt_env_init(&env, NULL);
	CU_ASSERT_FALSE(vt_env_has(&env, VT_ENV_PCI));
	CU_ASSERT_EQUAL(env.part[VT_ENV_PCI].avail, VT_UNKNOWN);
	CU_ASSERT_PTR_NOT_NULL(strstr(vt_env_why(&env, VT_ENV_PCI), "needs a live system"));
	vt_env_free(&env);
}

static void test_needs_text(void)
{
	char buf[128];

	CU_ASSERT_STRING_EQUAL(vt_needs_text(0, buf, sizeof(buf)), "-");
	CU_ASSERT_STRING_EQUAL(vt_needs_text(VT_NEED_TABLE | VT_NEED_PCI, buf, sizeof(buf)),
			       "table, pci");
	CU_ASSERT_STRING_EQUAL(vt_need_name(VT_NEED_IOMMU_ON), "iommu-on");
}

const struct unit_test framework_tests[] = {
	{ "needs met and unmet", test_needs_met_and_unmet },
	{ "prepare declines", test_prepare_declines },
	{ "environment without a platform", test_env_without_platform },
	{ "needs as text", test_needs_text },
	{ NULL, NULL }
};
