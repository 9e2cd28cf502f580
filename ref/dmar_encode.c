// SPDX-License-Identifier: GPL-2.0-or-later
/* DMAR encoder and builder: the reference model back to bytes. */
#include <stdlib.h>
#include <string.h>

#include "dmar.h"
#include "le.h"

static size_t scope_bytes(const struct dmar_scope *sc)
{
	return SCOPE_HDR_SIZE + (size_t)sc->npath * SCOPE_PATH_ENTRY_SIZE;
}

static size_t struct_bytes(const struct dmar_struct *s)
{
	size_t n = s->truncated ? DMAR_STRUCT_HDR_SIZE : dmar_struct_fixed_size(s->type);
	size_t i;

	if (!n)
		n = DMAR_STRUCT_HDR_SIZE;   /* unknown type: payload is the tail */
	for (i = 0; i < s->nscopes; i++)
		n += scope_bytes(&s->scopes[i]);
	return n + s->tail_len;
}

static void encode_fixed(uint8_t *p, const struct dmar_struct *s)
{
	switch (s->type) {
	case DMAR_TYPE_DRHD:
		p[DRHD_FLAGS] = s->u.drhd.flags;
		p[DRHD_SIZE] = s->u.drhd.size;
		put_le16(p + DRHD_SEGMENT, s->u.drhd.segment);
		put_le64(p + DRHD_REGISTER_BASE, s->u.drhd.register_base);
		break;
	case DMAR_TYPE_RMRR:
		put_le16(p + RMRR_RESERVED, s->u.rmrr.reserved);
		put_le16(p + RMRR_SEGMENT, s->u.rmrr.segment);
		put_le64(p + RMRR_BASE, s->u.rmrr.base);
		put_le64(p + RMRR_LIMIT, s->u.rmrr.limit);
		break;
	case DMAR_TYPE_ATSR:
	case DMAR_TYPE_SATC:
		p[ATSR_FLAGS] = s->u.atsr.flags;
		p[ATSR_RESERVED] = s->u.atsr.reserved;
		put_le16(p + ATSR_SEGMENT, s->u.atsr.segment);
		break;
	case DMAR_TYPE_RHSA:
		put_le32(p + RHSA_RESERVED, s->u.rhsa.reserved);
		put_le64(p + RHSA_REGISTER_BASE, s->u.rhsa.register_base);
		put_le32(p + RHSA_PROXIMITY_DOMAIN, s->u.rhsa.proximity_domain);
		break;
	case DMAR_TYPE_ANDD:
		memcpy(p + ANDD_RESERVED, s->u.andd.reserved, ANDD_RESERVED_LEN);
		p[ANDD_DEVICE_NUMBER] = s->u.andd.device_number;
		break;
	case DMAR_TYPE_SIDP:
		put_le16(p + SIDP_RESERVED, s->u.sidp.reserved);
		put_le16(p + SIDP_SEGMENT, s->u.sidp.segment);
		break;
	}
}

static uint8_t *encode_scope(uint8_t *p, struct dmar_scope *sc, unsigned opts)
{
	size_t i, n = scope_bytes(sc);

	if (!(opts & DMAR_ENC_KEEP_LENGTHS))
		sc->length = (uint8_t)n;
	p[SCOPE_TYPE] = sc->type;
	p[SCOPE_LENGTH] = sc->length;
	p[SCOPE_FLAGS] = sc->flags;
	p[SCOPE_RESERVED] = sc->reserved;
	p[SCOPE_ENUMERATION_ID] = sc->enumeration_id;
	p[SCOPE_START_BUS] = sc->start_bus;
	for (i = 0; i < sc->npath; i++) {
		p[SCOPE_PATH + 2 * i] = sc->path[i].device;
		p[SCOPE_PATH + 2 * i + 1] = sc->path[i].function;
	}
	return p + n;
}

