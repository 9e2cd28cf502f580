// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The grouping rules of pci_groups.h. Three relations put functions in one
 * group, each a union of sets:
 *
 *  1. DMA aliasing (search.c pci_for_each_dma_alias): a conventional or
 *     PCI-X bridge on the path owns its secondaries' requests; the topmost
 *     one is the function's alias. Device quirks add same-bus aliases.
 *  2. ACS (iommu.c pci_device_group): from the alias, go up while the
 *     bridge above does not have ACS enabled along its whole path to the
 *     root bus; the function joins the last bridge passed.
 *  3. Multifunction devices (get_pci_function_alias_group): functions of
 *     a slot without ACS join each other.
 */
#include <stdlib.h>
#include <string.h>

#include "pci_caps.h"
#include "pci_groups.h"
#include "pci_quirks.h"

struct ctx {
	const struct pci_model *m;
	const struct group_inputs *in;
	struct pci_grouping *g;
	long *uf;                   /* union-find parent */
	long *up;                   /* the bridge above (VFs on a virtual bus: the PF's) */
	signed char *acs;           /* memo: -1 unknown, 0/1 pci_acs_enabled() */
	long *path_culprit;         /* memo of acs_path(): -2 unknown, -1 ok, else culprit */
};

static long find(long *uf, long i)
{
	while (uf[i] != i) {
		uf[i] = uf[uf[i]];
		i = uf[i];
	}
	return i;
}

static void unite(long *uf, long a, long b)
{
	a = find(uf, a);
	b = find(uf, b);
	if (a != b)
		uf[a > b ? a : b] = a < b ? a : b;   /* the lower index roots the set */
}

static bool is_vf(const struct ctx *c, long i)
{
	return c->in && c->in->is_vf && c->in->is_vf[i];
}

static bool translated(const struct ctx *c, long i)
{
	return !c->in || !c->in->translated || c->in->translated[i];
}

static void add_cause(struct ctx *c, long i, struct group_cause cause)
{
	struct group_fn *g = &c->g->fn[i];
	unsigned k;

	for (k = 0; k < g->ncauses; k++)
		if (g->causes[k].kind == cause.kind && g->causes[k].who == cause.who)
			return;
	if (g->ncauses < GROUP_MAX_CAUSES)
		g->causes[g->ncauses++] = cause;
}

bool group_fn_multifunction(const struct pci_model *m, const struct pci_fn *f, bool vf)
{
	(void)m;
	/*
	 * probe.c: a function's own header bit; pci_scan_slot() marks every
	 * function after the first of a slot; iov.c never marks a VF.
	 */
	return !vf && (f->multifunction || f->fn != 0);
}

bool group_acs_kernel_ctrl(const struct pci_fn *f, uint16_t *ctrl)
{
	struct pci_acs a;

	if (!pci_fn_acs(f, &a))
		return false;
	*ctrl = a.ctrl | (a.cap & PCI_ACS_KERNEL_ENABLES);
	return true;
}

/* pci_acs_flags_enabled(): controls missing from the capability are hard-wired on. */
static bool flags_enabled(const struct pci_fn *f, uint16_t flags,
			  const struct quirk_context *qc, uint16_t *missing)
{
	struct pci_acs a;
	uint16_t ctrl;

	if (!pci_fn_acs(f, &a)) {
		*missing = flags;
		return false;
	}
	ctrl = a.ctrl;
	if (qc->acs_enable_assumed)
		group_acs_kernel_ctrl(f, &ctrl);
	flags &= a.cap | PCI_ACS_EC;
	*missing = flags & ~ctrl;
	return !*missing;
}

static const struct quirk_context default_quirks = { { 0, 0, 0 }, true, false };

bool group_acs_enabled(const struct pci_model *m, const struct pci_fn *f, bool vf,
		       uint16_t flags, const struct quirk_context *qc, const char **quirk,
		       uint16_t *missing)
{
	int q, type;

	*missing = 0;
	*quirk = NULL;
	q = pci_quirk_acs(m, f, flags, qc ? qc : &default_quirks, quirk);
	if (q >= 0) {
		*missing = q ? 0 : flags;
		return q > 0;
	}
	/* Conventional PCI and PCI-X: a shared bus, never isolated. */
	type = pci_linux_port_type(m, f);
	if (type < 0) {
		*missing = flags;
		return false;
	}
	switch (type) {
	case PCI_EXP_TYPE_PCIE_BRIDGE:
	case PCI_EXP_TYPE_PCI_BRIDGE:
	case PCI_EXP_TYPE_RC_EC:
		*missing = flags;
		return false;
	case PCI_EXP_TYPE_DOWNSTREAM:
	case PCI_EXP_TYPE_ROOT_PORT:
		return flags_enabled(f, flags, qc ? qc : &default_quirks, missing);
	case PCI_EXP_TYPE_ENDPOINT:
	case PCI_EXP_TYPE_UPSTREAM:
	case PCI_EXP_TYPE_LEG_END:
	case PCI_EXP_TYPE_RC_END:
		if (!group_fn_multifunction(m, f, vf))
			return true;
		return flags_enabled(f, flags, qc ? qc : &default_quirks, missing);
	}
	/* PCIe §6.12.1.3: nothing applies to other single-function types. */
	return true;
}

