/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PCI model every suite shares: functions with their configuration
 * space (256 or 4096 bytes, or less when the reader could not get more),
 * the capabilities found in it, the bus hierarchy, and the facts the
 * platform adds from sysfs (driver, IOMMU group, SR-IOV links, ...).
 * Plain data filled by the platform layer or by tests; pure C, no I/O.
 *
 * Config space is untrusted: every walker stops on loops, pointers out of
 * range and truncated space, and records what it met (pci_cap_problem).
 */
#ifndef VTDCERT_REF_PCI_MODEL_H
#define VTDCERT_REF_PCI_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pci_cfg_size.h"

#define PCI_NO_PARENT      (-1)     /* on a root bus */
#define PCI_NO_GROUP       (-1)
#define PCI_MAX_RESOURCES  17       /* sysfs "resource": 6 BARs, ROM, bridge windows, IOV */

/* Where a capability walk stopped early. */
enum pci_cap_problem {
	PCI_CAP_OK,
	PCI_CAP_LOOP,               /* a pointer came back to a visited capability */
	PCI_CAP_OUT_OF_RANGE,       /* a pointer into the header or past the space */
	PCI_CAP_BEYOND_READ,        /* points past what the reader could read */
	PCI_CAP_TOO_MANY,           /* more entries than the space can hold */
};

/* Offsets of the capabilities the suites use; 0 when absent. */
struct pci_caps {
	uint16_t pm, msi, pcix, pcie, msix, af;         /* standard list */
	uint16_t aer, acs, ari, ats, sriov, pri, rebar, pasid; /* extended list */
	unsigned nstd, next;                             /* entries walked */
	enum pci_cap_problem std_problem, ext_problem;
	uint16_t std_problem_at, ext_problem_at;         /* offset of the bad pointer */
};

/* What the platform adds from sysfs; "known" flags say whether it could tell. */
struct pci_sysfs {
	bool seen;                  /* the platform had a directory for it */
	bool driver_known;
	char driver[48];            /* "" when none is bound */
	bool group_known;
	long iommu_group;           /* PCI_NO_GROUP when not in one */
	bool physfn_known;
	bool is_vf;
	uint16_t pf_segment;
	uint8_t pf_bus, pf_dev, pf_fn;
	unsigned nvirtfn;           /* virtfnN links */
	bool sriov_known;
	uint16_t sriov_totalvfs, sriov_numvfs, sriov_offset, sriov_stride, sriov_vf_device;
	char reset_method[64];      /* "" when unknown or none */
	bool irq_known;
	unsigned irq;
	unsigned nres;
	struct pci_resource {
		uint64_t start, end, flags;
	} res[PCI_MAX_RESOURCES];
	char slot[32];              /* physical slot name from sys/bus/pci/slots, or "" */
};

struct pci_fn {
	uint16_t segment;
	uint8_t bus, dev, fn;
	/* Decoded header (valid when cfg_len >= PCI_CFG_HEADER_SIZE). */
	uint16_t vendor, device;
	uint32_t class_code;        /* base << 16 | sub << 8 | prog-if */
	uint8_t revision;
	uint8_t header_type;        /* without the multifunction bit */
	bool multifunction;
	uint8_t secondary_bus, subordinate_bus;  /* header type 1 only */
	uint16_t cfg_len;           /* bytes of config space read */
	char cfg_why[160];          /* why cfg_len is short, or "" */
	uint8_t cfg[PCI_CFG_SPACE_EXP_SIZE];
	struct pci_caps caps;       /* pci_fn_scan_caps() */
	long parent;                /* index of the upstream bridge, or PCI_NO_PARENT */
	long pf;                    /* a VF: index of its PF (ref/sriov.h), else PCI_NO_PARENT */
	uint16_t vf_index;          /* a VF: which one of its PF's, from 0 */
	struct pci_sysfs sys;
};

struct pci_model {
	struct pci_fn *fns;         /* sorted by segment, bus, device, function */
	size_t n;
	size_t cap;                 /* allocated */
};

/* ---- building ---- */

/* Append a function with no config bytes yet; valid until the next append. */
struct pci_fn *pci_model_add(struct pci_model *m, uint16_t segment, uint8_t bus,
			     uint8_t dev, uint8_t fn);
/*
 * Once every function is in: sort, decode headers, walk capabilities and
 * link each function to the bridge whose secondary bus it is on (a bridge
 * claims only a bus above its own, so parent chains cannot loop). Cost
 * O(n log n) in functions. 0, or -1 when out of memory. Whoever builds the
 * model then links the VFs to their PFs (sriov_link_vfs(), ref/sriov.h).
 */
int pci_model_finish(struct pci_model *m);
void pci_model_free(struct pci_model *m);

/* Decode the header fields of @f from f->cfg (needs cfg_len >= 64). */
void pci_fn_decode_header(struct pci_fn *f);
/* Walk both capability lists into f->caps. */
void pci_fn_scan_caps(struct pci_fn *f);

/* ---- reading ---- */

const struct pci_fn *pci_model_find(const struct pci_model *m, uint16_t segment,
				    uint8_t bus, uint8_t dev, uint8_t fn);
/* The bridge whose secondary bus @f is on, or NULL on a root bus. */
const struct pci_fn *pci_fn_parent(const struct pci_model *m, const struct pci_fn *f);

bool pci_fn_header_valid(const struct pci_fn *f);
bool pci_fn_is_bridge(const struct pci_fn *f);
/* "0000:00:1f.3" into @buf (at least 13 bytes). */
char *pci_fn_name(const struct pci_fn *f, char *buf, size_t size);
const char *pci_cap_problem_name(enum pci_cap_problem p);

/* Config space accessors: false (and 0) when @off is beyond what was read. */
bool pci_cfg_read8(const struct pci_fn *f, unsigned off, uint8_t *v);
bool pci_cfg_read16(const struct pci_fn *f, unsigned off, uint16_t *v);
bool pci_cfg_read32(const struct pci_fn *f, unsigned off, uint32_t *v);

/* ---- capability walkers (survive loops and junk) ---- */

struct pci_cap_iter {
	const struct pci_fn *f;
	unsigned pos, count;
	bool extended;
	enum pci_cap_problem problem;
	unsigned problem_at;
	uint8_t seen[PCI_CFG_SPACE_EXP_SIZE / 32]; /* one bit per dword */
};

void pci_cap_iter_init(struct pci_cap_iter *it, const struct pci_fn *f, bool extended);
/*
 * The next capability: its ID (an extended one's 16-bit ID, version in
 * @ver) and offset. false at the end of the list or at a problem, which
 * it->problem then names.
 */
bool pci_cap_iter_next(struct pci_cap_iter *it, uint16_t *id, uint8_t *ver,
		       unsigned *off);

#endif
