// SPDX-License-Identifier: GPL-2.0-or-later
/* DMAR decoder: bytes to the reference model (see dmar.h for the contract). */
#include <stdlib.h>
#include <string.h>

#include "dmar.h"
#include "le.h"

struct cursor {
	const uint8_t *buf;
	size_t end;                 /* min(declared length, data length) */
	struct dmar_table *t;
	bool nomem;
};

static void add_problem(struct cursor *c, enum dmar_problem_kind kind,
			uint32_t offset, uint64_t value, uint64_t limit,
			int si, int sci)
{
	struct dmar_table *t = c->t;
	struct dmar_problem *p;

	p = realloc(t->problems, (t->nproblems + 1) * sizeof(*p));
	if (!p) {
		c->nomem = true;
		return;
	}
	t->problems = p;
	t->problems[t->nproblems++] = (struct dmar_problem){
		.kind = kind, .offset = offset, .value = value, .limit = limit,
		.struct_index = si, .scope_index = sci,
	};
}

static void copy_name(char *dst, const uint8_t *src, size_t n)
{
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void decode_header(const uint8_t *b, size_t len, struct dmar_table *t)
{
	size_t sum_len, i;
	uint8_t sum = 0;

	copy_name(t->signature, b + ACPI_HDR_SIGNATURE, ACPI_NAME_LEN);
	t->length = get_le32(b + ACPI_HDR_LENGTH);
	t->revision = b[ACPI_HDR_REVISION];
	t->checksum = b[ACPI_HDR_CHECKSUM];
	copy_name(t->oem_id, b + ACPI_HDR_OEM_ID, ACPI_OEM_ID_LEN);
	copy_name(t->oem_table_id, b + ACPI_HDR_OEM_TABLE_ID, ACPI_OEM_TABLE_ID_LEN);
	t->oem_revision = get_le32(b + ACPI_HDR_OEM_REVISION);
	copy_name(t->creator_id, b + ACPI_HDR_CREATOR_ID, ACPI_NAME_LEN);
	t->creator_revision = get_le32(b + ACPI_HDR_CREATOR_REVISION);
	t->haw = b[DMAR_HAW];
	t->flags = b[DMAR_FLAGS];
	memcpy(t->reserved, b + DMAR_RESERVED, DMAR_RESERVED_LEN);
	t->data_len = len;

	/* ACPI: the checksum covers exactly Length bytes. */
	sum_len = t->length < len ? t->length : len;
	for (i = 0; i < sum_len; i++)
		sum = (uint8_t)(sum + b[i]);
	t->checksum_valid = sum == 0 && t->length <= len;
}

static void decode_fixed(const uint8_t *p, struct dmar_struct *s)
{
	switch (s->type) {
	case DMAR_TYPE_DRHD:
		s->u.drhd.flags = p[DRHD_FLAGS];
		s->u.drhd.size = p[DRHD_SIZE];
		s->u.drhd.segment = get_le16(p + DRHD_SEGMENT);
		s->u.drhd.register_base = get_le64(p + DRHD_REGISTER_BASE);
		break;
	case DMAR_TYPE_RMRR:
		s->u.rmrr.reserved = get_le16(p + RMRR_RESERVED);
		s->u.rmrr.segment = get_le16(p + RMRR_SEGMENT);
		s->u.rmrr.base = get_le64(p + RMRR_BASE);
		s->u.rmrr.limit = get_le64(p + RMRR_LIMIT);
		break;
	case DMAR_TYPE_ATSR:
	case DMAR_TYPE_SATC:
		s->u.atsr.flags = p[ATSR_FLAGS];
		s->u.atsr.reserved = p[ATSR_RESERVED];
		s->u.atsr.segment = get_le16(p + ATSR_SEGMENT);
		break;
	case DMAR_TYPE_RHSA:
		s->u.rhsa.reserved = get_le32(p + RHSA_RESERVED);
		s->u.rhsa.register_base = get_le64(p + RHSA_REGISTER_BASE);
		s->u.rhsa.proximity_domain = get_le32(p + RHSA_PROXIMITY_DOMAIN);
		break;
	case DMAR_TYPE_ANDD:
		memcpy(s->u.andd.reserved, p + ANDD_RESERVED, ANDD_RESERVED_LEN);
		s->u.andd.device_number = p[ANDD_DEVICE_NUMBER];
		break;
	case DMAR_TYPE_SIDP:
		s->u.sidp.reserved = get_le16(p + SIDP_RESERVED);
		s->u.sidp.segment = get_le16(p + SIDP_SEGMENT);
		break;
	}
}

static int set_tail(struct cursor *c, struct dmar_struct *s, size_t from,
		    size_t to)
{
	if (to <= from)
		return 0;
	s->tail = malloc(to - from);
	if (!s->tail) {
		c->nomem = true;
		return -1;
	}
	memcpy(s->tail, c->buf + from, to - from);
	s->tail_len = to - from;
	s->tail_offset = (uint32_t)from;
	return 0;
}

/* Walk the device scopes in [from, to) of structure @si. */
static void decode_scopes(struct cursor *c, int si, size_t from, size_t to)
{
	struct dmar_struct *s = &c->t->structs[si];
	size_t off = from;

	while (off < to) {
		const uint8_t *p = c->buf + off;
		struct dmar_scope *sc, *grown;
		int sci = (int)s->nscopes;
		size_t len, npath, i;

		if (to - off < SCOPE_HDR_SIZE) {
			add_problem(c, DMAR_PROB_SCOPE_HEADER_CUT, (uint32_t)off,
				    to - off, SCOPE_HDR_SIZE, si, sci);
			break;
		}
		len = p[SCOPE_LENGTH];
		if (len == 0) {
			add_problem(c, DMAR_PROB_SCOPE_ZERO, (uint32_t)off, 0,
				    SCOPE_MIN_SIZE, si, sci);
			break;
		}
		grown = realloc(s->scopes, (s->nscopes + 1) * sizeof(*grown));
		if (!grown) {
			c->nomem = true;
			return;
		}
		s->scopes = grown;
		sc = &s->scopes[s->nscopes++];
		memset(sc, 0, sizeof(*sc));
		sc->offset = (uint32_t)off;
		sc->type = p[SCOPE_TYPE];
		sc->length = (uint8_t)len;
		sc->flags = p[SCOPE_FLAGS];
		sc->reserved = p[SCOPE_RESERVED];
		sc->enumeration_id = p[SCOPE_ENUMERATION_ID];
		sc->start_bus = p[SCOPE_START_BUS];

		if (len < SCOPE_MIN_SIZE)
			add_problem(c, DMAR_PROB_SCOPE_SHORT, (uint32_t)off, len,
				    SCOPE_MIN_SIZE, si, sci);
		if (len > SCOPE_HDR_SIZE && (len - SCOPE_HDR_SIZE) % SCOPE_PATH_ENTRY_SIZE)
			add_problem(c, DMAR_PROB_SCOPE_ODD, (uint32_t)off, len,
				    SCOPE_PATH_ENTRY_SIZE, si, sci);
		if (len > to - off) {
			add_problem(c, DMAR_PROB_SCOPE_OVERRUN, (uint32_t)off,
				    off + len, to, si, sci);
			len = to - off;     /* decode what is there, then stop */
		}
		npath = len > SCOPE_HDR_SIZE ?
			(len - SCOPE_HDR_SIZE) / SCOPE_PATH_ENTRY_SIZE : 0;
		for (i = 0; i < npath; i++) {
			sc->path[i].device = p[SCOPE_PATH + 2 * i];
			sc->path[i].function = p[SCOPE_PATH + 2 * i + 1];
		}
		sc->npath = (uint8_t)npath;
		if (len < sc->length) {
			off = to;           /* the cut scope holds what remains */
			break;
		}
		off += len;
	}
	/* Keep leftover bytes (a cut scope header, a zero-length scope). */
	if (off < to)
		set_tail(c, s, off, to);
}

static void decode_structs(struct cursor *c)
{
	size_t off = DMAR_HEADER_SIZE;

	while (off < c->end && !c->nomem) {
		const uint8_t *p = c->buf + off;
		struct dmar_struct *s, *grown;
		int si = (int)c->t->nstructs;
		size_t len, fixed, scope_start, avail = c->end - off;

		if (avail < DMAR_STRUCT_HDR_SIZE) {
			add_problem(c, DMAR_PROB_STRUCT_HEADER_CUT, (uint32_t)off,
				    avail, DMAR_STRUCT_HDR_SIZE, -1, -1);
			return;
		}
		len = get_le16(p + DMAR_STRUCT_LENGTH);
		grown = realloc(c->t->structs, (c->t->nstructs + 1) * sizeof(*grown));
		if (!grown) {
			c->nomem = true;
			return;
		}
		c->t->structs = grown;
		s = &c->t->structs[c->t->nstructs++];
		memset(s, 0, sizeof(*s));
		s->offset = (uint32_t)off;
		s->type = get_le16(p + DMAR_STRUCT_TYPE);
		s->length = (uint16_t)len;

		if (len < DMAR_STRUCT_HDR_SIZE) {
			/*
			 * Linux: "Invalid 0-length structure". A length below the
			 * header cannot be stepped over either: nothing after it
			 * is findable.
			 */
			add_problem(c, DMAR_PROB_STRUCT_ZERO, (uint32_t)off, len,
				    DMAR_STRUCT_HDR_SIZE, si, -1);
			s->truncated = true;    /* its fields are not its own */
			return;
		}
		if (len > avail) {
			add_problem(c, DMAR_PROB_STRUCT_OVERRUN, (uint32_t)off,
				    off + len, c->end, si, -1);
			len = avail;
		}
		fixed = dmar_struct_fixed_size(s->type);
		if (fixed && len < fixed) {
			add_problem(c, DMAR_PROB_STRUCT_SHORT, (uint32_t)off,
				    len, fixed, si, -1);
			s->truncated = true;
			set_tail(c, s, off + DMAR_STRUCT_HDR_SIZE, off + len);
		} else if (fixed) {
			decode_fixed(p, s);
			scope_start = dmar_struct_scope_start(s->type);
			if (scope_start)
				decode_scopes(c, si, off + scope_start, off + len);
			else
				set_tail(c, s, off + fixed, off + len);
		} else {
			/* Unknown type: keep its payload, skip it by its length. */
			set_tail(c, s, off + DMAR_STRUCT_HDR_SIZE, off + len);
		}
		if (len < s->length)
			return;         /* overran the table: nothing follows */
		off += len;
	}
}

enum dmar_decode_status dmar_decode(const uint8_t *buf, size_t len,
				    struct dmar_table *t)
{
	struct cursor c = { .buf = buf, .t = t };

	memset(t, 0, sizeof(*t));
	if (len < DMAR_HEADER_SIZE)
		return DMAR_ERR_SHORT;
	if (memcmp(buf + ACPI_HDR_SIGNATURE, DMAR_SIGNATURE, ACPI_NAME_LEN))
		return DMAR_ERR_SIGNATURE;

	decode_header(buf, len, t);
	c.end = t->length < len ? t->length : len;
	if (t->length < len)
		add_problem(&c, DMAR_PROB_TABLE_LONG, t->length, len, t->length,
			    -1, -1);
	else if (t->length > len)
		add_problem(&c, DMAR_PROB_TABLE_SHORT, (uint32_t)len, t->length,
			    len, -1, -1);
	if (t->length < DMAR_HEADER_SIZE) {
		add_problem(&c, DMAR_PROB_TABLE_LENGTH_SMALL, ACPI_HDR_LENGTH,
			    t->length, DMAR_HEADER_SIZE, -1, -1);
		c.end = len;    /* still look at what follows the header */
	}
	decode_structs(&c);
	if (c.nomem) {
		dmar_free(t);
		return DMAR_ERR_NOMEM;
	}
	return DMAR_OK;
}

void dmar_free(struct dmar_table *t)
{
	size_t i;

	for (i = 0; i < t->nstructs; i++) {
		free(t->structs[i].scopes);
		free(t->structs[i].tail);
	}
	free(t->structs);
	free(t->problems);
	memset(t, 0, sizeof(*t));
}

const char *dmar_decode_strerror(enum dmar_decode_status st)
{
	switch (st) {
	case DMAR_OK:
		return "ok";
	case DMAR_ERR_SHORT:
		return "shorter than the 48-byte DMAR header";
	case DMAR_ERR_SIGNATURE:
		return "signature is not \"DMAR\"";
	case DMAR_ERR_NOMEM:
		return "out of memory";
	}
	return "unknown error";
}
