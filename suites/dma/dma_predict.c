// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reference translation's word on a dma case: the tables Linux and
 * VFIO build for the device's domain (one context entry for its source
 * ID, translation type untranslated, the domain's AGAW as Linux picks it
 * for the unit, the pages mapped as the experiment mapped them at that
 * moment, each leaf with the permissions Linux writes for it: see
 * ref/linux_iommu_map.h), built in the model memory of ref/vtd_sl_tables.h
 * and walked by ref/vtd_translate.h.
 */
#include <stdio.h>
#include <string.h>

#include "dma_suite.h"
#include "../../ref/linux_iommu_map.h"
#include "../../ref/vtd_sl_tables.h"

/* Model table pages sit far above any buffer, below every host address width. */
#define MODEL_TABLE_BASE (1ull << 51)
#define MODEL_DID        1

static const uint64_t iova_of[DMA_NBUFS] = {
	DMA_IOVA_RW, DMA_IOVA_RO, DMA_IOVA_WO, DMA_IOVA_SCRATCH,
};
/* What the experiment asked VFIO for: readable, writable by the device. */
static const bool readable[DMA_NBUFS] = { true, true, false, true };
static const bool writable[DMA_NBUFS] = { true, false, true, true };

static bool fail(struct dma_prediction *p, const char *why)
{
	p->ok = false;
	snprintf(p->why, sizeof(p->why), "%s", why);
	return false;
}

void dma_predict(const struct dma_device_run *r, enum dma_case c, struct dma_prediction *p)
{
	const struct dma_case_obs *o = &r->c[c];
	struct vtd_xlate_unit u;
	struct vtd_linux_domain ld;
	struct vtd_sl_domain dom;
	struct vtd_context_cfg cfg;
	struct vtd_xlate_req req;
	struct vtd_xlate_result res;
	struct vtd_mem m;
	uint64_t rta;
	unsigned b;

	memset(p, 0, sizeof(*p));
	p->ok = true;
	if (!r->unit || !iommu_unit_has(r->unit, VTD_UR_CAP) || !iommu_unit_has(r->unit, VTD_UR_ECAP)) {
		fail(p, "the unit translating the device is not known, or its CAP/ECAP");
		return;
	}
	if (!r->phys_known) {
		fail(p, "the buffers' physical addresses are not known (/proc/self/pagemap)");
		return;
	}
	vtd_xlate_unit_from_regs(r->unit->reg[VTD_UR_CAP], r->unit->reg[VTD_UR_ECAP], &u);
	if (!vtd_linux_domain_agaw(&u, &ld)) {
		fail(p, "the unit offers no address width Linux uses (SAGAW)");
		return;
	}
	vtd_mem_init(&m, MODEL_TABLE_BASE);
	if (vtd_root_table_alloc(&m, &rta) ||
	    vtd_sl_domain_init(&dom, &m, &u, ld.agaw, MODEL_DID)) {
		vtd_mem_free(&m);
		fail(p, "the model ran out of memory");
		return;
	}
	cfg = vtd_sl_domain_context(&dom, VTD_TT_UNTRANSLATED, false);
	vtd_context_set(&m, rta, r->source_id, &cfg);
	for (b = 0; b < DMA_NBUFS; b++) {
		/* UNMAP_WRITE runs after the read-write page was unmapped. */
		if (c == DMA_UNMAP_WRITE && b == DMA_BUF_RW)
			continue;
		vtd_sl_map(&dom, iova_of[b], r->phys[b], DMA_PAGE,
			   linux_sl_leaf_perms(readable[b], writable[b]));
	}
	req.sid = r->source_id;
	req.addr = o->iova;
	req.kind = o->to_ram ? VTD_REQ_WRITE : VTD_REQ_READ;
	if (vtd_translate(&m, &u, rta, &req, &res)) {
		vtd_mem_free(&m);
		fail(p, "the model cannot walk these tables");
		return;
	}
	p->levels = res.levels;
	p->leaf_perms = res.perms;
	p->linux_widened = o->buf < DMA_NBUFS && !readable[o->buf] && !o->to_ram;
	p->blocked = res.faulted;
	if (res.faulted) {
		p->fault.reason = res.fault.reason;
		p->fault.addr = res.fault.addr;
		p->fault.sid = res.fault.sid;
		p->fault.write = res.fault.kind == VTD_REQ_WRITE;
	} else {
		p->hpa = res.hpa;
		p->leaf_level = res.leaf_level;
	}
	vtd_mem_free(&m);
}
