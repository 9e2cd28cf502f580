// SPDX-License-Identifier: GPL-2.0-or-later
/* util/: SHA-256 (FIPS 180-4 test vectors), printable text, atomic files. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

static char atomic_dir[256];

static const char *in_dir(const char *name)
{
	static char path[2][300];
	static int k;

	k = !k;
	snprintf(path[k], sizeof(path[k]), "%s/%s", atomic_dir, name);
	return path[k];
}

static void make_atomic_dir(void)
{
	snprintf(atomic_dir, sizeof(atomic_dir), "%s/vtdcert-atomic-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(atomic_dir));
}

#define OWN "{\"doc\": "

static void test_atomic_file(void)
{
	const char *path;
	struct atomic_file a;

	make_atomic_dir();
	path = in_dir("report.json");
	CU_ASSERT_EQUAL_FATAL(atomic_file_open(&a, path, OWN), 0);
	fputs(OWN "1}\n", a.f);
	/* Nothing at the target until the commit. */
	CU_ASSERT_PTR_NULL(slurp(path));
	CU_ASSERT_EQUAL(atomic_file_commit(&a), 0);
	CU_ASSERT_STRING_EQUAL(slurp(path), OWN "1}\n");
	/* An abandoned write leaves the previous file and no temporary. */
	CU_ASSERT_EQUAL_FATAL(atomic_file_open(&a, path, OWN), 0);
	fputs(OWN "2, half", a.f);
	atomic_file_abort(&a);
	CU_ASSERT_STRING_EQUAL(slurp(path), OWN "1}\n");
	/* Our own document is replaced. */
	CU_ASSERT_EQUAL_FATAL(atomic_file_open(&a, path, OWN), 0);
	fputs(OWN "3}\n", a.f);
	CU_ASSERT_EQUAL(atomic_file_commit(&a), 0);
	CU_ASSERT_STRING_EQUAL(slurp(path), OWN "3}\n");
	CU_ASSERT_EQUAL(unlink(path), 0);
	CU_ASSERT_EQUAL(rmdir(atomic_dir), 0);              /* empty: no temporary left */
	/* A device is written in place, never renamed over. */
	CU_ASSERT_EQUAL_FATAL(atomic_file_open(&a, "/dev/null", OWN), 0);
	CU_ASSERT_PTR_NULL(a.tmp);
	fputs("x", a.f);
	CU_ASSERT_EQUAL(atomic_file_commit(&a), 0);
	CU_ASSERT_EQUAL(access("/dev/null", W_OK), 0);
	/* A directory that does not exist: an error, nothing created. */
	CU_ASSERT_EQUAL(atomic_file_open(&a, "/nonexistent-dir/x.json", OWN), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
}

static void test_atomic_file_refusals(void)
{
	const char *link_path;
	char foreign[300];
	struct atomic_file a;

	make_atomic_dir();
	snprintf(foreign, sizeof(foreign), "%s", in_dir("passwd"));
	spit(foreign, "root:x:0:0:root:/root:/bin/bash\n");
	CU_ASSERT_EQUAL(atomic_file_open(&a, foreign, OWN), -1);
	CU_ASSERT_EQUAL(errno, EEXIST);
	CU_ASSERT_STRING_EQUAL(a.why, "it starts with \"root:x:0:0:root:/root:/b...\"");
	CU_ASSERT_STRING_EQUAL(slurp(foreign), "root:x:0:0:root:/root:/bin/bash\n");
	/* A link to a regular file, ours or not, is not followed. */
	link_path = in_dir("link.json");
	CU_ASSERT_EQUAL_FATAL(symlink(foreign, link_path), 0);
	CU_ASSERT_EQUAL(atomic_file_open(&a, link_path, OWN), -1);
	CU_ASSERT_EQUAL(errno, ELOOP);
	CU_ASSERT_PTR_NOT_NULL(strstr(a.why, "a symbolic link to a regular file: not followed"));
	CU_ASSERT_EQUAL(unlink(link_path), 0);
	CU_ASSERT_EQUAL_FATAL(symlink("nowhere", link_path), 0);
	CU_ASSERT_EQUAL(atomic_file_open(&a, link_path, OWN), -1);
	CU_ASSERT_EQUAL(errno, ELOOP);
	CU_ASSERT_EQUAL(unlink(link_path), 0);
	CU_ASSERT_EQUAL(atomic_file_open(&a, atomic_dir, OWN), -1);
	CU_ASSERT_EQUAL(errno, EISDIR);
	CU_ASSERT_STRING_EQUAL(a.why, "a directory: not written");
	/* An empty file (mktemp's, touch's) may be replaced. */
	spit(in_dir("empty.json"), "");
	CU_ASSERT_EQUAL_FATAL(atomic_file_open(&a, in_dir("empty.json"), OWN), 0);
	fputs(OWN "1}\n", a.f);
	CU_ASSERT_EQUAL(atomic_file_commit(&a), 0);
	CU_ASSERT_STRING_EQUAL(slurp(in_dir("empty.json")), OWN "1}\n");
	/* A foreign file that appeared before the commit is not replaced either. */
	CU_ASSERT_EQUAL_FATAL(atomic_file_open(&a, in_dir("late.json"), OWN), 0);
	fputs(OWN "1}\n", a.f);
	spit(in_dir("late.json"), "someone else's\n");
	CU_ASSERT_EQUAL(atomic_file_commit(&a), -1);
	CU_ASSERT_EQUAL(errno, EEXIST);
	CU_ASSERT_STRING_EQUAL(slurp(in_dir("late.json")), "someone else's\n");
	CU_ASSERT_EQUAL(unit_dir_entries(atomic_dir), 3);                  /* no temporary left */
	unlink(in_dir("late.json"));
	unlink(in_dir("empty.json"));
	unlink(foreign);
	CU_ASSERT_EQUAL(rmdir(atomic_dir), 0);
}

static void test_atomic_file_fifo(void)
{
	const char *fifo;
	struct atomic_file a;
	char buf[64] = "";
	int rd;

	make_atomic_dir();
	fifo = in_dir("fifo");
	CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
	/* Nobody reading: refused at once, not waited on. */
	CU_ASSERT_EQUAL(atomic_file_open(&a, fifo, OWN), -1);
	CU_ASSERT_EQUAL(errno, ENXIO);
	CU_ASSERT_STRING_EQUAL(a.why, "a FIFO with no reader: not written");
	/* A reader: written in place. */
	rd = open(fifo, O_RDONLY | O_NONBLOCK);
	CU_ASSERT_FATAL(rd >= 0);
	CU_ASSERT_EQUAL_FATAL(atomic_file_open(&a, fifo, OWN), 0);
	CU_ASSERT_PTR_NULL(a.tmp);
	fputs("through the pipe\n", a.f);
	CU_ASSERT_EQUAL(atomic_file_commit(&a), 0);
	CU_ASSERT_EQUAL(read(rd, buf, sizeof(buf) - 1), 17);
	CU_ASSERT_STRING_EQUAL(buf, "through the pipe\n");
	close(rd);
	CU_ASSERT_EQUAL(unlink(fifo), 0);
	CU_ASSERT_EQUAL(rmdir(atomic_dir), 0);
}

void register_util_tests(void)
{
	static const struct unit_test tests[] = {
		{ "sha256 test vectors", test_sha256 },
		{ "printable text", test_printable },
		{ "atomic file", test_atomic_file },
		{ "atomic file refuses what is not its own", test_atomic_file_refusals },
		{ "atomic file into a FIFO", test_atomic_file_fifo },
		{ NULL, NULL },
	};

	unit_add_suite("util", tests);
}
