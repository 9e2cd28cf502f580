/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PCI configuration space registers the reference model reads, each with
 * the section of the specification that defines it: PCI Express Base 6.0
 * ("PCIe §"), PCI Local Bus 3.0 ("PCI §"), PCI-X 2.0a. Offsets of
 * capability registers are from the capability's own start.
 */
#ifndef VTDCERT_REF_PCI_REGS_H
#define VTDCERT_REF_PCI_REGS_H

#include "pci_cfg_size.h"

/* Type 0/1 common header, PCIe §7.5.1.1 */
#define PCI_CFG_VENDOR_ID           0x00     /* §7.5.1.1.1 */
#define PCI_CFG_DEVICE_ID           0x02     /* §7.5.1.1.2 */
#define PCI_CFG_COMMAND             0x04     /* §7.5.1.1.3 */
#define  PCI_COMMAND_IO             0x0001
#define  PCI_COMMAND_MEMORY         0x0002
#define  PCI_COMMAND_MASTER         0x0004
#define  PCI_COMMAND_INTX_DISABLE   0x0400
#define PCI_CFG_STATUS              0x06     /* §7.5.1.1.4 */
#define  PCI_STATUS_INTERRUPT       0x0008
#define  PCI_STATUS_CAP_LIST        0x0010
#define PCI_CFG_CLASS_REV           0x08     /* u32: class << 8 | revision, §7.5.1.1.5-6 */
#define PCI_CFG_HEADER_TYPE         0x0e     /* §7.5.1.1.9 */
#define  PCI_HEADER_TYPE_MASK       0x7f
#define  PCI_HEADER_MULTIFUNCTION   0x80
#define  PCI_HEADER_TYPE_NORMAL     0
#define  PCI_HEADER_TYPE_BRIDGE     1
#define  PCI_HEADER_TYPE_CARDBUS    2        /* PC Card 8.0 */
#define PCI_CFG_CAPABILITY_LIST     0x34     /* §7.5.1.1.11 (0x14 in a CardBus header) */
#define PCI_CFG_CARDBUS_CAP_LIST    0x14
#define PCI_CFG_INTERRUPT_LINE      0x3c     /* §7.5.1.1.12 */
#define PCI_CFG_INTERRUPT_PIN       0x3d     /* §7.5.1.1.13: 0 none, 1-4 INTA-INTD */

/* Type 0 header, PCIe §7.5.1.2 */
#define PCI_CFG_BAR0                0x10     /* §7.5.1.2.1, six BARs */
#define PCI_CFG_BAR_SIZE            4        /* each BAR register is a dword */
#define PCI_STD_NUM_BARS            6        /* type 0 */
#define PCI_BRIDGE_NUM_BARS         2        /* type 1, §7.5.1.3 */
#define PCI_CARDBUS_NUM_BARS        1        /* type 2: the socket/ExCA registers */
#define PCI_CFG_ROM_ADDRESS         0x30     /* §7.5.1.2.4 Expansion ROM Base Address */
#define PCI_CFG_BRIDGE_ROM_ADDRESS  0x38     /* §7.5.1.3.12, in a type 1 header */
#define  PCI_ROM_ADDRESS_ENABLE     0x00000001u
#define  PCI_ROM_ADDRESS_MASK       0xfffff800u  /* 2 KiB granular, PCI §6.2.5.2 */
#define PCI_CFG_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_CFG_SUBSYSTEM_ID        0x2e

/*
 * Base Address Register bits, PCI Local Bus 3.0 §6.2.5.1 / PCIe §7.5.1.2.1:
 * bit 0 says memory or I/O; a memory BAR's bits 2:1 its type (a 64-bit
 * one takes the next register as its upper half) and bit 3 prefetchable.
 */
