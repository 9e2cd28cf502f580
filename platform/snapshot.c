// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The snapshot backend: a directory laid out like "/" (see `vtdcert
 * capture`), possibly from a stranger. Every path is resolved beneath the
 * root (resolve.c); the kernel log is dmesg.txt; registers are the values
 * capture read, in mmio.txt. PCI config space is the `config` file of
 * each sys/bus/pci/devices entry, or an `lspci -xxxx` file (lspci.txt)
 * when there is no sysfs tree (platform/pci.c reads either).
 *
 * What is not in a snapshot is -ENODATA (unknown), unless the manifest
 * says the captured machine did not have it (-ENOENT, as on a live system).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "manifest.h"
#include "platform.h"
#include "snapshot_layout.h"
#include "../util/text.h"
#include "../util/xalloc.h"

/* Registers capture read (mmio.txt), parsed once, sorted by address. */
struct mmio_table {
	bool loaded;
	int rc;                     /* why there is no table: the read's error */
	char why[512];
	struct mmio_reg {
		uint64_t addr, val;
	} *v;
	size_t n;
};

struct snapshot_priv {
	char *manifest_error;       /* why manifest.txt could not be read */
	struct mmio_table mmio;
};

static struct snapshot_priv *priv(struct vt_platform *p)
{
	return p->priv;
}

static void load_manifest(struct vt_platform *p)
{
	struct vt_blob b;
	char err[256];
	int rc = vt_read_file(p, SNAPSHOT_MANIFEST, VT_MAX_MANIFEST, &b);

	if (rc == -ENODATA || rc == -ENOENT)
		return;
	if (rc) {
		priv(p)->manifest_error = xstrdup(vt_platform_error(p));
		return;
	}
	if (vt_manifest_parse((const char *)b.data, b.len, &p->manifest, err, sizeof(err)))
		priv(p)->manifest_error = xasprintf("/%s: %s", SNAPSHOT_MANIFEST, err);
	vt_blob_free(&b);
}

static int snapshot_init(struct vt_platform *p)
{
	static const char *const markers[] = {
		"sys", "proc", SNAPSHOT_KERNEL_LOG, SNAPSHOT_LSPCI_DUMP, SNAPSHOT_MANIFEST,
	};
	size_t i;

	p->priv = xcalloc(1, sizeof(struct snapshot_priv));
	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
		if (vt_exists(p, markers[i]))
			break;
	if (i == sizeof(markers) / sizeof(markers[0]))
		return vt_platform_fail(p, ENOENT, "%s: not a snapshot (none of sys/, "
					"proc/, %s, %s, %s)", p->root, SNAPSHOT_KERNEL_LOG,
					SNAPSHOT_LSPCI_DUMP, SNAPSHOT_MANIFEST);
	load_manifest(p);
	return 0;
}

static void snapshot_cleanup(struct vt_platform *p)
{
	vt_manifest_free(p->manifest);
	p->manifest = NULL;
	if (!priv(p))
		return;
	free(priv(p)->manifest_error);
	free(priv(p)->mmio.v);
	free(p->priv);
	p->priv = NULL;
}

static int snapshot_missing(struct vt_platform *p, const char *rel)
{
	const struct vt_manifest *m = p->manifest;
	const struct vt_manifest_entry *e;

	while (*rel == '/')
		rel++;
	/* A manifest of another format may not list what we read now. */
	if (!m || m->format != VT_MANIFEST_FORMAT)
		return vt_platform_fail(p, ENODATA, "/%s: not in the snapshot", rel);
	e = vt_manifest_unreadable(m, rel);
	if (e)
		return vt_platform_fail(p, ENODATA, "/%s: capture could not read %s%s: %s",
					rel, strcmp(e->path, rel) ? "/" : "it",
					strcmp(e->path, rel) ? e->path : "", e->text);
	e = vt_manifest_find(m, rel);
	if (e && (e->kind == VT_MF_FILE || e->kind == VT_MF_LINK || e->kind == VT_MF_DIR))
		return vt_platform_fail(p, ENODATA, "/%s: in the manifest, but removed "
					"from the snapshot", rel);
	/* Said as the live system said it: a replay reads like the run. */
	return vt_platform_fail(p, ENOENT, "/%s: %s", rel, strerror(ENOENT));
}

static bool snapshot_empty_dir(struct vt_platform *p, const char *rel)
{
	const struct vt_manifest *m = p->manifest;

	return m && m->format == VT_MANIFEST_FORMAT && vt_manifest_empty_dir(m, rel);
}

static int snapshot_kernel_log(struct vt_platform *p, size_t max, struct vt_blob *out)
{
	return vt_read_file(p, SNAPSHOT_KERNEL_LOG, max, out);
}


static int cmp_mmio(const void *a, const void *b)
{
	const struct mmio_reg *x = a, *y = b;

	return (x->addr > y->addr) - (x->addr < y->addr);
}

/* A hex number ("0x" optional) in [*p, end), at most 16 digits; false when none. */
static bool hex_u64(const char **p, const char *end, uint64_t *v)
{
	const char *q = *p;
	unsigned digits = 0;

	if (end - q > 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'X'))
		q += 2;
	for (*v = 0; q < end && digits < 16 && text_is_hex(*q); q++, digits++)
		*v = *v << 4 | text_hex_value(*q);
	*p = q;
	return digits > 0;
}

/* "ADDRESS VALUE" per line; a line that is not one is passed over. Linear in the file. */
static void load_mmio(struct vt_platform *p, struct mmio_table *t)
{
	struct vt_blob b;
	const char *line, *end;
	size_t cap = 0;

	t->loaded = true;
	t->rc = vt_read_file(p, SNAPSHOT_MMIO, VT_MAX_PROC_TEXT, &b);
	if (t->rc) {
		snprintf(t->why, sizeof(t->why), "%s", vt_platform_error(p));
		return;
	}
	for (line = (const char *)b.data, end = line + b.len; line < end;) {
		const char *eol = memchr(line, '\n', (size_t)(end - line)), *q = line;
		uint64_t a, v;

		eol = eol ? eol : end;
		if (hex_u64(&q, eol, &a) && q < eol && *q++ == ' ' && hex_u64(&q, eol, &v) &&
		    (q == eol || *q == '\r')) {
			if (t->n == cap) {
				cap = cap ? 2 * cap : 64;
				t->v = xrealloc(t->v, cap * sizeof(*t->v));
			}
			t->v[t->n].addr = a;
			t->v[t->n++].val = v;
		}
		line = eol + 1;
	}
	vt_blob_free(&b);
	qsort(t->v, t->n, sizeof(*t->v), cmp_mmio);
}

/* A register is served only if capture read it: a snapshot never guesses. */
static int snapshot_mmio_read(struct vt_platform *p, uint64_t addr, unsigned width,
			      uint64_t *val)
{
	struct mmio_table *t = &priv(p)->mmio;
	struct mmio_reg key = { addr, 0 }, *r;

	if (!t->loaded)
		load_mmio(p, t);
	if (t->rc)
		return vt_platform_fail(p, -t->rc, "register 0x%" PRIx64 ": %s", addr, t->why);
	r = t->n ? bsearch(&key, t->v, t->n, sizeof(*t->v), cmp_mmio) : NULL;
	if (!r)
		return vt_platform_fail(p, ENODATA, "register 0x%" PRIx64 " was not captured",
					addr);
	/* A 32-bit register kept from a 64-bit read keeps only its own bytes. */
	*val = width == 4 ? r->val & 0xffffffffu : r->val;
	return 0;
}

const char *vt_snapshot_manifest_error(const struct vt_platform *p)
{
	return p->m == &vt_platform_snapshot && p->priv ?
	       ((const struct snapshot_priv *)p->priv)->manifest_error : NULL;
}

const struct vt_platform_methods vt_platform_snapshot = {
	.name = "snapshot",
	.init = snapshot_init,
	.cleanup = snapshot_cleanup,
	.open = vt_open_beneath,
	.missing = snapshot_missing,
	.empty_dir = snapshot_empty_dir,
	.kernel_log = snapshot_kernel_log,
	.mmio_read = snapshot_mmio_read,
	.pci_dump = SNAPSHOT_LSPCI_DUMP,
};
