// SPDX-License-Identifier: GPL-2.0-or-later
/* Checks of the DMAR table header (ACPI §5.2.6, VT-d §8.1), and the suite's gate. */
#include "dmar_suite.h"

static char printable(uint8_t c)
{
	return c >= 0x20 && c < 0x7f ? (char)c : '.';
}

/* Why the bytes are not a DMAR table, with what was seen. */
static void not_a_table(struct vt_ctx *ctx)
{
	const uint8_t *b = ctx->env->dmar.data;
	size_t len = ctx->env->dmar.len;

	switch (ctx->env->dmar_status) {
	case DMAR_ERR_SHORT:
		vt_ev_uint(vt_verdict(ctx, VT_FAIL, "%zu bytes: shorter than the %u-byte DMAR "
				      "header (offset 0x%zx is past the end)", len,
				      DMAR_HEADER_SIZE, len), "length", len);
		break;
	case DMAR_ERR_SIGNATURE:
		vt_ev_str(vt_verdict(ctx, VT_FAIL, "signature at offset 0x0 is \"%c%c%c%c\" "
				     "(%02x %02x %02x %02x), not \"DMAR\"", printable(b[0]),
				     printable(b[1]), printable(b[2]), printable(b[3]), b[0], b[1],
				     b[2], b[3]), "expected", DMAR_SIGNATURE);
		break;
	default:
		vt_verdict(ctx, VT_ERROR, "%s", vt_env_why(ctx->env, VT_ENV_DMAR));
		break;
	}
	vt_ctx_bad_input(ctx);
	vt_ctx_why(ctx, "not a DMAR table");
}

/*
 * The gate: a table there and decoded passes; otherwise the other checks
 * skip with why there is none (no DMAR on the machine is itself a finding).
 */
static void check_signature(struct vt_ctx *ctx)
{
	struct vt_env *env = ctx->env;
	const char *why;

	switch (vt_env_load(env, VT_ENV_DMAR)) {
	case VT_AVAILABLE:
		vt_pass(ctx, NULL, "signature \"DMAR\", %zu bytes", DMAR_T(ctx)->data_len);
		return;
	case VT_ABSENT:
		vt_fail(ctx, NULL, "no DMAR table: the firmware reports no VT-d remapping "
			"hardware (VT-d disabled in firmware setup, or absent)");
		vt_ctx_why(ctx, "no DMAR table on this system");
		return;
	case VT_UNKNOWN:
		why = vt_env_why(env, VT_ENV_DMAR);
		vt_skip(ctx, NULL, "%s", why);
		vt_ctx_why(ctx, "no DMAR table to check: %s", why);
		return;
	default:
		break;
	}
	if (env->dmar_read) {
		not_a_table(ctx);
		return;
	}
	vt_error(ctx, NULL, "%s", vt_env_why(env, VT_ENV_DMAR));
	vt_ctx_bad_input(ctx);
	vt_ctx_why(ctx, "the DMAR table could not be read");
}

const struct vt_check dmar_table_signature = {
	VT_CHECK("dmar.table.signature", VT_SEV_CRITICAL, VT_NEED_TABLE,
		 "the table is a DMAR table: 48-byte header with signature \"DMAR\"",
		 "VT-d 4.1 §8.1; ACPI 6.5 §5.2.6"),
	.run = check_signature,
};

static void check_length(struct vt_ctx *ctx)
{
	const struct dmar_table *t = DMAR_T(ctx);
	struct vt_result *r;

	if (t->length < DMAR_HEADER_SIZE)
		r = vt_fail(ctx, NULL, "header Length (offset 0x4) is %u, below the %u-byte "
			    "DMAR header", t->length, DMAR_HEADER_SIZE);
	else if (t->length > t->data_len)
		r = vt_fail(ctx, NULL, "header Length (offset 0x4) is %u but only %zu bytes are "
			    "present: the table is truncated at offset 0x%zx", t->length,
			    t->data_len, t->data_len);
	else if (t->length < t->data_len)
		r = vt_warn(ctx, NULL, "%zu bytes follow the table end at offset 0x%x (header "
			    "Length %u)", t->data_len - t->length, t->length, t->length);
	else
		r = vt_pass(ctx, NULL, "header Length %u matches the %zu bytes present",
			    t->length, t->data_len);
	vt_ev_uint(r, "header_length", t->length);
	vt_ev_uint(r, "data_length", t->data_len);
}

