// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pci.h"
#include "pci_dump.h"
#include "snapshot_layout.h"
#include "../ref/pci_regs.h"

/* "0000:00:1f.3" into its parts; false for anything else. */
static bool parse_bdf(const char *s, unsigned *dom, unsigned *bus, unsigned *dev,
		      unsigned *fn)
{
	char tail;

	return strlen(s) == 12 &&
	       sscanf(s, "%4x:%2x:%2x.%1u%c", dom, bus, dev, fn, &tail) == 4 &&
	       *dev < 32 && *fn < 8;
}

/*
 * The bytes of one function's config file, as libpci's sysfs method reads
 * them: the extended space where the kernel gives it, 256 bytes for
 * conventional PCI, the 64-byte header for a reader without root.
 */
static void keep_config(struct pci_fn *f, const struct vt_blob *cfg)
{
	memset(f->cfg, 0xff, sizeof(f->cfg));
	f->cfg_len = (uint16_t)pci_dump_readable(cfg->len);
	memcpy(f->cfg, cfg->data, f->cfg_len);
	if (f->cfg_len < PCI_CFG_HEADER_SIZE)
		snprintf(f->cfg_why, sizeof(f->cfg_why), "its config file gives %zu bytes, "
			 "less than the configuration header", cfg->len);
	else if (f->cfg_len == PCI_CFG_HEADER_SIZE)
		snprintf(f->cfg_why, sizeof(f->cfg_why), "only the 64-byte header is "
			 "readable (not root?): capabilities unknown");
}

/*
 * Each sys/bus/pci/devices entry's config file. An entry whose name is not
 * a PCI address, or whose config cannot be read, is left out here; the
 * environment loader, which lists the same directory for the sysfs facts,
 * reports it.
 */
static int scan_sysfs(struct vt_platform *p, struct pci_model *out)
{
	struct vt_names n;
	size_t i;
	int rc = vt_list_dir(p, PATH_PCI_DEVICES, &n);

	if (rc)
		return rc;
	for (i = 0; !rc && i < n.n; i++) {
		unsigned dom, bus, dev, fn;
		struct vt_blob cfg;
		char rel[512];
		struct pci_fn *f;

		/* Domains above 0xffff (Intel VMD's) do not parse: no segment names them. */
		if (!parse_bdf(n.v[i], &dom, &bus, &dev, &fn))
			continue;
		snprintf(rel, sizeof(rel), PATH_PCI_DEVICES "/%s/config", n.v[i]);
		if (vt_read_file(p, rel, VT_MAX_CONFIG, &cfg))
			continue;
		f = pci_model_add(out, (uint16_t)dom, (uint8_t)bus, (uint8_t)dev, (uint8_t)fn);
		if (f)
			keep_config(f, &cfg);
		else
			rc = vt_platform_fail(p, ENOMEM, "PCI model: out of memory");
		vt_blob_free(&cfg);
	}
	vt_names_free(&n);
	return rc;
}

/* No sysfs tree: the source's own `lspci -xxxx` dump, if it has one. */
static int scan_dump(struct vt_platform *p, struct pci_model *out)
{
	const char *path = p->m->pci_dump;
	struct vt_blob b;
	char why[512], err[256];
	int rc;

	snprintf(why, sizeof(why), "%s", vt_platform_error(p));
	rc = vt_read_file(p, path, VT_MAX_LSPCI_DUMP, &b);
	if (rc == -ENOENT || rc == -ENODATA)
		return vt_platform_fail(p, -rc, "%s; no /%s either", why, path);
	if (rc)
		return rc;
	if (pci_dump_parse((const char *)b.data, b.len, out, err, sizeof(err)))
		rc = vt_platform_fail(p, EINVAL, "/%s: %s", path, err);
	vt_blob_free(&b);
	return rc;
}

int vt_pci_scan(struct vt_platform *p, struct pci_model *out)
{
	size_t first = out->n;
	int rc = scan_sysfs(p, out);

	if ((rc == -ENOENT || rc == -ENODATA) && p->m->pci_dump)
		rc = scan_dump(p, out);
	if (rc)
		out->n = first;
	return rc;
}
