/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small streaming JSON writer: pretty-printed, strings escaped so that any
 * byte sequence (firmware OEM IDs are not always ASCII) yields valid JSON.
 */
#ifndef VTDCERT_JSON_H
#define VTDCERT_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32
#define JSON_BUF_SIZE  (1 << 16)

/*
 * Output is gathered in an own buffer and handed to @f in large blocks:
 * results documents run to megabytes, and per-call stdio locking showed up
 * as most of `vtdcert dmar`'s time (docs/PERFORMANCE.md).
 */
struct json {
	FILE *f;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
	bool after_key;
	bool compact;               /* one line, no spaces: set after json_init */
	size_t len;
	char buf[JSON_BUF_SIZE];
};

void json_init(struct json *j, FILE *f);
/* Write out what is buffered; 0 or -1 when the stream failed. */
int json_flush(struct json *j);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);
void json_string_n(struct json *j, const char *s, size_t n);
void json_uint(struct json *j, uint64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

/* key + value shorthands */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_uint(struct json *j, const char *key, uint64_t v);
void json_kv_bool(struct json *j, const char *key, bool v);

#endif
