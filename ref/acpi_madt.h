/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ACPI Multiple APIC Description Table (MADT, signature "APIC",
 * ACPI 6.5 §5.2.12), reduced to what interrupt remapping is checked
 * against: the I/O APICs (whose IDs the DMAR's IOAPIC scopes must name)
 * and the processors' local APIC and x2APIC entries. Decoding only, like
 * the DMAR codec: lengths are never trusted, defects are recorded with
 * their offset. Pure C, no I/O.
 */
#ifndef VTDCERT_REF_ACPI_MADT_H
#define VTDCERT_REF_ACPI_MADT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MADT_SIGNATURE            "APIC"
#define MADT_LAPIC_ADDRESS        36   /* u32, after the ACPI header */
#define MADT_FLAGS                40   /* u32 */
#define  MADT_FLAG_PCAT_COMPAT    (1u << 0)
#define MADT_HEADER_SIZE          44   /* interrupt controller structures follow */

/* Interrupt Controller Structure header: type u8, length u8 (§5.2.12) */
#define MADT_ENTRY_TYPE           0
#define MADT_ENTRY_LENGTH         1
#define MADT_ENTRY_HDR_SIZE       2

#define MADT_TYPE_LAPIC           0    /* §5.2.12.2 Processor Local APIC */
#define  MADT_LAPIC_UID           2    /* u8 ACPI Processor UID */
#define  MADT_LAPIC_ID            3    /* u8 APIC ID */
#define  MADT_LAPIC_FLAGS         4    /* u32 */
#define  MADT_LAPIC_SIZE          8
#define MADT_TYPE_IOAPIC          1    /* §5.2.12.3 I/O APIC */
#define  MADT_IOAPIC_ID           2    /* u8 */
#define  MADT_IOAPIC_ADDRESS      4    /* u32 */
#define  MADT_IOAPIC_GSI_BASE     8    /* u32 */
#define  MADT_IOAPIC_SIZE         12
#define MADT_TYPE_X2APIC          9    /* §5.2.12.12 Processor Local x2APIC */
#define  MADT_X2APIC_ID           4    /* u32 */
#define  MADT_X2APIC_FLAGS        8    /* u32 */
#define  MADT_X2APIC_UID          12   /* u32 */
#define  MADT_X2APIC_SIZE         16
#define MADT_LAPIC_ENABLED        (1u << 0)   /* local APIC and x2APIC flags */
#define MADT_LAPIC_ONLINE_CAPABLE (1u << 1)

struct madt_ioapic {
	uint32_t offset;
	uint8_t id;
	uint32_t address, gsi_base;
};

struct madt_cpu {
	uint32_t offset;
	bool x2apic;                /* from a type 9 entry */
	uint32_t apic_id, uid, flags;
};

struct madt {
	uint32_t length;            /* as declared */
	uint32_t lapic_address, flags;
	struct madt_ioapic *ioapics;
	size_t nioapics;
	struct madt_cpu *cpus;
	size_t ncpus;
	/* The first structural defect, if any (the walk stops there). */
	bool truncated;
	uint32_t problem_offset;
	char problem[96];
};

/* 0, or -1 with @err saying why the bytes are not a MADT at all. */
int madt_decode(const uint8_t *buf, size_t len, struct madt *out,
		char *err, size_t errlen);
void madt_free(struct madt *m);
/* The highest APIC ID of an enabled or online-capable CPU. */
uint32_t madt_max_apic_id(const struct madt *m);

#endif
