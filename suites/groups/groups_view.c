// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "groups_view.h"
#include "../../ref/dmar_scope.h"
#include "../../ref/pci_caps.h"
#include "../../util/xalloc.h"

#define MAX_SHOWN 64

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
		return -1;
	f = pci_model_find(m, (uint16_t)seg, (uint8_t)bus, (uint8_t)dev, (uint8_t)fn);
	return f ? (long)(f - m->fns) : -1;
}

/* intel_iommu=...igfx_off...: a DRHD covering only graphics is ignored. */
static bool igfx_off(const struct vt_env *env)
{
	const char *p = env->cmdline;

	while (p && (p = strstr(p, "intel_iommu="))) {
		size_t n = strcspn(p, " \n");

		if (memmem(p, n, "igfx_off", 8))
			return true;
		p += n;
	}
	return false;
}

static bool gfx_only(const struct dmar_struct *s, const struct pci_model *m)
{
	struct scope_resolution r;
	size_t k, n = 0;

	if (s->u.drhd.flags & DRHD_FLAG_INCLUDE_PCI_ALL)
		return false;
	for (k = 0; k < s->nscopes; k++) {
		if (s->scopes[k].type != SCOPE_TYPE_ENDPOINT &&
		    s->scopes[k].type != SCOPE_TYPE_BRIDGE)
			continue;
		dmar_scope_resolve(&s->scopes[k], s->u.drhd.segment, m, &r);
		if (r.status != SCOPE_RESOLVED || r.fn->class_code >> 16 != PCI_CLASS_BASE_DISPLAY)
			return false;
		n++;
	}
	return n > 0;
}

/* Which functions an IOMMU translates: the DRHD that covers each, if any. */
static void coverage(struct vt_env *env, struct groups_view *v)
{
	const struct pci_model *m = v->m;
	struct dmar_table t;
	bool no_gfx;
	size_t i;

	if (!v->iommu_on)
		return;
	if (!vt_env_has(env, VT_ENV_DMAR) ||
	    dmar_decode(env->dmar.data, env->dmar.len, &t) != DMAR_OK) {
		for (i = 0; i < m->n; i++)
			v->translated[i] = true;
		snprintf(v->note, sizeof(v->note), "no usable DMAR table: every device is "
			 "taken as translated");
		return;
	}
	no_gfx = vt_env_has(env, VT_ENV_CMDLINE) && igfx_off(env);
	for (i = 0; i < m->n; i++) {
		const struct pci_fn *f = &m->fns[i], *pf = NULL;
		long d;

		/* A VF is translated by its PF's unit. */
		if (v->is_vf[i])
			pf = pci_model_find(m, f->sys.pf_segment, f->sys.pf_bus, f->sys.pf_dev,
					    f->sys.pf_fn);
		d = dmar_drhd_for_device(&t, m, pf ? pf : f);
		v->translated[i] = d >= 0 && !(no_gfx && gfx_only(&t.structs[d], m));
	}
	dmar_free(&t);
}

static void observed(struct vt_env *env, struct groups_view *v)
{
	size_t i, k;

	for (i = 0; i < v->m->n; i++)
		v->observed[i] = -1;
	v->have_observed = vt_env_has(env, VT_ENV_GROUPS);
	for (i = 0; v->have_observed && i < env->ngroups; i++)
		for (k = 0; k < env->groups[i].devices.n; k++) {
			long f = fn_index(v->m, env->groups[i].devices.v[k]);

			if (f >= 0)
				v->observed[f] = env->groups[i].id;
		}
}

int groups_view_build(struct vt_env *env, struct groups_view *v, char *why, size_t size)
{
	size_t n;

	memset(v, 0, sizeof(*v));
	if (!vt_env_has(env, VT_ENV_PCI)) {
		snprintf(why, size, "%s", vt_env_why(env, VT_ENV_PCI));
		return -1;
	}
	v->m = &env->pci;
	n = v->m->n ? v->m->n : 1;
	v->translated = xcalloc(n, sizeof(bool));
	v->is_vf = xcalloc(n, sizeof(bool));
	v->observed = xcalloc(n, sizeof(long));
	v->known = xcalloc(n, sizeof(bool));
	mark_known(v);
	/* The kernel translates when it made groups; without /sys, when it has units. */
	if (vt_env_has(env, VT_ENV_GROUPS))
		v->iommu_on = env->ngroups > 0;
	else if (vt_env_has(env, VT_ENV_UNITS))
		v->iommu_on = env->nunits > 0;
	else
		v->iommu_on = true;
	if (vt_env_has(env, VT_ENV_KVERSION) &&
	    kernel_version_parse(env->kversion_line, &v->in.quirks.kernel))
		kernel_version_str(&v->in.quirks.kernel, v->kernel, sizeof(v->kernel));
	v->in.quirks.acs_requested = v->iommu_on;
	coverage(env, v);
	observed(env, v);
	v->in.translated = v->translated;
	v->in.is_vf = v->is_vf;
	if (pci_group_predict(v->m, &v->in, &v->g)) {
		snprintf(why, size, "grouping: out of memory");
		groups_view_free(v);
		return -1;
	}
	return 0;
}

void groups_view_free(struct groups_view *v)
{
	pci_grouping_free(&v->g);
	free(v->translated);
	free(v->is_vf);
	free(v->known);
	free(v->observed);
	memset(v, 0, sizeof(*v));
}

size_t groups_members(const struct groups_view *v, long gid, long *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < v->g.n; i++)
		if (v->g.fn[i].group == gid && gid >= 0) {
			if (n < max)
				out[n] = (long)i;
			n++;
		}
	return n;
}

size_t groups_observed_members(const struct groups_view *v, long kid, long *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < v->m->n; i++)
		if (v->observed[i] == kid && kid >= 0) {
			if (n < max)
				out[n] = (long)i;
			n++;
		}
	return n;
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

bool groups_one_card(const struct groups_view *v, const long *fns, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		const struct pci_fn *a = &v->m->fns[fns[0]], *b = &v->m->fns[fns[i]];

		if (a->segment != b->segment || a->bus != b->bus || a->dev != b->dev)
			return false;
	}
	return n > 1;
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

char *groups_cause_text(const struct groups_view *v, long i, const struct group_cause *c)
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

const char *groups_verdict(const struct groups_view *v, long i)
{
	long members[8];
	size_t n;

	if (v->g.fn[i].group < 0)
		return "not translated";
	n = groups_members(v, v->g.fn[i].group, members, 8);
	if (n == 1)
		return "alone";
	if (n <= 8 && groups_one_card(v, members, n))
		return "one card";
	return "with companions";
}
