// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pci/pci.h>

#include "pci.h"
#include "../util/xalloc.h"

/*
 * libpci reports fatal errors through a->error, which must not return (the
 * default one exits). A conformance run must carry on and report, so the
 * handler records the message and jumps back to the scan.
 */
static jmp_buf pci_error_jump;
static char pci_error_msg[256];

static void __attribute__((noreturn, format(printf, 1, 2)))
pci_error(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(pci_error_msg, sizeof(pci_error_msg), msg, ap);
	va_end(ap);
	longjmp(pci_error_jump, 1);
}

static void __attribute__((format(printf, 1, 2))) pci_quiet(char *msg, ...)
{
	(void)msg;
}

static void read_config(struct pci_dev *d, struct pci_fn *f)
{
	memset(f->cfg, 0xff, sizeof(f->cfg));
	/* Extended space needs PCIe and root; fall back to what there is. */
	if (pci_read_block(d, 0, f->cfg, PCI_CFG_SPACE_EXP_SIZE))
		f->cfg_len = PCI_CFG_SPACE_EXP_SIZE;
	else if (pci_read_block(d, 0, f->cfg, PCI_CFG_SPACE_SIZE))
		f->cfg_len = PCI_CFG_SPACE_SIZE;
	else if (pci_read_block(d, 0, f->cfg, PCI_CFG_HEADER_SIZE))
		f->cfg_len = PCI_CFG_HEADER_SIZE;   /* sysfs, read by non-root */
	else
		f->cfg_len = 0;
	if (f->cfg_len < PCI_CFG_HEADER_SIZE)
		snprintf(f->cfg_why, sizeof(f->cfg_why), "libpci could not read its "
			 "configuration header");
	else if (f->cfg_len == PCI_CFG_HEADER_SIZE)
		snprintf(f->cfg_why, sizeof(f->cfg_why), "only the 64-byte header is "
			 "readable (not root?): capabilities unknown");
}

int vt_pci_scan(struct vt_platform *p, struct pci_model *out)
{
	/* volatile: these change between setjmp and a longjmp back. */
	struct pci_access *volatile a = NULL;
	volatile size_t first = out->n;
	struct pci_dev *d;
	int rc;

	if (setjmp(pci_error_jump)) {
		vt_platform_fail(p, EIO, "libpci: %s", pci_error_msg);
		if (a)
			pci_cleanup(a);
		out->n = first;
		return -EIO;
	}
	a = pci_alloc();
	a->error = pci_error;
	a->warning = pci_quiet;
	a->debug = pci_quiet;
	rc = p->m->pci_setup(p, a);
	if (rc) {
		pci_cleanup(a);
		return rc;
	}
	pci_init(a);
	pci_scan_bus(a);
	for (d = a->devices; d; d = d->next) {
		struct pci_fn *f;

		/*
		 * Domains above 0xffff are made up by Linux for devices behind
		 * Intel VMD; no DMAR segment can name them, and a 16-bit
		 * segment would alias them onto real ones.
		 */
		if (d->domain < 0 || d->domain > UINT16_MAX)
			continue;
		f = pci_model_add(out, (uint16_t)d->domain, d->bus, d->dev, d->func);
		if (!f) {
			pci_cleanup(a);
			return vt_platform_fail(p, ENOMEM, "PCI model: out of memory");
		}
		read_config(d, f);
	}
	pci_cleanup(a);
	return 0;
}
