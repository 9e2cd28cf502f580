/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Evidence: the values behind a result, as a small tree of JSON-like
 * values (numbers, strings, booleans, null, objects and lists), so that a
 * result carries a prediction of the reference and what the machine showed
 * as whole objects: an interrupt-remapping prediction with its reasons, a
 * PF's VF list, a fault record. The writers show it as JSON (the results
 * document) and as compact JSON text (JUnit properties).
 *
 * Nodes are allocated one by one and linked, so a pointer to an object or
 * list stays valid while more values are added anywhere in the tree.
 */
#ifndef VTDCERT_RESULTS_EVIDENCE_H
#define VTDCERT_RESULTS_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct json;

enum vt_value_kind {
	VT_VAL_UINT, VT_VAL_STR, VT_VAL_BOOL, VT_VAL_NULL, VT_VAL_OBJECT, VT_VAL_LIST,
};

struct vt_value {
	enum vt_value_kind kind;
	char *key;                  /* a member of an object; NULL in a list */
	uint64_t u;
	bool b;
	char *s;
	struct vt_value *first, *last;  /* an object's members, a list's items */
	size_t n;
	struct vt_value *next;
};

/* A new empty object (the root of a result's evidence). */
struct vt_value *vt_value_object(void);
void vt_value_free(struct vt_value *v);

/*
 * Add to the object or list @to (@key is the member name in an object and
 * must be NULL in a list); each returns the new value.
 */
struct vt_value *vt_put_uint(struct vt_value *to, const char *key, uint64_t u);
/* A NULL @s is a null value. */
struct vt_value *vt_put_str(struct vt_value *to, const char *key, const char *s);
struct vt_value *vt_put_bool(struct vt_value *to, const char *key, bool b);
struct vt_value *vt_put_object(struct vt_value *to, const char *key);
struct vt_value *vt_put_list(struct vt_value *to, const char *key);

/*
 * A deep copy of @v added to @to under @key (NULL in a list): evidence
 * built once and given to several results. Returns the copy.
 */
struct vt_value *vt_put_copy(struct vt_value *to, const char *key, const struct vt_value *v);

/* The member @key of object @obj (the first of that name), or NULL. */
const struct vt_value *vt_value_get(const struct vt_value *obj, const char *key);

/* Write @v as a JSON value (its key, if any, is the caller's to write). */
void vt_value_write(struct json *j, const struct vt_value *v);
/* @v as one line of compact JSON (caller frees). */
char *vt_value_text(const struct vt_value *v);

#endif
