/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Inside the bar view: each kind of hazard is found by one file. */
#ifndef VTDCERT_SUITES_BAR_FINDINGS_H
#define VTDCERT_SUITES_BAR_FINDINGS_H

#include "bar_view.h"

/* Record a finding of kind @k on function @i (takes @ev; NULL: an empty object). */
void bar_add_finding(struct bar_view *v, size_t i, enum bar_kind k, enum vt_status st,
		     int bar, struct vt_value *ev, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* bar_pages.c: sub-page BARs and pages shared between functions, over the whole model. */
void bar_find_pages(struct bar_view *v);
/* bar_msix.c: the MSI-X table and PBA of function @i. */
void bar_find_msix(struct bar_view *v, size_t i);

#endif
