// SPDX-License-Identifier: GPL-2.0-or-later
/* What the DMAR platform checks read from a live system or snapshot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dmar_env.h"
#include "../../platform/pci.h"
#include "../../platform/snapshot_layout.h"
#include "../../results/xalloc.h"

#define PATH_E820       "sys/firmware/memmap"
#define IOMMU_UNIT_PREFIX "dmar"

/* e820 as the kernel got it from firmware: sys/firmware/memmap/N/{start,end,type} */
static int load_e820(struct dmar_env *env, struct vt_platform *p)
{
	struct vt_names n;
	size_t i;

	if (vt_list_dir(p, PATH_E820, &n))
		return -1;
	for (i = 0; i < n.n; i++) {
		char rel[256], type[64];
		uint64_t start, end;

		snprintf(rel, sizeof(rel), PATH_E820 "/%s/type", n.v[i]);
		if (vt_read_attr(p, rel, type, sizeof(type)))
			continue;
		if (strcasecmp(type, E820_RESERVED_NAME))
			continue;
		snprintf(rel, sizeof(rel), PATH_E820 "/%s/start", n.v[i]);
		if (vt_read_attr_u64(p, rel, &start))
			continue;
		snprintf(rel, sizeof(rel), PATH_E820 "/%s/end", n.v[i]);
		if (vt_read_attr_u64(p, rel, &end))
			continue;
		memmap_add(&env->memmap, start, end);
	}
	vt_names_free(&n);
	env->memmap.source = PATH_E820;
	return 0;
}

static void load_memmap(struct dmar_env *env, struct vt_platform *p)
{
	struct vt_blob b;
	char err[128];
	bool zero;
	int n;

	if (!load_e820(env, p))
		return;
	if (vt_read_file(p, PATH_IOMEM, 0, &b)) {
		env->memmap_err = xasprintf("no %s and %s", PATH_E820,
					    vt_platform_error(p));
		return;
	}
	n = memmap_parse_iomem(&env->memmap, (const char *)b.data, b.len, &zero,
			       err, sizeof(err));
	vt_blob_free(&b);
	env->memmap.source = PATH_IOMEM;
	if (n < 0)
		env->memmap_err = xasprintf("%s%s: %s", p->root, PATH_IOMEM, err);
	else if (n == 0 || zero)
		env->memmap_err = xasprintf("%s%s shows no addresses (read as non-root?)",
					    p->root, PATH_IOMEM);
	if (env->memmap_err)
		memmap_free(&env->memmap);
}

static void load_units(struct dmar_env *env, struct vt_platform *p)
{
	struct vt_names n;
	size_t i;

	if (vt_list_dir(p, PATH_IOMMU_CLASS, &n))
		return;             /* no class directory: no units */
	for (i = 0; i < n.n; i++) {
		struct iommu_unit u = { 0 };
		char rel[256];

		if (strncmp(n.v[i], IOMMU_UNIT_PREFIX, strlen(IOMMU_UNIT_PREFIX)))
			continue;
		snprintf(u.name, sizeof(u.name), "%s", n.v[i]);
		snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu/address", n.v[i]);
		if (vt_read_attr_u64(p, rel, &u.address))
			continue;
		snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu/cap", n.v[i]);
		u.have_regs = !vt_read_attr_u64(p, rel, &u.cap);
		snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu/ecap", n.v[i]);
		u.have_regs = u.have_regs && !vt_read_attr_u64(p, rel, &u.ecap);
		env->units = xrealloc(env->units, (env->nunits + 1) * sizeof(*env->units));
		env->units[env->nunits++] = u;
	}
	vt_names_free(&n);
}

static void load_kernel_log(struct dmar_env *env, struct vt_platform *p)
{
	struct vt_blob b;

	if (vt_kernel_log(p, &b)) {
		env->klog_err = xstrdup(vt_platform_error(p));
		return;
	}
	klog_select((const char *)b.data, b.len, klog_is_dmar_fw_bug, &env->fw_bugs);
	klog_select((const char *)b.data, b.len, klog_is_dmar_refusal, &env->refusals);
	vt_blob_free(&b);
}

void dmar_env_load(struct dmar_env *env, struct vt_platform *p)
{
	char buf[4096];

	memset(env, 0, sizeof(*env));
	env->plat = p;
	if (vt_pci_scan(p, &env->pci))
		env->pci_err = xstrdup(vt_platform_error(p));
	load_memmap(env, p);
	load_units(env, p);
	if (!vt_read_attr(p, PATH_CMDLINE, buf, sizeof(buf)))
		env->cmdline = xstrdup(buf);
	load_kernel_log(env, p);
}

void dmar_env_free(struct dmar_env *env)
{
	pci_topology_free(&env->pci);
	memmap_free(&env->memmap);
	free(env->pci_err);
	free(env->memmap_err);
	free(env->units);
	free(env->cmdline);
	klog_lines_free(&env->fw_bugs);
	klog_lines_free(&env->refusals);
	free(env->klog_err);
	memset(env, 0, sizeof(*env));
}
