// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JUnit XML through libxml2: one <testsuite> per suite, one <testcase> per
 * result. JUnit has no "warning", so a warn is a passing testcase whose
 * <system-out> says WARN; skip and error map to <skipped> and <error>.
 *
 * libxml2 is loaded when a JUnit report is asked for, not at start-up:
 * Debian's libxml2 pulls in ICU and libstdc++, whose relocation cost more
 * than a whole `vtdcert dmar` run over the corpus (docs/PERFORMANCE.md),
 * and a certification run on a bare OEM machine then needs libxml2 only
 * for the report that uses it.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "results.h"
#include "../util/text.h"
#include "../util/xalloc.h"

#define LIBXML2_SONAME "libxml2.so.2"
#define X(s) BAD_CAST(s)

/* The libxml2 calls this writer makes, resolved once. */
static struct {
	xmlBufferPtr (*buffer_create)(void);
	void (*buffer_free)(xmlBufferPtr b);
	const xmlChar *(*buffer_content)(const xmlBuffer *b);
	int (*buffer_length)(const xmlBuffer *b);
	xmlTextWriterPtr (*new_writer)(xmlBufferPtr b, int compression);
	int (*set_indent)(xmlTextWriterPtr w, int indent);
	int (*start_document)(xmlTextWriterPtr w, const char *version,
			      const char *encoding, const char *standalone);
	int (*end_document)(xmlTextWriterPtr w);
	int (*start_element)(xmlTextWriterPtr w, const xmlChar *name);
	int (*end_element)(xmlTextWriterPtr w);
	int (*write_attribute)(xmlTextWriterPtr w, const xmlChar *name,
			       const xmlChar *content);
	int (*write_element)(xmlTextWriterPtr w, const xmlChar *name,
			     const xmlChar *content);
	int (*write_string)(xmlTextWriterPtr w, const xmlChar *content);
	void (*free_writer)(xmlTextWriterPtr w);
} xml;

static const struct {
	const char *symbol;
	void **slot;
} xml_symbols[] = {
	{ "xmlBufferCreate", (void **)&xml.buffer_create },
	{ "xmlBufferFree", (void **)&xml.buffer_free },
	{ "xmlBufferContent", (void **)&xml.buffer_content },
	{ "xmlBufferLength", (void **)&xml.buffer_length },
	{ "xmlNewTextWriterMemory", (void **)&xml.new_writer },
	{ "xmlTextWriterSetIndent", (void **)&xml.set_indent },
	{ "xmlTextWriterStartDocument", (void **)&xml.start_document },
	{ "xmlTextWriterEndDocument", (void **)&xml.end_document },
	{ "xmlTextWriterStartElement", (void **)&xml.start_element },
	{ "xmlTextWriterEndElement", (void **)&xml.end_element },
	{ "xmlTextWriterWriteAttribute", (void **)&xml.write_attribute },
	{ "xmlTextWriterWriteElement", (void **)&xml.write_element },
	{ "xmlTextWriterWriteString", (void **)&xml.write_string },
	{ "xmlFreeTextWriter", (void **)&xml.free_writer },
};

static int load_libxml2(void)
{
	static void *handle;
	size_t i;

	if (handle)
		return 0;
	handle = dlopen(LIBXML2_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		fprintf(stderr, "vtdcert: JUnit output needs %s: %s\n",
			LIBXML2_SONAME, dlerror());
		return -1;
	}
	for (i = 0; i < sizeof(xml_symbols) / sizeof(xml_symbols[0]); i++) {
		*xml_symbols[i].slot = dlsym(handle, xml_symbols[i].symbol);
		if (!*xml_symbols[i].slot) {
			fprintf(stderr, "vtdcert: %s lacks %s\n", LIBXML2_SONAME,
				xml_symbols[i].symbol);
			dlclose(handle);
			handle = NULL;
			return -1;
		}
	}
	return 0;
}

/*
 * Firmware strings and kernel messages may hold control bytes or invalid
 * UTF-8, which XML 1.0 cannot carry at all: they go out as "\xNN".
 */
static int attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *clean = text_printable(value, true);
	int rc = xml.write_attribute(w, X(name), X(clean)) < 0;

	free(clean);
	return rc;
}

static int element(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *clean = text_printable(value, true);
	int rc = xml.write_element(w, X(name), X(clean)) < 0;

	free(clean);
	return rc;
}

static int text(xmlTextWriterPtr w, const char *value)
{
	char *clean = text_printable(value, true);
	int rc = xml.write_string(w, X(clean)) < 0;

	free(clean);
	return rc;
}

static int attr_count(xmlTextWriterPtr w, const char *name, size_t value)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%zu", value);
	return attr(w, name, buf);
}

/*
 * The evidence as testcase properties, one per member: a scalar as its
 * text, an object or list as compact JSON (predicted, observed).
 */
