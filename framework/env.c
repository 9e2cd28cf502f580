// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The environment's state: what each part's availability is and why, set
 * by the loaders or by hand; and small conveniences over loaded parts.
 * Loading itself goes by the parts table (env_parts.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "../util/xalloc.h"

/* Where vfio-pci's container is opened (Documentation/driver-api/vfio.rst). */
#define PATH_VFIO_CONTAINER "dev/vfio/vfio"

void vt_env_init(struct vt_env *e, struct vt_platform *plat)
{
	memset(e, 0, sizeof(*e));
	e->plat = plat;
	e->live = plat && vt_platform_is_live(plat);
	e->root = e->live && vt_platform_privileged(plat);
	e->vfio = e->live && vt_platform_usable(plat, PATH_VFIO_CONTAINER);
}

void vt_env_set(struct vt_env *e, enum vt_env_part part, enum vt_avail avail,
		const char *fmt, ...)
{
	va_list ap;

	free(e->part[part].why);
	e->part[part].avail = avail;
	e->part[part].unreadable = false;
	if (!fmt) {
		e->part[part].why = NULL;
		return;
	}
	va_start(ap, fmt);
	e->part[part].why = xvasprintf(fmt, ap);
	va_end(ap);
}

void vt_env_provide(struct vt_env *e, enum vt_env_part part, enum vt_avail avail,
		    const char *why)
{
	vt_env_set(e, part, avail, why ? "%s" : NULL, why);
}

/*
 * A platform error's meaning for a part (platform.h): the machine lacks it,
 * nobody can tell, or it is there and bad.
 */
enum vt_avail vt_env_avail_of(int rc)
{
	switch (rc) {
	case 0:
		return VT_AVAILABLE;
	case -ENOENT:
		return VT_ABSENT;
	case -ENODATA:
	case -EACCES:
	case -EPERM:
	case -ENOTSUP:
		return VT_UNKNOWN;
	default:
		return VT_BROKEN;
	}
}

void vt_env_read_failed(struct vt_env *e, enum vt_env_part part, int rc)
{
	enum vt_avail a = vt_env_avail_of(rc);

	vt_env_set(e, part, a, "%s", vt_platform_error(e->plat));
	/* There (or not known to be absent), yet not given. */
	e->part[part].unreadable = a != VT_ABSENT;
}

const char *vt_env_why(const struct vt_env *e, enum vt_env_part part)
{
	return e->part[part].why ? e->part[part].why : "";
}

bool vt_env_ready(const struct vt_env *e, enum vt_env_part part)
{
	return e->part[part].avail == VT_AVAILABLE;
}

const struct iommu_unit *vt_env_unit_at(const struct vt_env *e, uint64_t base)
{
	size_t i;

	for (i = 0; i < e->nunits; i++)
		if (e->units[i].address_known && e->units[i].address == base)
			return &e->units[i];
	return NULL;
}

bool vt_env_cpu_has(const struct vt_env *e, const char *flag)
{
	char *word;
	bool found;

	if (!e->cpu_flags)
		return false;
	word = xasprintf(" %s ", flag);
	found = strstr(e->cpu_flags, word) != NULL;
	free(word);
	return found;
}
