// SPDX-License-Identifier: GPL-2.0-or-later
/* The reference DMAR codec: builder, encode, decode, and their round trips. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../ref/dmar.h"
#include "../../ref/le.h"

/* The project's own copy of the real tables (fixtures/corpus/dmar/ATTRIBUTION). */
#define CORPUS_DIR "fixtures/corpus/dmar"

/* A table with one of everything, as a platform might report. */
static void build_everything(struct dmar_table *t)
{
	static const struct dmar_path ep[] = { { 0x1f, 0 } };
	static const struct dmar_path deep[] = { { 0x1c, 0 }, { 0x00, 1 } };
	static const struct dmar_path ioapic[] = { { 0x1e, 7 } };

	dmar_init(t, 39, DMAR_FLAG_INTR_REMAP | DMAR_FLAG_X2APIC_OPT_OUT);
	dmar_add_drhd(t, 0, 0, 0xfed90000);
	dmar_add_scope(t, SCOPE_TYPE_ENDPOINT, 0, 0, ep, 1);
	dmar_add_drhd(t, DRHD_FLAG_INCLUDE_PCI_ALL, 0, 0xfed91000);
	dmar_add_scope(t, SCOPE_TYPE_IOAPIC, 2, 0xf0, ioapic, 1);
	dmar_add_scope(t, SCOPE_TYPE_NAMESPACE, 1, 0, ep, 1);
	dmar_add_rmrr(t, 0, 0x7c000000, 0x7c7fffff);
	dmar_add_scope(t, SCOPE_TYPE_BRIDGE, 0, 0, deep, 2);
	dmar_add_atsr(t, ATSR_FLAG_ALL_PORTS, 0);
	dmar_add_rhsa(t, 0xfed91000, 3);
	dmar_add_andd(t, 1, "\\_SB.PCI0.UA00");
	dmar_add_satc(t, SATC_FLAG_ATC_REQUIRED, 0);
	dmar_add_scope(t, SCOPE_TYPE_ENDPOINT, 0, 0, ep, 1);
	dmar_add_sidp(t, 0);
	dmar_add_scope(t, SCOPE_TYPE_ENDPOINT, 0, 0, ep, 1);
}

static void assert_same_tables(const struct dmar_table *a, const struct dmar_table *b)
{
	size_t i, j;

	CU_ASSERT_EQUAL(a->length, b->length);
	CU_ASSERT_EQUAL(a->haw, b->haw);
	CU_ASSERT_EQUAL(a->flags, b->flags);
	CU_ASSERT_NSTRING_EQUAL(a->oem_id, b->oem_id, ACPI_OEM_ID_LEN);
	CU_ASSERT_EQUAL_FATAL(a->nstructs, b->nstructs);
	for (i = 0; i < a->nstructs; i++) {
		const struct dmar_struct *x = &a->structs[i], *y = &b->structs[i];

		CU_ASSERT_EQUAL(x->type, y->type);
		CU_ASSERT_EQUAL(x->length, y->length);
		CU_ASSERT_EQUAL(x->offset, y->offset);
		CU_ASSERT(!memcmp(&x->u, &y->u, sizeof(x->u)));
		CU_ASSERT_EQUAL(x->tail_len, y->tail_len);
		if (x->tail_len == y->tail_len && x->tail_len)
			CU_ASSERT(!memcmp(x->tail, y->tail, x->tail_len));
		CU_ASSERT_EQUAL_FATAL(x->nscopes, y->nscopes);
		for (j = 0; j < x->nscopes; j++) {
			CU_ASSERT_EQUAL(x->scopes[j].type, y->scopes[j].type);
			CU_ASSERT_EQUAL(x->scopes[j].length, y->scopes[j].length);
			CU_ASSERT_EQUAL(x->scopes[j].npath, y->scopes[j].npath);
			CU_ASSERT(!memcmp(x->scopes[j].path, y->scopes[j].path,
					  x->scopes[j].npath * sizeof(struct dmar_path)));
		}
	}
}

static void test_model_round_trip(void)
{
	struct dmar_table t, back;
	uint8_t *buf;
	size_t len;

	build_everything(&t);
	CU_ASSERT_EQUAL_FATAL(dmar_encode(&t, DMAR_ENC_COMPUTE, &buf, &len), 0);
	CU_ASSERT_EQUAL(len, t.length);
	CU_ASSERT_EQUAL_FATAL(dmar_decode(buf, len, &back), DMAR_OK);
	CU_ASSERT(back.checksum_valid);
	CU_ASSERT_EQUAL(back.nproblems, 0);
	assert_same_tables(&t, &back);
	/* Fields land at the offsets the spec gives. */
	CU_ASSERT_EQUAL(get_le64(buf + DMAR_HEADER_SIZE + DRHD_REGISTER_BASE), 0xfed90000);
	CU_ASSERT_EQUAL(buf[DMAR_HAW], 38);
	CU_ASSERT_STRING_EQUAL((const char *)back.structs[5].tail, "\\_SB.PCI0.UA00");
	CU_ASSERT_EQUAL(back.structs[2].scopes[0].path[1].function, 1);
	free(buf);
	dmar_free(&t);
	dmar_free(&back);
}

