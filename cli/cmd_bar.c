// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vtdcert bar [--root DIR] [--hazards FILE] [--json OUT]: every function's
 * BARs and the hazards they carry for assignment to a guest (the bar
 * suite's view, suites/bar/bar_view.h).
 *
 *   table (stdout)  per BAR: function, [vendor:device], index, type, size,
 *                   start, flags; under each function its hazards
 *   --json OUT      {"functions": [{"bdf", "ids", "class", "assignable",
 *                    "bars": [{"index", "type", "size", "start",
 *                    "prefetchable", "is64", "resizable"}], "msix",
 *                    "hazards": [{"id", "status", "bar", "message",
 *                    "evidence"}]}], "hazard_entries"}; size null when the
 *                   source did not size it, start only when known
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../results/json.h"
#include "../suites/bar/bar_view.h"
#include "../util/text.h"
#include "../util/xalloc.h"

#define SIZE_TEXT 16

enum { OPT_HAZARDS = OPT_FIRST_OWN };

static const struct option long_opts[] = {
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "hazards", required_argument, NULL, OPT_HAZARDS },
	{ NULL, 0, NULL, 0 },
};

#define USAGE "usage: vtdcert bar [--root DIR] [--hazards FILE] [--json OUT]"

/* ---- the table ---- */

#define ROW "%-12s %-11s %-4s %-7s %-9s %-18s %s\n"

static void bar_flags(const struct pci_bar *b, const struct bar_fn *bf, char *buf,
		      size_t size)
{
	int r = bar_rebar_entry(bf, b->index);

	snprintf(buf, size, "%s%s%s", b->type != PCI_BAR_MEM ? "" : b->is64 ? "64-bit" : "32-bit",
		 b->prefetchable ? ", prefetchable" : "", r >= 0 ? ", resizable" : "");
}

static void table_fn(FILE *f, const struct bar_view *v, size_t i)
{
	const struct pci_fn *fn = &v->m->fns[i];
	const struct bar_fn *bf = &v->fns[i];
	char bdf[16], ids[16], idx[8], size[SIZE_TEXT], start[24], flags[48];
	unsigned k;
	size_t j;

	pci_fn_name(fn, bdf, sizeof(bdf));
	snprintf(ids, sizeof(ids), "[%04x:%04x]", fn->vendor, fn->device);
	if (!bf->bars.n)
		fprintf(f, ROW, bdf, ids, "-", "-", "-", "-", bf->assignable ? "no BARs" :
			"not assignable (not a type 0 header)");
	for (k = 0; k < bf->bars.n; k++) {
		const struct pci_bar *b = &bf->bars.b[k];

		snprintf(idx, sizeof(idx), b->type == PCI_BAR_ROM ? "rom" : "%u", b->index);
		if (b->size_known)
			bar_size_text(b->size, size, sizeof(size));
		else
			snprintf(size, sizeof(size), "?");
		if (b->start_known)
			snprintf(start, sizeof(start), "0x%llx", (unsigned long long)b->start);
		else
			snprintf(start, sizeof(start), "-");
		bar_flags(b, bf, flags, sizeof(flags));
		fprintf(f, ROW, k ? "" : bdf, k ? "" : ids, idx, pci_bar_type_name(b->type),
			size, start, flags);
	}
	if (bf->has_msix && bf->assignable)
		fprintf(f, "    MSI-X: %u entries, table BAR%u + 0x%x, PBA BAR%u + 0x%x\n",
			bf->msix.table_size, bf->msix.table_bir, bf->msix.table_offset,
			bf->msix.pba_bir, bf->msix.pba_offset);
	for (j = 0; j < bf->nf; j++) {
		char *clean = text_printable(bf->f[j].message, false);

		fprintf(f, "    %s %s: %s\n", vt_status_name(bf->f[j].status),
			bar_kind_id(bf->f[j].kind), clean);
		free(clean);
	}
}

static int write_table(void *arg, FILE *f, bool colour)
{
	const struct bar_view *v = arg;
	size_t i;

	(void)colour;
	fprintf(f, ROW, "device", "ids", "bar", "type", "size", "start", "flags");
	for (i = 0; i < v->m->n; i++)
		table_fn(f, v, i);
	if (v->unsized)
		fprintf(f, "note: %zu functions have no BAR sizes (the source has no sysfs "
			"resource file): their size checks are not made\n", v->unsized);
	return ferror(f) ? -1 : 0;
}

/* ---- JSON ---- */

static void json_rebar(struct json *j, const struct bar_fn *bf, unsigned index)
{
	int r = bar_rebar_entry(bf, index);
	unsigned bit;

	if (r < 0)
		return;
	json_key(j, "resizable");
	json_begin_object(j);
	json_key(j, "sizes");
	json_begin_array(j);
	for (bit = 0; bit < 32; bit++)
		if (bf->rebar.e[r].sizes & (1u << bit))
			json_uint(j, bar_rebar_size(bit));
	json_end_array(j);
	json_kv_uint(j, "current", bar_rebar_size(bf->rebar.e[r].current));
	json_end_object(j);
}

