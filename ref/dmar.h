/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reference DMAR codec: a faithful, lossless model of an ACPI DMAR table.
 *
 * decode() walks the bytes once and never trusts a length: every structural
 * defect it meets (a length of zero, past the table, shorter than the
 * structure's fixed part, ...) is recorded as a dmar_problem with its offset,
 * and the walk stops only where it can no longer find the next structure.
 * Checks read the model and the problems; they never re-walk the bytes.
 *
 * encode() turns a model back into bytes. Fields that the model holds as
 * declared (lengths, checksum) are written as declared when the caller asks,
 * so tests can build a table with any defect; otherwise they are computed.
 * decode(encode(m)) == m and encode(decode(b)) == b for well-formed tables.
 *
 * Pure C, no I/O.
 */
#ifndef VTDCERT_REF_DMAR_H
#define VTDCERT_REF_DMAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmar_defs.h"

struct dmar_path {
	uint8_t device;
	uint8_t function;
};

struct dmar_scope {
	uint32_t offset;            /* in the table */
	uint8_t type;
	uint8_t length;             /* as declared */
	uint8_t flags;
	uint8_t reserved;
	uint8_t enumeration_id;
	uint8_t start_bus;
	uint8_t npath;
	struct dmar_path path[SCOPE_MAX_PATH];
};

struct dmar_struct {
	uint32_t offset;            /* in the table */
	uint16_t type;
	uint16_t length;            /* as declared */
	union {
		struct {
			uint8_t flags;
			uint8_t size;
			uint16_t segment;
			uint64_t register_base;
		} drhd;
		struct {
			uint16_t reserved;
			uint16_t segment;
			uint64_t base;
			uint64_t limit;
		} rmrr;
		struct {            /* ATSR and SATC */
			uint8_t flags;
			uint8_t reserved;
			uint16_t segment;
		} atsr;
		struct {
			uint32_t reserved;
			uint64_t register_base;
			uint32_t proximity_domain;
		} rhsa;
		struct {
			uint8_t reserved[ANDD_RESERVED_LEN];
			uint8_t device_number;
		} andd;
		struct {
			uint16_t reserved;
			uint16_t segment;
		} sidp;
	} u;
	struct dmar_scope *scopes;
	size_t nscopes;
	/*
	 * Bytes after the fixed part that are not device scopes: the ANDD
	 * object name, an unknown type's payload, or whatever is left of a
	 * structure whose scopes do not fill it. Kept so encode is lossless.
	 */
	uint8_t *tail;
	size_t tail_len;
	uint32_t tail_offset;       /* in the table */
	bool truncated;             /* fixed part absent: cut short, or length 0 */
};

enum dmar_problem_kind {
	DMAR_PROB_TABLE_SHORT,      /* fewer bytes than the header claims */
	DMAR_PROB_TABLE_LONG,       /* more bytes than the header claims */
	DMAR_PROB_TABLE_LENGTH_SMALL, /* header length below the DMAR header size */
	DMAR_PROB_STRUCT_HEADER_CUT,/* fewer than 4 bytes left for a structure header */
	DMAR_PROB_STRUCT_ZERO,      /* length 0 (or < 4): walk cannot go on */
	DMAR_PROB_STRUCT_OVERRUN,   /* structure runs past the table end */
	DMAR_PROB_STRUCT_SHORT,     /* structure shorter than its fixed part */
	DMAR_PROB_SCOPE_HEADER_CUT, /* leftover bytes too few for a scope header */
	DMAR_PROB_SCOPE_ZERO,       /* scope length 0 */
	DMAR_PROB_SCOPE_OVERRUN,    /* scope runs past its structure */
	DMAR_PROB_SCOPE_SHORT,      /* scope length below 8 (no path entry) */
	DMAR_PROB_SCOPE_ODD,        /* path bytes not a whole number of entries */
};

struct dmar_problem {
	enum dmar_problem_kind kind;
	uint32_t offset;            /* where, in the table */
	uint64_t value;             /* the length or count seen */
	uint64_t limit;             /* the bound it broke */
	int struct_index;           /* -1 when about the table */
	int scope_index;            /* -1 when not about a scope */
};

struct dmar_table {
	char signature[ACPI_NAME_LEN + 1];
	uint32_t length;            /* as declared in the header */
	uint8_t revision;
	uint8_t checksum;
	char oem_id[ACPI_OEM_ID_LEN + 1];
	char oem_table_id[ACPI_OEM_TABLE_ID_LEN + 1];
	uint32_t oem_revision;
	char creator_id[ACPI_NAME_LEN + 1];
	uint32_t creator_revision;
	uint8_t haw;                /* raw field: width minus one */
	uint8_t flags;
	uint8_t reserved[DMAR_RESERVED_LEN];

	size_t data_len;            /* bytes actually present */
	bool checksum_valid;        /* over min(length, data_len) bytes */

	struct dmar_struct *structs;
	size_t nstructs;
	struct dmar_problem *problems;
	size_t nproblems;
};

enum dmar_decode_status {
	DMAR_OK = 0,
	DMAR_ERR_SHORT,             /* too short for the ACPI + DMAR header */
	DMAR_ERR_SIGNATURE,         /* not "DMAR" */
	DMAR_ERR_NOMEM,
};

/* Decode @len bytes at @buf. On DMAR_OK, release @t with dmar_free(). */
enum dmar_decode_status dmar_decode(const uint8_t *buf, size_t len,
				    struct dmar_table *t);
void dmar_free(struct dmar_table *t);
const char *dmar_decode_strerror(enum dmar_decode_status st);

/* Host address width in bits (the field plus one, VT-d §8.1). */
static inline unsigned dmar_haw_bits(const struct dmar_table *t)
{
	return (unsigned)t->haw + 1;
}

const char *dmar_struct_type_name(uint16_t type);  /* NULL when unknown */
const char *dmar_scope_type_name(uint8_t type);    /* NULL when invalid */
const char *dmar_problem_describe(enum dmar_problem_kind kind);

/* Fixed-part size of a known structure type, 0 for unknown types. */
size_t dmar_struct_fixed_size(uint16_t type);
/* Offset of the first device scope, 0 when the type carries none. */
size_t dmar_struct_scope_start(uint16_t type);
/* Scope types allowed in a structure of @type (VT-d §8.3-§8.9). */
unsigned dmar_struct_allowed_scopes(uint16_t type);
/* Segment of a structure that has one; false for RHSA, ANDD, unknown. */
bool dmar_struct_segment(const struct dmar_struct *s, uint16_t *segment);

/* ---- encoder ---- */

enum dmar_encode_opts {
	DMAR_ENC_COMPUTE = 0,       /* compute lengths and the checksum */
	DMAR_ENC_KEEP_LENGTHS = 1u << 0, /* write every length as declared */
	DMAR_ENC_KEEP_CHECKSUM = 1u << 1,/* write t->checksum as is */
};

/*
 * Encode @t into a newly allocated buffer (*out, *out_len). Returns 0, or
 * -1 when out of memory or a computed length does not fit its field.
 * With DMAR_ENC_COMPUTE, the lengths of @t are updated to those written.
 */
int dmar_encode(struct dmar_table *t, unsigned opts, uint8_t **out,
		size_t *out_len);

/*
 * Builder helpers for tests and fixtures: start an empty table, append
 * structures and scopes. Each returns a pointer into @t that is valid until
 * the next append, or NULL when out of memory.
 */
void dmar_init(struct dmar_table *t, uint8_t haw_bits, uint8_t flags);
struct dmar_struct *dmar_add_struct(struct dmar_table *t, uint16_t type);
struct dmar_struct *dmar_add_drhd(struct dmar_table *t, uint8_t flags,
				  uint16_t segment, uint64_t register_base);
struct dmar_struct *dmar_add_rmrr(struct dmar_table *t, uint16_t segment,
				  uint64_t base, uint64_t limit);
struct dmar_struct *dmar_add_atsr(struct dmar_table *t, uint8_t flags,
				  uint16_t segment);
struct dmar_struct *dmar_add_rhsa(struct dmar_table *t, uint64_t register_base,
				  uint32_t proximity_domain);
struct dmar_struct *dmar_add_andd(struct dmar_table *t, uint8_t device_number,
				  const char *name);
struct dmar_struct *dmar_add_satc(struct dmar_table *t, uint8_t flags,
				  uint16_t segment);
struct dmar_struct *dmar_add_sidp(struct dmar_table *t, uint16_t segment);
/* Set the tail bytes of @s (ANDD name, unknown payload). 0 or -1. */
int dmar_set_tail(struct dmar_struct *s, const void *bytes, size_t len);
/* Append a scope with @npath (device, function) pairs to the last structure. */
struct dmar_scope *dmar_add_scope(struct dmar_table *t, uint8_t type,
				  uint8_t enumeration_id, uint8_t start_bus,
				  const struct dmar_path *path, size_t npath);

#endif
