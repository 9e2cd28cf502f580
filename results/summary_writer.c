// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The terminal summary, for people: what needs attention first (failures
 * and errors, then warnings, each check's line with the results under it),
 * then how many passed and skipped; those are listed only when asked.
 * Several table files get a line each, and their findings are grouped by
 * file. Colour only when asked (the caller checks isatty). Text from the
 * machine (DMI strings, kernel messages) is printed with control bytes and
 * invalid UTF-8 escaped: a terminal must not act on a firmware string.
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

#define BIT(st) (1u << (st))
#define NEEDS_ACTION (BIT(VT_FAIL) | BIT(VT_ERROR))

/* Results [lo, hi) of one run: the whole, or one table file's. */
struct span {
	const struct vt_results *rs;
	size_t lo, hi;
	FILE *f;
	bool colour;
	const char *last_skip;      /* a skip reason shown once, not per check */
};

/* A check's line shows its worst result in the span: error, fail, warn, pass, skip. */
static enum vt_status worst(const struct span *s, const struct vt_check_info *ck)
{
	static const enum vt_status order[] = { VT_ERROR, VT_FAIL, VT_WARN, VT_PASS, VT_SKIP };
	bool seen[VT_STATUS_COUNT] = { false };
	size_t i;

	for (i = s->lo; i < s->hi; i++)
		if (s->rs->v[i].check == ck)
			seen[s->rs->v[i].status] = true;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (seen[order[i]])
			return order[i];
	return VT_SKIP;
}

static void tag(FILE *f, bool colour, enum vt_status st)
{
	const char *name = vt_status_name(st);
	char up[8];
	size_t i;

	for (i = 0; name[i] && i + 1 < sizeof(up); i++)
		up[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
	up[i] = '\0';
	fprintf(f, "%s%-5s%s", colour ? colour_of[st] : "", up, colour ? COLOUR_OFF : "");
}

static void detail(FILE *f, const struct vt_result *r)
{
	char *subject = text_printable(r->subject, false);
	char *message = text_printable(r->message, false);

	fprintf(f, "        %s: %s\n", subject, message);
	free(subject);
	free(message);
}

/* Whether @i is the first result of its check in the span. */
static bool first_of_check(const struct span *s, size_t i)
{
	size_t j;

	for (j = s->lo; j < i; j++)
		if (s->rs->v[j].check == s->rs->v[i].check)
			return false;
	return true;
}

/*
 * Under @heading, the checks whose worst status is in @lines, each with its
 * results whose status is in @details (at most MAX_DETAILS), under suite
 * headings; nothing at all when no check's worst is in @lines.
 */
static void section(struct span *s, const char *heading, unsigned lines, unsigned details)
{
	const char *suite = NULL;
	size_t i, k;

	for (i = s->lo; i < s->hi; i++) {
		const struct vt_check_info *ck = s->rs->v[i].check;
		enum vt_status st;
		size_t shown = 0, hidden = 0;

		if (!first_of_check(s, i) || !(BIT(st = worst(s, ck)) & lines))
			continue;
		if (heading) {
			fprintf(s->f, "%s\n", heading);
			heading = NULL;
		}
		if (!suite || strcmp(suite, s->rs->v[i].suite)) {
			suite = s->rs->v[i].suite;
			fprintf(s->f, "%s\n", suite);
		}
		fputs("  ", s->f);
		tag(s->f, s->colour, st);
		fprintf(s->f, " %-34s %s\n", ck->id, ck->title);
		for (k = i; k < s->hi; k++) {
			const struct vt_result *r = &s->rs->v[k];

			if (r->check != ck || !(BIT(r->status) & details))
				continue;
			if (r->status == VT_SKIP) {
				if (s->last_skip && !strcmp(s->last_skip, r->message))
					continue;
				s->last_skip = r->message;
			}
			if (shown++ < MAX_DETAILS)
				detail(s->f, r);
			else
				hidden++;
		}
		if (hidden)
			fprintf(s->f, "        ... and %zu more (see the JSON results)\n", hidden);
	}
}

static void count_span(const struct span *s, size_t count[VT_STATUS_COUNT])
{
	size_t i;

	memset(count, 0, VT_STATUS_COUNT * sizeof(*count));
	for (i = s->lo; i < s->hi; i++)
		count[s->rs->v[i].status]++;
}

/* Failures and errors, warnings, then (verbose) passes and skips. */
static void findings(struct span *s, enum vt_summary_mode mode)
{
	section(s, "failures and errors:", NEEDS_ACTION, NEEDS_ACTION | BIT(VT_WARN));
	section(s, "warnings:", BIT(VT_WARN), BIT(VT_WARN));
	if (mode == VT_SUMMARY_VERBOSE) {
		section(s, "passed:", BIT(VT_PASS), 0);
		section(s, "skipped:", BIT(VT_SKIP), BIT(VT_SKIP));
	}
}

/* The span's verdict: its worst status, or skip when nothing was judged. */
static enum vt_status verdict(const size_t count[VT_STATUS_COUNT])
{
	return count[VT_ERROR] ? VT_ERROR : count[VT_FAIL] ? VT_FAIL : count[VT_WARN] ?
	       VT_WARN : count[VT_PASS] ? VT_PASS : VT_SKIP;
}

static void counts(FILE *f, const size_t count[VT_STATUS_COUNT])
{
	fprintf(f, "%zu pass, %zu fail, %zu warn, %zu skip, %zu error", count[VT_PASS],
		count[VT_FAIL], count[VT_WARN], count[VT_SKIP], count[VT_ERROR]);
}

/* A line per failure and error: what --quiet prints. */
static void quiet(const struct vt_results *rs, FILE *f, bool colour)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		const struct vt_result *r = &rs->v[i];
		char *subject, *message;

		if (!(BIT(r->status) & NEEDS_ACTION))
			continue;
		subject = text_printable(r->subject, false);
		message = text_printable(r->message, false);
		tag(f, colour, r->status);
		fprintf(f, " %s %s: %s\n", r->check->id, subject, message);
		free(subject);
		free(message);
	}
}

