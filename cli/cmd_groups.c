// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vtdcert groups [--root DIR] [--json OUT] [--dot OUT]: which devices can
 * be assigned alone, and which only together and why, as the reference
 * predicts from the hardware; beside the kernel's groups.
 *
 *   table (stdout)  per device: predicted group, the kernel's group, BDF,
 *                   [vendor:device] (what vfio-pci ids= takes), driver,
 *                   reset method, slot, verdict, name (pci.ids, whole);
 *                   under each group, why it holds more than one device
 *   --json OUT      {"groups": [{"id", "devices", "verdict", "causes"}],
 *                    "observed": [{"id", "devices"}], "kernel", "iommu_on",
 *                    "predicted_for_on", "acs_assumed", "note"}; id is the
 *                    kernel's number for the same set of devices, else null
 *   --dot OUT       Graphviz: the PCI tree, groups as clusters, causes on edges
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../platform/pci_names.h"
#include "../results/json.h"
#include "../suites/groups/groups_view.h"
#include "../util/text.h"
#include "../util/xalloc.h"

#define MAX_CAUSES 16

enum { OPT_DOT = OPT_FIRST_OWN };

static const struct option long_opts[] = {
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "dot", required_argument, NULL, OPT_DOT },
	{ NULL, 0, NULL, 0 },
};

#define USAGE "usage: vtdcert groups [--root DIR] [--json OUT] [--dot OUT]"

struct out {
	struct vt_env *env;
	const struct groups_view *v;
};

static const char *driver_of(const struct pci_fn *f)
{
	return f->sys.driver_known ? (f->sys.driver[0] ? f->sys.driver : "-") : "?";
}

/* ---- the table ---- */

#define ROW "%-6s %-7s %-12s %-11s %-14s %-7s %-8s %-15s %s\n"

/* The kernel's group of function @i, as its number, or "-". */
static const char *kernel_group(const struct out *o, long i, char *buf, size_t size)
{
	long k = o->v->observed[i];

	snprintf(buf, size, k >= 0 ? "%ld" : "-", k >= 0 ? o->env->groups[k].id : 0);
	return buf;
}

/* One device line: names last and whole, so nothing is cut short. */
static void device_row(FILE *f, const struct out *o, const char *group, long i,
		       const char *verdict)
{
	const struct pci_fn *fn = &o->v->m->fns[i];
	char name[256], bdf[16], ids[16], kid[24], reset[64], *clean, *p;

	snprintf(ids, sizeof(ids), "[%04x:%04x]", fn->vendor, fn->device);
	/* sysfs lists the methods with spaces: one column, comma-separated. */
	snprintf(reset, sizeof(reset), "%s", fn->sys.reset_method[0] ? fn->sys.reset_method : "-");
	for (p = reset; *p; p++)
		*p = *p == ' ' ? ',' : *p;
	clean = text_printable(vt_pci_name(fn->vendor, fn->device, name, sizeof(name)), false);
	fprintf(f, ROW, group, kernel_group(o, i, kid, sizeof(kid)),
		pci_fn_name(fn, bdf, sizeof(bdf)), ids, driver_of(fn),
		reset, fn->sys.slot[0] ? fn->sys.slot : "-", verdict, clean);
	free(clean);
}

static int write_table(void *arg, FILE *f, bool colour)
{
	const struct out *o = arg;
	const struct groups_view *v = o->v;
	char gname[24], *causes[MAX_CAUSES];
	size_t gid, i, k, n, nc;

	(void)colour;
	fprintf(f, ROW, "group", "kernel", "device", "ids", "driver", "reset", "slot",
		"verdict", "name");
	for (gid = 0; gid < v->g.ngroups; gid++) {
		const long *members = groups_members(v, (long)gid, &n);

		snprintf(gname, sizeof(gname), "%zu", gid);
		for (i = 0; i < n; i++)
			device_row(f, o, gname, members[i], groups_verdict(v, members[i]));
		nc = groups_causes(v, members, n, causes, MAX_CAUSES);
		for (k = 0; k < nc; k++) {
			char *clean = text_printable(causes[k], false);

			fprintf(f, "       why: %s\n", clean);
			free(clean);
			free(causes[k]);
		}
	}
	for (i = 0; i < v->m->n; i++)
		if (v->g.fn[i].group < 0)
			device_row(f, o, "-", (long)i, "not translated");
	if (v->nassumed || v->note[0])
		fprintf(f, "note: %s\n", v->note);
	return ferror(f) ? -1 : 0;
}

/* ---- JSON ---- */

