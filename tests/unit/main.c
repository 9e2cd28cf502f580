// SPDX-License-Identifier: GPL-2.0-or-later
/* The CUnit runner: every unit test of the tree, one basic-mode run. */
#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

#include "unit.h"

void unit_add_suite(const char *name, const struct unit_test *tests)
{
	CU_pSuite s = CU_add_suite(name, NULL, NULL);

	if (!s) {
		fprintf(stderr, "CUnit: cannot add suite %s\n", name);
		exit(2);
	}
	for (; tests->name; tests++)
		if (!CU_add_test(s, tests->name, tests->fn)) {
			fprintf(stderr, "CUnit: cannot add %s/%s\n", name, tests->name);
			exit(2);
		}
}

int main(void)
{
	unsigned failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	register_codec_tests();
	register_json_tests();
	register_memmap_tests();
	register_scope_tests();
	register_check_tests();
	register_pci_model_tests();
	register_platform_tests();
	register_util_tests();
	register_pci_groups_tests();
	register_sriov_tests();
	register_snapshot_writer_tests();
	register_pci_dump_tests();
	register_translate_tests();
	register_bar_virt_tests();
	register_kernel_intremap_log_tests();
	register_ir_decision_tests();
	register_xen_msitranslate_tests();
	CU_basic_set_mode(CU_BRM_NORMAL);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
