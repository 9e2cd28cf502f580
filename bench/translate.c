// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Benchmark: reference translations per second through the legacy-mode
 * model (ref/vtd_translate.c). One 4-level domain maps 4 GiB in 4 KiB
 * pages (1,048,576 leaves, 2,048 last-level tables: 8 MiB of tables, more
 * than a CPU cache); then
 *   cold: a fresh walk to a random IOVA over the 4 GiB each time;
 *   warm: the same IOVA again and again, and a working set of 64 pages.
 * The model has no IOTLB: every request is a full root -> context -> 4
 * levels walk; "warm" is the same walk with its entries in the CPU cache.
 *
 *   make bench    (runs build/bench-translate [RUNS])
 *
 * docs/PERFORMANCE.md records the figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../ref/vtd_sl_tables.h"

#define TABLE_BASE     0x100000000ull
#define MAPPED         (4ull << 30)
#define HPA_BASE       0x200000000ull
#define REQUESTS       (1u << 21)
#define WORKING_SET    64
#define SID            VTD_SID(0x3a, VTD_DEVFN(0, 0))
/* QEMU's aw48 CAP: SAGAW 39 + 48, MGAW 48, SLLPS 2M + 1G (not used: 4 KiB pages). */
#define CAP_AW48       0xd2008c222f0686ull
#define ECAP_QEMU      0xf00f4aull

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* xorshift64: the IOVAs, the same sequence every run. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

struct bench {
	struct vtd_xlate_unit u;
	struct vtd_mem m;
	uint64_t rta;
	struct vtd_sl_domain d;
};

static void die(const char *what)
{
	fprintf(stderr, "bench-translate: %s failed\n", what);
	exit(1);
}

static void setup(struct bench *b)
{
	struct vtd_context_cfg c;

	vtd_xlate_unit_from_regs(CAP_AW48, ECAP_QEMU, &b->u);
	b->u.sllps = 0;     /* 4 KiB leaves throughout: the deepest walk */
	vtd_mem_init(&b->m, TABLE_BASE);
	if (vtd_root_table_alloc(&b->m, &b->rta) ||
	    vtd_sl_domain_init(&b->d, &b->m, &b->u, VTD_AW_48, 1))
		die("setup");
	c = vtd_sl_domain_context(&b->d, VTD_TT_UNTRANSLATED, false);
	if (vtd_context_set(&b->m, b->rta, SID, &c))
		die("context");
	if (vtd_sl_map(&b->d, 0, HPA_BASE, MAPPED, VTD_SL_R | VTD_SL_W))
		die("map");
}

/* @n translations of @addr(i); seconds taken. Checks each answer. */
static double run(struct bench *b, unsigned n, uint64_t mask, bool random)
{
	struct vtd_xlate_req q = { .sid = SID, .kind = VTD_REQ_READ };
	struct vtd_xlate_result res;
	uint64_t seed = 0x2545f4914f6cdd1dull;
	unsigned i;
	double t0 = now_s();

	for (i = 0; i < n; i++) {
		q.addr = random ? next_rand(&seed) & mask : (uint64_t)(i % WORKING_SET) << 12 & mask;
		if (vtd_translate(&b->m, &b->u, b->rta, &q, &res) || res.faulted ||
		    res.hpa != HPA_BASE + q.addr)
			die("translate");
	}
	return now_s() - t0;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 5, i;
	double *cold = calloc((size_t)(runs > 0 ? runs : 1), sizeof(double));
	double *same = calloc((size_t)(runs > 0 ? runs : 1), sizeof(double));
	double *set = calloc((size_t)(runs > 0 ? runs : 1), sizeof(double)), t0, tmap;
	struct bench b;

	if (!cold || !same || !set || runs < 1)
		return 1;
	t0 = now_s();
	setup(&b);
	tmap = now_s() - t0;
	for (i = 0; i < runs; i++) {
		cold[i] = run(&b, REQUESTS, MAPPED - 1, true);
		same[i] = run(&b, REQUESTS, 0, false);
		set[i] = run(&b, REQUESTS, MAPPED - 1, false);
	}
	qsort(cold, (size_t)runs, sizeof(double), cmp_double);
	qsort(same, (size_t)runs, sizeof(double), cmp_double);
	qsort(set, (size_t)runs, sizeof(double), cmp_double);
	printf("translate, 4-level domain, %llu MiB in 4 KiB pages (%zu table pages, mapped in "
	       "%.2f s), %u requests, median of %d runs, no IOTLB:\n",
	       (unsigned long long)(MAPPED >> 20), b.m.npages, tmap, REQUESTS, runs);
	printf("  cold (random IOVA):          %.2f M translations/s\n",
	       REQUESTS / cold[runs / 2] / 1e6);
	printf("  warm (one IOVA):             %.2f M translations/s\n",
	       REQUESTS / same[runs / 2] / 1e6);
	printf("  warm (%d-page working set):  %.2f M translations/s\n", WORKING_SET,
	       REQUESTS / set[runs / 2] / 1e6);
	vtd_mem_free(&b.m);
	free(cold);
	free(same);
	free(set);
	return 0;
}