int dmar_encode(struct dmar_table *t, unsigned opts, uint8_t **out,
		size_t *out_len)
{
	size_t total = DMAR_HEADER_SIZE, i, j;
	uint8_t *buf, *p, sum = 0;

	for (i = 0; i < t->nstructs; i++) {
		size_t n = struct_bytes(&t->structs[i]);

		if (n > UINT16_MAX && !(opts & DMAR_ENC_KEEP_LENGTHS))
			return -1;
		for (j = 0; j < t->structs[i].nscopes; j++)
			if (scope_bytes(&t->structs[i].scopes[j]) > UINT8_MAX)
				return -1;
		total += n;
	}
	if (total > UINT32_MAX)
		return -1;
	buf = calloc(1, total);
	if (!buf)
		return -1;

	if (!(opts & DMAR_ENC_KEEP_LENGTHS))
		t->length = (uint32_t)total;
	memcpy(buf + ACPI_HDR_SIGNATURE, t->signature[0] ? t->signature : DMAR_SIGNATURE,
	       ACPI_NAME_LEN);
	put_le32(buf + ACPI_HDR_LENGTH, t->length);
	buf[ACPI_HDR_REVISION] = t->revision;
	/* Names are fixed-width byte fields, copied whole (they may hold NULs). */
	memcpy(buf + ACPI_HDR_OEM_ID, t->oem_id, ACPI_OEM_ID_LEN);
	memcpy(buf + ACPI_HDR_OEM_TABLE_ID, t->oem_table_id, ACPI_OEM_TABLE_ID_LEN);
	put_le32(buf + ACPI_HDR_OEM_REVISION, t->oem_revision);
	memcpy(buf + ACPI_HDR_CREATOR_ID, t->creator_id, ACPI_NAME_LEN);
	put_le32(buf + ACPI_HDR_CREATOR_REVISION, t->creator_revision);
	buf[DMAR_HAW] = t->haw;
	buf[DMAR_FLAGS] = t->flags;
	memcpy(buf + DMAR_RESERVED, t->reserved, DMAR_RESERVED_LEN);

	p = buf + DMAR_HEADER_SIZE;
	for (i = 0; i < t->nstructs; i++) {
		struct dmar_struct *s = &t->structs[i];
		size_t fixed = dmar_struct_fixed_size(s->type);

		s->offset = (uint32_t)(p - buf);
		if (!(opts & DMAR_ENC_KEEP_LENGTHS))
			s->length = (uint16_t)struct_bytes(s);
		put_le16(p + DMAR_STRUCT_TYPE, s->type);
		put_le16(p + DMAR_STRUCT_LENGTH, s->length);
		if (fixed && !s->truncated) {
			encode_fixed(p, s);
			p += fixed;
		} else {
			p += DMAR_STRUCT_HDR_SIZE;
		}
		for (j = 0; j < s->nscopes; j++) {
			s->scopes[j].offset = (uint32_t)(p - buf);
			p = encode_scope(p, &s->scopes[j], opts);
		}
		if (s->tail_len) {
			s->tail_offset = (uint32_t)(p - buf);
			memcpy(p, s->tail, s->tail_len);
			p += s->tail_len;
		}
	}

	if (opts & DMAR_ENC_KEEP_CHECKSUM) {
		buf[ACPI_HDR_CHECKSUM] = t->checksum;
	} else {
		for (i = 0; i < total; i++)
			sum = (uint8_t)(sum + buf[i]);
		buf[ACPI_HDR_CHECKSUM] = (uint8_t)(0x100 - sum);
		t->checksum = buf[ACPI_HDR_CHECKSUM];
	}
	*out = buf;
	*out_len = total;
	return 0;
}

/* ---- builder ---- */

void dmar_init(struct dmar_table *t, uint8_t haw_bits, uint8_t flags)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->signature, DMAR_SIGNATURE, ACPI_NAME_LEN);
	t->revision = DMAR_REVISION;
	memcpy(t->oem_id, "VTDCRT", ACPI_OEM_ID_LEN);
	memcpy(t->oem_table_id, "FIXTURE ", ACPI_OEM_TABLE_ID_LEN);
	memcpy(t->creator_id, "VTDC", ACPI_NAME_LEN);
	t->haw = (uint8_t)(haw_bits - 1);
	t->flags = flags;
}

struct dmar_struct *dmar_add_struct(struct dmar_table *t, uint16_t type)
{
	struct dmar_struct *grown;

