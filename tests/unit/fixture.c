// SPDX-License-Identifier: GPL-2.0-or-later
/* Fixtures for the DMAR check tests; see fixture.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "../../ref/sriov.h"
#include "../../ref/le.h"
#include "../../util/xalloc.h"

void fixture_init(struct fixture *f, uint8_t haw_bits, uint8_t flags)
{
	memset(f, 0, sizeof(*f));
	dmar_init(&f->model, haw_bits, flags);
	vt_results_init(&f->rs, "files", NULL);
}

static void drop_bytes(struct fixture *f)
{
	free(f->buf);
	f->buf = NULL;
	f->len = 0;
}

void fixture_encode(struct fixture *f, unsigned opts)
{
	drop_bytes(f);
	CU_ASSERT_FATAL(dmar_encode(&f->model, opts, &f->buf, &f->len) == 0);
}

void fixture_layout(struct fixture *f)
{
	fixture_encode(f, DMAR_ENC_COMPUTE);
	drop_bytes(f);
}

void fixture_patch8(struct fixture *f, size_t off, uint8_t v)
{
	CU_ASSERT_FATAL(off + 1 <= f->len);
	f->buf[off] = v;
}

void fixture_patch16(struct fixture *f, size_t off, uint16_t v)
{
	CU_ASSERT_FATAL(off + 2 <= f->len);
	put_le16(f->buf + off, v);
}

void fixture_patch32(struct fixture *f, size_t off, uint32_t v)
{
	CU_ASSERT_FATAL(off + 4 <= f->len);
	put_le32(f->buf + off, v);
}

void fixture_append(struct fixture *f, size_t n, uint8_t fill)
{
	f->buf = xrealloc(f->buf, f->len + n);
	memset(f->buf + f->len, fill, n);
	f->len += n;
}

/* encode(decode(b)) == b: the model kept every byte of a sound table. */
static void assert_round_trip(struct fixture *f)
{
	uint8_t *again = NULL;
	size_t len = 0;

	CU_ASSERT_FATAL(dmar_encode(&f->t, DMAR_ENC_KEEP_LENGTHS |
				    DMAR_ENC_KEEP_CHECKSUM, &again, &len) == 0);
	CU_ASSERT_EQUAL(len, f->len);
	CU_ASSERT(len == f->len && !memcmp(again, f->buf, len));
	free(again);
}

bool fixture_decode_n(struct fixture *f, size_t len)
{
	enum dmar_decode_status st;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f->buf);
	if (len > f->len)
		len = f->len;
	if (f->decoded)
		dmar_free(&f->t);
	st = dmar_decode(f->buf, len, &f->t);
	f->decoded = st == DMAR_OK;
	f->decoded_len = len;
	CU_ASSERT_EQUAL(st, DMAR_OK);
	if (f->decoded && !f->t.nproblems && f->t.checksum_valid && len == f->len)
		assert_round_trip(f);
	return f->decoded;
}

bool fixture_decode(struct fixture *f)
{
	return fixture_decode_n(f, SIZE_MAX);
}

bool fixture_encode_decode(struct fixture *f, unsigned opts)
{
	fixture_encode(f, opts);
	return fixture_decode(f);
}

void fixture_run(struct fixture *f, const char *id, struct vt_env *env)
{
	CU_ASSERT_FATAL(f->decoded);
	run_check(id, f->buf, f->decoded_len, env, &f->rs);
}

bool fixture_check(struct fixture *f, unsigned opts, const char *id,
		   struct vt_env *env)
{
	if (!fixture_encode_decode(f, opts))
		return false;
	fixture_run(f, id, env);
	return true;
}

void fixture_free(struct fixture *f)
{
	if (f->decoded)
		dmar_free(&f->t);
	dmar_free(&f->model);
	drop_bytes(f);
	vt_results_free(&f->rs);
	f->decoded = false;
}

struct dmar_scope *fx_add_pci_scope(struct dmar_table *t, uint8_t type,
				    uint8_t bus, uint8_t dev, uint8_t fn)
{
	const struct dmar_path path = { dev, fn };
	struct dmar_scope *sc = dmar_add_scope(t, type, 0, bus, &path, 1);

	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	return sc;
}

struct dmar_struct *fx_add_gfx_drhd(struct dmar_table *t, uint64_t base)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_drhd(t, 0, 0, base));
	fx_add_pci_scope(t, SCOPE_TYPE_ENDPOINT, 0, 0x02, 0);
	return &t->structs[t->nstructs - 1];
}

struct dmar_struct *fx_add_all_drhd(struct dmar_table *t, uint16_t segment,
				    uint64_t base)
{
	const struct dmar_path path = { 0x1f, 0 };

	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_drhd(t, DRHD_FLAG_INCLUDE_PCI_ALL,
						   segment, base));
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_scope(t, SCOPE_TYPE_IOAPIC, 2, 0xf0,
						    &path, 1));
	return &t->structs[t->nstructs - 1];
}

