/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Xen's MSI-INTx translation for a device given to an HVM guest, and the
 * xl configuration that asks for it. Pure C, no I/O.
 *
 * The rule (docs/misc/vtd.txt, "MSI-INTx translation for passthrough
 * devices in HVM"): with translation on, the device model enables the
 * device's MSI even while the guest drives INTx, and Xen injects each MSI
 * as the guest's INTx (PT_IRQ_TYPE_MSI_TRANSLATE, xen/drivers/passthrough/
 * x86/hvm.c pt_irq_create_bind(), formerly io.c): the physical, possibly
 * shared, IO-APIC line is no longer used. Once the guest enables MSI or
 * MSI-X itself, translation is off. Only MSI is translated: a device
 * with MSI-X alone keeps its INTx line (qemu-xen-traditional hw/pt-msi.c
 * pt_enable_msi_translate() needs dev->msi).
 *
 * What the option does depends on the Xen release:
 *   3.4 to 4.1  xm/xend: pci_msitranslate defaults to 1 (vtd.txt still
 *               says so), done by qemu-xen-traditional.
 *   4.2 to 4.20 xl: the default is 0 (libxl: "disable msitranslate by
 *               default", 2012: drivers such as NVIDIA's notice the device
 *               in MSI mode while they drive INTx). Only
 *               qemu-xen-traditional acts on it; upstream QEMU's
 *               xen-pci-passthrough (hw/xen/xen_pt*.c), the default
 *               device model since 4.3, never implemented it: the option
 *               is written to xenstore and ignored.
 *   4.21 on     qemu-xen-traditional is gone (tools: "remove support for
 *               running a guest with qemu-traditional", 2025): xl still
 *               parses msitranslate and libxl still writes it into the
 *               backend's opts, but nothing acts on it. The hypervisor
 *               still implements PT_IRQ_TYPE_MSI_TRANSLATE.
 * PV guests: never (pciback hands the guest the real interrupt).
 */
#ifndef VTDCERT_REF_XEN_MSITRANSLATE_H
#define VTDCERT_REF_XEN_MSITRANSLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the xl PCI_SPEC_STRING and the pci = [ ... ] setting ---- */

/* xl-pci-configuration(5): BDF limits (tools/libs/util/libxlu_pci.c parse_bdf()). */
#define XEN_PCI_MAX_DOMAIN  0xffffu
#define XEN_PCI_MAX_BUS     0xffu
#define XEN_PCI_MAX_DEV     0x1fu
#define XEN_PCI_MAX_FUNC    7u
#define XEN_PCI_MAX_VSLOT   0x1fu    /* parse_vslot(): a hex device number */
#define XEN_PCI_NAME_MAX    64
#define XEN_UNSET           (-1)     /* an option not given */

enum xen_rdm_policy { XEN_RDM_UNSET, XEN_RDM_STRICT, XEN_RDM_RELAXED };

/* One PCI_SPEC_STRING: "[DDDD:]BB:DD.F[@VSLOT][,KEY=VALUE]...". */
struct xen_pci_spec {
	bool has_bdf;
	uint16_t domain;
	uint8_t bus, dev, func;
	bool all_functions;         /* F given as '*' */
	int vslot;                  /* XEN_UNSET, or 0..0x1f */
	int msitranslate, power_mgmt, permissive, seize;   /* XEN_UNSET, 0 or 1 */
	enum xen_rdm_policy rdm_policy;
	bool has_name;
	char name[XEN_PCI_NAME_MAX];   /* name=: a device named by xl pci-assignable-add */
};

/* What is wrong with a configuration, and where. */
struct xen_parse_error {
	long entry;                 /* index in pci = [ ... ], or -1 (outside an entry) */
	unsigned line, column;      /* 1-based; an entry's column counts in the entry */
	char what[160];
};

/* "pci[1] column 9: unknown option 'foo'" or "line 3 column 5: ..." into @buf. */
char *xen_parse_error_text(const struct xen_parse_error *e, char *buf, size_t size);

/*
 * Parse one PCI_SPEC_STRING of @len bytes, as libxlu's
 * xlu_pci_parse_spec_string() reads it, stricter where libxlu is silent:
 * a boolean is 0 or 1 (libxlu's atoi() reads "yes" as 0), trailing bytes
 * after a bdf= value are refused, and an option given twice is an error
 * (xl-pci-configuration(5): "at most once"). An empty value leaves the
 * default. Linear in @len. 0, or -1 with @err filled (entry -1, line 1).
 */
int xen_pci_spec_parse(const char *s, size_t len, struct xen_pci_spec *out,
		       struct xen_parse_error *err);

/* The settings of an xl domain configuration file that bear on PCI devices. */
struct xen_pci_config {
	/* The global defaults (xl.cfg(5)), XEN_UNSET when not given. */
	int pci_msitranslate, pci_power_mgmt, pci_permissive, pci_seize;
	struct xen_pci_spec *dev;   /* pci = [ ... ], in order */
	size_t n;
};

/*
 * Parse an xl.cfg text: NAME = VALUE settings (numbers, 'strings' or
 * "strings", [ lists ]), separated by newlines or ';', # comments. The PCI
 * settings are decoded; others are only read past. Linear in @len. 0, or
 * -1 with @err (an error in an entry names its index and its column in
 * the entry, beside the line). Release with xen_pci_config_free(), also
 * after an error.
 */
int xen_pci_config_parse(const char *text, size_t len, struct xen_pci_config *out,
			 struct xen_parse_error *err);
void xen_pci_config_free(struct xen_pci_config *c);

/* ---- the rule ---- */

enum xen_era {
	XEN_ERA_XEND,               /* 3.4 - 4.1: xm/xend, default 1 */
	XEN_ERA_XL,                 /* 4.2 - 4.20: xl, default 0, qemu-xen-traditional only */
	XEN_ERA_NO_TRADITIONAL,     /* 4.21 on: no device model acts on it */
};

/* The era of Xen @major.@minor. */
enum xen_era xen_era_of(unsigned major, unsigned minor);
/* The default of pci_msitranslate in @era: 1 under xend, 0 under xl. */
int xen_msitranslate_default(enum xen_era era);

enum xen_device_model {
	XEN_DM_TRADITIONAL,         /* device_model_version="qemu-xen-traditional" */
	XEN_DM_QEMU_XEN,            /* upstream QEMU (the default from 4.3) */
};

enum xen_guest_irq { XEN_GUEST_INTX, XEN_GUEST_MSI, XEN_GUEST_MSIX };

struct xen_msitranslate_in {
	enum xen_era era;
	enum xen_device_model dm;
	bool hvm;                   /* an HVM guest (PV: pciback, no translation) */
	int global;                 /* pci_msitranslate, or XEN_UNSET */
	int option;                 /* the device's msitranslate=, or XEN_UNSET */
	bool has_msi;               /* the device has an MSI capability */
	enum xen_guest_irq guest;   /* what the guest has enabled */
};

struct xen_msitranslate_out {
	bool requested;             /* the configuration asks for it (after defaults) */
	bool active;                /* the device's MSI is injected as the guest's INTx */
	const char *why;            /* one sentence: why active or not */
};

/* Whether MSI-INTx translation is active for one device, and why. */
void xen_msitranslate_decide(const struct xen_msitranslate_in *in,
			     struct xen_msitranslate_out *out);
/* The msitranslate value in effect: the device's, else the global, else the era's. */
int xen_msitranslate_effective(enum xen_era era, int global, int option);

#endif
