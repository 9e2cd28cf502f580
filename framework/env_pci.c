// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PCI model: config space through libpci (platform/pci.c), then the
 * facts sysfs adds for each function. One bad entry (a name that is not
 * a PCI address, a config file that cannot be read) is reported in
 * pci_problems and skipped or kept without config; the rest stands.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env_parts.h"
#include "../platform/pci.h"
#include "../platform/snapshot_layout.h"
#include "../ref/pci_caps.h"
#include "../ref/sriov.h"
#include "../results/json.h"
#include "../util/xalloc.h"

static void problem(struct vt_env *e, const char *fmt, const char *arg1, const char *arg2)
{
	struct vt_names *n = &e->pci_problems;

	n->v = xgrow(n->v, n->n, sizeof(*n->v));
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

/* A "0x..." hex number at *@p, not past @end; false when there is none. */
static bool hex_field(const char **p, const char *end, uint64_t *v)
{
	const char *q = *p;
	unsigned digits = 0;

	while (q < end && *q == ' ')
		q++;
	if (end - q > 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'X'))
		q += 2;
	for (*v = 0; q < end && digits < 16; q++, digits++) {
		int d = *q >= '0' && *q <= '9' ? *q - '0' : *q >= 'a' && *q <= 'f' ?
			*q - 'a' + 10 : *q >= 'A' && *q <= 'F' ? *q - 'A' + 10 : -1;

		if (d < 0)
			break;
		*v = *v << 4 | (uint64_t)d;
	}
	*p = q;
	return digits > 0;
}

