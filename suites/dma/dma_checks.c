// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The dma checks: each judges one case of every device's experiment, the
 * reference translation's prediction beside what memory and the kernel
 * log showed. A case that could not run (the device refused, the
 * experiment stopped) is not judged, with the reason.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dma_suite.h"
#include "../../framework/items.h"
#include "../../ref/vtd_translate.h"
#include "../../util/xalloc.h"

#define VTD_SPEC "VT-d 4.1 §3.6-3.7 (second-level translation), §7.1.3 and Appendix A (fault reasons)"

static const struct dma_device_run *run_of(const struct vt_item *it)
{
	return it->p;
}

static bool next_run(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	const struct dma_state *st = DMA_STATE(ctx);

	(void)k;
	if (!st || it->pos >= st->n)
		return false;
	it->index = it->pos++;
	it->p = &st->runs[it->index];
	return true;
}

static char *run_subject(const struct vt_ctx *ctx, const struct vt_item *it)
{
	(void)ctx;
	return vt_pci_subject(run_of(it)->fn);
}

const struct vt_items dma_items_devices = {
	.noun = "device", .needs = VT_NEED_PCI, .next = next_run, .subject = run_subject,
};

static void put_hex(struct vt_value *o, const char *key, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)v);
	vt_put_str(o, key, buf);
}

static void put_sid(struct vt_value *o, const char *key, uint16_t sid)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%02x:%02x.%u", sid >> 8, (sid >> 3) & 0x1f, sid & 7);
	vt_put_str(o, key, buf);
}

static void put_prediction(struct vt_value *pr, const struct dma_case_obs *o,
			   const struct dma_prediction *p)
{
	struct vt_value *f;

	put_hex(pr, "iova", o->iova);
	vt_put_str(pr, "request", o->to_ram ? "write" : "read");
	vt_put_bool(pr, "blocked", p->blocked);
	vt_put_uint(pr, "levels", p->levels);
	if (p->blocked) {
		f = vt_put_object(pr, "fault");
		put_hex(f, "reason", p->fault.reason);
		vt_put_str(f, "name", vtd_fault_reason_name(p->fault.reason) ?: "?");
		vt_put_str(f, "linux", vtd_fault_reason_linux(p->fault.reason) ?: "?");
		put_hex(f, "addr", p->fault.addr);
		put_sid(f, "source", p->fault.sid);
		return;
	}
	put_hex(pr, "hpa", p->hpa);
	vt_put_uint(pr, "leaf_level", p->leaf_level);
	vt_put_str(pr, "leaf_perms", p->leaf_perms == (VTD_SL_R | VTD_SL_W) ? "RW" :
		   p->leaf_perms & VTD_SL_W ? "W" : "R");
	if (p->linux_widened)
		vt_put_str(pr, "why", "Linux writes every second-level leaf readable "
			   "(intel/iommu.c __domain_mapping() sets DMA_FL_PTE_PRESENT, bit 0 = R)");
}

static void put_observation(struct vt_value *ob, const struct dma_case_obs *o)
{
	struct vt_value *f;

	vt_put_bool(ob, "landed", o->landed);
	if (o->landed_at >= 0 || o->landed_phys)
		put_hex(ob, "hpa", o->landed_phys);
	vt_put_bool(ob, "others_untouched", o->others_untouched);
	if (!o->fault_seen) {
		vt_put_str(ob, "fault", "none logged");
		return;
	}
	f = vt_put_object(ob, "fault");
	put_hex(f, "reason", o->fault.reason);
	vt_put_str(f, "linux", o->fault.text);
	put_hex(f, "addr", o->fault.addr);
	put_sid(f, "source", o->fault.source_id);
	vt_put_str(f, "request", o->fault.is_write ? "write" : "read");
}

static void evidence(struct vt_result *r, const struct dma_case_obs *o,
		     const struct dma_prediction *p)
{
	if (!r)
		return;
	put_prediction(vt_ev_object(r, VT_EV_PREDICTED), o, p);
	put_observation(vt_ev_object(r, VT_EV_OBSERVED), o);
}

static const struct {
	const struct vt_check *check;
	enum dma_case c;
} case_checks[] = {
	{ &dma_mapped_read, DMA_MAPPED_READ }, { &dma_mapped_write, DMA_MAPPED_WRITE },
	{ &dma_unmapped_write, DMA_UNMAPPED_WRITE }, { &dma_readonly_write, DMA_READONLY_WRITE },
	{ &dma_writeonly_read, DMA_WRITEONLY_READ }, { &dma_unmap_write, DMA_UNMAP_WRITE },
};

/*
 * A case's pass keeps what each device showed: a lab's record says where
 * the data went and which fault came, not only that it was as predicted.
 */