#define  PCI_BAR_SPACE_IO           0x00000001u
#define  PCI_BAR_MEM_TYPE_MASK      0x00000006u
#define  PCI_BAR_MEM_TYPE_32        0x00000000u
#define  PCI_BAR_MEM_TYPE_1M        0x00000002u  /* below 1 MB: reserved since PCI 3.0 */
#define  PCI_BAR_MEM_TYPE_64        0x00000004u
#define  PCI_BAR_MEM_PREFETCH       0x00000008u
#define  PCI_BAR_MEM_ADDR_MASK      0xfffffff0u
#define  PCI_BAR_IO_ADDR_MASK       0xfffffffcu
#define  PCI_BAR_UNREADABLE         0xffffffffu  /* a function that did not answer */

/* Type 1 header, PCIe §7.5.1.3 */
#define PCI_CFG_PRIMARY_BUS         0x18     /* §7.5.1.3.2 */
#define PCI_CFG_SECONDARY_BUS       0x19     /* §7.5.1.3.3 */
#define PCI_CFG_SUBORDINATE_BUS     0x1a     /* §7.5.1.3.4 */
#define PCI_CFG_BRIDGE_CONTROL      0x3e     /* §7.5.1.3.13 */

/* Class codes (PCI Code and ID Assignment 1.15 §1), base << 16 | sub << 8 */
#define PCI_CLASS_BASE_STORAGE      0x01
#define PCI_CLASS_BASE_DISPLAY      0x03
#define PCI_CLASS_BASE_BRIDGE       0x06
#define PCI_CLASS_BASE_SERIAL       0x0c
#define PCI_CLASS_BRIDGE_HOST       0x0600
#define PCI_CLASS_BRIDGE_ISA        0x0601
#define PCI_CLASS_BRIDGE_PCI        0x0604
#define PCI_CLASS_BRIDGE_CARDBUS    0x0607
#define PCI_CLASS_SERIAL_USB        0x0c03

/* Capability list, PCIe §7.5.1.1.11 / PCI §6.7: ID byte, next pointer byte */
#define PCI_CAP_ID                  0x00
#define PCI_CAP_NEXT                0x01
#define PCI_CAP_PTR_MASK            0xfc     /* the bottom two bits are reserved */
#define PCI_CAP_MIN_OFFSET          0x40     /* capabilities live after the header */
#define PCI_CAP_MAX_COUNT           48       /* (256 - 64) / 4: more means a loop */

#define PCI_CAP_ID_PM               0x01     /* PCIe §7.5.2 */
#define PCI_CAP_ID_MSI              0x05     /* PCIe §7.7.1 */
#define PCI_CAP_ID_PCIX             0x07     /* PCI-X 2.0a §7.2 */
#define PCI_CAP_ID_VNDR             0x09
#define PCI_CAP_ID_SSVID            0x0d
#define PCI_CAP_ID_EXP              0x10     /* PCIe §7.5.3 */
#define PCI_CAP_ID_MSIX             0x11     /* PCIe §7.7.2 */
#define PCI_CAP_ID_AF               0x13     /* Advanced Features, PCI ECN 2006 */

/* Extended capability header, PCIe §7.6.3: ID 15:0, version 19:16, next 31:20 */
#define PCI_ECAP_START              0x100
#define PCI_ECAP_ID(h)              ((h) & 0xffff)
#define PCI_ECAP_VERSION(h)         (((h) >> 16) & 0xf)
#define PCI_ECAP_NEXT(h)            (((h) >> 20) & 0xffc)
#define PCI_ECAP_MAX_COUNT          ((PCI_CFG_SPACE_EXP_SIZE - PCI_ECAP_START) / 8)

#define PCI_ECAP_ID_AER             0x0001   /* PCIe §7.8.4 */
#define PCI_ECAP_ID_ACS             0x000d   /* PCIe §7.7.8 */
#define PCI_ECAP_ID_ARI             0x000e   /* PCIe §7.8.7 */
#define PCI_ECAP_ID_ATS             0x000f   /* PCIe §10.5.1 */
#define PCI_ECAP_ID_SRIOV           0x0010   /* PCIe §9.3.3 */
#define PCI_ECAP_ID_PRI             0x0013   /* PCIe §10.5.2 */
#define PCI_ECAP_ID_REBAR           0x0015   /* PCIe §7.8.6 */
#define PCI_ECAP_ID_PASID           0x001b   /* PCIe §7.8.8 */
#define PCI_ECAP_ID_DVSEC           0x0023   /* PCIe §7.9.6 */

