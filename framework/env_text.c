// SPDX-License-Identifier: GPL-2.0-or-later
/* The small text parts: the kernel command line, its version, its log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env_parts.h"
#include "../platform/snapshot_layout.h"
#include "../results/json.h"

static void load_cmdline(struct vt_env *e)
{
	struct vt_blob b;
	int rc = vt_read_file(e->plat, PATH_CMDLINE, VT_MAX_ATTR, &b);
	size_t n;

	if (rc) {
		vt_env_read_failed(e, VT_ENV_CMDLINE, rc);
		return;
	}
	n = b.len;
	while (n && (b.data[n - 1] == '\n' || b.data[n - 1] == ' '))
		n--;
	b.data[n] = '\0';
	e->cmdline = (char *)b.data;
	vt_env_set(e, VT_ENV_CMDLINE, VT_AVAILABLE, NULL);
}

static void release_cmdline(struct vt_env *e)
{
	free(e->cmdline);
	e->cmdline = NULL;
}

static void json_cmdline(struct json *j, struct vt_env *e)
{
	json_kv_string(j, "cmdline", vt_env_ready(e, VT_ENV_CMDLINE) ? e->cmdline : NULL);
}

const struct vt_env_part_def vt_part_cmdline = {
	.key = "cmdline", .name = "kernel command line", .required = true,
	.load = load_cmdline, .release = release_cmdline, .json = json_cmdline,
};

/* "Linux version 6.1.0-28-amd64 (debian-kernel@...) ...": the release is word 3. */
static void load_kversion(struct vt_env *e)
{
	static const char prefix[] = "Linux version ";
	struct vt_blob b;
	int rc = vt_read_file(e->plat, PATH_KERNEL_VERSION, VT_MAX_ATTR, &b);
	size_t n;

	if (rc) {
		vt_env_read_failed(e, VT_ENV_KVERSION, rc);
		return;
	}
	e->kversion_line = (char *)b.data;
	e->kversion_line[strcspn(e->kversion_line, "\n")] = '\0';
	if (strncmp(e->kversion_line, prefix, strlen(prefix))) {
		vt_env_set(e, VT_ENV_KVERSION, VT_BROKEN, "/%s: does not start with \"%s\"",
			   PATH_KERNEL_VERSION, prefix);
		return;
	}
	n = strcspn(e->kversion_line + strlen(prefix), " ");
	if (!n || n >= sizeof(e->kernel_release)) {
		vt_env_set(e, VT_ENV_KVERSION, VT_BROKEN, "/%s: no release after \"%s\"",
			   PATH_KERNEL_VERSION, prefix);
		return;
	}
	memcpy(e->kernel_release, e->kversion_line + strlen(prefix), n);
	e->kernel_release[n] = '\0';
	vt_env_set(e, VT_ENV_KVERSION, VT_AVAILABLE, NULL);
}

static void release_kversion(struct vt_env *e)
{
	free(e->kversion_line);
	e->kversion_line = NULL;
}

static void json_kversion(struct json *j, struct vt_env *e)
{
	json_kv_string(j, "kernel_release",
		       vt_env_ready(e, VT_ENV_KVERSION) ? e->kernel_release : NULL);
}

const struct vt_env_part_def vt_part_kversion = {
	.key = "kversion", .name = "kernel version", .required = true,
	.load = load_kversion, .release = release_kversion, .json = json_kversion,
};

static void load_klog(struct vt_env *e)
{
	int rc = vt_kernel_log(e->plat, VT_MAX_KERNEL_LOG, &e->klog);

	if (rc)
		vt_env_read_failed(e, VT_ENV_KLOG, rc);
	else
		vt_env_set(e, VT_ENV_KLOG, VT_AVAILABLE, NULL);
}

static void release_klog(struct vt_env *e)
{
	vt_blob_free(&e->klog);
}

static void json_klog(struct json *j, struct vt_env *e)
{
	json_kv_uint(j, "kernel_log_bytes", vt_env_ready(e, VT_ENV_KLOG) ? e->klog.len : 0);
}

const struct vt_env_part_def vt_part_klog = {
	.key = "klog", .name = "kernel log",
	.load = load_klog, .release = release_klog, .json = json_klog,
};