struct dmar_struct *fx_add_usb_rmrr(struct dmar_table *t)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(dmar_add_rmrr(t, 0, 0xe8000, 0xeffff));
	fx_add_pci_scope(t, SCOPE_TYPE_ENDPOINT, 0, 0x14, 0);
	return &t->structs[t->nstructs - 1];
}

const struct vt_check *find_check(const char *id)
{
	return vt_find_check(id, NULL);
}

bool run_check(const char *id, const uint8_t *buf, size_t len, struct vt_env *env,
	       struct vt_results *rs)
{
	static const struct vt_run_opts opts = { 0 };
	const struct vt_suite *suite;
	const struct vt_check *c = vt_find_check(id, &suite);
	struct vt_env local;
	struct vt_blob table;

	if (!c) {
		fprintf(stderr, "\n  no check has the ID %s\n", id);
		CU_assertImplementation(CU_FALSE, __LINE__, "check ID exists",
					__FILE__, "", CU_FALSE);
		return false;
	}
	if (!env) {
		vt_env_init(&local, NULL);
		env = &local;
	}
	table.data = xmalloc(len + 1);
	memcpy(table.data, buf, len);
	table.len = len;
	vt_env_set_table(env, "fixture", &table);
	/* Functions were added in any order: sort and link them, as a load does. */
	if (env->pci.n) {
		CU_ASSERT_FATAL(pci_model_finish(&env->pci) == 0);
		sriov_link_vfs(&env->pci);
	}
	vt_run_check(rs, env, suite, c, &opts);
	if (env == &local)
		vt_env_free(&local);
	return true;
}

static bool is_of(const struct vt_result *r, const char *id)
{
	return r->check && !strcmp(r->check->id, id);
}

size_t count_status(const struct vt_results *rs, const char *id, enum vt_status st)
{
	size_t i, n = 0;

	for (i = 0; i < rs->n; i++)
		n += is_of(&rs->v[i], id) && rs->v[i].status == st;
	return n;
}

size_t count_results(const struct vt_results *rs, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < rs->n; i++)
		n += is_of(&rs->v[i], id);
	return n;
}

enum vt_status status_of(const struct vt_results *rs, const char *id)
{
	enum vt_status st = VT_STATUS_COUNT;
	size_t i;

	for (i = 0; i < rs->n; i++) {
		if (!is_of(&rs->v[i], id))
			continue;
		if (st != VT_STATUS_COUNT && st != rs->v[i].status)
			return VT_STATUS_COUNT;
		st = rs->v[i].status;
	}
	return st;
}

const struct vt_result *result_of(const struct vt_results *rs, const char *id,
				  enum vt_status st)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (is_of(&rs->v[i], id) && rs->v[i].status == st)
			return &rs->v[i];
	return NULL;
}

bool message_has(const struct vt_results *rs, const char *id, enum vt_status st,
		 const char *needle)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (is_of(&rs->v[i], id) && rs->v[i].status == st &&
		    rs->v[i].message && strstr(rs->v[i].message, needle))
			return true;
	return false;
}

bool subject_has(const struct vt_results *rs, const char *id, enum vt_status st,
		 const char *needle)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (is_of(&rs->v[i], id) && rs->v[i].status == st &&
		    rs->v[i].subject && strstr(rs->v[i].subject, needle))
			return true;
	return false;
}

bool evidence_uint(const struct vt_result *r, const char *key, uint64_t *v)
{
	const struct vt_value *e = r ? vt_value_get(r->ev, key) : NULL;

	if (!e || e->kind != VT_VAL_UINT)
		return false;
	*v = e->u;
	return true;
}

const char *evidence_str(const struct vt_result *r, const char *key)
{
	const struct vt_value *e = r ? vt_value_get(r->ev, key) : NULL;

	return e && e->kind == VT_VAL_STR ? e->s : NULL;
}

void dump_results(const struct vt_results *rs, const char *id)
{
	size_t i, n = 0;

	fprintf(stderr, "\n  %s reported:\n", id);
	for (i = 0; i < rs->n; i++) {
		if (!is_of(&rs->v[i], id))
			continue;
		fprintf(stderr, "    %s [%s] %s\n", vt_status_name(rs->v[i].status),
			rs->v[i].subject ? rs->v[i].subject : "",
			rs->v[i].message ? rs->v[i].message : "");
		n++;
	}
	if (!n)
		fprintf(stderr, "    nothing\n");
}

/* ---- platform environment ---- */

void env_init(struct vt_env *env)
{
	static const enum vt_env_part empty[] = {
		VT_ENV_PCI, VT_ENV_MEMMAP, VT_ENV_UNITS, VT_ENV_GROUPS, VT_ENV_KLOG,
	};
	size_t i;

	vt_env_init(env, NULL);
	for (i = 0; i < sizeof(empty) / sizeof(empty[0]); i++)
		vt_env_provide(env, empty[i], VT_AVAILABLE, NULL);
	env->have_e820 = true;
	env_set_missing(env, VT_ENV_CMDLINE, VT_UNKNOWN, "no command line in this fixture");
}

