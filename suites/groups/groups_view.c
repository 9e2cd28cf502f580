// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "groups_view.h"
#include "../../ref/dmar_scope.h"
#include "../../ref/kernel_cmdline.h"
#include "../../ref/kernel_version.h"
#include "../../ref/pci_caps.h"
#include "../../util/xalloc.h"

#define MAX_SHOWN 64
#define MAX_NOTED 8            /* ports named in the note; JSON has them all */

/*
 * Which functions the prediction can speak for: config space read through
 * the capability list (for PCIe, the extended space holding ACS), and
 * every bridge above known too. When some function's header could not be
 * read at all, a function on a bus no bridge claims may sit below it: only
 * bus 0 is then taken as a root bus. Parents sort before their children.
 */
static void mark_known(struct groups_view *v)
{
	bool headerless = false;
	size_t i;

	for (i = 0; i < v->m->n; i++)
		headerless = headerless || !pci_fn_header_valid(&v->m->fns[i]);
	for (i = 0; i < v->m->n; i++) {
		const struct pci_fn *f = &v->m->fns[i];

		/* sysfs's physfn link, or the PF's SR-IOV registers (a dump) */
		v->is_vf[i] = f->sys.is_vf || f->pf >= 0;
		v->known[i] = f->cfg_len >= PCI_CFG_SPACE_SIZE &&
			      (!f->caps.pcie || f->cfg_len >= PCI_CFG_SPACE_EXP_SIZE);
		if (f->parent >= 0)
			v->known[i] = v->known[i] && v->known[f->parent];
		else if (headerless && f->bus != 0 && !v->is_vf[i])
			v->known[i] = false;
		v->nunknown += !v->known[i];
	}
}

static long fn_index(const struct pci_model *m, const char *bdf)
{
	unsigned seg, bus, dev, fn;
	const struct pci_fn *f;
	char tail;

	if (strlen(bdf) != 12 ||
	    sscanf(bdf, "%4x:%2x:%2x.%1u%c", &seg, &bus, &dev, &fn, &tail) != 4)
		return -2;          /* not a PCI device (a platform device of the group) */
	f = pci_model_find(m, (uint16_t)seg, (uint8_t)bus, (uint8_t)dev, (uint8_t)fn);
	return f ? (long)(f - m->fns) : -1;
}

/* Which functions an IOMMU translates: the DRHD that covers each, if any. */
static void coverage(struct vt_env *env, struct groups_view *v)
{
	const struct pci_model *m = v->m;
	const struct dmar_table *t = &env->table;
	bool no_gfx;
	size_t i;

	if (!vt_env_has(env, VT_ENV_DMAR)) {
		for (i = 0; i < m->n; i++)
			v->translated[i] = true;
		if (v->iommu_on)
			snprintf(v->note, sizeof(v->note), "no usable DMAR table: every device "
				 "is taken as translated");
		return;
	}
	/* intel_iommu=igfx_off: a DRHD covering only graphics is ignored. */
	no_gfx = vt_env_has(env, VT_ENV_CMDLINE) &&
		 cmdline_intel_iommu_has(env->cmdline, "igfx_off");
	for (i = 0; i < m->n; i++) {
		const struct pci_fn *f = &m->fns[i], *pf = NULL;
		long d;

		/* A VF is translated by its PF's unit: sysfs's physfn, or its SR-IOV registers. */
		if (f->sys.is_vf)
			pf = pci_model_find(m, f->sys.pf_segment, f->sys.pf_bus, f->sys.pf_dev,
					    f->sys.pf_fn);
		else if (f->pf >= 0)
			pf = &m->fns[f->pf];
		d = dmar_drhd_for_device(t, m, pf ? pf : f);
		v->translated[i] = d >= 0 &&
				   !(no_gfx && dmar_drhd_graphics_only(&t->structs[d], m));
	}
}

/*
 * Members of @ngroups groups from a per-function group number (-1: none),
 * in function order, as offsets: members of g are out[first[g] .. first[g + 1]).
 */
static void index_members(size_t n, const long *group_of, size_t ngroups, size_t *first,
			  long *out)
{
	size_t i, g;

	memset(first, 0, (ngroups + 1) * sizeof(*first));
	for (i = 0; i < n; i++)
		if (group_of[i] >= 0)
			first[group_of[i] + 1]++;
	for (g = 0; g < ngroups; g++)
		first[g + 1] += first[g];
	{
		size_t *at = xcalloc(ngroups + 1, sizeof(*at));

		memcpy(at, first, (ngroups + 1) * sizeof(*at));
		for (i = 0; i < n; i++)
			if (group_of[i] >= 0)
				out[at[group_of[i]]++] = (long)i;
		free(at);
	}
}

