// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The legacy-mode walk (VT-d 4.1 §3.4.2, §3.6, §3.7): RTADDR.RTA -> the
 * root entry for the bus -> the context entry for the device and function
 * -> AW + 2 levels of second-level entries -> the page. Each step checks
 * what the specification has the hardware check there, in its order: the
 * entry can be fetched, it is present, its reserved fields are zero, its
 * programming is valid; then the address against the widths, then the
 * permissions. See docs/translation.md for the choices made where the
 * specification leaves the hardware a choice.
 */
#include <errno.h>

#include "vtd_translate.h"

/* Linux's default domain width (iommu.h DEFAULT_DOMAIN_ADDRESS_WIDTH). */
#define LINUX_DEFAULT_DOMAIN_WIDTH 57

void vtd_xlate_unit_from_regs(uint64_t cap, uint64_t ecap, struct vtd_xlate_unit *u)
{
	u->sagaw = (unsigned)VTD_FIELD(cap, VTD_CAP_SAGAW);
	u->mgaw = (unsigned)VTD_FIELD(cap, VTD_CAP_MGAW) + 1;
	u->sllps = (unsigned)VTD_FIELD(cap, VTD_CAP_SLLPS);
	u->nd = (unsigned)VTD_FIELD(cap, VTD_CAP_ND);
	u->cm = cap & VTD_CAP_CM;
	u->pt = ecap & VTD_ECAP_PT;
	u->dt = ecap & VTD_ECAP_DT;
	u->sc = ecap & VTD_ECAP_SC;
	u->haw = VTD_HAW_MAX;
}

/* §11.4.2 ND: 0 is 16 domains, each step four times more; 7 is reserved. */
#define ND_RESERVED     7
#define ND_BASE_BITS    4
#define ND_STEP_BITS    2

uint32_t vtd_xlate_unit_domains(const struct vtd_xlate_unit *u)
{
	if (u->nd >= ND_RESERVED)
		return 0;
	return (uint32_t)1 << (ND_BASE_BITS + ND_STEP_BITS * u->nd);
}

/*
 * Linux, drivers/iommu/intel/iommu.c: iommu_calculate_agaw() is
 * __iommu_calculate_agaw(iommu, DEFAULT_DOMAIN_ADDRESS_WIDTH), the largest
 * agaw whose bit is set in cap_sagaw(), counting down from
 * width_to_agaw(57) = DIV_ROUND_UP(57 - 30, 9) = 3; a negative result
 * (no bit) makes init_iommu_one()/alloc_iommu() refuse the unit. A paging
 * domain then takes that agaw, and its width agaw_to_width(agaw) = 30 + 9 *
 * agaw capped at cap_mgaw() (paging_domain_alloc() in 6.12;
 * prepare_domain_attach_device() after md_domain_init() in 6.1, which also
 * knocks the domain's extra levels out down to the unit's agaw).
 */
bool vtd_linux_domain_agaw(const struct vtd_xlate_unit *u, struct vtd_linux_domain *d)
{
	unsigned top = (LINUX_DEFAULT_DOMAIN_WIDTH - VTD_AGAW_BASE_WIDTH + VTD_LEVEL_STRIDE - 1) /
		       VTD_LEVEL_STRIDE;
	unsigned agaw;

	for (agaw = top + 1; agaw-- > 0;)
		if (u->sagaw & (1u << agaw)) {
			d->agaw = agaw;
			d->levels = VTD_AW_LEVELS(agaw);
			d->width = VTD_AW_WIDTH(agaw) < u->mgaw ? VTD_AW_WIDTH(agaw) : u->mgaw;
			return true;
		}
	return false;
}

/* The context entry's fields the walk goes on with. */
struct walk_ctx {
	const struct vtd_mem *m;
	const struct vtd_xlate_unit *u;
	const struct vtd_xlate_req *r;
	struct vtd_xlate_result *res;
	bool fpd;
};

/*
 * Fault with @reason. FPD suppresses the recording of the faults found
 * after a valid context entry was in hand (the second-level walk and the
 * address and permission checks, §7.1.3's qualified faults): the entry
 * that holds FPD must itself be sound for its FPD to mean anything.
 */
