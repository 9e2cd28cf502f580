// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * msi.delivery: give a device vtdcert can drive (QEMU's edu) to the
 * reference passthrough, enable MSI on an eventfd, make the device raise
 * it, and see that it arrived and through which chip: "IR-PCI-MSI" when
 * the IOMMU remaps interrupts (Linux's intel_irq_remapping domain sits
 * under the PCI-MSI one, drivers/iommu/intel/irq_remapping.c), plain
 * "PCI-MSI" when not. Whether it should be remapped is the reference's
 * prediction (ref/ir_decision.h, through the intremap suite's view),
 * beside the chip the kernel shows.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "msi_active.h"
#include "../drivers/edu.h"
#include "../../framework/items.h"
#include "../intremap/intremap_view.h"
#include "../../ref/kernel_intremap_log.h"
#include "../../passthrough/passthrough.h"

#define MSI_WAIT_MS      2000

int msi_raise_once(struct pt_session *pt, const char *bdf, struct msi_seen *s)
{
	struct pt_device *d;
	struct pt_state found, now;
	char why[PT_WHY_SIZE];
	struct edu e;
	int rc, r;

	rc = pt_assign(pt, bdf, &d, s->why);
	if (rc)
		return rc;
	rc = edu_open(&e, d, s->why);
	if (!rc)
		rc = pt_irq_line(d, PT_IRQ_MSI, 0, &s->before, s->chip, sizeof(s->chip), s->why);
	if (!rc) {
		r = edu_raise_msi(&e, MSI_WAIT_MS, s->why);
		rc = r < 0 ? r : 0;
		s->fired = r == 1;
	}
	if (!rc)
		rc = pt_irq_line(d, PT_IRQ_MSI, 0, &s->after, s->chip, sizeof(s->chip), s->why);
	edu_close(&e);
	if (pt_release(pt, d, &found, &now, why) && !rc)
		rc = pt_fail(s->why, -EIO, "%s", why);
	return rc;
}

int (*msi_raise_hook)(struct pt_session *pt, const char *bdf, struct msi_seen *s) = msi_raise_once;

static void judge_delivery(struct vt_ctx *ctx, const struct vt_item *it)
{
	const struct pci_fn *f = it->fn;
	struct ir_decision d;
	char why[1024];
	struct msi_seen s = { 0 };
	struct vt_result *r;
	struct vt_value *o;
	char bdf[16];
	bool remapped;
	int rc;

	if (f->vendor != EDU_VENDOR || f->device != EDU_DEVICE)
		return;             /* not a device vtdcert can drive */
	snprintf(bdf, sizeof(bdf), "%04x:%02x:%02x.%x", f->segment, f->bus, f->dev, f->fn);
	intremap_predict(ctx->env, &d);
	ir_reasons_text(&d, why, sizeof(why));
	rc = msi_raise_hook(ctx->pt, bdf, &s);
	if (rc) {
		/*
		 * Refused (in use, no group), or VFIO will not assign without
		 * interrupt remapping (-EPERM: intremap.* and dma.assign say
		 * why): nothing raised, nothing to judge.
		 */
		vt_verdict(ctx, rc == -EBUSY || rc == -ENODEV || rc == -EPERM ? VT_SKIP : VT_FAIL,
			   "%s", s.why);
		return;
	}
	remapped = kernel_ir_chip(s.chip);
	if (!s.fired || s.after <= s.before)
		r = vt_verdict(ctx, VT_FAIL, "MSI raised by the device did not arrive (eventfd %s, "
			       "count %llu -> %llu)", s.fired ? "fired" : "silent", s.before, s.after);
	else if (d.remapping == IR_UNKNOWN)
		r = vt_verdict(ctx, VT_SKIP, "MSI arrived through %s; whether it should be "
			       "remapped is unknown: %s", s.chip, why);
	else
		r = vt_expect(ctx, remapped == (d.remapping == IR_YES), VT_FAIL, "MSI arrived "
			      "through %s: %sremapped, predicted %sremapped%s%s", s.chip,
			      remapped ? "" : "not ", d.remapping == IR_YES ? "" : "not ",
			      why[0] ? ": " : "", why);
	if (!r)
		return;
	intremap_ev_prediction(r, VT_EV_PREDICTED, &d);
	o = vt_ev_object(r, VT_EV_OBSERVED);
	vt_put_bool(o, "delivered", s.fired && s.after > s.before);
	vt_put_str(o, "chip", s.chip);
	vt_put_uint(o, "count_before", s.before);
	vt_put_uint(o, "count_after", s.after);
}

const struct vt_check msi_delivery = {
	VT_CHECK("msi.delivery", VT_SEV_HIGH,
		 VT_NEED_ACTIVE | VT_NEED_VFIO | VT_NEED_IOMMU_ON,
		 "an assigned device's MSI arrives, through the interrupt-remapping chip when "
		 "the platform remaps",
		 "VT-d 4.1 §5.1; drivers/vfio/pci/vfio_pci_intrs.c; "
		 "drivers/iommu/intel/irq_remapping.c"),
	.items = &vt_items_pci_functions, .judge = judge_delivery,
	.none = "no device vtdcert can drive (QEMU's edu, 1234:11e8)",
	.all = "%zu device(s): MSI arrived, through the chip the remapping prediction implies",
};
