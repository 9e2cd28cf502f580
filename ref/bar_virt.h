/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * BAR virtualization, as a hypervisor does it for an assigned device, and
 * why a device that decodes pointers into its own BAR breaks under it.
 *
 * The host's PCI core placed each BAR at a host-physical address (the host
 * BAR). The guest OS sees a virtual config space and programs its own
 * value (the guest BAR, a guest-physical address). The hypervisor maps the
 * one range onto the other page by page (EPT on KVM, the P2M on Xen), so a
 * CPU access by the guest at guest BAR + offset lands at host BAR + offset:
 * registers and memory behind the BAR work.
 *
 * The device knows nothing of this: its BAR registers hold the host values.
 * A driver that hands the device an address *inside the device's own BAR*
 * (a command whose buffer pointer points into the device's private memory)
 * computes it from the BAR it sees, the guest's; the device decodes it
 * against its real BAR, the host's. It hits the buffer only when the two
 * are equal (an identity-mapped BAR: Xen's and KVM's identity options, or
 * a guest BAR that happens to equal the host's); otherwise the pointer
 * falls outside the device's memory or onto the wrong offset in it.
 * (docs/bar.md has the picture.) Pure C.
 */
#ifndef VTDCERT_REF_BAR_VIRT_H
#define VTDCERT_REF_BAR_VIRT_H

#include <stdbool.h>
#include <stdint.h>

#define BAR_VIRT_MAX_BARS   6       /* a type 0 function's */
/* The granule of the guest-physical to host-physical map (EPT, P2M, IOMMU). */
#define BAR_VIRT_PAGE_SIZE  0x1000ull

struct bar_virt_bar {
	uint64_t host, guest, size;
	/*
	 * The map can be page-granular: host and guest agree on the offset
	 * within a page. Otherwise the hypervisor cannot map the pages and
	 * must trap every access and forward it (still correct, only slow).
	 */
	bool direct;
};

struct bar_virt {
	unsigned n;
	struct bar_virt_bar bar[BAR_VIRT_MAX_BARS];
};

/* Where a device's decode of a pointer landed. */
enum bar_virt_hit {
	BAR_VIRT_HIT,               /* the buffer the driver meant */
	BAR_VIRT_WRONG_OFFSET,      /* inside its memory, another offset: silent corruption */
	BAR_VIRT_OUTSIDE,           /* outside its memory: not the device's at all */
};

void bar_virt_init(struct bar_virt *v);
/*
 * Add a BAR of @size at host address @host that the guest programmed at
 * @guest. Its number, or -1 when the table is full, @size is 0, or a range
 * wraps past the top of the address space.
 */
int bar_virt_add(struct bar_virt *v, uint64_t host, uint64_t guest, uint64_t size);
/* Every BAR identity-mapped: the guest's value made the host's (Xen/KVM identity). */
void bar_virt_identity(struct bar_virt *v);
bool bar_virt_is_identity(const struct bar_virt *v, unsigned bar);

/*
 * A CPU access of the guest at guest-physical @gpa: the host-physical
 * address the map sends it to. false when no BAR covers @gpa.
 */
bool bar_virt_cpu(const struct bar_virt *v, uint64_t gpa, uint64_t *hpa);
/* What the guest driver writes to the device: its BAR @bar (the guest's) + @offset. */
uint64_t bar_virt_driver_pointer(const struct bar_virt *v, unsigned bar, uint64_t offset);

struct bar_virt_decode {
	enum bar_virt_hit hit;
	int bar;                    /* the BAR the pointer fell in, or -1 */
	uint64_t offset;            /* its offset there */
};
/*
 * The device decodes pointer @addr against its host BARs, meaning offset
 * @want of BAR @bar: where it really lands.
 */
void bar_virt_device_decode(const struct bar_virt *v, unsigned bar, uint64_t want,
			    uint64_t addr, struct bar_virt_decode *out);
const char *bar_virt_hit_name(enum bar_virt_hit h);

#endif