static void json_devices_key(struct json *j, const char *key, const struct groups_view *v,
			     const long *fns, size_t n)
{
	char bdf[16];
	size_t i;

	json_key(j, key);
	json_begin_array(j);
	for (i = 0; i < n; i++)
		json_string(j, pci_fn_name(&v->m->fns[fns[i]], bdf, sizeof(bdf)));
	json_end_array(j);
}

/* How write_json's documents start: --json replaces only a file that does. */
#define GROUPS_JSON_STARTS "{\n  \"groups\": ["

static int write_json(void *arg, FILE *f, bool colour)
{
	const struct out *o = arg;
	const struct groups_view *v = o->v;
	char *causes[MAX_CAUSES];
	struct json *j = xmalloc(sizeof(*j));
	size_t gid, n, nc, k, i;
	int rc;

	(void)colour;
	json_init(j, f);
	json_begin_object(j);
	json_key(j, "groups");
	json_begin_array(j);
	for (gid = 0; gid < v->g.ngroups; gid++) {
		long kid = groups_kernel_id(v, (long)gid);
		const long *members = groups_members(v, (long)gid, &n);

		json_begin_object(j);
		json_key(j, "id");
		if (kid >= 0)
			json_uint(j, (uint64_t)kid);
		else
			json_null(j);
		json_devices_key(j, "devices", v, members, n);
		json_kv_string(j, "verdict", groups_group_verdict(v, (long)gid));
		json_key(j, "causes");
		json_begin_array(j);
		nc = groups_causes(v, members, n, causes, MAX_CAUSES);
		for (k = 0; k < nc; k++) {
			json_string(j, causes[k]);
			free(causes[k]);
		}
		json_end_array(j);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "observed");
	json_begin_array(j);
	for (i = 0; v->have_observed && i < o->env->ngroups; i++) {
		long kid = o->env->groups[i].id;

		json_begin_object(j);
		json_kv_uint(j, "id", (uint64_t)kid);
		/* As the kernel lists them: non-PCI devices too. */
		json_key(j, "devices");
		json_begin_array(j);
		for (k = 0; k < o->env->groups[i].devices.n; k++)
			json_string(j, o->env->groups[i].devices.v[k]);
		json_end_array(j);
		json_end_object(j);
	}
	json_end_array(j);
	json_kv_string(j, "kernel", v->kernel[0] ? v->kernel : NULL);
	json_kv_bool(j, "iommu_on", v->iommu_on);
	/* Predicted for the IOMMU on though the source does not show it: the ports assumed. */
	json_kv_bool(j, "predicted_for_on", v->predicted_for_on);
	json_devices_key(j, "acs_assumed", v, v->assumed, v->nassumed);
	json_kv_string(j, "note", v->note[0] ? v->note : NULL);
	json_end_object(j);
	rc = json_flush(j) || ferror(f) ? -1 : 0;
	free(j);
	return rc;
}

/* ---- Graphviz ---- */

/*
 * A DOT string literal: quotes and backslashes escaped, nothing
 * unprintable; a newline becomes DOT's own line break.
 */
