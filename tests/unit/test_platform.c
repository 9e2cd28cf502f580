// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The snapshot backend on a tree built in a temporary directory: reads
 * never leave the root (both with openat2 and with the user-space walk),
 * only regular files are read, every read has a cap, and "not there"
 * means unknown unless the manifest says the machine lacked it.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "../../platform/manifest.h"
#include "../../platform/platform.h"

static char root[256];

static void put(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

static void dir(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	CU_ASSERT_FATAL(mkdir(path, 0755) == 0);
}

static void link_to(const char *rel, const char *target)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	CU_ASSERT_FATAL(symlink(target, path) == 0);
}

/*
 *   proc/cmdline            "quiet\n"
 *   proc/in -> cmdline      a link inside: followed
 *   proc/abs -> /etc/passwd absolute: out of the root
 *   proc/up -> ../../etc    climbs out of the root
 *   proc/loop -> loop
 *   proc/fifo               a FIFO
 *   proc/big                100 bytes
 *   sys/d/                  a directory
 */
static struct vt_platform *make_tree(void)
{
	struct vt_platform *p;
	char path[512], err[256];

	snprintf(root, sizeof(root), "%s/vtdcert-unit-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(root));
	dir("proc");
	dir("sys");
	dir("sys/d");
	put("proc/cmdline", "quiet\n");
	link_to("proc/in", "cmdline");
	link_to("proc/abs", "/etc/passwd");
	link_to("proc/up", "../../etc/passwd");
	link_to("proc/loop", "loop");
	snprintf(path, sizeof(path), "%s/proc/fifo", root);
	CU_ASSERT_FATAL(mkfifo(path, 0644) == 0);
	put("proc/big", "0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789"
	    "01234567890123456789");
	p = vt_platform_open(root, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	return p;
}

static void drop_tree(struct vt_platform *p)
{
	vt_platform_close(p);
	unit_remove_tree(root);
}

static bool error_has(struct vt_platform *p, const char *needle)
{
	bool ok = strstr(vt_platform_error(p), needle) != NULL;

	if (!ok)
		fprintf(stderr, "\n  error was: %s (wanted %s)\n", vt_platform_error(p), needle);
	return ok;
}

static void reads_stay_beneath(bool walk)
{
	struct vt_platform *p;
	struct vt_names n;
	struct vt_blob b;
	char buf[64];

	vt_open_beneath_force_walk(walk);
	p = make_tree();
	CU_ASSERT_EQUAL(vt_read_file(p, "proc/in", 100, &b), 0);
	CU_ASSERT(b.len == 6 && !memcmp(b.data, "quiet\n", 6));
	vt_blob_free(&b);
	CU_ASSERT_EQUAL(vt_read_file(p, "proc/abs", 100, &b), -EXDEV);
	CU_ASSERT_TRUE(error_has(p, "/proc/abs"));
	CU_ASSERT_TRUE(error_has(p, "outside the snapshot"));
	CU_ASSERT_EQUAL(vt_read_file(p, "proc/up", 100, &b), -EXDEV);
	CU_ASSERT_EQUAL(vt_read_file(p, "proc/loop", 100, &b), -ELOOP);
	CU_ASSERT_EQUAL(vt_read_file(p, "../etc/passwd", 100, &b), -EXDEV);
	CU_ASSERT_EQUAL(vt_read_file(p, "proc/fifo", 100, &b), -EINVAL);
	CU_ASSERT_TRUE(error_has(p, "a FIFO, not a regular file"));
	CU_ASSERT_EQUAL(vt_read_file(p, "sys/d", 100, &b), -EINVAL);
	CU_ASSERT_TRUE(error_has(p, "a directory"));
	CU_ASSERT_EQUAL(vt_read_file(p, "proc/big", 10, &b), -EFBIG);
	CU_ASSERT_TRUE(error_has(p, "/proc/big: larger than 10 bytes"));
	CU_ASSERT_PTR_NULL(b.data);
	CU_ASSERT_EQUAL(vt_read_file(p, "proc/big", 100, &b), 0);
	CU_ASSERT_EQUAL(b.len, 100);
	vt_blob_free(&b);
	/* Not in the snapshot, and no manifest: unknown, not absent. */
	CU_ASSERT_EQUAL(vt_read_file(p, "proc/gone", 100, &b), -ENODATA);
	CU_ASSERT_TRUE(error_has(p, "/proc/gone: not in the snapshot"));
	/* A link's target may be read (it is a name), never followed out. */
	CU_ASSERT_EQUAL(vt_read_link(p, "proc/abs", buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "/etc/passwd");
	CU_ASSERT_EQUAL(vt_read_link_name(p, "proc/abs", buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "passwd");
	CU_ASSERT_EQUAL(vt_read_link(p, "proc/cmdline", buf, sizeof(buf)), -EINVAL);
	CU_ASSERT_TRUE(vt_is_link(p, "proc/abs"));
	CU_ASSERT_FALSE(vt_is_link(p, "proc/cmdline"));
	CU_ASSERT_TRUE(vt_exists(p, "proc/abs"));
	CU_ASSERT_EQUAL(vt_list_dir(p, "proc", &n), 0);
	CU_ASSERT_EQUAL_FATAL(n.n, 7);
	CU_ASSERT_STRING_EQUAL(n.v[0], "abs");          /* sorted */
	vt_names_free(&n);
	CU_ASSERT_EQUAL(vt_list_dir(p, "proc/abs", &n), -EXDEV);
	/* A snapshot is never written. */
	CU_ASSERT_EQUAL(vt_write_attr(p, "proc/cmdline", "1"), -EROFS);
	CU_ASSERT_EQUAL(vt_config_write(p, "0000:00:00.0", 4, "\x06", 1), -EROFS);
	CU_ASSERT_TRUE(error_has(p, "a snapshot cannot be written"));
	drop_tree(p);
	vt_open_beneath_force_walk(false);
}

static void test_beneath_openat2(void)
{
	reads_stay_beneath(false);
}

static void test_beneath_walk(void)
{
	reads_stay_beneath(true);
}

static void test_manifest_says_absent(void)
{
	struct vt_platform *p = make_tree(), *q;
	struct vt_blob b;
	char err[256];

	put("manifest.txt", "# vtdcert snapshot manifest\nformat\t1\n"
	    "absent\tsys/class/iommu\tno such directory\n"
	    "unreadable\tsys/firmware\tPermission denied\n"
	    "file\t0000000000000000000000000000000000000000000000000000000000000000\t1\tproc/was\n");
	q = vt_platform_open(root, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_PTR_NULL(vt_snapshot_manifest_error(q));
	CU_ASSERT_EQUAL(vt_read_file(q, "sys/class/iommu", 10, &b), -ENOENT);
	/* Anything else the format-1 capture would have written is absent too. */
	CU_ASSERT_EQUAL(vt_read_file(q, "proc/gone", 10, &b), -ENOENT);
	CU_ASSERT_EQUAL(vt_read_file(q, "sys/firmware/acpi/tables/DMAR", 10, &b), -ENODATA);
	CU_ASSERT_TRUE(error_has(q, "capture could not read /sys/firmware: Permission denied"));
	CU_ASSERT_EQUAL(vt_read_file(q, "proc/was", 10, &b), -ENODATA);
	CU_ASSERT_TRUE(error_has(q, "removed from the snapshot"));
	vt_platform_close(q);
	/* A manifest of an unknown format says nothing about absence. */
	put("manifest.txt", "# vtdcert snapshot manifest\nformat\t99\n");
	q = vt_platform_open(root, err, sizeof(err));
	CU_ASSERT_EQUAL(vt_read_file(q, "proc/gone", 10, &b), -ENODATA);
	vt_platform_close(q);
	drop_tree(p);
}

static void test_manifest_parse_errors(void)
{
	static const struct {
		const char *text, *error;
	} bad[] = {
		{ "", "empty" },
		{ "format\t1\n", "line 1" },
		{ "# vtdcert snapshot manifest\nfile\tabc\t1\tx\n", "line 2: \"file\" wants" },
		{ "# vtdcert snapshot manifest\nabsent\t../etc\twhy\n", "not relative" },
		{ "# vtdcert snapshot manifest\nabsent\t/etc\twhy\n", "not relative" },
		{ "# vtdcert snapshot manifest\nabsent\ta//b\twhy\n", "not relative" },
		{ "# vtdcert snapshot manifest\nabsent\ta/\twhy\n", "not relative" },
		{ "# vtdcert snapshot manifest\nabsent\ta/./b\twhy\n", "not relative" },
		{ "# vtdcert snapshot manifest\nabsent\t.\twhy\n", "not relative" },
		{ "# vtdcert snapshot manifest\nabsent\ta/..\twhy\n", "not relative" },
		{ "# vtdcert snapshot manifest\ndir\t\n", "not relative" },
		{ "# vtdcert snapshot manifest\nbogus\tx\n", "unknown record" },
		{ "# vtdcert snapshot manifest\nformat\tx\n", "not a number" },
	};
	struct vt_manifest *m;
	char err[200];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(vt_manifest_parse(bad[i].text, strlen(bad[i].text), &m, err,
						  sizeof(err)), -1);
		CU_ASSERT_PTR_NULL(m);
		if (!strstr(err, bad[i].error))
			fprintf(stderr, "\n  case %zu: %s\n", i, err);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, bad[i].error));
	}
}

/* What capture writes, read back: a reason with tabs and newlines stays one field. */
static void test_manifest_round_trip(void)
{
	struct vt_manifest w = { .format = VT_MANIFEST_FORMAT }, *r;
	const struct vt_manifest_entry *e;
	char *text = NULL, err[200];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	vt_manifest_add(&w, VT_MF_FILE, "proc/cmdline", NULL, "quiet\n", 6);
	vt_manifest_add(&w, VT_MF_UNREADABLE, "proc/iomem", "two\tfields\nand\rlines", NULL, 0);
	vt_manifest_add(&w, VT_MF_DIR, "sys/class/iommu", NULL, NULL, 0);
	vt_manifest_add(&w, VT_MF_DIR, "sys/bus/pci/devices", NULL, NULL, 0);
	vt_manifest_add(&w, VT_MF_LINK, "sys/bus/pci/devices/0000:00:00.0", "../x", NULL, 0);
	vt_manifest_add(&w, VT_MF_DIR, "sys/bus/pci/devices-other", NULL, NULL, 0);
	CU_ASSERT_EQUAL(vt_manifest_write(&w, f), 0);
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(vt_manifest_parse(text, len, &r, err, sizeof(err)), 0);
	e = vt_manifest_find(r, "proc/iomem");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_STRING_EQUAL(e->text, "two fields and lines");
	e = vt_manifest_find(r, "proc/cmdline");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->size, 6);
	/* Empty at capture: a dir line with nothing beneath (a sibling name does not count). */
	CU_ASSERT_TRUE(vt_manifest_empty_dir(r, "sys/class/iommu"));
	CU_ASSERT_TRUE(vt_manifest_empty_dir(r, "sys/bus/pci/devices-other"));
	CU_ASSERT_FALSE(vt_manifest_empty_dir(r, "sys/bus/pci/devices"));
	CU_ASSERT_FALSE(vt_manifest_empty_dir(r, "proc/cmdline"));
	CU_ASSERT_FALSE(vt_manifest_empty_dir(r, "sys/nowhere"));
	vt_manifest_free(r);
	free(text);
	vt_manifest_clear(&w);
}

static void test_manifest_verify(void)
{
	struct vt_platform *p = make_tree(), *q;
	struct vt_manifest_check c;
	char err[256], hex[SHA256_HEX_LEN + 1], text[1024];

	sha256_hex("quiet\n", 6, hex);
	snprintf(text, sizeof(text), "# vtdcert snapshot manifest\nformat\t1\n"
		 "file\t%s\t6\tproc/cmdline\nfile\t%s\t6\tproc/gone\n"
		 "link\tproc/in\tcmdline\nlink\tproc/abs\t/elsewhere\n", hex, hex);
	put("manifest.txt", text);
	q = vt_platform_open(root, err, sizeof(err));
	vt_manifest_verify(q, &c);
	CU_ASSERT_EQUAL(c.status, VT_MANIFEST_CHANGED);
	CU_ASSERT_EQUAL_FATAL(c.removed.n, 1);
	CU_ASSERT_STRING_EQUAL(c.removed.v[0], "proc/gone");
	CU_ASSERT_EQUAL_FATAL(c.changed.n, 1);
	CU_ASSERT_STRING_EQUAL(c.changed.v[0], "proc/abs");   /* its target differs */
	/* big, fifo, loop, up: on disk, not in the manifest. */
	CU_ASSERT_EQUAL(c.added.n, 4);
	vt_manifest_check_free(&c);
	vt_platform_close(q);
	drop_tree(p);
}

void register_platform_tests(void)
{
	static const struct unit_test tests[] = {
		{ "reads stay beneath the root (openat2)", test_beneath_openat2 },
		{ "reads stay beneath the root (walk)", test_beneath_walk },
		{ "manifest tells absent from unknown", test_manifest_says_absent },
		{ "manifest parse errors name the line", test_manifest_parse_errors },
		{ "manifest written and read back", test_manifest_round_trip },
		{ "manifest verification", test_manifest_verify },
		{ NULL, NULL },
	};

	unit_add_suite("platform", tests);
}
