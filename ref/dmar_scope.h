/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Device scope resolution (VT-d §8.3.1): a scope names a device by its start
 * bus and a path of (device, function) hops, each hop but the last a PCI
 * bridge whose secondary bus the next hop is on. No I/O: the PCI tree is
 * handed in.
 */
#ifndef VTDCERT_REF_DMAR_SCOPE_H
#define VTDCERT_REF_DMAR_SCOPE_H

#include "dmar.h"
#include "pci_model.h"
#include "pci_regs.h"

enum scope_resolution_status {
	SCOPE_RESOLVED,
	SCOPE_NO_PATH,              /* the scope has no path entry */
	SCOPE_NOT_FOUND,            /* no function at hop @step */
	SCOPE_NOT_BRIDGE,           /* hop @step is not a bridge, yet more follow */
	SCOPE_NO_CONFIG,            /* hop @step has no readable header: unknown */
};

struct scope_resolution {
	enum scope_resolution_status status;
	unsigned step;              /* index of the hop that failed or the last */
	uint8_t bus;                /* bus searched at that hop */
	const struct pci_fn *fn;    /* the device found (SCOPE_RESOLVED) */
};

void dmar_scope_resolve(const struct dmar_scope *sc, uint16_t segment,
			const struct pci_model *t, struct scope_resolution *r);

/*
 * Whether the device's header matches the scope type, as Linux requires
 * (dmar.c dmar_insert_dev_scope()): an endpoint scope names a type 0
 * function; a sub-hierarchy scope names a bridge (type 1, or a type 0
 * function of the bridge class).
 */
bool dmar_scope_header_matches(const struct dmar_scope *sc, const struct pci_fn *f);

/*
 * Whether scope @sc of a structure on @segment names @f, or a bridge whose
 * bus range holds @f's bus (Linux dmar.c is_downstream_to_pci_bridge()).
 */
bool dmar_scope_covers(const struct dmar_scope *sc, uint16_t segment,
		       const struct pci_model *m, const struct pci_fn *f);

/*
 * The DRHD that translates @f, as Linux finds it (intel/iommu.c
 * device_lookup_iommu(), dmar.c dmar_find_matched_drhd_unit()): a DRHD
 * whose device scope names @f, or a bridge whose bus range holds @f's bus;
 * else the INCLUDE_PCI_ALL DRHD of its segment. Returns the structure's
 * index in @t, or -1 when no DRHD covers @f (it is then not translated).
 */
long dmar_drhd_for_device(const struct dmar_table *t, const struct pci_model *m,
			  const struct pci_fn *f);

/*
 * The first RMRR whose device scope covers @f (Linux intel/iommu.c
 * device_rmrr_is_relaxable()'s caller finds it so); its index, or -1.
 */
long dmar_rmrr_for_device(const struct dmar_table *t, const struct pci_model *m,
			  const struct pci_fn *f);

/*
 * A DRHD that covers only graphics devices: every PCI scope resolves to a
 * display-class function (what intel_iommu=igfx_off leaves untranslated,
 * intel/iommu.c init_no_remapping_devices()).
 */
bool dmar_drhd_graphics_only(const struct dmar_struct *s, const struct pci_model *m);

/*
 * The DRHD whose device scope names the IOAPIC or HPET (@type
 * SCOPE_TYPE_IOAPIC / SCOPE_TYPE_HPET) with enumeration ID @id, as Linux
 * records it (intel/irq_remapping.c ir_parse_ioapic_hpet_scope()): its
 * structure index, or -1 when no usable DRHD names it.
 */
long dmar_ir_scope_drhd(const struct dmar_table *t, uint8_t type, uint8_t id);

#endif