static void fault(struct walk_ctx *w, unsigned reason, bool qualified)
{
	struct vtd_xlate_result *res = w->res;

	res->faulted = true;
	res->recorded = !(qualified && w->fpd);
	res->fault.reason = reason;
	res->fault.addr = w->r->addr & VTD_FRCD_LO_FI;
	res->fault.sid = w->r->sid;
	res->fault.kind = w->r->kind;
}

/* A pointer field's address at or above the host address width: reserved bits. */
static bool beyond_haw(const struct walk_ctx *w, uint64_t addr)
{
	return vtd_above_width(addr, w->u->haw);
}

static int read_entry(const struct walk_ctx *w, uint64_t at, uint64_t *lo, uint64_t *hi)
{
	if (beyond_haw(w, at) || vtd_mem_read64(w->m, at, lo))
		return -EFAULT;
	return hi ? vtd_mem_read64(w->m, at + sizeof(uint64_t), hi) : 0;
}

/* The reserved bits of a present second-level entry at @level (§9.8). */
static bool sl_reserved(const struct walk_ctx *w, uint64_t e, unsigned level)
{
	uint64_t addr = e & VTD_SL_ADDR;

	if (beyond_haw(w, addr))
		return true;
	if ((e & VTD_SL_SNP) && !w->u->sc)
		return true;
	if (!(e & VTD_SL_PS))
		return false;
	/*
	 * PS makes an SL-PDE a 2 MiB and an SL-PDPE a 1 GiB leaf only where
	 * SLLPS has that size; the address bits below the page are then
	 * reserved. Above level 3 it is reserved; in an SL-PTE, where there
	 * is no smaller page to choose, the model treats it as reserved too.
	 */
	switch (level) {
	case VTD_LEVEL_2M:
		return !(w->u->sllps & VTD_SLLPS_2M) || (addr & (VTD_SIZE_2M - 1));
	case VTD_LEVEL_1G:
		return !(w->u->sllps & VTD_SLLPS_1G) || (addr & (VTD_SIZE_1G - 1));
	default:
		return true;
	}
}

static unsigned needed_perm(enum vtd_req_kind kind)
{
	return kind == VTD_REQ_WRITE ? VTD_SL_W : kind == VTD_REQ_READ ? VTD_SL_R : 0;
}

static unsigned perm_fault(enum vtd_req_kind kind)
{
	return kind == VTD_REQ_WRITE ? VTD_FR_WRITE : VTD_FR_READ;
}

/*
 * §3.6: AW + 2 levels from SLPTPTR, nine address bits a level. The rights
 * are those every entry on the way grants; a not-present entry (R = W = 0)
 * grants none. A request stops at the first entry that lacks its right; a
 * translation request is answered with what was granted instead.
 */
static void sl_walk(struct walk_ctx *w, uint64_t table, unsigned levels)
{
	struct vtd_xlate_result *res = w->res;
	uint64_t addr = w->r->addr, e = 0;
	unsigned need = needed_perm(w->r->kind), level;

	res->perms = VTD_SL_PERMS;
	for (level = levels; level >= VTD_LEVEL_4K; level--) {
		if (read_entry(w, table + vtd_sl_index(addr, level) * VTD_SL_ENTRY_SIZE, &e, NULL)) {
			fault(w, VTD_FR_PAGING_ENTRY_ACCESS, true);
			return;
		}
		res->walked++;
		if (e & VTD_SL_PERMS && sl_reserved(w, e, level)) {
			fault(w, VTD_FR_PAGING_ENTRY_RSVD, true);
			return;
		}
		res->perms &= (unsigned)(e & VTD_SL_PERMS);
		if ((res->perms & need) != need) {
			fault(w, perm_fault(w->r->kind), true);
			return;
		}
		if (!res->perms)        /* a translation request through a hole */
			return;
		if (level == VTD_LEVEL_4K || (e & VTD_SL_PS))
			break;
		table = e & VTD_SL_ADDR;
	}
	res->leaf_level = level;
	res->page_size = VTD_LEVEL_SIZE(level);
	res->hpa = (e & VTD_SL_ADDR & ~(res->page_size - 1)) | (addr & (res->page_size - 1));
}

