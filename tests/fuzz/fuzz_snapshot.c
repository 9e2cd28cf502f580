// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the snapshot reader on junk trees. Each input is
 * turned into a directory tree (files, directories, symbolic links, FIFOs,
 * big sparse files) whose names come from the snapshot layout, so the
 * fuzzer reaches the real loaders; then every environment part is loaded,
 * every suite runs, the manifest is verified and the tree is captured.
 *
 * Beside the root lies a file with a sentinel the reader must never see:
 * links are made to point at it (absolutely and with ".."), and any part
 * that holds the sentinel afterwards traps.
 *
 * Input: records of [kind][name...][0xff][payload length][payload].
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../framework/env_json.h"
#include "../../platform/capture.h"
#include "../../platform/manifest.h"
#include "../../suites/registry.h"

#define SENTINEL "FUZZ-SENTINEL-OUTSIDE-THE-ROOT"

/* Path components: the names the loaders look for, and some that escape. */
static const char *const words[] = {
	"sys", "bus", "pci", "devices", "0000:00:00.0", "0000:00:1c.0", "0000:01:00.0",
	"config", "driver", "iommu_group", "physfn", "virtfn0", "sriov_totalvfs",
	"reset_method", "irq", "resource", "slots", "1", "address", "firmware", "acpi",
	"tables", "DMAR", "APIC", "memmap", "0", "start", "end", "type", "class",
	"iommu", "dmar0", "intel-iommu", "cap", "ecap", "version", "kernel",
	"iommu_groups", "dmi", "id", "sys_vendor", "proc", "cmdline", "iomem",
	"interrupts", "cpuinfo", "dmesg.txt", "mmio.txt", "lspci.txt", "manifest.txt",
	"..", ".", "secret", "garbage\tname",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

enum kind { K_FILE, K_DIR, K_LINK, K_FIFO, K_SPARSE, K_COUNT };

static char base[256], root[300], secret[300];

static int rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void setup_once(void)
{
	FILE *f;

	if (base[0])
		return;
	snprintf(base, sizeof(base), "/tmp/vtdcert-fuzz-%d", (int)getpid());
	mkdir(base, 0700);
	snprintf(secret, sizeof(secret), "%s/secret", base);
	f = fopen(secret, "w");
	if (f) {
		fputs(SENTINEL "\n", f);
		fclose(f);
	}
	snprintf(root, sizeof(root), "%s/root", base);
}

/* Make the parent directories of @path (inside root). */
static void parents(char *path)
{
	char *s;

	for (s = path + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
}

static void build(const uint8_t *d, size_t n)
{
	size_t i = 0;

	mkdir(root, 0755);
	while (i < n) {
		enum kind k = (enum kind)(d[i++] % K_COUNT);
		char path[1024], payload[512];
		size_t len = (size_t)snprintf(path, sizeof(path), "%s", root), plen;

		while (i < n && d[i] != 0xff && len < sizeof(path) - 64)
			len += (size_t)snprintf(path + len, sizeof(path) - len, "/%s",
						words[d[i++] % NWORDS]);
		i++;                                    /* the 0xff */
		plen = i < n ? d[i++] : 0;
		if (plen > n - i)
			plen = n - i;
		memcpy(payload, d + i, plen < sizeof(payload) - 1 ? plen : sizeof(payload) - 1);
		payload[plen < sizeof(payload) - 1 ? plen : sizeof(payload) - 1] = '\0';
		i += plen;
		if (strstr(path + strlen(root), "/..") || strstr(path + strlen(root), "/./"))
			continue;                       /* the tree itself stays inside */
		parents(path);
		switch (k) {
		case K_FILE: {
			int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);

			if (fd >= 0) {
				if (write(fd, d + i - plen, plen) < 0)
					(void)0;
				close(fd);
			}
			break;
		}
		case K_DIR:
			mkdir(path, 0755);
			break;
		case K_LINK:
			/* Payload picks: the secret absolutely, by "..", or a name. */
			if (plen && payload[0] % 3 == 0)
				symlink(secret, path);
			else if (plen && payload[0] % 3 == 1)
				symlink("../../../../../../secret", path);
			else
				symlink(plen ? words[(uint8_t)payload[0] % NWORDS] : "", path);
			break;
		case K_FIFO:
			mkfifo(path, 0644);
			break;
		case K_SPARSE: {
			int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);

			if (fd >= 0) {
				if (ftruncate(fd, (off_t)(plen + 1) << 22) < 0)   /* up to 1 GiB */
					(void)0;
				close(fd);
			}
			break;
		}
		default:
			break;
		}
	}
}

static void must_not_hold(const void *data, size_t len)
{
	if (data && len && memmem(data, len, SENTINEL, strlen(SENTINEL)))
		__builtin_trap();
}

static void exercise(void)
{
	static const struct vt_run_opts opts = { 0 };
	struct vt_manifest_check mc;
	struct capture_stats st;
	struct vt_platform *p;
	struct vt_results rs;
	struct vt_env env;
	char err[512], out[400];
	FILE *devnull;
	size_t i;

	p = vt_platform_open(root, err, sizeof(err));
	if (!p)
		return;
	vt_env_init(&env, p);
	for (i = 0; i < VT_ENV_PART_COUNT; i++)
		vt_env_load(&env, (enum vt_env_part)i);
	must_not_hold(env.cmdline, env.cmdline ? strlen(env.cmdline) : 0);
	must_not_hold(env.kversion_line, env.kversion_line ? strlen(env.kversion_line) : 0);
	must_not_hold(env.klog.data, env.klog.len);
	must_not_hold(env.dmar.data, env.dmar.len);
	must_not_hold(env.cpu_flags, env.cpu_flags ? strlen(env.cpu_flags) : 0);
	devnull = fopen("/dev/null", "w");
	if (devnull) {
		vt_env_write_json(&env, devnull);
		fclose(devnull);
	}
	vt_results_init(&rs, "snapshot", root);
	for (i = 0; vt_suites[i]; i++)
		vt_run_suite(&rs, &env, vt_suites[i], &opts);
	vt_results_free(&rs);
	vt_env_free(&env);
	vt_manifest_verify(p, &mc);
	vt_manifest_check_free(&mc);
	snprintf(out, sizeof(out), "%s/capture", base);
	vt_capture(p, out, true, &st);
	nftw(out, rm, 16, FTW_DEPTH | FTW_PHYS);
	vt_platform_close(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool walk;

	setup_once();
	nftw(root, rm, 16, FTW_DEPTH | FTW_PHYS);
	build(data, size);
	/* Alternate the two resolvers: openat2, and the user-space walk. */
	walk = !walk;
	vt_open_beneath_force_walk(walk);
	exercise();
	return 0;
}