	grown = realloc(t->structs, (t->nstructs + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	t->structs = grown;
	memset(&grown[t->nstructs], 0, sizeof(*grown));
	grown[t->nstructs].type = type;
	return &grown[t->nstructs++];
}

struct dmar_struct *dmar_add_drhd(struct dmar_table *t, uint8_t flags,
				  uint16_t segment, uint64_t register_base)
{
	struct dmar_struct *s = dmar_add_struct(t, DMAR_TYPE_DRHD);

	if (s) {
		s->u.drhd.flags = flags;
		s->u.drhd.segment = segment;
		s->u.drhd.register_base = register_base;
	}
	return s;
}

struct dmar_struct *dmar_add_rmrr(struct dmar_table *t, uint16_t segment,
				  uint64_t base, uint64_t limit)
{
	struct dmar_struct *s = dmar_add_struct(t, DMAR_TYPE_RMRR);

	if (s) {
		s->u.rmrr.segment = segment;
		s->u.rmrr.base = base;
		s->u.rmrr.limit = limit;
	}
	return s;
}

static struct dmar_struct *add_atsr_like(struct dmar_table *t, uint16_t type,
					 uint8_t flags, uint16_t segment)
{
	struct dmar_struct *s = dmar_add_struct(t, type);

	if (s) {
		s->u.atsr.flags = flags;
		s->u.atsr.segment = segment;
	}
	return s;
}

struct dmar_struct *dmar_add_atsr(struct dmar_table *t, uint8_t flags,
				  uint16_t segment)
{
	return add_atsr_like(t, DMAR_TYPE_ATSR, flags, segment);
}

struct dmar_struct *dmar_add_satc(struct dmar_table *t, uint8_t flags,
				  uint16_t segment)
{
	return add_atsr_like(t, DMAR_TYPE_SATC, flags, segment);
}

struct dmar_struct *dmar_add_rhsa(struct dmar_table *t, uint64_t register_base,
				  uint32_t proximity_domain)
{
	struct dmar_struct *s = dmar_add_struct(t, DMAR_TYPE_RHSA);

	if (s) {
		s->u.rhsa.register_base = register_base;
		s->u.rhsa.proximity_domain = proximity_domain;
	}
	return s;
}

struct dmar_struct *dmar_add_andd(struct dmar_table *t, uint8_t device_number,
				  const char *name)
{
	struct dmar_struct *s = dmar_add_struct(t, DMAR_TYPE_ANDD);

	if (!s)
		return NULL;
	s->u.andd.device_number = device_number;
	/* The name is stored with its terminating NUL (VT-d §8.7). */
	if (dmar_set_tail(s, name, strlen(name) + 1)) {
		t->nstructs--;
		return NULL;
	}
	return s;
}

struct dmar_struct *dmar_add_sidp(struct dmar_table *t, uint16_t segment)
{
	struct dmar_struct *s = dmar_add_struct(t, DMAR_TYPE_SIDP);

	if (s)
		s->u.sidp.segment = segment;
	return s;
}

int dmar_set_tail(struct dmar_struct *s, const void *bytes, size_t len)
{
	uint8_t *copy = NULL;

	if (len) {
		copy = malloc(len);
		if (!copy)
			return -1;
		memcpy(copy, bytes, len);
	}
	free(s->tail);
	s->tail = copy;
	s->tail_len = len;
	return 0;
}

struct dmar_scope *dmar_add_scope(struct dmar_table *t, uint8_t type,
				  uint8_t enumeration_id, uint8_t start_bus,
				  const struct dmar_path *path, size_t npath)
{
	struct dmar_struct *s;
	struct dmar_scope *grown, *sc;

	if (!t->nstructs || npath > SCOPE_MAX_PATH)
		return NULL;
	s = &t->structs[t->nstructs - 1];
	grown = realloc(s->scopes, (s->nscopes + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	s->scopes = grown;
	sc = &grown[s->nscopes++];
	memset(sc, 0, sizeof(*sc));
	sc->type = type;
	sc->enumeration_id = enumeration_id;
	sc->start_bus = start_bus;
	sc->npath = (uint8_t)npath;
	if (npath)
		memcpy(sc->path, path, npath * sizeof(*path));
	sc->length = (uint8_t)scope_bytes(sc);
	return sc;
}
