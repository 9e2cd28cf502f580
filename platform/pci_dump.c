// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pci_dump.h"
#include "../ref/pci_regs.h"
#include "../util/text.h"
#include "../util/xalloc.h"

/* @n hex digits at @s into @v; false unless all @n are hex. */
static bool hex_field(const char *s, size_t n, unsigned *v)
{
	size_t i;

	for (*v = 0, i = 0; i < n; i++) {
		if (!text_is_hex(s[i]))
			return false;
		*v = *v << 4 | text_hex_value(s[i]);
	}
	return true;
}

/*
 * "BB:DD.F ", "DDDD:BB:DD.F " or "DDDDD:BB:DD.F ": libpci's three device
 * line patterns, the function a decimal digit.
 */
static bool device_line(const char *s, size_t n, unsigned *dom, unsigned *bus,
			unsigned *dev, unsigned *fn)
{
	size_t d;

	for (d = 0; d < 5 && d < n && text_is_hex(s[d]); d++)
		;
	if (d == 2)
		d = 0;                      /* no domain: "BB:" */
	else if (d != 4 && d != 5)
		return false;
	if (d && (d >= n || s[d] != ':'))
		return false;
	*dom = 0;
	if (d && !hex_field(s, d, dom))
		return false;
	s += d ? d + 1 : 0;
	n -= d ? d + 1 : 0;
	if (n < 8 || !hex_field(s, 2, bus) || s[2] != ':' || !hex_field(s + 3, 2, dev) ||
	    s[5] != '.' || s[6] < '0' || s[6] > '9' || s[7] != ' ')
		return false;
	*fn = (unsigned)(s[6] - '0');
	return true;
}

/* "OFFSET: " with 2 to 8 hex digits; the bytes' start in @rest. */
static bool config_line(const char *s, size_t n, unsigned long *off, size_t *rest)
{
	size_t d;

	for (d = 0, *off = 0; d < n && d < 9 && text_is_hex(s[d]); d++)
		*off = *off << 4 | text_hex_value(s[d]);
	if (d < 2 || d > 8 || d + 1 >= n || s[d] != ':' || s[d + 1] != ' ')
		return false;
	*rest = d + 2;
	return true;
}

size_t pci_dump_readable(size_t len)
{
	return len >= PCI_CFG_SPACE_EXP_SIZE ? PCI_CFG_SPACE_EXP_SIZE :
	       len >= PCI_CFG_SPACE_SIZE ? PCI_CFG_SPACE_SIZE :
	       len >= PCI_CFG_HEADER_SIZE ? PCI_CFG_HEADER_SIZE : 0;
}

/* What libpci's reads would give: the readable prefix, 0xff past it. */
static void finish_function(struct pci_fn *f, size_t dumped)
{
	f->cfg_len = (uint16_t)pci_dump_readable(dumped);
	memset(f->cfg + f->cfg_len, 0xff, sizeof(f->cfg) - f->cfg_len);
	if (f->cfg_len < PCI_CFG_HEADER_SIZE)
		snprintf(f->cfg_why, sizeof(f->cfg_why), "the dump gives %zu bytes of its "
			 "configuration header", dumped);
	else if (f->cfg_len == PCI_CFG_HEADER_SIZE)
		snprintf(f->cfg_why, sizeof(f->cfg_why), "the dump gives only the 64-byte "
			 "header (lspci -x, or not root): capabilities unknown");
}

/* The config bytes "hh hh ..." of one line at offset @off of @f. */
static const char *put_bytes(struct pci_fn *f, unsigned long off, const char *s, size_t n,
			     size_t *dumped)
{
	size_t i = 0;

	while (i < n) {
		if (i + 2 > n || !text_is_hex(s[i]) || !text_is_hex(s[i + 1]) ||
		    (i + 2 < n && s[i + 2] != ' '))
			return "not a config line \"OFFSET: hh hh ...\"";
		if (off >= PCI_CFG_SPACE_EXP_SIZE)
			return "past the 4096 bytes of configuration space";
		f->cfg[off++] = (uint8_t)(text_hex_value(s[i]) << 4 | text_hex_value(s[i + 1]));
		if (off > *dumped)
			*dumped = off;
		i += i + 2 < n ? 3 : 2;
	}
	return NULL;
}

