/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The msi suite's active check: MSI raised by an assigned device, and the chip it came through. */
#ifndef VTDCERT_SUITES_MSI_ACTIVE_H
#define VTDCERT_SUITES_MSI_ACTIVE_H

#include "../../framework/suite.h"

#include "../../passthrough/passthrough.h"

extern const struct vt_check msi_delivery;

/* What raising MSI once on an assigned device showed. */
struct msi_seen {
	bool fired;                 /* the eventfd fired */
	unsigned long long before, after;   /* the vector's /proc/interrupts count */
	char chip[128];             /* the chip and hardware IRQ it went through */
	char why[PT_WHY_SIZE];
};

/*
 * Assign @bdf through @pt, raise MSI once, give it back: 0, or -errno with
 * @s->why. The check calls it through msi_raise_hook, which tests point at
 * a machine of their own.
 */
int msi_raise_once(struct pt_session *pt, const char *bdf, struct msi_seen *s);
extern int (*msi_raise_hook)(struct pt_session *pt, const char *bdf, struct msi_seen *s);

#endif
