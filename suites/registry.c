// SPDX-License-Identifier: GPL-2.0-or-later
#include "registry.h"
#include "dmar/dmar_suite.h"
#include "../results/xalloc.h"

#include <string.h>

static const struct vt_suite dmar_suite = {
	"dmar", "ACPI DMAR table against VT-d and the live PCI tree", dmar_run_platform,
};

const struct vt_suite *const vt_suites[] = { &dmar_suite, NULL };

const struct vt_suite *vt_find_suite(const char *name)
{
	size_t i;

	for (i = 0; vt_suites[i]; i++)
		if (!strcmp(vt_suites[i]->name, name))
			return vt_suites[i];
	return NULL;
}

size_t vt_all_checks(const struct vt_check_info ***out)
{
	const struct dmar_check *const *d;
	const struct vt_check_info **v;
	size_t n = 1;

	for (d = dmar_all_checks(); *d; d++)
		n++;
	v = xcalloc(n, sizeof(*v));
	n = 0;
	v[n++] = &dmar_check_signature;
	for (d = dmar_all_checks(); *d; d++)
		v[n++] = &(*d)->info;
	*out = v;
	return n;
}