/* The kernel's groups, by function, and the devices it names that the model lacks. */
static void observed(struct vt_env *env, struct groups_view *v)
{
	size_t i, k, n = v->m->n, ng;

	for (i = 0; i < n; i++)
		v->observed[i] = -1;
	v->have_observed = vt_env_has(env, VT_ENV_GROUPS);
	ng = v->have_observed ? env->ngroups : 0;
	v->kfirst = xcalloc(ng + 1, sizeof(*v->kfirst));
	v->kmissing = xcalloc(ng + 1, sizeof(*v->kmissing));
	for (i = 0; i < ng; i++)
		for (k = 0; k < env->groups[i].devices.n; k++) {
			const char *name = env->groups[i].devices.v[k];
			long f = fn_index(v->m, name);

			if (f >= 0)
				v->observed[f] = (long)i;
			else if (f == -1 && !v->kmissing[i])
				v->kmissing[i] = name;
		}
	index_members(n, v->observed, ng, v->kfirst, v->kmember);
}

/*
 * The comparisons kernel-matches makes: each kernel group with the
 * predicted group of its first device, then each predicted group no
 * kernel group took, then each kernel group of devices the model lacks.
 */
static void pair_up(const struct vt_env *env, struct groups_view *v)
{
	size_t i, ng = v->have_observed ? env->ngroups : 0;
	bool *kernel_done = xcalloc(ng + 1, sizeof(bool));
	bool *pred_done = xcalloc(v->g.ngroups + 1, sizeof(bool));

	v->pairs = xcalloc(v->m->n + ng + 1, sizeof(*v->pairs));
	for (i = 0; i < v->m->n; i++) {
		long gid = v->g.fn[i].group, k = v->observed[i];

		if ((k >= 0 && kernel_done[k]) || (k < 0 && (gid < 0 || pred_done[gid])))
			continue;
		if (k >= 0)
			kernel_done[k] = true;
		if (gid >= 0)
			pred_done[gid] = true;
		v->pairs[v->npairs].kernel = k;
		v->pairs[v->npairs++].predicted = gid;
	}
	for (i = 0; i < ng; i++)
		if (!kernel_done[i] && v->kmissing[i]) {
			v->pairs[v->npairs].kernel = (long)i;
			v->pairs[v->npairs++].predicted = -1;
		}
	free(kernel_done);
	free(pred_done);
}

/*
 * No function that offers the controls the kernel sets has any of them
 * set: what a machine booted without an IOMMU shows (a dump alone from one
 * that had it on shows them set). False when no function offers them.
 */
static bool acs_controls_clear(const struct groups_view *v)
{
	bool offered = false;
	size_t i;

	for (i = 0; i < v->m->n; i++) {
		struct pci_acs a;

		if (!pci_fn_acs(&v->m->fns[i], &a) || !(a.cap & PCI_ACS_KERNEL_ENABLES))
			continue;
		if (a.ctrl & a.cap & PCI_ACS_KERNEL_ENABLES)
			return false;
		offered = true;
	}
	return offered;
}

/* Why the source shows no IOMMU translating, as the DMAR suite would say it. */
static void iommu_off_cause(struct vt_env *env, char *buf, size_t size)
{
	if (!vt_env_has(env, VT_ENV_DMAR))
		snprintf(buf, size, "no DMAR table: %s", vt_env_why(env, VT_ENV_DMAR));
	else if (vt_env_has(env, VT_ENV_CMDLINE) && cmdline_intel_iommu(env->cmdline) == 0)
		snprintf(buf, size, "the command line has intel_iommu=off");
	else
		snprintf(buf, size, "the kernel registered no VT-d unit: boot with "
			 "intel_iommu=on where it is not on by default");
}

