/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The environment of one run: every fact about the machine a suite may
 * read, loaded through the platform interface lazily and at most once.
 * Suites read from here, never from paths. Each part is described once, in
 * the parts table (env_parts.c: its name, what it needs loaded first, its
 * loader, release and JSON), and is available, or says why not:
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
#include <stdio.h>

#include "../platform/platform.h"
#include "../ref/acpi_madt.h"
#include "../ref/dmar.h"
#include "../ref/dmar_index.h"
#include "../ref/memmap.h"
#include "../ref/acpi_hpet.h"
#include "../ref/pci_model.h"
#include "../ref/vtd_unit.h"

struct json;

enum vt_env_part {
	VT_ENV_DMAR,                /* the DMAR table: bytes, decoded, indexed */
	VT_ENV_MADT,                /* the MADT, decoded */
	VT_ENV_PCI,                 /* the PCI model with sysfs facts */
	VT_ENV_MEMMAP,              /* firmware e820 map and /proc/iomem */
	VT_ENV_UNITS,               /* remapping units: the DRHDs' and the kernel's */
	VT_ENV_GROUPS,              /* /sys/kernel/iommu_groups */
	VT_ENV_CMDLINE,             /* /proc/cmdline */
	VT_ENV_KLOG,                /* the kernel log */
	VT_ENV_KVERSION,            /* /proc/version */
	VT_ENV_CPU,                 /* /proc/cpuinfo */
	VT_ENV_INTERRUPTS,          /* /proc/interrupts */
	VT_ENV_DMI,                 /* the machine's identity */
	VT_ENV_HPET,                /* the ACPI HPET table, decoded */
	VT_ENV_PART_COUNT
};

enum vt_avail { VT_UNLOADED, VT_AVAILABLE, VT_ABSENT, VT_UNKNOWN, VT_BROKEN };

/*
 * A remapping unit: one a DRHD names, one the kernel registered
 * (/sys/class/iommu/dmarN), or both at the same base. Its registers come
 * from the kernel's sysfs where it registered the unit, else are read
 * through the platform (/dev/mem, a snapshot's mmio.txt); each says which.
 */
struct iommu_unit {
	char name[32];              /* the kernel's "dmar0", or "" when none */
	long drhd;                  /* the DRHD (structure index) at its base, or -1 */
	bool address_known;
	uint64_t address;
	uint64_t reg[VTD_UR_COUNT];
	unsigned known;             /* one bit per enum vtd_unit_reg read */
	const char *from[VTD_UR_COUNT]; /* where each known register came from */
	char version[16];           /* the kernel's "1:0", or "" */
	char why[160];              /* why the address or a register is unknown */
};

static inline bool iommu_unit_has(const struct iommu_unit *u, enum vtd_unit_reg r)
{
	return u->known & (1u << r);
}

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

/* DMI identity (sys/class/dmi/id), without serial numbers or UUIDs. */
enum vt_dmi_field {
	VT_DMI_SYS_VENDOR, VT_DMI_PRODUCT_NAME, VT_DMI_PRODUCT_VERSION,
	VT_DMI_PRODUCT_FAMILY, VT_DMI_PRODUCT_SKU, VT_DMI_BOARD_VENDOR, VT_DMI_BOARD_NAME,
	VT_DMI_BOARD_VERSION, VT_DMI_BIOS_VENDOR, VT_DMI_BIOS_VERSION, VT_DMI_BIOS_DATE,
	VT_DMI_BIOS_RELEASE, VT_DMI_CHASSIS_VENDOR, VT_DMI_CHASSIS_TYPE, VT_DMI_COUNT
};

struct vt_env_part_state {
	enum vt_avail avail;
	char *why;
	bool unreadable;            /* the source had it and could not give it */
};

struct vt_env {
	struct vt_platform *plat;   /* NULL: no machine (table files, tests) */
	struct vt_env_part_state part[VT_ENV_PART_COUNT];
	/* What the run is, learnt from the platform when the environment is made. */
	bool live;                  /* the running system, not a snapshot */
	bool root;                  /* with root privileges */
	bool vfio;                  /* /dev/vfio/vfio can be opened read-write */

