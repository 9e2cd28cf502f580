// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vtdcert msi [--root DIR] [--json OUT]: every function's interrupts (the
 * msi suite's view, suites/msi/msi_view.h).
 *
 *   table (stdout)  per function: BDF, [vendor:device], MSI, MSI-X, INTx pin, IRQ
 *   --json OUT      {"functions": [{"bdf", "msi": {"vectors", "is64",
 *                    "masking"} | null, "msix": {"table_bar",
 *                    "table_offset", "pba_bar", "pba_offset", "size"} |
 *                    null, "intx_pin", "irq"}]}; irq null when the source
 *                   has no sysfs irq (an lspci dump)
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../results/json.h"
#include "../suites/msi/msi_view.h"
#include "../util/xalloc.h"

static const struct option long_opts[] = {
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "json", required_argument, NULL, OPT_JSON },
	{ NULL, 0, NULL, 0 },
};

#define USAGE "usage: vtdcert msi [--root DIR] [--json OUT]"

/* ---- the table ---- */

#define ROW "%-12s %-11s %-22s %-30s %-5s %s\n"

static void msi_text(const struct msi_fn *mf, char *buf, size_t size)
{
	if (!mf->has_msi)
		snprintf(buf, size, "-");
	else if (!mf->msi_read)
		snprintf(buf, size, "? (not read)");
	else
		snprintf(buf, size, "%u vec%s%s%s", mf->msi.vectors_capable,
			 mf->msi.is_64bit ? ", 64-bit" : "",
			 mf->msi.per_vector_mask ? ", mask" : "",
			 mf->msi.enabled ? ", on" : "");
}

static void msix_text(const struct msi_fn *mf, char *buf, size_t size)
{
	if (!mf->has_msix)
		snprintf(buf, size, "-");
	else if (!mf->msix_read)
		snprintf(buf, size, "? (not read)");
	else
		snprintf(buf, size, "%u: BAR%u+0x%x, PBA BAR%u+0x%x%s", mf->msix.table_size,
			 mf->msix.table_bir, mf->msix.table_offset, mf->msix.pba_bir,
			 mf->msix.pba_offset, mf->msix.enabled ? ", on" : "");
}

static int write_table(void *arg, FILE *f, bool colour)
{
	const struct msi_view *v = arg;
	char bdf[16], ids[16], msi[48], msix[64], pin[8], irq[16];
	size_t i;

	(void)colour;
	fprintf(f, ROW, "device", "ids", "msi", "msi-x", "intx", "irq");
	for (i = 0; i < v->m->n; i++) {
		const struct pci_fn *fn = &v->m->fns[i];
		const struct msi_fn *mf = &v->fns[i];

		pci_fn_name(fn, bdf, sizeof(bdf));
		snprintf(ids, sizeof(ids), "[%04x:%04x]", fn->vendor, fn->device);
		msi_text(mf, msi, sizeof(msi));
		msix_text(mf, msix, sizeof(msix));
		if (mf->pin >= 1 && mf->pin <= 4)
			snprintf(pin, sizeof(pin), "INT%c", 'A' + mf->pin - 1);
		else
			snprintf(pin, sizeof(pin), mf->pin ? "%u?" : "-", mf->pin);
		if (fn->sys.irq_known)
			snprintf(irq, sizeof(irq), "%u", fn->sys.irq);
		else
			snprintf(irq, sizeof(irq), "?");
		fprintf(f, ROW, bdf, ids, msi, msix, pin, irq);
	}
	if (v->intx_unknown)
		fprintf(f, "note: no sysfs irq for %zu functions with INTx (an lspci dump has "
			"none): msi.intx-shared does not judge them\n", v->intx_unknown);
	return ferror(f) ? -1 : 0;
}

/* ---- JSON ---- */

static void json_fn(struct json *j, const struct pci_fn *fn, const struct msi_fn *mf)
{
	char bdf[16];

	json_begin_object(j);
	json_kv_string(j, "bdf", pci_fn_name(fn, bdf, sizeof(bdf)));
	json_key(j, "msi");
	if (mf->has_msi && mf->msi_read) {
		json_begin_object(j);
		json_kv_uint(j, "vectors", mf->msi.vectors_capable);
		json_kv_bool(j, "is64", mf->msi.is_64bit);
		json_kv_bool(j, "masking", mf->msi.per_vector_mask);
		json_end_object(j);
	} else {
		json_null(j);
	}
	json_key(j, "msix");
	if (mf->has_msix && mf->msix_read) {
		json_begin_object(j);
		json_kv_uint(j, "table_bar", mf->msix.table_bir);
		json_kv_uint(j, "table_offset", mf->msix.table_offset);
		json_kv_uint(j, "pba_bar", mf->msix.pba_bir);
		json_kv_uint(j, "pba_offset", mf->msix.pba_offset);
		json_kv_uint(j, "size", mf->msix.table_size);
		json_end_object(j);
	} else {
		json_null(j);
	}
	json_kv_uint(j, "intx_pin", mf->pin);
	json_key(j, "irq");
	if (fn->sys.irq_known)
		json_uint(j, fn->sys.irq);
	else
		json_null(j);
	json_end_object(j);
}

/* How write_json's documents start: --json replaces only a file that does. */
#define MSI_JSON_STARTS "{\n  \"functions\": ["

static int write_json(void *arg, FILE *f, bool colour)
{
	const struct msi_view *v = arg;
	struct json *j = xmalloc(sizeof(*j));
	size_t i;
	int rc;

	(void)colour;
	json_init(j, f);
	json_begin_object(j);
	json_key(j, "functions");
	json_begin_array(j);
	for (i = 0; i < v->m->n; i++)
		json_fn(j, &v->m->fns[i], &v->fns[i]);
	json_end_array(j);
	json_end_object(j);
	rc = json_flush(j) || ferror(f) ? -1 : 0;
	free(j);
	return rc;
}

int cmd_msi(int argc, char **argv)
{
	const char *root = NULL, *json = NULL;
	struct vt_platform *p;
	struct msi_view v;
	struct vt_env env;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (c == OPT_ROOT)
			root = optarg;
		else if (c == OPT_JSON)
			json = optarg;
		else
			return usage_error("msi", USAGE);
	}
	if (optind != argc)
		return usage_error("msi", USAGE);
	rc = open_pci_env("msi", root, &p, &env);
	if (rc)
		return rc;
	msi_view_build(&v, &env, false);
	rc = write_view(json, "MSI JSON", MSI_JSON_STARTS, write_json, write_table, &v);
	msi_view_free(&v);
	close_env(p, &env);
	return rc;
}
