// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * msi.delivery on machines made by hand: the raise itself (assign, MSI on
 * an eventfd, the device told to raise it) needs a live VFIO device and
 * is run by the QEMU tests; here msi_raise_hook answers as QEMU did, or as
 * a broken platform would, and the verdict is checked against the
 * interrupt-remapping prediction.
 */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "../../ref/le.h"
#include "../../ref/pci_regs.h"
#include "../../suites/drivers/edu.h"
#include "../../suites/msi/msi_active.h"
#include "../../util/xalloc.h"

#define ID          "msi.delivery"
#define CAP         0x00d2008c22260286ull
#define ECAP_IR     0x0000000000f00f4eull   /* QEMU intremap=on, no EIM */
#define ECAP_NO_IR  (ECAP_IR & ~VTD_ECAP_IR)

static struct msi_seen answer;
static int answer_rc;

static int fake_raise(struct pt_session *pt, const char *bdf, struct msi_seen *s)
{
	(void)pt;
	(void)bdf;
	*s = answer;
	return answer_rc;
}

static void machine(struct vt_env *env, struct fixture *f, uint8_t flags, uint64_t ecap)
{
	struct pci_fn *fn;

	env_init(env);
	env->live = env->root = env->vfio = true;
	fixture_init(f, 39, flags);
	fx_add_all_drhd(&f->model, 0, FX_IOMMU_BASE);
	env_add_unit(env, "dmar0", FX_IOMMU_BASE, CAP, ecap, true);
	env->madt.ioapics = xcalloc(1, sizeof(*env->madt.ioapics));
	env->madt.ioapics[0].id = 2;
	env->madt.nioapics = 1;
	vt_env_provide(env, VT_ENV_MADT, VT_AVAILABLE, NULL);
	env->cpu_flags = xstrdup(" fpu ");
	vt_env_provide(env, VT_ENV_CPU, VT_AVAILABLE, NULL);
	env_set_cmdline(env, "quiet");
	fn = env_add_fn(env, 0, 2, 0, 0, 0x00ff00, 0, 0);
	/* Its header says edu: the model is decoded again when the run finishes it. */
	put_le16(fn->cfg + PCI_CFG_VENDOR_ID, EDU_VENDOR);
	put_le16(fn->cfg + PCI_CFG_DEVICE_ID, EDU_DEVICE);
	env_add_group(env, 5, "DMA", (const char *const[]){ "0000:02:00.0" }, 1);
	msi_raise_hook = fake_raise;
}

static void run(struct vt_env *env, struct fixture *f)
{
	struct vt_run_opts opts = { .active = true };

	struct vt_blob table;

	fixture_encode_decode(f, DMAR_ENC_COMPUTE);
	table.data = xmalloc(f->len + 1);
	memcpy(table.data, f->buf, f->len);
	table.len = f->len;
	vt_env_set_table(env, "fixture", &table);
	CU_ASSERT_FATAL(pci_model_finish(&env->pci) == 0);
	/* --active, which run_check() does not give. */
	vt_run_check(&f->rs, env, vt_find_suite("msi"), find_check(ID), &opts);
	msi_raise_hook = msi_raise_once;
}

static void seen(const char *chip, bool fired, unsigned long long before, unsigned long long after)
{
	memset(&answer, 0, sizeof(answer));
	snprintf(answer.chip, sizeof(answer.chip), "%s", chip);
	answer.fired = fired;
	answer.before = before;
	answer.after = after;
	answer_rc = 0;
}

static void test_delivered_as_predicted(void)
{
	const struct vt_result *r;
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR);
	seen("IR-PCI-MSI 1048576-edge", true, 0, 1);
	run(&env, &f);
	ASSERT_STATUS(&f.rs, ID, VT_PASS);
	fixture_free(&f);
	env_free(&env);
	/* Remapping predicted, but the MSI came through the plain chip. */
	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR);
	seen("PCI-MSI 1048576-edge", true, 3, 4);
	run(&env, &f);
	ASSERT_STATUS(&f.rs, ID, VT_FAIL);
	ASSERT_MSG_HAS(&f.rs, ID, VT_FAIL, "not remapped, predicted remapped");
	r = result_of(&f.rs, ID, VT_FAIL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL(vt_value_get(r->ev, VT_EV_PREDICTED));
	CU_ASSERT_PTR_NOT_NULL(vt_value_get(r->ev, VT_EV_OBSERVED));
	fixture_free(&f);
	env_free(&env);
}

static void test_not_delivered(void)
{
	struct vt_env env;
	struct fixture f;

	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR);
	seen("IR-PCI-MSI 1048576-edge", false, 0, 0);
	run(&env, &f);
	ASSERT_MSG_HAS(&f.rs, ID, VT_FAIL, "did not arrive");
	fixture_free(&f);
	env_free(&env);
	/* No IR on the unit: not remapped, as predicted. */
	machine(&env, &f, 0, ECAP_NO_IR);
	seen("PCI-MSI 1048576-edge", true, 0, 1);
	run(&env, &f);
	ASSERT_STATUS(&f.rs, ID, VT_PASS);
	fixture_free(&f);
	env_free(&env);
	/* VFIO refuses (in use): not judged, with the reason. */
	machine(&env, &f, DMAR_FLAG_INTR_REMAP, ECAP_IR);
	seen("", false, 0, 0);
	answer_rc = -EBUSY;
	snprintf(answer.why, sizeof(answer.why), "0000:02:00.0 backs the root filesystem");
	run(&env, &f);
	ASSERT_MSG_HAS(&f.rs, ID, VT_SKIP, "root filesystem");
	fixture_free(&f);
	env_free(&env);
}

const struct unit_test check_msi_delivery_tests[] = {
	{ "delivered_as_predicted", test_delivered_as_predicted },
	{ "not_delivered", test_not_delivered },
	{ NULL, NULL },
};
