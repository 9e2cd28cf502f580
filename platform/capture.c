// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Capture: copy everything the suites read from a platform (normally the
 * live system) into a new snapshot, through the same platform interface,
 * so what is captured is exactly what is checked. What the source lacks is
 * listed as absent, what it could not give as unreadable, each with why;
 * a required input that cannot be read fails the capture.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "snapshot_layout.h"
#include "snapshot_writer.h"
#include "../ref/dmar.h"
#include "../ref/vtd_regs.h"
#include "../util/xalloc.h"

/* sysfs attributes of a PCI function the suites (and libpci) read. */
static const char *const pci_attrs[] = {
	"config", "vendor", "device", "class", "revision", "subsystem_vendor",
	"subsystem_device", "irq", "resource", "numa_node", "msi_bus",
	"enable", "reset_method", "sriov_totalvfs", "sriov_numvfs",
	"sriov_offset", "sriov_stride", "sriov_vf_device", "sriov_drivers_autoprobe",
	"d3cold_allowed", "local_cpulist", "driver_override",
};

/* Links whose target names something: driver, group, SR-IOV relations. */
static const char *const pci_links[] = {
	"driver", "iommu_group", "physfn",
};

/* DMI identity, without serial numbers and UUIDs (reports are published). */
static const char *const dmi_attrs[] = {
	"sys_vendor", "product_name", "product_version", "product_family",
	"product_sku", "board_vendor", "board_name", "board_version",
	"bios_vendor", "bios_version", "bios_date", "bios_release",
	"chassis_vendor", "chassis_type",
};

/* /proc files: the first two are required (every run reads them). */
static const char *const proc_files[] = {
	PATH_CMDLINE, PATH_KERNEL_VERSION, PATH_IOMEM, PATH_INTERRUPTS, PATH_CPUINFO,
	"proc/ioports",
};
#define PROC_REQUIRED 2

struct cap {
	struct vt_platform *src;
	struct snap_writer w;
	struct capture_stats *st;
};

/* A name that the manifest's line format can carry. */
static bool sane_name(const char *s)
{
	return !strpbrk(s, "\t\n\r");
}

/*
 * Why @rel could not be copied: absent on the source, or unreadable. A
 * required input that is there but unreadable is a failure.
 */
static void not_copied(struct cap *c, const char *rel, int rc, bool required)
{
	const char *why = vt_platform_error(c->src);
	size_t n = strlen(rel);
	/* Per-device and DMI attributes are many and often absent: counted only. */
	bool quiet = !strncmp(rel, PATH_PCI_DEVICES "/", strlen(PATH_PCI_DEVICES "/")) ||
		     !strncmp(rel, PATH_DMI "/", strlen(PATH_DMI "/"));

	/* The manifest line names the path already: keep only the reason. */
	snap_note(&c->w, rc == -ENOENT ? VT_MF_ABSENT : VT_MF_UNREADABLE, rel,
		  why[0] == '/' && !strncmp(why + 1, rel, n) && !strncmp(why + 1 + n, ": ", 2) ?
		  why + n + 3 : why);
	if (required && rc != -ENOENT) {
		fprintf(stderr, "vtdcert capture: required input unreadable: %s\n", why);
		c->st->required_failed++;
	} else if (!quiet || required) {
		fprintf(stderr, "vtdcert capture: %s: %s\n",
			rc == -ENOENT ? "absent" : "unreadable", why);
	}
}

/* Copy one regular file; @max is its cap. */
static void copy_file(struct cap *c, const char *rel, size_t max, bool required)
{
	struct vt_blob b;
	int rc = vt_read_file(c->src, rel, max, &b);

	if (rc) {
		/* EISDIR-like answers from sysfs for unreadable attributes. */
		not_copied(c, rel, rc, required);
		return;
	}
	snap_write_file(&c->w, rel, b.data, b.len);
	vt_blob_free(&b);
}

