// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the PCI model on junk configuration space. The input
 * is a list of functions ([bus][dev.fn][length: 2 bytes][bytes...]); each
 * is built, the model finished (capability walks, hierarchy), every
 * decoder run, and the groups predicted with every flag combination.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../ref/pci_caps.h"
#include "../../ref/pci_groups.h"
#include "../../ref/sriov.h"

static void decode_all(const struct pci_model *m)
{
	struct pcie_cap e;
	struct pci_acs a;
	struct pci_ari r;
	struct pci_sriov s;
	struct pci_msi msi;
	struct pci_msix msix;
	struct pci_pm pm;
	struct pci_af af;
	struct pci_rebar rb;
	size_t i;

	for (i = 0; i < m->n; i++) {
		const struct pci_fn *f = &m->fns[i];

		pci_fn_pcie(f, &e);
		pci_fn_acs(f, &a);
		pci_fn_ari(f, &r);
		pci_fn_sriov(f, &s);
		pci_fn_msi(f, &msi);
		pci_fn_msix(f, &msix);
		pci_fn_pm(f, &pm);
		pci_fn_af(f, &af);
		pci_fn_rebar(f, &rb);
		pci_linux_port_type(m, f);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pci_model m = { 0 };
	struct pci_grouping g;
	struct group_inputs in = { 0 };
	bool *flags;
	size_t i = 0;

	while (i + 4 <= size && m.n < 512) {
		struct pci_fn *f = pci_model_add(&m, 0, data[i], data[i + 1] >> 3,
						 data[i + 1] & 7);
		size_t len = (size_t)(data[i + 2] | data[i + 3] << 8) % (PCI_CFG_SPACE_EXP_SIZE + 1);

		i += 4;
		if (len > size - i)
			len = size - i;
		if (!f)
			break;
		memcpy(f->cfg, data + i, len);
		f->cfg_len = (uint16_t)len;
		f->sys.is_vf = len && data[i] & 1;
		f->sys.pf_bus = len > 1 ? data[i + 1] : 0;
		i += len;
	}
	if (pci_model_finish(&m))
		goto out;
	sriov_link_vfs(&m);
	decode_all(&m);
	flags = calloc(m.n ? m.n : 1, sizeof(bool));
	for (i = 0; flags && i < m.n; i++)
		flags[i] = m.fns[i].cfg[0] & 1;
	in.translated = flags;
	in.is_vf = flags;
	in.quirks.acs_requested = true;
	in.quirks.kernel = KV(6, 1, 0);
	if (!pci_group_predict(&m, &in, &g))
		pci_grouping_free(&g);
	if (!pci_group_predict(&m, NULL, &g))
		pci_grouping_free(&g);
	free(flags);
out:
	pci_model_free(&m);
	return 0;
}
