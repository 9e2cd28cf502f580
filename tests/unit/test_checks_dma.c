// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The dma suite's checks on experiments written by hand: what a device
 * under QEMU's VT-d did (every case as the model predicts) and what a
 * broken platform would do (a write that lands elsewhere, a blocked write
 * that gets through, a fault with the wrong reason, a device not given
 * back). The experiment itself needs a live VFIO device: the QEMU tests
 * run it. Also Linux's fault line read back, and the leaf rule.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "../../passthrough/passthrough.h"
#include "../../ref/kernel_faults.h"
#include "../../ref/linux_iommu_map.h"
#include "../../ref/vtd_entries.h"
#include "../../suites/dma/dma_suite.h"

/* QEMU 10's intel-iommu,aw-bits=39,caching-mode=on (the kept default snapshot). */
#define QEMU_CAP  0x00d2008c22260286ull
#define QEMU_ECAP 0x0000000000f00f4eull

#define SID_02_00_0 0x0200

static struct dma_state *replay;

static enum vt_status replay_prepare(struct vt_ctx *ctx)
{
	ctx->state = replay;
	return VT_PASS;
}

static const struct vt_suite replay_suite = {
	.name = "dma", .checks = dma_suite_checks, .prepare = replay_prepare,
};

struct bench {
	struct vt_env env;
	struct vt_results rs;
	struct pci_fn fn;
	struct iommu_unit unit;
	struct dma_device_run run;
	struct dma_state st;
};

static void set_case(struct dma_device_run *r, enum dma_case c, enum dma_buf b, uint64_t iova,
		     bool to_ram)
{
	struct dma_case_obs *o = &r->c[c];

	o->ran = true;
	o->buf = b;
	o->iova = iova;
	o->to_ram = to_ram;
	o->landed_at = -1;
	o->others_untouched = true;
}

static void landed(struct dma_device_run *r, enum dma_case c, enum dma_buf b, uint64_t off)
{
	r->c[c].landed = true;
	r->c[c].landed_at = (long)off;
	r->c[c].landed_phys = r->phys[b] + off;
}

static void faulted(struct dma_device_run *r, enum dma_case c, unsigned reason, uint64_t addr,
		    bool write)
{
	struct dma_case_obs *o = &r->c[c];

	o->fault_seen = true;
	o->fault.reason = reason;
	o->fault.addr = addr;
	o->fault.source_id = r->source_id;
	o->fault.bus = (uint8_t)(r->source_id >> 8);
	o->fault.is_write = write;
}

/* What edu at 02:00.0 under QEMU with Linux 6.1 did, case by case. */
static void as_qemu_did(struct bench *b)
{
	struct dma_device_run *r = &b->run;
	unsigned i;

	memset(b, 0, sizeof(*b));
	env_init(&b->env);
	b->env.live = true;
	vt_results_init(&b->rs, "live", "/");
	b->fn.bus = 2;
	b->unit.reg[VTD_UR_CAP] = QEMU_CAP;
	b->unit.reg[VTD_UR_ECAP] = QEMU_ECAP;
	b->unit.known = 1u << VTD_UR_CAP | 1u << VTD_UR_ECAP;
	snprintf(r->bdf, sizeof(r->bdf), "0000:02:00.0");
	r->fn = &b->fn;
	r->source_id = SID_02_00_0;
	r->unit = &b->unit;
	r->assigned = r->released = r->restored = true;
	r->group = 5;
	snprintf(r->found.driver, sizeof(r->found.driver), "pci-stub");
	r->now = r->found;
	r->phys_known = true;
	for (i = 0; i < DMA_NBUFS; i++)
		r->phys[i] = 0x54b3000ull + i * 0x1000;
	set_case(r, DMA_MAPPED_READ, DMA_BUF_RW, DMA_IOVA_RW + 0x100, false);
	landed(r, DMA_MAPPED_READ, DMA_BUF_RW, 0x100);
	set_case(r, DMA_MAPPED_WRITE, DMA_BUF_RW, DMA_IOVA_RW + 0x340, true);
	landed(r, DMA_MAPPED_WRITE, DMA_BUF_RW, 0x340);
	set_case(r, DMA_UNMAPPED_WRITE, DMA_NBUFS, DMA_IOVA_UNMAPPED + 0x40, true);
	faulted(r, DMA_UNMAPPED_WRITE, VTD_FR_WRITE, DMA_IOVA_UNMAPPED, true);
	set_case(r, DMA_READONLY_WRITE, DMA_BUF_RO, DMA_IOVA_RO + 0x80, true);
	faulted(r, DMA_READONLY_WRITE, VTD_FR_WRITE, DMA_IOVA_RO, true);
	/* Linux writes the write-only leaf readable: the read goes through. */
	set_case(r, DMA_WRITEONLY_READ, DMA_BUF_WO, DMA_IOVA_WO + 0x200, false);
	landed(r, DMA_WRITEONLY_READ, DMA_BUF_WO, 0x200);
	set_case(r, DMA_UNMAP_WRITE, DMA_BUF_RW, DMA_IOVA_RW + 0x340, true);
	faulted(r, DMA_UNMAP_WRITE, VTD_FR_WRITE, DMA_IOVA_RW, true);
	b->st.runs = r;
	b->st.n = 1;
}

