// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <pci/pci.h>

#include "pci.h"
#include "snapshot_layout.h"
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

/* "0000:00:1f.3" into its parts; false for anything else. */
static bool parse_bdf(const char *s, unsigned *dom, unsigned *bus, unsigned *dev,
		      unsigned *fn)
{
	char tail;

	return strlen(s) == 12 &&
	       sscanf(s, "%4x:%2x:%2x.%1u%c", dom, bus, dev, fn, &tail) == 4 &&
	       *dev < 32 && *fn < 8;
}

/* One function in `lspci -xxxx` form, as libpci's dump method reads it. */
static void dump_function(FILE *f, unsigned dom, unsigned bus, unsigned dev,
			  unsigned fn, const uint8_t *cfg, size_t len)
{
	size_t i;

	fprintf(f, "%04x:%02x:%02x.%u config\n", dom, bus, dev, fn);
	for (i = 0; i < len; i++) {
		if (i % 16 == 0)
			fprintf(f, "%s%0*zx:", i ? "\n" : "", i < 0x100 ? 2 : 3, i);
		fprintf(f, " %02x", cfg[i]);
	}
	fputs("\n\n", f);
}

/*
 * The sysfs tree as a dump. An entry whose name is not a PCI address, or
 * whose config cannot be read, is left out here; the environment loader,
 * which lists the same directory for the sysfs facts, reports it.
 */
static int dump_sysfs(struct vt_platform *p, FILE *f)
{
	struct vt_names n;
	size_t i;
	int rc = vt_list_dir(p, PATH_PCI_DEVICES, &n);

	if (rc)
		return rc;
	for (i = 0; i < n.n; i++) {
		unsigned dom, bus, dev, fn;
		struct vt_blob cfg;
		char rel[512];

		if (!parse_bdf(n.v[i], &dom, &bus, &dev, &fn))
			continue;
		snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/config", n.v[i]);
		if (vt_read_file(p, rel, VT_MAX_CONFIG, &cfg))
			continue;
		if (cfg.len)
			dump_function(f, dom, bus, dev, fn, cfg.data, cfg.len);
		vt_blob_free(&cfg);
	}
	vt_names_free(&n);
	return 0;
}

/* A file libpci can open by name that holds what we wrote: a memfd. */
static int open_dump_file(struct vt_platform *p, FILE **f)
{
	int fd = memfd_create("vtdcert-pci-dump", MFD_CLOEXEC);

	if (fd < 0) {
		char tmpl[] = "/tmp/vtdcert-pci-dump.XXXXXX";

		/* No memfd: an unlinked temporary, reached through /proc. */
		fd = mkstemp(tmpl);
		if (fd < 0)
			return vt_platform_fail(p, errno, "PCI dump: %s", strerror(errno));
		unlink(tmpl);
	}
	*f = fdopen(dup(fd), "w");
	if (!*f) {
		close(fd);
		return vt_platform_fail(p, errno, "PCI dump: %s", strerror(errno));
	}
	return fd;
}

/*
 * libpci's dump method, fed with the source's config files as read through
 * the platform: the reads stay beneath a snapshot's root, are bounded, and
 * are what a capture records. A source without a sysfs PCI tree may offer
 * another dump (a snapshot's lspci.txt). libpci itself never opens a path
 * of the source.
 */
static int feed_dump(struct vt_platform *p, struct pci_access *a)
{
	char name[64];
	FILE *f;
	int fd, rc;

	fd = open_dump_file(p, &f);
	if (fd < 0)
		return fd;
	rc = dump_sysfs(p, f);
	if ((rc == -ENOENT || rc == -ENODATA) && p->m->pci_fallback)
		rc = p->m->pci_fallback(p, f);
	if (fclose(f) && !rc)
		rc = vt_platform_fail(p, errno, "PCI dump: %s", strerror(errno));
	if (rc) {
		close(fd);
		return rc;
	}
	snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
	a->method = PCI_ACCESS_DUMP;
	pci_set_param(a, "dump.name", name);
	return fd;
}

/*
 * libpci's scan, from which a->error jumps back. Alone in its function: what
 * changes between setjmp and a longjmp must be volatile, and nothing else
 * may share the frame.
 */
static int scan(struct vt_platform *p, struct pci_access *a, struct pci_model *out)
{
	volatile size_t first = out->n;
	struct pci_dev *d;

	if (setjmp(pci_error_jump)) {
		out->n = first;
		return vt_platform_fail(p, EIO, "libpci: %s", pci_error_msg);
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
		if (!f)
			return vt_platform_fail(p, ENOMEM, "PCI model: out of memory");
		read_config(d, f);
	}
	return 0;
}

int vt_pci_scan(struct vt_platform *p, struct pci_model *out)
{
	struct pci_access *a = pci_alloc();
	int fd, rc;

	a->error = pci_error;
	a->warning = pci_quiet;
	a->debug = pci_quiet;
	fd = feed_dump(p, a);
	rc = fd < 0 ? fd : scan(p, a, out);
	pci_cleanup(a);
	if (fd >= 0)
		close(fd);
	return rc;
}
