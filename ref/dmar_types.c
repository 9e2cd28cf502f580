// SPDX-License-Identifier: GPL-2.0-or-later
/* Per-type facts of the DMAR structures (VT-d §8.2-§8.9). */
#include "dmar.h"

static const struct {
	const char *name;
	size_t fixed;               /* size of the fixed part */
	size_t scopes;              /* offset of the first scope, 0: none */
	unsigned allowed;           /* scope types it may carry */
} struct_info[DMAR_TYPE_COUNT] = {
	/* §8.3: every scope type; INCLUDE_PCI_ALL units are checked apart. */
	[DMAR_TYPE_DRHD] = { "DRHD", DRHD_SCOPES, DRHD_SCOPES,
		SCOPE_BIT(SCOPE_TYPE_ENDPOINT) | SCOPE_BIT(SCOPE_TYPE_BRIDGE) |
		SCOPE_BIT(SCOPE_TYPE_IOAPIC) | SCOPE_BIT(SCOPE_TYPE_HPET) |
		SCOPE_BIT(SCOPE_TYPE_NAMESPACE) },
	/* §8.4: devices that use the region; Linux also takes namespace devices. */
	[DMAR_TYPE_RMRR] = { "RMRR", RMRR_SCOPES, RMRR_SCOPES,
		SCOPE_BIT(SCOPE_TYPE_ENDPOINT) | SCOPE_BIT(SCOPE_TYPE_BRIDGE) |
		SCOPE_BIT(SCOPE_TYPE_NAMESPACE) },
	/* §8.5: root ports only, each as a PCI sub-hierarchy. */
	[DMAR_TYPE_ATSR] = { "ATSR", ATSR_SCOPES, ATSR_SCOPES,
		SCOPE_BIT(SCOPE_TYPE_BRIDGE) },
	[DMAR_TYPE_RHSA] = { "RHSA", RHSA_SIZE, 0, 0 },
	[DMAR_TYPE_ANDD] = { "ANDD", ANDD_OBJECT_NAME, 0, 0 },
	/* §8.8: SoC-integrated devices with an ATC: endpoints. */
	[DMAR_TYPE_SATC] = { "SATC", ATSR_SCOPES, ATSR_SCOPES,
		SCOPE_BIT(SCOPE_TYPE_ENDPOINT) },
	/* §8.9: SoC-integrated devices: endpoints, bridges, namespace devices. */
	[DMAR_TYPE_SIDP] = { "SIDP", SIDP_SCOPES, SIDP_SCOPES,
		SCOPE_BIT(SCOPE_TYPE_ENDPOINT) | SCOPE_BIT(SCOPE_TYPE_BRIDGE) |
		SCOPE_BIT(SCOPE_TYPE_NAMESPACE) },
};

const char *dmar_struct_type_name(uint16_t type)
{
	return type < DMAR_TYPE_COUNT ? struct_info[type].name : NULL;
}

size_t dmar_struct_fixed_size(uint16_t type)
{
	return type < DMAR_TYPE_COUNT ? struct_info[type].fixed : 0;
}

size_t dmar_struct_scope_start(uint16_t type)
{
	return type < DMAR_TYPE_COUNT ? struct_info[type].scopes : 0;
}

unsigned dmar_struct_allowed_scopes(uint16_t type)
{
	return type < DMAR_TYPE_COUNT ? struct_info[type].allowed : 0;
}

bool dmar_struct_segment(const struct dmar_struct *s, uint16_t *segment)
{
	if (s->truncated)
		return false;
	switch (s->type) {
	case DMAR_TYPE_DRHD:
		*segment = s->u.drhd.segment;
		return true;
	case DMAR_TYPE_RMRR:
		*segment = s->u.rmrr.segment;
		return true;
	case DMAR_TYPE_ATSR:
	case DMAR_TYPE_SATC:
		*segment = s->u.atsr.segment;
		return true;
	case DMAR_TYPE_SIDP:
		*segment = s->u.sidp.segment;
		return true;
	}
	return false;
}

const char *dmar_scope_type_name(uint8_t type)
{
	switch (type) {
	case SCOPE_TYPE_ENDPOINT:
		return "PCI endpoint";
	case SCOPE_TYPE_BRIDGE:
		return "PCI sub-hierarchy";
	case SCOPE_TYPE_IOAPIC:
		return "IOAPIC";
	case SCOPE_TYPE_HPET:
		return "HPET";
	case SCOPE_TYPE_NAMESPACE:
		return "ACPI namespace device";
	}
	return NULL;
}

const char *dmar_problem_describe(enum dmar_problem_kind kind)
{
	switch (kind) {
	case DMAR_PROB_TABLE_SHORT:
		return "table is shorter than its header Length";
	case DMAR_PROB_TABLE_LONG:
		return "data continues past the header Length";
	case DMAR_PROB_TABLE_LENGTH_SMALL:
		return "header Length is below the 48-byte DMAR header";
	case DMAR_PROB_STRUCT_HEADER_CUT:
		return "bytes left are too few for a structure header";
	case DMAR_PROB_STRUCT_ZERO:
		return "structure length is 0 or below its 4-byte header";
	case DMAR_PROB_STRUCT_OVERRUN:
		return "structure runs past the end of the table";
	case DMAR_PROB_STRUCT_SHORT:
		return "structure is shorter than its fixed fields";
	case DMAR_PROB_SCOPE_HEADER_CUT:
		return "bytes left in the structure are too few for a device scope";
	case DMAR_PROB_SCOPE_ZERO:
		return "device scope has length 0";
	case DMAR_PROB_SCOPE_OVERRUN:
		return "device scope runs past the end of its structure";
	case DMAR_PROB_SCOPE_SHORT:
		return "device scope is shorter than 8 bytes (no path entry)";
	case DMAR_PROB_SCOPE_ODD:
		return "device scope path is not a whole number of 2-byte entries";
	}
	return "unknown problem";
}
