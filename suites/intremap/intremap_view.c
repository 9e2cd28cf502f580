// SPDX-License-Identifier: GPL-2.0-or-later
/* The reference's word on interrupt remapping, and the kernel's (intremap_view.h). */
#include <stdlib.h>

#include "intremap_view.h"
#include "../../ref/dmar_index.h"
#include "../../util/xalloc.h"

void intremap_predict(struct vt_env *env, struct ir_decision *d)
{
	struct ir_inputs in = { 0 };
	uint64_t *ecap = NULL;
	bool *known = NULL;
	enum vt_avail table = vt_env_load(env, VT_ENV_DMAR);
	size_t i;

	in.table_known = table == VT_AVAILABLE || table == VT_ABSENT;
	if (table == VT_AVAILABLE && env->dmar_status == DMAR_OK) {
		in.table = &env->table;
		ecap = xcalloc(env->table.nstructs + 1, sizeof(*ecap));
		known = xcalloc(env->table.nstructs + 1, sizeof(*known));
		for (i = 0; vt_env_has(env, VT_ENV_UNITS) && i < env->table.nstructs; i++) {
			const struct dmar_struct *s = &env->table.structs[i];
			const struct iommu_unit *u;

			if (!dmar_drhd_usable(s))
				continue;
			u = vt_env_unit_at(env, s->u.drhd.register_base);
			if (u && iommu_unit_has(u, VTD_UR_ECAP)) {
				ecap[i] = u->reg[VTD_UR_ECAP];
				known[i] = true;
			}
		}
		in.ecap = ecap;
		in.ecap_known = known;
	} else if (table == VT_AVAILABLE) {
		in.table_known = false;     /* bytes there, not a table we can read */
	}
	if (vt_env_has(env, VT_ENV_MADT))
		in.madt = &env->madt;
	in.cpu_x2apic = !vt_env_has(env, VT_ENV_CPU) ? IR_UNKNOWN :
			vt_env_cpu_has(env, "x2apic") ? IR_YES : IR_NO;
	if (vt_env_has(env, VT_ENV_CMDLINE))
		in.cmdline = env->cmdline;
	ir_decide(&in, d);
	free(ecap);
	free(known);
}

void intremap_observe(struct vt_env *env, struct kernel_ir_seen *seen)
{
	const char **desc = NULL;
	size_t i, n = 0;

	if (vt_env_has(env, VT_ENV_INTERRUPTS)) {
		n = env->nirqs;
		desc = xcalloc(n + 1, sizeof(*desc));
		for (i = 0; i < n; i++)
			desc[i] = env->irqs[i].desc;
	}
	kernel_ir_observe(vt_env_has(env, VT_ENV_KLOG) ? (const char *)env->klog.data : NULL,
			  desc, n, seen);
	free(desc);
}

static void put_tri(struct vt_value *o, const char *key, enum ir_tri t)
{
	if (t == IR_UNKNOWN)
		vt_put_str(o, key, "unknown");
	else
		vt_put_bool(o, key, t == IR_YES);
}

void intremap_ev_prediction(struct vt_result *r, const char *key, const struct ir_decision *d)
{
	struct vt_value *o, *list, *one;
	size_t i;

	if (!r)
		return;
	o = vt_ev_object(r, key);
	put_tri(o, "remapping", d->remapping);
	put_tri(o, "x2apic", d->x2apic);
	list = vt_put_list(o, "reasons");
	for (i = 0; i < d->nreasons; i++) {
		one = vt_put_object(list, NULL);
		vt_put_str(one, "text", d->reasons[i].text);
		vt_put_str(one, "kernel", d->reasons[i].function);
		if (d->reasons[i].drhd >= 0)
			vt_put_uint(one, "drhd", (uint64_t)d->reasons[i].drhd);
		if (d->reasons[i].apic_id >= 0)
			vt_put_uint(one, "apic_id", (uint64_t)d->reasons[i].apic_id);
	}
}
