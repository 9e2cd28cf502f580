// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The groups themselves: the kernel made some, they are the groups the
 * reference predicts from the hardware, and each device's isolation.
 */
#include <stdlib.h>
#include <string.h>

#include "groups_suite.h"
#include "../../util/xalloc.h"

#define MAX_GROUP 4096

static void check_iommu_on(struct vt_ctx *ctx)
{
	const struct vt_env *env = ctx->env;
	size_t i, devices = 0;

	for (i = 0; i < env->ngroups; i++)
		devices += env->groups[i].devices.n;
	if (env->ngroups) {
		vt_pass(ctx, "/sys/kernel/iommu_groups", "the kernel put %zu devices in %zu "
			"IOMMU groups", devices, env->ngroups);
		return;
	}
	vt_fail(ctx, "/sys/kernel/iommu_groups", "no IOMMU groups: the kernel does not "
		"translate DMA (no DMAR table, or the IOMMU disabled), so VFIO can assign no "
		"device");
}

/* Why a difference cannot be judged: a member's config space is missing. */
static char *unknown_member(const struct groups_view *v, const long *a, size_t na,
			    const long *b, size_t nb)
{
	long u = groups_first_unknown(v, a, na);
	char name[16];

	if (u < 0)
		u = groups_first_unknown(v, b, nb);
	if (u < 0)
		return NULL;
	return xasprintf("the configuration space of %s was read only %u bytes far%s%s: its "
			 "group cannot be predicted", pci_fn_name(&v->m->fns[u], name, sizeof(name)),
			 v->m->fns[u].cfg_len, v->m->fns[u].cfg_why[0] ? " — " : "",
			 v->m->fns[u].cfg_why);
}

enum verdict { SAME, DIFFERENT, UNKNOWN };

/* The kernel's group of @i differs from the prediction: say how, once per group. */
static enum verdict report_mismatch(struct vt_ctx *ctx, const struct groups_view *v, long i,
				    bool *done_kernel, bool *done_pred)
{
	static long pred[MAX_GROUP], obs[MAX_GROUP];
	long gid = v->g.fn[i].group, kid = v->observed[i];
	size_t np = gid >= 0 ? groups_members(v, gid, pred, MAX_GROUP) : 0;
	size_t no = kid >= 0 ? groups_observed_members(v, kid, obs, MAX_GROUP) : 0;
	char *ptext, *otext, *subject, *why;
	struct vt_result *r;

	if (np > MAX_GROUP)
		np = MAX_GROUP;
	if (no > MAX_GROUP)
		no = MAX_GROUP;
	if (np == no && !memcmp(pred, obs, np * sizeof(long)))
		return SAME;
	why = unknown_member(v, pred, np, obs, no);
	if ((kid >= 0 && done_kernel[kid]) || (kid < 0 && gid >= 0 && done_pred[gid])) {
		free(why);
		return why ? UNKNOWN : DIFFERENT;
	}
	if (kid >= 0)
		done_kernel[kid] = true;
	if (gid >= 0)
		done_pred[gid] = true;
	subject = kid >= 0 ? xasprintf("/sys/kernel/iommu_groups/%ld", kid) :
			     groups_fn_subject(v, i);
	if (why) {
		vt_skip(ctx, subject, "%s", why);
		free(why);
		free(subject);
		return UNKNOWN;
	}
	ptext = groups_list_text(v, pred, np);
	otext = groups_list_text(v, obs, no);
	if (kid < 0)
		r = vt_fail(ctx, subject, "the kernel put no group around it; the reference "
			    "predicts the group {%s}", ptext);
	else if (gid < 0)
		r = vt_fail(ctx, subject, "the kernel groups {%s}; the reference predicts no "
			    "IOMMU translates them", otext);
	else
		r = vt_fail(ctx, subject, "the kernel groups {%s}; the reference predicts "
			    "{%s}", otext, ptext);
	vt_ev_predicted(r, ptext, otext);
	groups_ev_kernel(r, v);
	free(ptext);
	free(otext);
	free(subject);
	return DIFFERENT;
}

