// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture.h"
#include "snapshot_layout.h"
#include "../ref/dmar.h"
#include "../ref/vtd_regs.h"
#include "../results/xalloc.h"

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

static const char *const proc_files[] = {
	PATH_INTERRUPTS, PATH_CMDLINE, PATH_IOMEM, PATH_KERNEL_VERSION, "proc/ioports",
};

struct cap {
	struct vt_platform *src;
	const char *dir;
	struct capture_stats *st;
};

static int mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; *s && !rc; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (!rc && mkdir(p, 0755) && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

static char *dest(const struct cap *c, const char *rel)
{
	return xasprintf("%s/%s", c->dir, rel);
}

static int write_dest(struct cap *c, const char *rel, const void *data, size_t len)
{
	char *path = dest(c, rel), *slash = strrchr(path, '/');
	int fd, rc = -1;

	*slash = '\0';
	if (mkdirs(path) == 0) {
		*slash = '/';
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd >= 0) {
			rc = write(fd, data, len) == (ssize_t)len ? 0 : -1;
			if (close(fd))
				rc = -1;
		}
	}
	*slash = '/';
	if (rc) {
		fprintf(stderr, "vtdcert capture: %s: %s\n", path, strerror(errno));
		c->st->failed++;
	} else {
		c->st->files++;
	}
	free(path);
	return rc;
}

/* Copy one file; a missing optional file is counted, not reported. */
static void copy_file(struct cap *c, const char *rel, bool optional)
{
	struct vt_blob b;
	int rc = vt_read_file(c->src, rel, 0, &b);

	if (rc) {
		/* EIO, EINVAL: attributes the hardware cannot answer now. */
		if (optional && (rc == -ENOENT || rc == -EACCES || rc == -EPERM || rc == -EISDIR ||
				 rc == -EIO || rc == -EINVAL || rc == -ENODEV)) {
			c->st->missing++;
		} else {
			fprintf(stderr, "vtdcert capture: %s\n", vt_platform_error(c->src));
			c->st->failed++;
		}
		return;
	}
	write_dest(c, rel, b.data, b.len);
	vt_blob_free(&b);
}

static void copy_link(struct cap *c, const char *rel)
{
	char target[4096], *path, *slash;

	if (vt_read_link(c->src, rel, target, sizeof(target))) {
		c->st->missing++;
		return;
	}
	path = dest(c, rel);
	slash = strrchr(path, '/');
	*slash = '\0';
	mkdirs(path);
	*slash = '/';
	unlink(path);
	/* Kept as is: readers want the last component (driver, group number). */
	if (symlink(target, path)) {
		fprintf(stderr, "vtdcert capture: %s: %s\n", path, strerror(errno));
		c->st->failed++;
	} else {
		c->st->links++;
	}
	free(path);
}

static void copy_pci_device(struct cap *c, const char *bdf)
{
	char rel[512];
	struct vt_names n;
	size_t i;

	for (i = 0; i < sizeof(pci_attrs) / sizeof(pci_attrs[0]); i++) {
		snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/%s", bdf, pci_attrs[i]);
		copy_file(c, rel, i > 0);   /* config is the one that must be there */
	}
	for (i = 0; i < sizeof(pci_links) / sizeof(pci_links[0]); i++) {
		snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/%s", bdf, pci_links[i]);
		copy_link(c, rel);
	}
	/* virtfnN links of an SR-IOV PF, msi_irqs/N of MSI users */
	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s", bdf);
	if (!vt_list_dir(c->src, rel, &n)) {
		for (i = 0; i < n.n; i++)
			if (!strncmp(n.v[i], "virtfn", 6)) {
				snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/%s", bdf, n.v[i]);
				copy_link(c, rel);
			}
		vt_names_free(&n);
	}
	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/msi_irqs", bdf);
	if (!vt_list_dir(c->src, rel, &n)) {
		for (i = 0; i < n.n; i++) {
			snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/msi_irqs/%s", bdf, n.v[i]);
			copy_file(c, rel, true);
		}
		vt_names_free(&n);
	}
}

static void copy_dir_files(struct cap *c, const char *dir, bool recurse_links)
{
	struct vt_names n;
	char rel[512], target[64];
	size_t i;

	if (vt_list_dir(c->src, dir, &n)) {
		c->st->missing++;
		return;
	}
	for (i = 0; i < n.n; i++) {
		snprintf(rel, sizeof(rel), "%s/%s", dir, n.v[i]);
		if (!vt_read_link(c->src, rel, target, sizeof(target))) {
			if (recurse_links)
				copy_link(c, rel);
			continue;
		}
		copy_file(c, rel, true);
	}
	vt_names_free(&n);
}

static void copy_acpi_tables(struct cap *c)
{
	copy_dir_files(c, PATH_ACPI_TABLES, false);
	copy_dir_files(c, PATH_ACPI_TABLES "/dynamic", false);
}