static int write_properties(xmlTextWriterPtr w, const struct vt_value *ev)
{
	const struct vt_value *m;
	int rc = 0;

	if (!ev || !ev->first)
		return 0;
	rc |= xml.start_element(w, X("properties")) < 0;
	for (m = ev->first; m && !rc; m = m->next) {
		char *value = m->kind == VT_VAL_STR ? xstrdup(m->s) : vt_value_text(m);

		rc |= xml.start_element(w, X("property")) < 0;
		rc |= attr(w, "name", m->key);
		rc |= attr(w, "value", value);
		rc |= xml.end_element(w) < 0;
		free(value);
	}
	rc |= xml.end_element(w) < 0;
	return rc;
}

static int write_case(xmlTextWriterPtr w, const struct vt_result *r)
{
	char *name = xasprintf("%s [%s]", r->check->id, r->subject);
	char *ev = r->ev && r->ev->first ? vt_value_text(r->ev) : NULL;
	char *body = xasprintf("%s\nreference: %s%s%s", r->message, r->check->reference,
			       ev ? "\nevidence: " : "", ev ? ev : "");
	const char *tag = NULL;
	int rc = 0;

	free(ev);
	rc |= xml.start_element(w, X("testcase")) < 0;
	rc |= attr(w, "classname", r->suite);
	rc |= attr(w, "name", name);
	rc |= write_properties(w, r->ev);
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
	case VT_WARN: {
		char *out = xasprintf("WARN: %s", body);

		rc |= element(w, "system-out", out);
		free(out);
		break;
	}
	default:
		break;
	}
	if (tag) {
		rc |= xml.start_element(w, X(tag)) < 0;
		rc |= attr(w, "message", r->message);
		if (r->status == VT_FAIL)
			rc |= attr(w, "type", vt_severity_name(r->check->severity));
		rc |= text(w, body);
		rc |= xml.end_element(w) < 0;
	}
	rc |= xml.end_element(w) < 0;
	free(body);
	free(name);
	return rc ? -1 : 0;
}

static int write_suite(xmlTextWriterPtr w, const struct vt_results *rs,
		       const char *suite)
{
	size_t i, count[VT_STATUS_COUNT] = { 0 }, n = 0;
	int rc = 0;

	for (i = 0; i < rs->n; i++)
		if (!strcmp(rs->v[i].suite, suite)) {
			count[rs->v[i].status]++;
			n++;
		}
	rc |= xml.start_element(w, X("testsuite")) < 0;
	rc |= attr(w, "name", suite);
	rc |= attr_count(w, "tests", n);
	rc |= attr_count(w, "failures", count[VT_FAIL]);
	rc |= attr_count(w, "errors", count[VT_ERROR]);
	rc |= attr_count(w, "skipped", count[VT_SKIP]);
	for (i = 0; i < rs->n && !rc; i++)
		if (!strcmp(rs->v[i].suite, suite))
			rc |= write_case(w, &rs->v[i]);
	rc |= xml.end_element(w) < 0;
	return rc ? -1 : 0;
}

/* Whether suite @name was written; remembered when not (suites are few). */
static bool written(const char ***done, size_t *n, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp((*done)[i], name))
			return true;
	*done = xgrow(*done, *n, sizeof(**done));
	(*done)[(*n)++] = name;
	return false;
}

int vt_write_junit(const struct vt_results *rs, FILE *f)
{
	const char **done = NULL;
	size_t ndone = 0;
	xmlTextWriterPtr w;
	xmlBufferPtr buf;
	size_t i;
	int rc = 0;

	if (load_libxml2()) {
		errno = ENOSYS;
		return -1;
	}
	buf = xml.buffer_create();
	w = buf ? xml.new_writer(buf, 0) : NULL;
	if (!w) {
		if (buf)
			xml.buffer_free(buf);
		errno = ENOMEM;
		return -1;
	}
	xml.set_indent(w, 1);
	rc |= xml.start_document(w, NULL, "UTF-8", NULL) < 0;
	rc |= xml.start_element(w, X("testsuites")) < 0;
	rc |= attr(w, "name", "vtdcert");
	/* Suites in the order their first result appears: a new name starts one. */
	for (i = 0; i < rs->n && !rc; i++)
		if (!i || strcmp(rs->v[i - 1].suite, rs->v[i].suite))
			rc |= written(&done, &ndone, rs->v[i].suite) ? 0 :
			      write_suite(w, rs, rs->v[i].suite);
	free(done);
	rc |= xml.end_element(w) < 0;
	rc |= xml.end_document(w) < 0;
	xml.free_writer(w);     /* flushes into buf */
	if (!rc) {
		size_t len = (size_t)xml.buffer_length(buf);

		if (fwrite(xml.buffer_content(buf), 1, len, f) != len || fflush(f))
			rc = -1;
	} else {
		errno = EIO;
	}
	xml.buffer_free(buf);
	return rc ? -1 : 0;
}
