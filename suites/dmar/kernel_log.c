// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "kernel_log.h"
#include "../../util/xalloc.h"

/* Message prefixes of the Linux VT-d code (pr_fmt). */
static const char *const vtd_prefixes[] = { "DMAR: ", "DMAR-IR: ", "intel_iommu: " };

static bool from_vtd_code(const char *msg)
{
	size_t i;

	for (i = 0; i < sizeof(vtd_prefixes) / sizeof(vtd_prefixes[0]); i++)
		if (!strncmp(msg, vtd_prefixes[i], strlen(vtd_prefixes[i])))
			return true;
	return false;
}

bool klog_is_dmar_fw_bug(const char *msg)
{
	return from_vtd_code(msg) && strstr(msg, KLOG_FW_BUG);
}

bool klog_is_dmar_refusal(const char *msg)
{
	static const char *const words[] = {
		"IOMMU disabled", "Parse DMAR table failure", "Failed", "failed",
		"disabled", KLOG_FW_BUG,
	};
	size_t i;

	if (!from_vtd_code(msg))
		return false;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(msg, words[i]))
			return true;
	return false;
}

/* Skip "<6>" and "[    1.234567] " as klogctl and dmesg write them. */
static const char *message_start(const char *line, const char *end)
{
	const char *p = line;

	if (p < end && *p == '<') {
		const char *q = memchr(p, '>', (size_t)(end - p));

		if (q)
			p = q + 1;
	}
	if (p < end && *p == '[') {
		const char *q = memchr(p, ']', (size_t)(end - p));

		if (q)
			p = q + 1;
	}
	while (p < end && *p == ' ')
		p++;
	return p;
}

void klog_select(const char *text, size_t len, bool (*want)(const char *msg),
		 struct klog_lines *out)
{
	const char *line = text, *end = text + len;

	out->v = NULL;
	out->n = 0;
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *stop = nl ? nl : end, *msg = message_start(line, stop);
		char *copy = xmalloc((size_t)(stop - msg) + 1);

		memcpy(copy, msg, (size_t)(stop - msg));
		copy[stop - msg] = '\0';
		if (want(copy)) {
			out->v = xgrow(out->v, out->n, sizeof(*out->v));
			out->v[out->n++] = copy;
		} else {
			free(copy);
		}
		line = stop + 1;
	}
}

void klog_lines_free(struct klog_lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