static void json_bars(struct json *j, const struct bar_fn *bf)
{
	unsigned k;

	json_key(j, "bars");
	json_begin_array(j);
	for (k = 0; k < bf->bars.n; k++) {
		const struct pci_bar *b = &bf->bars.b[k];

		json_begin_object(j);
		json_kv_uint(j, "index", b->index);
		json_kv_string(j, "type", pci_bar_type_name(b->type));
		json_key(j, "size");
		if (b->size_known)
			json_uint(j, b->size);
		else
			json_null(j);
		if (b->start_known)
			json_kv_uint(j, "start", b->start);
		json_kv_bool(j, "prefetchable", b->prefetchable);
		json_kv_bool(j, "is64", b->is64);
		json_rebar(j, bf, b->index);
		json_end_object(j);
	}
	json_end_array(j);
}

static void json_msix(struct json *j, const struct bar_fn *bf)
{
	json_key(j, "msix");
	if (!bf->has_msix) {
		json_null(j);
		return;
	}
	json_begin_object(j);
	json_kv_uint(j, "entries", bf->msix.table_size);
	json_kv_uint(j, "table_bir", bf->msix.table_bir);
	json_kv_uint(j, "table_offset", bf->msix.table_offset);
	json_kv_uint(j, "pba_bir", bf->msix.pba_bir);
	json_kv_uint(j, "pba_offset", bf->msix.pba_offset);
	json_end_object(j);
}

static void json_hazards(struct json *j, const struct bar_fn *bf)
{
	size_t k;

	json_key(j, "hazards");
	json_begin_array(j);
	for (k = 0; k < bf->nf; k++) {
		const struct bar_finding *h = &bf->f[k];

		json_begin_object(j);
		json_kv_string(j, "id", bar_kind_id(h->kind));
		json_kv_string(j, "status", vt_status_name(h->status));
		json_key(j, "bar");
		if (h->bar >= 0)
			json_uint(j, (uint64_t)h->bar);
		else
			json_null(j);
		json_kv_string(j, "message", h->message);
		json_key(j, "evidence");
		vt_value_write(j, h->ev);
		json_end_object(j);
	}
	json_end_array(j);
}

/* How write_json's documents start: --json replaces only a file that does. */
#define BAR_JSON_STARTS "{\n  \"functions\": ["

static int write_json(void *arg, FILE *f, bool colour)
{
	const struct bar_view *v = arg;
	struct json *j = xmalloc(sizeof(*j));
	char bdf[16], text[16];
	size_t i;
	int rc;

	(void)colour;
	json_init(j, f);
	json_begin_object(j);
	json_key(j, "functions");
	json_begin_array(j);
	for (i = 0; i < v->m->n; i++) {
		const struct pci_fn *fn = &v->m->fns[i];
		const struct bar_fn *bf = &v->fns[i];

		json_begin_object(j);
		json_kv_string(j, "bdf", pci_fn_name(fn, bdf, sizeof(bdf)));
		snprintf(text, sizeof(text), "%04x:%04x", fn->vendor, fn->device);
		json_kv_string(j, "ids", text);
		snprintf(text, sizeof(text), "%06x", fn->class_code);
		json_kv_string(j, "class", text);
		json_kv_bool(j, "assignable", bf->assignable);
		json_kv_bool(j, "sizes_known", bf->bars.sizes_known);
		json_bars(j, bf);
		json_msix(j, bf);
		json_hazards(j, bf);
		json_end_object(j);
	}
	json_end_array(j);
	json_kv_uint(j, "hazard_entries", v->db.n);
	json_end_object(j);
	rc = json_flush(j) || ferror(f) ? -1 : 0;
	free(j);
	return rc;
}

int cmd_bar(int argc, char **argv)
{
	const char *root = NULL, *json = NULL, *hazards = NULL;
	struct bar_hazards extra;
	struct vt_platform *p;
	struct bar_view v;
	struct vt_env env;
	char err[512];
	int c, rc = EXIT_CLEAN;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (c == OPT_ROOT)
			root = optarg;
		else if (c == OPT_JSON)
			json = optarg;
		else if (c == OPT_HAZARDS)
			hazards = optarg;
		else
			return usage_error("bar", USAGE);
	}
	if (optind != argc)
		return usage_error("bar", USAGE);
	bar_hazards_init(&extra);
	if (hazards && load_hazards("bar", hazards, &extra)) {
		bar_hazards_free(&extra);
		return EXIT_USAGE;
	}
	rc = open_pci_env("bar", root, &p, &env);
	if (rc) {
		bar_hazards_free(&extra);
		return rc;
	}
	if (bar_view_build(&v, &env.pci, &extra, err, sizeof(err))) {
		fprintf(stderr, "vtdcert bar: %s\n", err);
		rc = EXIT_USAGE;
	} else {
		rc = write_view(json, "BAR JSON", BAR_JSON_STARTS, write_json, write_table, &v);
		bar_view_free(&v);
	}
	bar_hazards_free(&extra);
	close_env(p, &env);
	return rc;
}
