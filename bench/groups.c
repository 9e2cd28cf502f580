// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Benchmark: the reference grouping model on a synthetic machine of over
 * 10,000 PCI functions (9 segments; per segment 16 root ports, each with a
 * switch of 8 downstream ports, each with an 8-function endpoint; half the
 * downstream ports and every other endpoint without ACS). Times building
 * the model (sort, capabilities, hierarchy) and predicting the groups.
 *
 *   make bench    (runs build/bench-groups [RUNS])
 *
 * Target (issue 6): under 100 ms. docs/PERFORMANCE.md records the figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../ref/le.h"
#include "../ref/pci_groups.h"
#include "../ref/sriov.h"

#define SEGMENTS      9
#define ROOT_PORTS    16
#define DSPS          8
#define EP_FUNCTIONS  8
#define TARGET_MS     100.0

static struct pci_fn *add(struct pci_model *m, uint16_t seg, uint8_t bus, uint8_t dev,
			  uint8_t fn, int type, bool mf, uint8_t secondary, bool acs)
{
	struct pci_fn *f = pci_model_add(m, seg, bus, dev, fn);

	if (!f) {
		fprintf(stderr, "bench-groups: out of memory\n");
		exit(1);
	}
	f->cfg_len = PCI_CFG_SPACE_EXP_SIZE;
	put_le16(f->cfg + PCI_CFG_VENDOR_ID, 0x8086);
	put_le16(f->cfg + PCI_CFG_DEVICE_ID, 0x1234);
	f->cfg[PCI_CFG_HEADER_TYPE] = (uint8_t)((secondary ? PCI_HEADER_TYPE_BRIDGE : 0) |
						(mf ? PCI_HEADER_MULTIFUNCTION : 0));
	if (secondary) {
		f->cfg[PCI_CFG_SECONDARY_BUS] = secondary;
		f->cfg[PCI_CFG_SUBORDINATE_BUS] = secondary;
	}
	put_le16(f->cfg + PCI_CFG_STATUS, PCI_STATUS_CAP_LIST);
	f->cfg[PCI_CFG_CAPABILITY_LIST] = 0x40;
	f->cfg[0x40] = PCI_CAP_ID_EXP;
	put_le16(f->cfg + 0x40 + PCI_EXP_FLAGS, (uint16_t)(2 | type << PCI_EXP_FLAGS_TYPE_SHIFT));
	if (acs) {
		put_le32(f->cfg + 0x100, PCI_ECAP_ID_ACS | 1u << 16);
		put_le16(f->cfg + 0x100 + PCI_ACS_CAP, 0x1f);
		put_le16(f->cfg + 0x100 + PCI_ACS_CTRL, GROUP_REQ_ACS_FLAGS);
	}
	return f;
}

static void build(struct pci_model *m)
{
	unsigned s, r, d, fn;

	memset(m, 0, sizeof(*m));
	/* Added in reverse so the sort has work to do. */
	for (s = SEGMENTS; s-- > 0;)
		for (r = 0; r < ROOT_PORTS; r++) {
			uint8_t usp_bus = (uint8_t)(1 + r * (2 + DSPS)), dsp_bus = usp_bus + 1;

			add(m, (uint16_t)s, 0, (uint8_t)(1 + r), 0, PCI_EXP_TYPE_ROOT_PORT, false,
			    usp_bus, true);
			add(m, (uint16_t)s, usp_bus, 0, 0, PCI_EXP_TYPE_UPSTREAM, false, dsp_bus,
			    false);
			for (d = 0; d < DSPS; d++) {
				uint8_t ep_bus = (uint8_t)(dsp_bus + 1 + d);

				add(m, (uint16_t)s, dsp_bus, (uint8_t)d, 0, PCI_EXP_TYPE_DOWNSTREAM,
				    false, ep_bus, d % 2 == 0);
				for (fn = 0; fn < EP_FUNCTIONS; fn++)
					add(m, (uint16_t)s, ep_bus, 0, (uint8_t)fn,
					    PCI_EXP_TYPE_ENDPOINT, true, 0, fn % 2 == 0);
			}
		}
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 21, i;
	double *t = calloc((size_t)(runs > 0 ? runs : 1), sizeof(double));
	double *tp = calloc((size_t)(runs > 0 ? runs : 1), sizeof(double)), t0, t1, median;
	struct pci_grouping g;
	struct pci_model m;
	size_t n = 0, groups = 0;

	if (!t || !tp || runs < 1)
		return 1;
	for (i = 0; i < runs; i++) {
		build(&m);
		t0 = now_ms();
		if (pci_model_finish(&m))
			return 1;
		sriov_link_vfs(&m);
		t1 = now_ms();
		if (pci_group_predict(&m, NULL, &g))
			return 1;
		t[i] = now_ms() - t0;
		tp[i] = now_ms() - t1;
		n = m.n;
		groups = g.ngroups;
		pci_grouping_free(&g);
		pci_model_free(&m);
	}
	qsort(t, (size_t)runs, sizeof(double), cmp_double);
	qsort(tp, (size_t)runs, sizeof(double), cmp_double);
	median = t[runs / 2];
	printf("grouping, %zu functions -> %zu groups: median %.1f ms (of which predicting "
	       "%.1f ms), best %.1f ms (%d runs); target %.0f ms: %s\n", n, groups, median,
	       tp[runs / 2], t[0], runs, TARGET_MS, median < TARGET_MS ? "met" : "NOT met");
	free(t);
	free(tp);
	return 0;
}
