// SPDX-License-Identifier: GPL-2.0-or-later
/* util/: SHA-256 (FIPS 180-4 test vectors), printable text, atomic files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "../../util/atomic_file.h"
#include "../../util/sha256.h"
#include "../../util/text.h"

static void test_sha256(void)
{
	static const char two_blocks[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char hex[SHA256_HEX_LEN + 1], *million = malloc(1000000);
	struct sha256 c;
	uint8_t d[SHA256_DIGEST_LEN];
	size_t i;

	sha256_hex("", 0, hex);
	CU_ASSERT_STRING_EQUAL(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex(two_blocks, strlen(two_blocks), hex);
	CU_ASSERT_STRING_EQUAL(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* A million 'a', fed in odd pieces. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(million);
	memset(million, 'a', 1000000);
	sha256_init(&c);
	for (i = 0; i < 1000000; i += 7)
		sha256_update(&c, million + i, i + 7 <= 1000000 ? 7 : 1000000 - i);
	sha256_final(&c, d);
	CU_ASSERT_EQUAL(d[0], 0xcd);
	CU_ASSERT_EQUAL(d[31], 0xd0);
	free(million);
}

static void test_printable(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain text", "plain text" },
		{ "caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac" },   /* valid UTF-8 */
		{ "\x1b[2Jclear", "\\x1b[2Jclear" },
		{ "bell\x07", "bell\\x07" },
		{ "\xff\xfe", "\\xff\\xfe" },
		{ "\xc3\x28", "\\xc3(" },                      /* bad continuation */
		{ "\xc0\xaf", "\\xc0\\xaf" },                  /* overlong '/' */
		{ "\xed\xa0\x80", "\\xed\\xa0\\x80" },         /* a UTF-16 surrogate */
		{ "\xe2\x82", "\\xe2\\x82" },                  /* cut short */
		{ "tab\there", "tab\there" },
		{ "a\nb", "a\\x0ab" },
		{ "del\x7f", "del\\x7f" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = text_printable(cases[i].in, false);

		CU_ASSERT_STRING_EQUAL(s, cases[i].out);
		CU_ASSERT_EQUAL(text_is_printable(cases[i].in, false),
				!strcmp(cases[i].in, cases[i].out));
		free(s);
	}
	CU_ASSERT_TRUE(text_is_printable("a\nb", true));
}

static char *slurp(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_atomic_file(void)
{
	char dir[256], path[300];
	struct atomic_file a;

	snprintf(dir, sizeof(dir), "%s/vtdcert-atomic-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/report.json", dir);
	CU_ASSERT_EQUAL_FATAL(atomic_file_open(&a, path), 0);
	fputs("first\n", a.f);
	/* Nothing at the target until the commit. */
	CU_ASSERT_PTR_NULL(slurp(path));
	CU_ASSERT_EQUAL(atomic_file_commit(&a), 0);
	CU_ASSERT_STRING_EQUAL(slurp(path), "first\n");
	/* An abandoned write leaves the previous file and no temporary. */
	CU_ASSERT_EQUAL_FATAL(atomic_file_open(&a, path), 0);
	fputs("second, half", a.f);
	atomic_file_abort(&a);
	CU_ASSERT_STRING_EQUAL(slurp(path), "first\n");
	CU_ASSERT_EQUAL(unlink(path), 0);
	CU_ASSERT_EQUAL(rmdir(dir), 0);                     /* empty: no temporary left */
	/* A device is written in place, never renamed over. */
	CU_ASSERT_EQUAL_FATAL(atomic_file_open(&a, "/dev/null"), 0);
	CU_ASSERT_PTR_NULL(a.tmp);
	fputs("x", a.f);
	CU_ASSERT_EQUAL(atomic_file_commit(&a), 0);
	CU_ASSERT_EQUAL(access("/dev/null", W_OK), 0);
	/* A directory that does not exist: an error, nothing created. */
	CU_ASSERT_EQUAL(atomic_file_open(&a, "/nonexistent-dir/x.json"), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
}

void register_util_tests(void)
{
	static const struct unit_test tests[] = {
		{ "sha256 test vectors", test_sha256 },
		{ "printable text", test_printable },
		{ "atomic file", test_atomic_file },
		{ NULL, NULL },
	};

	unit_add_suite("util", tests);
}