static void copy_pci(struct cap *c)
{
	struct vt_names n;
	size_t i;

	if (vt_list_dir(c->src, PATH_PCI_DEVICES, &n)) {
		c->st->missing++;
		return;
	}
	for (i = 0; i < n.n; i++)
		copy_pci_device(c, n.v[i]);
	vt_names_free(&n);
}

static void copy_iommu_groups(struct cap *c)
{
	struct vt_names n;
	char rel[512];
	size_t i;

	if (vt_list_dir(c->src, PATH_IOMMU_GROUPS, &n)) {
		c->st->missing++;
		return;
	}
	for (i = 0; i < n.n; i++) {
		snprintf(rel, sizeof(rel), PATH_IOMMU_GROUPS "/%s/devices", n.v[i]);
		copy_dir_files(c, rel, true);
		snprintf(rel, sizeof(rel), PATH_IOMMU_GROUPS "/%s/type", n.v[i]);
		copy_file(c, rel, true);
		snprintf(rel, sizeof(rel), PATH_IOMMU_GROUPS "/%s/reserved_regions", n.v[i]);
		copy_file(c, rel, true);
	}
	vt_names_free(&n);
}

static void copy_iommu_units(struct cap *c)
{
	struct vt_names n;
	char rel[512];
	size_t i;

	if (vt_list_dir(c->src, PATH_IOMMU_CLASS, &n)) {
		c->st->missing++;
		return;
	}
	for (i = 0; i < n.n; i++) {
		snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/intel-iommu", n.v[i]);
		copy_dir_files(c, rel, false);
		snprintf(rel, sizeof(rel), PATH_IOMMU_CLASS "/%s/devices", n.v[i]);
		copy_dir_files(c, rel, true);
	}
	vt_names_free(&n);
}

static void copy_memmap(struct cap *c)
{
	struct vt_names n;
	char rel[512];
	size_t i;
	static const char *const attrs[] = { "start", "end", "type" };

	if (vt_list_dir(c->src, "sys/firmware/memmap", &n)) {
		c->st->missing++;
		return;
	}
	for (i = 0; i < n.n * 3; i++) {
		snprintf(rel, sizeof(rel), "sys/firmware/memmap/%s/%s", n.v[i / 3],
			 attrs[i % 3]);
		copy_file(c, rel, true);
	}
	vt_names_free(&n);
}

static void copy_list(struct cap *c, const char *prefix, const char *const *names,
		      size_t count)
{
	char rel[512];
	size_t i;

	for (i = 0; i < count; i++) {
		if (prefix)
			snprintf(rel, sizeof(rel), "%s/%s", prefix, names[i]);
		else
			snprintf(rel, sizeof(rel), "%s", names[i]);
		copy_file(c, rel, true);
	}
}

static void copy_kernel_log(struct cap *c)
{
	struct vt_blob b;

	if (vt_kernel_log(c->src, &b)) {
		fprintf(stderr, "vtdcert capture: %s\n", vt_platform_error(c->src));
		c->st->missing++;
		return;
	}
	write_dest(c, SNAPSHOT_KERNEL_LOG, b.data, b.len);
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
	char *text = NULL, *line;
	size_t len = 0, i, k;
	uint64_t v;

	if (vt_read_file(c->src, PATH_DMAR_TABLE, 0, &b))
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
					c->st->missing++;
					continue;
				}
				line = xasprintf("%s0x%llx 0x%llx\n", text ? text : "",
						 (unsigned long long)addr, (unsigned long long)v);
				free(text);
				text = line;
				len = strlen(text);
			}
		}
		dmar_free(&t);
	}
	vt_blob_free(&b);
	if (text)
		write_dest(c, SNAPSHOT_MMIO, text, len);
	free(text);
}

int vt_capture(struct vt_platform *src, const char *dir, struct capture_stats *st)
{
	struct cap c = { .src = src, .dir = dir, .st = st };

	memset(st, 0, sizeof(*st));
	if (mkdirs(dir)) {
		fprintf(stderr, "vtdcert capture: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	copy_acpi_tables(&c);
	copy_drhd_registers(&c);
	copy_pci(&c);
	copy_iommu_groups(&c);
	copy_iommu_units(&c);
	copy_memmap(&c);
	copy_list(&c, PATH_DMI, dmi_attrs, sizeof(dmi_attrs) / sizeof(dmi_attrs[0]));
	copy_list(&c, NULL, proc_files, sizeof(proc_files) / sizeof(proc_files[0]));
	copy_kernel_log(&c);
	if (src->pci_dump) {
		struct vt_blob b;

		if (!vt_read_file(src, SNAPSHOT_LSPCI_DUMP, 0, &b)) {
			write_dest(&c, SNAPSHOT_LSPCI_DUMP, b.data, b.len);
			vt_blob_free(&b);
		}
	}
	return 0;
}
