/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Results: what every check reports, through one function (vt_report).
 * A results document holds the source, the system identity and the list of
 * results in the order the checks ran; the writers (JSON, JUnit, terminal)
 * only read it.
 */
#ifndef VTDCERT_RESULTS_H
#define VTDCERT_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "evidence.h"

enum vt_status {
	VT_PASS,
	VT_FAIL,
	VT_WARN,
	VT_SKIP,                    /* cannot decide: the message says why */
	VT_ERROR,                   /* the check itself could not run */
	VT_STATUS_COUNT
};

enum vt_severity {
	VT_SEV_INFO,
	VT_SEV_LOW,
	VT_SEV_MEDIUM,
	VT_SEV_HIGH,
	VT_SEV_CRITICAL,            /* the OS refuses the table or the unit */
};

/* The stable identity of a check, as listed in docs/checks.md. */
struct vt_check_info {
	const char *id;             /* e.g. "dmar.drhd.base-nonzero" */
	enum vt_severity severity;
	unsigned needs;             /* enum vt_need bits (framework/suite.h) */
	const char *title;          /* one line: what a pass means */
	const char *reference;      /* spec section or source it enforces */
};

struct vt_result {
	const struct vt_check_info *check;
	const char *suite;          /* the suite's name (static) */
	enum vt_status status;
	char *subject;
	char *message;
	struct vt_value *ev;        /* an object, or NULL when nothing was added */
};

/* Machine identity, from DMI and the kernel; NULL where unknown. */
enum vt_system_field {
	VT_SYS_VENDOR, VT_SYS_PRODUCT, VT_SYS_VERSION, VT_SYS_BOARD_VENDOR,
	VT_SYS_BOARD, VT_SYS_BIOS_VENDOR, VT_SYS_BIOS_VERSION, VT_SYS_BIOS_DATE,
	VT_SYS_KERNEL, VT_SYS_CMDLINE, VT_SYS_FIELD_COUNT
};

struct vt_results {
	char *source_kind;          /* "files", "live", "snapshot" */
	char *source_root;          /* NULL for files */
	bool active;                /* run with --active (may change the machine) */
	char **files;
	size_t *file_first;         /* per file: the index of its first result */
	size_t nfiles;
	/* A snapshot's manifest: "none", "invalid", "verified", "changed". */
	char *manifest;
	char **manifest_notes;      /* "changed: PATH", "added: PATH", ... */
	size_t nmanifest_notes;
	char **problems;            /* input entries reported and skipped */
	size_t nproblems;
	size_t bad_inputs;          /* inputs that are not what they were given as */
	char *system[VT_SYS_FIELD_COUNT];
	struct vt_result *v;
	size_t n, cap;
	size_t count[VT_STATUS_COUNT];
};

void vt_results_init(struct vt_results *rs, const char *kind, const char *root);
void vt_results_free(struct vt_results *rs);
void vt_results_add_file(struct vt_results *rs, const char *path);
void vt_results_set_system(struct vt_results *rs, enum vt_system_field f,
			   const char *value);
void vt_results_add_problem(struct vt_results *rs, const char *text);
void vt_results_add_manifest_note(struct vt_results *rs, const char *text);

/*
 * The one function every result goes through (checks use the framework's
 * vt_result(), which calls this). Takes ownership of @msg.
 */
struct vt_result *vt_report_msg(struct vt_results *rs,
				const struct vt_check_info *check, const char *suite,
				enum vt_status status, const char *subject, char *msg);
/*
 * Evidence of @r (evidence.h): a member of its evidence object; the list
 * form returns the list to fill (vt_put_*() for anything deeper).
 */
void vt_ev_uint(struct vt_result *r, const char *key, uint64_t v);
void vt_ev_str(struct vt_result *r, const char *key, const char *s);
struct vt_value *vt_ev_list(struct vt_result *r, const char *key);
struct vt_value *vt_ev_object(struct vt_result *r, const char *key);
/* Every member of the object @obj added to @r's evidence (copies). */
void vt_ev_merge(struct vt_result *r, const struct vt_value *obj);
/* Release what a result holds (not the result itself). */
void vt_result_clear(struct vt_result *r);

const char *vt_status_name(enum vt_status st);
const char *vt_severity_name(enum vt_severity sev);
const char *vt_system_field_key(enum vt_system_field f);

/*
 * Writers, one file each under results/. Each writes the whole document to
 * @f and returns 0, or -1 with errno set when the stream failed.
 */
int vt_write_json(const struct vt_results *rs, FILE *f);
int vt_write_junit(const struct vt_results *rs, FILE *f);
/*
 * How every document of each writer starts: an existing file is replaced
 * by a new document only when it starts so (util/atomic_file.h), so these
 * must follow the writers (a unit test checks both).
 */
#define VT_JSON_STARTS  "{\n  \"tool\": \"vtdcert\","
#define VT_JUNIT_STARTS "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"vtdcert\""

/*
 * The terminal summary. Quiet: a line per failure and error, nothing when
 * none. Normal: failures and errors first, then warnings, then a count of
 * passes and skips; several table files get a line each first, and their
 * findings are grouped by file. Verbose: passes and skips listed too.
 */
enum vt_summary_mode { VT_SUMMARY_QUIET, VT_SUMMARY_NORMAL, VT_SUMMARY_VERBOSE };
int vt_write_summary(const struct vt_results *rs, FILE *f, bool colour,
		     enum vt_summary_mode mode);

#endif
