// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PCI model: config space through libpci (platform/pci.c), then the
 * facts sysfs adds for each function. One bad entry (a name that is not
 * a PCI address, a config file that cannot be read) is reported in
 * pci_problems and skipped or kept without config; the rest stands.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "../platform/pci.h"
#include "../platform/snapshot_layout.h"
#include "../util/xalloc.h"

static void problem(struct vt_env *e, const char *fmt, const char *arg1, const char *arg2)
{
	struct vt_names *n = &e->pci_problems;

	n->v = xrealloc(n->v, (n->n + 1) * sizeof(*n->v));
	n->v[n->n++] = xasprintf(fmt, arg1, arg2);
}

static bool parse_bdf(const char *s, unsigned *seg, unsigned *bus, unsigned *dev,
		      unsigned *fn)
{
	char tail;

	return strlen(s) == 12 &&
	       sscanf(s, "%4x:%2x:%2x.%1u%c", seg, bus, dev, fn, &tail) == 4 &&
	       *dev < 32 && *fn < 8;
}

/* A link's last component; 1 when known and present, 0 known absent, -1 unknown. */
static int link_name(struct vt_platform *p, const char *bdf, const char *attr,
		     char *buf, size_t size)
{
	char rel[256];
	int rc;

	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/%s", bdf, attr);
	rc = vt_read_link_name(p, rel, buf, size);
	return rc == 0 ? 1 : rc == -ENOENT ? 0 : -1;
}

static bool attr_uint(struct vt_platform *p, const char *bdf, const char *attr,
		      int base, uint64_t *v)
{
	char rel[256];

	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/%s", bdf, attr);
	return vt_read_attr_u64(p, rel, base, v) == 0;
}

static void read_resources(struct vt_platform *p, const char *bdf, struct pci_sysfs *s)
{
	char rel[256];
	struct vt_blob b;
	const char *line;

	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/resource", bdf);
	if (vt_read_file(p, rel, VT_MAX_ATTR, &b))
		return;
	for (line = (const char *)b.data; *line && s->nres < PCI_MAX_RESOURCES;) {
		unsigned long long start, end, flags;

		if (sscanf(line, "%llx %llx %llx", &start, &end, &flags) != 3)
			break;
		s->res[s->nres].start = start;
		s->res[s->nres].end = end;
		s->res[s->nres].flags = flags;
		s->nres++;
		line += strcspn(line, "\n");
		line += *line == '\n';
	}
	vt_blob_free(&b);
}

static void read_facts(struct vt_env *e, const char *bdf, struct pci_fn *f)
{
	struct vt_platform *p = e->plat;
	struct pci_sysfs *s = &f->sys;
	char buf[64], rel[256];
	unsigned seg, bus, dev, fn;
	struct vt_names n;
	uint64_t v;
	size_t i;
	int k;

	s->seen = true;
	k = link_name(p, bdf, "driver", s->driver, sizeof(s->driver));
	s->driver_known = k >= 0;
	if (k <= 0)
		s->driver[0] = '\0';
	k = link_name(p, bdf, "iommu_group", buf, sizeof(buf));
	s->group_known = k >= 0;
	if (k == 1 && strspn(buf, "0123456789") == strlen(buf) && strlen(buf) < 10)
		s->iommu_group = strtol(buf, NULL, 10);
	else if (k == 1)
		s->group_known = false;
	k = link_name(p, bdf, "physfn", buf, sizeof(buf));
	s->physfn_known = k >= 0;
	if (k == 1 && parse_bdf(buf, &seg, &bus, &dev, &fn)) {
		s->is_vf = true;
		s->pf_segment = (uint16_t)seg;
		s->pf_bus = (uint8_t)bus;
		s->pf_dev = (uint8_t)dev;
		s->pf_fn = (uint8_t)fn;
	}
	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s", bdf);
	if (!vt_list_dir(p, rel, &n)) {
		for (i = 0; i < n.n; i++)
			s->nvirtfn += !strncmp(n.v[i], "virtfn", 6);
		vt_names_free(&n);
	}
	if (attr_uint(p, bdf, "sriov_totalvfs", 10, &v)) {
		s->sriov_known = true;
		s->sriov_totalvfs = (uint16_t)v;
		if (attr_uint(p, bdf, "sriov_numvfs", 10, &v))
			s->sriov_numvfs = (uint16_t)v;
		if (attr_uint(p, bdf, "sriov_offset", 10, &v))
			s->sriov_offset = (uint16_t)v;
		if (attr_uint(p, bdf, "sriov_stride", 10, &v))
			s->sriov_stride = (uint16_t)v;
		if (attr_uint(p, bdf, "sriov_vf_device", 16, &v))
			s->sriov_vf_device = (uint16_t)v;
	}
	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/reset_method", bdf);
	if (vt_read_attr(p, rel, s->reset_method, sizeof(s->reset_method)))
		s->reset_method[0] = '\0';
	s->irq_known = attr_uint(p, bdf, "irq", 10, &v) && v <= UINT32_MAX;
	s->irq = s->irq_known ? (unsigned)v : 0;
	read_resources(p, bdf, s);
}

