/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dma suite: DMA of a device under a real assignment, against the
 * reference translation. prepare() runs the experiment on every device
 * vtdcert can drive (dma_experiment.c, through the reference passthrough)
 * and keeps what it saw; each check judges one case of it, the model's
 * prediction (dma_predict.c) beside the observation.
 */
#ifndef VTDCERT_SUITES_DMA_SUITE_H
#define VTDCERT_SUITES_DMA_SUITE_H

#include "../../framework/suite.h"
#include "../../passthrough/passthrough.h"
#include "../../ref/kernel_faults.h"

extern const struct vt_suite dma_suite;
/* Its checks, in run order: tests run them on observations made by hand. */
extern const struct vt_check *const dma_suite_checks[];

/* The buffers the experiment maps, one page each, and where. */
enum dma_buf { DMA_BUF_RW, DMA_BUF_RO, DMA_BUF_WO, DMA_BUF_SCRATCH, DMA_NBUFS };

#define DMA_PAGE          4096u
/* IOVAs below the edu's 28-bit DMA mask, away from the MSI window (0xfee00000). */
#define DMA_IOVA_RW       0x800000ull
#define DMA_IOVA_RO       0xa00000ull
#define DMA_IOVA_WO       0xc00000ull
#define DMA_IOVA_SCRATCH  0xe00000ull
#define DMA_IOVA_UNMAPPED 0x900000ull
#define DMA_LEN           256u      /* bytes per transfer */

/* The cases, each a check. */
enum dma_case {
	DMA_MAPPED_READ,            /* device reads a mapped buffer (shown by writing it back) */
	DMA_MAPPED_WRITE,           /* device writes a mapped buffer: lands where translated */
	DMA_UNMAPPED_WRITE,         /* device writes an IOVA nothing is mapped at: blocked */
	DMA_READONLY_WRITE,         /* device writes a read-only mapping: blocked */
	DMA_WRITEONLY_READ,         /* device reads a write-only mapping: blocked */
	DMA_UNMAP_WRITE,            /* device writes an IOVA after its unmap: blocked */
	DMA_NCASES
};

struct dma_case_obs {
	bool ran;
	char why[PT_WHY_SIZE];      /* why it did not run */
	uint64_t iova;              /* where the device was told to go */
	bool to_ram;                /* the device writes memory */
	enum dma_buf buf;           /* the buffer the IOVA is (or was) mapped to */
	/* observed */
	bool landed;                /* the data reached its target */
	long landed_at;             /* offset in the target page, -1 when nowhere */
	uint64_t landed_phys;       /* the physical address it landed at */
	bool others_untouched;      /* no other buffer byte changed */
	bool fault_seen;            /* the kernel logged a fault from the device */
	struct kernel_dma_fault fault;
	char klog[512];             /* the kernel's lines while waiting */
};

/* One device's experiment. */
struct dma_device_run {
	char bdf[16];
	const struct pci_fn *fn;
	uint16_t source_id;
	bool assigned;
	int assign_rc;               /* pt_assign's: -EBUSY refused, -ENODEV no group */
	char why[PT_WHY_SIZE];      /* why it could not be assigned / driven */
	long group;
	bool reset_offered;
	int reset_rc;
	char reset_why[PT_WHY_SIZE];
	const char *completion;     /* "msi" or "polling" */
	/* the unit that translates it, and what the mappings were */
	const struct iommu_unit *unit;
	uint64_t phys[DMA_NBUFS];   /* each buffer page's physical address */
	bool phys_known;
	/* given back */
	bool released;
	bool restored;
	struct pt_state found, now;
	char restore_why[PT_WHY_SIZE];
	struct dma_case_obs c[DMA_NCASES];
};

struct dma_state {
	struct dma_device_run *runs;
	size_t n;
};

#define DMA_STATE(ctx) ((const struct dma_state *)(ctx)->state)

/* Run the experiment on @r (assign, cases, give back) in session @s. */
void dma_experiment(struct pt_session *s, struct dma_device_run *r);

/* The model's word on case @c of @r, as evidence under "predicted". */
struct dma_prediction {
	bool ok;                    /* the model could predict: the unit's registers known */
	char why[160];
	bool blocked;
	uint64_t hpa;               /* not blocked: where it lands */
	unsigned levels, leaf_level;
	unsigned leaf_perms;        /* VTD_SL_R | VTD_SL_W of the leaf walked */
	bool linux_widened;         /* a read Linux allows though the map was write-only */
	struct {
		unsigned reason;
		uint64_t addr;
		uint16_t sid;
		bool write;
	} fault;
};
void dma_predict(const struct dma_device_run *r, enum dma_case c, struct dma_prediction *p);

extern const struct vt_items dma_items_devices;
extern const struct vt_check dma_assign, dma_mapped_read, dma_mapped_write, dma_unmapped_write,
	dma_readonly_write, dma_writeonly_read, dma_unmap_write, dma_restored;

#endif
