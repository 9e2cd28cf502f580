// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned cp;
	size_t len, i;

	if (!n)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;           /* continuation byte, 0xc0/0xc1, 0xf5.. */
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates, beyond Unicode. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

static bool passes(unsigned char c, bool keep_newlines)
{
	if (c == '\t' || (c == '\n' && keep_newlines))
		return true;
	return c >= 0x20 && c != 0x7f;
}

/* Walk @s; write the printable form to @out (NULL: only measure). */
static size_t render(const char *s, bool keep_newlines, char *out, bool *changed)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, o = 0, len;

	*changed = false;
	while (i < n) {
		len = utf8_seq_len(p + i, n - i);
		if (len == 1 && !passes(p[i], keep_newlines))
			len = 0;
		if (len) {
			if (out)
				memcpy(out + o, p + i, len);
			o += len;
			i += len;
			continue;
		}
		if (out)
			snprintf(out + o, 5, "\\x%02x", p[i]);
		o += 4;
		i++;
		*changed = true;
	}
	if (out)
		out[o] = '\0';
	return o;
}

char *text_printable(const char *s, bool keep_newlines)
{
	bool changed;
	size_t n = render(s, keep_newlines, NULL, &changed);
	char *out = xmalloc(n + 1);

	render(s, keep_newlines, out, &changed);
	return out;
}

bool text_is_printable(const char *s, bool keep_newlines)
{
	bool changed;

	render(s, keep_newlines, NULL, &changed);
	return !changed;
}
