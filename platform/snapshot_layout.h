/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where things live on a machine root, live or captured, and how big they may be. */
#ifndef VTDCERT_SNAPSHOT_LAYOUT_H
#define VTDCERT_SNAPSHOT_LAYOUT_H

/* Files only a snapshot has, at its top. */
#define SNAPSHOT_KERNEL_LOG  "dmesg.txt"     /* the kernel log capture read */
#define SNAPSHOT_LSPCI_DUMP  "lspci.txt"     /* optional: `lspci -xxxx` instead of sys/ */
/* Registers read at capture: "ADDRESS VALUE" per line, both hex. */
#define SNAPSHOT_MMIO        "mmio.txt"
#define SNAPSHOT_MANIFEST    "manifest.txt"  /* platform/manifest.h */

#define PATH_ACPI_TABLES     "sys/firmware/acpi/tables"
#define PATH_DMAR_TABLE      PATH_ACPI_TABLES "/DMAR"
#define PATH_MADT_TABLE      PATH_ACPI_TABLES "/APIC"
#define PATH_HPET_TABLE      PATH_ACPI_TABLES "/HPET"
#define PATH_PCI_DEVICES     "sys/bus/pci/devices"
#define PATH_PCI_SLOTS       "sys/bus/pci/slots"
#define PATH_PCI_SYSFS       "sys/bus/pci"
#define PATH_IOMMU_CLASS     "sys/class/iommu"
#define PATH_IOMMU_GROUPS    "sys/kernel/iommu_groups"
#define PATH_FIRMWARE_MEMMAP "sys/firmware/memmap"
#define PATH_DMI             "sys/class/dmi/id"
#define PATH_IOMEM           "proc/iomem"
#define PATH_INTERRUPTS      "proc/interrupts"
#define PATH_CMDLINE         "proc/cmdline"
#define PATH_KERNEL_VERSION  "proc/version"
#define PATH_CPUINFO         "proc/cpuinfo"

/*
 * Caps: the most vtdcert reads of each kind of file. A larger file is an
 * error naming the cap, the same from a snapshot, the live system or a
 * file on the command line; it is never silently cut short.
 */
#define VT_MAX_ACPI_TABLE    (16u << 20)   /* a table's Length is a u32; none comes near */
#define VT_MAX_ATTR          (64u << 10)   /* a sysfs attribute is at most a page */
#define VT_MAX_CONFIG        4096u         /* PCIe configuration space */
#define VT_MAX_PROC_TEXT     (64u << 20)   /* iomem, interrupts, cpuinfo of big machines */
#define VT_MAX_KERNEL_LOG    (64u << 20)   /* log_buf_len can be set larger; we refuse */
#define VT_MAX_LSPCI_DUMP    (64u << 20)
#define VT_MAX_MANIFEST      (64u << 20)
#define VT_MAX_DIR_ENTRIES   100000u

#endif