static void copy_link(struct cap *c, const char *rel)
{
	char target[4096];
	int rc = vt_read_link(c->src, rel, target, sizeof(target));

	if (rc) {
		not_copied(c, rel, rc, false);
		return;
	}
	if (!sane_name(target)) {
		snap_note(&c->w, VT_MF_UNREADABLE, rel, "link target holds a tab or newline");
		return;
	}
	/* Kept as is: readers want the last component (driver, group number). */
	snap_write_link(&c->w, rel, target);
}

/* Every entry of @dir: links as links, files copied. */
static void copy_dir(struct cap *c, const char *dir, size_t max)
{
	struct vt_names n;
	char rel[512];
	size_t i;
	int rc = vt_list_dir(c->src, dir, &n);

	if (rc) {
		not_copied(c, dir, rc, false);
		return;
	}
	for (i = 0; i < n.n; i++) {
		if (!sane_name(n.v[i]))
			continue;
		snprintf(rel, sizeof(rel), "%s/%s", dir, n.v[i]);
		if (vt_is_link(c->src, rel))
			copy_link(c, rel);
		else
			copy_file(c, rel, max, false);
	}
	vt_names_free(&n);
}

static void copy_pci_device(struct cap *c, const char *bdf)
{
	char rel[512];
	struct vt_names n;
	size_t i;

	for (i = 0; i < sizeof(pci_attrs) / sizeof(pci_attrs[0]); i++) {
		snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/%s", bdf, pci_attrs[i]);
		/* config is the one every device must give */
		copy_file(c, rel, i ? VT_MAX_ATTR : VT_MAX_CONFIG, i == 0);
	}
	for (i = 0; i < sizeof(pci_links) / sizeof(pci_links[0]); i++) {
		snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/%s", bdf, pci_links[i]);
		copy_link(c, rel);
	}
	/* virtfnN links of an SR-IOV PF, msi_irqs/N of MSI users */
	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s", bdf);
	if (!vt_list_dir(c->src, rel, &n)) {
		for (i = 0; i < n.n; i++)
			if (!strncmp(n.v[i], "virtfn", 6) && sane_name(n.v[i])) {
				snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/%s", bdf, n.v[i]);
				copy_link(c, rel);
			}
		vt_names_free(&n);
	}
	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/msi_irqs", bdf);
	if (!vt_list_dir(c->src, rel, &n)) {
		for (i = 0; i < n.n; i++) {
			if (!sane_name(n.v[i]))
				continue;
			snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/msi_irqs/%s", bdf, n.v[i]);
			copy_file(c, rel, VT_MAX_ATTR, false);
		}
		vt_names_free(&n);
	}
}

static void copy_pci(struct cap *c)
{
	struct vt_names n;
	char rel[512];
	size_t i;
	int rc = vt_list_dir(c->src, PATH_PCI_DEVICES, &n);

	if (rc) {
		not_copied(c, PATH_PCI_DEVICES, rc, true);
		return;
	}
	for (i = 0; i < n.n; i++)
		if (sane_name(n.v[i]) && !strchr(n.v[i], '/'))
			copy_pci_device(c, n.v[i]);
	vt_names_free(&n);
	/* Physical slots: NAME/address names the device in each. */
	rc = vt_list_dir(c->src, PATH_PCI_SLOTS, &n);
	if (rc) {
		not_copied(c, PATH_PCI_SLOTS, rc, false);
		return;
	}
	for (i = 0; i < n.n; i++) {
		if (!sane_name(n.v[i]))
			continue;
		snprintf(rel, sizeof(rel), PATH_PCI_SLOTS "/%s/address", n.v[i]);
		copy_file(c, rel, VT_MAX_ATTR, false);
	}
	vt_names_free(&n);
}

