// SPDX-License-Identifier: GPL-2.0-or-later
/* The environment: lazy loading, availability, and the small text parts. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "../platform/snapshot_layout.h"
#include "../util/xalloc.h"

static const char *const part_names[VT_ENV_PART_COUNT] = {
	[VT_ENV_DMAR] = "DMAR table", [VT_ENV_MADT] = "MADT",
	[VT_ENV_PCI] = "PCI devices", [VT_ENV_MEMMAP] = "memory map",
	[VT_ENV_UNITS] = "IOMMU units", [VT_ENV_GROUPS] = "IOMMU groups",
	[VT_ENV_CMDLINE] = "kernel command line", [VT_ENV_KLOG] = "kernel log",
	[VT_ENV_KVERSION] = "kernel version", [VT_ENV_CPU] = "CPU flags",
	[VT_ENV_INTERRUPTS] = "interrupts",
};

const char *vt_env_part_name(enum vt_env_part part)
{
	return part < VT_ENV_PART_COUNT ? part_names[part] : "?";
}

void vt_env_init(struct vt_env *e, struct vt_platform *plat)
{
	memset(e, 0, sizeof(*e));
	e->plat = plat;
}

void vt_env_free(struct vt_env *e)
{
	size_t i;

	for (i = 0; i < VT_ENV_PART_COUNT; i++)
		free(e->part[i].why);
	free(e->dmar_name);
	vt_blob_free(&e->dmar);
	madt_free(&e->madt);
	pci_model_free(&e->pci);
	vt_names_free(&e->pci_problems);
	memmap_free(&e->e820);
	memmap_free(&e->iomem);
	free(e->units);
	for (i = 0; i < e->ngroups; i++)
		vt_names_free(&e->groups[i].devices);
	free(e->groups);
	free(e->cmdline);
	vt_blob_free(&e->klog);
	free(e->kversion_line);
	free(e->cpu_flags);
	for (i = 0; i < e->nirqs; i++)
		free(e->irqs[i].desc);
	free(e->irqs);
	memset(e, 0, sizeof(*e));
}

void vt_env_set(struct vt_env *e, enum vt_env_part part, enum vt_avail avail,
		const char *fmt, ...)
{
	va_list ap;

	free(e->part[part].why);
	e->part[part].avail = avail;
	if (!fmt) {
		e->part[part].why = NULL;
		return;
	}
	va_start(ap, fmt);
	e->part[part].why = xvasprintf(fmt, ap);
	va_end(ap);
}

void vt_env_provide(struct vt_env *e, enum vt_env_part part, enum vt_avail avail,
		    const char *why)
{
	vt_env_set(e, part, avail, why ? "%s" : NULL, why);
}

/*
 * A platform error's meaning for a part (platform.h): the machine lacks it,
 * nobody can tell, or it is there and bad.
 */
enum vt_avail vt_env_avail_of(int rc)
{
	switch (rc) {
	case 0:
		return VT_AVAILABLE;
	case -ENOENT:
		return VT_ABSENT;
	case -ENODATA:
	case -EACCES:
	case -EPERM:
	case -ENOTSUP:
		return VT_UNKNOWN;
	default:
		return VT_BROKEN;
	}
}

void vt_env_set_table(struct vt_env *e, const char *name, struct vt_blob *blob)
{
	free(e->dmar_name);
	e->dmar_name = xstrdup(name);
	vt_blob_free(&e->dmar);
	e->dmar = *blob;
	blob->data = NULL;
	blob->len = 0;
	vt_env_set(e, VT_ENV_DMAR, VT_AVAILABLE, NULL);
}

/* ---- the small text parts ---- */

static void load_cmdline(struct vt_env *e)
{
	struct vt_blob b;
	int rc = vt_read_file(e->plat, PATH_CMDLINE, VT_MAX_ATTR, &b);
	size_t n;

	if (rc) {
		vt_env_set(e, VT_ENV_CMDLINE, vt_env_avail_of(rc), "%s",
			   vt_platform_error(e->plat));
		return;
	}
	n = b.len;
	while (n && (b.data[n - 1] == '\n' || b.data[n - 1] == ' '))
		n--;
	b.data[n] = '\0';
	e->cmdline = (char *)b.data;
	vt_env_set(e, VT_ENV_CMDLINE, VT_AVAILABLE, NULL);
}