/* PCI Power Management, PCIe §7.5.2 */
#define PCI_PM_PMC                  0x02     /* §7.5.2.1 */
#define  PCI_PM_PMC_VERSION         0x0007
#define  PCI_PM_PMC_D1              0x0200
#define  PCI_PM_PMC_D2              0x0400
#define PCI_PM_CTRL                 0x04     /* §7.5.2.2 PMCSR */
#define  PCI_PM_CTRL_STATE          0x0003
#define  PCI_PM_CTRL_NO_SOFT_RESET  0x0008
#define PCI_PM_SIZE                 8

/* MSI, PCIe §7.7.1 */
#define PCI_MSI_FLAGS               0x02     /* §7.7.1.2 Message Control */
#define  PCI_MSI_FLAGS_ENABLE       0x0001
#define  PCI_MSI_FLAGS_QMASK        0x000e   /* Multiple Message Capable: log2 */
#define  PCI_MSI_FLAGS_QSIZE        0x0070   /* Multiple Message Enable: log2 */
#define  PCI_MSI_FLAGS_64BIT        0x0080
#define  PCI_MSI_FLAGS_MASKBIT      0x0100
#define PCI_MSI_SIZE_32             0x0c     /* without per-vector masking */
#define PCI_MSI_SIZE_64             0x10
#define PCI_MSI_MASK_BITS_SIZE      0x08     /* Mask and Pending Bits, when present */

/* MSI-X, PCIe §7.7.2 */
#define PCI_MSIX_FLAGS              0x02     /* §7.7.2.2 Message Control */
#define  PCI_MSIX_FLAGS_QSIZE       0x07ff   /* Table Size - 1 */
#define  PCI_MSIX_FLAGS_MASKALL     0x4000
#define  PCI_MSIX_FLAGS_ENABLE      0x8000
#define PCI_MSIX_TABLE              0x04     /* §7.7.2.3: BIR 2:0, offset 31:3 */
#define PCI_MSIX_PBA                0x08     /* §7.7.2.4: BIR 2:0, offset 31:3 */
#define  PCI_MSIX_BIR_MASK          0x7
#define  PCI_MSIX_OFFSET_MASK       0xfffffff8u
#define PCI_MSIX_SIZE               0x0c
#define PCI_MSIX_ENTRY_SIZE         16       /* §7.7.2: one table entry */
#define PCI_MSIX_PBA_QWORD_BYTES    8        /* §7.7.2.4: the PBA is read in QWORDs, */
#define PCI_MSIX_PBA_QWORD_BITS     64       /*   one Pending Bit per table entry */
/*
 * PCIe §7.7.2 (PCI §6.8.2): registers outside the MSI-X structures must not
 * share a naturally aligned 4 KiB range with the table or the PBA.
 */
#define PCI_MSIX_ISOLATION          0x1000

/*
 * VirtIO PCI capabilities, VirtIO 1.2 §4.1.4: vendor-specific capabilities
 * of vendor 0x1af4 that place the device's register regions in its BARs.
 */
#define PCI_VENDOR_ID_VIRTIO        0x1af4
#define VIRTIO_PCI_CAP_CFG_TYPE     0x03     /* u8 cfg_type */
#define  VIRTIO_PCI_CAP_COMMON_CFG  1
#define  VIRTIO_PCI_CAP_NOTIFY_CFG  2
#define  VIRTIO_PCI_CAP_ISR_CFG     3
#define  VIRTIO_PCI_CAP_DEVICE_CFG  4
#define VIRTIO_PCI_CAP_BAR          0x04     /* u8 bar */
#define VIRTIO_PCI_CAP_OFFSET       0x08     /* le32 offset within the BAR */
#define VIRTIO_PCI_CAP_LENGTH       0x0c     /* le32 length */
#define VIRTIO_PCI_CAP_SIZE         0x10

