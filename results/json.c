// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "json.h"
#include "../util/text.h"

void json_init(struct json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->after_key = false;
	j->len = 0;
	j->compact = false;
	memset(j->need_comma, 0, sizeof(j->need_comma));
}

int json_flush(struct json *j)
{
	if (j->len && fwrite(j->buf, 1, j->len, j->f) != j->len) {
		j->len = 0;
		return -1;
	}
	j->len = 0;
	return ferror(j->f) ? -1 : 0;
}

static void put(struct json *j, const void *p, size_t n)
{
	if (j->len + n > sizeof(j->buf)) {
		json_flush(j);
		if (n > sizeof(j->buf)) {
			fwrite(p, 1, n, j->f);
			return;
		}
	}
	memcpy(j->buf + j->len, p, n);
	j->len += n;
}

static void putc_json(struct json *j, char c)
{
	if (j->len == sizeof(j->buf))
		json_flush(j);
	j->buf[j->len++] = c;
}

static void puts_json(struct json *j, const char *s)
{
	put(j, s, strlen(s));
}

static void indent(struct json *j)
{
	static const char spaces[] = "\n" "                                        "
				     "                        ";
	size_t n = 1 + 2 * (size_t)j->depth;

	if (j->compact)
		return;
	put(j, spaces, n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1);
}

/* Separator and indentation before a value or a key. */
static void before_item(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (j->need_comma[j->depth])
		putc_json(j, ',');
	j->need_comma[j->depth] = true;
	indent(j);
}

static void open_container(struct json *j, char c)
{
	before_item(j);
	putc_json(j, c);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void close_container(struct json *j, char c)
{
	bool had_items = j->need_comma[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had_items)
		indent(j);
	putc_json(j, c);
	if (j->depth == 0) {
		if (!j->compact)
			putc_json(j, '\n');
		json_flush(j);
	}
}

void json_begin_object(struct json *j) { open_container(j, '{'); }
void json_end_object(struct json *j) { close_container(j, '}'); }
void json_begin_array(struct json *j) { open_container(j, '['); }
void json_end_array(struct json *j) { close_container(j, ']'); }

static bool plain_byte(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

static void write_escaped(struct json *j, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run, u;

	char hex[8];

	putc_json(j, '"');
	while (i < n) {
		unsigned char c = s[i];

		/* Most text needs no escaping: write it a run at a time. */
		for (run = i; run < n && plain_byte(s[run]); run++)
			;
		if (run > i) {
			put(j, s + i, run - i);
			i = run;
			continue;
		}
		if (c == '"' || c == '\\') {
			putc_json(j, '\\');
			putc_json(j, (char)c);
		} else if (c == '\n') {
			puts_json(j, "\\n");
		} else if (c == '\t') {
			puts_json(j, "\\t");
		} else if (c < 0x80 || (u = utf8_seq_len(s + i, n - i)) == 0) {
			/* Control characters; bytes that are not UTF-8 as Latin-1. */
			snprintf(hex, sizeof(hex), "\\u%04x", c);
			puts_json(j, hex);
		} else {
			put(j, s + i, u);
			i += u;
			continue;
		}
		i++;
	}
	putc_json(j, '"');
}

void json_key(struct json *j, const char *key)
{
	before_item(j);
	write_escaped(j, key, strlen(key));
	put(j, ": ", j->compact ? 1 : 2);
	j->after_key = true;
}

void json_string_n(struct json *j, const char *s, size_t n)
{
	before_item(j);
	write_escaped(j, s, n);
}

void json_string(struct json *j, const char *s)
{
	json_string_n(j, s, strlen(s));
}

void json_uint(struct json *j, uint64_t v)
{
	char digits[24];
	size_t n = sizeof(digits);

	before_item(j);
	do {
		digits[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(j, digits + n, sizeof(digits) - n);
}

void json_bool(struct json *j, bool v)
{
	before_item(j);
	puts_json(j, v ? "true" : "false");
}

void json_null(struct json *j)
{
	before_item(j);
	puts_json(j, "null");
}

void json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	if (s)
		json_string(j, s);
	else
		json_null(j);
}

void json_kv_uint(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_uint(j, v);
}

void json_kv_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}
