/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text from machines we do not control (DMI strings, kernel log lines, OEM
 * IDs) made safe for the reports: valid UTF-8, no control bytes that a
 * terminal would act on or that XML 1.0 cannot carry.
 */
#ifndef VTDCERT_UTIL_TEXT_H
#define VTDCERT_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Length of the valid UTF-8 sequence at @s (at most @n bytes), or 0 when
 * the bytes there are not one (overlong, surrogate, past U+10FFFF, cut).
 */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/*
 * A copy of @s in which every byte that is not part of valid UTF-8, and
 * every C0 control and DEL, is written as "\xNN". Tab and, when
 * @keep_newlines, newline pass through. Caller frees.
 */
char *text_printable(const char *s, bool keep_newlines);

/* True when text_printable(@s, @keep_newlines) would equal @s. */
bool text_is_printable(const char *s, bool keep_newlines);

/* A hex digit, without the locale isxdigit() consults; its value. */
static inline bool text_is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static inline unsigned text_hex_value(char c)
{
	return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

#endif