static void copy_iommu_groups(struct cap *c)
{
	struct vt_names n;
	char rel[512];
	size_t i;
	int rc = vt_list_dir(c->src, PATH_IOMMU_GROUPS, &n);

	if (rc) {
		not_copied(c, PATH_IOMMU_GROUPS, rc, false);
		return;
	}
	for (i = 0; i < n.n; i++) {
		if (!sane_name(n.v[i]))
			continue;
		snprintf(rel, sizeof(rel), PATH_IOMMU_GROUPS "/%s/devices", n.v[i]);
		copy_dir(c, rel, VT_MAX_ATTR);
		snprintf(rel, sizeof(rel), PATH_IOMMU_GROUPS "/%s/type", n.v[i]);
		copy_file(c, rel, VT_MAX_ATTR, false);
		snprintf(rel, sizeof(rel), PATH_IOMMU_GROUPS "/%s/reserved_regions", n.v[i]);
		copy_file(c, rel, VT_MAX_ATTR, false);
	}
	vt_names_free(&n);
}

static void copy_iommu_units(struct cap *c)
{
	struct vt_names n;
	char rel[512];
	size_t i;
	int rc = vt_list_dir(c->src, PATH_IOMMU_CLASS, &n);

	if (rc) {
		not_copied(c, PATH_IOMMU_CLASS, rc, false);
		return;
	}
	for (i = 0; i < n.n; i++) {
		if (!sane_name(n.v[i]))
			continue;
		snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu", n.v[i]);
		copy_dir(c, rel, VT_MAX_ATTR);
		snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/devices", n.v[i]);
		copy_dir(c, rel, VT_MAX_ATTR);
	}
	vt_names_free(&n);
}

static void copy_memmap(struct cap *c)
{
	static const char *const attrs[] = { "start", "end", "type" };
	struct vt_names n;
	char rel[512];
	size_t i, k;
	int rc = vt_list_dir(c->src, PATH_FIRMWARE_MEMMAP, &n);

	if (rc) {
		not_copied(c, PATH_FIRMWARE_MEMMAP, rc, false);
		return;
	}
	for (i = 0; i < n.n; i++)
		for (k = 0; k < sizeof(attrs) / sizeof(attrs[0]) && sane_name(n.v[i]); k++) {
			snprintf(rel, sizeof(rel), PATH_FIRMWARE_MEMMAP "/%s/%s", n.v[i],
				 attrs[k]);
			copy_file(c, rel, VT_MAX_ATTR, false);
		}
	vt_names_free(&n);
}

static void copy_acpi_tables(struct cap *c)
{
	struct vt_blob b;
	int rc;

	/* The DMAR table is the one input a capture cannot do without. */
	rc = vt_read_file(c->src, PATH_DMAR_TABLE, VT_MAX_ACPI_TABLE, &b);
	if (rc) {
		not_copied(c, PATH_DMAR_TABLE, rc, true);
	} else {
		snap_write_file(&c->w, PATH_DMAR_TABLE, b.data, b.len);
		vt_blob_free(&b);
	}
	copy_file(c, PATH_MADT_TABLE, VT_MAX_ACPI_TABLE, false);
}

static void copy_kernel_log(struct cap *c)
{
	struct vt_blob b;
	int rc = vt_kernel_log(c->src, VT_MAX_KERNEL_LOG, &b);

	if (rc) {
		not_copied(c, SNAPSHOT_KERNEL_LOG, rc, false);
		return;
	}
	snap_write_file(&c->w, SNAPSHOT_KERNEL_LOG, b.data, b.len);
	vt_blob_free(&b);
}

/*
 * The registers the suites read at each DRHD the firmware names (VER, CAP,
 * ECAP), so a snapshot answers the register checks as the machine did.
 */
