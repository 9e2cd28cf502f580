/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Allocation for the tool layers (not ref/, which returns errors): running
 * out of memory while collecting results is not something a conformance
 * run can report on, so it ends the process with a message.
 */
#ifndef VTDCERT_XALLOC_H
#define VTDCERT_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/*
 * @p, an array of @n elements of @size bytes grown only by xgrow, with room
 * for element @n: the capacity doubles whenever @n is a power of two, so
 * appending n elements costs O(n) in all.
 */
void *xgrow(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