/* "label: value" with the value made printable. */
static void print_clean(FILE *f, const char *fmt, const char *value)
{
	char *clean = text_printable(value ? value : "?", false);

	fprintf(f, fmt, clean);
	free(clean);
}

static void header(const struct vt_results *rs, FILE *f)
{
	size_t i;

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
}

int vt_write_summary(const struct vt_results *rs, FILE *f, bool colour,
		     enum vt_summary_mode mode)
{
	struct span whole = { rs, 0, rs->n, f, colour, NULL };
	size_t k;

	if (mode == VT_SUMMARY_QUIET) {
		quiet(rs, f, colour);
		return fflush(f) || ferror(f) ? -1 : 0;
	}
	header(rs, f);
	if (rs->nfiles > 1) {
		struct span file[1];
		size_t count[VT_STATUS_COUNT];

		for (k = 0; k < rs->nfiles; k++) {
			file[0] = (struct span){ rs, rs->file_first[k], k + 1 < rs->nfiles ?
						 rs->file_first[k + 1] : rs->n, f, colour, NULL };
			count_span(&file[0], count);
			fputs("  ", f);
			tag(f, colour, verdict(count));
			print_clean(f, " %s (", rs->files[k]);
			counts(f, count);
			fputs(")\n", f);
		}
		for (k = 0; k < rs->nfiles; k++) {
			file[0] = (struct span){ rs, rs->file_first[k], k + 1 < rs->nfiles ?
						 rs->file_first[k + 1] : rs->n, f, colour, NULL };
			count_span(&file[0], count);
			if (!count[VT_FAIL] && !count[VT_ERROR] && !count[VT_WARN] &&
			    mode != VT_SUMMARY_VERBOSE)
				continue;
			print_clean(f, "%s\n", rs->files[k]);
			findings(&file[0], mode);
		}
	} else {
		findings(&whole, mode);
	}
	if (mode != VT_SUMMARY_VERBOSE && (rs->count[VT_PASS] || rs->count[VT_SKIP]))
		fprintf(f, "%zu pass, %zu skip (listed with --verbose)\n", rs->count[VT_PASS],
			rs->count[VT_SKIP]);
	fprintf(f, "%zu results: ", rs->n);
	counts(f, rs->count);
	fputc('\n', f);
	return fflush(f) || ferror(f) ? -1 : 0;
}
