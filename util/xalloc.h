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
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
