// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The runner (framework/runner.c) on made-up suites: a check whose input
 * is missing is skipped (or errored, when the input is broken) with the
 * part's reason, before its body runs; a suite whose prepare declines
 * gives every check its reason; a gate that does not pass makes the
 * others skip with its reason; a check over items is concluded by the
 * runner (a pass over what was judged, a skip when nothing applied, how
 * many could not be judged); a check that reports nothing is an error.
 */
#include <string.h>

#include "fixture.h"

static int bodies_run;

static void check_body(struct vt_ctx *ctx)
{
	bodies_run++;
	vt_pass(ctx, "/subject", "ran");
}

static const struct vt_check fake_none = {
	VT_CHECK("fake.none", VT_SEV_LOW, 0, "needs nothing", "test"), .run = check_body,
};
static const struct vt_check fake_pci = {
	VT_CHECK("fake.pci", VT_SEV_LOW, VT_NEED_PCI, "needs the PCI model", "test"),
	.run = check_body,
};
static const struct vt_check fake_klog = {
	VT_CHECK("fake.klog", VT_SEV_LOW, VT_NEED_KLOG, "needs the kernel log", "test"),
	.run = check_body,
};
static const struct vt_check fake_active = {
	VT_CHECK("fake.active", VT_SEV_LOW, VT_NEED_ACTIVE, "needs --active", "test"),
	.run = check_body,
};
static const struct vt_check fake_iommu = {
	VT_CHECK("fake.iommu", VT_SEV_LOW, VT_NEED_IOMMU_ON, "needs groups", "test"),
	.run = check_body,
};
static const struct vt_check fake_root = {
	VT_CHECK("fake.root", VT_SEV_LOW, VT_NEED_ROOT, "needs root", "test"),
	.run = check_body,
};
static const struct vt_check fake_vfio = {
	VT_CHECK("fake.vfio", VT_SEV_LOW, VT_NEED_VFIO, "needs vfio", "test"),
	.run = check_body,
};

static const struct vt_check *const fake_checks[] = {
	&fake_none, &fake_pci, &fake_klog, &fake_active, &fake_iommu, &fake_root, &fake_vfio,
	NULL,
};

static enum vt_status prepare_verdict;

static enum vt_status fake_prepare(struct vt_ctx *ctx)
{
	if (prepare_verdict != VT_PASS)
		vt_ctx_why(ctx, "nothing to check");
	return prepare_verdict;
}

static const struct vt_suite fake_suite = {
	.name = "fake", .help = "a suite for the runner's tests",
	.checks = fake_checks, .prepare = fake_prepare,
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
	/* No machine at all: root and vfio cannot be had. */
	ASSERT_MSG_HAS(&rs, "fake.root", VT_SKIP, "needs a live system or a snapshot");
	ASSERT_MSG_HAS(&rs, "fake.vfio", VT_SKIP, "needs vfio-pci on the live system");
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
	prepare_verdict = VT_ERROR;
	vt_run_suite(&rs, &env, &fake_suite, &opts);
	CU_ASSERT_EQUAL(bodies_run, 0);
	/* Every check is given prepare's verdict and reason, once. */
	ASSERT_STATUS(&rs, "fake.none", VT_ERROR);
	ASSERT_MSG_HAS(&rs, "fake.pci", VT_ERROR, "nothing to check");
	CU_ASSERT_EQUAL(rs.n, 7);
	vt_results_free(&rs);
	env_free(&env);
}

/* Every part of the environment is a need of its own, named by the parts table. */
static void test_every_part_is_a_need(void)
{
	static const struct vt_run_opts opts = { 0 };
	enum vt_status st;
	struct vt_env env;
	unsigned p;

	env_init(&env);
	for (p = 0; p < VT_ENV_PART_COUNT; p++) {
		const char *why;

		env_set_missing(&env, (enum vt_env_part)p, VT_ABSENT, "not on this machine");
		why = vt_need_unmet(&env, &opts, VT_NEED_PART(p), &st);
		CU_ASSERT_PTR_NOT_NULL(why);
		CU_ASSERT_EQUAL(st, VT_SKIP);
		CU_ASSERT_STRING_EQUAL(vt_need_name(VT_NEED_PART(p)), vt_env_part(p)->key);
		vt_env_provide(&env, (enum vt_env_part)p, VT_AVAILABLE, NULL);
		CU_ASSERT_PTR_NULL(vt_need_unmet(&env, &opts, VT_NEED_PART(p), &st));
	}
	env_free(&env);
}

