// SPDX-License-Identifier: GPL-2.0-or-later
/* The kinds of item the framework knows: walks over the environment's parts. */
#include <stdio.h>
#include <stdlib.h>

#include "items.h"
#include "../util/xalloc.h"

#define ANY_TYPE 0x10000u           /* above every 16-bit structure type */

static const struct dmar_table *table(const struct vt_ctx *ctx)
{
	return &ctx->env->table;
}

static char *type_label(uint16_t type)
{
	const char *name = dmar_struct_type_name(type);

	return name ? xstrdup(name) : xasprintf("type %u", type);
}

char *vt_dmar_subject(const struct vt_ctx *ctx, size_t si)
{
	const struct dmar_struct *s = &table(ctx)->structs[si];
	char *label = type_label(s->type);
	/* "DRHD #2" reads naturally: its place among structures of its type */
	char *out = xasprintf("%s: %s #%zu @0x%x", ctx->env->dmar_name, label,
			      ctx->env->dmar_x.ordinal[si], s->offset);

	free(label);
	return out;
}

char *vt_dmar_scope_subject(const struct vt_ctx *ctx, size_t si, size_t sci)
{
	char *st = vt_dmar_subject(ctx, si);
	char *out = xasprintf("%s scope #%zu @0x%x", st, sci,
			      table(ctx)->structs[si].scopes[sci].offset);

	free(st);
	return out;
}

char *vt_pci_subject(const struct pci_fn *f)
{
	char name[16];

	return xasprintf("/sys/bus/pci/devices/%s", pci_fn_name(f, name, sizeof(name)));
}

/* ---- DMAR structures ---- */

static bool next_structure(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	const struct dmar_table *t = table(ctx);

	for (; it->pos < t->nstructs; it->pos++) {
		const struct dmar_struct *s = &t->structs[it->pos];

		if (k->arg != ANY_TYPE && !dmar_is(s, (uint16_t)k->arg))
			continue;
		it->index = it->pos++;
		it->st = s;
		return true;
	}
	return false;
}

static char *structure_subject(const struct vt_ctx *ctx, const struct vt_item *it)
{
	return vt_dmar_subject(ctx, it->index);
}

static void structure_evidence(struct vt_result *r, const struct vt_item *it)
{
	vt_ev_uint(r, "offset", it->st->offset);
}

#define STRUCTURES(name, noun_, type) \
	const struct vt_items name = { .noun = noun_, .needs = VT_NEED_TABLE, \
		.next = next_structure, .subject = structure_subject, \
		.evidence = structure_evidence, .arg = type }

STRUCTURES(vt_items_structures, "remapping structure", ANY_TYPE);
STRUCTURES(vt_items_drhds, "DRHD", DMAR_TYPE_DRHD);
STRUCTURES(vt_items_rmrrs, "RMRR", DMAR_TYPE_RMRR);
STRUCTURES(vt_items_atsrs, "ATSR", DMAR_TYPE_ATSR);
STRUCTURES(vt_items_rhsas, "RHSA", DMAR_TYPE_RHSA);
STRUCTURES(vt_items_andds, "ANDD", DMAR_TYPE_ANDD);

/* ---- device scopes ---- */

/* The next scope from (pos, subpos) for which @want holds. */
static bool next_scope_if(struct vt_ctx *ctx, struct vt_item *it,
			  bool (*want)(const struct dmar_struct *, const struct dmar_scope *))
{
	const struct dmar_table *t = table(ctx);

	for (; it->pos < t->nstructs; it->pos++, it->subpos = 0) {
		const struct dmar_struct *s = &t->structs[it->pos];

		while (it->subpos < s->nscopes) {
			const struct dmar_scope *sc = &s->scopes[it->subpos++];

			if (!want(s, sc))
				continue;
			it->index = it->pos;
			it->sub = it->subpos - 1;
			it->st = s;
			it->scope = sc;
			return true;
		}
	}
	return false;
}

static bool any_scope(const struct dmar_struct *s, const struct dmar_scope *sc)
{
	(void)s;
	(void)sc;
	return true;
}

static bool next_scope(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	(void)k;
	return next_scope_if(ctx, it, any_scope);
}

static bool pci_scope(const struct dmar_struct *s, const struct dmar_scope *sc)
{
	uint16_t segment;

	return dmar_struct_segment(s, &segment) && dmar_scope_is_pci(sc);
}

