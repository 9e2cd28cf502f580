/* SPDX-License-Identifier: GPL-2.0-or-later */
/* VT-d remapping hardware registers (VT-d 4.1 §11.4), offsets from the DRHD base. */
#ifndef VTDCERT_REF_VTD_REGS_H
#define VTDCERT_REF_VTD_REGS_H

#define VTD_REG_VER        0x00   /* §11.4.1 Version */
#define VTD_REG_CAP        0x08   /* §11.4.2 Capability */
#define VTD_REG_ECAP       0x10   /* §11.4.3 Extended Capability */
#define VTD_REG_GCMD       0x18   /* §11.4.4.1 Global Command */
#define VTD_REG_GSTS       0x1c   /* §11.4.4.2 Global Status */

/* Extended Capability register fields (§11.4.3). */
#define VTD_ECAP_C         (1ull << 0)   /* page-walk coherency */
#define VTD_ECAP_QI        (1ull << 1)   /* queued invalidation */
#define VTD_ECAP_DT        (1ull << 2)   /* device-TLB (ATS) */
#define VTD_ECAP_IR        (1ull << 3)   /* interrupt remapping */
#define VTD_ECAP_EIM       (1ull << 4)   /* extended interrupt mode: 32-bit x2APIC IDs */
#define VTD_ECAP_PT        (1ull << 6)   /* pass-through translation type */
#define VTD_ECAP_SC        (1ull << 7)   /* snoop control */

/* A register block that is not decoded reads as all ones. */
#define VTD_REG_ALL_ONES   0xffffffffffffffffull

#endif
