// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "kernel_cmdline.h"

#define KEY "intel_iommu="
#define INTREMAP_KEY "intremap="

/*
 * Calls @each for every option of every @key word ("intel_iommu="), in
 * order, until it returns true. Only whole words count: "xintel_iommu=off"
 * is not one.
 */
static bool each_option_of(const char *cmdline, const char *key,
			   bool (*each)(const char *opt, size_t n, void *arg), void *arg)
{
	const char *p = cmdline;

	while (p && (p = strstr(p, key))) {
		bool word_start = p == cmdline || p[-1] == ' ' || p[-1] == '\t';

		p += strlen(key);
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

static bool each_option(const char *cmdline, bool (*each)(const char *opt, size_t n, void *arg),
			void *arg)
{
	return each_option_of(cmdline, KEY, each, arg);
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

/*
 * drivers/iommu/irq_remapping.c setup_irqremap(): each option of the list
 * compared by prefix with strncmp, as the kernel does ("offx" is "off").
 */
struct intremap_scan {
	const char *want;
	bool seen;
};

static bool intremap_option(const char *opt, size_t n, void *arg)
{
	struct intremap_scan *sc = arg;
	size_t w = strlen(sc->want);

	(void)n;
	if (!strncmp(opt, sc->want, w))
		sc->seen = true;
	return false;
}

bool cmdline_intremap_has(const char *cmdline, const char *option)
{
	struct intremap_scan sc = { option, false };

	each_option_of(cmdline, INTREMAP_KEY, intremap_option, &sc);
	return sc.seen;
}

static bool intremap_on_off(const char *opt, size_t n, void *arg)
{
	int *state = arg;

	(void)n;
	if (!strncmp(opt, "on", 2))
		*state = 1;
	else if (!strncmp(opt, "off", 3))
		*state = 0;
	return false;
}

int cmdline_intremap(const char *cmdline)
{
	int state = -1;

	each_option_of(cmdline, INTREMAP_KEY, intremap_on_off, &state);
	return state;
}

/* kstrtobool(): 1, y, Y, on are true; 0, n, N, off false. */
static int bool_value(const char *v, size_t n)
{
	if (n && (v[0] == '1' || v[0] == 'y' || v[0] == 'Y'))
		return 1;
	if (n && (v[0] == '0' || v[0] == 'n' || v[0] == 'N'))
		return 0;
	if (n >= 2 && (v[0] == 'o' || v[0] == 'O'))
		return v[1] == 'n' || v[1] == 'N' ? 1 : v[1] == 'f' || v[1] == 'F' ? 0 : -1;
	return -1;
}

int cmdline_bool_param(const char *cmdline, const char *name)
{
	size_t len = strlen(name);
	const char *p = cmdline;
	int state = -1, v;

	while (p && (p = strstr(p, name))) {
		bool word_start = p == cmdline || p[-1] == ' ' || p[-1] == '\t';

		p += len;
		if (!word_start)
			continue;
		if (*p == '=') {
			v = bool_value(p + 1, strcspn(p + 1, " \t\n"));
			if (v >= 0)
				state = v;
		} else if (!*p || *p == ' ' || *p == '\t' || *p == '\n') {
			state = 1;      /* a bare boolean parameter sets it */
		}
	}
	return state;
}