/* sysfs "resource": "START END FLAGS" per line, each 0x-prefixed hex. */
static void read_resources(struct vt_platform *p, const char *bdf, struct pci_sysfs *s)
{
	char rel[256];
	struct vt_blob b;
	const char *line, *end;

	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/resource", bdf);
	if (vt_read_file(p, rel, VT_MAX_ATTR, &b))
		return;
	end = (const char *)b.data + b.len;
	for (line = (const char *)b.data; line < end && s->nres < PCI_MAX_RESOURCES;) {
		const char *eol = memchr(line, '\n', (size_t)(end - line)), *q = line;
		struct pci_resource *r = &s->res[s->nres];

		eol = eol ? eol : end;
		if (!hex_field(&q, eol, &r->start) || !hex_field(&q, eol, &r->end) ||
		    !hex_field(&q, eol, &r->flags))
			break;
		s->nres++;
		line = eol + 1;
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
	/* virtfnN links of a PF: read, not only counted, so that a capture keeps them. */
	snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s", bdf);
	if (!vt_list_dir(p, rel, &n)) {
		for (i = 0; i < n.n; i++)
			if (!strncmp(n.v[i], "virtfn", 6) &&
			    link_name(p, bdf, n.v[i], buf, sizeof(buf)) == 1)
				s->nvirtfn++;
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

static struct pci_fn *find_mut(struct vt_env *e, unsigned seg, unsigned bus,
			       unsigned dev, unsigned fn)
{
	const struct pci_fn *f = pci_model_find(&e->pci, (uint16_t)seg, (uint8_t)bus,
						(uint8_t)dev, (uint8_t)fn);

	return f ? &e->pci.fns[f - e->pci.fns] : NULL;
}

/* Physical slots: sys/bus/pci/slots/NAME/address is "0000:03:00". */
static void read_slots(struct vt_env *e)
{
	struct vt_platform *p = e->plat;
	struct vt_names n;
	size_t i;
	unsigned fn;

	if (vt_list_dir(p, PATH_PCI_SLOTS, &n))
		return;
	for (i = 0; i < n.n; i++) {
		char rel[256], addr[32], tail;
		unsigned seg, bus, dev;
		struct pci_fn *f;

		snprintf(rel, sizeof(rel), PATH_PCI_SLOTS "/%s/address", n.v[i]);
		if (vt_read_attr(p, rel, addr, sizeof(addr)) ||
		    sscanf(addr, "%4x:%2x:%2x%c", &seg, &bus, &dev, &tail) != 3 || dev >= 32)
			continue;
		for (fn = 0; fn < 8; fn++)
			if ((f = find_mut(e, seg, bus, dev, fn)))
				snprintf(f->sys.slot, sizeof(f->sys.slot), "%s", n.v[i]);
	}
	vt_names_free(&n);
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

static void load_pci(struct vt_env *e)
{
	struct vt_names n;
	int rc = vt_pci_scan(e->plat, &e->pci), lrc;

	if (rc) {
		/* Without a PCI tree at all, nobody can tell what devices there are. */
		vt_env_read_failed(e, VT_ENV_PCI, rc == -ENOENT ? -ENODATA : rc);
		e->part[VT_ENV_PCI].unreadable = rc != -ENOENT;
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
	/* The model is whole: now each VF can find its PF (ref/sriov.h). */
	sriov_link_vfs(&e->pci);
	vt_env_set(e, VT_ENV_PCI, VT_AVAILABLE, NULL);
}

static void release_pci(struct vt_env *e)
{
	pci_model_free(&e->pci);
	vt_names_free(&e->pci_problems);
}

static void write_caps(struct json *j, const struct pci_fn *f)
{
	static const struct {
		const char *name;
		size_t off;
	} caps[] = {
		{ "pm", offsetof(struct pci_caps, pm) }, { "msi", offsetof(struct pci_caps, msi) },
		{ "pcix", offsetof(struct pci_caps, pcix) },
		{ "pcie", offsetof(struct pci_caps, pcie) },
		{ "msix", offsetof(struct pci_caps, msix) }, { "af", offsetof(struct pci_caps, af) },
		{ "aer", offsetof(struct pci_caps, aer) }, { "acs", offsetof(struct pci_caps, acs) },
		{ "ari", offsetof(struct pci_caps, ari) }, { "ats", offsetof(struct pci_caps, ats) },
		{ "sriov", offsetof(struct pci_caps, sriov) },
		{ "pri", offsetof(struct pci_caps, pri) },
		{ "rebar", offsetof(struct pci_caps, rebar) },
		{ "pasid", offsetof(struct pci_caps, pasid) },
	};
	size_t i;

	json_key(j, "capabilities");
	json_begin_object(j);
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		uint16_t off;

		memcpy(&off, (const char *)&f->caps + caps[i].off, sizeof(off));
		if (off)
			json_kv_uint(j, caps[i].name, off);
	}
	json_end_object(j);
	if (f->caps.std_problem || f->caps.ext_problem) {
		json_key(j, "capability_problems");
		json_begin_array(j);
		if (f->caps.std_problem)
			json_string(j, pci_cap_problem_name(f->caps.std_problem));
		if (f->caps.ext_problem)
			json_string(j, pci_cap_problem_name(f->caps.ext_problem));
		json_end_array(j);
	}
}

static void write_sysfs(struct json *j, const struct pci_fn *f)
{
	char name[16];

	json_key(j, "sysfs");
	json_begin_object(j);
	if (f->sys.driver_known)
		json_kv_string(j, "driver", f->sys.driver[0] ? f->sys.driver : NULL);
	if (f->sys.group_known) {
		json_key(j, "iommu_group");
		if (f->sys.iommu_group == PCI_NO_GROUP)
			json_null(j);
		else
			json_uint(j, (uint64_t)f->sys.iommu_group);
	}
	if (f->sys.is_vf) {
		snprintf(name, sizeof(name), "%04x:%02x:%02x.%u", f->sys.pf_segment,
			 f->sys.pf_bus, f->sys.pf_dev, f->sys.pf_fn);
		json_kv_string(j, "physfn", name);
	}
	if (f->sys.nvirtfn)
		json_kv_uint(j, "virtfns", f->sys.nvirtfn);
	if (f->sys.sriov_known) {
		json_kv_uint(j, "sriov_totalvfs", f->sys.sriov_totalvfs);
		json_kv_uint(j, "sriov_numvfs", f->sys.sriov_numvfs);
	}
	if (f->sys.reset_method[0])
		json_kv_string(j, "reset_method", f->sys.reset_method);
	if (f->sys.irq_known)
		json_kv_uint(j, "irq", f->sys.irq);
	if (f->sys.slot[0])
		json_kv_string(j, "slot", f->sys.slot);
	json_end_object(j);
}

static void write_fn(struct json *j, const struct pci_model *m, const struct pci_fn *f)
{
	const struct pci_fn *up = pci_fn_parent(m, f);
	char name[16];
	struct pcie_cap pcie;
	struct pci_acs acs;
	struct pci_sriov sriov;

	json_begin_object(j);
	json_kv_string(j, "bdf", pci_fn_name(f, name, sizeof(name)));
	json_kv_uint(j, "config_bytes", f->cfg_len);
	if (f->cfg_why[0])
		json_kv_string(j, "config_note", f->cfg_why);
	if (pci_fn_header_valid(f)) {
		json_kv_uint(j, "vendor", f->vendor);
		json_kv_uint(j, "device", f->device);
		json_kv_uint(j, "class", f->class_code);
		json_kv_uint(j, "header_type", f->header_type);
		json_kv_bool(j, "multifunction", f->multifunction);
		/* 0: no INTx (as every VF: PCIe 6.0 §9.3.4); 1-4: INTA-INTD */
		json_kv_uint(j, "interrupt_pin", f->cfg[PCI_CFG_INTERRUPT_PIN]);
		if (pci_fn_is_bridge(f)) {
			json_kv_uint(j, "secondary_bus", f->secondary_bus);
			json_kv_uint(j, "subordinate_bus", f->subordinate_bus);
		}
		write_caps(j, f);
	}
	json_kv_string(j, "parent", up ? pci_fn_name(up, name, sizeof(name)) : NULL);
	if (f->pf >= 0) {       /* from the PF's SR-IOV registers, not sysfs */
		json_kv_string(j, "vf_of", pci_fn_name(&m->fns[f->pf], name, sizeof(name)));
		json_kv_uint(j, "vf_index", f->vf_index);
	}
	if (pci_fn_pcie(f, &pcie))
		json_kv_string(j, "pcie_type", pcie_port_type_name(pcie.port_type));
	if (pci_fn_acs(f, &acs)) {
		json_kv_uint(j, "acs_cap", acs.cap);
		json_kv_uint(j, "acs_ctrl", acs.ctrl);
	}
	if (pci_fn_sriov(f, &sriov)) {
		json_kv_uint(j, "sriov_total_vfs", sriov.total_vfs);
		json_kv_uint(j, "sriov_num_vfs", sriov.num_vfs);
		json_kv_uint(j, "sriov_first_vf_offset", sriov.first_vf_offset);
		json_kv_uint(j, "sriov_vf_stride", sriov.vf_stride);
		json_kv_uint(j, "sriov_vf_device", sriov.vf_device);
	}
	if (f->sys.seen)
		write_sysfs(j, f);
	json_end_object(j);
}

static void json_pci(struct json *j, struct vt_env *e)
{
	size_t i;

	json_key(j, "pci");
	json_begin_array(j);
	for (i = 0; vt_env_ready(e, VT_ENV_PCI) && i < e->pci.n; i++)
		write_fn(j, &e->pci, &e->pci.fns[i]);
	json_end_array(j);
	json_key(j, "pci_problems");
	json_begin_array(j);
	for (i = 0; i < e->pci_problems.n; i++)
		json_string(j, e->pci_problems.v[i]);
	json_end_array(j);
}

const struct vt_env_part_def vt_part_pci = {
	.key = "pci", .name = "PCI devices", .required = true,
	.load = load_pci, .release = release_pci, .json = json_pci,
};
