/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The groups as the reference predicts them for one machine, beside the
 * groups its kernel made: what the groups suite checks and what `vtdcert
 * groups` shows. Built from the environment once: the PCI model, which
 * devices an IOMMU translates (the DMAR's DRHD scopes, the kernel's state),
 * the kernel's version, and /sys/kernel/iommu_groups. Every list is
 * indexed once, so a view of 10,000 functions costs what grouping them does.
 */
#ifndef VTDCERT_SUITES_GROUPS_VIEW_H
#define VTDCERT_SUITES_GROUPS_VIEW_H

#include "../../framework/env.h"
#include "../../ref/pci_groups.h"

/*
 * One comparison of the kernel's groups with the prediction: a kernel
 * group and the predicted group of its first device, or a predicted
 * group the kernel did not make.
 */
struct groups_pair {
	long kernel;                /* index into env->groups, or -1 */
	long predicted;             /* predicted group, or -1 */
};

struct groups_view {
	const struct vt_env *env;
	const struct pci_model *m;
	struct pci_grouping g;
	bool *translated;           /* per function */
	bool *is_vf;
	bool *known;                /* config space read far enough to predict */
	size_t nunknown;
	long *observed;             /* per function: its kernel group (env->groups index), or -1 */
	bool have_observed;         /* /sys/kernel/iommu_groups could be read */
	bool iommu_on;              /* the source shows the IOMMU translating */
	/*
	 * The source does not show the IOMMU on: the groups are those the
	 * kernel will make once it is, the ACS controls it sets then taken
	 * as set (ref/pci_groups.h PCI_ACS_KERNEL_ENABLES).
	 */
	bool predicted_for_on;
	long *assumed;              /* functions whose ACS controls were assumed */
	size_t nassumed;
	struct group_inputs in;
	char kernel[32];            /* "6.1.119", or "" when unknown */
	char note[1024];            /* what was assumed, or "" */
	/* members of predicted group g: member[first[g] .. first[g + 1]) */
	size_t *first;
	long *member;
	/* members of kernel group k that the PCI model has: kmember[kfirst[k] .. kfirst[k + 1]) */
	size_t *kfirst;
	long *kmember;
	const char **kmissing;      /* per kernel group: a PCI device the model lacks, or NULL */
	struct groups_pair *pairs;
	size_t npairs;
};

/*
 * Build the view; 0, or -1 with @why (no PCI model, out of memory). The
 * environment must outlive the view.
 */
int groups_view_build(struct vt_env *env, struct groups_view *v, char *why, size_t size);
void groups_view_free(struct groups_view *v);

/* The members of predicted group @gid (function indexes, ascending); their count in @n. */
const long *groups_members(const struct groups_view *v, long gid, size_t *n);
/* The members of kernel group @k (an env->groups index) that the model has. */
const long *groups_kernel_members(const struct groups_view *v, long k, size_t *n);
/* The kernel's group of exactly the devices of predicted group @gid: its number, or -1. */
long groups_kernel_id(const struct groups_view *v, long gid);
/* "0000:00:1c.0 0000:02:00.0" for @n functions, the first 64 (caller frees). */
char *groups_list_text(const struct groups_view *v, const long *fns, size_t n);

/*
 * The first of @n functions whose configuration space was not read far
 * enough to predict its group (the 256-byte header and capability list;
 * for PCIe, the extended space where ACS lives), or -1.
 */
long groups_first_unknown(const struct groups_view *v, const long *fns, size_t n);


/*
 * Why @n functions are in their group, a line per cause ("root port
 * 0000:00:1c.0 does not enable ACS RR, CR"), once each: up to @max texts into @out (caller frees each). */
size_t groups_causes(const struct groups_view *v, const long *fns, size_t n, char **out,
		     size_t max);
/*
 * What a hypervisor can do with a group. Bridges do not count: VFIO assigns
 * a group that holds bridges, and they stay with the host (Linux vfio.c
 * vfio_dev_driver_allowed() before 5.19: "we can include PCI interconnect
 * devices, ie. bridges"; from 5.19 pcieport sets driver_managed_dma, so
 * iommu_group_claim_dma_owner() succeeds with it bound). A bridge counts
 * so when unbound or bound to pcieport (or pci-stub, vfio-pci); a CardBus
 * bridge, or one bound to another driver, is a device like any. Devices
 * behind a PCIe-to-PCI bridge still need each other, not the bridge.
 */
enum groups_verdict {
	GROUPS_ALONE,               /* one device, bridges aside */
	GROUPS_ONE_CARD,            /* the functions of one card, bridges aside */
	GROUPS_COMPANIONS,          /* devices of several slots: assigned only together */
	GROUPS_NOT_TRANSLATED,      /* no IOMMU translates it */
};

/* The verdict on the @n functions of a group; how many of them are bridges in @nbridges. */
enum groups_verdict groups_judge(const struct groups_view *v, const long *fns, size_t n,
				 size_t *nbridges);
/* "alone", "one card", "with companions", "not translated". */
const char *groups_verdict_name(enum groups_verdict verdict);
/* The verdict name for function @i's group. */
const char *groups_verdict(const struct groups_view *v, long i);
/* The verdict name of predicted group @gid. */
const char *groups_group_verdict(const struct groups_view *v, long gid);

#endif