/* The note on a prediction for the IOMMU on, naming the ports whose controls were assumed. */
static void say_predicted_for_on(struct vt_env *env, struct groups_view *v)
{
	char cause[512], name[16];
	size_t i, len = strlen(v->note);

	if (len)
		len += (size_t)snprintf(v->note + len, sizeof(v->note) - len, "; ");
	if (!v->iommu_on) {
		iommu_off_cause(env, cause, sizeof(cause));
		len += (size_t)snprintf(v->note + len, sizeof(v->note) - len, "the IOMMU is "
					"off (%s): these are the groups the kernel will make "
					"once it is on", cause);
	} else {
		len += (size_t)snprintf(v->note + len, sizeof(v->note) - len, "the source "
					"does not show the IOMMU on (no IOMMU groups, every ACS "
					"control clear): these are the groups the kernel will "
					"make with it on");
	}
	v->assumed = xcalloc(v->m->n + 1, sizeof(*v->assumed));
	for (i = 0; i < v->m->n; i++) {
		struct pci_acs a;

		if (pci_fn_acs(&v->m->fns[i], &a) &&
		    (a.cap & PCI_ACS_KERNEL_ENABLES & ~a.ctrl))
			v->assumed[v->nassumed++] = (long)i;
	}
	for (i = 0; i < v->nassumed && len < sizeof(v->note); i++) {
		if (i == MAX_NOTED) {
			len += (size_t)snprintf(v->note + len, sizeof(v->note) - len,
						" and %zu more", v->nassumed - i);
			break;
		}
		len += (size_t)snprintf(v->note + len, sizeof(v->note) - len, "%s%s",
					i ? ", " : "; ACS SV, RR, CR, UF taken as the kernel "
					"sets them then, on ",
					pci_fn_name(&v->m->fns[v->assumed[i]], name, sizeof(name)));
	}
}

int groups_view_build(struct vt_env *env, struct groups_view *v, char *why, size_t size)
{
	size_t n;
	long *group_of;

	memset(v, 0, sizeof(*v));
	if (!vt_env_has(env, VT_ENV_PCI)) {
		snprintf(why, size, "%s", vt_env_why(env, VT_ENV_PCI));
		return -1;
	}
	v->env = env;
	v->m = &env->pci;
	n = v->m->n ? v->m->n : 1;
	v->translated = xcalloc(n, sizeof(bool));
	v->is_vf = xcalloc(n, sizeof(bool));
	v->observed = xcalloc(n, sizeof(long));
	v->known = xcalloc(n, sizeof(bool));
	v->member = xcalloc(n, sizeof(long));
	v->kmember = xcalloc(n, sizeof(long));
	mark_known(v);
	/* The kernel translates when it made groups; without /sys, when it has units. */
	if (vt_env_has(env, VT_ENV_GROUPS))
		v->iommu_on = env->ngroups > 0;
	else if (vt_env_has(env, VT_ENV_UNITS))
		v->iommu_on = env->kernel_units > 0;
	else
		v->iommu_on = true;
	if (vt_env_has(env, VT_ENV_KVERSION) &&
	    kernel_version_parse(env->kversion_line, &v->in.quirks.kernel))
		kernel_version_str(&v->in.quirks.kernel, v->kernel, sizeof(v->kernel));
	/* Always the groups of an IOMMU that is on: the ones VFIO will see. */
	v->in.quirks.acs_requested = true;
	v->predicted_for_on = !v->iommu_on || (!vt_env_has(env, VT_ENV_GROUPS) &&
					       acs_controls_clear(v));
	v->in.quirks.acs_enable_assumed = v->predicted_for_on;
	coverage(env, v);
	if (v->predicted_for_on)
		say_predicted_for_on(env, v);
	observed(env, v);
	v->in.translated = v->translated;
	v->in.is_vf = v->is_vf;
	if (pci_group_predict(v->m, &v->in, &v->g)) {
		snprintf(why, size, "grouping: out of memory");
		groups_view_free(v);
		return -1;
	}
	group_of = xcalloc(n, sizeof(long));
	for (n = 0; n < v->m->n; n++)
		group_of[n] = v->g.fn[n].group;
	v->first = xcalloc(v->g.ngroups + 1, sizeof(*v->first));
	index_members(v->m->n, group_of, v->g.ngroups, v->first, v->member);
	free(group_of);
	pair_up(env, v);
	return 0;
}

void groups_view_free(struct groups_view *v)
{
	pci_grouping_free(&v->g);
	free(v->translated);
	free(v->is_vf);
	free(v->known);
	free(v->observed);
	free(v->first);
	free(v->member);
	free(v->kfirst);
	free(v->kmember);
	free(v->kmissing);
	free(v->pairs);
	free(v->assumed);
	memset(v, 0, sizeof(*v));
}

const long *groups_members(const struct groups_view *v, long gid, size_t *n)
{
	if (gid < 0 || (size_t)gid >= v->g.ngroups) {
		*n = 0;
		return v->member;
	}
	*n = v->first[gid + 1] - v->first[gid];
	return v->member + v->first[gid];
}

