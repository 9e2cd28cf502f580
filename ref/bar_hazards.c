// SPDX-License-Identifier: GPL-2.0-or-later
/* The BAR hazard database: one linear pass, each bad line named. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bar_hazards.h"
#include "pci_bars.h"

#define FIELD_SEP     '|'
#define ID_DIGITS     4
#define CLASS_DIGITS  6

void bar_hazards_init(struct bar_hazards *db)
{
	memset(db, 0, sizeof(*db));
}

void bar_hazards_free(struct bar_hazards *db)
{
	size_t i;

	for (i = 0; i < db->n; i++) {
		free(db->v[i].fact);
		free(db->v[i].source);
		free(db->v[i].where);
	}
	free(db->v);
	bar_hazards_init(db);
}

/* A span of the line being parsed. */
struct span {
	const char *p, *end;
};

static void trim(struct span *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
		s->p++;
	while (s->end > s->p && (s->end[-1] == ' ' || s->end[-1] == '\t' || s->end[-1] == '\r'))
		s->end--;
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Exactly @digits hex digits from @p on, up to @end. */
static bool hex_exact(const char *p, const char *end, unsigned digits, uint32_t *v)
{
	unsigned i;

	if ((size_t)(end - p) != digits)
		return false;
	*v = 0;
	for (i = 0; i < digits; i++) {
		char c = p[i];

		if (!is_hex(c))
			return false;
		*v = *v << 4 | (uint32_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return true;
}

static const char *find(const char *p, const char *end, char c)
{
	return memchr(p, c, (size_t)(end - p));
}

static int bad(char *err, size_t size, const char *name, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int bad(char *err, size_t size, const char *name, size_t line, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(err, size, "%s:%zu: %s", name, line, what);
	return -1;
}

/* One MATCH token, KEY=VALUE, into @h; NULL or what is wrong with it. */
static const char *match_token(struct span t, struct bar_hazard *h, char *why, size_t size)
{
	const char *eq = find(t.p, t.end, '='), *v, *sep;
	size_t klen;
	uint32_t x, y;

	if (!eq) {
		snprintf(why, size, "'%.*s' is not KEY=VALUE (ids=, class=, bar=)",
			 (int)(t.end - t.p), t.p);
		return why;
	}
	klen = (size_t)(eq - t.p);
	v = eq + 1;
	if (klen == 3 && !memcmp(t.p, "ids", 3)) {
		sep = find(v, t.end, ':');
		if (!sep || !hex_exact(v, sep, ID_DIGITS, &x))
			goto bad_ids;
		h->vendor = (uint16_t)x;
		if (t.end - sep == 2 && sep[1] == '*')
			h->any_device = true;
		else if (hex_exact(sep + 1, t.end, ID_DIGITS, &y))
			h->device = (uint16_t)y;
		else
			goto bad_ids;
		h->has_ids = true;
		return NULL;
	}
	if (klen == 5 && !memcmp(t.p, "class", 5)) {
		sep = find(v, t.end, '/');
		if (!hex_exact(v, sep ? sep : t.end, CLASS_DIGITS, &x) ||
		    (sep && !hex_exact(sep + 1, t.end, CLASS_DIGITS, &y))) {
			snprintf(why, size, "'%.*s': a class is class=CCSSPP or class=CCSSPP/MMMMMM "
				 "(six hex digits each)", (int)(t.end - t.p), t.p);
			return why;
		}
		h->class_mask = sep ? y : BAR_HAZARD_CLASS_ALL;
		h->class_code = x & h->class_mask;
		h->has_class = true;
		return NULL;
	}
	if (klen == 3 && !memcmp(t.p, "bar", 3)) {
		if (t.end - v == 3 && !memcmp(v, "rom", 3))
			h->bar = PCI_RES_ROM;
		else if (t.end - v == 1 && *v >= '0' && *v < '0' + PCI_STD_NUM_BARS)
			h->bar = *v - '0';
		else {
			snprintf(why, size, "'%.*s': a BAR is bar=0 to bar=5, or bar=rom",
				 (int)(t.end - t.p), t.p);
			return why;
		}
		return NULL;
	}
	snprintf(why, size, "unknown key '%.*s' (ids=, class=, bar=)", (int)klen, t.p);
	return why;
bad_ids:
	snprintf(why, size, "'%.*s': IDs are ids=VVVV:DDDD or ids=VVVV:* (four hex digits each)",
		 (int)(t.end - t.p), t.p);
	return why;
}

static char *dup_span(struct span s)
{
	size_t n = (size_t)(s.end - s.p);
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s.p, n);
		d[n] = '\0';
	}
	return d;
}

/* Parse one entry line into @h and its two text fields; 0, or -1 with @err set. */
static int parse_line(struct span line, struct bar_hazard *h, struct span *fact_out,
		      struct span *source_out, const char *name, size_t lineno,
		      char *err, size_t errsize)
{
	const char *bar1 = find(line.p, line.end, FIELD_SEP), *bar2;
	struct span match, fact, source, tok;
	char why[200];
	const char *msg;

	if (!bar1 || !(bar2 = find(bar1 + 1, line.end, FIELD_SEP)))
		return bad(err, errsize, name, lineno, "an entry is MATCH | FACT | SOURCE");
	if (find(bar2 + 1, line.end, FIELD_SEP))
		return bad(err, errsize, name, lineno, "more than three '|'-separated fields");
	match = (struct span){ line.p, bar1 };
	fact = (struct span){ bar1 + 1, bar2 };
	source = (struct span){ bar2 + 1, line.end };
	trim(&match);
	trim(&fact);
	trim(&source);
	memset(h, 0, sizeof(*h));
	h->bar = BAR_HAZARD_ANY_BAR;
	for (tok.p = match.p; tok.p < match.end; tok.p = tok.end) {
		while (tok.p < match.end && (*tok.p == ' ' || *tok.p == '\t'))
			tok.p++;
		for (tok.end = tok.p; tok.end < match.end && *tok.end != ' ' && *tok.end != '\t';
		     tok.end++)
			;
		if (tok.p < tok.end && (msg = match_token(tok, h, why, sizeof(why))))
			return bad(err, errsize, name, lineno, "%s", msg);
	}
	if (!h->has_ids && !h->has_class)
		return bad(err, errsize, name, lineno, "the match needs ids= or class=");
	if (fact.p == fact.end)
		return bad(err, errsize, name, lineno, "the FACT field is empty");
	if (source.p == source.end)
		return bad(err, errsize, name, lineno, "the SOURCE field is empty: every entry "
			   "says where its fact is written");
	*fact_out = fact;
	*source_out = source;
	return 0;
}

static bool grow(struct bar_hazards *db)
{
	size_t cap = db->cap ? db->cap * 2 : 16;
	struct bar_hazard *v;

	if (db->n < db->cap)
		return true;
	v = realloc(db->v, cap * sizeof(*v));
	if (!v)
		return false;
	db->v = v;
	db->cap = cap;
	return true;
}

/* Append @h, taking its three strings (freed here on failure). */
static int take(struct bar_hazards *db, struct bar_hazard *h)
{
	if (!h->fact || !h->source || !h->where || !grow(db)) {
		free(h->fact);
		free(h->source);
		free(h->where);
		return -1;
	}
	db->v[db->n++] = *h;
	return 0;
}

static char *dup_str(const char *s)
{
	return dup_span((struct span){ s, s + strlen(s) });
}

int bar_hazards_add(struct bar_hazards *db, const struct bar_hazard *h)
{
	struct bar_hazard c = *h;

	c.fact = dup_str(h->fact);
	c.source = dup_str(h->source);
	c.where = dup_str(h->where);
	return take(db, &c);
}

static int add_entry(struct bar_hazards *db, struct bar_hazard *h, struct span fact,
		     struct span source, const char *name, size_t lineno)
{
	int len = snprintf(NULL, 0, "%s:%zu", name, lineno);

	h->fact = dup_span(fact);
	h->source = dup_span(source);
	h->where = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (h->where)
		snprintf(h->where, (size_t)len + 1, "%s:%zu", name, lineno);
	return take(db, h);
}

int bar_hazards_parse(struct bar_hazards *db, const char *name, const char *text,
		      size_t len, char *err, size_t errsize)
{
	const char *p = text, *end = text + len;
	size_t lineno = 0;

	while (p < end) {
		const char *eol = find(p, end, '\n');
		struct span line = { p, eol ? eol : end }, fact = { NULL, NULL }, source = fact;
		struct bar_hazard h;

		lineno++;
		p = eol ? eol + 1 : end;
		if (find(line.p, line.end, '\0'))
			return bad(err, errsize, name, lineno, "a NUL byte: not a text line");
		trim(&line);
		if (line.p == line.end || *line.p == '#')
			continue;
		if (parse_line(line, &h, &fact, &source, name, lineno, err, errsize))
			return -1;
		if (add_entry(db, &h, fact, source, name, lineno)) {
			snprintf(err, errsize, "%s:%zu: out of memory", name, lineno);
			return -1;
		}
	}
	return 0;
}

bool bar_hazard_matches(const struct bar_hazard *h, const struct pci_fn *f)
{
	if (!pci_fn_header_valid(f))
		return false;
	if (h->has_ids && (f->vendor != h->vendor || (!h->any_device && f->device != h->device)))
		return false;
	if (h->has_class && (f->class_code & h->class_mask) != h->class_code)
		return false;
	return true;
}
