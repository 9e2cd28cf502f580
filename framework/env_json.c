// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "env_json.h"
#include "../ref/pci_caps.h"
#include "../ref/vtd_regs.h"
#include "../results/json.h"

static const char *const avail_names[] = {
	[VT_UNLOADED] = "unloaded", [VT_AVAILABLE] = "available",
	[VT_ABSENT] = "absent", [VT_UNKNOWN] = "unknown", [VT_BROKEN] = "broken",
};

static void write_parts(struct json *j, struct vt_env *e)
{
	int i;

	json_key(j, "parts");
	json_begin_object(j);
	for (i = 0; i < VT_ENV_PART_COUNT; i++) {
		json_key(j, vt_env_part_name((enum vt_env_part)i));
		json_begin_object(j);
		json_kv_string(j, "avail", avail_names[vt_env_load(e, (enum vt_env_part)i)]);
		json_kv_string(j, "why", e->part[i].why);
		json_end_object(j);
	}
	json_end_object(j);
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
	if (f->sys.seen) {
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
	json_end_object(j);
}

static void write_pci(struct json *j, struct vt_env *e)
{
	size_t i;

	json_key(j, "pci");
	json_begin_array(j);
	for (i = 0; vt_env_has(e, VT_ENV_PCI) && i < e->pci.n; i++)
		write_fn(j, &e->pci, &e->pci.fns[i]);
	json_end_array(j);
	json_key(j, "pci_problems");
	json_begin_array(j);
	for (i = 0; i < e->pci_problems.n; i++)
		json_string(j, e->pci_problems.v[i]);
	json_end_array(j);
}

static void write_map(struct json *j, const char *key, const struct mem_map *m, bool have)
{
	size_t i;

	json_key(j, key);
	if (!have) {
		json_null(j);
		return;
	}
	json_begin_array(j);
	for (i = 0; i < m->n; i++) {
		json_begin_object(j);
		json_kv_uint(j, "start", m->v[i].start);
		json_kv_uint(j, "end", m->v[i].end);
		json_kv_string(j, "type", memmap_type_name(m->v[i].type));
		json_end_object(j);
	}
	json_end_array(j);
}

static void write_iommu(struct json *j, struct vt_env *e)
{
	size_t i, k;

	json_key(j, "iommu_units");
	json_begin_array(j);
	for (i = 0; vt_env_has(e, VT_ENV_UNITS) && i < e->nunits; i++) {
		const struct iommu_unit *u = &e->units[i];

		json_begin_object(j);
		json_kv_string(j, "name", u->name);
		if (u->address_known)
			json_kv_uint(j, "address", u->address);
		if (u->have_regs) {
			json_kv_uint(j, "cap", u->cap);
			json_kv_uint(j, "ecap", u->ecap);
			json_kv_bool(j, "interrupt_remapping", u->ecap & VTD_ECAP_IR);
			/* 32-bit x2APIC destinations need EIM (VT-d 4.1 §11.4.3) */
			json_kv_bool(j, "extended_interrupt_mode", u->ecap & VTD_ECAP_EIM);
		}
		json_kv_string(j, "version", u->version);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "iommu_groups");
	json_begin_array(j);
	for (i = 0; vt_env_has(e, VT_ENV_GROUPS) && i < e->ngroups; i++) {
		json_begin_object(j);
		json_kv_uint(j, "id", (uint64_t)e->groups[i].id);
		json_kv_string(j, "type", e->groups[i].type[0] ? e->groups[i].type : NULL);
		json_key(j, "devices");
		json_begin_array(j);
		for (k = 0; k < e->groups[i].devices.n; k++)
			json_string(j, e->groups[i].devices.v[k]);
		json_end_array(j);
		json_end_object(j);
	}
	json_end_array(j);
}

static void write_madt(struct json *j, struct vt_env *e)
{
	size_t i, x2 = 0;

	json_key(j, "madt");
	if (!vt_env_has(e, VT_ENV_MADT)) {
		json_null(j);
		return;
	}
	json_begin_object(j);
	json_kv_uint(j, "flags", e->madt.flags);
	json_key(j, "ioapics");
	json_begin_array(j);
	for (i = 0; i < e->madt.nioapics; i++) {
		json_begin_object(j);
		json_kv_uint(j, "id", e->madt.ioapics[i].id);
		json_kv_uint(j, "address", e->madt.ioapics[i].address);
		json_kv_uint(j, "gsi_base", e->madt.ioapics[i].gsi_base);
		json_end_object(j);
	}
	json_end_array(j);
	for (i = 0; i < e->madt.ncpus; i++)
		x2 += e->madt.cpus[i].x2apic;
	json_kv_uint(j, "cpus", e->madt.ncpus);
	json_kv_uint(j, "x2apic_entries", x2);
	json_kv_uint(j, "max_apic_id", madt_max_apic_id(&e->madt));
	json_kv_string(j, "problem", e->madt.truncated ? e->madt.problem : NULL);
	json_end_object(j);
}

int vt_env_write_json(struct vt_env *e, FILE *f)
{
	struct json j;

	json_init(&j, f);
	json_begin_object(&j);
	write_parts(&j, e);
	json_key(&j, "dmar");
	if (vt_env_has(e, VT_ENV_DMAR)) {
		json_begin_object(&j);
		json_kv_string(&j, "path", e->dmar_name);
		json_kv_uint(&j, "bytes", e->dmar.len);
		json_end_object(&j);
	} else {
		json_null(&j);
	}
	write_madt(&j, e);
	write_pci(&j, e);
	vt_env_load(e, VT_ENV_MEMMAP);
	write_map(&j, "e820", &e->e820, e->have_e820);
	write_map(&j, "iomem", &e->iomem, e->have_iomem);
	write_iommu(&j, e);
	json_kv_string(&j, "cmdline", vt_env_has(e, VT_ENV_CMDLINE) ? e->cmdline : NULL);
	json_kv_string(&j, "kernel_release",
		       vt_env_has(e, VT_ENV_KVERSION) ? e->kernel_release : NULL);
	json_key(&j, "cpu");
	if (vt_env_has(e, VT_ENV_CPU)) {
		json_begin_object(&j);
		json_kv_string(&j, "vendor", e->cpu_vendor);
		json_kv_bool(&j, "x2apic", vt_env_cpu_has(e, "x2apic"));
		json_end_object(&j);
	} else {
		json_null(&j);
	}
	json_key(&j, "interrupts");
	if (vt_env_has(e, VT_ENV_INTERRUPTS)) {
		size_t i, remapped = 0;

		/* Linux names the chips of remapped interrupts "IR-...". */
		for (i = 0; i < e->nirqs; i++)
			remapped += !strncmp(e->irqs[i].desc, "IR-", 3);
		json_begin_object(&j);
		json_kv_uint(&j, "lines", e->nirqs);
		json_kv_uint(&j, "remapped", remapped);
		json_end_object(&j);
	} else {
		json_null(&j);
	}
	json_kv_uint(&j, "kernel_log_bytes", vt_env_has(e, VT_ENV_KLOG) ? e->klog.len : 0);
	json_end_object(&j);
	return json_flush(&j) || fflush(f) || ferror(f) ? -1 : 0;
}
