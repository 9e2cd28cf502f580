// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The dma experiment on one device: assign it, map four pages (read-write,
 * read-only, write-only, and a read-write scratch page to see what the
 * device read), make it DMA each case, keep what memory and the kernel
 * log showed, and give it back. Patterns differ per byte and per page, so
 * a transfer that lands in the wrong place is found where it landed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "dma_suite.h"
#include "../drivers/edu.h"

#define FAULT_WAIT_MS   3000        /* the fault interrupt is handled well within */
#define QUIET_WAIT_MS   0           /* a case that should not fault: what is logged already */

/*
 * dmar_fault() (drivers/iommu/intel/dmar.c) prints through one ratelimit,
 * DEFAULT_RATELIMIT_BURST (10) lines per DEFAULT_RATELIMIT_INTERVAL (5 s),
 * two lines a fault ("handling fault status reg", then the fault): a case
 * that should fault waits until fewer than FAULTS_PER_WINDOW of ours fell
 * in the last interval, so that its line is printed. One line of margin
 * for a fault of someone else's.
 */
#define LINUX_RATELIMIT_INTERVAL_MS 5000
#define LINUX_RATELIMIT_BURST       10
#define LINES_PER_FAULT             2
#define FAULTS_PER_WINDOW           ((LINUX_RATELIMIT_BURST - 1) / LINES_PER_FAULT)

/* Where in the pages the cases read and write. */
#define OFF_READ_SRC    0x100       /* MAPPED_READ reads RW page here */
#define OFF_WRITE_DST   0x340       /* MAPPED_WRITE writes RW page here */
#define OFF_RO_DST      0x080
#define OFF_WO_SRC      0x200
#define OFF_UNMAPPED    0x040
#define EDU_OFF_A       0x000       /* the edu buffer: what MAPPED_READ brought in */
#define EDU_OFF_W       0x800       /* what WRITEONLY_READ would have brought in */

static const uint8_t page_fill[DMA_NBUFS] = { 0x11, 0x22, 0x33, 0x44 };
static const uint64_t buf_iova[DMA_NBUFS] = {
	DMA_IOVA_RW, DMA_IOVA_RO, DMA_IOVA_WO, DMA_IOVA_SCRATCH,
};
static const unsigned buf_perm[DMA_NBUFS] = {
	PT_DEV_READ | PT_DEV_WRITE, PT_DEV_READ, PT_DEV_WRITE, PT_DEV_READ | PT_DEV_WRITE,
};

static long long fault_times[FAULTS_PER_WINDOW];    /* ms, monotonic; a ring */
static unsigned fault_next;

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait until one more fault of ours fits under the kernel's ratelimit; count it. */
static void pace_fault(void)
{
	long long oldest = fault_times[fault_next], wait;
	struct timespec ts;

	wait = oldest ? oldest + LINUX_RATELIMIT_INTERVAL_MS + 50 - now_ms() : 0;
	if (wait > 0) {
		ts.tv_sec = wait / 1000;
		ts.tv_nsec = (wait % 1000) * 1000000;
		nanosleep(&ts, NULL);
	}
	fault_times[fault_next] = now_ms();
	fault_next = (fault_next + 1) % FAULTS_PER_WINDOW;
}

struct exp {
	struct dma_device_run *r;
	struct edu edu;
	struct pt_kmsg *k;
	uint8_t *mem;               /* DMA_NBUFS pages */
	uint8_t before[DMA_NBUFS * DMA_PAGE];
};

static uint8_t *page(struct exp *x, enum dma_buf b)
{
	return x->mem + (size_t)b * DMA_PAGE;
}

/* A pattern no fill byte and no shift of itself matches. */
static void pattern(uint8_t *p, unsigned len, unsigned seed)
{
	unsigned i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(seed + i * 7 + (i >> 5));
}

static void fill_pages(struct exp *x)
{
	unsigned b;

	for (b = 0; b < DMA_NBUFS; b++)
		memset(page(x, b), page_fill[b], DMA_PAGE);
}

/* Offset of @pat in page @b, or -1. */
static long find(struct exp *x, enum dma_buf b, const uint8_t *pat, unsigned len)
{
	const uint8_t *p = page(x, b);
	unsigned off;

	for (off = 0; off + len <= DMA_PAGE; off++)
		if (p[off] == pat[0] && !memcmp(p + off, pat, len))
			return off;
	return -1;
}

