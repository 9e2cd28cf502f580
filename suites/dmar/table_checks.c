// SPDX-License-Identifier: GPL-2.0-or-later
/* Checks of the DMAR table header (ACPI §5.2.6, VT-d §8.1). */
#include "dmar_suite.h"

/* Run only on inputs that are not DMAR tables; see dmar_suite.c. */
const struct vt_check_info dmar_check_signature = {
	"dmar.table.signature", DMAR_SUITE, VT_SEV_CRITICAL, 0,
	"the table is a DMAR table: 48-byte header with signature \"DMAR\"",
	"VT-d 4.1 §8.1; ACPI 6.5 §5.2.6",
};

static void check_length(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	const struct dmar_table *t = ctx->t;
	struct vt_result *r;

	if (t->length < DMAR_HEADER_SIZE)
		r = dmar_report(ctx, ck, VT_FAIL, NULL,
				"header Length (offset 0x4) is %u, below the %u-byte DMAR header",
				t->length, DMAR_HEADER_SIZE);
	else if (t->length > t->data_len)
		r = dmar_report(ctx, ck, VT_FAIL, NULL,
				"header Length (offset 0x4) is %u but only %zu bytes are present: "
				"the table is truncated at offset 0x%zx",
				t->length, t->data_len, t->data_len);
	else if (t->length < t->data_len)
		r = dmar_report(ctx, ck, VT_WARN, NULL,
				"%zu bytes follow the table end at offset 0x%x (header Length %u)",
				t->data_len - t->length, t->length, t->length);
	else
		r = dmar_report(ctx, ck, VT_PASS, NULL,
				"header Length %u matches the %zu bytes present",
				t->length, t->data_len);
	vt_ev_uint(r, "header_length", t->length);
	vt_ev_uint(r, "data_length", t->data_len);
}

static void check_checksum(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	struct vt_result *r;

	if (ctx->t->length > ctx->t->data_len) {
		dmar_report(ctx, ck, VT_SKIP, NULL,
			    "cannot sum %u bytes: the table is truncated", ctx->t->length);
		return;
	}
	r = dmar_report(ctx, ck, ctx->t->checksum_valid ? VT_PASS : VT_FAIL, NULL,
			ctx->t->checksum_valid ?
			"the %u bytes sum to zero (checksum byte 0x%02x)" :
			"the %u bytes do not sum to zero (checksum byte 0x%02x at offset 0x9)",
			ctx->t->length, ctx->t->checksum);
	vt_ev_uint(r, "checksum", ctx->t->checksum);
}

static void check_haw(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	unsigned bits = dmar_haw_bits(ctx->t);
	struct vt_result *r;

	if (bits < DMAR_MIN_HAW_BITS)
		r = dmar_report(ctx, ck, VT_FAIL, NULL,
				"Host Address Width field (offset 0x24) is %u, i.e. %u bits, "
				"below the %u bits of a 4 KiB page", ctx->t->haw, bits,
				DMAR_MIN_HAW_BITS);
	else
		r = dmar_report(ctx, ck, VT_PASS, NULL,
				"host address width is %u bits", bits);
	vt_ev_uint(r, "haw_field", ctx->t->haw);
	vt_ev_uint(r, "haw_bits", bits);
}

static void check_flags_reserved(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	uint8_t extra = ctx->t->flags & (uint8_t)~DMAR_FLAGS_DEFINED;
	struct vt_result *r;

	if (extra)
		r = dmar_report(ctx, ck, VT_WARN, NULL,
				"Flags (offset 0x25) is 0x%02x: reserved bits 0x%02x are set",
				ctx->t->flags, extra);
	else
		r = dmar_report(ctx, ck, VT_PASS, NULL,
				"Flags 0x%02x uses only defined bits", ctx->t->flags);
	vt_ev_uint(r, "flags", ctx->t->flags);
}

static void check_has_drhd(struct dmar_ctx *ctx, const struct vt_check_info *ck)
{
	size_t i, n = 0;

	/* A DRHD cut short of its register base describes no unit. */
	for (i = 0; i < ctx->t->nstructs; i++)
		n += ctx->t->structs[i].type == DMAR_TYPE_DRHD &&
		     !ctx->t->structs[i].truncated;
	if (n)
		dmar_report(ctx, ck, VT_PASS, NULL, "%zu DRHD structures", n);
	else
		dmar_report(ctx, ck, VT_FAIL, NULL,
			    "no complete DRHD structure among %zu structures: no "
			    "remapping hardware unit is described", ctx->t->nstructs);
}

const struct dmar_check dmar_table_checks[] = {
	{ { "dmar.table.length", DMAR_SUITE, VT_SEV_HIGH, 0,
	    "the header Length equals the size of the table",
	    "ACPI 6.5 §5.2.6; FWTS dmar test" }, check_length },
	{ { "dmar.table.checksum", DMAR_SUITE, VT_SEV_MEDIUM, 0,
	    "all bytes of the table sum to zero",
	    "ACPI 6.5 §5.2.6; FWTS checksum test" }, check_checksum },
	{ { "dmar.table.haw", DMAR_SUITE, VT_SEV_CRITICAL, 0,
	    "the host address width covers at least a 4 KiB page (12 bits)",
	    "VT-d 4.1 §8.1; Linux dmar.c parse_dmar_table() \"Invalid DMAR haw\"" },
	  check_haw },
	{ { "dmar.table.flags-reserved", DMAR_SUITE, VT_SEV_LOW, 0,
	    "the table Flags set no reserved bit",
	    "VT-d 4.1 §8.1" }, check_flags_reserved },
	{ { "dmar.table.has-drhd", DMAR_SUITE, VT_SEV_CRITICAL, 0,
	    "the table describes at least one remapping hardware unit (DRHD)",
	    "VT-d 4.1 §8.1, §8.3; Linux dmar.c parse_dmar_table() \"No DRHD structure found\"" },
	  check_has_drhd },
	{ { 0 }, 0 }
};