const long *groups_kernel_members(const struct groups_view *v, long k, size_t *n)
{
	if (k < 0 || !v->have_observed || (size_t)k >= v->env->ngroups) {
		*n = 0;
		return v->kmember;
	}
	*n = v->kfirst[k + 1] - v->kfirst[k];
	return v->kmember + v->kfirst[k];
}

long groups_kernel_id(const struct groups_view *v, long gid)
{
	size_t np, nk;
	const long *pred = groups_members(v, gid, &np), *obs;
	long k;

	if (!np || (k = v->observed[pred[0]]) < 0 || v->kmissing[k])
		return -1;
	obs = groups_kernel_members(v, k, &nk);
	return nk == np && !memcmp(pred, obs, np * sizeof(long)) ? v->env->groups[k].id : -1;
}

char *groups_list_text(const struct groups_view *v, const long *fns, size_t n)
{
	char *s = xstrdup(""), *t, name[16];
	size_t i;

	for (i = 0; i < n && i < MAX_SHOWN; i++) {
		t = xasprintf("%s%s%s", s, i ? " " : "",
			      pci_fn_name(&v->m->fns[fns[i]], name, sizeof(name)));
		free(s);
		s = t;
	}
	if (n > MAX_SHOWN) {
		t = xasprintf("%s and %zu more", s, n - MAX_SHOWN);
		free(s);
		s = t;
	}
	return s;
}

long groups_first_unknown(const struct groups_view *v, const long *fns, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!v->known[fns[i]])
			return fns[i];
	return -1;
}

/* "SV, RR" for ACS control bits. */
static void acs_bits(uint16_t bits, char *buf, size_t size)
{
	static const struct { uint16_t bit; const char *name; } names[] = {
		{ PCI_ACS_SV, "SV" }, { PCI_ACS_TB, "TB" }, { PCI_ACS_RR, "RR" },
		{ PCI_ACS_CR, "CR" }, { PCI_ACS_UF, "UF" }, { PCI_ACS_EC, "EC" },
		{ PCI_ACS_DT, "DT" },
	};
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (bits & names[i].bit && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
						names[i].name);
	if (!len)
		snprintf(buf, size, "none");
}

static const char *kind_of(const struct groups_view *v, long i)
{
	int t = pci_linux_port_type(v->m, &v->m->fns[i]);

	switch (t) {
	case PCI_EXP_TYPE_ROOT_PORT: return "root port";
	case PCI_EXP_TYPE_DOWNSTREAM: return "switch downstream port";
	case PCI_EXP_TYPE_UPSTREAM: return "switch upstream port";
	case PCI_EXP_TYPE_PCI_BRIDGE: return "PCIe-to-PCI bridge";
	case PCI_EXP_TYPE_PCIE_BRIDGE: return "PCI-to-PCIe bridge";
	case -1: return pci_fn_is_bridge(&v->m->fns[i]) ? "conventional PCI bridge" :
			"conventional PCI function";
	default: return "function";
	}
}

/* One cause of function @i's place in its group, as a line; NULL when none. */
static char *cause_text(const struct groups_view *v, long i, const struct group_cause *c)
{
	char who[16], bits[64];
	struct pci_acs a;

	(void)i;
	if (c->who >= 0)
		pci_fn_name(&v->m->fns[c->who], who, sizeof(who));
	else
		snprintf(who, sizeof(who), "?");
	switch (c->kind) {
	case CAUSE_BRIDGE_ALIAS:
		return xasprintf("behind %s %s, whose requester ID carries its conventional "
				 "devices' DMA: they go to one domain together", kind_of(v, c->who),
				 who);
	case CAUSE_CONVENTIONAL_BRIDGE:
		return xasprintf("behind %s %s, which issues its secondary devices' requests%s%s",
				 kind_of(v, c->who), who, c->quirk ? " (" : "",
				 c->quirk ? c->quirk : "");
	case CAUSE_NO_ACS:
		if (c->quirk)
			return xasprintf("%s %s is not isolated (Linux quirk %s)", kind_of(v, c->who),
					 who, c->quirk);
		if (c->no_acs_cap || !pci_fn_acs(&v->m->fns[c->who], &a))
			return xasprintf("%s %s has no ACS capability", kind_of(v, c->who), who);
		acs_bits(c->missing, bits, sizeof(bits));
		return xasprintf("%s %s does not enable ACS %s", kind_of(v, c->who), who, bits);
	case CAUSE_MULTIFUNCTION:
		return xstrdup("functions of one multifunction device without ACS");
	case CAUSE_DMA_ALIAS_QUIRK:
		return xasprintf("its requests carry %s's requester ID (Linux quirk %s)", who,
				 c->quirk ? c->quirk : "?");
	}
	return NULL;
}

