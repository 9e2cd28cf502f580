/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit test registration: each test file exports one register function. */
#ifndef VTDCERT_TESTS_UNIT_H
#define VTDCERT_TESTS_UNIT_H

#include <CUnit/CUnit.h>

struct unit_test {
	const char *name;
	CU_TestFunc fn;
};

/* Entries in @dir, "." and ".." aside: a temporary left behind shows up here. */
int unit_dir_entries(const char *dir);
/* Remove @dir and all beneath it, following no link. */
void unit_remove_tree(const char *dir);

/* Add a suite with the NULL-terminated @tests; aborts the run on failure. */
void unit_add_suite(const char *name, const struct unit_test *tests);

void register_codec_tests(void);
void register_json_tests(void);
void register_memmap_tests(void);
void register_scope_tests(void);
void register_check_tests(void);
void register_pci_model_tests(void);
void register_platform_tests(void);
void register_util_tests(void);
void register_pci_groups_tests(void);
void register_sriov_tests(void);
void register_snapshot_writer_tests(void);
void register_pci_dump_tests(void);
void register_translate_tests(void);
void register_bar_virt_tests(void);
void register_kernel_intremap_log_tests(void);
void register_ir_decision_tests(void);
void register_xen_msitranslate_tests(void);

#endif
