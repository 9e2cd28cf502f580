// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * intremap.prediction: what the reference says Linux will do about
 * interrupt remapping on this platform (remapping, APIC mode, every
 * reason), beside what the kernel did. With no kernel view (a DMAR table
 * and registers alone) the prediction stands alone in a skip.
 */
#include <stdio.h>

#include "intremap_suite.h"
#include "intremap_view.h"

static const char *tri_text(enum ir_tri t, const char *yes, const char *no)
{
	return t == IR_YES ? yes : t == IR_NO ? no : "unknown";
}

static void run_prediction(struct vt_ctx *ctx)
{
	struct ir_decision d;
	struct kernel_ir_seen seen;
	struct vt_result *r;
	struct vt_value *o;
	char why[1024];
	bool same;

	intremap_predict(ctx->env, &d);
	intremap_observe(ctx->env, &seen);
	ir_reasons_text(&d, why, sizeof(why));
	if (d.remapping == IR_UNKNOWN) {
		r = vt_skip(ctx, NULL, "cannot predict interrupt remapping: %s", why);
	} else if (!seen.known) {
		r = vt_skip(ctx, NULL, "predicted: remapping %s%s%s; the kernel's view is not "
			    "here to compare (%s)", tri_text(d.remapping, "on", "off"),
			    d.remapping == IR_YES ? ", " : "",
			    d.remapping == IR_YES ? tri_text(d.x2apic, "x2APIC mode", "xAPIC mode") : "",
			    why[0] ? why : "nothing against it");
	} else {
		same = (d.remapping == IR_YES) == seen.remapping &&
		       (d.remapping != IR_YES || d.x2apic == IR_UNKNOWN || !seen.enabled_line ||
			(d.x2apic == IR_YES) == seen.x2apic);
		r = vt_expect(ctx, same, VT_FAIL, "predicted remapping %s%s, the kernel has it %s%s%s%s",
			      tri_text(d.remapping, "on", "off"),
			      d.remapping == IR_YES ? tri_text(d.x2apic, " in x2APIC mode",
							       " in xAPIC mode") : "",
			      seen.remapping ? "on" : "off",
			      seen.enabled_line ? (seen.x2apic ? " in x2APIC mode" : " in xAPIC mode") : "",
			      why[0] ? "; " : "", why);
	}
	if (!r)
		return;
	intremap_ev_prediction(r, VT_EV_PREDICTED, &d);
	if (!seen.known) {
		vt_ev_str(r, VT_EV_OBSERVED, NULL);
		return;
	}
	o = vt_ev_object(r, VT_EV_OBSERVED);
	vt_put_bool(o, "remapping", seen.remapping);
	if (seen.enabled_line)
		vt_put_bool(o, "x2apic", seen.x2apic);
	vt_put_uint(o, "ir_interrupts", seen.ir_chips);
	vt_put_bool(o, "log_line", seen.enabled_line);
}

const struct vt_check intremap_prediction = {
	VT_CHECK("intremap.prediction", VT_SEV_HIGH, 0,
		 "the kernel remaps interrupts, in the APIC mode, as the firmware and hardware "
		 "imply",
		 "VT-d 4.1 §5.1, §8.1; drivers/iommu/intel/irq_remapping.c "
		 "intel_prepare_irq_remapping(), intel_enable_irq_remapping()"),
	.run = run_prediction,
};
