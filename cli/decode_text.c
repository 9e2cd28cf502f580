// SPDX-License-Identifier: GPL-2.0-or-later
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode_text.h"
#include "../ref/dmar_defs.h"
#include "../ref/dmar_index.h"
#include "../ref/dmar_scope.h"
#include "../util/text.h"
#include "../util/xalloc.h"

struct flag_name {
	unsigned bit;
	const char *name;
};

/* "INTR_REMAP X2APIC_OPT_OUT", what is left as hex; "none" for 0. */
static void flags(FILE *f, unsigned v, const struct flag_name *names, size_t n)
{
	unsigned rest = v;
	size_t i;

	fprintf(f, "0x%02x (", v);
	for (i = 0; i < n; i++)
		if (v & names[i].bit) {
			fprintf(f, "%s%s", rest != v ? " " : "", names[i].name);
			rest &= ~names[i].bit;
		}
	if (rest)
		fprintf(f, "%sreserved 0x%02x", rest != v ? " " : "", rest);
	fprintf(f, "%s)", v ? "" : "none");
}

static void text_field(FILE *f, const char *label, const char *s, size_t n)
{
	char buf[16], *clean;

	snprintf(buf, sizeof(buf), "%.*s", (int)strnlen(s, n), s);
	clean = text_printable(buf, false);
	fprintf(f, "  %-18s \"%s\"\n", label, clean);
	free(clean);
}

static const char *resolution_text(const struct scope_resolution *r, char *buf, size_t size)
{
	switch (r->status) {
	case SCOPE_RESOLVED:
		return pci_fn_name(r->fn, buf, size);
	case SCOPE_NO_PATH:
		return "no path";
	case SCOPE_NOT_FOUND:
		snprintf(buf, size, "no device at hop %u (bus %02x)", r->step, r->bus);
		return buf;
	case SCOPE_NOT_BRIDGE:
		snprintf(buf, size, "hop %u is not a bridge", r->step);
		return buf;
	case SCOPE_NO_CONFIG:
		snprintf(buf, size, "hop %u unreadable", r->step);
		return buf;
	}
	return "?";
}

static void scopes(FILE *f, const struct dmar_struct *s, const struct pci_model *m)
{
	uint16_t segment = 0;
	bool has_segment = dmar_struct_segment(s, &segment);
	size_t i, k;

	for (i = 0; i < s->nscopes; i++) {
		const struct dmar_scope *sc = &s->scopes[i];
		const char *name = dmar_scope_type_name(sc->type);
		char bdf[64];

		fprintf(f, "    [%03x] scope %-18s start bus %02x, path", sc->offset,
			name ? name : "(unknown type)", sc->start_bus);
		for (k = 0; k < sc->npath; k++)
			fprintf(f, " %02x.%x", sc->path[k].device, sc->path[k].function);
		if (sc->type == SCOPE_TYPE_IOAPIC || sc->type == SCOPE_TYPE_HPET ||
		    sc->type == SCOPE_TYPE_NAMESPACE)
			fprintf(f, ", enumeration ID 0x%02x", sc->enumeration_id);
		if (m && has_segment && dmar_scope_is_pci(sc)) {
			struct scope_resolution r;

			dmar_scope_resolve(sc, segment, m, &r);
			fprintf(f, " -> %s", resolution_text(&r, bdf, sizeof(bdf)));
		}
		fputc('\n', f);
	}
}