static void dot_string(FILE *f, const char *s)
{
	char *clean = text_printable(s, true);
	const char *p;

	fputc('"', f);
	for (p = clean; *p; p++) {
		if (*p == '\n') {
			fputs("\\n", f);
			continue;
		}
		if (*p == '"' || *p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
	fputc('"', f);
	free(clean);
}

/* The cause a function gives its parent edge, or NULL. */
static char *edge_label(const struct groups_view *v, long i)
{
	const struct group_fn *g = &v->g.fn[i];
	unsigned c;

	for (c = 0; c < g->ncauses; c++)
		if (g->causes[c].who == v->m->fns[i].parent ||
		    g->causes[c].kind == CAUSE_BRIDGE_ALIAS ||
		    g->causes[c].kind == CAUSE_CONVENTIONAL_BRIDGE) {
			if (g->causes[c].kind == CAUSE_NO_ACS)
				return xstrdup("no ACS");
			if (g->causes[c].kind == CAUSE_BRIDGE_ALIAS ||
			    g->causes[c].kind == CAUSE_CONVENTIONAL_BRIDGE)
				return xstrdup("bridge owns requester ID");
		}
	return NULL;
}

/* How write_dot's documents start (it prints this): --dot replaces only a file that does. */
#define GROUPS_DOT_STARTS "digraph iommu_groups {\n"

static int write_dot(void *arg, FILE *f, bool colour)
{
	const struct out *o = arg;
	const struct groups_view *v = o->v;
	char bdf[16], name[128], *label, *causes[MAX_CAUSES];
	size_t gid, i, n, nc, k, bridges;
	enum groups_verdict verdict;

	(void)colour;
	fputs(GROUPS_DOT_STARTS, f);
	fprintf(f, "\trankdir=LR;\n\tnode [shape=box, fontsize=10];\n");
	for (gid = 0; gid < v->g.ngroups; gid++) {
		long kid = groups_kernel_id(v, (long)gid);
		const long *members = groups_members(v, (long)gid, &n);

		nc = groups_causes(v, members, n, causes, MAX_CAUSES);
		verdict = groups_judge(v, members, n, &bridges);
		fprintf(f, "\tsubgraph cluster_%zu {\n\t\tlabel=", gid);
		if (kid >= 0)
			label = xasprintf("group %zu, kernel %ld (%s)", gid, kid,
					  groups_verdict_name(verdict));
		else
			label = xasprintf("group %zu (%s)", gid, groups_verdict_name(verdict));
		dot_string(f, label);
		free(label);
		/* Shaded where the picture's verdict is: devices assignable only together. */
		fprintf(f, ";\n\t\tstyle=%s;\n", verdict == GROUPS_COMPANIONS ?
			"\"filled\"; fillcolor=\"#fde0dc\"" : "rounded");
		if (nc) {
			fprintf(f, "\t\ttooltip=");
			dot_string(f, causes[0]);
			fprintf(f, ";\n");
		}
		for (k = 0; k < nc; k++)
			free(causes[k]);
		for (i = 0; i < n; i++) {
			const struct pci_fn *fn = &v->m->fns[members[i]];

			label = xasprintf("%s\n%s", pci_fn_name(fn, bdf, sizeof(bdf)),
					  vt_pci_name(fn->vendor, fn->device, name, sizeof(name)));
			fprintf(f, "\t\t\"%s\" [label=", bdf);
			dot_string(f, label);
			fprintf(f, "];\n");
			free(label);
		}
		fprintf(f, "\t}\n");
	}
	for (i = 0; i < v->m->n; i++) {
		const struct pci_fn *fn = &v->m->fns[i], *up = pci_fn_parent(v->m, fn);
		char upname[16];

		if (v->g.fn[i].group < 0) {
			fprintf(f, "\t\"%s\" [style=dashed, label=", pci_fn_name(fn, bdf, sizeof(bdf)));
			label = xasprintf("%s\nnot translated", bdf);
			dot_string(f, label);
			fprintf(f, "];\n");
			free(label);
		}
		if (!up)
			continue;
		fprintf(f, "\t\"%s\" -> \"%s\"", pci_fn_name(up, upname, sizeof(upname)),
			pci_fn_name(fn, bdf, sizeof(bdf)));
		label = edge_label(v, (long)i);
		if (label) {
			fprintf(f, " [label=");
			dot_string(f, label);
			fprintf(f, ", fontsize=9]");
			free(label);
		}
		fprintf(f, ";\n");
	}
	fprintf(f, "}\n");
	return ferror(f) ? -1 : 0;
}

int cmd_groups(int argc, char **argv)
{
	const char *root = NULL, *json = NULL, *dot = NULL;
	struct groups_view v;
	struct vt_platform *p;
	struct vt_env env;
	struct out o;
	char err[512];
	int c, rc = EXIT_CLEAN;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (c == OPT_ROOT)
			root = optarg;
		else if (c == OPT_JSON)
			json = optarg;
		else if (c == OPT_DOT)
			dot = optarg;
		else
			return usage_error("groups", USAGE);
	}
	if (optind != argc)
		return usage_error("groups", USAGE);
	if (json && dot && !strcmp(json, "-") && !strcmp(dot, "-"))
		return usage_error("groups", "--json and --dot cannot both be '-'");
	p = vt_platform_open(root, err, sizeof(err));
	if (!p)
		return usage_error("groups", "%s", err);
	vt_env_init(&env, p);
	if (groups_view_build(&env, &v, err, sizeof(err))) {
		fprintf(stderr, "vtdcert groups: no PCI devices to group: %s\n", err);
		vt_env_free(&env);
		vt_platform_close(p);
		return EXIT_USAGE;
	}
	o.env = &env;
	o.v = &v;
	if (json && write_output(json, stdout, "groups JSON", GROUPS_JSON_STARTS, write_json, &o))
		rc = EXIT_USAGE;
	if (dot && write_output(dot, stdout, "Graphviz", GROUPS_DOT_STARTS, write_dot, &o))
		rc = EXIT_USAGE;
	if ((!json || strcmp(json, "-")) && (!dot || strcmp(dot, "-")) &&
	    write_output("-", stdout, "table", NULL, write_table, &o))
		rc = EXIT_USAGE;
	groups_view_free(&v);
	vt_env_free(&env);
	vt_platform_close(p);
	return rc;
}
