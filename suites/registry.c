// SPDX-License-Identifier: GPL-2.0-or-later
#include "registry.h"
#include "dmar/dmar_suite.h"
#include "../results/xalloc.h"

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
