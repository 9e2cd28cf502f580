/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Decoders for the capabilities the suites reason about. Each fills its
 * struct from a function's config space and returns false when the
 * capability is absent or its registers lie beyond what was read. Pure C.
 */
#ifndef VTDCERT_REF_PCI_CAPS_H
#define VTDCERT_REF_PCI_CAPS_H

#include "pci_model.h"
#include "pci_regs.h"

struct pcie_cap {                   /* PCIe §7.5.3 */
	uint8_t version, port_type;
	bool slot_implemented;
	uint32_t devcap, devcap2;
	uint16_t devctl, devctl2;
	bool flr;                       /* DevCap FLR */
	uint8_t phantom_fns;            /* 0, 1, 2 or 3: Phantom Functions Supported */
	bool ari_forwarding;            /* DevCap2 ARI Forwarding Supported */
	bool ari_forwarding_enabled;    /* DevCtl2 */
	bool has_v2;                    /* registers past Link Status present */
};

struct pci_acs {                    /* PCIe §7.7.8 */
	uint16_t cap, ctrl;
};

struct pci_ari {                    /* PCIe §7.8.7 */
	uint8_t next_fn;
	bool mfvc, acs_groups;
};

struct pci_sriov {                  /* PCIe §9.3.3 */
	uint32_t cap;
	uint16_t ctrl, status;
	uint16_t initial_vfs, total_vfs, num_vfs;
	uint8_t func_link;
	uint16_t first_vf_offset, vf_stride, vf_device;
	uint32_t supported_page_sizes, system_page_size;
	uint32_t vf_bar[PCI_SRIOV_NUM_BARS];
};

struct pci_msi {                    /* PCIe §7.7.1 */
	uint16_t ctrl;
	bool enabled, is_64bit, per_vector_mask;
	unsigned vectors_capable, vectors_enabled;   /* 1..32 */
};

struct pci_msix {                   /* PCIe §7.7.2 */
	uint16_t ctrl;
	bool enabled, masked;
	unsigned table_size;            /* entries */
	uint8_t table_bir, pba_bir;
	uint32_t table_offset, pba_offset;
};

struct pci_pm {                     /* PCIe §7.5.2 */
	uint16_t pmc, pmcsr;
	uint8_t version, state;         /* state: 0..3 = D0..D3hot */
	bool d1, d2, no_soft_reset;
};

struct pci_af {                     /* Advanced Features ECN */
	bool tp, flr;
};

struct pci_rebar {                  /* PCIe §7.8.6 */
	unsigned n;
	struct {
		uint8_t bar;
		uint32_t sizes;             /* bit n: 1 MB << n supported */
		uint8_t current;            /* log2(size / 1 MB) */
	} e[PCI_REBAR_MAX_BARS];
};

bool pci_fn_pcie(const struct pci_fn *f, struct pcie_cap *out);
bool pci_fn_acs(const struct pci_fn *f, struct pci_acs *out);
bool pci_fn_ari(const struct pci_fn *f, struct pci_ari *out);
bool pci_fn_sriov(const struct pci_fn *f, struct pci_sriov *out);
bool pci_fn_msi(const struct pci_fn *f, struct pci_msi *out);
bool pci_fn_msix(const struct pci_fn *f, struct pci_msix *out);
bool pci_fn_pm(const struct pci_fn *f, struct pci_pm *out);
bool pci_fn_af(const struct pci_fn *f, struct pci_af *out);
bool pci_fn_rebar(const struct pci_fn *f, struct pci_rebar *out);

/* Device/Port Type as the spec names it ("Root Port", ...), or NULL. */
const char *pcie_port_type_name(uint8_t type);

#endif