struct pci_fn *env_add_fn(struct vt_env *env, uint16_t segment, uint8_t bus,
			  uint8_t dev, uint8_t fn, uint32_t class_code,
			  uint8_t header_type, uint8_t secondary_bus)
{
	struct pci_fn *f = pci_model_add(&env->pci, segment, bus, dev, fn);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	f->cfg_len = PCI_CFG_SPACE_SIZE;
	put_le16(f->cfg + PCI_CFG_VENDOR_ID, 0x8086);
	put_le16(f->cfg + PCI_CFG_DEVICE_ID, 0x1234);
	put_le32(f->cfg + PCI_CFG_CLASS_REV, class_code << 8 | 0x01);
	f->cfg[PCI_CFG_HEADER_TYPE] = header_type;
	if ((header_type & PCI_HEADER_TYPE_MASK) == PCI_HEADER_TYPE_BRIDGE) {
		f->cfg[PCI_CFG_PRIMARY_BUS] = bus;
		f->cfg[PCI_CFG_SECONDARY_BUS] = secondary_bus;
		f->cfg[PCI_CFG_SUBORDINATE_BUS] = secondary_bus;
	}
	pci_fn_decode_header(f);
	return f;
}

void env_add_reserved(struct vt_env *env, uint64_t start, uint64_t end)
{
	memmap_add(&env->e820, start, end, MEM_RESERVED);
}

void env_add_unit(struct vt_env *env, const char *name, uint64_t address,
		  uint64_t cap, uint64_t ecap, bool have_regs)
{
	struct iommu_unit *u;

	env->units = xrealloc(env->units, (env->nunits + 1) * sizeof(*env->units));
	u = &env->units[env->nunits++];
	memset(u, 0, sizeof(*u));
	snprintf(u->name, sizeof(u->name), "%s", name);
	u->drhd = -1;
	u->address_known = true;
	u->address = address;
	env->kernel_units++;
	if (!have_regs) {
		snprintf(u->why, sizeof(u->why), "cap and ecap unreadable in this fixture");
		return;
	}
	u->reg[VTD_UR_CAP] = cap;
	u->reg[VTD_UR_ECAP] = ecap;
	u->known = 1u << VTD_UR_CAP | 1u << VTD_UR_ECAP;
	u->from[VTD_UR_CAP] = u->from[VTD_UR_ECAP] = "the kernel's sysfs";
}

void env_set_cmdline(struct vt_env *env, const char *cmdline)
{
	free(env->cmdline);
	env->cmdline = xstrdup(cmdline);
	vt_env_provide(env, VT_ENV_CMDLINE, VT_AVAILABLE, NULL);
}

void env_set_klog(struct vt_env *env, const char *text)
{
	vt_blob_free(&env->klog);
	env->klog.len = strlen(text);
	env->klog.data = (uint8_t *)xstrdup(text);
	vt_env_provide(env, VT_ENV_KLOG, VT_AVAILABLE, NULL);
}

void env_add_group(struct vt_env *env, long id, const char *type,
		   const char *const *devices, size_t n)
{
	struct iommu_group *g;
	size_t i;

	env->groups = xrealloc(env->groups, (env->ngroups + 1) * sizeof(*env->groups));
	g = &env->groups[env->ngroups++];
	memset(g, 0, sizeof(*g));
	g->id = id;
	snprintf(g->type, sizeof(g->type), "%s", type);
	g->devices.v = xcalloc(n ? n : 1, sizeof(char *));
	for (i = 0; i < n; i++)
		g->devices.v[i] = xstrdup(devices[i]);
	g->devices.n = n;
	vt_env_provide(env, VT_ENV_GROUPS, VT_AVAILABLE, NULL);
}

void env_set_kernel(struct vt_env *env, const char *version_line)
{
	free(env->kversion_line);
	env->kversion_line = xstrdup(version_line);
	vt_env_provide(env, VT_ENV_KVERSION, VT_AVAILABLE, NULL);
}

void env_set_missing(struct vt_env *env, enum vt_env_part part, enum vt_avail avail,
		     const char *why)
{
	vt_env_provide(env, part, avail, why);
}

void env_free(struct vt_env *env)
{
	vt_env_free(env);
}

/* ---- coverage ---- */

#define COVERAGE_MAX 128

static struct {
	const char *id;             /* a string literal of the tests */
	unsigned mask;
} coverage[COVERAGE_MAX];
static size_t ncoverage;

void coverage_note(const char *id, enum vt_status st)
{
	size_t i;

	for (i = 0; i < ncoverage; i++)
		if (!strcmp(coverage[i].id, id))
			break;
	if (i == ncoverage) {
		if (ncoverage == COVERAGE_MAX)
			return;
		coverage[ncoverage++].id = id;
	}
	coverage[i].mask |= 1u << st;
}

bool coverage_has(const char *id, unsigned mask)
{
	size_t i;

	for (i = 0; i < ncoverage; i++)
		if (!strcmp(coverage[i].id, id))
			return coverage[i].mask & mask;
	return false;
}