/* Whether every byte but [@b:@off, +@len) is as it was before the case. */
static bool untouched_except(struct exp *x, long b, long off, unsigned len)
{
	size_t i, skip_from = (size_t)b * DMA_PAGE + (size_t)off;

	for (i = 0; i < sizeof(x->before); i++) {
		if (b >= 0 && off >= 0 && i >= skip_from && i < skip_from + len)
			continue;
		if (x->mem[i] != x->before[i])
			return false;
	}
	return true;
}

struct fault_want {
	uint16_t sid;
};

static bool fault_from(const char *msg, void *arg)
{
	const struct fault_want *w = arg;
	struct kernel_dma_fault f;

	return kernel_dma_fault_parse(msg, &f) && f.source_id == w->sid;
}

/* What the kernel logged about the device since the last look. */
static void look_at_log(struct exp *x, struct dma_case_obs *o, int ms)
{
	struct fault_want w = { x->r->source_id };
	const char *line;

	if (!x->k)
		return;
	pt_kmsg_collect(x->k, ms, fault_from, &w, o->klog, sizeof(o->klog));
	for (line = o->klog; *line; line = strchr(line, '\n') + 1) {
		struct kernel_dma_fault f;

		if (kernel_dma_fault_parse(line, &f) && f.source_id == w.sid && !o->fault_seen) {
			o->fault_seen = true;
			o->fault = f;
		}
		if (!strchr(line, '\n'))
			break;
	}
}

static int dma(struct exp *x, struct dma_case_obs *o, uint64_t iova, unsigned edu_off, bool to_ram)
{
	return edu_dma(&x->edu, iova, edu_off, DMA_LEN, to_ram, o->why);
}

/*
 * Every page back to its fill (no trace of an earlier case), @pat at
 * @b:@off when given, and what memory holds now kept to compare with.
 */
static void begin_case(struct exp *x, struct dma_case_obs *o, enum dma_buf b, uint64_t iova,
		       bool to_ram, const uint8_t *pat, unsigned off, int wait_ms)
{
	o->buf = b;
	o->iova = iova;
	o->to_ram = to_ram;
	o->landed_at = -1;
	fill_pages(x);
	if (pat)
		memcpy(page(x, b) + off, pat, DMA_LEN);
	memcpy(x->before, x->mem, sizeof(x->before));
	if (wait_ms > QUIET_WAIT_MS)
		pace_fault();
	/* Drop what was logged before this case. */
	if (x->k) {
		char drop[512];

		pt_kmsg_collect(x->k, 0, NULL, NULL, drop, sizeof(drop));
	}
}

/* The device reads @b at @off into its buffer at @edu_off, then writes that to scratch. */
static void read_case(struct exp *x, struct dma_case_obs *o, enum dma_buf b, unsigned off,
		      unsigned edu_off, unsigned seed, int wait_ms)
{
	uint8_t pat[DMA_LEN];
	uint64_t iova = buf_iova[b] + off;
	long at;

	pattern(pat, DMA_LEN, seed);
	begin_case(x, o, b, iova, false, pat, off, wait_ms);
	if (dma(x, o, iova, edu_off, false))
		return;
	look_at_log(x, o, wait_ms);
	/* What the device now holds, written out where it can be seen. */
	if (dma(x, o, DMA_IOVA_SCRATCH + edu_off, edu_off, true))
		return;
	o->ran = true;
	at = find(x, DMA_BUF_SCRATCH, pat, DMA_LEN);
	o->landed = at == (long)edu_off;
	if (o->landed) {
		o->landed_at = off;
		o->landed_phys = x->r->phys[b] + off;
	}
	o->others_untouched = untouched_except(x, DMA_BUF_SCRATCH, edu_off, DMA_LEN);
}

/* The device writes its buffer at @edu_off to @iova; @b is the page it should land in. */
static void write_case(struct exp *x, struct dma_case_obs *o, enum dma_buf b, uint64_t iova,
		       unsigned edu_off, unsigned seed, int wait_ms)
{
	uint8_t pat[DMA_LEN];
	long at = -1, pb = -1;
	unsigned i;

	pattern(pat, DMA_LEN, seed);
	begin_case(x, o, b, iova, true, NULL, 0, wait_ms);
	if (dma(x, o, iova, edu_off, true))
		return;
	look_at_log(x, o, wait_ms);
	o->ran = true;
	for (i = 0; i < DMA_NBUFS && at < 0; i++)
		if ((at = find(x, i, pat, DMA_LEN)) >= 0)
			pb = i;
	o->landed = pb == (long)b && at >= 0;
	if (at >= 0) {
		o->landed_at = pb == (long)b ? at : -1;
		o->landed_phys = x->r->phys[pb] + (uint64_t)at;
	}
	o->others_untouched = untouched_except(x, pb, at, DMA_LEN);
}