	/* VT_ENV_DMAR: the bytes, and when they are a DMAR table, decoded and indexed */
	char *dmar_name;            /* "/sys/firmware/acpi/tables/DMAR" or the file */
	struct vt_blob dmar;
	bool dmar_read;             /* the bytes are there (decoded or not) */
	enum dmar_decode_status dmar_status;
	struct dmar_table table;
	struct dmar_index dmar_x;
	/* VT_ENV_HPET */
	struct acpi_hpet hpet;
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
	/* VT_ENV_UNITS: DRHD units in table order, then the kernel's others */
	struct iommu_unit *units;
	size_t nunits;
	size_t kernel_units;        /* how many of them the kernel registered */
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
	/* VT_ENV_DMI: NULL where the machine does not say */
	char *dmi[VT_DMI_COUNT];
};

/* ---- the parts table (env_parts.c) ---- */

struct vt_env_part_def {
	const char *key;            /* "pci": the need's name in docs/checks.md */
	const char *name;           /* "PCI devices", in messages */
	unsigned after;             /* parts loaded first (1u << part) */
	bool required;              /* a capture fails when the source cannot give it */
	void (*load)(struct vt_env *e);
	void (*release)(struct vt_env *e);
	/* Write the part's data as members of the `vtdcert env` object. */
	void (*json)(struct json *j, struct vt_env *e);
};

/* The definition of @part; its name ("PCI devices"). */
const struct vt_env_part_def *vt_env_part(enum vt_env_part part);
const char *vt_env_part_name(enum vt_env_part part);

/* An environment for @plat (NULL: nothing loads; tests provide parts). */
void vt_env_init(struct vt_env *e, struct vt_platform *plat);
void vt_env_free(struct vt_env *e);

/* Load @part (and what it needs first) if not yet tried; its availability. */
enum vt_avail vt_env_load(struct vt_env *e, enum vt_env_part part);
/* Load every part: what `vtdcert env` shows and `vtdcert capture` records. */
void vt_env_load_all(struct vt_env *e);
/* Whether @part is available (loading it first). */
bool vt_env_has(struct vt_env *e, enum vt_env_part part);
/* Load every part and write them as JSON (`vtdcert env`). 0, or -1 on a stream error. */
int vt_env_write_json(struct vt_env *e, FILE *f);

/* ---- parts by hand, and their state (env.c) ---- */

/* Why @part is not available ("" when it is). */
const char *vt_env_why(const struct vt_env *e, enum vt_env_part part);
/* Whether @part was loaded and is available, without loading it. */
bool vt_env_ready(const struct vt_env *e, enum vt_env_part part);

/* Mark @part loaded by hand (tests, table files) as @avail with @why. */
void vt_env_provide(struct vt_env *e, enum vt_env_part part, enum vt_avail avail,
		    const char *why);
/* The DMAR table from a file named on the command line (takes @blob). */
void vt_env_set_table(struct vt_env *e, const char *name, struct vt_blob *blob);
/*
 * The DMAR part from its bytes, as its loader and vt_env_set_table() make
 * it: decoded and indexed, or broken saying why it is not a DMAR table.
 */
void vt_env_decode_table(struct vt_env *e);

/* ---- conveniences over loaded parts ---- */

/* The unit at register base @base, or NULL. */
const struct iommu_unit *vt_env_unit_at(const struct vt_env *e, uint64_t base);
/*
 * Register @r of a unit as `vtdcert env` and `vtdcert regs` show it: the
 * member "name": {"value", "from", "fields": {each field by name}}.
 */
void vt_json_unit_register(struct json *j, enum vtd_unit_reg r, uint64_t v, const char *from);
/* Whether the first CPU has flag @flag ("x2apic"); CPU must be loaded. */
bool vt_env_cpu_has(const struct vt_env *e, const char *flag);

/* ---- for the loaders (env_*.c): record the outcome ---- */

/* Set @part's availability and why (a format, or NULL). */
void vt_env_set(struct vt_env *e, enum vt_env_part part, enum vt_avail avail,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/*
 * A platform read failed with @rc: the part is absent, unknown or broken
 * as the error says (platform.h), with the platform's error line as why.
 */
void vt_env_read_failed(struct vt_env *e, enum vt_env_part part, int rc);
enum vt_avail vt_env_avail_of(int rc);

#endif
