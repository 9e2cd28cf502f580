// SPDX-License-Identifier: GPL-2.0-or-later
/* Checks of the DMAR table header (ACPI §5.2.6, VT-d §8.1). */
#include "dmar_suite.h"

/* Runs once prepare has decoded a table; prepare reports a refusal itself. */
static void check_signature(struct vt_ctx *ctx)
{
	vt_pass(ctx, NULL, "signature \"DMAR\", %zu bytes", DMAR_T(ctx)->data_len);
}

static void check_length(struct vt_ctx *ctx)
{
	const struct dmar_table *t = DMAR_T(ctx);
	struct vt_result *r;

	if (t->length < DMAR_HEADER_SIZE)
		r = vt_result(ctx, VT_FAIL, NULL,
				"header Length (offset 0x4) is %u, below the %u-byte DMAR header",
				t->length, DMAR_HEADER_SIZE);
	else if (t->length > t->data_len)
		r = vt_result(ctx, VT_FAIL, NULL,
				"header Length (offset 0x4) is %u but only %zu bytes are present: "
				"the table is truncated at offset 0x%zx",
				t->length, t->data_len, t->data_len);
	else if (t->length < t->data_len)
		r = vt_result(ctx, VT_WARN, NULL,
				"%zu bytes follow the table end at offset 0x%x (header Length %u)",
				t->data_len - t->length, t->length, t->length);
	else
		r = vt_result(ctx, VT_PASS, NULL,
				"header Length %u matches the %zu bytes present",
				t->length, t->data_len);
	vt_ev_uint(r, "header_length", t->length);
	vt_ev_uint(r, "data_length", t->data_len);
}

static void check_checksum(struct vt_ctx *ctx)
{
	struct vt_result *r;

	if (DMAR_T(ctx)->length > DMAR_T(ctx)->data_len) {
		vt_result(ctx, VT_SKIP, NULL,
			    "cannot sum %u bytes: the table is truncated", DMAR_T(ctx)->length);
		return;
	}
	r = vt_result(ctx, DMAR_T(ctx)->checksum_valid ? VT_PASS : VT_FAIL, NULL,
			DMAR_T(ctx)->checksum_valid ?
			"the %u bytes sum to zero (checksum byte 0x%02x)" :
			"the %u bytes do not sum to zero (checksum byte 0x%02x at offset 0x9)",
			DMAR_T(ctx)->length, DMAR_T(ctx)->checksum);
	vt_ev_uint(r, "checksum", DMAR_T(ctx)->checksum);
}

static void check_haw(struct vt_ctx *ctx)
{
	unsigned bits = dmar_haw_bits(DMAR_T(ctx));
	struct vt_result *r;

	if (bits < DMAR_MIN_HAW_BITS)
		r = vt_result(ctx, VT_FAIL, NULL,
				"Host Address Width field (offset 0x24) is %u, i.e. %u bits, "
				"below the %u bits of a 4 KiB page", DMAR_T(ctx)->haw, bits,
				DMAR_MIN_HAW_BITS);
	else
		r = vt_result(ctx, VT_PASS, NULL,
				"host address width is %u bits", bits);
	vt_ev_uint(r, "haw_field", DMAR_T(ctx)->haw);
	vt_ev_uint(r, "haw_bits", bits);
}

static void check_flags_reserved(struct vt_ctx *ctx)
{
	uint8_t extra = DMAR_T(ctx)->flags & (uint8_t)~DMAR_FLAGS_DEFINED;
	struct vt_result *r;

	if (extra)
		r = vt_result(ctx, VT_WARN, NULL,
				"Flags (offset 0x25) is 0x%02x: reserved bits 0x%02x are set",
				DMAR_T(ctx)->flags, extra);
	else
		r = vt_result(ctx, VT_PASS, NULL,
				"Flags 0x%02x uses only defined bits", DMAR_T(ctx)->flags);
	vt_ev_uint(r, "flags", DMAR_T(ctx)->flags);
}

static void check_has_drhd(struct vt_ctx *ctx)
{
	size_t i, n = 0;

	/* A DRHD cut short of its register base describes no unit. */
	for (i = 0; i < DMAR_T(ctx)->nstructs; i++)
		n += DMAR_T(ctx)->structs[i].type == DMAR_TYPE_DRHD &&
		     !DMAR_T(ctx)->structs[i].truncated;
	if (n)
		vt_result(ctx, VT_PASS, NULL, "%zu DRHD structures", n);
	else
		vt_result(ctx, VT_FAIL, NULL,
			    "no complete DRHD structure among %zu structures: no "
			    "remapping hardware unit is described", DMAR_T(ctx)->nstructs);
}

const struct vt_check dmar_table_checks[] = {
	{ { "dmar.table.signature", VT_SEV_CRITICAL, VT_NEED_TABLE,
	    "the table is a DMAR table: 48-byte header with signature \"DMAR\"",
	    "VT-d 4.1 §8.1; ACPI 6.5 §5.2.6" }, check_signature },
	{ { "dmar.table.length", VT_SEV_HIGH, VT_NEED_TABLE,
	    "the header Length equals the size of the table",
	    "ACPI 6.5 §5.2.6; FWTS dmar test" }, check_length },
	{ { "dmar.table.checksum", VT_SEV_MEDIUM, VT_NEED_TABLE,
	    "all bytes of the table sum to zero",
	    "ACPI 6.5 §5.2.6; FWTS checksum test" }, check_checksum },
	{ { "dmar.table.haw", VT_SEV_CRITICAL, VT_NEED_TABLE,
	    "the host address width covers at least a 4 KiB page (12 bits)",
	    "VT-d 4.1 §8.1; Linux dmar.c parse_dmar_table() \"Invalid DMAR haw\"" },
	  check_haw },
	{ { "dmar.table.flags-reserved", VT_SEV_LOW, VT_NEED_TABLE,
	    "the table Flags set no reserved bit",
	    "VT-d 4.1 §8.1" }, check_flags_reserved },
	{ { "dmar.table.has-drhd", VT_SEV_CRITICAL, VT_NEED_TABLE,
	    "the table describes at least one remapping hardware unit (DRHD)",
	    "VT-d 4.1 §8.1, §8.3; Linux dmar.c parse_dmar_table() \"No DRHD structure found\"" },
	  check_has_drhd },
	{ { 0 }, 0 }
};

const struct vt_check *const dmar_check_signature = &dmar_table_checks[0];
