// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The snapshot backend: a directory laid out like "/" (see `vtdcert
 * capture`). The kernel log is dmesg.txt; registers are the values capture
 * read, in mmio.txt; PCI config space comes from
 * sys/bus/pci/devices/<BDF>/config, or from an `lspci -xxxx` dump named
 * lspci.txt when the snapshot has no sysfs tree.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "platform.h"
#include "snapshot_layout.h"
#include "../results/xalloc.h"

static int snapshot_init(struct vt_platform *p)
{
	static const char *const markers[] = {
		"sys", "proc", SNAPSHOT_KERNEL_LOG, SNAPSHOT_LSPCI_DUMP,
	};
	size_t i;

	if (vt_exists(p, SNAPSHOT_LSPCI_DUMP))
		p->pci_dump = vt_platform_path(p, SNAPSHOT_LSPCI_DUMP);
	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
		if (vt_exists(p, markers[i]))
			return 0;
	return vt_platform_fail(p, ENOENT, "%s: not a snapshot (none of sys/, "
				"proc/, %s, %s)", p->root, SNAPSHOT_KERNEL_LOG,
				SNAPSHOT_LSPCI_DUMP);
}

static int snapshot_kernel_log(struct vt_platform *p, struct vt_blob *out)
{
	return vt_fs_read_file(p, SNAPSHOT_KERNEL_LOG, 0, out);
}

/* A register is served only if capture read it: a snapshot never guesses. */
static int snapshot_mmio_read64(struct vt_platform *p, uint64_t addr, uint64_t *val)
{
	struct vt_blob b;
	const char *line, *end;
	uint64_t a, v;

	if (vt_fs_read_file(p, SNAPSHOT_MMIO, 0, &b))
		return vt_platform_fail(p, ENOENT, "register 0x%" PRIx64 ": the snapshot "
					"has no %s", addr, SNAPSHOT_MMIO);
	for (line = (const char *)b.data, end = line + b.len; line < end;) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		char buf[64];
		size_t n = (size_t)((nl ? nl : end) - line);

		if (n < sizeof(buf)) {
			memcpy(buf, line, n);
			buf[n] = '\0';
			if (sscanf(buf, "%" SCNx64 " %" SCNx64, &a, &v) == 2 && a == addr) {
				*val = v;
				vt_blob_free(&b);
				return 0;
			}
		}
		line += n + 1;
	}
	vt_blob_free(&b);
	return vt_platform_fail(p, ENOENT, "register 0x%" PRIx64 " was not captured",
				addr);
}

const struct vt_platform_methods vt_platform_snapshot = {
	.name = "snapshot",
	.init = snapshot_init,
	.read_file = vt_fs_read_file,
	.list_dir = vt_fs_list_dir,
	.read_link = vt_fs_read_link,
	.kernel_log = snapshot_kernel_log,
	.mmio_read64 = snapshot_mmio_read64,
};