static void pass_case(struct vt_ctx *ctx, size_t judged, const char *tail)
{
	const struct dma_state *st = DMA_STATE(ctx);
	struct dma_prediction p;
	struct vt_value *list, *one;
	struct vt_result *r;
	size_t i, k;
	enum dma_case c = DMA_NCASES;

	for (k = 0; k < sizeof(case_checks) / sizeof(case_checks[0]); k++)
		if (case_checks[k].check == ctx->check)
			c = case_checks[k].c;
	char *all = xasprintf(ctx->check->all, judged);

	r = vt_pass(ctx, NULL, "%s%s", all, tail);
	free(all);
	if (!r || c == DMA_NCASES)
		return;
	list = vt_ev_list(r, "devices");
	for (i = 0; i < st->n; i++) {
		if (!st->runs[i].c[c].ran)
			continue;
		dma_predict(&st->runs[i], c, &p);
		one = vt_put_object(list, NULL);
		vt_put_str(one, "bdf", st->runs[i].bdf);
		put_prediction(vt_put_object(one, VT_EV_PREDICTED), &st->runs[i].c[c], &p);
		put_observation(vt_put_object(one, VT_EV_OBSERVED), &st->runs[i].c[c]);
	}
}

/* The case's verdict: what the model says against what was seen. */
static void judge_case(struct vt_ctx *ctx, const struct vt_item *it, enum dma_case c)
{
	const struct dma_device_run *r = run_of(it);
	const struct dma_case_obs *o = &r->c[c];
	struct dma_prediction p;
	struct vt_result *res;

	if (!o->ran) {
		vt_verdict(ctx, VT_SKIP, "not run: %s", o->why);
		return;
	}
	dma_predict(r, c, &p);
	if (!p.ok) {
		vt_verdict(ctx, VT_SKIP, "no prediction: %s", p.why);
		return;
	}
	if (!p.blocked) {
		bool ok = o->landed && o->others_untouched && o->landed_phys == p.hpa && !o->fault_seen;

		res = vt_expect(ctx, ok, VT_FAIL, "%s IOVA 0x%llx: predicted at 0x%llx%s, %s",
				o->to_ram ? "write to" : "read from", (unsigned long long)o->iova,
				(unsigned long long)p.hpa,
				p.linux_widened ? " (Linux maps a write-only buffer readable)" : "",
				!o->landed ? "the data did not get through" :
				o->landed_phys != p.hpa ? "it went elsewhere" :
				!o->others_untouched ? "other memory changed too" :
				o->fault_seen ? "yet the kernel logged a fault" : "there it went");
		evidence(res, o, &p);
		return;
	}
	if (o->landed || !o->others_untouched) {
		res = vt_verdict(ctx, VT_FAIL, "%s IOVA 0x%llx got through: the model blocks it "
				 "(fault reason 0x%x, %s)", o->to_ram ? "write to" : "read from",
				 (unsigned long long)o->iova, p.fault.reason,
				 vtd_fault_reason_name(p.fault.reason));
	} else if (!o->fault_seen) {
		res = vt_verdict(ctx, VT_WARN, "%s IOVA 0x%llx was blocked, but the kernel logged "
				 "no fault from the device (predicted reason 0x%x)",
				 o->to_ram ? "write to" : "read from", (unsigned long long)o->iova,
				 p.fault.reason);
	} else {
		bool same = o->fault.reason == p.fault.reason && o->fault.addr == p.fault.addr &&
			    o->fault.source_id == p.fault.sid && o->fault.is_write == p.fault.write;

		res = vt_expect(ctx, same, VT_FAIL, "%s IOVA 0x%llx blocked; the kernel's fault: "
				"reason 0x%x at 0x%llx from %02x:%02x.%u, predicted 0x%x at 0x%llx",
				o->to_ram ? "write to" : "read from", (unsigned long long)o->iova,
				o->fault.reason, (unsigned long long)o->fault.addr, o->fault.bus,
				o->fault.dev, o->fault.fn, p.fault.reason,
				(unsigned long long)p.fault.addr);
	}
	evidence(res, o, &p);
}

#define CASE_JUDGE(fn, c) \
	static void fn(struct vt_ctx *ctx, const struct vt_item *it) { judge_case(ctx, it, c); }

CASE_JUDGE(judge_mapped_read, DMA_MAPPED_READ)
CASE_JUDGE(judge_mapped_write, DMA_MAPPED_WRITE)
CASE_JUDGE(judge_unmapped_write, DMA_UNMAPPED_WRITE)
CASE_JUDGE(judge_readonly_write, DMA_READONLY_WRITE)
CASE_JUDGE(judge_writeonly_read, DMA_WRITEONLY_READ)
CASE_JUDGE(judge_unmap_write, DMA_UNMAP_WRITE)

