/* SPDX-License-Identifier: GPL-2.0-or-later */
/* VT-d remapping hardware registers (VT-d 4.1 §11.4), offsets from the DRHD base. */
#ifndef VTDCERT_REF_VTD_REGS_H
#define VTDCERT_REF_VTD_REGS_H

#define VTD_REG_VER        0x00   /* §11.4.1 Version */
#define VTD_REG_CAP        0x08   /* §11.4.2 Capability */
#define VTD_REG_ECAP       0x10   /* §11.4.3 Extended Capability */
#define VTD_REG_GCMD       0x18   /* §11.4.4.1 Global Command */
#define VTD_REG_GSTS       0x1c   /* §11.4.4.2 Global Status */

/* A register block that is not decoded reads as all ones. */
#define VTD_REG_ALL_ONES   0xffffffffffffffffull

#endif
