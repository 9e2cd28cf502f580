// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vtdcert regs [--root DIR] [--json] [--cap HEX --ecap HEX]: each remapping
 * unit's CAP and ECAP field by field (the field tables of ref/vtd_unit.c,
 * the same as `vtdcert env` shows), and what the translation model
 * (ref/vtd_translate.c, docs/translation.md) derives from them: the
 * domain Linux builds (AGAW, levels, width), large pages, domain IDs,
 * caching mode. With --cap and --ecap, those values instead of a system's.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../ref/vtd_translate.h"
#include "../results/json.h"
#include "../util/xalloc.h"

enum { OPT_CAP = OPT_FIRST_OWN, OPT_ECAP, OPT_JSON_FLAG };

static const struct option long_opts[] = {
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "json", no_argument, NULL, OPT_JSON_FLAG },
	{ "cap", required_argument, NULL, OPT_CAP },
	{ "ecap", required_argument, NULL, OPT_ECAP },
	{ NULL, 0, NULL, 0 },
};

#define USAGE "usage: vtdcert regs [--root DIR] [--json] [--cap HEX --ecap HEX]"
#define FROM_COMMAND_LINE "the command line"

/* What one unit shows: a name, where it is, its CAP and ECAP if known. */
struct regs_unit {
	const char *name;
	bool address_known;
	uint64_t address;
	bool regs_known;
	uint64_t cap, ecap;
	const char *cap_from, *ecap_from;
	const char *why;
};

static const struct { unsigned bit; uint64_t size; const char *name; } large_pages[] = {
	{ VTD_SLLPS_2M, VTD_SIZE_2M, "2 MiB" },
	{ VTD_SLLPS_1G, VTD_SIZE_1G, "1 GiB" },
};
#define NLARGE (sizeof(large_pages) / sizeof(large_pages[0]))

/* ---- text ---- */

