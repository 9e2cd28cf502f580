/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An executable model of VT-d legacy-mode DMA remapping (RTADDR.TTM = 00b):
 * a request's source ID and address walked through the root table, the
 * context entry and the second-level page tables (VT-d 4.1 §3.4.2, §3.6,
 * §3.7, chapter 9) to a host physical address or to the fault the hardware
 * records (chapter 7, Appendix A). Scalable mode, first-level and nested
 * translation and PASIDs are not modelled. The tables live in a model
 * memory (vtd_mem.h); vtd_sl_tables.h builds them as a driver would.
 * docs/translation.md says what is covered and why.
 */
#ifndef VTDCERT_REF_VTD_TRANSLATE_H
#define VTDCERT_REF_VTD_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "vtd_entries.h"
#include "vtd_mem.h"

/* What of a unit's CAP and ECAP (§11.4.2, §11.4.3) decides a translation. */
struct vtd_xlate_unit {
	unsigned sagaw;             /* CAP.SAGAW: bit n = AW n supported */
	unsigned mgaw;              /* maximum guest address width, bits: CAP.MGAW + 1 */
	unsigned sllps;             /* CAP.SLLPS: VTD_SLLPS_2M, VTD_SLLPS_1G */
	unsigned nd;                /* CAP.ND */
	bool cm;                    /* CAP.CM: not-present entries may be cached */
	bool pt;                    /* ECAP.PT: TT = pass-through allowed */
	bool dt;                    /* ECAP.DT: TT = device-TLB allowed */
	bool sc;                    /* ECAP.SC: SNP in a leaf allowed */
	/*
	 * Host address width, bits: table pointers and page addresses at or
	 * above it are reserved. Not a CAP field (the DMAR table's HAW + 1);
	 * vtd_xlate_unit_from_regs() sets VTD_HAW_MAX, a caller may lower it.
	 */
	unsigned haw;
};

void vtd_xlate_unit_from_regs(uint64_t cap, uint64_t ecap, struct vtd_xlate_unit *u);

/* Domain IDs the unit supports: 2^(4 + 2 * ND); 0 for the reserved ND 7. */
uint32_t vtd_xlate_unit_domains(const struct vtd_xlate_unit *u);

/* The Linux paging domain a unit gets: its AGAW, levels, address width. */
struct vtd_linux_domain {
	unsigned agaw;              /* the AW its context entries carry */
	unsigned levels;            /* agaw + 2 */
	unsigned width;             /* the domain's address width: 30 + 9 * agaw, at most MGAW */
};

/*
 * The AGAW Linux gives a unit's paging domains (drivers/iommu/intel/
 * iommu.c; see vtd_translate.c): false when no SAGAW bit at or below
 * 57 bits is set, where Linux refuses the unit.
 */
bool vtd_linux_domain_agaw(const struct vtd_xlate_unit *u, struct vtd_linux_domain *d);

/* A DMA request as the remapping hardware receives it. */
enum vtd_req_kind {
	VTD_REQ_READ,               /* untranslated read */
	VTD_REQ_WRITE,              /* untranslated write */
	VTD_REQ_TRANSLATE,          /* ATS translation request: answered, not faulted, by permissions */
};

struct vtd_xlate_req {
	uint16_t sid;               /* VTD_SID(bus, devfn) */
	uint64_t addr;
	enum vtd_req_kind kind;
};

/* A fault as a Fault Recording Register holds it (§11.4.7.1). */
struct vtd_fault {
	unsigned reason;            /* enum vtd_fault_reason, FRCD.FR */
	uint64_t addr;              /* FRCD.FI: the page of the faulting address */
	uint16_t sid;               /* FRCD.SID */
	enum vtd_req_kind kind;     /* FRCD.T1/T2: read, write or translation request */
};

struct vtd_xlate_result {
	bool faulted;               /* blocked: the fault says why */
	bool recorded;              /* faulted, and not suppressed by the context entry's FPD */
	struct vtd_fault fault;
	uint64_t hpa;               /* translated: the host physical address */
	uint64_t page_size;         /* of the leaf (VTD_SIZE_4K/2M/1G); 0 for pass-through */
	unsigned leaf_level;        /* 1 (4 KiB), 2 (2 MiB), 3 (1 GiB); 0 for pass-through */
	unsigned levels;            /* levels of the context entry's AW (3, 4, 5) */
	unsigned walked;            /* second-level entries read */
	unsigned perms;             /* VTD_SL_R | VTD_SL_W granted at every level walked */
	uint16_t did;               /* the context entry's domain ID */
};

/*
 * Translate @r on a unit with @u whose RTADDR register reads @rtaddr, its
 * tables in @m: 0 with @res filled (translated or faulted), or -EOPNOTSUPP
 * when RTADDR.TTM is not legacy mode. Nothing is cached: every call is a
 * full walk, as after a global invalidation.
 */
int vtd_translate(const struct vtd_mem *m, const struct vtd_xlate_unit *u, uint64_t rtaddr,
		  const struct vtd_xlate_req *r, struct vtd_xlate_result *res);

/* The specification's name for a fault reason (Appendix A); NULL for others. */
const char *vtd_fault_reason_name(unsigned reason);
/* What Linux prints for it (dma_remap_fault_reasons[], dmar.c); NULL for others. */
const char *vtd_fault_reason_linux(unsigned reason);

#endif
