// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: any byte string through the DMAR decoder, every DMAR
 * check (table-only, then with a small platform environment so scope
 * resolution, memory-map and unit checks run too), and the encoder.
 * `make fuzz` runs it under ASan+UBSan, seeded with the real corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../ref/dmar.h"
#include "../../suites/dmar/dmar_suite.h"

/* A root port at 00:1c.0 leading to bus 1 with one endpoint. */
static void small_env(struct dmar_env *env, struct pci_fn fns[3])
{
	static const struct { uint8_t bus, dev, ht, sec; } layout[3] = {
		{ 0, 0x00, PCI_HEADER_TYPE_NORMAL, 0 },
		{ 0, 0x1c, PCI_HEADER_TYPE_BRIDGE, 1 },
		{ 1, 0x00, PCI_HEADER_TYPE_NORMAL, 0 },
	};
	size_t i;

	memset(env, 0, sizeof(*env));
	for (i = 0; i < 3; i++) {
		memset(&fns[i], 0, sizeof(fns[i]));
		fns[i].bus = layout[i].bus;
		fns[i].dev = layout[i].dev;
		fns[i].cfg_len = PCI_CFG_SPACE_SIZE;
		fns[i].cfg[PCI_CFG_HEADER_TYPE] = layout[i].ht;
		fns[i].cfg[PCI_CFG_SECONDARY_BUS] = layout[i].sec;
		pci_fn_decode_header(&fns[i]);
	}
	env->pci.fns = fns;
	env->pci.n = 3;
	env->cmdline = "intel_iommu=igfx_off,on";
}

static void run_all(const struct dmar_table *t, const struct dmar_env *env)
{
	struct dmar_ctx ctx = { .name = "fuzz", .t = t, .env = env };
	const struct dmar_check *const *c;
	struct vt_results rs;

	vt_results_init(&rs, "files", NULL);
	ctx.rs = &rs;
	for (c = dmar_all_checks(); *c; c++)
		(*c)->run(&ctx, &(*c)->info);
	vt_results_free(&rs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mem_range reserved = { 0x1000, 0xfffff };
	struct iommu_unit unit = { .name = "dmar0", .address = 0xfed90000,
				   .cap = ~0ull, .ecap = 0, .have_regs = true };
	struct pci_fn fns[3];
	struct dmar_table t;
	struct dmar_env env;
	uint8_t *out;
	size_t out_len;

	if (dmar_decode(data, size, &t) != DMAR_OK)
		return 0;
	run_all(&t, NULL);
	small_env(&env, fns);
	env.memmap.reserved = &reserved;
	env.memmap.n = 1;
	env.memmap.source = "fuzz";
	env.units = &unit;
	env.nunits = 1;
	run_all(&t, &env);
	if (!dmar_encode(&t, DMAR_ENC_KEEP_LENGTHS | DMAR_ENC_KEEP_CHECKSUM, &out, &out_len))
		free(out);
	dmar_free(&t);
	return 0;
}
