/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ACPI HPET table (IA-PC HPET specification 1.0a §3.2.4): which timer
 * block the firmware describes and its HPET number, the enumeration ID a
 * DMAR HPET device scope names (VT-d 4.1 §8.3.1.3). Pure C.
 */
#ifndef VTDCERT_REF_ACPI_HPET_H
#define VTDCERT_REF_ACPI_HPET_H

#include <stddef.h>
#include <stdint.h>

#define ACPI_HPET_SIGNATURE      "HPET"
#define ACPI_HPET_OFF_BLOCK_ID   36      /* event timer block ID (32-bit) */
#define ACPI_HPET_OFF_ADDRESS    40      /* base address, a 12-byte Generic Address */
#define ACPI_HPET_GAS_ADDR_OFF   4       /* the address within the GAS (64-bit) */
#define ACPI_HPET_OFF_NUMBER     52      /* HPET sequence number (8-bit) */
#define ACPI_HPET_MIN_LEN        56      /* through the page-protection byte */

struct acpi_hpet {
	uint32_t block_id;
	uint64_t address;
	uint8_t number;
};

/* 0, or -1 with @err naming the offset and what is wrong. */
int acpi_hpet_decode(const uint8_t *buf, size_t len, struct acpi_hpet *out,
		     char *err, size_t errlen);

#endif
