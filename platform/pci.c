// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pci/pci.h>

#include "pci.h"
#include "snapshot_layout.h"
#include "../results/xalloc.h"

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
	/* Extended space needs PCIe and root; fall back to the 256 bytes. */
	if (pci_read_block(d, 0, f->cfg, PCI_CFG_SPACE_EXP_SIZE))
		f->cfg_len = PCI_CFG_SPACE_EXP_SIZE;
	else if (pci_read_block(d, 0, f->cfg, PCI_CFG_SPACE_SIZE))
		f->cfg_len = PCI_CFG_SPACE_SIZE;
	else if (pci_read_block(d, 0, f->cfg, 64))
		f->cfg_len = 64;
	else
		f->cfg_len = 0;
}

static int cmp_fn(const void *a, const void *b)
{
	const struct pci_fn *x = a, *y = b;

	if (x->segment != y->segment)
		return x->segment < y->segment ? -1 : 1;
	if (x->bus != y->bus)
		return x->bus < y->bus ? -1 : 1;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->fn - y->fn;
}

int vt_pci_scan(struct vt_platform *p, struct pci_topology *out)
{
	/* volatile: these change between setjmp and a longjmp back. */
	struct pci_access *volatile a = NULL;
	char *volatile sysfs = NULL;
	struct pci_fn *volatile fns = NULL;
	volatile size_t count = 0;
	struct pci_dev *d;
	size_t n;

	out->fns = NULL;
	out->n = 0;
	if (!p->pci_dump && !vt_exists(p, PATH_PCI_DEVICES))
		return vt_platform_fail(p, ENOENT, "%s%s: no PCI devices directory",
					p->root, PATH_PCI_DEVICES);
	if (setjmp(pci_error_jump)) {
		vt_platform_fail(p, EIO, "libpci (%s): %s",
				 p->pci_dump ? p->pci_dump : sysfs, pci_error_msg);
		if (a)
			pci_cleanup(a);
		free(sysfs);
		free(fns);
		return -EIO;
	}
	a = pci_alloc();
	a->error = pci_error;
	a->warning = pci_quiet;
	a->debug = pci_quiet;
	if (p->pci_dump) {
		a->method = PCI_ACCESS_DUMP;
		pci_set_param(a, "dump.name", p->pci_dump);
	} else {
		sysfs = vt_platform_path(p, PATH_PCI_SYSFS);
		a->method = PCI_ACCESS_SYS_BUS_PCI;
		pci_set_param(a, "sysfs.path", sysfs);
	}
	pci_init(a);
	pci_scan_bus(a);
	n = 0;
	for (d = a->devices; d; d = d->next)
		n++;
	fns = xcalloc(n, sizeof(*fns));
	for (d = a->devices; d; d = d->next) {
		struct pci_fn *f;

		/*
		 * Domains above 0xffff are made up by Linux for devices behind
		 * Intel VMD; no DMAR segment can name them, and a 16-bit
		 * segment would alias them onto real ones.
		 */
		if (d->domain < 0 || d->domain > UINT16_MAX)
			continue;
		f = &fns[count++];

		f->segment = (uint16_t)d->domain;
		f->bus = d->bus;
		f->dev = d->dev;
		f->fn = d->func;
		read_config(d, f);
		if (f->cfg_len)
			pci_fn_decode_header(f);
	}
	pci_cleanup(a);
	free(sysfs);
	qsort(fns, count, sizeof(*fns), cmp_fn);
	out->fns = fns;
	out->n = count;
	return 0;
}