static void copy_drhd_registers(struct cap *c)
{
	static const unsigned regs[] = { VTD_REG_VER, VTD_REG_CAP, VTD_REG_ECAP };
	struct dmar_table t;
	struct vt_blob b;
	char *text = NULL, *line, why[600] = "";
	size_t i, k;
	uint64_t v;

	if (vt_read_file(c->src, PATH_DMAR_TABLE, VT_MAX_ACPI_TABLE, &b))
		return;
	if (dmar_decode(b.data, b.len, &t) == DMAR_OK) {
		for (i = 0; i < t.nstructs; i++) {
			const struct dmar_struct *s = &t.structs[i];

			if (s->type != DMAR_TYPE_DRHD || s->truncated ||
			    !s->u.drhd.register_base)
				continue;
			for (k = 0; k < sizeof(regs) / sizeof(regs[0]); k++) {
				uint64_t addr = s->u.drhd.register_base + regs[k];

				if (vt_mmio_read64(c->src, addr, &v)) {
					snprintf(why, sizeof(why), "%s", vt_platform_error(c->src));
					continue;
				}
				line = xasprintf("%s0x%llx 0x%llx\n", text ? text : "",
						 (unsigned long long)addr, (unsigned long long)v);
				free(text);
				text = line;
			}
		}
		dmar_free(&t);
	}
	vt_blob_free(&b);
	if (text)
		snap_write_file(&c->w, SNAPSHOT_MMIO, text, strlen(text));
	else if (why[0])
		snap_note(&c->w, VT_MF_UNREADABLE, SNAPSHOT_MMIO, why);
	free(text);
}

static void copy_list(struct cap *c, const char *prefix, const char *const *names,
		      size_t count, size_t required, size_t max)
{
	char rel[512];
	size_t i;

	for (i = 0; i < count; i++) {
		snprintf(rel, sizeof(rel), "%s%s%s", prefix ? prefix : "", prefix ? "/" : "",
			 names[i]);
		copy_file(c, rel, max, i < required);
	}
}

static void copy_pci_dump(struct cap *c)
{
	struct vt_blob b;

	/* A snapshot made from an lspci dump: keep the dump (no sysfs tree). */
	if (vt_platform_is_live(c->src) ||
	    vt_read_file(c->src, SNAPSHOT_LSPCI_DUMP, VT_MAX_LSPCI_DUMP, &b))
		return;
	snap_write_file(&c->w, SNAPSHOT_LSPCI_DUMP, b.data, b.len);
	vt_blob_free(&b);
}

int vt_capture(struct vt_platform *src, const char *dir, bool force,
	       struct capture_stats *st)
{
	struct cap c = { .src = src, .st = st };
	char err[512], *source;
	int rc;

	memset(st, 0, sizeof(*st));
	if (snap_writer_open(&c.w, dir, force, err, sizeof(err))) {
		fprintf(stderr, "vtdcert capture: %s\n", err);
		return -1;
	}
	copy_acpi_tables(&c);
	copy_drhd_registers(&c);
	copy_pci(&c);
	copy_pci_dump(&c);
	copy_iommu_groups(&c);
	copy_iommu_units(&c);
	copy_memmap(&c);
	copy_list(&c, PATH_DMI, dmi_attrs, sizeof(dmi_attrs) / sizeof(dmi_attrs[0]), 0,
		  VT_MAX_ATTR);
	copy_list(&c, NULL, proc_files, sizeof(proc_files) / sizeof(proc_files[0]),
		  PROC_REQUIRED, VT_MAX_PROC_TEXT);
	copy_kernel_log(&c);
	st->files = c.w.files;
	st->links = c.w.links;
	st->absent = c.w.absent;
	st->unreadable = c.w.unreadable;
	st->write_errors = c.w.write_errors;
	st->manifest = c.w.manifest.n;
	/* An incomplete capture never replaces anything: DIR stays as it was. */
	if (st->required_failed || st->write_errors) {
		snap_writer_abort(&c.w);
		return -1;
	}
	source = xasprintf("%s %s", src->m->name, src->root);
	rc = snap_writer_close(&c.w, source);
	free(source);
	return rc ? -1 : 0;
}
