// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Capture: run the environment's loaders over a recording platform and
 * keep what they read. Every file, link and listing a loader reads from
 * the source goes into the new snapshot, every one it could not read into
 * the manifest with why, the kernel log into dmesg.txt and the registers
 * into mmio.txt: the list of captured paths is the list of read ones, so a
 * replay (`run --root`) reads exactly what the run did.
 *
 * The loaders live above this layer; the caller hands them in as @load.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "snapshot_layout.h"
#include "snapshot_writer.h"
#include "../util/strset.h"
#include "../util/xalloc.h"

struct reg_value {
	uint64_t addr, val;
};

struct cap {
	struct vt_platform *src;
	struct snap_writer w;
	struct strset seen;         /* paths recorded, files or notes */
	struct reg_value *regs;     /* registers read, in order */
	size_t nregs;
	char mmio_why[512];         /* the last register that could not be read */
};

/* A name that the manifest's line format can carry. */
static bool sane_name(const char *s)
{
	return !strpbrk(s, "\t\n\r");
}

/* Record @rel once: later reads of the same path (two loaders) add nothing. */
static bool first_time(struct cap *c, const char *rel)
{
	return sane_name(rel) && strset_add(&c->seen, rel);
}

static void on_file(void *arg, const char *rel, const struct vt_blob *b)
{
	struct cap *c = arg;

	if (first_time(c, rel))
		snap_write_file(&c->w, rel, b->data, b->len);
}

static void on_dir(void *arg, const char *rel)
{
	struct cap *c = arg;

	/* An empty directory says "none" (no IOMMU group), unlike a missing one. */
	if (first_time(c, rel))
		snap_write_dir(&c->w, rel);
}

static void on_link(void *arg, const char *rel, const char *target)
{
	struct cap *c = arg;

	if (!first_time(c, rel))
		return;
	if (!sane_name(target)) {
		snap_note(&c->w, VT_MF_UNREADABLE, rel, "link target holds a tab or newline");
		return;
	}
	/* Kept as is: readers want the last component (driver, group number). */
	snap_write_link(&c->w, rel, target);
}

static void on_kernel_log(void *arg, const struct vt_blob *b)
{
	struct cap *c = arg;

	if (first_time(c, SNAPSHOT_KERNEL_LOG))
		snap_write_file(&c->w, SNAPSHOT_KERNEL_LOG, b->data, b->len);
}

static void on_mmio(void *arg, uint64_t addr, uint64_t val)
{
	struct cap *c = arg;

	c->regs = xgrow(c->regs, c->nregs, sizeof(*c->regs));
	c->regs[c->nregs].addr = addr;
	c->regs[c->nregs++].val = val;
}

/*
 * Why @rel could not be read: absent on the source, or unreadable. The
 * manifest line names the path already: keep only the reason.
 */
static void note(struct cap *c, const char *rel, int rc, const char *why)
{
	size_t n = strlen(rel);
	/* Per-device and DMI attributes are many and often absent: counted only. */
	bool quiet = !strncmp(rel, PATH_PCI_DEVICES "/", strlen(PATH_PCI_DEVICES "/")) ||
		     !strncmp(rel, PATH_DMI "/", strlen(PATH_DMI "/"));

	if (!first_time(c, rel))
		return;
	snap_note(&c->w, rc == -ENOENT ? VT_MF_ABSENT : VT_MF_UNREADABLE, rel,
		  why[0] == '/' && !strncmp(why + 1, rel, n) && !strncmp(why + 1 + n, ": ", 2) ?
		  why + n + 3 : why);
	if (!quiet)
		fprintf(stderr, "vtdcert capture: %s: %s\n",
			rc == -ENOENT ? "absent" : "unreadable", why);
}

static void on_failed(void *arg, const char *rel, uint64_t addr, int rc, const char *why)
{
	struct cap *c = arg;

	if (rel)
		note(c, rel, rc, why);
	else if (!addr)         /* the kernel log */
		note(c, SNAPSHOT_KERNEL_LOG, rc, why);
	else
		snprintf(c->mmio_why, sizeof(c->mmio_why), "%s", why);
}

static int cmp_reg(const void *a, const void *b)
{
	const struct reg_value *x = a, *y = b;

	return (x->addr > y->addr) - (x->addr < y->addr);
}

/* mmio.txt: "ADDRESS VALUE" per register read, in address order, once each. */
static void write_registers(struct cap *c)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *f;

	if (!c->nregs) {
		if (c->mmio_why[0])
			snap_note(&c->w, VT_MF_UNREADABLE, SNAPSHOT_MMIO, c->mmio_why);
		return;
	}
	qsort(c->regs, c->nregs, sizeof(*c->regs), cmp_reg);
	f = open_memstream(&text, &len);
	if (!f)
		return;
	for (i = 0; i < c->nregs; i++)
		if (!i || c->regs[i].addr != c->regs[i - 1].addr)
			fprintf(f, "0x%llx 0x%llx\n", (unsigned long long)c->regs[i].addr,
				(unsigned long long)c->regs[i].val);
	if (!fclose(f))
		snap_write_file(&c->w, SNAPSHOT_MMIO, text, len);
	free(text);
}

int vt_capture(struct vt_platform *src, const char *dir, bool force,
	       const struct capture_loader *load, struct capture_stats *st)
{
	struct cap c = { .src = src };
	const struct vt_recorder rec = {
		.arg = &c, .file = on_file, .dir = on_dir, .link = on_link,
		.kernel_log = on_kernel_log, .mmio = on_mmio, .failed = on_failed,
	};
	char err[512], *source;
	int rc;

	memset(st, 0, sizeof(*st));
	if (snap_writer_open(&c.w, dir, force, err, sizeof(err))) {
		fprintf(stderr, "vtdcert capture: %s\n", err);
		return -1;
	}
	vt_platform_record(src, &rec);
	st->required_failed = load->run(load->arg, src);
	vt_platform_record(src, NULL);
	write_registers(&c);
	source = xasprintf("%s %s", src->m->name, src->root);
	st->files = c.w.files;
	st->links = c.w.links;
	st->absent = c.w.absent;
	st->unreadable = c.w.unreadable;
	st->write_errors = c.w.write_errors;
	st->manifest = c.w.manifest.n + 1;
	if (st->required_failed || st->write_errors) {
		/* The previous snapshot, if any, stays whole. */
		snap_writer_abort(&c.w);
		if (st->write_errors)
			fprintf(stderr, "vtdcert capture: %zu files could not be written: "
				"nothing kept, %s left as it was\n", st->write_errors, dir);
		rc = -1;
	} else {
		rc = snap_writer_close(&c.w, source);
	}
	free(source);
	free(c.regs);
	strset_free(&c.seen);
	return rc;
}