static void not_run(struct dma_device_run *r, const char *why)
{
	size_t i;

	for (i = 0; i < DMA_NCASES; i++)
		if (!r->c[i].ran && !r->c[i].why[0])
			snprintf(r->c[i].why, sizeof(r->c[i].why), "%s", why);
}

static int map_pages(struct exp *x, struct pt_device *d)
{
	unsigned b;
	int rc;

	for (b = 0; b < DMA_NBUFS; b++) {
		rc = pt_dma_map(d, page(x, b), buf_iova[b], DMA_PAGE, buf_perm[b], x->r->why);
		if (rc)
			return rc;
	}
	x->r->phys_known = true;
	for (b = 0; b < DMA_NBUFS && x->r->phys_known; b++)
		if (pt_phys_of(page(x, b), &x->r->phys[b], x->r->why))
			x->r->phys_known = false;
	x->r->why[0] = '\0';
	return 0;
}

static void run_cases(struct exp *x, struct pt_device *d)
{
	struct dma_case_obs *c = x->r->c;
	char why[PT_WHY_SIZE];

	/* Seed 0x5a: the pattern MAPPED_READ brings in and every write case sends out. */
	read_case(x, &c[DMA_MAPPED_READ], DMA_BUF_RW, OFF_READ_SRC, EDU_OFF_A, 0x5a, QUIET_WAIT_MS);
	write_case(x, &c[DMA_MAPPED_WRITE], DMA_BUF_RW, DMA_IOVA_RW + OFF_WRITE_DST, EDU_OFF_A,
		   0x5a, QUIET_WAIT_MS);
	write_case(x, &c[DMA_UNMAPPED_WRITE], DMA_NBUFS, DMA_IOVA_UNMAPPED + OFF_UNMAPPED,
		   EDU_OFF_A, 0x5a, FAULT_WAIT_MS);
	write_case(x, &c[DMA_READONLY_WRITE], DMA_BUF_RO, DMA_IOVA_RO + OFF_RO_DST, EDU_OFF_A,
		   0x5a, FAULT_WAIT_MS);
	read_case(x, &c[DMA_WRITEONLY_READ], DMA_BUF_WO, OFF_WO_SRC, EDU_OFF_W, 0x3c,
		  FAULT_WAIT_MS);
	if (pt_dma_unmap(d, DMA_IOVA_RW, DMA_PAGE, why)) {
		snprintf(c[DMA_UNMAP_WRITE].why, sizeof(c[DMA_UNMAP_WRITE].why), "%s", why);
		return;
	}
	write_case(x, &c[DMA_UNMAP_WRITE], DMA_BUF_RW, DMA_IOVA_RW + OFF_WRITE_DST, EDU_OFF_A,
		   0x5a, FAULT_WAIT_MS);
}

void dma_experiment(struct pt_session *s, struct dma_device_run *r)
{
	struct pt_device *d;
	struct exp x = { .r = r };
	char why[PT_WHY_SIZE];

	r->assign_rc = pt_assign(s, r->bdf, &d, r->why);
	if (r->assign_rc) {
		not_run(r, r->why);
		return;
	}
	r->assigned = true;
	r->group = pt_device_group(d);
	r->reset_offered = pt_device_can_reset(d);
	r->reset_rc = pt_reset(d, r->reset_why);
	if (edu_open(&x.edu, d, r->why))
		goto give_back;
	r->completion = edu_completion(&x.edu);
	x.mem = mmap(NULL, DMA_NBUFS * DMA_PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (x.mem == MAP_FAILED) {
		pt_fail(r->why, -errno, "mmap: %s", strerror(errno));
		x.mem = NULL;
		goto close_edu;
	}
	if (pt_kmsg_open(&x.k, why))
		x.k = NULL;     /* the cases still run; their faults are unseen */
	if (!map_pages(&x, d))
		run_cases(&x, d);
	pt_kmsg_close(x.k);
	munmap(x.mem, DMA_NBUFS * DMA_PAGE);
close_edu:
	edu_close(&x.edu);
give_back:
	not_run(r, r->why[0] ? r->why : "the experiment stopped early");
	r->released = true;
	r->restored = !pt_release(s, d, &r->found, &r->now, r->restore_why);
}