/* PCI-X, PCI-X 2.0a §7.2 (bridges: Secondary Status and Bridge Status) */
#define PCI_PCIX_BRIDGE_SIZE        0x10

/* Advanced Features (conventional PCI FLR), PCI Advanced Features ECN */
#define PCI_AF_CAP                  0x03
#define  PCI_AF_CAP_TP              0x01
#define  PCI_AF_CAP_FLR             0x02
#define PCI_AF_CTRL                 0x04
#define  PCI_AF_CTRL_FLR            0x01
#define PCI_AF_SIZE                 0x06

/* PCI Express Capability, PCIe §7.5.3 */
#define PCI_EXP_FLAGS               0x02     /* §7.5.3.2 PCI Express Capabilities */
#define  PCI_EXP_FLAGS_VERS         0x000f
#define  PCI_EXP_FLAGS_TYPE         0x00f0   /* Device/Port Type */
#define  PCI_EXP_FLAGS_TYPE_SHIFT   4
#define  PCI_EXP_FLAGS_SLOT         0x0100   /* Slot Implemented */
#define PCI_EXP_DEVCAP              0x04     /* §7.5.3.3 Device Capabilities */
#define  PCI_EXP_DEVCAP_PHANTOM     0x00000018  /* Phantom Functions Supported */
#define  PCI_EXP_DEVCAP_PHANTOM_SHIFT 3
#define  PCI_EXP_DEVCAP_FLR         0x10000000  /* Function Level Reset Capability */
#define PCI_EXP_DEVCTL              0x08     /* §7.5.3.4 Device Control */
#define  PCI_EXP_DEVCTL_PHANTOM     0x0200   /* Phantom Functions Enable */
#define PCI_EXP_LNKCAP              0x0c     /* §7.5.3.6 Link Capabilities */
#define PCI_EXP_SLTCAP              0x14     /* §7.5.3.9 Slot Capabilities */
#define  PCI_EXP_SLTCAP_HPC         0x00000040  /* Hot-Plug Capable */
#define  PCI_EXP_SLTCAP_PSN_SHIFT   19       /* Physical Slot Number 31:19 */
#define PCI_EXP_DEVCAP2             0x24     /* §7.5.3.15 Device Capabilities 2 */
#define  PCI_EXP_DEVCAP2_ARI        0x00000020  /* ARI Forwarding Supported */
#define PCI_EXP_DEVCTL2             0x28     /* §7.5.3.16 Device Control 2 */
#define  PCI_EXP_DEVCTL2_ARI        0x0020   /* ARI Forwarding Enable */
#define PCI_EXP_SIZE_V1             0x14     /* through Link Status (v1 capability) */
#define PCI_EXP_SIZE_V2             0x3c     /* through Slot Control 2 */

/* Device/Port Type, PCIe §7.5.3.2 */
#define PCI_EXP_TYPE_ENDPOINT       0x0
#define PCI_EXP_TYPE_LEG_END        0x1      /* Legacy PCI Express Endpoint */
#define PCI_EXP_TYPE_ROOT_PORT      0x4
#define PCI_EXP_TYPE_UPSTREAM       0x5      /* Upstream Port of a Switch */
#define PCI_EXP_TYPE_DOWNSTREAM     0x6      /* Downstream Port of a Switch */
#define PCI_EXP_TYPE_PCI_BRIDGE     0x7      /* PCI Express to PCI/PCI-X Bridge */
#define PCI_EXP_TYPE_PCIE_BRIDGE    0x8      /* PCI/PCI-X to PCI Express Bridge */
#define PCI_EXP_TYPE_RC_END         0x9      /* Root Complex Integrated Endpoint */
#define PCI_EXP_TYPE_RC_EC          0xa      /* Root Complex Event Collector */

