// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JUnit XML through libxml2: one <testsuite> per suite, one <testcase> per
 * result. JUnit has no "warning", so a warn is a passing testcase whose
 * <system-out> says WARN; skip and error map to <skipped> and <error>.
 */
#include <errno.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "results.h"
#include "xalloc.h"

#define X(s) BAD_CAST(s)

static int write_case(xmlTextWriterPtr w, const struct vt_result *r)
{
	char *name = xasprintf("%s [%s]", r->check->id, r->subject);
	const char *tag = NULL;
	int rc = 0;

	rc |= xmlTextWriterStartElement(w, X("testcase")) < 0;
	rc |= xmlTextWriterWriteAttribute(w, X("classname"), X(r->check->suite)) < 0;
	rc |= xmlTextWriterWriteAttribute(w, X("name"), X(name)) < 0;
	switch (r->status) {
	case VT_FAIL:
		tag = "failure";
		break;
	case VT_SKIP:
		tag = "skipped";
		break;
	case VT_ERROR:
		tag = "error";
		break;
	case VT_WARN:
		rc |= xmlTextWriterWriteFormatElement(w, X("system-out"), "WARN: %s (%s)",
						      r->message, r->check->reference) < 0;
		break;
	default:
		break;
	}
	if (tag) {
		rc |= xmlTextWriterStartElement(w, X(tag)) < 0;
		rc |= xmlTextWriterWriteAttribute(w, X("message"), X(r->message)) < 0;
		if (r->status == VT_FAIL)
			rc |= xmlTextWriterWriteAttribute(w, X("type"),
					X(vt_severity_name(r->check->severity))) < 0;
		rc |= xmlTextWriterWriteFormatString(w, "%s\nreference: %s",
						     r->message, r->check->reference) < 0;
		rc |= xmlTextWriterEndElement(w) < 0;
	}
	rc |= xmlTextWriterEndElement(w) < 0;
	free(name);
	return rc ? -1 : 0;
}

static int write_suite(xmlTextWriterPtr w, const struct vt_results *rs,
		       const char *suite)
{
	size_t i, count[VT_STATUS_COUNT] = { 0 }, n = 0;
	int rc = 0;

	for (i = 0; i < rs->n; i++)
		if (!strcmp(rs->v[i].check->suite, suite)) {
			count[rs->v[i].status]++;
			n++;
		}
	rc |= xmlTextWriterStartElement(w, X("testsuite")) < 0;
	rc |= xmlTextWriterWriteAttribute(w, X("name"), X(suite)) < 0;
	rc |= xmlTextWriterWriteFormatAttribute(w, X("tests"), "%zu", n) < 0;
	rc |= xmlTextWriterWriteFormatAttribute(w, X("failures"), "%zu", count[VT_FAIL]) < 0;
	rc |= xmlTextWriterWriteFormatAttribute(w, X("errors"), "%zu", count[VT_ERROR]) < 0;
	rc |= xmlTextWriterWriteFormatAttribute(w, X("skipped"), "%zu", count[VT_SKIP]) < 0;
	for (i = 0; i < rs->n && !rc; i++)
		if (!strcmp(rs->v[i].check->suite, suite))
			rc |= write_case(w, &rs->v[i]);
	rc |= xmlTextWriterEndElement(w) < 0;
	return rc ? -1 : 0;
}

int vt_write_junit(const struct vt_results *rs, const char *path)
{
	xmlTextWriterPtr w;
	size_t i, j;
	int rc = 0;

	w = xmlNewTextWriterFilename(path, 0);
	if (!w) {
		errno = EIO;
		return -1;
	}
	xmlTextWriterSetIndent(w, 1);
	rc |= xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0;
	rc |= xmlTextWriterStartElement(w, X("testsuites")) < 0;
	rc |= xmlTextWriterWriteAttribute(w, X("name"), X("vtdcert")) < 0;
	/* Suites in the order their first result appears. */
	for (i = 0; i < rs->n && !rc; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(rs->v[j].check->suite, rs->v[i].check->suite))
				break;
		if (j == i)
			rc |= write_suite(w, rs, rs->v[i].check->suite);
	}
	rc |= xmlTextWriterEndElement(w) < 0;
	rc |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);
	if (rc)
		errno = EIO;
	return rc ? -1 : 0;
}
