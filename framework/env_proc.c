// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc text the suites read: the first CPU's flags, the interrupt table. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env_parts.h"
#include "../results/json.h"
#include "../platform/snapshot_layout.h"
#include "../util/xalloc.h"

/* "key\t: value" of the first processor block; NULL when absent. */
static char *cpuinfo_value(const char *text, const char *key)
{
	const char *line = text;

	while (*line && *line != '\n') {      /* the first block ends at a blank line */
		size_t n = strcspn(line, "\n"), k = strlen(key);

		if (n > k && !strncmp(line, key, k) && (line[k] == '\t' || line[k] == ' ' ||
							line[k] == ':')) {
			const char *colon = memchr(line, ':', n);

			if (colon) {
				colon++;
				while (*colon == ' ')
					colon++;
				return xasprintf("%.*s", (int)(n - (size_t)(colon - line)), colon);
			}
		}
		line += n + (line[n] == '\n');
	}
	return NULL;
}

void vt_env_load_cpu(struct vt_env *e)
{
	struct vt_blob b;
	char *flags, *vendor;
	int rc = vt_read_file(e->plat, PATH_CPUINFO, VT_MAX_PROC_TEXT, &b);

	if (rc) {
		vt_env_read_failed(e, VT_ENV_CPU, rc);
		return;
	}
	flags = cpuinfo_value((const char *)b.data, "flags");
	vendor = cpuinfo_value((const char *)b.data, "vendor_id");
	vt_blob_free(&b);
	if (!flags) {
		free(vendor);
		vt_env_set(e, VT_ENV_CPU, VT_BROKEN, "/%s: the first processor has no "
			   "\"flags\" line", PATH_CPUINFO);
		return;
	}
	/* Spaces around every word, so a lookup is one strstr(" word "). */
	e->cpu_flags = xasprintf(" %s ", flags);
	snprintf(e->cpu_vendor, sizeof(e->cpu_vendor), "%s", vendor ? vendor : "");
	free(flags);
	free(vendor);
	vt_env_set(e, VT_ENV_CPU, VT_AVAILABLE, NULL);
}

static void add_irq(struct vt_env *e, const char *line, size_t len, unsigned ncpu)
{
	const char *colon = memchr(line, ':', len), *p, *end = line + len;
	struct irq_line l = { 0 };
	unsigned k;

	if (!colon)
		return;
	p = line;
	while (p < colon && *p == ' ')
		p++;
	snprintf(l.irq, sizeof(l.irq), "%.*s", (int)(colon - p), p);
	for (p = colon + 1, k = 0; k < ncpu; k++) {
		char *q;
		unsigned long long v;

		while (p < end && *p == ' ')
			p++;
		if (p >= end || !isdigit((unsigned char)*p))
			break;
		v = strtoull(p, &q, 10);
		l.total += v;
		p = q;
	}
	while (p < end && *p == ' ')
		p++;
	l.desc = xasprintf("%.*s", (int)(end - p), p);
	e->irqs = xgrow(e->irqs, e->nirqs, sizeof(*e->irqs));
	e->irqs[e->nirqs++] = l;
}

void vt_env_load_interrupts(struct vt_env *e)
{
	struct vt_blob b;
	const char *text, *line;
	unsigned ncpu = 0;
	int rc = vt_read_file(e->plat, PATH_INTERRUPTS, VT_MAX_PROC_TEXT, &b);

	if (rc) {
		vt_env_read_failed(e, VT_ENV_INTERRUPTS, rc);
		return;
	}
	text = (const char *)b.data;
	/* The header names the CPU columns: "CPU0 CPU1 ...". */
	for (line = text; *line && *line != '\n'; line++)
		if (!strncmp(line, "CPU", 3) && (line == text || line[-1] == ' '))
			ncpu++;
	if (!ncpu) {
		vt_blob_free(&b);
		vt_env_set(e, VT_ENV_INTERRUPTS, VT_BROKEN, "/%s: no CPU columns in the "
			   "first line", PATH_INTERRUPTS);
		return;
	}
	line += *line == '\n';
	while (*line) {
		size_t n = strcspn(line, "\n");

		add_irq(e, line, n, ncpu);
		line += n + (line[n] == '\n');
	}
	vt_blob_free(&b);
	vt_env_set(e, VT_ENV_INTERRUPTS, VT_AVAILABLE, NULL);
}

static void release_cpu(struct vt_env *e)
{
	free(e->cpu_flags);
	e->cpu_flags = NULL;
}

static void json_cpu(struct json *j, struct vt_env *e)
{
	json_key(j, "cpu");
	if (!vt_env_ready(e, VT_ENV_CPU)) {
		json_null(j);
		return;
	}
	json_begin_object(j);
	json_kv_string(j, "vendor", e->cpu_vendor);
	json_kv_bool(j, "x2apic", vt_env_cpu_has(e, "x2apic"));
	json_end_object(j);
}

const struct vt_env_part_def vt_part_cpu = {
	.key = "cpu", .name = "CPU flags",
	.load = vt_env_load_cpu, .release = release_cpu, .json = json_cpu,
};

static void release_interrupts(struct vt_env *e)
{
	size_t i;

	for (i = 0; i < e->nirqs; i++)
		free(e->irqs[i].desc);
	free(e->irqs);
	e->irqs = NULL;
	e->nirqs = 0;
}

static void json_interrupts(struct json *j, struct vt_env *e)
{
	size_t i, remapped = 0;

	json_key(j, "interrupts");
	if (!vt_env_ready(e, VT_ENV_INTERRUPTS)) {
		json_null(j);
		return;
	}
	/* Linux names the chips of remapped interrupts "IR-...". */
	for (i = 0; i < e->nirqs; i++)
		remapped += !strncmp(e->irqs[i].desc, "IR-", 3);
	json_begin_object(j);
	json_kv_uint(j, "lines", e->nirqs);
	json_kv_uint(j, "remapped", remapped);
	json_end_object(j);
}

const struct vt_env_part_def vt_part_interrupts = {
	.key = "interrupts", .name = "interrupts",
	.load = vt_env_load_interrupts, .release = release_interrupts, .json = json_interrupts,
};