/* "Linux version 6.1.0-28-amd64 (debian-kernel@...) ...": the release is word 3. */
static void load_kversion(struct vt_env *e)
{
	static const char prefix[] = "Linux version ";
	struct vt_blob b;
	int rc = vt_read_file(e->plat, PATH_KERNEL_VERSION, VT_MAX_ATTR, &b);
	size_t n;

	if (rc) {
		vt_env_set(e, VT_ENV_KVERSION, vt_env_avail_of(rc), "%s",
			   vt_platform_error(e->plat));
		return;
	}
	e->kversion_line = (char *)b.data;
	e->kversion_line[strcspn(e->kversion_line, "\n")] = '\0';
	if (strncmp(e->kversion_line, prefix, strlen(prefix))) {
		vt_env_set(e, VT_ENV_KVERSION, VT_BROKEN, "/%s: does not start with \"%s\"",
			   PATH_KERNEL_VERSION, prefix);
		return;
	}
	n = strcspn(e->kversion_line + strlen(prefix), " ");
	if (!n || n >= sizeof(e->kernel_release)) {
		vt_env_set(e, VT_ENV_KVERSION, VT_BROKEN, "/%s: no release after \"%s\"",
			   PATH_KERNEL_VERSION, prefix);
		return;
	}
	memcpy(e->kernel_release, e->kversion_line + strlen(prefix), n);
	e->kernel_release[n] = '\0';
	vt_env_set(e, VT_ENV_KVERSION, VT_AVAILABLE, NULL);
}

static void load_klog(struct vt_env *e)
{
	int rc = vt_kernel_log(e->plat, VT_MAX_KERNEL_LOG, &e->klog);

	vt_env_set(e, VT_ENV_KLOG, vt_env_avail_of(rc), rc ? "%s" : NULL,
		   vt_platform_error(e->plat));
}

void vt_env_load_text(struct vt_env *e, enum vt_env_part part)
{
	if (part == VT_ENV_CMDLINE)
		load_cmdline(e);
	else if (part == VT_ENV_KVERSION)
		load_kversion(e);
	else if (part == VT_ENV_KLOG)
		load_klog(e);
}

enum vt_avail vt_env_load(struct vt_env *e, enum vt_env_part part)
{
	if (e->part[part].avail != VT_UNLOADED)
		return e->part[part].avail;
	if (!e->plat) {
		vt_env_set(e, part, VT_UNKNOWN, "the %s needs a live system or a "
			   "snapshot (--root)", part_names[part]);
		return VT_UNKNOWN;
	}
	switch (part) {
	case VT_ENV_DMAR: vt_env_load_dmar(e); break;
	case VT_ENV_MADT: vt_env_load_madt(e); break;
	case VT_ENV_PCI: vt_env_load_pci(e); break;
	case VT_ENV_MEMMAP: vt_env_load_memmap(e); break;
	case VT_ENV_UNITS: vt_env_load_units(e); break;
	case VT_ENV_GROUPS: vt_env_load_groups(e); break;
	case VT_ENV_CPU: vt_env_load_cpu(e); break;
	case VT_ENV_INTERRUPTS: vt_env_load_interrupts(e); break;
	default: vt_env_load_text(e, part); break;
	}
	if (e->part[part].avail == VT_UNLOADED)     /* a loader that said nothing */
		vt_env_set(e, part, VT_BROKEN, "the %s loader gave no answer",
			   part_names[part]);
	return e->part[part].avail;
}

bool vt_env_has(struct vt_env *e, enum vt_env_part part)
{
	return vt_env_load(e, part) == VT_AVAILABLE;
}

const char *vt_env_why(const struct vt_env *e, enum vt_env_part part)
{
	return e->part[part].why ? e->part[part].why : "";
}

/* ---- conveniences ---- */

const struct iommu_unit *vt_env_unit_at(const struct vt_env *e, uint64_t base)
{
	size_t i;

	for (i = 0; i < e->nunits; i++)
		if (e->units[i].address_known && e->units[i].address == base)
			return &e->units[i];
	return NULL;
}

bool vt_env_cpu_has(const struct vt_env *e, const char *flag)
{
	char *word;
	bool found;

	if (!e->cpu_flags)
		return false;
	word = xasprintf(" %s ", flag);
	found = strstr(e->cpu_flags, word) != NULL;
	free(word);
	return found;
}

const struct mem_map *vt_env_memmap(const struct vt_env *e, const char **source)
{
	if (e->have_e820) {
		*source = "/" PATH_FIRMWARE_MEMMAP;
		return &e->e820;
	}
	if (e->have_iomem) {
		*source = "/" PATH_IOMEM;
		return &e->iomem;
	}
	*source = NULL;
	return NULL;
}