static void run(struct bench *b)
{
	struct vt_run_opts opts = { .active = true };

	replay = &b->st;
	vt_run_suite(&b->rs, &b->env, &replay_suite, &opts);
}

static void done(struct bench *b)
{
	vt_results_free(&b->rs);
	env_free(&b->env);
}

static void test_dma_as_predicted(void)
{
	static const char *const ids[] = {
		"dma.assign", "dma.mapped-read", "dma.mapped-write", "dma.unmapped-write",
		"dma.readonly-write", "dma.writeonly-read", "dma.unmap-blocks", "dma.restored",
	};
	const struct vt_result *r;
	struct bench b;
	char *text;
	size_t i;

	as_qemu_did(&b);
	run(&b);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		ASSERT_STATUS(&b.rs, ids[i], VT_PASS);
	ASSERT_MSG_HAS(&b.rs, "dma.unmapped-write", VT_PASS, "1 device(s)");
	/* A pass keeps each device's prediction and observation. */
	r = result_of(&b.rs, "dma.mapped-write", VT_PASS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL(vt_value_get(r->ev, "devices"));
	text = vt_value_text(vt_value_get(r->ev, "devices"));
	CU_ASSERT(text && strstr(text, "\"hpa\":\"0x54b3340\"") != NULL);
	free(text);
	done(&b);

	/* The evidence of a single finding: predicted beside observed. */
	as_qemu_did(&b);
	b.run.c[DMA_UNMAPPED_WRITE].fault.reason = VTD_FR_READ;
	run(&b);
	r = result_of(&b.rs, "dma.unmapped-write", VT_FAIL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL(vt_value_get(r->ev, VT_EV_PREDICTED));
	CU_ASSERT_PTR_NOT_NULL(vt_value_get(r->ev, VT_EV_OBSERVED));
	ASSERT_STATUS(&b.rs, "dma.unmapped-write", VT_FAIL);
	ASSERT_MSG_HAS(&b.rs, "dma.unmapped-write", VT_FAIL, "reason 0x6 at 0x900000 from 02:00.0, "
		       "predicted 0x5 at 0x900000");
	done(&b);
}

static void test_dma_defects(void)
{
	const struct vt_result *r;
	struct bench b;
	char *text;

	as_qemu_did(&b);
	/* A write that lands a page off (not in its page: no offset), a read that never arrives. */
	landed(&b.run, DMA_MAPPED_WRITE, DMA_BUF_RO, 0x340);
	b.run.c[DMA_MAPPED_WRITE].landed_at = -1;
	b.run.c[DMA_MAPPED_READ].landed = false;
	/* Writes that get through where the model blocks them. */
	landed(&b.run, DMA_READONLY_WRITE, DMA_BUF_RO, 0x80);
	b.run.c[DMA_UNMAPPED_WRITE].others_untouched = false;
	/* A read Linux lets through, blocked: the model is wrong, or the platform. */
	b.run.c[DMA_WRITEONLY_READ].landed = false;
	/* Blocked, but the kernel said nothing. */
	b.run.c[DMA_UNMAP_WRITE].fault_seen = false;
	b.run.restored = false;
	snprintf(b.run.now.driver, sizeof(b.run.now.driver), "vfio-pci");
	run(&b);
	ASSERT_STATUS(&b.rs, "dma.mapped-write", VT_FAIL);
	ASSERT_MSG_HAS(&b.rs, "dma.mapped-write", VT_FAIL, "it went elsewhere");
	/* Where it went is in the evidence: the read-only page's address. */
	r = result_of(&b.rs, "dma.mapped-write", VT_FAIL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	text = vt_value_text(vt_value_get(r->ev, VT_EV_OBSERVED));
	CU_ASSERT(text && strstr(text, "\"hpa\":\"0x54b4340\"") != NULL);
	free(text);
	ASSERT_STATUS(&b.rs, "dma.mapped-read", VT_FAIL);
	ASSERT_MSG_HAS(&b.rs, "dma.mapped-read", VT_FAIL, "did not get through");
	ASSERT_STATUS(&b.rs, "dma.readonly-write", VT_FAIL);
	ASSERT_MSG_HAS(&b.rs, "dma.readonly-write", VT_FAIL, "got through");
	ASSERT_STATUS(&b.rs, "dma.unmapped-write", VT_FAIL);
	ASSERT_STATUS(&b.rs, "dma.writeonly-read", VT_FAIL);
	ASSERT_STATUS(&b.rs, "dma.unmap-blocks", VT_WARN);
	ASSERT_MSG_HAS(&b.rs, "dma.unmap-blocks", VT_WARN, "logged no fault");
	ASSERT_STATUS(&b.rs, "dma.restored", VT_FAIL);
	ASSERT_MSG_HAS(&b.rs, "dma.restored", VT_FAIL, "found on pci-stub, given back to vfio-pci");
	done(&b);

	/* VFIO refused to open the group: a finding; in use: not one. */
	as_qemu_did(&b);
	b.run.assigned = false;
	b.run.assign_rc = -ENXIO;
	snprintf(b.run.why, sizeof(b.run.why), "vfio-pci did not bind");
	run(&b);
	ASSERT_STATUS(&b.rs, "dma.assign", VT_FAIL);
	done(&b);
	as_qemu_did(&b);
	b.run.assigned = false;
	b.run.assign_rc = -EBUSY;
	snprintf(b.run.why, sizeof(b.run.why), "0000:02:00.0 backs the root filesystem");
	run(&b);
	ASSERT_MSG_HAS(&b.rs, "dma.assign", VT_SKIP, "root filesystem");
	done(&b);
}

/* No unit registers, no prediction: the cases are not judged, with the reason. */
static void test_dma_without_unit(void)
{
	struct bench b;

	as_qemu_did(&b);
	b.run.unit = NULL;
	run(&b);
	ASSERT_MSG_HAS(&b.rs, "dma.mapped-write", VT_SKIP, "unit translating the device");
	ASSERT_STATUS(&b.rs, "dma.assign", VT_PASS);
	done(&b);
	/* Not on a live system with --active: every check says so. */
	as_qemu_did(&b);
	b.env.live = false;
	run(&b);
	ASSERT_MSG_HAS(&b.rs, "dma.mapped-write", VT_SKIP, "live system only");
	done(&b);
}

static void test_kernel_fault_line(void)
{
	struct kernel_dma_fault f;

	CU_ASSERT_TRUE(kernel_dma_fault_parse("[   16.6] DMAR: [DMA Write NO_PASID] Request device "
		"[05:00.1] fault addr 0x900000 [fault reason 0x05] PTE Write access is not set", &f));
	CU_ASSERT_TRUE(f.is_write);
	CU_ASSERT_FALSE(f.has_pasid);
	CU_ASSERT_EQUAL(f.source_id, 0x0501);
	CU_ASSERT_EQUAL(f.addr, 0x900000);
	CU_ASSERT_EQUAL(f.reason, 5);
	CU_ASSERT_STRING_EQUAL(f.text, "PTE Write access is not set");
	/* The older format: PASID after the device, the reason in decimal. */
	CU_ASSERT_TRUE(kernel_dma_fault_parse("DMAR: [DMA Read] Request device [00:1f.7] PASID "
		"ffffffff fault addr 7f000 [fault reason 12] non-zero reserved fields in PTE", &f));
	CU_ASSERT_FALSE(f.is_write);
	CU_ASSERT_FALSE(f.has_pasid);
	CU_ASSERT_EQUAL(f.source_id, 0x00ff);
	CU_ASSERT_EQUAL(f.addr, 0x7f000);
	CU_ASSERT_EQUAL(f.reason, 12);
	CU_ASSERT_TRUE(kernel_dma_fault_parse("DMAR: [DMA Read PASID 0x1] Request device [01:00.0] "
		"fault addr 0x1000 [fault reason 0x06] PTE Read access is not set", &f));
	CU_ASSERT_TRUE(f.has_pasid);
	CU_ASSERT_EQUAL(f.pasid, 1);
	/* Not fault lines, or cut short. */
	CU_ASSERT_FALSE(kernel_dma_fault_parse("DMAR: DRHD: handling fault status reg 2", &f));
	CU_ASSERT_FALSE(kernel_dma_fault_parse("DMAR: [INTR-REMAP] Request device [00:1f.0] fault "
		"index 0x17 [fault reason 0x22] Present field in the IRTE entry is clear", &f));
	CU_ASSERT_FALSE(kernel_dma_fault_parse("DMAR: [DMA Write NO_PASID] Request device [05:00.8] "
		"fault addr 0x0 [fault reason 0x05] x", &f));
	CU_ASSERT_FALSE(kernel_dma_fault_parse("DMAR: [DMA Write NO_PASID] Request device [05:00.1] "
		"fault addr 0x900000 [fault reason 0x05", &f));
}

static void test_linux_leaf_rule(void)
{
	CU_ASSERT_EQUAL(linux_sl_leaf_perms(true, true), VTD_SL_R | VTD_SL_W);
	CU_ASSERT_EQUAL(linux_sl_leaf_perms(true, false), VTD_SL_R);
	/* Write-only reads back: bit 0 is also the first-level present bit. */
	CU_ASSERT_EQUAL(linux_sl_leaf_perms(false, true), VTD_SL_R | VTD_SL_W);
}

const struct unit_test check_dma_tests[] = {
	{ "dma_as_predicted", test_dma_as_predicted },
	{ "dma_defects", test_dma_defects },
	{ "dma_without_unit", test_dma_without_unit },
	{ "kernel_fault_line", test_kernel_fault_line },
	{ "linux_leaf_rule", test_linux_leaf_rule },
	{ NULL, NULL },
};
