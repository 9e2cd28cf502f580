// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_version.h"

/* "X.Y[.Z]" at @s, digits only; false when @s does not start so. */
static bool parse_triplet(const char *s, struct kernel_version *v, const char **end)
{
	char *e;

	if (*s < '0' || *s > '9')
		return false;
	v->major = (unsigned)strtoul(s, &e, 10);
	if (*e != '.' || e[1] < '0' || e[1] > '9')
		return false;
	v->minor = (unsigned)strtoul(e + 1, &e, 10);
	v->patch = 0;
	if (*e == '.' && e[1] >= '0' && e[1] <= '9')
		v->patch = (unsigned)strtoul(e + 1, &e, 10);
	if (end)
		*end = e;
	return v->major > 0;
}

bool kernel_version_parse(const char *line, struct kernel_version *out)
{
	static const char prefix[] = "Linux version ";
	static const char *const distros[] = { " Debian ", " Ubuntu " };
	struct kernel_version v;
	const char *p;
	size_t i;

	*out = KV(0, 0, 0);
	if (!line || strncmp(line, prefix, strlen(prefix)))
		return false;
	/* "... Debian 6.1.119-1 (2024-11-22)": the upstream stable release. */
	for (i = 0; i < sizeof(distros) / sizeof(distros[0]); i++) {
		p = strstr(line, distros[i]);
		if (p && parse_triplet(p + strlen(distros[i]), &v, NULL)) {
			*out = v;
			return true;
		}
	}
	if (!parse_triplet(line + strlen(prefix), &v, NULL))
		return false;
	*out = v;
	return true;
}

bool kernel_version_known(const struct kernel_version *v)
{
	return v->major != 0;
}

int kernel_version_cmp(const struct kernel_version *a, const struct kernel_version *b)
{
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	return (a->patch > b->patch) - (a->patch < b->patch);
}

char *kernel_version_str(const struct kernel_version *v, char *buf, size_t size)
{
	snprintf(buf, size, "%u.%u.%u", v->major, v->minor, v->patch);
	return buf;
}

int kernel_since_applies(const struct kernel_since *r, const struct kernel_version *v)
{
	size_t i;

	if (!kernel_version_known(v))
		return -1;
	if (kernel_version_cmp(v, &r->mainline) >= 0)
		return 1;
	/* Before the mainline release: only a stable series that took it. */
	for (i = 0; i < r->nstable; i++)
		if (v->major == r->stable[i].major && v->minor == r->stable[i].minor)
			return kernel_version_cmp(v, &r->stable[i]) >= 0;
	return 0;
}

char *kernel_series_str(const struct kernel_version *v, char *buf, size_t size)
{
	if (v->patch)
		return kernel_version_str(v, buf, size);
	snprintf(buf, size, "%u.%u", v->major, v->minor);
	return buf;
}
