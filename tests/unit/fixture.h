/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fixtures for the DMAR check tests: a table is built with the reference
 * builder, encoded, optionally damaged (declared lengths, checksum, patched
 * or missing bytes), decoded again, and one check runs on the decoded model.
 * Going through the bytes means every check test also exercises the codec.
 *
 * Platform checks get a hand-made struct vt_env (no vt_platform): a PCI
 * model of pci_fn whose config bytes are filled and decoded, a memory map
 * and the kernel's IOMMU units, each part marked available by hand. Checks
 * run through the framework's runner, so a part a test marks missing makes
 * the runner skip, as it would on a machine.
 */
#ifndef VTDCERT_TESTS_UNIT_FIXTURE_H
#define VTDCERT_TESTS_UNIT_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <CUnit/CUnit.h>

#include "unit.h"
#include "../../ref/dmar.h"
#include "../../ref/pci_model.h"
#include "../../ref/pci_regs.h"
#include "../../results/results.h"
#include "../../suites/dmar/dmar_suite.h"
#include "../../suites/registry.h"

/* Handy addresses: a typical client platform's two remapping units. */
#define FX_GFX_BASE     0xfed90000ull
#define FX_IOMMU_BASE   0xfed91000ull

struct fixture {
	struct dmar_table model;    /* what the builder made */
	uint8_t *buf;               /* encoded model (maybe damaged) */
	size_t len;
	struct dmar_table t;        /* decoded from buf */
	size_t decoded_len;         /* how many bytes of buf were decoded */
	bool decoded;
	struct vt_results rs;       /* results of run_check() on t */
};

/* Start an empty table (haw_bits, flags as dmar_init) and empty results. */
void fixture_init(struct fixture *f, uint8_t haw_bits, uint8_t flags);
/*
 * Compute every length (and the checksum) into the model without keeping
 * the bytes: afterwards tweak a declared length and encode with
 * DMAR_ENC_KEEP_LENGTHS, all other lengths staying right.
 */
void fixture_layout(struct fixture *f);
/* Encode the model with @opts into f->buf (replacing earlier bytes). */
void fixture_encode(struct fixture *f, unsigned opts);
/* Patch encoded bytes (little-endian), at offsets from dmar_defs.h. */
void fixture_patch8(struct fixture *f, size_t off, uint8_t v);
void fixture_patch16(struct fixture *f, size_t off, uint16_t v);
void fixture_patch32(struct fixture *f, size_t off, uint32_t v);
/* Append @n bytes of @fill after the encoded table (Length unchanged). */
void fixture_append(struct fixture *f, size_t n, uint8_t fill);
/*
 * Decode the first @len bytes of f->buf (SIZE_MAX: all of them); asserts
 * DMAR_OK. A table that decoded without problems must also re-encode to
 * the same bytes.
 */
bool fixture_decode_n(struct fixture *f, size_t len);
bool fixture_decode(struct fixture *f);
/* fixture_encode(f, opts) then fixture_decode(f). */
bool fixture_encode_decode(struct fixture *f, unsigned opts);
/* Run one check on the decoded bytes into f->rs (env NULL: a table file). */
void fixture_run(struct fixture *f, const char *id, struct vt_env *env);
/* fixture_encode_decode(f, opts) then fixture_run(f, id, env). */
bool fixture_check(struct fixture *f, unsigned opts, const char *id,
		   struct vt_env *env);
void fixture_free(struct fixture *f);

/*
 * Building blocks of a typical client table. Each appends one structure
 * with its scopes and returns it (valid until the next append):
 *  - the graphics unit: DRHD, flags 0, endpoint 00:02.0 (24 bytes);
 *  - the catch-all unit: DRHD INCLUDE_PCI_ALL with the IOAPIC (ID 2,
 *    bus 0xf0, 1f.0) (24 bytes);
 *  - the USB RMRR [0xe8000-0xeffff] for the endpoint 00:14.0 (32 bytes).
 */
struct dmar_struct *fx_add_gfx_drhd(struct dmar_table *t, uint64_t base);
struct dmar_struct *fx_add_all_drhd(struct dmar_table *t, uint16_t segment,
				    uint64_t base);
struct dmar_struct *fx_add_usb_rmrr(struct dmar_table *t);
/* Append an endpoint / bridge scope with a single-hop path. */
struct dmar_scope *fx_add_pci_scope(struct dmar_table *t, uint8_t type,
				    uint8_t bus, uint8_t dev, uint8_t fn);

/* The check with this ID, or NULL. */
const struct vt_check *find_check(const char *id);
/*
 * Run only the check @id, through the runner, on the table bytes @buf
 * (named "fixture") and @env (NULL: no machine). Fails the current test
 * when no check has this ID; returns whether one did.
 */
bool run_check(const char *id, const uint8_t *buf, size_t len, struct vt_env *env,
	       struct vt_results *rs);

/* Results of @id with status @st. */
size_t count_status(const struct vt_results *rs, const char *id, enum vt_status st);
/* Results of @id at all. */
size_t count_results(const struct vt_results *rs, const char *id);
/*
 * The one status every result of @id has; VT_STATUS_COUNT when @id has
 * no result or results of different statuses.
 */
enum vt_status status_of(const struct vt_results *rs, const char *id);
/* The first result of @id with status @st, or NULL. */
const struct vt_result *result_of(const struct vt_results *rs, const char *id,
				  enum vt_status st);
/* Whether some result of @id with status @st has @needle in its message. */
bool message_has(const struct vt_results *rs, const char *id, enum vt_status st,
		 const char *needle);
