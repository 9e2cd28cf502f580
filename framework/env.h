/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The environment of one run: every fact about the machine a suite may
 * read, loaded through the platform interface lazily and at most once
 * (env.c and the env_*.c loaders). Suites read from here, never from
 * paths. Each part is available, or says why not:
 *
 *   VT_AVAILABLE  loaded; the data fields hold it (possibly empty, e.g. no
 *                 IOMMU unit on a machine whose kernel registered none)
 *   VT_ABSENT     the machine does not have it (no DMAR table): a skip
 *   VT_UNKNOWN    could not be learnt (a partial snapshot, not root): a skip
 *   VT_BROKEN     there, but unreadable or malformed: an error
 *
 * Tests fill parts by hand and mark them with vt_env_provide().
 */
#ifndef VTDCERT_FRAMEWORK_ENV_H
#define VTDCERT_FRAMEWORK_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../platform/platform.h"
#include "../ref/acpi_madt.h"
#include "../ref/memmap.h"
#include "../ref/pci_model.h"

enum vt_env_part {
	VT_ENV_DMAR,                /* the DMAR table's bytes */
	VT_ENV_MADT,                /* the MADT, decoded */
	VT_ENV_PCI,                 /* the PCI model with sysfs facts */
	VT_ENV_MEMMAP,              /* firmware e820 map and /proc/iomem */
	VT_ENV_UNITS,               /* /sys/class/iommu/dmar* */
	VT_ENV_GROUPS,              /* /sys/kernel/iommu_groups */
	VT_ENV_CMDLINE,             /* /proc/cmdline */
	VT_ENV_KLOG,                /* the kernel log */
	VT_ENV_KVERSION,            /* /proc/version */
	VT_ENV_CPU,                 /* /proc/cpuinfo */
	VT_ENV_INTERRUPTS,          /* /proc/interrupts */
	VT_ENV_PART_COUNT
};

enum vt_avail { VT_UNLOADED, VT_AVAILABLE, VT_ABSENT, VT_UNKNOWN, VT_BROKEN };

/* An IOMMU unit the kernel registered (/sys/class/iommu/dmarN/intel-iommu). */
struct iommu_unit {
	char name[32];
	bool address_known;
	uint64_t address;
	bool have_regs;             /* cap and ecap were readable */
	uint64_t cap, ecap;
	char version[16];           /* "1:0", or "" */
	char why[160];              /* why the address or registers are unknown */
};

/* An IOMMU group (/sys/kernel/iommu_groups/N). */
struct iommu_group {
	long id;
	char type[24];              /* "DMA", "DMA-FQ", "identity", ...; "" unknown */
	struct vt_names devices;    /* "0000:00:02.0", sorted */
};

/* One line of /proc/interrupts. */
struct irq_line {
	char irq[16];               /* "9", "NMI", "120" */
	unsigned long long total;   /* summed over CPUs */
	char *desc;                 /* what follows the counts: chip, hwirq, name */
};

struct vt_env {
	struct vt_platform *plat;   /* NULL: no machine (table files, tests) */
	struct {
		enum vt_avail avail;
		char *why;
	} part[VT_ENV_PART_COUNT];

	/* VT_ENV_DMAR */
	char *dmar_name;            /* "/sys/firmware/acpi/tables/DMAR" or the file */
	struct vt_blob dmar;
	/* VT_ENV_MADT */
	struct madt madt;
	/* VT_ENV_PCI; problems: entries reported and skipped */
	struct pci_model pci;
	struct vt_names pci_problems;
	/* VT_ENV_MEMMAP: either map may be missing, not both */
	struct mem_map e820;        /* the firmware's (sys/firmware/memmap) */
	bool have_e820;
	struct mem_map iomem;       /* the kernel's (/proc/iomem, top level) */
	bool have_iomem;
	/* VT_ENV_UNITS */
	struct iommu_unit *units;
	size_t nunits;
	/* VT_ENV_GROUPS */
	struct iommu_group *groups;
	size_t ngroups;
	/* VT_ENV_CMDLINE */
	char *cmdline;
	/* VT_ENV_KLOG: the text, prefixes kept */
	struct vt_blob klog;
	/* VT_ENV_KVERSION */
	char *kversion_line;        /* "Linux version 6.1.0-28-amd64 (...) ..." */
	char kernel_release[64];    /* "6.1.0-28-amd64" */
	/* VT_ENV_CPU: the first processor's */
	char *cpu_flags;            /* " fpu vme ... x2apic ... " (spaces around) */
	char cpu_vendor[32];
	/* VT_ENV_INTERRUPTS */
	struct irq_line *irqs;
	size_t nirqs;
};

/* An environment for @plat (NULL: nothing loads; tests provide parts). */
void vt_env_init(struct vt_env *e, struct vt_platform *plat);
void vt_env_free(struct vt_env *e);

/* Load @part if not yet tried; its availability. */
enum vt_avail vt_env_load(struct vt_env *e, enum vt_env_part part);
/* Whether @part is available (loading it first). */
bool vt_env_has(struct vt_env *e, enum vt_env_part part);
/* Why @part is not available ("" when it is). */
const char *vt_env_why(const struct vt_env *e, enum vt_env_part part);
const char *vt_env_part_name(enum vt_env_part part);

/* Mark @part loaded by hand (tests, table files) as @avail with @why. */
void vt_env_provide(struct vt_env *e, enum vt_env_part part, enum vt_avail avail,
		    const char *why);
/* The DMAR table from a file named on the command line (takes @blob). */
void vt_env_set_table(struct vt_env *e, const char *name, struct vt_blob *blob);

/* ---- conveniences over loaded parts ---- */

/* The unit at register base @base, or NULL. */
const struct iommu_unit *vt_env_unit_at(const struct vt_env *e, uint64_t base);
/* Whether the first CPU has flag @flag ("x2apic"); CPU must be loaded. */
bool vt_env_cpu_has(const struct vt_env *e, const char *flag);
/* The memory map to judge RMRRs against and its name; NULL when none. */
const struct mem_map *vt_env_memmap(const struct vt_env *e, const char **source);

/* ---- loaders, one file each (env_*.c); set the part's avail and why ---- */

void vt_env_load_dmar(struct vt_env *e);
void vt_env_load_madt(struct vt_env *e);
void vt_env_load_pci(struct vt_env *e);
void vt_env_load_memmap(struct vt_env *e);
void vt_env_load_units(struct vt_env *e);
void vt_env_load_groups(struct vt_env *e);
void vt_env_load_text(struct vt_env *e, enum vt_env_part part);
void vt_env_load_cpu(struct vt_env *e);
void vt_env_load_interrupts(struct vt_env *e);

/* Record the loader's outcome: for a platform read error @rc, the right avail. */
void vt_env_set(struct vt_env *e, enum vt_env_part part, enum vt_avail avail,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
enum vt_avail vt_env_avail_of(int rc);

#endif