/* ---- a gate ---- */

static bool gate_opens;

static void gate_body(struct vt_ctx *ctx)
{
	if (gate_opens) {
		vt_pass(ctx, NULL, "open");
		return;
	}
	vt_fail(ctx, NULL, "closed");
	vt_ctx_why(ctx, "the gate is closed");
}

static const struct vt_check gate = {
	VT_CHECK("gate.gate", VT_SEV_LOW, VT_NEED_PCI, "the gate", "test"), .run = gate_body,
};
static const struct vt_check gated = {
	VT_CHECK("gate.after", VT_SEV_LOW, 0, "behind the gate", "test"), .run = check_body,
};
static const struct vt_check *const gate_checks[] = { &gate, &gated, NULL };
static const struct vt_suite gate_suite = {
	.name = "gate", .help = "a gated suite", .gate = &gate, .checks = gate_checks,
};

static void test_gate(void)
{
	static const struct vt_run_opts opts = { 0 };
	struct vt_results rs;
	struct vt_env env;

	/* Run whatever its needs (the PCI model is missing): it judges that itself. */
	env_init(&env);
	env_set_missing(&env, VT_ENV_PCI, VT_UNKNOWN, "unknown");
	vt_results_init(&rs, "files", NULL);
	bodies_run = 0;
	gate_opens = false;
	vt_run_suite(&rs, &env, &gate_suite, &opts);
	ASSERT_STATUS(&rs, "gate.gate", VT_FAIL);
	ASSERT_STATUS(&rs, "gate.after", VT_SKIP);
	ASSERT_MSG_HAS(&rs, "gate.after", VT_SKIP, "the gate is closed");
	CU_ASSERT_EQUAL(bodies_run, 0);
	vt_results_free(&rs);
	/* Open: the others run. Asked for one check, the gate's results stay out. */
	vt_results_init(&rs, "files", NULL);
	gate_opens = true;
	vt_run_check(&rs, &env, &gate_suite, &gated, &opts);
	ASSERT_STATUS(&rs, "gate.after", VT_PASS);
	CU_ASSERT_EQUAL(count_results(&rs, "gate.gate"), 0);
	vt_results_free(&rs);
	vt_results_init(&rs, "files", NULL);
	gate_opens = false;
	vt_run_check(&rs, &env, &gate_suite, &gated, &opts);
	ASSERT_STATUS(&rs, "gate.after", VT_SKIP);
	CU_ASSERT_EQUAL(count_results(&rs, "gate.gate"), 0);
	vt_results_free(&rs);
	env_free(&env);
}

/* ---- checks over items: the PCI functions of a small model ---- */

/* 00:00.0 passes, 00:01.0 fails, 00:02.0 is unknown, 00:03.0 is not judged. */
static void judge_by_device(struct vt_ctx *ctx, const struct vt_item *it)
{
	switch (it->fn->dev) {
	case 0:
		vt_ev_uint(vt_expect(ctx, true, VT_FAIL, "never said"), "dropped", 1);
		break;
	case 1:
		vt_ev_uint(vt_expect(ctx, false, VT_FAIL, "device 1 is bad"), "device", 1);
		break;
	case 2:
		vt_verdict(ctx, VT_SKIP, "device 2 cannot be told");
		break;
	}
}

/* Only the judged devices but the bad one: 0 passes, 2 unknown, 3 not judged. */
static void judge_good(struct vt_ctx *ctx, const struct vt_item *it)
{
	if (it->fn->dev == 1)
		return;
	judge_by_device(ctx, it);
}