static bool acs_ok(struct ctx *c, long i)
{
	const char *quirk;
	uint16_t missing;

	if (c->acs[i] < 0)
		c->acs[i] = group_acs_enabled(c->m, &c->m->fns[i], is_vf(c, i),
					      GROUP_REQ_ACS_FLAGS,
					      c->in ? &c->in->quirks : NULL, &quirk, &missing);
	return c->acs[i];
}

/*
 * pci_acs_path_enabled(@i, NULL): ACS on @i and every bridge above it to
 * the root bus. Returns -1 when it holds, else the first function (from
 * @i up) that breaks it. Memoised: each function is judged once.
 */
static long acs_path(struct ctx *c, long i)
{
	long j, k, culprit;

	for (j = i; j >= 0; j = c->up[j]) {
		if (c->path_culprit[j] != -2)
			break;
		if (!acs_ok(c, j))
			break;
	}
	culprit = j < 0 ? -1 : c->path_culprit[j] != -2 ? c->path_culprit[j] : j;
	for (k = i; k != j; k = c->up[k])
		c->path_culprit[k] = culprit;
	if (j >= 0 && c->path_culprit[j] == -2)
		c->path_culprit[j] = culprit;
	return culprit;
}

/* The cause that a port on the path lacks ACS, with what it lacks. */
static struct group_cause no_acs(struct ctx *c, long culprit)
{
	struct group_cause cause = { .kind = CAUSE_NO_ACS, .who = culprit };
	const struct pci_fn *f = &c->m->fns[culprit];

	group_acs_enabled(c->m, f, is_vf(c, culprit), GROUP_REQ_ACS_FLAGS,
			  c->in ? &c->in->quirks : NULL, &cause.quirk, &cause.missing);
	cause.no_acs_cap = !f->caps.acs && !cause.quirk;
	return cause;
}

/* 1: pci_for_each_dma_alias(): the topmost bridge that owns @i's requests. */
static long dma_alias(struct ctx *c, long i)
{
	long a = i, p;

	for (p = c->up[i]; p >= 0; p = c->up[p]) {
		const struct pci_fn *b = &c->m->fns[p];
		const char *quirk = NULL;
		int type = pci_linux_port_type(c->m, b);

		/* A bridge where translation is associated: the walk ends. */
		if (pci_quirk_xlate_root(b, &quirk))
			break;
		if (type >= 0) {
			if (type != PCI_EXP_TYPE_PCI_BRIDGE && type != PCI_EXP_TYPE_PCIE_BRIDGE)
				continue;   /* root, switch ports: requester IDs pass */
			add_cause(c, i, (struct group_cause){ CAUSE_BRIDGE_ALIAS, p, 0, false,
							      NULL });
		} else {
			pci_quirk_bridge_alias(c->m, b, &quirk);
			add_cause(c, i, (struct group_cause){ CAUSE_CONVENTIONAL_BRIDGE, p, 0,
							      false, quirk });
		}
		a = p;
	}
	return a;
}

/* 2: up from the alias while the bridge above lacks ACS on its path. */
static long acs_walk(struct ctx *c, long i, long pdev)
{
	long b, culprit;

	for (b = c->up[pdev]; b >= 0; b = c->up[b]) {
		culprit = acs_path(c, b);
		if (culprit < 0)
			break;
		add_cause(c, i, no_acs(c, culprit));
		pdev = b;
	}
	return pdev;
}

