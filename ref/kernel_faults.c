// SPDX-License-Identifier: GPL-2.0-or-later
/* Reading Linux's DMA remapping fault line back (kernel_faults.h). */
#include <stdio.h>
#include <string.h>

#include "kernel_faults.h"

static bool skip(const char **p, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(*p, word, n))
		return false;
	*p += n;
	return true;
}

static int digit(char c, unsigned base)
{
	unsigned v = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
		     c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
		     c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 99;

	return v < base ? (int)v : -1;
}

/* At most @max digits of @base; false when there are none. */
static bool number(const char **p, unsigned base, unsigned max, uint64_t *v)
{
	unsigned n = 0;
	int d;

	*v = 0;
	while (n < max && (d = digit(**p, base)) >= 0) {
		*v = *v * base + (unsigned)d;
		(*p)++;
		n++;
	}
	return n > 0;
}

bool kernel_dma_fault_parse(const char *line, struct kernel_dma_fault *f)
{
	const char *p = strstr(line, "[DMA ");
	uint64_t bus, dev, fn, v;
	unsigned base;

	memset(f, 0, sizeof(*f));
	if (!p)
		return false;
	p += strlen("[DMA ");
	if (skip(&p, "Write"))
		f->is_write = true;
	else if (!skip(&p, "Read"))
		return false;
	if (skip(&p, " PASID ")) {
		skip(&p, "0x");
		if (!number(&p, 16, 8, &v))
			return false;
		f->has_pasid = true;
		f->pasid = (uint32_t)v;
	} else {
		skip(&p, " NO_PASID");
	}
	if (!skip(&p, "] Request device [") || !number(&p, 16, 2, &bus) || !skip(&p, ":") ||
	    !number(&p, 16, 2, &dev) || !skip(&p, ".") || !number(&p, 8, 1, &fn) ||
	    !skip(&p, "]") || dev > 31)
		return false;
	f->bus = (uint8_t)bus;
	f->dev = (uint8_t)dev;
	f->fn = (uint8_t)fn;
	f->source_id = (uint16_t)(bus << 8 | dev << 3 | fn);
	if (skip(&p, " PASID ")) {      /* the older format: PASID after the device */
		if (!number(&p, 16, 8, &v))
			return false;
		if (v != 0xffffffffu) {
			f->has_pasid = true;
			f->pasid = (uint32_t)v;
		}
	}
	if (!skip(&p, " fault addr "))
		return false;
	skip(&p, "0x");
	if (!number(&p, 16, 16, &f->addr) || !skip(&p, " [fault reason "))
		return false;
	base = skip(&p, "0x") ? 16 : 10;
	if (!number(&p, base, 3, &v) || !skip(&p, "]"))
		return false;
	f->reason = (unsigned)v;
	skip(&p, " ");
	snprintf(f->text, sizeof(f->text), "%.*s", (int)strcspn(p, "\r\n"), p);
	return true;
}