static void test_unknown_type_kept(void)
{
	static const uint8_t payload[] = { 1, 2, 3, 4, 5, 6 };
	struct dmar_table t, back;
	struct dmar_struct *s;
	uint8_t *buf;
	size_t len;

	dmar_init(&t, 48, 0);
	dmar_add_drhd(&t, DRHD_FLAG_INCLUDE_PCI_ALL, 0, 0xfed90000);
	s = dmar_add_struct(&t, 0x42);
	CU_ASSERT_EQUAL_FATAL(dmar_set_tail(s, payload, sizeof(payload)), 0);
	CU_ASSERT_EQUAL_FATAL(dmar_encode(&t, DMAR_ENC_COMPUTE, &buf, &len), 0);
	CU_ASSERT_EQUAL_FATAL(dmar_decode(buf, len, &back), DMAR_OK);
	CU_ASSERT_EQUAL_FATAL(back.nstructs, 2);
	CU_ASSERT_EQUAL(back.structs[1].type, 0x42);
	CU_ASSERT_EQUAL(back.structs[1].length, DMAR_STRUCT_HDR_SIZE + sizeof(payload));
	CU_ASSERT_EQUAL(back.structs[1].tail_len, sizeof(payload));
	CU_ASSERT_PTR_NULL(dmar_struct_type_name(0x42));
	free(buf);
	dmar_free(&t);
	dmar_free(&back);
}

static void test_not_a_table(void)
{
	uint8_t buf[DMAR_HEADER_SIZE] = "APIC";
	struct dmar_table t;

	CU_ASSERT_EQUAL(dmar_decode(buf, sizeof(buf), &t), DMAR_ERR_SIGNATURE);
	memcpy(buf, DMAR_SIGNATURE, 4);
	CU_ASSERT_EQUAL(dmar_decode(buf, DMAR_HEADER_SIZE - 1, &t), DMAR_ERR_SHORT);
	CU_ASSERT_EQUAL(dmar_decode(buf, 0, &t), DMAR_ERR_SHORT);
}

/* Problems are found at the right offsets and the walk never overreads. */
static void test_structural_problems(void)
{
	struct dmar_table t, back;
	uint8_t *buf;
	size_t len, k;

	dmar_init(&t, 39, 0);
	dmar_add_drhd(&t, DRHD_FLAG_INCLUDE_PCI_ALL, 0, 0xfed90000);
	dmar_add_rmrr(&t, 0, 0x1000, 0x1fff);
	CU_ASSERT_EQUAL_FATAL(dmar_encode(&t, DMAR_ENC_COMPUTE, &buf, &len), 0);

	/* Every truncation decodes (or is refused) without reading past len. */
	for (k = 0; k < len; k++) {
		enum dmar_decode_status st = dmar_decode(buf, k, &back);

		CU_ASSERT(st == DMAR_OK || st == DMAR_ERR_SHORT);
		if (st == DMAR_OK) {
			CU_ASSERT(back.nproblems > 0);
			dmar_free(&back);
		}
	}

	/* The RMRR claims 0x100 bytes: overrun at its offset. */
	put_le16(buf + t.structs[1].offset + DMAR_STRUCT_LENGTH, 0x100);
	CU_ASSERT_EQUAL_FATAL(dmar_decode(buf, len, &back), DMAR_OK);
	CU_ASSERT_EQUAL_FATAL(back.nproblems, 1);
	CU_ASSERT_EQUAL(back.problems[0].kind, DMAR_PROB_STRUCT_OVERRUN);
	CU_ASSERT_EQUAL(back.problems[0].offset, t.structs[1].offset);
	dmar_free(&back);

	/* A zero length stops the walk there. */
	put_le16(buf + t.structs[1].offset + DMAR_STRUCT_LENGTH, 0);
	CU_ASSERT_EQUAL_FATAL(dmar_decode(buf, len, &back), DMAR_OK);
	CU_ASSERT_EQUAL(back.nstructs, 2);
	CU_ASSERT_EQUAL(back.problems[0].kind, DMAR_PROB_STRUCT_ZERO);
	dmar_free(&back);
	free(buf);
	dmar_free(&t);
}

static int read_file(const char *path, uint8_t **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	*buf = malloc((size_t)n + 1);
	*len = fread(*buf, 1, (size_t)n, f);
	fclose(f);
	return *len == (size_t)n ? 0 : -1;
}

/* encode(decode(b)) == b for every real table (all are well formed). */
static void test_corpus_round_trip(void)
{
	DIR *d = opendir(CORPUS_DIR);
	struct dirent *de;
	size_t tables = 0;

	/* The corpus is part of the project: its absence is a failure. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((de = readdir(d))) {
		char path[512];
		uint8_t *buf = NULL, *out;
		size_t len, out_len;
		struct dmar_table t;

		if (!strstr(de->d_name, ".dat"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", CORPUS_DIR, de->d_name);
		CU_ASSERT_EQUAL_FATAL(read_file(path, &buf, &len), 0);
		CU_ASSERT_EQUAL_FATAL(dmar_decode(buf, len, &t), DMAR_OK);
		CU_ASSERT_EQUAL(t.nproblems, 0);
		CU_ASSERT_EQUAL_FATAL(dmar_encode(&t, DMAR_ENC_KEEP_CHECKSUM, &out, &out_len), 0);
		CU_ASSERT_EQUAL(out_len, len);
		if (out_len == len && memcmp(out, buf, len))
			CU_FAIL_FATAL("re-encoded table differs from the original");
		free(out);
		free(buf);
		dmar_free(&t);
		tables++;
	}
	closedir(d);
	CU_ASSERT(tables >= 100);
}

void register_codec_tests(void)
{
	static const struct unit_test tests[] = {
		{ "model round trip", test_model_round_trip },
		{ "unknown type kept", test_unknown_type_kept },
		{ "not a table", test_not_a_table },
		{ "structural problems", test_structural_problems },
		{ "corpus round trip", test_corpus_round_trip },
		{ NULL, NULL },
	};

	unit_add_suite("codec", tests);
}