static void check_kernel_matches(struct vt_ctx *ctx)
{
	const struct groups_view *v = GROUPS_VIEW(ctx);
	const struct vt_env *env = ctx->env;
	bool *done_kernel, *done_pred;
	size_t i, bad = 0, seen = 0, unknown = 0;
	long maxid = 0;
	struct vt_result *r;

	for (i = 0; i < env->ngroups; i++)
		if (env->groups[i].id > maxid)
			maxid = env->groups[i].id;
	done_kernel = xcalloc((size_t)maxid + 1, sizeof(bool));
	done_pred = xcalloc(v->g.ngroups + 1, sizeof(bool));
	for (i = 0; i < v->m->n; i++) {
		if (v->g.fn[i].group < 0 && v->observed[i] < 0)
			continue;
		switch (report_mismatch(ctx, v, (long)i, done_kernel, done_pred)) {
		case SAME: seen++; break;
		case DIFFERENT: bad++; break;
		case UNKNOWN: unknown++; break;
		}
	}
	free(done_kernel);
	free(done_pred);
	if (bad || !seen)
		return;
	r = vt_pass(ctx, "/sys/kernel/iommu_groups", "%zu devices in groups as the reference "
		    "predicts from ACS, bridges and quirks%s", seen,
		    unknown ? "; the others could not be predicted" : "");
	vt_ev_predicted_uint(r, v->g.ngroups, env->ngroups);
	groups_ev_kernel(r, v);
}

/*
 * One result per group of more than one device: a card's functions
 * together pass; devices of different slots together are worth a warning
 * (they can only be assigned as a whole), with the causes.
 */
static void check_isolation(struct vt_ctx *ctx)
{
	const struct groups_view *v = GROUPS_VIEW(ctx);
	static long members[MAX_GROUP];
	size_t gid, alone = 0, shared = 0;

	for (gid = 0; gid < v->g.ngroups; gid++) {
		size_t n = groups_members(v, (long)gid, members, MAX_GROUP), k, c;
		char *list, *why, *subject;
		struct vt_result *r;
		long u;

		if (n > MAX_GROUP)
			n = MAX_GROUP;
		u = groups_first_unknown(v, members, n);
		if (u >= 0) {
			subject = groups_fn_subject(v, u);
			vt_skip(ctx, subject, "its configuration space was read only %u bytes far: "
				"its isolation cannot be judged", v->m->fns[u].cfg_len);
			free(subject);
			continue;
		}
		if (n == 1) {
			alone++;
			continue;
		}
		why = xstrdup("");
		shared++;
		list = groups_list_text(v, members, n < MAX_GROUP ? n : MAX_GROUP);
		for (k = 0; k < n && k < MAX_GROUP; k++)
			for (c = 0; c < v->g.fn[members[k]].ncauses; c++) {
				char *t = groups_cause_text(v, members[k],
							    &v->g.fn[members[k]].causes[c]);
				char *more;

				if (!t || strstr(why, t)) {
					free(t);
					continue;
				}
				more = xasprintf("%s%s%s", why, why[0] ? "; " : "", t);
				free(why);
				why = more;
				free(t);
			}
		subject = groups_fn_subject(v, members[0]);
		if (groups_one_card(v, members, n < MAX_GROUP ? n : MAX_GROUP))
			r = vt_pass(ctx, subject, "{%s}: the functions of one card, assignable "
				    "together (%s)", list, why);
		else
			r = vt_warn(ctx, subject, "{%s} can only be assigned together: %s",
				    list, why);
		vt_ev_str(r, "devices", list);
		free(list);
		free(why);
		free(subject);
	}
	if (alone || shared)
		vt_pass(ctx, NULL, "%zu devices can be assigned alone; %zu groups hold more "
			"than one", alone, shared);
}

const struct vt_check groups_checks[] = {
	{ { "groups.iommu-on", VT_SEV_HIGH, VT_NEED_GROUPS,
	    "the kernel made IOMMU groups (it translates DMA)",
	    "Linux drivers/iommu/iommu.c; Documentation/driver-api/vfio.rst" },
	  check_iommu_on },
	{ { "groups.kernel-matches", VT_SEV_HIGH,
	    VT_NEED_PCI | VT_NEED_GROUPS | VT_NEED_IOMMU_ON,
	    "the kernel's IOMMU groups are those the reference predicts from the hardware",
	    "Linux iommu.c pci_device_group(), search.c pci_for_each_dma_alias(), "
	    "pci.c pci_acs_enabled(), quirks.c" },
	  check_kernel_matches },
	{ { "groups.isolation", VT_SEV_LOW, VT_NEED_PCI | VT_NEED_IOMMU_ON,
	    "every group holds one device or the functions of one card",
	    "PCIe 6.0 §6.12 (ACS); VT-d guide: conventional PCI behind a PCIe-to-PCI "
	    "bridge goes to one domain" },
	  check_isolation },
	{ { 0 }, 0 }
};
