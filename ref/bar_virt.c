// SPDX-License-Identifier: GPL-2.0-or-later
/* The guest/host BAR map and the device's decode of pointers into its BARs. */
#include <string.h>

#include "bar_virt.h"

void bar_virt_init(struct bar_virt *v)
{
	memset(v, 0, sizeof(*v));
}

static bool wraps(uint64_t base, uint64_t size)
{
	return base + (size - 1) < base;
}

int bar_virt_add(struct bar_virt *v, uint64_t host, uint64_t guest, uint64_t size)
{
	struct bar_virt_bar *b;

	if (v->n >= BAR_VIRT_MAX_BARS || !size || wraps(host, size) || wraps(guest, size))
		return -1;
	b = &v->bar[v->n];
	b->host = host;
	b->guest = guest;
	b->size = size;
	b->direct = !((host ^ guest) & (BAR_VIRT_PAGE_SIZE - 1));
	return (int)v->n++;
}

void bar_virt_identity(struct bar_virt *v)
{
	unsigned i;

	for (i = 0; i < v->n; i++) {
		v->bar[i].guest = v->bar[i].host;
		v->bar[i].direct = true;
	}
}

bool bar_virt_is_identity(const struct bar_virt *v, unsigned bar)
{
	return bar < v->n && v->bar[bar].guest == v->bar[bar].host;
}

static bool within(uint64_t base, uint64_t size, uint64_t a)
{
	return a >= base && a - base < size;
}

bool bar_virt_cpu(const struct bar_virt *v, uint64_t gpa, uint64_t *hpa)
{
	unsigned i;

	/* Directly mapped or trapped and forwarded: the access lands at the same offset. */
	for (i = 0; i < v->n; i++)
		if (within(v->bar[i].guest, v->bar[i].size, gpa)) {
			*hpa = v->bar[i].host + (gpa - v->bar[i].guest);
			return true;
		}
	return false;
}

uint64_t bar_virt_driver_pointer(const struct bar_virt *v, unsigned bar, uint64_t offset)
{
	return bar < v->n ? v->bar[bar].guest + offset : offset;
}

void bar_virt_device_decode(const struct bar_virt *v, unsigned bar, uint64_t want,
			    uint64_t addr, struct bar_virt_decode *out)
{
	unsigned i;

	out->hit = BAR_VIRT_OUTSIDE;
	out->bar = -1;
	out->offset = 0;
	/* The device compares against its own registers: the host BARs. */
	for (i = 0; i < v->n; i++)
		if (within(v->bar[i].host, v->bar[i].size, addr)) {
			out->bar = (int)i;
			out->offset = addr - v->bar[i].host;
			out->hit = i == bar && out->offset == want ? BAR_VIRT_HIT :
				   BAR_VIRT_WRONG_OFFSET;
			return;
		}
}

const char *bar_virt_hit_name(enum bar_virt_hit h)
{
	return h == BAR_VIRT_HIT ? "hit" : h == BAR_VIRT_WRONG_OFFSET ? "wrong offset" :
	       "outside";
}
