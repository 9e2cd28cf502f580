// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The xl PCI configuration (docs/man/xl-pci-configuration.5.pod, libxlu's
 * libxlu_pci.c and libxlu_cfg_l.l) and the MSI-INTx translation rule.
 * Each parser is one pass over its input; an error names where it is.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xen_msitranslate.h"

#define SHOWN_MAX       32              /* bytes of a bad token quoted in a message */
#define HEX_SATURATE    0x100000ul      /* above every limit: stop growing */

/* The options a PCI_SPEC_STRING may give, each at most once. */
enum opt {
	OPT_BDF, OPT_VSLOT, OPT_PERMISSIVE, OPT_MSITRANSLATE, OPT_SEIZE, OPT_POWER_MGMT,
	OPT_RDM_POLICY, OPT_NAME, OPT_COUNT
};

static const char *const opt_names[OPT_COUNT] = {
	[OPT_BDF] = "bdf", [OPT_VSLOT] = "vslot", [OPT_PERMISSIVE] = "permissive",
	[OPT_MSITRANSLATE] = "msitranslate", [OPT_SEIZE] = "seize",
	[OPT_POWER_MGMT] = "power_mgmt", [OPT_RDM_POLICY] = "rdm_policy", [OPT_NAME] = "name",
};

static int errorf(struct xen_parse_error *e, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int errorf(struct xen_parse_error *e, size_t at, const char *fmt, ...)
{
	va_list ap;

	e->entry = -1;
	e->line = 1;
	e->column = (unsigned)(at + 1);
	va_start(ap, fmt);
	vsnprintf(e->what, sizeof(e->what), fmt, ap);
	va_end(ap);
	return -1;
}

char *xen_parse_error_text(const struct xen_parse_error *e, char *buf, size_t size)
{
	if (e->entry >= 0)
		snprintf(buf, size, "pci[%ld] (line %u) column %u: %s", e->entry, e->line,
			 e->column, e->what);
	else
		snprintf(buf, size, "line %u column %u: %s", e->line, e->column, e->what);
	return buf;
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned hex_value(char c)
{
	return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

/* Hex digits of s[*pos..end) into @v (saturating); false when there are none. */
static bool hex(const char *s, size_t end, size_t *pos, unsigned long *v)
{
	size_t p = *pos;

	*v = 0;
	while (p < end && is_hex(s[p])) {
		*v = *v >= HEX_SATURATE ? *v : *v * 16 + hex_value(s[p]);
		p++;
	}
	if (p == *pos)
		return false;
	*pos = p;
	return true;
}

/* The token s[from..to) for a message, cut to SHOWN_MAX bytes. */
static const char *shown(const char *s, size_t from, size_t to, char *buf, size_t size)
{
	size_t n = to - from;

	if (n > SHOWN_MAX)
		n = SHOWN_MAX;
	snprintf(buf, size, "%.*s%s", (int)n, s + from, to - from > SHOWN_MAX ? "..." : "");
	return buf;
}

/* One field of a BDF: hex digits up to @limit, named @what. */
static int bdf_field(const char *s, size_t end, size_t *pos, unsigned long limit,
		     const char *what, unsigned long *v, struct xen_parse_error *e)
{
	size_t at = *pos;

	if (!hex(s, end, pos, v))
		return errorf(e, at, "bad BDF: expected the %s in hex", what);
	if (*v > limit)
		return errorf(e, at, "bad BDF: %s 0x%.*s is above 0x%lx", what,
			      (int)(*pos - at), s + at, limit);
	return 0;
}

/*
 * [DDDD:]BB:DD.F (F a digit 0-7 or '*') from s[*pos..end), as libxlu's
 * parse_bdf(): the colons among the leading hex digits and colons say
 * whether the domain is there.
 */
static int parse_bdf(const char *s, size_t end, size_t *pos, struct xen_pci_spec *out,
		     struct xen_parse_error *e)
{
	size_t p = *pos, q;
	unsigned colons = 0;
	unsigned long dom = 0, bus, dev, fn;
	char tok[SHOWN_MAX + 4];

	for (q = p; q < end && (is_hex(s[q]) || s[q] == ':'); q++)
		colons += s[q] == ':';
	if (colons != 1 && colons != 2) {
		for (q = p; q < end && s[q] != ',' && s[q] != '@'; q++)
			;
		return errorf(e, p, "bad BDF '%s': expected [DDDD:]BB:DD.F",
			      shown(s, p, q, tok, sizeof(tok)));
	}
	if (colons == 2) {
		if (bdf_field(s, end, &p, XEN_PCI_MAX_DOMAIN, "domain", &dom, e))
			return -1;
		p++;                    /* the colon counted above follows the digits */
	}
	if (bdf_field(s, end, &p, XEN_PCI_MAX_BUS, "bus", &bus, e))
		return -1;
	if (p >= end || s[p] != ':')
		return errorf(e, p, "bad BDF: expected ':' after the bus");
	p++;
	if (bdf_field(s, end, &p, XEN_PCI_MAX_DEV, "device", &dev, e))
		return -1;
	if (p >= end || s[p] != '.')
		return errorf(e, p, "bad BDF: expected '.' after the device");
	p++;
	if (p < end && s[p] == '*') {
		out->all_functions = true;
		fn = 0;
		p++;
	} else {
		q = p;
		if (!hex(s, end, &p, &fn))
			return errorf(e, q, "bad BDF: expected the function (0-7, or * for all)");
		if (fn > XEN_PCI_MAX_FUNC)
			return errorf(e, q, "bad BDF: function 0x%.*s is above 7", (int)(p - q),
				      s + q);
		out->all_functions = false;
	}
	out->has_bdf = true;
	out->domain = (uint16_t)dom;
	out->bus = (uint8_t)bus;
	out->dev = (uint8_t)dev;
	out->func = (uint8_t)fn;
	*pos = p;
	return 0;
}

/* A virtual slot: hex, up to 0x1f (libxlu parse_vslot()), all of s[*pos..end). */
static int parse_vslot(const char *s, size_t end, size_t pos, struct xen_pci_spec *out,
		       struct xen_parse_error *e)
{
	unsigned long v;
	size_t p = pos;

	if (!hex(s, end, &p, &v) || p != end)
		return errorf(e, pos, "bad vslot: expected a device number in hex (0-1f)");
	if (v > XEN_PCI_MAX_VSLOT)
		return errorf(e, pos, "bad vslot 0x%.*s: above 0x1f", (int)(end - pos), s + pos);
	out->vslot = (int)v;
	return 0;
}

static int parse_bool(const char *s, size_t from, size_t to, int *v, const char *key,
		      struct xen_parse_error *e)
{
	char tok[SHOWN_MAX + 4];

	if (to - from == 1 && (s[from] == '0' || s[from] == '1')) {
		*v = s[from] - '0';
		return 0;
	}
	return errorf(e, from, "bad value '%s' for %s: 0 or 1 (libxlu's atoi() would take "
		      "it silently)", shown(s, from, to, tok, sizeof(tok)), key);
}

static enum opt find_opt(const char *s, size_t from, size_t to)
{
	unsigned k;

	for (k = 0; k < OPT_COUNT; k++)
		if (strlen(opt_names[k]) == to - from && !memcmp(opt_names[k], s + from, to - from))
			return (enum opt)k;
	return OPT_COUNT;
}

/* KEY=VALUE with the value s[v..end); an empty value leaves the default. */
static int take_option(const char *s, enum opt k, size_t v, size_t end,
		       struct xen_pci_spec *out, struct xen_parse_error *e)
{
	char tok[SHOWN_MAX + 4];
	size_t p = v;

	if (v == end)
		return 0;               /* xl-pci-configuration(5): the default applies */
	switch (k) {
	case OPT_BDF:
		if (parse_bdf(s, end, &p, out, e))
			return -1;
		if (p != end)
			return errorf(e, p, "bad BDF: unexpected '%s' after it",
				      shown(s, p, end, tok, sizeof(tok)));
		return 0;
	case OPT_VSLOT:
		return parse_vslot(s, end, v, out, e);
	case OPT_PERMISSIVE:
		return parse_bool(s, v, end, &out->permissive, opt_names[k], e);
	case OPT_MSITRANSLATE:
		return parse_bool(s, v, end, &out->msitranslate, opt_names[k], e);
	case OPT_SEIZE:
		return parse_bool(s, v, end, &out->seize, opt_names[k], e);
	case OPT_POWER_MGMT:
		return parse_bool(s, v, end, &out->power_mgmt, opt_names[k], e);
	case OPT_RDM_POLICY:
		/* libxl_rdm_reserve_policy_from_string(): the enum's names, any case */
		if (end - v == 6 && !strncasecmp(s + v, "strict", 6))
			out->rdm_policy = XEN_RDM_STRICT;
		else if (end - v == 7 && !strncasecmp(s + v, "relaxed", 7))
			out->rdm_policy = XEN_RDM_RELAXED;
		else
			return errorf(e, v, "bad value '%s' for rdm_policy: strict or relaxed",
				      shown(s, v, end, tok, sizeof(tok)));
		return 0;
	case OPT_NAME:
		if (end - v >= XEN_PCI_NAME_MAX)
			return errorf(e, v, "name is longer than %d bytes", XEN_PCI_NAME_MAX - 1);
		memcpy(out->name, s + v, end - v);
		out->name[end - v] = '\0';
		out->has_name = true;
		return 0;
	case OPT_COUNT:
		break;
	}
	return -1;
}

static void spec_init(struct xen_pci_spec *out)
{
	memset(out, 0, sizeof(*out));
	out->vslot = XEN_UNSET;
	out->msitranslate = out->power_mgmt = out->permissive = out->seize = XEN_UNSET;
	out->rdm_policy = XEN_RDM_UNSET;
}

static size_t find_char(const char *s, size_t from, size_t len, char c)
{
	while (from < len && s[from] != c)
		from++;
	return from;
}

int xen_pci_spec_parse(const char *s, size_t len, struct xen_pci_spec *out,
		       struct xen_parse_error *err)
{
	bool given[OPT_COUNT] = { false };
	size_t pos = 0, tok_end = find_char(s, 0, len, ','), name_at = 0;
	char tok[SHOWN_MAX + 4];

	spec_init(out);
	/* A first token without '=' is the positional bdf[@vslot]. */
	if (len && find_char(s, 0, tok_end, '=') == tok_end) {
		if (parse_bdf(s, tok_end, &pos, out, err))
			return -1;
		given[OPT_BDF] = true;
		if (pos < tok_end && s[pos] == '@') {
			if (parse_vslot(s, tok_end, pos + 1, out, err))
				return -1;
			given[OPT_VSLOT] = true;
		} else if (pos < tok_end) {
			return errorf(err, pos, "unexpected '%s' after the BDF (expected @VSLOT "
				      "or ',')", shown(s, pos, tok_end, tok, sizeof(tok)));
		}
		pos = tok_end < len ? tok_end + 1 : len;
	}
	while (pos < len) {
		size_t end = find_char(s, pos, len, ','), eq = find_char(s, pos, end, '=');
		enum opt k;

		if (eq == end)
			return errorf(err, pos, "'%s' is not KEY=VALUE",
				      shown(s, pos, end, tok, sizeof(tok)));
		k = find_opt(s, pos, eq);
		if (k == OPT_COUNT)
			return errorf(err, pos, "unknown option '%s' (xl-pci-configuration(5): "
				      "bdf, vslot, permissive, msitranslate, seize, power_mgmt, "
				      "rdm_policy, name)", shown(s, pos, eq, tok, sizeof(tok)));
		if (given[k])
			return errorf(err, pos, "%s is given twice (each option at most once)",
				      opt_names[k]);
		given[k] = true;
		if (k == OPT_NAME)
			name_at = pos;
		if (take_option(s, k, eq + 1, end, out, err))
			return -1;
		pos = end < len ? end + 1 : len;
	}
	if (out->has_bdf && out->has_name)
		return errorf(err, name_at, "both a BDF and name= (xl-pci-configuration(5): "
			      "name= stands for the bdf)");
	if (!out->has_bdf && !out->has_name)
		return errorf(err, 0, "no BDF and no name=: one of them names the device");
	return 0;
}

/* ---- xl.cfg ---- */

struct lex {
	const char *t;
	size_t len, pos;
	unsigned line;
	size_t line_start;
	struct xen_parse_error *err;
};

static int lex_error(struct lex *l, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int lex_error(struct lex *l, size_t at, const char *fmt, ...)
{
	va_list ap;

	l->err->entry = -1;
	l->err->line = l->line;
	l->err->column = (unsigned)(at - l->line_start + 1);
	va_start(ap, fmt);
	vsnprintf(l->err->what, sizeof(l->err->what), fmt, ap);
	va_end(ap);
	return -1;
}

/* Blanks and comments; newlines too when @lines (inside a list, between settings). */
static void skip(struct lex *l, bool lines)
{
	while (l->pos < l->len) {
		char c = l->t[l->pos];

		if (c == ' ' || c == '\t' || c == '\r') {
			l->pos++;
		} else if (c == '#') {
			while (l->pos < l->len && l->t[l->pos] != '\n')
				l->pos++;
		} else if (c == '\n' && lines) {
			l->pos++;
			l->line++;
			l->line_start = l->pos;
		} else {
			return;
		}
	}
}

static bool is_name_char(char c, bool first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (!first && c >= '0' && c <= '9');
}

/* One atom: a quoted string or a bare number; [*from, *to) its text. */
static int atom(struct lex *l, size_t *from, size_t *to, bool *quoted)
{
	char q = l->t[l->pos];
	size_t start = l->pos;

	if (q == '\'' || q == '"') {
		*from = ++l->pos;
		while (l->pos < l->len && l->t[l->pos] != q && l->t[l->pos] != '\n') {
			/* a "..." string may escape its quote (libxlu_cfg_l.l) */
			if (q == '"' && l->t[l->pos] == '\\' && l->pos + 1 < l->len &&
			    l->t[l->pos + 1] != '\n')
				l->pos++;
			l->pos++;
		}
		if (l->pos >= l->len || l->t[l->pos] != q)
			return lex_error(l, start, "unterminated string");
		*to = l->pos++;
		*quoted = true;
		return 0;
	}
	if ((q >= '0' && q <= '9') || q == '-' || q == '+') {
		*from = l->pos;
		while (l->pos < l->len && (is_name_char(l->t[l->pos], false) ||
					   l->t[l->pos] == '.' || l->t[l->pos] == '-' ||
					   l->t[l->pos] == '+'))
			l->pos++;
		*to = l->pos;
		*quoted = false;
		return 0;
	}
	return lex_error(l, start, "expected a value: a number, a 'string' or a [ list ]");
}

/* One pci = [ ... ] entry t[from..to), parsed into the next slot of @c. */
static int add_entry(struct lex *l, struct xen_pci_config *c, size_t from, size_t to,
		     size_t *cap)
{
	struct xen_pci_spec *dev;

	if (c->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;

		dev = realloc(c->dev, ncap * sizeof(*dev));
		if (!dev)
			return lex_error(l, from, "out of memory");
		c->dev = dev;
		*cap = ncap;
	}
	if (xen_pci_spec_parse(l->t + from, to - from, &c->dev[c->n], l->err)) {
		l->err->entry = (long)c->n;
		l->err->line = l->line;
		return -1;
	}
	c->n++;
	return 0;
}

enum setting { SET_OTHER, SET_PCI, SET_MSITRANSLATE, SET_POWER_MGMT, SET_PERMISSIVE,
	       SET_SEIZE, SET_COUNT };

static const char *const setting_names[SET_COUNT] = {
	[SET_PCI] = "pci", [SET_MSITRANSLATE] = "pci_msitranslate",
	[SET_POWER_MGMT] = "pci_power_mgmt", [SET_PERMISSIVE] = "pci_permissive",
	[SET_SEIZE] = "pci_seize",
};

static enum setting find_setting(const char *s, size_t from, size_t to)
{
	unsigned k;

	for (k = SET_PCI; k < SET_COUNT; k++)
		if (strlen(setting_names[k]) == to - from &&
		    !memcmp(setting_names[k], s + from, to - from))
			return (enum setting)k;
	return SET_OTHER;
}

static int *global_of(struct xen_pci_config *c, enum setting k)
{
	switch (k) {
	case SET_MSITRANSLATE: return &c->pci_msitranslate;
	case SET_POWER_MGMT:   return &c->pci_power_mgmt;
	case SET_PERMISSIVE:   return &c->pci_permissive;
	case SET_SEIZE:        return &c->pci_seize;
	default:               return NULL;
	}
}

/* A [ list ]: for pci, each item an entry; otherwise read past. */
static int list(struct lex *l, struct xen_pci_config *c, bool pci, size_t *cap)
{
	size_t from, to;
	bool quoted;

	l->pos++;                   /* '[' */
	for (;;) {
		skip(l, true);
		if (l->pos >= l->len)
			return lex_error(l, l->pos, "the list has no closing ']'");
		if (l->t[l->pos] == ']') {
			l->pos++;
			return 0;
		}
		if (atom(l, &from, &to, &quoted))
			return -1;
		if (pci && !quoted)
			return lex_error(l, from, "a pci entry is a 'string' (a PCI_SPEC_STRING)");
		if (pci && add_entry(l, c, from, to, cap))
			return -1;
		skip(l, true);
		if (l->pos >= l->len)
			return lex_error(l, l->pos, "the list has no closing ']'");
		if (l->t[l->pos] == ',')
			l->pos++;
		else if (l->t[l->pos] != ']')
			return lex_error(l, l->pos, "expected ',' or ']' in the list");
	}
}

/* One NAME = VALUE (or NAME += VALUE) setting at l->pos. */
static int setting(struct lex *l, struct xen_pci_config *c, bool *seen, size_t *cap)
{
	size_t name = l->pos, from, to;
	enum setting k;
	bool quoted;

	while (l->pos < l->len && is_name_char(l->t[l->pos], l->pos == name))
		l->pos++;
	if (l->pos == name)
		return lex_error(l, name, "expected a setting NAME = VALUE");
	k = find_setting(l->t, name, l->pos);
	skip(l, false);
	if (l->pos + 1 < l->len && l->t[l->pos] == '+' && l->t[l->pos + 1] == '=')
		l->pos++;               /* += appends to a list: pci's entries simply add up */
	else if (k != SET_OTHER && seen[k])
		return lex_error(l, name, "%s is given twice", setting_names[k]);
	if (l->pos >= l->len || l->t[l->pos] != '=')
		return lex_error(l, l->pos, "expected '=' after %.*s", (int)(l->pos - name),
				 l->t + name);
	l->pos++;
	seen[k] = true;
	skip(l, false);
	if (l->pos < l->len && l->t[l->pos] == '[') {
		if (k != SET_OTHER && k != SET_PCI)
			return lex_error(l, l->pos, "%s is 0 or 1, not a list", setting_names[k]);
		if (list(l, c, k == SET_PCI, cap))
			return -1;
	} else {
		if (k == SET_PCI && l->pos < l->len)
			return lex_error(l, l->pos, "pci is a list: pci = [ 'BDF,...', ... ]");
		if (atom(l, &from, &to, &quoted))
			return -1;
		if (global_of(c, k)) {
			if (to - from != 1 || (l->t[from] != '0' && l->t[from] != '1'))
				return lex_error(l, from, "bad value for %s: 0 or 1",
						 setting_names[k]);
			*global_of(c, k) = l->t[from] - '0';
		}
	}
	skip(l, false);
	if (l->pos < l->len && l->t[l->pos] != '\n' && l->t[l->pos] != ';')
		return lex_error(l, l->pos, "expected a newline or ';' after the value");
	return 0;
}

int xen_pci_config_parse(const char *text, size_t len, struct xen_pci_config *out,
			 struct xen_parse_error *err)
{
	struct lex l = { text, len, 0, 1, 0, err };
	bool seen[SET_COUNT] = { false };
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	out->pci_msitranslate = out->pci_power_mgmt = XEN_UNSET;
	out->pci_permissive = out->pci_seize = XEN_UNSET;
	for (;;) {
		skip(&l, true);
		while (l.pos < l.len && l.t[l.pos] == ';') {
			l.pos++;
			skip(&l, true);
		}
		if (l.pos >= l.len)
			return 0;
		if (setting(&l, out, seen, &cap))
			return -1;
	}
}

void xen_pci_config_free(struct xen_pci_config *c)
{
	free(c->dev);
	c->dev = NULL;
	c->n = 0;
}

/* ---- the rule ---- */

enum xen_era xen_era_of(unsigned major, unsigned minor)
{
	if (major < 4 || (major == 4 && minor < 2))
		return XEN_ERA_XEND;
	if (major == 4 && minor < 21)
		return XEN_ERA_XL;
	return XEN_ERA_NO_TRADITIONAL;
}

int xen_msitranslate_default(enum xen_era era)
{
	/* xend: XendConfig's pci_msitranslate 1; xl: xl_parse.c pci_msitranslate = 0 */
	return era == XEN_ERA_XEND ? 1 : 0;
}

int xen_msitranslate_effective(enum xen_era era, int global, int option)
{
	if (option != XEN_UNSET)
		return option;
	if (global != XEN_UNSET)
		return global;
	return xen_msitranslate_default(era);
}

static const char *why_off(const struct xen_msitranslate_in *in)
{
	if (in->option == 0)
		return "the device's msitranslate=0 turns it off";
	if (in->global == 0)
		return "pci_msitranslate = 0 turns it off for every device";
	return "off by default since xl (Xen 4.2: drivers such as NVIDIA's notice the "
	       "device in MSI mode while they drive INTx)";
}

void xen_msitranslate_decide(const struct xen_msitranslate_in *in,
			     struct xen_msitranslate_out *out)
{
	out->requested = xen_msitranslate_effective(in->era, in->global, in->option) == 1;
	out->active = false;
	if (!in->hvm)
		out->why = "a PV guest: pciback hands it the device's own interrupt, nothing "
			   "is translated";
	else if (!out->requested)
		out->why = why_off(in);
	else if (in->era == XEN_ERA_NO_TRADITIONAL)
		out->why = "Xen 4.21 removed qemu-xen-traditional, the only device model that "
			   "translated: msitranslate is parsed and ignored";
	else if (in->era == XEN_ERA_XL && in->dm == XEN_DM_QEMU_XEN)
		out->why = "upstream QEMU (qemu-xen) does not implement MSI-INTx translation: "
			   "the option is ignored and the guest's INTx is the physical line";
	else if (!in->has_msi)
		out->why = "the device has no MSI capability (MSI-X is not translated): the "
			   "guest's INTx is the physical line";
	else if (in->guest == XEN_GUEST_MSI)
		out->why = "the guest enabled MSI: translation is turned off and the guest's "
			   "own MSI is bound";
	else if (in->guest == XEN_GUEST_MSIX)
		out->why = "the guest enabled MSI-X: translation is turned off";
	else {
		out->active = true;
		out->why = "the device's MSI is enabled and each message is injected as the "
			   "guest's INTx: the physical INTx line is not used";
	}
}
