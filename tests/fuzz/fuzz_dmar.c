// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: any byte string through the DMAR decoder, every DMAR
 * check through the runner (table-only, then with a small environment so
 * scope resolution, memory-map and unit checks run too), and the encoder.
 * `make fuzz` runs it under ASan+UBSan, seeded with the real corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../ref/dmar.h"
#include "../../ref/pci_regs.h"
#include "../../suites/dmar/dmar_suite.h"
#include "../../util/xalloc.h"

/* A root port at 00:1c.0 leading to bus 1 with one endpoint. */
static void small_env(struct vt_env *env)
{
	static const struct { uint8_t bus, dev, ht, sec; } layout[3] = {
		{ 0, 0x00, PCI_HEADER_TYPE_NORMAL, 0 },
		{ 0, 0x1c, PCI_HEADER_TYPE_BRIDGE, 1 },
		{ 1, 0x00, PCI_HEADER_TYPE_NORMAL, 0 },
	};
	struct iommu_unit unit = { .name = "dmar0", .drhd = -1, .address_known = true,
				   .address = 0xfed90000,
				   .reg = { [VTD_UR_CAP] = ~0ull },
				   .known = 1u << VTD_UR_CAP | 1u << VTD_UR_ECAP };
	size_t i;

	vt_env_init(env, NULL);
	for (i = 0; i < 3; i++) {
		struct pci_fn *f = pci_model_add(&env->pci, 0, layout[i].bus, layout[i].dev, 0);

		f->cfg_len = PCI_CFG_SPACE_SIZE;
		f->cfg[PCI_CFG_HEADER_TYPE] = layout[i].ht;
		f->cfg[PCI_CFG_SECONDARY_BUS] = layout[i].sec;
	}
	pci_model_finish(&env->pci);
	memmap_add(&env->e820, 0x1000, 0xfffff, MEM_RESERVED);
	env->have_e820 = true;
	env->units = xmalloc(sizeof(unit));
	env->units[0] = unit;
	env->nunits = 1;
	env->kernel_units = 1;
	env->cmdline = xstrdup("intel_iommu=igfx_off,on");
	vt_env_provide(env, VT_ENV_PCI, VT_AVAILABLE, NULL);
	vt_env_provide(env, VT_ENV_MEMMAP, VT_AVAILABLE, NULL);
	vt_env_provide(env, VT_ENV_UNITS, VT_AVAILABLE, NULL);
	vt_env_provide(env, VT_ENV_CMDLINE, VT_AVAILABLE, NULL);
}

static void run_suite(const uint8_t *data, size_t size, bool with_env)
{
	static const struct vt_run_opts opts = { 0 };
	struct vt_blob b = { xmalloc(size + 1), size };
	struct vt_results rs;
	struct vt_env env;

	memcpy(b.data, data, size);
	if (with_env)
		small_env(&env);
	else
		vt_env_init(&env, NULL);
	vt_env_set_table(&env, "fuzz", &b);
	vt_results_init(&rs, "files", NULL);
	vt_run_suite(&rs, &env, &dmar_suite, &opts);
	vt_results_free(&rs);
	vt_env_free(&env);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dmar_table t;
	uint8_t *out;
	size_t out_len;

	if (dmar_decode(data, size, &t) != DMAR_OK) {
		run_suite(data, size, false);   /* the refusal path */
		return 0;
	}
	run_suite(data, size, false);
	run_suite(data, size, true);
	if (!dmar_encode(&t, DMAR_ENC_KEEP_LENGTHS | DMAR_ENC_KEEP_CHECKSUM, &out, &out_len))
		free(out);
	dmar_free(&t);
	return 0;
}
