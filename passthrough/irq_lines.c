// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where an assigned device's interrupt went, as /proc/interrupts says:
 * vfio-pci requests each vector it enables under a name of its own,
 * "vfio-msi[N](BDF)", "vfio-msix[N](BDF)" or "vfio-intx(BDF)"
 * (drivers/vfio/pci/vfio_pci_intrs.c), and the line shows the chip that
 * delivered it ("IR-PCI-MSI" when the IOMMU remaps it, "PCI-MSI" when not).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_device.h"

#define PROC_INTERRUPTS "/proc/interrupts"
#define IRQ_LINE_MAX    4096

static void vfio_name(char *buf, size_t size, enum pt_irq_kind kind, unsigned vec,
		      const char *bdf)
{
	if (kind == PT_IRQ_INTX)
		snprintf(buf, size, "vfio-intx(%s)", bdf);
	else
		snprintf(buf, size, "vfio-%s[%u](%s)", kind == PT_IRQ_MSIX ? "msix" : "msi", vec, bdf);
}

/*
 * "  45:   0   3   IR-PCI-MSI 1048576-edge   vfio-msi[0](0000:02:00.0)":
 * the counts summed, the text between them and @name into @chip.
 */
static bool parse_line(char *line, const char *name, unsigned long long *count, char *chip,
		       size_t size)
{
	char *p = strchr(line, ':'), *end, *at = strstr(line, name);
	unsigned long long total = 0, v;

	if (!p || !at)
		return false;
	p++;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!isdigit((unsigned char)*p))
			break;
		v = strtoull(p, &end, 10);
		if (*end != ' ' && *end != '\t' && *end != '\n')
			break;      /* "1048576-edge": the hardware IRQ, not a count */
		total += v;
		p = end;
	}
	while (at > p && (at[-1] == ' ' || at[-1] == '\t'))
		at--;
	snprintf(chip, size, "%.*s", (int)(at - p), p);
	*count = total;
	return true;
}

int pt_irq_line(struct pt_device *d, enum pt_irq_kind kind, unsigned vec,
		unsigned long long *count, char *chip, size_t size, char *why)
{
	char name[64], line[IRQ_LINE_MAX];
	bool found = false;
	FILE *f = fopen(PROC_INTERRUPTS, "re");

	if (!f)
		return pt_fail(why, -errno, PROC_INTERRUPTS ": %s", strerror(errno));
	vfio_name(name, sizeof(name), kind, vec, d->e->bdf);
	while (!found && fgets(line, sizeof(line), f))
		found = parse_line(line, name, count, chip, size);
	fclose(f);
	return found ? 0 : pt_fail(why, -ENOENT, PROC_INTERRUPTS ": no line for %s", name);
}
