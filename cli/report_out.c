// SPDX-License-Identifier: GPL-2.0-or-later
/* Writing a results document where the user asked, and the exit code. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../platform/snapshot_layout.h"

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vtdcert %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

bool take_report_opt(int c, const char *arg, struct report_opts *ro,
		     const char **root)
{
	switch (c) {
	case OPT_JSON:
		ro->json = arg;
		return true;
	case OPT_JUNIT:
		ro->junit = arg;
		return true;
	case OPT_QUIET:
		ro->quiet = true;
		return true;
	case OPT_ROOT:
		*root = arg;
		return true;
	}
	return false;
}

int check_report_opts(const char *cmd, const struct report_opts *ro)
{
	if (ro->json && ro->junit && !strcmp(ro->json, "-") && !strcmp(ro->junit, "-"))
		return usage_error(cmd, "--json and --junit cannot both be '-'");
	return 0;
}

static bool want_colour(FILE *f)
{
	const char *term = getenv("TERM");

	return isatty(fileno(f)) && !getenv("NO_COLOR") && term && strcmp(term, "dumb");
}

static int write_json_to(const struct vt_results *rs, const char *out)
{
	FILE *f = strcmp(out, "-") ? fopen(out, "w") : stdout;
	int rc;

	if (!f) {
		fprintf(stderr, "vtdcert: %s: %s\n", out, strerror(errno));
		return -1;
	}
	/* Results documents run to megabytes: write them in large blocks. */
	setvbuf(f, NULL, _IOFBF, 1 << 16);
	rc = vt_write_json(rs, f);
	if (f != stdout && fclose(f))
		rc = -1;
	if (rc)
		fprintf(stderr, "vtdcert: %s: write failed: %s\n", out, strerror(errno));
	return rc;
}

int write_reports(const struct vt_results *rs, const struct report_opts *o)
{
	bool stdout_taken = (o->json && !strcmp(o->json, "-")) ||
			    (o->junit && !strcmp(o->junit, "-"));
	FILE *sf = stdout_taken ? stderr : stdout;
	int rc = 0;

	if (o->json && write_json_to(rs, o->json))
		rc = -1;
	if (o->junit) {
		fflush(stdout);
		if (vt_write_junit(rs, o->junit)) {
			fprintf(stderr, "vtdcert: %s: cannot write JUnit XML\n", o->junit);
			rc = -1;
		}
	}
	if (!o->quiet)
		vt_write_summary(rs, sf, want_colour(sf));
	fflush(stdout);
	return rc;
}

int results_exit_code(const struct vt_results *rs)
{
	return rs->count[VT_FAIL] || rs->count[VT_ERROR] ? EXIT_FAILED : EXIT_CLEAN;
}

void collect_system(struct vt_platform *p, struct vt_results *rs)
{
	static const struct {
		enum vt_system_field field;
		const char *attr;
	} dmi[] = {
		{ VT_SYS_VENDOR, "sys_vendor" }, { VT_SYS_PRODUCT, "product_name" },
		{ VT_SYS_VERSION, "product_version" },
		{ VT_SYS_BOARD_VENDOR, "board_vendor" }, { VT_SYS_BOARD, "board_name" },
		{ VT_SYS_BIOS_VENDOR, "bios_vendor" },
		{ VT_SYS_BIOS_VERSION, "bios_version" }, { VT_SYS_BIOS_DATE, "bios_date" },
	};
	char rel[128], buf[4096], *p1, *p2;
	size_t i;

	for (i = 0; i < sizeof(dmi) / sizeof(dmi[0]); i++) {
		snprintf(rel, sizeof(rel), PATH_DMI "/%s", dmi[i].attr);
		if (!vt_read_attr(p, rel, buf, sizeof(buf)) && buf[0])
			vt_results_set_system(rs, dmi[i].field, buf);
	}
	/* "Linux version 6.1.0-28-amd64 (...)": the third word is the release. */
	if (!vt_read_attr(p, PATH_KERNEL_VERSION, buf, sizeof(buf)) &&
	    (p1 = strstr(buf, "version ")) != NULL) {
		p1 += strlen("version ");
		p2 = strchr(p1, ' ');
		if (p2)
			*p2 = '\0';
		vt_results_set_system(rs, VT_SYS_KERNEL, p1);
	}
	if (!vt_read_attr(p, PATH_CMDLINE, buf, sizeof(buf)))
		vt_results_set_system(rs, VT_SYS_CMDLINE, buf);
}