static void structure(FILE *f, const struct dmar_struct *s, const struct pci_model *m)
{
	static const struct flag_name drhd[] = { { DRHD_FLAG_INCLUDE_PCI_ALL, "INCLUDE_PCI_ALL" } };
	static const struct flag_name atsr[] = { { ATSR_FLAG_ALL_PORTS, "ALL_PORTS" } };
	const char *name = dmar_struct_type_name(s->type);

	fprintf(f, "[%03x] %-5s length 0x%x", s->offset, name ? name : "?", s->length);
	if (!name)
		fprintf(f, " (type %u, unknown: skipped)", s->type);
	if (s->truncated) {
		fprintf(f, " (truncated)\n");
		return;
	}
	switch (s->type) {
	case DMAR_TYPE_DRHD:
		fprintf(f, ", segment %04x, registers 0x%" PRIx64 ", size %u, flags ",
			s->u.drhd.segment, s->u.drhd.register_base, s->u.drhd.size);
		flags(f, s->u.drhd.flags, drhd, 1);
		break;
	case DMAR_TYPE_RMRR:
		fprintf(f, ", segment %04x, memory 0x%" PRIx64 "-0x%" PRIx64, s->u.rmrr.segment,
			s->u.rmrr.base, s->u.rmrr.limit);
		break;
	case DMAR_TYPE_ATSR:
	case DMAR_TYPE_SATC:
		fprintf(f, ", segment %04x, flags ", s->u.atsr.segment);
		flags(f, s->u.atsr.flags, atsr, 1);
		break;
	case DMAR_TYPE_RHSA:
		fprintf(f, ", registers 0x%" PRIx64 ", proximity domain 0x%x",
			s->u.rhsa.register_base, s->u.rhsa.proximity_domain);
		break;
	case DMAR_TYPE_ANDD: {
		char *obj = xasprintf("%.*s", (int)(s->tail ? strnlen((const char *)s->tail,
								     s->tail_len) : 0),
				      s->tail ? (const char *)s->tail : "");
		char *clean = text_printable(obj, false);

		fprintf(f, ", device number 0x%02x, object \"%s\"", s->u.andd.device_number,
			clean);
		free(clean);
		free(obj);
		break;
	}
	case DMAR_TYPE_SIDP:
		fprintf(f, ", segment %04x", s->u.sidp.segment);
		break;
	}
	fputc('\n', f);
	if (dmar_struct_scope_start(s->type))
		scopes(f, s, m);
}

int decode_print_text(FILE *f, const struct dmar_table *t, const struct pci_model *m)
{
	static const struct flag_name table[] = {
		{ DMAR_FLAG_INTR_REMAP, "INTR_REMAP" },
		{ DMAR_FLAG_X2APIC_OPT_OUT, "X2APIC_OPT_OUT" },
		{ DMAR_FLAG_DMA_CTRL_PLATFORM_OPT_IN, "DMA_CTRL_PLATFORM_OPT_IN" },
	};
	size_t i;

	fprintf(f, "DMAR table, %u bytes, revision %u, checksum 0x%02x (%s)\n", t->length,
		t->revision, t->checksum, t->checksum_valid ? "valid" : "INVALID");
	text_field(f, "OEM ID", t->oem_id, ACPI_OEM_ID_LEN);
	text_field(f, "OEM table ID", t->oem_table_id, ACPI_OEM_TABLE_ID_LEN);
	fprintf(f, "  %-18s 0x%08x\n", "OEM revision", t->oem_revision);
	text_field(f, "creator ID", t->creator_id, ACPI_NAME_LEN);
	fprintf(f, "  %-18s 0x%08x\n", "creator revision", t->creator_revision);
	fprintf(f, "  %-18s %u bits (field 0x%02x)\n", "host address width", dmar_haw_bits(t),
		t->haw);
	fprintf(f, "  %-18s ", "flags");
	flags(f, t->flags, table, sizeof(table) / sizeof(table[0]));
	fputc('\n', f);
	for (i = 0; i < t->nstructs; i++)
		structure(f, &t->structs[i], m);
	for (i = 0; i < t->nproblems; i++)
		fprintf(f, "problem at 0x%x: %s (value %" PRIu64 ", limit %" PRIu64 ")\n",
			t->problems[i].offset, dmar_problem_describe(t->problems[i].kind),
			(uint64_t)t->problems[i].value, (uint64_t)t->problems[i].limit);
	return ferror(f) ? -1 : 0;
}
