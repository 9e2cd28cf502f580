/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where things live on a machine root, live or captured. */
#ifndef VTDCERT_SNAPSHOT_LAYOUT_H
#define VTDCERT_SNAPSHOT_LAYOUT_H

#define SNAPSHOT_KERNEL_LOG  "dmesg.txt"     /* snapshot only */
#define SNAPSHOT_LSPCI_DUMP  "lspci.txt"     /* snapshot only, optional */
/* Registers read at capture: "ADDRESS VALUE" per line, both hex (snapshot only). */
#define SNAPSHOT_MMIO        "mmio.txt"

#define PATH_DMAR_TABLE      "sys/firmware/acpi/tables/DMAR"
#define PATH_ACPI_TABLES     "sys/firmware/acpi/tables"
#define PATH_PCI_DEVICES     "sys/bus/pci/devices"
#define PATH_PCI_SYSFS       "sys/bus/pci"
#define PATH_IOMMU_CLASS     "sys/class/iommu"
#define PATH_IOMMU_GROUPS    "sys/kernel/iommu_groups"
#define PATH_DMI             "sys/class/dmi/id"
#define PATH_IOMEM           "proc/iomem"
#define PATH_INTERRUPTS      "proc/interrupts"
#define PATH_CMDLINE         "proc/cmdline"
#define PATH_KERNEL_VERSION  "proc/version"

#endif
