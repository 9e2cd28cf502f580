// SPDX-License-Identifier: GPL-2.0-or-later
/* The ACPI HPET table (acpi_hpet.h). */
#include <stdio.h>
#include <string.h>

#include "acpi_hpet.h"
#include "le.h"

int acpi_hpet_decode(const uint8_t *buf, size_t len, struct acpi_hpet *out,
		     char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	if (len < ACPI_HPET_MIN_LEN) {
		snprintf(err, errlen, "offset %zu: %zu bytes, an HPET table has at least %d",
			 len, len, ACPI_HPET_MIN_LEN);
		return -1;
	}
	if (memcmp(buf, ACPI_HPET_SIGNATURE, 4)) {
		snprintf(err, errlen, "offset 0: signature %02x %02x %02x %02x, not \""
			 ACPI_HPET_SIGNATURE "\"", buf[0], buf[1], buf[2], buf[3]);
		return -1;
	}
	out->block_id = get_le32(buf + ACPI_HPET_OFF_BLOCK_ID);
	out->address = get_le64(buf + ACPI_HPET_OFF_ADDRESS + ACPI_HPET_GAS_ADDR_OFF);
	out->number = buf[ACPI_HPET_OFF_NUMBER];
	return 0;
}
