// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The snapshot writer in a temporary directory: a snapshot appears only
 * when closed, a failed one leaves nothing, --force replaces only a
 * snapshot holding nothing its manifest does not list, and nothing is
 * written, followed or removed through a link.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "../../platform/manifest.h"
#include "../../platform/snapshot_writer.h"

static char base[256];

static const char *at(const char *rel)
{
	static char path[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", base, rel);
	return path[k];
}

static void put(const char *rel, const char *text)
{
	FILE *f = fopen(at(rel), "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

static char *slurp(const char *rel)
{
	static char buf[4096];
	FILE *f = fopen(at(rel), "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static bool exists(const char *rel)
{
	struct stat st;

	return lstat(at(rel), &st) == 0;
}

static void setup(void)
{
	snprintf(base, sizeof(base), "%s/vtdcert-writer-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(base));
}

static void teardown(void)
{
	unit_remove_tree(base);
}

/* A small snapshot at @rel: a file, a link, an empty directory. */
static void write_snapshot(const char *rel, const char *cmdline)
{
	struct snap_writer w;
	char err[512];

	CU_ASSERT_EQUAL_FATAL(snap_writer_open(&w, at(rel), true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(snap_write_file(&w, "proc/cmdline", cmdline, strlen(cmdline)), 0);
	CU_ASSERT_EQUAL(snap_write_link(&w, "sys/bus/pci/devices/0000:00:01.0/driver",
					"../../../bus/pci/drivers/igb"), 0);
	CU_ASSERT_EQUAL(snap_write_dir(&w, "sys/kernel/iommu_groups"), 0);
	snap_note(&w, VT_MF_ABSENT, "sys/firmware/acpi/tables/DMAR", "not there");
	CU_ASSERT_EQUAL(snap_writer_close(&w, "test"), 0);
}

static void test_new_and_abort(void)
{
	struct snap_writer w;
	char err[512];

	setup();
	/* Nothing at DIR until the close. */
	CU_ASSERT_EQUAL_FATAL(snap_writer_open(&w, at("snap"), false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(snap_write_file(&w, "proc/cmdline", "quiet\n", 6), 0);
	CU_ASSERT_FALSE(exists("snap"));
	CU_ASSERT_EQUAL(unit_dir_entries(base), 1);                      /* the temporary */
	snap_writer_abort(&w);
	CU_ASSERT_FALSE(exists("snap"));
	CU_ASSERT_EQUAL(unit_dir_entries(base), 0);
	write_snapshot("snap", "quiet\n");
	CU_ASSERT_STRING_EQUAL(slurp("snap/proc/cmdline"), "quiet\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(slurp("snap/manifest.txt"),
				      "\ndir\tsys/kernel/iommu_groups\n"));
	CU_ASSERT_EQUAL(unit_dir_entries(base), 1);
	teardown();
}

static void test_force_replaces_own_snapshot(void)
{
	setup();
	write_snapshot("snap", "first\n");
	write_snapshot("snap", "second\n");             /* its empty directory is its own */
	CU_ASSERT_STRING_EQUAL(slurp("snap/proc/cmdline"), "second\n");
	CU_ASSERT_EQUAL(unit_dir_entries(base), 1);                      /* the old one removed */
	teardown();
}

static void refused(const char *rel, const char *needle)
{
	struct snap_writer w;
	char err[512] = "";

	CU_ASSERT_EQUAL(snap_writer_open(&w, at(rel), true, err, sizeof(err)), -1);
	if (!strstr(err, needle))
		fprintf(stderr, "\n  error was: %s (wanted %s)\n", err, needle);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, needle));
	CU_ASSERT_EQUAL(w.dir_fd, -1);
}

static void test_force_refuses_what_is_not_its_own(void)
{
	setup();
	CU_ASSERT_EQUAL_FATAL(mkdir(at("etc"), 0755), 0);
	put("etc/passwd", "root:x:0:0\n");
	refused("etc", "no manifest.txt: not a vtdcert snapshot (it holds \"passwd\")");
	CU_ASSERT_STRING_EQUAL(slurp("etc/passwd"), "root:x:0:0\n");
	write_snapshot("snap", "quiet\n");
	put("snap/proc/mine", "x\n");
	refused("snap", "\"proc/mine\" is not the snapshot's (a regular file not in its manifest)");
	CU_ASSERT_EQUAL(unlink(at("snap/proc/mine")), 0);
	put("snap/proc/cmdline", "edited\n");
	refused("snap", "\"proc/cmdline\" is not the snapshot's (changed since capture)");
	CU_ASSERT_EQUAL(unlink(at("snap/proc/cmdline")), 0);
	CU_ASSERT_EQUAL(symlink("../../etc/passwd", at("snap/proc/cmdline")), 0);
	refused("snap", "(a symbolic link, listed as a file)");
	CU_ASSERT_EQUAL(unlink(at("snap/proc/cmdline")), 0);
	CU_ASSERT_EQUAL(mkdir(at("snap/proc/cmdline"), 0755), 0);
	refused("snap", "(a directory, listed as a file)");
	CU_ASSERT_EQUAL(rmdir(at("snap/proc/cmdline")), 0);
	CU_ASSERT_EQUAL(mkdir(at("snap/sys/empty"), 0755), 0);
	refused("snap", "\"sys/empty\" is not the snapshot's (a directory no listed path");
	CU_ASSERT_EQUAL(symlink("snap", at("link")), 0);
	refused("link", "a symbolic link: give the directory itself");
	put("snap/manifest.txt", "not a manifest\n");
	refused("snap", "manifest.txt: line 1");
	/* Every refusal left everything, and made nothing beside it. */
	CU_ASSERT_TRUE(exists("snap/sys/empty"));
	CU_ASSERT_TRUE(exists("snap/sys/bus/pci/devices/0000:00:01.0/driver"));
	CU_ASSERT_EQUAL(unit_dir_entries(base), 3);
	teardown();
}

static void test_failed_write_keeps_the_previous_snapshot(void)
{
	struct snap_writer w;
	char err[512];

	setup();
	write_snapshot("snap", "old\n");
	CU_ASSERT_EQUAL_FATAL(snap_writer_open(&w, at("snap"), true, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(snap_write_file(&w, "proc/cmdline", "new\n", 4), 0);
	CU_ASSERT_EQUAL(snap_write_file(&w, "proc/../escape", "x", 1), -1);
	CU_ASSERT_EQUAL(snap_write_file(&w, "proc/cmdline", "twice", 5), -1);   /* O_EXCL */
	CU_ASSERT_EQUAL(w.write_errors, 2);
	CU_ASSERT_EQUAL(snap_writer_close(&w, "test"), -1);
	CU_ASSERT_STRING_EQUAL(slurp("snap/proc/cmdline"), "old\n");
	CU_ASSERT_EQUAL(unit_dir_entries(base), 1);                      /* no temporary left */
	teardown();
}

static void test_never_through_a_link(void)
{
	struct snap_writer w;
	char err[512];

	setup();
	CU_ASSERT_EQUAL_FATAL(mkdir(at("outside"), 0755), 0);
	CU_ASSERT_EQUAL_FATAL(snap_writer_open(&w, at("snap"), false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(snap_write_link(&w, "sys/out", at("outside")), 0);
	CU_ASSERT_EQUAL(snap_write_dir(&w, "sys/out/made"), -1);
	CU_ASSERT_EQUAL(snap_write_file(&w, "sys/out/file", "x", 1), -1);
	CU_ASSERT_EQUAL(snap_write_dir(&w, "sys/tab\there"), -1);  /* the manifest cannot say it */
	snap_writer_abort(&w);
	CU_ASSERT_FALSE(exists("outside/made"));
	CU_ASSERT_FALSE(exists("outside/file"));
	CU_ASSERT_FALSE(exists("snap"));
	CU_ASSERT_EQUAL(unit_dir_entries(base), 1);
	/* A link of the old snapshot pointing out: unlinked, its target kept. */
	put("outside/precious", "keep\n");
	CU_ASSERT_EQUAL_FATAL(snap_writer_open(&w, at("snap"), false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(snap_write_link(&w, "sys/out", at("outside/precious")), 0);
	CU_ASSERT_EQUAL(snap_writer_close(&w, "test"), 0);
	write_snapshot("snap", "quiet\n");
	CU_ASSERT_STRING_EQUAL(slurp("outside/precious"), "keep\n");
	CU_ASSERT_FALSE(exists("snap/sys/out"));
	teardown();
}

static void test_manifest_dir_records(void)
{
	static const char text[] = "# vtdcert snapshot manifest\nformat\t1\ndir\tsys/x\n";
	struct vt_manifest *m;
	char err[200];

	CU_ASSERT_EQUAL_FATAL(vt_manifest_parse(text, strlen(text), &m, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(m->n, 1);
	CU_ASSERT_EQUAL(m->v[0].kind, VT_MF_DIR);
	CU_ASSERT_STRING_EQUAL(m->v[0].path, "sys/x");
	vt_manifest_free(m);
	CU_ASSERT_EQUAL(vt_manifest_parse("# vtdcert snapshot manifest\ndir\ta\tb\n", 35, &m, err,
					  sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "\"dir\" wants PATH alone"));
}

void register_snapshot_writer_tests(void)
{
	static const struct unit_test tests[] = {
		{ "a snapshot appears only when closed", test_new_and_abort },
		{ "--force replaces a snapshot of its own", test_force_replaces_own_snapshot },
		{ "--force refuses what is not its own", test_force_refuses_what_is_not_its_own },
		{ "a failed write keeps the previous snapshot",
		  test_failed_write_keeps_the_previous_snapshot },
		{ "never written or removed through a link", test_never_through_a_link },
		{ "manifest dir records", test_manifest_dir_records },
		{ NULL, NULL },
	};

	unit_add_suite("snapshot writer", tests);
}
