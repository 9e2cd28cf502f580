// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "msi_view.h"
#include "../../util/xalloc.h"

static void fill(struct msi_view *v, size_t i)
{
	const struct pci_fn *f = &v->m->fns[i];
	struct msi_fn *mf = &v->fns[i];
	mf->header = pci_fn_header_valid(f);
	mf->assignable = mf->header && f->header_type == PCI_HEADER_TYPE_NORMAL;
	mf->is_vf = f->sys.is_vf || f->pf >= 0;
	mf->has_msi = f->caps.msi != 0;
	mf->has_msix = f->caps.msix != 0;
	mf->msi_read = pci_fn_msi(f, &mf->msi);
	mf->msix_read = pci_fn_msix(f, &mf->msix);
	pci_cfg_read8(f, PCI_CFG_INTERRUPT_PIN, &mf->pin);
	pci_fn_bars(f, &mf->bars);
	if (mf->has_msix && mf->msix_read) {
		msix_layout_of(&mf->msix, &mf->layout);
		mf->table_place = msix_area_place(&mf->layout.table, &mf->bars);
		mf->pba_place = msix_area_place(&mf->layout.pba, &mf->bars);
		v->msix_unsized += mf->table_place == MSIX_PLACE_UNSIZED ||
				   mf->pba_place == MSIX_PLACE_UNSIZED;
	}
	if (mf->assignable && mf->pin && !f->sys.irq_known)
		v->intx_unknown++;
}

void msi_view_build(struct msi_view *v, struct vt_env *env, bool groups)
{
	size_t i;

	memset(v, 0, sizeof(*v));
	v->m = &env->pci;
	v->fns = xcalloc(v->m->n ? v->m->n : 1, sizeof(*v->fns));
	for (i = 0; i < v->m->n; i++)
		fill(v, i);
	if (groups)
		v->have_groups = !groups_view_build(env, &v->groups, v->groups_why,
						    sizeof(v->groups_why));
}

void msi_view_free(struct msi_view *v)
{
	if (v->have_groups)
		groups_view_free(&v->groups);
	free(v->fns);
	memset(v, 0, sizeof(*v));
}

bool msi_fn_irq(const struct msi_view *v, size_t i, unsigned *irq)
{
	const struct pci_fn *f = &v->m->fns[i];

	*irq = f->sys.irq;
	return f->sys.irq_known && f->sys.irq != MSI_IRQ_NONE && f->sys.irq != MSI_IRQ_UNROUTED;
}