/* Access Control Services, PCIe §7.7.8 */
#define PCI_ACS_CAP                 0x04     /* §7.7.8.2, u16 */
#define PCI_ACS_CTRL                0x06     /* §7.7.8.3, u16, same bit layout */
#define  PCI_ACS_SV                 0x0001   /* Source Validation */
#define  PCI_ACS_TB                 0x0002   /* Translation Blocking */
#define  PCI_ACS_RR                 0x0004   /* P2P Request Redirect */
#define  PCI_ACS_CR                 0x0008   /* P2P Completion Redirect */
#define  PCI_ACS_UF                 0x0010   /* Upstream Forwarding */
#define  PCI_ACS_EC                 0x0020   /* P2P Egress Control */
#define  PCI_ACS_DT                 0x0040   /* Direct Translated P2P */
#define PCI_ACS_SIZE                0x08

/* Alternative Routing-ID Interpretation, PCIe §7.8.7 */
#define PCI_ARI_CAP                 0x04     /* §7.8.7.2, u16 */
#define  PCI_ARI_CAP_MFVC           0x0001
#define  PCI_ARI_CAP_ACS            0x0002   /* ACS Function Groups */
#define  PCI_ARI_CAP_NFN_SHIFT      8        /* Next Function Number 15:8 */
#define PCI_ARI_SIZE                0x08

/* Single Root I/O Virtualization, PCIe §9.3.3 */
#define PCI_SRIOV_CAP               0x04     /* §9.3.3.2 */
#define PCI_SRIOV_CTRL              0x08     /* §9.3.3.3, u16 */
#define  PCI_SRIOV_CTRL_VFE         0x0001   /* VF Enable */
#define  PCI_SRIOV_CTRL_MSE         0x0008   /* VF Memory Space Enable */
#define  PCI_SRIOV_CTRL_ARI         0x0010   /* ARI Capable Hierarchy */
#define PCI_SRIOV_STATUS            0x0a     /* §9.3.3.4 */
#define PCI_SRIOV_INITIAL_VF        0x0c     /* §9.3.3.5 InitialVFs */
#define PCI_SRIOV_TOTAL_VF          0x0e     /* §9.3.3.6 TotalVFs */
#define PCI_SRIOV_NUM_VF            0x10     /* §9.3.3.7 NumVFs */
#define PCI_SRIOV_FUNC_LINK         0x12     /* §9.3.3.8 Function Dependency Link */
#define PCI_SRIOV_VF_OFFSET         0x14     /* §9.3.3.9 First VF Offset */
#define PCI_SRIOV_VF_STRIDE         0x16     /* §9.3.3.10 VF Stride */
#define PCI_SRIOV_VF_DID            0x1a     /* §9.3.3.11 VF Device ID */
#define PCI_SRIOV_SUP_PGSIZE        0x1c     /* §9.3.3.12 Supported Page Sizes */
#define PCI_SRIOV_SYS_PGSIZE        0x20     /* §9.3.3.13 System Page Size */
#define PCI_SRIOV_BAR               0x24     /* §9.3.3.14 VF BAR0..5 */
#define PCI_SRIOV_NUM_BARS          6
#define PCI_SRIOV_SIZE              0x40

/* Resizable BAR, PCIe §7.8.6: one (capability, control) pair per BAR */
#define PCI_REBAR_CAP               0x04     /* §7.8.6.2: sizes 1 MB << n, bits 31:4 */
#define  PCI_REBAR_CAP_SIZES_SHIFT  4
#define PCI_REBAR_CTRL              0x08     /* §7.8.6.3 */
#define  PCI_REBAR_CTRL_BAR_IDX     0x0007
#define  PCI_REBAR_CTRL_NBAR_MASK   0x00e0   /* in the first control only */
#define  PCI_REBAR_CTRL_NBAR_SHIFT  5
#define  PCI_REBAR_CTRL_BAR_SIZE    0x3f00
#define  PCI_REBAR_CTRL_BAR_SHIFT   8
#define PCI_REBAR_ENTRY_SIZE        8
#define PCI_REBAR_MAX_BARS          6

#endif