/* Device quirks: @i's requests also carry another function's ID on its bus. */
static void quirk_aliases(struct ctx *c, long i)
{
	const struct pci_fn *f = &c->m->fns[i];
	uint8_t devfns[256];
	const char *quirk;
	size_t n, k;

	n = pci_quirk_dma_aliases(f, c->in ? &c->in->quirks : &default_quirks, devfns,
				  sizeof(devfns), &quirk);
	for (k = 0; k < n; k++) {
		const struct pci_fn *t = pci_model_find(c->m, f->segment, f->bus,
							devfns[k] >> 3, devfns[k] & 7);
		long j = t ? (long)(t - c->m->fns) : -1;

		if (j < 0 || j == i || !translated(c, j))
			continue;
		unite(c->uf, i, j);
		add_cause(c, i, (struct group_cause){ CAUSE_DMA_ALIAS_QUIRK, j, 0, false, quirk });
		add_cause(c, j, (struct group_cause){ CAUSE_DMA_ALIAS_QUIRK, i, 0, false, quirk });
	}
}

/* 3: the functions of one slot without ACS go together. */
static void slot_functions(struct ctx *c, long first, long end)
{
	long i, lead = -1;

	for (i = first; i < end; i++) {
		if (!translated(c, i) || is_vf(c, i) || acs_ok(c, i) ||
		    !group_fn_multifunction(c->m, &c->m->fns[i], false))
			continue;
		if (lead < 0) {
			lead = i;
			continue;
		}
		unite(c->uf, lead, i);
		add_cause(c, lead, (struct group_cause){ CAUSE_MULTIFUNCTION, i, 0, false, NULL });
		add_cause(c, i, (struct group_cause){ CAUSE_MULTIFUNCTION, lead, 0, false, NULL });
	}
}

static void link_up(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->m->n; i++) {
		const struct pci_fn *f = &c->m->fns[i];

		c->up[i] = f->parent;
		/* A VF on a bus of its own (no bridge): Linux goes on from the PF's. */
		if (c->up[i] < 0 && is_vf(c, (long)i)) {
			const struct pci_fn *pf = f->pf >= 0 ? &c->m->fns[f->pf] : NULL;

			if (!pf && f->sys.is_vf)
				pf = pci_model_find(c->m, f->sys.pf_segment, f->sys.pf_bus,
						    f->sys.pf_dev, f->sys.pf_fn);
			if (pf && pf != f)
				c->up[i] = pf->parent;
		}
	}
}

int pci_group_predict(const struct pci_model *m, const struct group_inputs *in,
		      struct pci_grouping *out)
{
	struct ctx c = { .m = m, .in = in, .g = out };
	size_t n = m->n ? m->n : 1, i, start;
	long next = 0, *id = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->fn = calloc(n, sizeof(*out->fn));
	c.uf = malloc(n * sizeof(*c.uf));
	c.up = malloc(n * sizeof(*c.up));
	c.acs = malloc(n);
	c.path_culprit = malloc(n * sizeof(*c.path_culprit));
	id = malloc(n * sizeof(*id));
	if (!out->fn || !c.uf || !c.up || !c.acs || !c.path_culprit || !id)
		goto out;
	out->n = m->n;
	for (i = 0; i < m->n; i++) {
		c.uf[i] = (long)i;
		c.acs[i] = -1;
		c.path_culprit[i] = -2;
		id[i] = -1;
	}
	link_up(&c);
	for (i = 0; i < m->n; i++) {
		long alias, pdev;

		out->fn[i].alias = (long)i;
		if (!translated(&c, (long)i))
			continue;
		alias = dma_alias(&c, (long)i);
		pdev = acs_walk(&c, (long)i, alias);
		out->fn[i].alias = alias;
		unite(c.uf, (long)i, pdev);
		quirk_aliases(&c, (long)i);
	}
	/* Slots are runs of one (segment, bus, device) in the sorted model. */
	for (start = 0, i = 1; i <= m->n; i++)
		if (i == m->n || m->fns[i].segment != m->fns[start].segment ||
		    m->fns[i].bus != m->fns[start].bus || m->fns[i].dev != m->fns[start].dev) {
			slot_functions(&c, (long)start, (long)i);
			start = i;
		}
	/* Number the groups in the order of their first function. */
	for (i = 0; i < m->n; i++) {
		long root;

		out->fn[i].group = -1;
		if (!translated(&c, (long)i))
			continue;
		root = find(c.uf, (long)i);
		if (id[root] < 0)
			id[root] = next++;
		out->fn[i].group = id[root];
	}
	out->ngroups = (size_t)next;
	rc = 0;
out:
	free(c.uf);
	free(c.up);
	free(c.acs);
	free(c.path_culprit);
	free(id);
	if (rc)
		pci_grouping_free(out);
	return rc;
}

void pci_grouping_free(struct pci_grouping *g)
{
	free(g->fn);
	memset(g, 0, sizeof(*g));
}