static bool next_pci_scope(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	(void)k;
	if (!next_scope_if(ctx, it, pci_scope))
		return false;
	dmar_struct_segment(it->st, &it->segment);
	dmar_scope_resolve(it->scope, it->segment, &ctx->env->pci, &it->res);
	return true;
}

static char *scope_subject(const struct vt_ctx *ctx, const struct vt_item *it)
{
	return vt_dmar_scope_subject(ctx, it->index, it->sub);
}

static void scope_evidence(struct vt_result *r, const struct vt_item *it)
{
	vt_ev_uint(r, "offset", it->scope->offset);
}

const struct vt_items vt_items_scopes = {
	.noun = "device scope", .needs = VT_NEED_TABLE, .next = next_scope,
	.subject = scope_subject, .evidence = scope_evidence,
};

const struct vt_items vt_items_pci_scopes = {
	.noun = "PCI device scope", .needs = VT_NEED_TABLE | VT_NEED_PCI,
	.next = next_pci_scope, .subject = scope_subject, .evidence = scope_evidence,
};

/* ---- remapping units ---- */

static bool next_drhd_unit(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	const struct dmar_table *t = table(ctx);

	(void)k;
	for (; it->pos < t->nstructs; it->pos++) {
		const struct dmar_struct *s = &t->structs[it->pos];

		if (!dmar_drhd_usable(s))
			continue;
		it->index = it->pos++;
		it->st = s;
		it->unit = vt_env_unit_at(ctx->env, s->u.drhd.register_base);
		return true;
	}
	return false;
}

const struct vt_items vt_items_drhd_units = {
	.noun = "DRHD with a register base", .needs = VT_NEED_TABLE | VT_NEED_UNITS,
	.next = next_drhd_unit, .subject = structure_subject, .evidence = structure_evidence,
};

static bool next_unit_pair(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	const struct vt_env *env = ctx->env;
	size_t n = table(ctx)->nstructs;

	if (!env->kernel_units)
		return false;
	if (it->pos < n && next_drhd_unit(ctx, k, it))
		return true;
	if (it->pos < n)
		it->pos = n;
	for (; it->pos - n < env->nunits; it->pos++) {
		const struct iommu_unit *u = &env->units[it->pos - n];

		/* The kernel's units that no DRHD names (by base: units are joined so too). */
		if (!u->name[0] || (u->address_known &&
				    dmar_drhd_with_base(&env->dmar_x, u->address) >= 0))
			continue;
		it->index = it->pos++ - n;
		it->st = NULL;
		it->unit = u;
		return true;
	}
	return false;
}

static char *unit_pair_subject(const struct vt_ctx *ctx, const struct vt_item *it)
{
	if (it->st)
		return vt_dmar_subject(ctx, it->index);
	return xasprintf("/sys/class/iommu/%s", it->unit->name);
}

static void unit_pair_evidence(struct vt_result *r, const struct vt_item *it)
{
	if (it->st)
		vt_ev_uint(r, "offset", it->st->offset);
}

const struct vt_items vt_items_unit_pairs = {
	.noun = "remapping unit", .needs = VT_NEED_TABLE | VT_NEED_UNITS,
	.next = next_unit_pair, .subject = unit_pair_subject, .evidence = unit_pair_evidence,
};

/* ---- PCI functions, kernel groups ---- */

static bool next_function(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	(void)k;
	if (it->pos >= ctx->env->pci.n)
		return false;
	it->index = it->pos++;
	it->fn = &ctx->env->pci.fns[it->index];
	return true;
}

char *vt_pci_item_subject(const struct vt_ctx *ctx, const struct vt_item *it)
{
	(void)ctx;
	return vt_pci_subject(it->fn);
}

const struct vt_items vt_items_pci_functions = {
	.noun = "PCI function", .needs = VT_NEED_PCI,
	.next = next_function, .subject = vt_pci_item_subject,
};

static bool next_group(struct vt_ctx *ctx, const struct vt_items *k, struct vt_item *it)
{
	(void)k;
	if (it->pos >= ctx->env->ngroups)
		return false;
	it->index = it->pos++;
	it->group = &ctx->env->groups[it->index];
	return true;
}

static char *group_subject(const struct vt_ctx *ctx, const struct vt_item *it)
{
	(void)ctx;
	return xasprintf("/sys/kernel/iommu_groups/%ld", it->group->id);
}

const struct vt_items vt_items_kernel_groups = {
	.noun = "IOMMU group", .needs = VT_NEED_GROUPS,
	.next = next_group, .subject = group_subject,
};
