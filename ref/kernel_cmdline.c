// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "kernel_cmdline.h"

#define KEY "intel_iommu="

/*
 * Calls @each for every option of every intel_iommu= word, in order, until
 * it returns true. Only whole words count: "xintel_iommu=off" is not one.
 */
static bool each_option(const char *cmdline, bool (*each)(const char *opt, size_t n, void *arg),
			void *arg)
{
	const char *p = cmdline;

	while (p && (p = strstr(p, KEY))) {
		bool word_start = p == cmdline || p[-1] == ' ' || p[-1] == '\t';

		p += strlen(KEY);
		while (word_start && *p && *p != ' ' && *p != '\t' && *p != '\n') {
			size_t n = strcspn(p, ", \t\n");

			if (each(p, n, arg))
				return true;
			p += n;
			if (*p == ',')
				p++;
		}
	}
	return false;
}

static bool on_off(const char *opt, size_t n, void *arg)
{
	int *state = arg;

	if (n == 2 && !strncmp(opt, "on", 2))
		*state = 1;
	else if (n == 3 && !strncmp(opt, "off", 3))
		*state = 0;
	return false;
}

int cmdline_intel_iommu(const char *cmdline)
{
	int state = -1;

	each_option(cmdline, on_off, &state);
	return state;
}

static bool named(const char *opt, size_t n, void *arg)
{
	const char *want = arg;

	return strlen(want) == n && !strncmp(opt, want, n);
}

bool cmdline_intel_iommu_has(const char *cmdline, const char *option)
{
	return each_option(cmdline, named, (void *)option);
}
