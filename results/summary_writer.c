// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The terminal summary, for people: one line per check, grouped by suite,
 * with the results that need attention (fail, error, warn, and skip reasons)
 * under it. Colour only when asked (the caller checks isatty). Text from
 * the machine (DMI strings, kernel messages) is printed with control bytes
 * and invalid UTF-8 escaped: a terminal must not act on a firmware string.
 */
#include <stdlib.h>
#include <string.h>

#include "results.h"
#include "version.h"
#include "../util/text.h"

static const char *const colour_of[VT_STATUS_COUNT] = {
	[VT_PASS] = "\033[32m", [VT_FAIL] = "\033[1;31m", [VT_WARN] = "\033[33m",
	[VT_SKIP] = "\033[36m", [VT_ERROR] = "\033[1;35m",
};
#define COLOUR_OFF "\033[0m"
#define MAX_DETAILS 8

/* A check's line shows its worst result: error, fail, warn, pass, skip. */
static enum vt_status check_status(const struct vt_results *rs,
				   const struct vt_check_info *ck)
{
	static const enum vt_status order[] = { VT_ERROR, VT_FAIL, VT_WARN, VT_PASS, VT_SKIP };
	bool seen[VT_STATUS_COUNT] = { false };
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (rs->v[i].check == ck)
			seen[rs->v[i].status] = true;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (seen[order[i]])
			return order[i];
	return VT_SKIP;
}

static void upper(char *dst, const char *src)
{
	while (*src)
		*dst++ = (char)(*src >= 'a' && *src <= 'z' ? *src - 32 : *src), src++;
	*dst = '\0';
}

/*
 * @last_skip: the skip reason printed last; a check skipped for the same
 * reason (every check, when there is no DMAR table) does not repeat it.
 */
static void print_check(const struct vt_results *rs, size_t first, FILE *f,
			bool colour, const char **last_skip)
{
	const struct vt_check_info *ck = rs->v[first].check;
	enum vt_status st = check_status(rs, ck);
	size_t i, shown = 0, hidden = 0;
	char tag[8];

	upper(tag, vt_status_name(st));
	fprintf(f, "  %s%-5s%s %-34s %s\n", colour ? colour_of[st] : "", tag,
		colour ? COLOUR_OFF : "", ck->id, ck->title);
	for (i = first; i < rs->n; i++) {
		const struct vt_result *r = &rs->v[i];

		if (r->check != ck || r->status == VT_PASS)
			continue;
		if (r->status == VT_SKIP && st != VT_SKIP)
			continue;
		if (r->status == VT_SKIP) {
			if (*last_skip && !strcmp(*last_skip, r->message))
				continue;
			*last_skip = r->message;
		}
		if (shown++ < MAX_DETAILS) {
			char *subject = text_printable(r->subject, false);
			char *message = text_printable(r->message, false);

			fprintf(f, "        %s: %s\n", subject, message);
			free(subject);
			free(message);
		} else
			hidden++;
	}
	if (hidden)
		fprintf(f, "        ... and %zu more (see the JSON results)\n", hidden);
}

/* "label: value" with the value made printable. */
static void print_clean(FILE *f, const char *fmt, const char *value)
{
	char *clean = text_printable(value ? value : "?", false);

	fprintf(f, fmt, clean);
	free(clean);
}

int vt_write_summary(const struct vt_results *rs, FILE *f, bool colour)
{
	size_t i, j;
	const char *suite = NULL, *last_skip = NULL;

	fprintf(f, "vtdcert %s: %s", VTDCERT_VERSION, rs->source_kind);
	if (rs->source_root)
		print_clean(f, " %s", rs->source_root);
	fputc('\n', f);
	if (rs->system[VT_SYS_VENDOR] || rs->system[VT_SYS_PRODUCT]) {
		print_clean(f, "system: %s", rs->system[VT_SYS_VENDOR]);
		print_clean(f, " %s", rs->system[VT_SYS_PRODUCT]);
		print_clean(f, ", BIOS %s\n", rs->system[VT_SYS_BIOS_VERSION]);
	}
	if (rs->manifest && strcmp(rs->manifest, "verified"))
		fprintf(f, "snapshot manifest: %s%s\n", rs->manifest,
			rs->nmanifest_notes ? " (details in the JSON results)" : "");
	for (i = 0; i < rs->nproblems && i < MAX_DETAILS; i++)
		print_clean(f, "input: %s\n", rs->problems[i]);
	if (rs->nproblems > MAX_DETAILS)
		fprintf(f, "input: ... and %zu more problems (see the JSON results)\n",
			rs->nproblems - MAX_DETAILS);
	for (i = 0; i < rs->n; i++) {
		const struct vt_check_info *ck = rs->v[i].check;

		for (j = 0; j < i; j++)
			if (rs->v[j].check == ck)
				break;
		if (j < i)
			continue;       /* line already printed */
		if (!suite || strcmp(suite, rs->v[i].suite)) {
			suite = rs->v[i].suite;
			fprintf(f, "%s\n", suite);
		}
		print_check(rs, i, f, colour, &last_skip);
	}
	fprintf(f, "%zu results: %zu pass, %zu fail, %zu warn, %zu skip, %zu error\n",
		rs->n, rs->count[VT_PASS], rs->count[VT_FAIL], rs->count[VT_WARN],
		rs->count[VT_SKIP], rs->count[VT_ERROR]);
	return fflush(f) || ferror(f) ? -1 : 0;
}