/*
 * A PCI-to-PCI bridge that VFIO leaves with the host: unbound, or bound to
 * a driver that manages its own DMA (pcieport; pci-stub and vfio-pci hold
 * a device for the user). A CardBus bridge (yenta_socket) or a bridge bound
 * to another driver is a device the user must take too.
 */
static bool stays_with_host(const struct pci_fn *f)
{
	static const char *const managed[] = { "pcieport", "pci-stub", "vfio-pci" };
	size_t i;

	if (f->header_type != PCI_HEADER_TYPE_BRIDGE)
		return false;
	if (!f->sys.driver_known || !f->sys.driver[0])
		return true;
	for (i = 0; i < sizeof(managed) / sizeof(managed[0]); i++)
		if (!strcmp(f->sys.driver, managed[i]))
			return true;
	return false;
}

enum groups_verdict groups_judge(const struct groups_view *v, const long *fns, size_t n,
				 size_t *nbridges)
{
	const struct pci_fn *first = NULL;
	size_t i, devices = 0;
	bool one_card = true;

	*nbridges = 0;
	for (i = 0; i < n; i++) {
		const struct pci_fn *f = &v->m->fns[fns[i]];

		if (stays_with_host(f)) {
			++*nbridges;
			continue;
		}
		if (first && (f->segment != first->segment || f->bus != first->bus ||
			      f->dev != first->dev))
			one_card = false;
		first = first ? first : f;
		devices++;
	}
	if (!n)
		return GROUPS_NOT_TRANSLATED;
	return devices <= 1 ? GROUPS_ALONE : one_card ? GROUPS_ONE_CARD : GROUPS_COMPANIONS;
}

const char *groups_verdict_name(enum groups_verdict verdict)
{
	static const char *const names[] = {
		[GROUPS_ALONE] = "alone", [GROUPS_ONE_CARD] = "one card",
		[GROUPS_COMPANIONS] = "with companions", [GROUPS_NOT_TRANSLATED] = "not translated",
	};

	return verdict <= GROUPS_NOT_TRANSLATED ? names[verdict] : "?";
}

const char *groups_group_verdict(const struct groups_view *v, long gid)
{
	size_t n, bridges;
	const long *members = groups_members(v, gid, &n);

	return groups_verdict_name(groups_judge(v, members, n, &bridges));
}

const char *groups_verdict(const struct groups_view *v, long i)
{
	if (v->g.fn[i].group < 0)
		return groups_verdict_name(GROUPS_NOT_TRANSLATED);
	return groups_group_verdict(v, v->g.fn[i].group);
}

/* "0000:02:00.0 (switch downstream port, pcieport) stays with the host ...", or NULL. */
static char *bridges_text(const struct groups_view *v, const long *fns, size_t n)
{
	char *s = NULL, *t, name[16];
	size_t i, bridges, shown = 0;
	enum groups_verdict verdict = groups_judge(v, fns, n, &bridges);

	if (!bridges || bridges == n || verdict == GROUPS_COMPANIONS)
		return NULL;
	for (i = 0; i < n && shown < MAX_SHOWN; i++) {
		const struct pci_fn *f = &v->m->fns[fns[i]];

		if (!stays_with_host(f))
			continue;
		t = xasprintf("%s%s%s (%s%s%s)", s ? s : "", s ? ", " : "",
			      pci_fn_name(f, name, sizeof(name)), kind_of(v, fns[i]),
			      f->sys.driver_known && f->sys.driver[0] ? ", " : "",
			      f->sys.driver_known ? f->sys.driver : "");
		free(s);
		s = t;
		shown++;
	}
	t = xasprintf("%s %s with the host: VFIO assigns the group without %s", s,
		      bridges > 1 ? "stay" : "stays", bridges > 1 ? "them" : "it");
	free(s);
	return t;
}

size_t groups_causes(const struct groups_view *v, const long *fns, size_t n, char **out,
		     size_t max)
{
	size_t k, c, i, count = 0;
	char *bridges = max ? bridges_text(v, fns, n) : NULL;

	if (bridges)
		out[count++] = bridges;
	for (k = 0; k < n; k++)
		for (c = 0; c < v->g.fn[fns[k]].ncauses; c++) {
			char *t = cause_text(v, fns[k], &v->g.fn[fns[k]].causes[c]);
			bool dup = !t;

			for (i = 0; i < count && !dup; i++)
				dup = !strcmp(out[i], t);
			if (dup || count == max) {
				free(t);
				continue;
			}
			out[count++] = t;
		}
	return count;
}
