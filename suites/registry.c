// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "registry.h"
#include "bar/bar_suite.h"
#include "dma/dma_suite.h"
#include "dmar/dmar_suite.h"
#include "groups/groups_suite.h"
#include "intremap/intremap_suite.h"
#include "msi/msi_suite.h"

const struct vt_suite *const vt_suites[] = {
	&dmar_suite, &groups_suite, &intremap_suite, &bar_suite, &msi_suite, &dma_suite, NULL,
};

const struct vt_suite *vt_find_suite(const char *name)
{
	size_t i;

	for (i = 0; vt_suites[i]; i++)
		if (!strcmp(vt_suites[i]->name, name))
			return vt_suites[i];
	return NULL;
}

const struct vt_check *vt_find_check(const char *id, const struct vt_suite **suite)
{
	const struct vt_check *const *c;
	size_t i;

	for (i = 0; vt_suites[i]; i++)
		for (c = vt_suites[i]->checks; *c; c++)
			if (!strcmp((*c)->info.id, id)) {
				if (suite)
					*suite = vt_suites[i];
				return *c;
			}
	return NULL;
}