/* Same for the subject ("fixture: DRHD #0 @0x30 ..."). */
bool subject_has(const struct vt_results *rs, const char *id, enum vt_status st,
		 const char *needle);
/* Evidence @key of @r as a number; false when absent. */
bool evidence_uint(const struct vt_result *r, const char *key, uint64_t *v);
/* Evidence @key of @r as a string; NULL when absent. */
const char *evidence_str(const struct vt_result *r, const char *key);

/*
 * Coverage of the check tests: ASSERT_STATUS notes each status it saw
 * asserted for an ID; coverage_has() answers whether @id was asserted with
 * a status in @mask (bits 1 << VT_PASS, ...).
 */
void coverage_note(const char *id, enum vt_status st);
bool coverage_has(const char *id, unsigned mask);

/* Print what @id reported (on a failed assertion, to see why). */
void dump_results(const struct vt_results *rs, const char *id);

/*
 * Assertions that report at the caller's line and, on failure, print what
 * the check actually said.
 */
#define ASSERT_STATUS(rs, id, st) do {					\
	bool ok_ = status_of((rs), (id)) == (st);			\
	if (ok_)							\
		coverage_note((id), (st));				\
	else								\
		dump_results((rs), (id));				\
	CU_assertImplementation(ok_, __LINE__, "status of " #id " is " #st, \
				__FILE__, "", CU_FALSE);		\
} while (0)

#define ASSERT_MSG_HAS(rs, id, st, needle) do {				\
	bool ok_ = message_has((rs), (id), (st), (needle));		\
	if (!ok_)							\
		dump_results((rs), (id));				\
	CU_assertImplementation(ok_, __LINE__,				\
				#st " message of " #id " has " #needle, \
				__FILE__, "", CU_FALSE);		\
} while (0)

#define ASSERT_SUBJECT_HAS(rs, id, st, needle) do {			\
	bool ok_ = subject_has((rs), (id), (st), (needle));		\
	if (!ok_)							\
		dump_results((rs), (id));				\
	CU_assertImplementation(ok_, __LINE__,				\
				#st " subject of " #id " has " #needle, \
				__FILE__, "", CU_FALSE);		\
} while (0)

#define ASSERT_COUNT(rs, id, st, n) do {				\
	bool ok_ = count_status((rs), (id), (st)) == (size_t)(n);	\
	if (ok_ && (n))							\
		coverage_note((id), (st));				\
	else if (!ok_)							\
		dump_results((rs), (id));				\
	CU_assertImplementation(ok_, __LINE__,				\
				#n " results of " #id " are " #st,	\
				__FILE__, "", CU_FALSE);		\
} while (0)

/* ---- platform environment ---- */

/*
 * An empty environment, every part available and empty: no platform, no
 * PCI device, no memory, no unit, an empty kernel log; the command line
 * unknown until env_set_cmdline().
 */
void env_init(struct vt_env *env);
/*
 * Add a PCI function described by its config header bytes (vendor, class,
 * header type, secondary bus for bridges), decoded by pci_fn_decode_header()
 * as the platform layer does. The pointer is valid until the next add.
 */
struct pci_fn *env_add_fn(struct vt_env *env, uint16_t segment, uint8_t bus,
			  uint8_t dev, uint8_t fn, uint32_t class_code,
			  uint8_t header_type, uint8_t secondary_bus);
void env_add_reserved(struct vt_env *env, uint64_t start, uint64_t end);
void env_add_unit(struct vt_env *env, const char *name, uint64_t address,
		  uint64_t cap, uint64_t ecap, bool have_regs);
void env_set_cmdline(struct vt_env *env, const char *cmdline);
void env_set_klog(struct vt_env *env, const char *text);
/* A kernel IOMMU group @id of default domain @type holding @n devices. */
void env_add_group(struct vt_env *env, long id, const char *type,
		   const char *const *devices, size_t n);
void env_set_kernel(struct vt_env *env, const char *version_line);
/* Mark @part missing (VT_UNKNOWN, VT_ABSENT or VT_BROKEN) with @why. */
void env_set_missing(struct vt_env *env, enum vt_env_part part, enum vt_avail avail,
		     const char *why);
/* Release through vt_env_free(), as the runner's caller does. */
void env_free(struct vt_env *env);

/* PCI class codes (base << 16 | sub << 8 | prog-if) used by the fixtures. */
#define PCI_CLASS_HOST_BRIDGE   0x060000u
#define PCI_CLASS_PCI_BRIDGE    0x060400u
#define PCI_CLASS_VGA           0x030000u
#define PCI_CLASS_NVME          0x010802u
#define PCI_CLASS_USB_XHCI      0x0c0330u

/* Test tables of the split files, registered by register_check_tests(). */
extern const struct unit_test check_table_tests[];
extern const struct unit_test check_struct_tests[];
extern const struct unit_test check_drhd_tests[];
extern const struct unit_test check_rmrr_tests[];
extern const struct unit_test check_misc_tests[];
extern const struct unit_test check_platform_tests[];
extern const struct unit_test framework_tests[];
extern const struct unit_test check_groups_tests[];
extern const struct unit_test check_dma_tests[];
extern const struct unit_test check_intremap_tests[];
extern const struct unit_test check_msi_delivery_tests[];
extern const struct unit_test check_rmrr_kernel_tests[];
extern const struct unit_test check_bar_tests[];
extern const struct unit_test check_msi_tests[];

#endif