#define DMA_NONE "no device vtdcert can drive (QEMU's edu, 1234:11e8)"

#define DMA_CASE_CHECK(name, id, title, judge_fn, pass_text) \
	const struct vt_check name = { \
		VT_CHECK(id, VT_SEV_HIGH, VT_NEED_ACTIVE, title, VTD_SPEC), \
		.items = &dma_items_devices, .judge = judge_fn, .none = DMA_NONE, \
		.all = pass_text, .pass = pass_case, \
	}

DMA_CASE_CHECK(dma_mapped_read, "dma.mapped-read",
	       "a device reads a mapped buffer at the address the translation gives",
	       judge_mapped_read, "%zu device(s): the mapped buffer read where the model translates the IOVA");
DMA_CASE_CHECK(dma_mapped_write, "dma.mapped-write",
	       "a device's write to a mapped IOVA lands exactly where the translation says",
	       judge_mapped_write, "%zu device(s): the write landed exactly where the model translates the IOVA");
DMA_CASE_CHECK(dma_unmapped_write, "dma.unmapped-write",
	       "a write to an unmapped IOVA is blocked with the fault the model predicts",
	       judge_unmapped_write, "%zu device(s): the write to an unmapped IOVA blocked, fault as predicted");
DMA_CASE_CHECK(dma_readonly_write, "dma.readonly-write",
	       "a write to a read-only mapping is blocked with the fault the model predicts",
	       judge_readonly_write, "%zu device(s): the write to a read-only mapping blocked, fault as predicted");
DMA_CASE_CHECK(dma_writeonly_read, "dma.writeonly-read",
	       "a read from a write-only mapping does what the leaf Linux writes allows "
	       "(readable: __domain_mapping() sets bit 0)",
	       judge_writeonly_read, "%zu device(s): the read from a write-only mapping as the model predicts");
DMA_CASE_CHECK(dma_unmap_write, "dma.unmap-blocks",
	       "after unmap the IOVA is blocked again, with the fault the model predicts",
	       judge_unmap_write, "%zu device(s): blocked at an IOVA once it was unmapped, fault as predicted");

static void judge_assign(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct dma_device_run *r = run_of(it);
	struct vt_result *res;

	if (!r->assigned) {
		/* Refused (in use, no group): the machine's owner decides, not a finding. */
		vt_verdict(ctx, r->assign_rc == -EBUSY || r->assign_rc == -ENODEV ? VT_SKIP : VT_FAIL,
			   "%s", r->why);
		return;
	}
	res = vt_verdict(ctx, VT_PASS, "assigned through vfio-pci (group %ld)", r->group);
	if (!res)
		return;
	vt_ev_uint(res, "group", (uint64_t)r->group);
	vt_ev_str(res, "found_driver", r->found.driver[0] ? r->found.driver : "none");
	vt_ev_str(res, "reset", !r->reset_offered ? "not offered" : r->reset_rc ? r->reset_why : "done");
	vt_ev_str(res, "completion", r->completion ? r->completion : "none");
}

const struct vt_check dma_assign = {
	VT_CHECK("dma.assign", VT_SEV_MEDIUM, VT_NEED_ACTIVE,
		 "a free device can be assigned: vfio-pci bound, group and container, device open",
		 "Documentation/driver-api/vfio.rst; drivers/vfio/vfio_main.c"),
	.items = &dma_items_devices, .judge = judge_assign, .none = DMA_NONE,
	.all = "%zu device(s): assigned through vfio-pci",
};

static void judge_restored(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct dma_device_run *r = run_of(it);
	struct vt_result *res;

	if (!r->released) {
		vt_verdict(ctx, VT_SKIP, "never assigned: nothing to give back");
		return;
	}
	res = vt_expect(ctx, r->restored, VT_FAIL, "found on %s, given back to %s%s%s",
			r->found.driver[0] ? r->found.driver : "no driver",
			r->now.driver[0] ? r->now.driver : "no driver",
			r->restored ? "" : ": ", r->restored ? "" : r->restore_why);
	if (!res)
		return;
	vt_ev_str(res, VT_EV_PREDICTED, r->found.driver[0] ? r->found.driver : "none");
	vt_ev_str(res, VT_EV_OBSERVED, r->now.driver[0] ? r->now.driver : "none");
}

const struct vt_check dma_restored = {
	VT_CHECK("dma.restored", VT_SEV_HIGH, VT_NEED_ACTIVE,
		 "an assigned device is given back to the driver and driver_override it had",
		 "Documentation/ABI/testing/sysfs-bus-pci (driver_override, bind, unbind)"),
	.items = &dma_items_devices, .judge = judge_restored, .none = DMA_NONE,
	.all = "%zu device(s): back on the driver and driver_override found",
};
