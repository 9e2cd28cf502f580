// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi_madt.h"
#include "dmar_defs.h"
#include "le.h"

static void defect(struct madt *m, uint32_t off, const char *what)
{
	if (m->truncated)
		return;
	m->truncated = true;
	m->problem_offset = off;
	snprintf(m->problem, sizeof(m->problem), "%s", what);
}

static int add_ioapic(struct madt *m, const uint8_t *e, uint32_t off)
{
	struct madt_ioapic *v = realloc(m->ioapics, (m->nioapics + 1) * sizeof(*v));

	if (!v)
		return -1;
	m->ioapics = v;
	v[m->nioapics].offset = off;
	v[m->nioapics].id = e[MADT_IOAPIC_ID];
	v[m->nioapics].address = get_le32(e + MADT_IOAPIC_ADDRESS);
	v[m->nioapics].gsi_base = get_le32(e + MADT_IOAPIC_GSI_BASE);
	m->nioapics++;
	return 0;
}

static int add_cpu(struct madt *m, const uint8_t *e, uint32_t off, bool x2)
{
	struct madt_cpu *v = realloc(m->cpus, (m->ncpus + 1) * sizeof(*v));

	if (!v)
		return -1;
	m->cpus = v;
	v += m->ncpus++;
	v->offset = off;
	v->x2apic = x2;
	if (x2) {
		v->apic_id = get_le32(e + MADT_X2APIC_ID);
		v->flags = get_le32(e + MADT_X2APIC_FLAGS);
		v->uid = get_le32(e + MADT_X2APIC_UID);
	} else {
		v->apic_id = e[MADT_LAPIC_ID];
		v->uid = e[MADT_LAPIC_UID];
		v->flags = get_le32(e + MADT_LAPIC_FLAGS);
	}
	return 0;
}

int madt_decode(const uint8_t *buf, size_t len, struct madt *m, char *err, size_t errlen)
{
	size_t end, off;

	memset(m, 0, sizeof(*m));
	if (len < MADT_HEADER_SIZE) {
		snprintf(err, errlen, "%zu bytes: shorter than the %u-byte MADT header",
			 len, MADT_HEADER_SIZE);
		return -1;
	}
	if (memcmp(buf + ACPI_HDR_SIGNATURE, MADT_SIGNATURE, ACPI_NAME_LEN)) {
		snprintf(err, errlen, "signature at offset 0x0 is not \"%s\"", MADT_SIGNATURE);
		return -1;
	}
	m->length = get_le32(buf + ACPI_HDR_LENGTH);
	m->lapic_address = get_le32(buf + MADT_LAPIC_ADDRESS);
	m->flags = get_le32(buf + MADT_FLAGS);
	end = m->length < len ? m->length : len;
	if (m->length > len)
		defect(m, (uint32_t)len, "the table is shorter than its Length");
	for (off = MADT_HEADER_SIZE; off < end;) {
		const uint8_t *e = buf + off;
		uint8_t type, elen;
		int rc = 0;

		if (off + MADT_ENTRY_HDR_SIZE > end) {
			defect(m, (uint32_t)off, "an entry header is cut off");
			break;
		}
		type = e[MADT_ENTRY_TYPE];
		elen = e[MADT_ENTRY_LENGTH];
		if (elen < MADT_ENTRY_HDR_SIZE) {
			defect(m, (uint32_t)off, "an entry of length below 2 (the walk cannot go on)");
			break;
		}
		if (off + elen > end) {
			defect(m, (uint32_t)off, "an entry runs past the table end");
			break;
		}
		if (type == MADT_TYPE_IOAPIC && elen >= MADT_IOAPIC_SIZE)
			rc = add_ioapic(m, e, (uint32_t)off);
		else if (type == MADT_TYPE_LAPIC && elen >= MADT_LAPIC_SIZE)
			rc = add_cpu(m, e, (uint32_t)off, false);
		else if (type == MADT_TYPE_X2APIC && elen >= MADT_X2APIC_SIZE)
			rc = add_cpu(m, e, (uint32_t)off, true);
		else if (type == MADT_TYPE_IOAPIC || type == MADT_TYPE_LAPIC ||
			 type == MADT_TYPE_X2APIC)
			defect(m, (uint32_t)off, "an entry shorter than its type's fixed size");
		if (rc) {
			snprintf(err, errlen, "out of memory");
			madt_free(m);
			return -1;
		}
		off += elen;
	}
	return 0;
}

void madt_free(struct madt *m)
{
	free(m->ioapics);
	free(m->cpus);
	memset(m, 0, sizeof(*m));
}

uint32_t madt_max_apic_id(const struct madt *m)
{
	uint32_t max = 0;
	size_t i;

	for (i = 0; i < m->ncpus; i++)
		if (m->cpus[i].flags & (MADT_LAPIC_ENABLED | MADT_LAPIC_ONLINE_CAPABLE) &&
		    m->cpus[i].apic_id > max)
			max = m->cpus[i].apic_id;
	return max;
}