static void judge_nothing(struct vt_ctx *ctx, const struct vt_item *it)
{
	(void)ctx;
	(void)it;
}

static void silent(struct vt_ctx *ctx)
{
	(void)ctx;
}

static const struct vt_check items_mixed = {
	VT_CHECK("items.mixed", VT_SEV_LOW, 0, "items", "test"),
	.items = &vt_items_pci_functions, .judge = judge_by_device,
	.none = "no function", .all = "%zu functions are fine",
};
static const struct vt_check items_good = {
	VT_CHECK("items.good", VT_SEV_LOW, 0, "items", "test"),
	.items = &vt_items_pci_functions, .judge = judge_good,
	.none = "no function", .all = "%zu functions are fine",
};
static const struct vt_check items_none = {
	VT_CHECK("items.none", VT_SEV_LOW, 0, "items", "test"),
	.items = &vt_items_pci_functions, .judge = judge_nothing,
	.none = "no function applies", .all = "%zu functions are fine",
};
static const struct vt_check plain_silent = {
	VT_CHECK("items.silent", VT_SEV_LOW, 0, "says nothing", "test"), .run = silent,
};
static const struct vt_check *const item_checks[] = {
	&items_mixed, &items_good, &items_none, &plain_silent, NULL,
};
static const struct vt_suite item_suite = {
	.name = "items", .help = "checks over items", .checks = item_checks,
};

static void test_items(void)
{
	static const struct vt_run_opts opts = { 0 };
	struct vt_results rs;
	struct vt_env env;
	const struct vt_result *r;
	unsigned dev;

	env_init(&env);
	for (dev = 0; dev < 4; dev++)
		env_add_fn(&env, 0, 0, (uint8_t)dev, 0, PCI_CLASS_NVME, PCI_HEADER_TYPE_NORMAL, 0);
	CU_ASSERT_EQUAL_FATAL(pci_model_finish(&env.pci), 0);
	vt_results_init(&rs, "files", NULL);
	vt_run_suite(&rs, &env, &item_suite, &opts);
	/* A failure speaks alone, about its item, with its evidence; no pass follows. */
	ASSERT_COUNT(&rs, "items.mixed", VT_FAIL, 1);
	ASSERT_COUNT(&rs, "items.mixed", VT_PASS, 0);
	ASSERT_SUBJECT_HAS(&rs, "items.mixed", VT_FAIL, "/sys/bus/pci/devices/0000:00:01.0");
	ASSERT_COUNT(&rs, "items.mixed", VT_SKIP, 1);
	r = result_of(&rs, "items.mixed", VT_FAIL);
	CU_ASSERT_PTR_NOT_NULL(vt_value_get(r ? r->ev : NULL, "device"));
	CU_ASSERT_EQUAL(count_results(&rs, "items.mixed"), 2);
	/* One judged, one unknown: a pass that says how many could not be judged, and why. */
	ASSERT_COUNT(&rs, "items.good", VT_PASS, 1);
	ASSERT_MSG_HAS(&rs, "items.good", VT_PASS, "1 functions are fine; 1 more could not "
		       "be judged (device 2 cannot be told)");
	r = result_of(&rs, "items.good", VT_PASS);
	/* A passing item's evidence is dropped with it. */
	CU_ASSERT_PTR_NULL(vt_value_get(r ? r->ev : NULL, "dropped"));
	/* Nothing applied: a skip with the reason. */
	ASSERT_STATUS(&rs, "items.none", VT_SKIP);
	ASSERT_MSG_HAS(&rs, "items.none", VT_SKIP, "no function applies");
	/* A check that says nothing does not vanish from the report. */
	ASSERT_STATUS(&rs, "items.silent", VT_ERROR);
	ASSERT_MSG_HAS(&rs, "items.silent", VT_ERROR, "items.silent reported nothing");
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
	{ "every part is a need", test_every_part_is_a_need },
	{ "a gate", test_gate },
	{ "checks over items", test_items },
	{ "environment without a platform", test_env_without_platform },
	{ "needs as text", test_needs_text },
	{ NULL, NULL }
};