const struct vt_check dmar_table_length = {
	VT_CHECK("dmar.table.length", VT_SEV_HIGH, VT_NEED_TABLE,
		 "the header Length equals the size of the table",
		 "ACPI 6.5 §5.2.6; FWTS dmar test"),
	.run = check_length,
};

static void check_checksum(struct vt_ctx *ctx)
{
	const struct dmar_table *t = DMAR_T(ctx);

	if (t->length > t->data_len) {
		vt_skip(ctx, NULL, "cannot sum %u bytes: the table is truncated", t->length);
		return;
	}
	vt_ev_uint(vt_expect(ctx, t->checksum_valid, VT_FAIL, t->checksum_valid ?
		   "the %u bytes sum to zero (checksum byte 0x%02x)" :
		   "the %u bytes do not sum to zero (checksum byte 0x%02x at offset 0x9)",
		   t->length, t->checksum), "checksum", t->checksum);
}

const struct vt_check dmar_table_checksum = {
	VT_CHECK("dmar.table.checksum", VT_SEV_MEDIUM, VT_NEED_TABLE,
		 "all bytes of the table sum to zero", "ACPI 6.5 §5.2.6; FWTS checksum test"),
	.run = check_checksum,
};

static void check_haw(struct vt_ctx *ctx)
{
	unsigned bits = dmar_haw_bits(DMAR_T(ctx));
	struct vt_result *r;

	if (bits < DMAR_MIN_HAW_BITS)
		r = vt_fail(ctx, NULL, "Host Address Width field (offset 0x24) is %u, i.e. %u "
			    "bits, below the %u bits of a 4 KiB page", DMAR_T(ctx)->haw, bits,
			    DMAR_MIN_HAW_BITS);
	else
		r = vt_pass(ctx, NULL, "host address width is %u bits", bits);
	vt_ev_uint(r, "haw_field", DMAR_T(ctx)->haw);
	vt_ev_uint(r, "haw_bits", bits);
}

const struct vt_check dmar_table_haw = {
	VT_CHECK("dmar.table.haw", VT_SEV_CRITICAL, VT_NEED_TABLE,
		 "the host address width covers at least a 4 KiB page (12 bits)",
		 "VT-d 4.1 §8.1; Linux dmar.c parse_dmar_table() \"Invalid DMAR haw\""),
	.run = check_haw,
};

static void check_flags_reserved(struct vt_ctx *ctx)
{
	uint8_t flags = DMAR_T(ctx)->flags, extra = flags & (uint8_t)~DMAR_FLAGS_DEFINED;

	vt_ev_uint(extra ? vt_warn(ctx, NULL, "Flags (offset 0x25) is 0x%02x: reserved bits "
				   "0x%02x are set", flags, extra) :
		   vt_pass(ctx, NULL, "Flags 0x%02x uses only defined bits", flags),
		   "flags", flags);
}

const struct vt_check dmar_table_flags = {
	VT_CHECK("dmar.table.flags-reserved", VT_SEV_LOW, VT_NEED_TABLE,
		 "the table Flags set no reserved bit", "VT-d 4.1 §8.1"),
	.run = check_flags_reserved,
};

/* A DRHD cut short of its register base describes no unit. */
static void check_has_drhd(struct vt_ctx *ctx)
{
	size_t n = dmar_count(DMAR_T(ctx), DMAR_TYPE_DRHD);

	if (n)
		vt_pass(ctx, NULL, "%zu DRHD structures", n);
	else
		vt_fail(ctx, NULL, "no complete DRHD structure among %zu structures: no "
			"remapping hardware unit is described", DMAR_T(ctx)->nstructs);
}

const struct vt_check dmar_table_has_drhd = {
	VT_CHECK("dmar.table.has-drhd", VT_SEV_CRITICAL, VT_NEED_TABLE,
		 "the table describes at least one remapping hardware unit (DRHD)",
		 "VT-d 4.1 §8.1, §8.3; Linux dmar.c parse_dmar_table() \"No DRHD structure found\""),
	.run = check_has_drhd,
};