/* §9.3: a present context entry's programming, once its reserved bits are zero. */
static bool context_valid(const struct walk_ctx *w, unsigned tt, unsigned aw)
{
	switch (tt) {
	case VTD_TT_UNTRANSLATED:
		break;
	case VTD_TT_DEVICE_TLB:
		if (!w->u->dt)
			return false;
		break;
	case VTD_TT_PASS_THROUGH:
		return w->u->pt;    /* AW is not used: no table to walk */
	default:
		return false;
	}
	return aw >= VTD_AW_MIN && aw <= VTD_AW_MAX && (w->u->sagaw & (1u << aw));
}

int vtd_translate(const struct vtd_mem *m, const struct vtd_xlate_unit *u, uint64_t rtaddr,
		  const struct vtd_xlate_req *r, struct vtd_xlate_result *res)
{
	struct walk_ctx w = { .m = m, .u = u, .r = r, .res = res };
	uint64_t lo, hi, ctp, slptptr;
	unsigned tt, aw, width;

	*res = (struct vtd_xlate_result){ 0 };
	if (VTD_FIELD(rtaddr, VTD_RTADDR_TTM) != VTD_TTM_LEGACY)
		return -EOPNOTSUPP;

	/* §9.1: the root entry of the bus. */
	if (read_entry(&w, vtd_root_entry_at(rtaddr & VTD_RTADDR_RTA, VTD_SID_BUS(r->sid)),
		       &lo, &hi)) {
		fault(&w, VTD_FR_ROOT_TABLE_ACCESS, false);
		return 0;
	}
	if (!(lo & VTD_RE_LO_P)) {
		fault(&w, VTD_FR_ROOT_NOT_PRESENT, false);
		return 0;
	}
	ctp = lo & VTD_RE_LO_CTP;
	if ((lo & VTD_RE_LO_RSVD) || (hi & VTD_RE_HI_RSVD) || beyond_haw(&w, ctp)) {
		fault(&w, VTD_FR_ROOT_RSVD, false);
		return 0;
	}

	/* §9.3: the context entry of the device and function. */
	if (read_entry(&w, vtd_context_entry_at(ctp, VTD_SID_DEVFN(r->sid)), &lo, &hi)) {
		fault(&w, VTD_FR_CONTEXT_TABLE_ACCESS, false);
		return 0;
	}
	if (!(lo & VTD_CE_LO_P)) {
		fault(&w, VTD_FR_CONTEXT_NOT_PRESENT, false);
		return 0;
	}
	slptptr = lo & VTD_CE_LO_SLPTPTR;
	if ((lo & VTD_CE_LO_RSVD) || (hi & VTD_CE_HI_RSVD) || beyond_haw(&w, slptptr)) {
		fault(&w, VTD_FR_CONTEXT_RSVD, false);
		return 0;
	}
	tt = (unsigned)VTD_FIELD(lo, VTD_CE_LO_TT);
	aw = (unsigned)VTD_FIELD(hi, VTD_CE_HI_AW);
	if (!context_valid(&w, tt, aw)) {
		fault(&w, VTD_FR_CONTEXT_INVALID, false);
		return 0;
	}
	w.fpd = lo & VTD_CE_LO_FPD;
	res->did = (uint16_t)VTD_FIELD(hi, VTD_CE_HI_DID);
	/* Only TT = device-TLB lets a translation request through (§9.3 TT). */
	if (r->kind == VTD_REQ_TRANSLATE && tt != VTD_TT_DEVICE_TLB) {
		fault(&w, VTD_FR_TRANSLATION_BLOCKED, false);
		return 0;
	}
	if (tt == VTD_TT_PASS_THROUGH) {
		res->hpa = r->addr;
		res->perms = VTD_SL_PERMS;
		return 0;
	}

	/* §3.6: bits above the AGAW, or above the MGAW, are beyond what can be mapped. */
	res->levels = VTD_AW_LEVELS(aw);
	width = VTD_AW_WIDTH(aw) < u->mgaw ? VTD_AW_WIDTH(aw) : u->mgaw;
	if (vtd_above_width(r->addr, width)) {
		fault(&w, VTD_FR_ADDR_BEYOND_AGAW, true);
		return 0;
	}
	sl_walk(&w, slptptr, res->levels);
	return 0;
}
