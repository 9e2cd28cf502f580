// SPDX-License-Identifier: GPL-2.0-or-later
/* The JSON writer: structure and escaping of hostile strings. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../results/json.h"
#include "../../results/results.h"

static char *render(void (*fill)(struct json *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct json j;

	json_init(&j, f);
	fill(&j);
	fclose(f);
	return buf;
}

static void fill_nested(struct json *j)
{
	json_begin_object(j);
	json_kv_uint(j, "a", 18446744073709551615ull);
	json_key(j, "b");
	json_begin_array(j);
	json_begin_array(j);
	json_uint(j, 1);
	json_uint(j, 2);
	json_end_array(j);
	json_end_array(j);
	json_key(j, "empty");
	json_begin_array(j);
	json_end_array(j);
	json_kv_bool(j, "t", true);
	json_kv_string(j, "n", NULL);
	json_end_object(j);
}

static void test_nested(void)
{
	char *s = render(fill_nested);

	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"a\": 18446744073709551615,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"empty\": [],"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"t\": true,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"n\": null\n}"));
	free(s);
}

static void fill_hostile(struct json *j)
{
	/* quote, backslash, control, invalid UTF-8, valid UTF-8 (é) */
	static const char bytes[] = "a\"b\\c\x01\xff\xc3\xa9";

	json_begin_array(j);
	json_string_n(j, bytes, sizeof(bytes) - 1);
	json_end_array(j);
}

static void test_escaping(void)
{
	char *s = render(fill_hostile);

	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"a\\\"b\\\\c\\u0001\\u00ff\xc3\xa9\""));
	free(s);
}

static char *render_results(int (*writer)(const struct vt_results *, FILE *))
{
	struct vt_results rs;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	vt_results_init(&rs, "snapshot", "/x");
	CU_ASSERT_EQUAL(writer(&rs, f), 0);
	fclose(f);
	vt_results_free(&rs);
	return buf;
}

/* A report is replaced only by one that starts as the old one: keep them in step. */
static void test_writers_start_as_declared(void)
{
	char *s = render_results(vt_write_json);

	CU_ASSERT_EQUAL(strncmp(s, VT_JSON_STARTS, strlen(VT_JSON_STARTS)), 0);
	free(s);
	s = render_results(vt_write_junit);
	CU_ASSERT_EQUAL(strncmp(s, VT_JUNIT_STARTS, strlen(VT_JUNIT_STARTS)), 0);
	free(s);
}

void register_json_tests(void)
{
	static const struct unit_test tests[] = {
		{ "nested containers", test_nested },
		{ "escaping", test_escaping },
		{ "writers start as declared", test_writers_start_as_declared },
		{ NULL, NULL },
	};

	unit_add_suite("json", tests);
}