static void text_register(FILE *f, enum vtd_unit_reg r, uint64_t v, const char *from)
{
	const struct vtd_field_def *fd;

	fprintf(f, "  %-5s 0x%016llx  (%s)\n", vtd_unit_regs[r].reg.name,
		(unsigned long long)v, from);
	for (fd = vtd_unit_regs[r].fields; fd->name; fd++)
		fprintf(f, "    %-8s %llu\n", fd->name,
			(unsigned long long)VTD_FIELD(v, fd->mask));
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

static void text_translation(FILE *f, uint64_t cap, uint64_t ecap)
{
	struct vtd_xlate_unit u;
	struct vtd_linux_domain d;
	unsigned aw, i, n = 0;
	uint32_t domains;

	vtd_xlate_unit_from_regs(cap, ecap, &u);
	fprintf(f, "  translation (legacy mode, docs/translation.md)\n");
	fprintf(f, "    %-22s", "address widths (SAGAW)");
	for (aw = VTD_AW_MIN; aw <= VTD_AW_MAX; aw++)
		if (u.sagaw & (1u << aw)) {
			fprintf(f, " %u-bit/%u-level", VTD_AW_WIDTH(aw), VTD_AW_LEVELS(aw));
			n++;
		}
	fprintf(f, "%s\n", n ? "" : " none");
	fprintf(f, "    %-22s %u bits\n", "MGAW", u.mgaw);
	if (vtd_linux_domain_agaw(&u, &d))
		fprintf(f, "    %-22s agaw %u: %u-level tables, %u-bit IOVAs\n", "Linux domain",
			d.agaw, d.levels, d.width);
	else
		fprintf(f, "    %-22s none: no SAGAW bit at or below 57 bits (Linux refuses "
			"the unit)\n", "Linux domain");
	fprintf(f, "    %-22s 4 KiB", "page sizes (SLLPS)");
	for (i = 0; i < NLARGE; i++)
		if (u.sllps & large_pages[i].bit)
			fprintf(f, ", %s", large_pages[i].name);
	fprintf(f, "\n");
	domains = vtd_xlate_unit_domains(&u);
	if (domains)
		fprintf(f, "    %-22s %u (ND %u)\n", "domain IDs", domains, u.nd);
	else
		fprintf(f, "    %-22s reserved ND %u\n", "domain IDs", u.nd);
	fprintf(f, "    %-22s %s%s\n", "caching mode (CM)", yes_no(u.cm),
		u.cm ? ": not-present entries may be cached (a virtual unit)" : "");
	fprintf(f, "    %-22s pass-through %s, device-TLB %s, snoop control %s\n",
		"ECAP for TT and SNP", yes_no(u.pt), yes_no(u.dt), yes_no(u.sc));
}

static void text_unit(FILE *f, const struct regs_unit *u)
{
	fprintf(f, "%s", u->name);
	if (u->address_known)
		fprintf(f, " at 0x%llx", (unsigned long long)u->address);
	fprintf(f, "\n");
	if (!u->regs_known) {
		fprintf(f, "  CAP and ECAP unknown: %s\n", u->why ? u->why : "not read");
		return;
	}
	text_register(f, VTD_UR_CAP, u->cap, u->cap_from);
	text_register(f, VTD_UR_ECAP, u->ecap, u->ecap_from);
	text_translation(f, u->cap, u->ecap);
}

/* ---- JSON ---- */

static void json_translation(struct json *j, uint64_t cap, uint64_t ecap)
{
	struct vtd_xlate_unit u;
	struct vtd_linux_domain d;
	unsigned aw, i;
	uint32_t domains;

	vtd_xlate_unit_from_regs(cap, ecap, &u);
	json_key(j, "translation");
	json_begin_object(j);
	json_key(j, "address_widths");
	json_begin_array(j);
	for (aw = VTD_AW_MIN; aw <= VTD_AW_MAX; aw++)
		if (u.sagaw & (1u << aw))
			json_uint(j, VTD_AW_WIDTH(aw));
	json_end_array(j);
	json_kv_uint(j, "mgaw", u.mgaw);
	json_key(j, "linux_domain");
	if (vtd_linux_domain_agaw(&u, &d)) {
		json_begin_object(j);
		json_kv_uint(j, "agaw", d.agaw);
		json_kv_uint(j, "levels", d.levels);
		json_kv_uint(j, "width", d.width);
		json_end_object(j);
	} else {
		json_null(j);
	}
	json_key(j, "page_sizes");
	json_begin_array(j);
	json_uint(j, VTD_SIZE_4K);
	for (i = 0; i < NLARGE; i++)
		if (u.sllps & large_pages[i].bit)
			json_uint(j, large_pages[i].size);
	json_end_array(j);
	domains = vtd_xlate_unit_domains(&u);
	json_key(j, "domains");
	if (domains)
		json_uint(j, domains);
	else
		json_null(j);
	json_kv_bool(j, "caching_mode", u.cm);
	json_kv_bool(j, "pass_through", u.pt);
	json_kv_bool(j, "device_tlb", u.dt);
	json_kv_bool(j, "snoop_control", u.sc);
	json_end_object(j);
}

static void json_unit(struct json *j, const struct regs_unit *u)
{
	json_begin_object(j);
	json_kv_string(j, "name", u->name);
	if (u->address_known)
		json_kv_uint(j, "address", u->address);
	json_key(j, "registers");
	json_begin_object(j);
	if (u->regs_known) {
		vt_json_unit_register(j, VTD_UR_CAP, u->cap, u->cap_from);
		vt_json_unit_register(j, VTD_UR_ECAP, u->ecap, u->ecap_from);
	}
	json_end_object(j);
	if (u->regs_known)
		json_translation(j, u->cap, u->ecap);
	json_kv_string(j, "why", u->regs_known ? NULL : u->why ? u->why : "not read");
	json_end_object(j);
}

/* ---- the command ---- */

static int print_units(const struct regs_unit *units, size_t n, bool as_json)
{
	size_t i;

	if (as_json) {
		struct json *j = xmalloc(sizeof(*j));
		int rc;

		json_init(j, stdout);
		json_begin_object(j);
		json_key(j, "units");
		json_begin_array(j);
		for (i = 0; i < n; i++)
			json_unit(j, &units[i]);
		json_end_array(j);
		json_end_object(j);
		rc = json_flush(j);
		free(j);
		if (!rc)
			fputc('\n', stdout);
	} else {
		if (!n)
			printf("no remapping units\n");
		for (i = 0; i < n; i++) {
			if (i)
				printf("\n");
			text_unit(stdout, &units[i]);
		}
	}
	if (fflush(stdout) || ferror(stdout))
		return usage_error("regs", "standard output: write failed: %s",
				   strerror(errno ? errno : EIO));
	return EXIT_CLEAN;
}

/* A register value in hex ("0x" optional), all 64 bits at most. */
static bool parse_hex(const char *s, uint64_t *v)
{
	char *end;

	if (!strncmp(s, "0x", 2) || !strncmp(s, "0X", 2))
		s += 2;
	if (!*s || strspn(s, "0123456789abcdefABCDEF") != strlen(s))
		return false;
	errno = 0;
	*v = strtoull(s, &end, 16);
	return !errno && !*end;
}

/* The units of the system or snapshot @root; the exit code. */
static int system_units(const char *root, bool as_json)
{
	struct regs_unit *units = NULL;
	struct vt_platform *p;
	struct vt_env env;
	char err[512], (*names)[48] = NULL;
	enum vt_avail a;
	size_t i;
	int rc;

	p = vt_platform_open(root, err, sizeof(err));
	if (!p)
		return usage_error("regs", "%s", err);
	vt_env_init(&env, p);
	a = vt_env_load(&env, VT_ENV_UNITS);
	if (a != VT_AVAILABLE) {
		rc = usage_error("regs", "IOMMU units: %s", vt_env_why(&env, VT_ENV_UNITS));
		goto out;
	}
	units = xcalloc(env.nunits ? env.nunits : 1, sizeof(*units));
	names = xcalloc(env.nunits ? env.nunits : 1, sizeof(*names));
	for (i = 0; i < env.nunits; i++) {
		const struct iommu_unit *iu = &env.units[i];
		struct regs_unit *u = &units[i];

		if (iu->name[0])
			snprintf(names[i], sizeof(names[i]), "%s", iu->name);
		else
			snprintf(names[i], sizeof(names[i]), "unit %zu (no kernel unit)", i);
		u->name = names[i];
		u->address_known = iu->address_known;
		u->address = iu->address;
		u->regs_known = iommu_unit_has(iu, VTD_UR_CAP) && iommu_unit_has(iu, VTD_UR_ECAP);
		u->cap = iu->reg[VTD_UR_CAP];
		u->ecap = iu->reg[VTD_UR_ECAP];
		u->cap_from = iu->from[VTD_UR_CAP];
		u->ecap_from = iu->from[VTD_UR_ECAP];
		u->why = iu->why[0] ? iu->why : NULL;
	}
	rc = print_units(units, env.nunits, as_json);
out:
	free(units);
	free(names);
	vt_env_free(&env);
	vt_platform_close(p);
	return rc;
}

int cmd_regs(int argc, char **argv)
{
	const char *root = NULL, *cap_arg = NULL, *ecap_arg = NULL;
	bool as_json = false;
	struct regs_unit u = { 0 };
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_ROOT:
			root = optarg;
			break;
		case OPT_JSON_FLAG:
			as_json = true;
			break;
		case OPT_CAP:
			cap_arg = optarg;
			break;
		case OPT_ECAP:
			ecap_arg = optarg;
			break;
		default:
			return usage_error("regs", USAGE);
		}
	}
	if (optind != argc)
		return usage_error("regs", USAGE);
	if (!cap_arg && !ecap_arg)
		return system_units(root, as_json);
	if (!cap_arg || !ecap_arg)
		return usage_error("regs", "--cap and --ecap go together");
	if (root)
		return usage_error("regs", "--cap/--ecap and --root exclude each other");
	if (!parse_hex(cap_arg, &u.cap))
		return usage_error("regs", "--cap '%s': not a 64-bit hex value", cap_arg);
	if (!parse_hex(ecap_arg, &u.ecap))
		return usage_error("regs", "--ecap '%s': not a 64-bit hex value", ecap_arg);
	u.name = FROM_COMMAND_LINE;
	u.regs_known = true;
	u.cap_from = u.ecap_from = FROM_COMMAND_LINE;
	return print_units(&u, 1, as_json);
}
