/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A session and an assigned device, as assign.c and device.c share them. */
#ifndef VTDCERT_PASSTHROUGH_DEVICE_H
#define VTDCERT_PASSTHROUGH_DEVICE_H

#include "pt_internal.h"

#define PT_MAX_MEMBERS 8            /* other group members taken with --take */
#define PT_MAX_VECTORS 32           /* MSI/MSI-X vectors on eventfds */

struct pt_session {
	struct pt_policy pol;
	const struct pt_iommu_ops *ops;
	struct pt_device *devices;  /* assigned now */
};

struct pt_device {
	struct pt_device *next;
	struct pt_session *s;
	struct pt_journal_entry *e;     /* the function itself */
	struct pt_journal_entry *member[PT_MAX_MEMBERS];  /* taken with it */
	size_t nmembers;
	long group;
	uint32_t flags, num_regions, num_irqs;  /* VFIO_DEVICE_GET_INFO */
	int efd[PT_MAX_VECTORS];        /* -1 when not in use */
	unsigned nvec;
	enum pt_irq_kind irq_kind;
};

#endif