struct seen {
	size_t index, line;
};

static int cmp_seen(const void *a, const void *b, void *arg)
{
	const struct pci_model *m = arg;
	const struct seen *x = a, *y = b;
	const struct pci_fn *f = &m->fns[x->index], *g = &m->fns[y->index];

	if (f->segment != g->segment)
		return f->segment < g->segment ? -1 : 1;
	if (f->bus != g->bus)
		return f->bus < g->bus ? -1 : 1;
	if (f->dev != g->dev)
		return f->dev < g->dev ? -1 : 1;
	if (f->fn != g->fn)
		return f->fn < g->fn ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* A function listed twice would be two devices to libpci: refused. O(n log n). */
static int refuse_repeats(const struct pci_model *m, size_t first, const size_t *lines,
			  char *err, size_t errlen)
{
	size_t n = m->n - first, i;
	struct seen *s;
	int rc = 0;

	if (n < 2)
		return 0;
	s = xmalloc(n * sizeof(*s));
	for (i = 0; i < n; i++)
		s[i] = (struct seen){ first + i, lines[i] };
	qsort_r(s, n, sizeof(*s), cmp_seen, (void *)m);
	for (i = 1; i < n && !rc; i++) {
		const struct pci_fn *f = &m->fns[s[i].index], *g = &m->fns[s[i - 1].index];

		if (f->segment == g->segment && f->bus == g->bus && f->dev == g->dev &&
		    f->fn == g->fn) {
			snprintf(err, errlen, "line %zu: %04x:%02x:%02x.%u again (first at "
				 "line %zu)", s[i].line, f->segment, f->bus, f->dev, f->fn,
				 s[i - 1].line);
			rc = -1;
		}
	}
	free(s);
	return rc;
}

int pci_dump_parse(const char *text, size_t len, struct pci_model *out,
		   char *err, size_t errlen)
{
	size_t pos = 0, lineno = 0, dumped = 0, first = out->n, *lines = NULL;
	struct pci_fn *f = NULL;
	const char *why = NULL;
	int rc = 0;

	while (pos < len && !why) {
		const char *line = text + pos, *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos, rest;
		unsigned dom, bus, dev, fn;
		unsigned long off;

		pos += n + 1;
		lineno++;
		if (n && line[n - 1] == '\r')
			n--;
		if (memchr(line, '\0', n)) {
			why = "holds a NUL byte";
		} else if (device_line(line, n, &dom, &bus, &dev, &fn)) {
			if (f)
				finish_function(f, dumped);
			f = NULL;
			/*
			 * Domains above 0xffff are made up by Linux for devices
			 * behind Intel VMD; no DMAR segment can name them.
			 */
			if (dom > UINT16_MAX)
				continue;
			if (dev >= 32 || fn >= 8) {
				why = "not a PCI function (device 0-1f, function 0-7)";
				continue;
			}
			lines = xgrow(lines, out->n - first, sizeof(*lines));
			f = pci_model_add(out, (uint16_t)dom, (uint8_t)bus, (uint8_t)dev,
					  (uint8_t)fn);
			if (!f) {
				why = "out of memory";
				continue;
			}
			lines[out->n - first - 1] = lineno;
			dumped = 0;
			memset(f->cfg, 0xff, sizeof(f->cfg));
		} else if (!n) {
			if (f)
				finish_function(f, dumped);
			f = NULL;
		} else if (f && config_line(line, n, &off, &rest)) {
			why = put_bytes(f, off, line + rest, n - rest, &dumped);
		}
	}
	if (f)
		finish_function(f, dumped);
	if (why) {
		snprintf(err, errlen, "line %zu: %s", lineno, why);
		rc = -1;
	} else {
		rc = refuse_repeats(out, first, lines, err, errlen);
	}
	free(lines);
	if (rc)
		out->n = first;
	return rc;
}