/* Physical slots: sys/bus/pci/slots/NAME/address is "0000:03:00". */
static void read_slots(struct vt_env *e)
{
	struct vt_platform *p = e->plat;
	struct vt_names n;
	size_t i, k;

	if (vt_list_dir(p, PATH_PCI_SLOTS, &n))
		return;
	for (i = 0; i < n.n; i++) {
		char rel[256], addr[32], tail;
		unsigned seg, bus, dev;

		snprintf(rel, sizeof(rel), PATH_PCI_SLOTS "/%s/address", n.v[i]);
		if (vt_read_attr(p, rel, addr, sizeof(addr)) ||
		    sscanf(addr, "%4x:%2x:%2x%c", &seg, &bus, &dev, &tail) != 3)
			continue;
		for (k = 0; k < e->pci.n; k++) {
			struct pci_fn *f = &e->pci.fns[k];

			if (f->segment == seg && f->bus == bus && f->dev == dev)
				snprintf(f->sys.slot, sizeof(f->sys.slot), "%s", n.v[i]);
		}
	}
	vt_names_free(&n);
}

static struct pci_fn *find_mut(struct vt_env *e, unsigned seg, unsigned bus,
			       unsigned dev, unsigned fn)
{
	const struct pci_fn *f = pci_model_find(&e->pci, (uint16_t)seg, (uint8_t)bus,
						(uint8_t)dev, (uint8_t)fn);

	return f ? &e->pci.fns[f - e->pci.fns] : NULL;
}

/* A function for an entry libpci could not read, with the reason. */
static void add_without_config(struct vt_env *e, const char *bdf, unsigned seg,
			       unsigned bus, unsigned dev, unsigned fn)
{
	struct pci_fn *f = pci_model_add(&e->pci, (uint16_t)seg, (uint8_t)bus,
					 (uint8_t)dev, (uint8_t)fn);
	char rel[256];
	struct vt_blob b;

	if (!f)
		return;
	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/config", bdf);
	if (vt_read_file(e->plat, rel, VT_MAX_CONFIG, &b) == 0) {
		snprintf(f->cfg_why, sizeof(f->cfg_why), "libpci did not list it");
		vt_blob_free(&b);
	} else {
		snprintf(f->cfg_why, sizeof(f->cfg_why), "%s", vt_platform_error(e->plat));
	}
	problem(e, "/" PATH_PCI_DEVICES "/%s: kept without configuration space (%s)",
		bdf, f->cfg_why);
}

/*
 * Every sysfs entry: first a function without config for each entry
 * libpci could not read (looked up while the model is still sorted,
 * added after), then the facts for all of them.
 */
static void add_sysfs(struct vt_env *e, const struct vt_names *n)
{
	bool *missing = xcalloc(n->n ? n->n : 1, sizeof(*missing));
	unsigned seg, bus, dev, fn;
	size_t i, before = e->pci.n;
	struct pci_fn *f;

	for (i = 0; i < n->n; i++) {
		if (!parse_bdf(n->v[i], &seg, &bus, &dev, &fn))
			problem(e, "/%s/%s: not a PCI address: skipped", PATH_PCI_DEVICES,
				n->v[i]);
		else
			missing[i] = !find_mut(e, seg, bus, dev, fn);
	}
	for (i = 0; i < n->n; i++)
		if (missing[i] && parse_bdf(n->v[i], &seg, &bus, &dev, &fn))
			add_without_config(e, n->v[i], seg, bus, dev, fn);
	free(missing);
	if (e->pci.n != before)
		pci_model_finish(&e->pci);
	for (i = 0; i < n->n; i++)
		if (parse_bdf(n->v[i], &seg, &bus, &dev, &fn) &&
		    (f = find_mut(e, seg, bus, dev, fn)))
			read_facts(e, n->v[i], f);
}

void vt_env_load_pci(struct vt_env *e)
{
	struct vt_names n;
	int rc = vt_pci_scan(e->plat, &e->pci), lrc;

	if (rc) {
		vt_env_set(e, VT_ENV_PCI, vt_env_avail_of(rc) == VT_ABSENT ? VT_UNKNOWN :
			   vt_env_avail_of(rc), "%s", vt_platform_error(e->plat));
		pci_model_free(&e->pci);
		return;
	}
	if (pci_model_finish(&e->pci)) {
		vt_env_set(e, VT_ENV_PCI, VT_BROKEN, "PCI model: out of memory");
		return;
	}
	lrc = vt_list_dir(e->plat, PATH_PCI_DEVICES, &n);
	if (!lrc) {
		add_sysfs(e, &n);
		vt_names_free(&n);
		read_slots(e);
	}
	vt_env_set(e, VT_ENV_PCI, VT_AVAILABLE, NULL);
}
