// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "json.h"
#include "../util/xalloc.h"

static struct vt_value *node(enum vt_value_kind kind)
{
	struct vt_value *v = xcalloc(1, sizeof(*v));

	v->kind = kind;
	return v;
}

struct vt_value *vt_value_object(void)
{
	return node(VT_VAL_OBJECT);
}

void vt_value_free(struct vt_value *v)
{
	while (v) {
		struct vt_value *next = v->next;

		vt_value_free(v->first);
		free(v->key);
		free(v->s);
		free(v);
		v = next;
	}
}

/* Link a new value of @kind into @to; members of an object are named. */
static struct vt_value *add(struct vt_value *to, const char *key, enum vt_value_kind kind)
{
	struct vt_value *v = node(kind);

	if (to->kind == VT_VAL_OBJECT)
		v->key = xstrdup(key ? key : "");
	if (to->last)
		to->last->next = v;
	else
		to->first = v;
	to->last = v;
	to->n++;
	return v;
}

struct vt_value *vt_put_uint(struct vt_value *to, const char *key, uint64_t u)
{
	struct vt_value *v = add(to, key, VT_VAL_UINT);

	v->u = u;
	return v;
}

struct vt_value *vt_put_str(struct vt_value *to, const char *key, const char *s)
{
	struct vt_value *v = add(to, key, s ? VT_VAL_STR : VT_VAL_NULL);

	if (s)
		v->s = xstrdup(s);
	return v;
}

struct vt_value *vt_put_bool(struct vt_value *to, const char *key, bool b)
{
	struct vt_value *v = add(to, key, VT_VAL_BOOL);

	v->b = b;
	return v;
}

struct vt_value *vt_put_object(struct vt_value *to, const char *key)
{
	return add(to, key, VT_VAL_OBJECT);
}

struct vt_value *vt_put_list(struct vt_value *to, const char *key)
{
	return add(to, key, VT_VAL_LIST);
}

struct vt_value *vt_put_copy(struct vt_value *to, const char *key, const struct vt_value *v)
{
	struct vt_value *c = add(to, key, v->kind);
	const struct vt_value *m;

	c->u = v->u;
	c->b = v->b;
	c->s = v->s ? xstrdup(v->s) : NULL;
	for (m = v->first; m; m = m->next)
		vt_put_copy(c, m->key, m);
	return c;
}

const struct vt_value *vt_value_get(const struct vt_value *obj, const char *key)
{
	const struct vt_value *v;

	for (v = obj ? obj->first : NULL; v; v = v->next)
		if (v->key && !strcmp(v->key, key))
			return v;
	return NULL;
}

void vt_value_write(struct json *j, const struct vt_value *v)
{
	const struct vt_value *c;

	switch (v->kind) {
	case VT_VAL_UINT:
		json_uint(j, v->u);
		break;
	case VT_VAL_STR:
		json_string(j, v->s);
		break;
	case VT_VAL_BOOL:
		json_bool(j, v->b);
		break;
	case VT_VAL_NULL:
		json_null(j);
		break;
	case VT_VAL_OBJECT:
		json_begin_object(j);
		for (c = v->first; c; c = c->next) {
			json_key(j, c->key);
			vt_value_write(j, c);
		}
		json_end_object(j);
		break;
	case VT_VAL_LIST:
		json_begin_array(j);
		for (c = v->first; c; c = c->next)
			vt_value_write(j, c);
		json_end_array(j);
		break;
	}
}

char *vt_value_text(const struct vt_value *v)
{
	struct json *j = xmalloc(sizeof(*j));
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f) {
		free(j);
		return xstrdup("");
	}
	json_init(j, f);
	j->compact = true;
	vt_value_write(j, v);
	json_flush(j);
	fclose(f);
	free(j);
	return text ? text : xstrdup("");
}
