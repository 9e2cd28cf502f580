/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A snapshot's manifest.txt: what `vtdcert capture` wrote and what it found
 * absent, so that a snapshot can be checked for changes after capture and
 * so that "not in the snapshot" can be told from "not on the machine".
 *
 *   # vtdcert snapshot manifest
 *   format<TAB>1
 *   vtdcert<TAB>0.2.0
 *   date<TAB>2026-11-25T21:00:00Z
 *   source<TAB>live /
 *   file<TAB>SHA256<TAB>SIZE<TAB>PATH
 *   link<TAB>PATH<TAB>TARGET
 *   absent<TAB>PATH<TAB>WHY         the source did not have it
 *   unreadable<TAB>PATH<TAB>WHY     the source had it, capture could not read it
 *   dir<TAB>PATH                    an empty directory capture made (snap_write_dir)
 *
 * PATH is relative to the snapshot root; a name holding a tab or a newline
 * is never captured. Parsing is strict and names the line of any error.
 * The directories that lead to listed paths are not listed: they are implied.
 */
#ifndef VTDCERT_PLATFORM_MANIFEST_H
#define VTDCERT_PLATFORM_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "platform.h"
#include "../util/sha256.h"

#define VT_MANIFEST_FORMAT 1

enum vt_manifest_kind { VT_MF_FILE, VT_MF_LINK, VT_MF_ABSENT, VT_MF_UNREADABLE, VT_MF_DIR };

struct vt_manifest_entry {
	enum vt_manifest_kind kind;
	char *path;
	char sha256[SHA256_HEX_LEN + 1];    /* files */
	uint64_t size;                      /* files */
	char *text;                         /* link target, or why; NULL for a dir */
};

struct vt_manifest {
	unsigned format;
	char *version, *date, *source;
	struct vt_manifest_entry *v;        /* sorted by path */
	size_t n;
};

/* 0, or -1 with @err naming the line. */
int vt_manifest_parse(const char *text, size_t len, struct vt_manifest **out,
		      char *err, size_t errlen);
void vt_manifest_free(struct vt_manifest *m);
/* Release what @m holds, not @m itself (a manifest kept by value). */
void vt_manifest_clear(struct vt_manifest *m);
const struct vt_manifest_entry *vt_manifest_find(const struct vt_manifest *m,
						 const char *path);
/*
 * The entry that makes @path unreadable: @path itself, or a directory
 * above it, listed as unreadable. NULL when none.
 */
const struct vt_manifest_entry *vt_manifest_unreadable(const struct vt_manifest *m,
						       const char *path);
/*
 * True when @path was an empty directory at capture: a `dir` line with
 * nothing listed beneath it. A copy may lose such a directory (git keeps
 * none), and the snapshot still says what the machine had.
 */
bool vt_manifest_empty_dir(const struct vt_manifest *m, const char *path);

/* ---- writing (capture) ---- */

void vt_manifest_add(struct vt_manifest *m, enum vt_manifest_kind kind,
		     const char *path, const char *text, const void *data, size_t len);
/* Write @m as manifest.txt text; 0 or -1 (stream error). */
int vt_manifest_write(struct vt_manifest *m, FILE *f);

/* ---- verification (run --root) ---- */

enum vt_manifest_status {
	VT_MANIFEST_NONE,           /* the snapshot has no manifest */
	VT_MANIFEST_INVALID,        /* it has one that cannot be read */
	VT_MANIFEST_VERIFIED,       /* every file as captured, nothing added */
	VT_MANIFEST_CHANGED,        /* files changed, removed or added */
};

struct vt_manifest_check {
	enum vt_manifest_status status;
	char *why;                  /* INVALID: what is wrong */
	struct vt_names changed, removed, added;
};

/* Compare the snapshot @p against its manifest. */
void vt_manifest_verify(struct vt_platform *p, struct vt_manifest_check *out);
void vt_manifest_check_free(struct vt_manifest_check *c);
const char *vt_manifest_status_name(enum vt_manifest_status st);

#endif
