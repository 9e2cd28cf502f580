// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"
#include "snapshot_layout.h"
#include "../util/xalloc.h"

#define MANIFEST_HEADER "# vtdcert snapshot manifest"
#define MAX_FIELDS 5
#define MAX_WALK_DEPTH 64

static const char *const kind_names[] = {
	[VT_MF_FILE] = "file", [VT_MF_LINK] = "link",
	[VT_MF_ABSENT] = "absent", [VT_MF_UNREADABLE] = "unreadable",
	[VT_MF_DIR] = "dir",
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct vt_manifest_entry *)a)->path,
		      ((const struct vt_manifest_entry *)b)->path);
}

static bool is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < SHA256_HEX_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[i] == '\0';
}

/* A path a manifest may name: relative, no "." or ".." component. */
static bool sane_path(const char *p)
{
	const char *c = p;

	/* Each component, the last included, is a name: no "", ".", "..". */
	for (;;) {
		size_t n = strcspn(c, "/");

		if (!n || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		c += n;
		if (!*c)
			return true;
		c++;
	}
}

static int split(char *line, char **f)
{
	int n = 0;

	f[n++] = line;
	while (n < MAX_FIELDS && (line = strchr(line, '\t'))) {
		*line++ = '\0';
		f[n++] = line;
	}
	return n;
}

static int parse_line(struct vt_manifest *m, char *line, char *err, size_t errlen)
{
	char *f[MAX_FIELDS], *end;
	int n = split(line, f);
	size_t i;

	if (!strcmp(f[0], "format") && n == 2) {
		m->format = (unsigned)strtoul(f[1], &end, 10);
		return *end || end == f[1] ? snprintf(err, errlen, "format is not a number"), -1 : 0;
	}
	if (n == 2 && (!strcmp(f[0], "vtdcert") || !strcmp(f[0], "date") ||
		       !strcmp(f[0], "source"))) {
		char **slot = f[0][0] == 'v' ? &m->version : f[0][0] == 'd' ? &m->date :
			      &m->source;

		free(*slot);
		*slot = xstrdup(f[1]);
		return 0;
	}
	for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++) {
		struct vt_manifest_entry e = { .kind = (enum vt_manifest_kind)i };

		if (strcmp(f[0], kind_names[i]))
			continue;
		if (i == VT_MF_FILE) {
			if (n != 4 || !is_hex64(f[1])) {
				snprintf(err, errlen, "\"file\" wants SHA256, SIZE and PATH");
				return -1;
			}
			errno = 0;
			e.size = strtoull(f[2], &end, 10);
			if (errno || *end || end == f[2]) {
				snprintf(err, errlen, "size \"%s\" is not a number", f[2]);
				return -1;
			}
			memcpy(e.sha256, f[1], SHA256_HEX_LEN + 1);
			e.path = f[3];
		} else if (i == VT_MF_DIR) {
			if (n != 2) {
				snprintf(err, errlen, "\"dir\" wants PATH alone");
				return -1;
			}
			e.path = f[1];
		} else {
			if (n != 3) {
				snprintf(err, errlen, "\"%s\" wants PATH and one more field",
					 f[0]);
				return -1;
			}
			e.path = f[1];
			e.text = f[2];
		}
		if (!sane_path(e.path)) {
			snprintf(err, errlen, "path \"%s\" is not relative to the snapshot",
				 e.path);
			return -1;
		}
		vt_manifest_add(m, e.kind, e.path, e.text, NULL, 0);
		if (i == VT_MF_FILE) {
			memcpy(m->v[m->n - 1].sha256, e.sha256, sizeof(e.sha256));
			m->v[m->n - 1].size = e.size;
		}
		return 0;
	}
	snprintf(err, errlen, "unknown record \"%.40s\"", f[0]);
	return -1;
}

int vt_manifest_parse(const char *text, size_t len, struct vt_manifest **out,
		      char *err, size_t errlen)
{
	struct vt_manifest *m = xcalloc(1, sizeof(*m));
	size_t pos = 0, lineno = 0;
	char msg[200];

	*out = NULL;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - text - pos) : len - pos;
		char *line = xmalloc(n + 1);

		memcpy(line, text + pos, n);
		line[n] = '\0';
		pos += n + (nl ? 1 : 0);
		lineno++;
		if (lineno == 1 && strcmp(line, MANIFEST_HEADER)) {
			snprintf(err, errlen, "line 1: not \"%s\"", MANIFEST_HEADER);
			free(line);
			vt_manifest_free(m);
			return -1;
		}
		if (memchr(line, '\0', n)) {
			snprintf(err, errlen, "line %zu: holds a NUL byte", lineno);
			free(line);
			vt_manifest_free(m);
			return -1;
		}
		if (n && line[0] != '#' && parse_line(m, line, msg, sizeof(msg))) {
			snprintf(err, errlen, "line %zu: %s", lineno, msg);
			free(line);
			vt_manifest_free(m);
			return -1;
		}
		free(line);
	}
	if (!lineno) {
		snprintf(err, errlen, "empty");
		vt_manifest_free(m);
		return -1;
	}
	if (m->n > 1)
		qsort(m->v, m->n, sizeof(*m->v), cmp_entry);
	*out = m;
	return 0;
}

void vt_manifest_clear(struct vt_manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].path);
		free(m->v[i].text);
	}
	free(m->v);
	free(m->version);
	free(m->date);
	free(m->source);
	m->v = NULL;
	m->n = 0;
	m->version = m->date = m->source = NULL;
}

void vt_manifest_free(struct vt_manifest *m)
{
	if (!m)
		return;
	vt_manifest_clear(m);
	free(m);
}

const struct vt_manifest_entry *vt_manifest_find(const struct vt_manifest *m,
						 const char *path)
{
	struct vt_manifest_entry key = { .path = (char *)path };

	if (!m || !m->n)
		return NULL;
	return bsearch(&key, m->v, m->n, sizeof(*m->v), cmp_entry);
}

bool vt_manifest_empty_dir(const struct vt_manifest *m, const char *path)
{
	const struct vt_manifest_entry *e = vt_manifest_find(m, path);
	size_t n = strlen(path), lo, hi;

	if (!e || e->kind != VT_MF_DIR)
		return false;
	/* What lies beneath sorts after @path, before any other name: look there. */
	for (lo = (size_t)(e - m->v) + 1, hi = m->n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(m->v[mid].path, path, n);

		if (c < 0 || (c == 0 && m->v[mid].path[n] < '/'))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == m->n || strncmp(m->v[lo].path, path, n) || m->v[lo].path[n] != '/';
}

const struct vt_manifest_entry *vt_manifest_unreadable(const struct vt_manifest *m,
						       const char *path)
{
	char *p = xstrdup(path), *slash;
	const struct vt_manifest_entry *e;

	for (;;) {
		e = vt_manifest_find(m, p);
		if (e && e->kind == VT_MF_UNREADABLE)
			break;
		e = NULL;
		slash = strrchr(p, '/');
		if (!slash)
			break;
		*slash = '\0';
	}
	free(p);
	return e;
}

void vt_manifest_add(struct vt_manifest *m, enum vt_manifest_kind kind,
		     const char *path, const char *text, const void *data, size_t len)
{
	struct vt_manifest_entry *e;

	m->v = xgrow(m->v, m->n, sizeof(*m->v));
	e = &m->v[m->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->path = xstrdup(path);
	e->text = text ? xstrdup(text) : NULL;
	if (kind == VT_MF_FILE && data) {
		sha256_hex(data, len, e->sha256);
		e->size = len;
	}
}

/* Tabs and newlines in a why would break the line format. */
static void put_field(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

int vt_manifest_write(struct vt_manifest *m, FILE *f)
{
	size_t i;

	if (m->n > 1)
		qsort(m->v, m->n, sizeof(*m->v), cmp_entry);
	fprintf(f, "%s\nformat\t%u\n", MANIFEST_HEADER, m->format);
	fprintf(f, "vtdcert\t%s\ndate\t%s\nsource\t", m->version ? m->version : "?",
		m->date ? m->date : "?");
	put_field(f, m->source ? m->source : "?");
	fputc('\n', f);
	for (i = 0; i < m->n; i++) {
		const struct vt_manifest_entry *e = &m->v[i];

		if (e->kind == VT_MF_FILE) {
			fprintf(f, "file\t%s\t%" PRIu64 "\t%s\n", e->sha256, e->size, e->path);
			continue;
		}
		if (e->kind == VT_MF_DIR) {
			fprintf(f, "dir\t%s\n", e->path);
			continue;
		}
		fprintf(f, "%s\t%s\t", kind_names[e->kind], e->path);
		put_field(f, e->text ? e->text : "");
		fputc('\n', f);
	}
	return fflush(f) || ferror(f) ? -1 : 0;
}

/* ---- verification ---- */

static void add_name(struct vt_names *n, const char *s)
{
	n->v = xgrow(n->v, n->n, sizeof(*n->v));
	n->v[n->n++] = xstrdup(s);
}

/* Every file and link under @rel that the manifest does not name. */
static void find_added(struct vt_platform *p, const char *rel, int depth,
		       struct vt_manifest_check *out)
{
	struct vt_names names;
	size_t i;

	if (depth > MAX_WALK_DEPTH || vt_list_dir(p, rel, &names))
		return;
	for (i = 0; i < names.n; i++) {
		char *child = *rel ? xasprintf("%s/%s", rel, names.v[i]) :
				     xstrdup(names.v[i]);
		int fd = p->m->open(p, child, O_PATH | O_NOFOLLOW);
		struct stat st;

		if (fd >= 0 && !fstat(fd, &st)) {
			if (S_ISDIR(st.st_mode))
				find_added(p, child, depth + 1, out);
			else if (strcmp(child, SNAPSHOT_MANIFEST) &&
				 !vt_manifest_find(p->manifest, child))
				add_name(&out->added, child);
		}
		if (fd >= 0)
			close(fd);
		free(child);
	}
	vt_names_free(&names);
}

/* A directory capture made empty: still a directory (what it holds is find_added's). */
static void verify_dir(struct vt_platform *p, const char *rel, struct vt_manifest_check *out)
{
	int fd = p->m->open(p, rel, O_PATH | O_NOFOLLOW);
	struct stat st;

	if (fd < 0) {
		if ((fd != -ENODATA && fd != -ENOENT) || !vt_manifest_empty_dir(p->manifest, rel))
			add_name(fd == -ENODATA || fd == -ENOENT ? &out->removed :
				 &out->changed, rel);
		return;
	}
	if (fstat(fd, &st) || !S_ISDIR(st.st_mode))
		add_name(&out->changed, rel);
	close(fd);
}

void vt_manifest_verify(struct vt_platform *p, struct vt_manifest_check *out)
{
	const struct vt_manifest *m = p->manifest;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!m) {
		out->status = VT_MANIFEST_NONE;
		return;
	}
	for (i = 0; i < m->n; i++) {
		const struct vt_manifest_entry *e = &m->v[i];
		char sha[SHA256_HEX_LEN + 1], target[4096];
		struct vt_blob b;
		int rc;

		if (e->kind == VT_MF_FILE) {
			rc = vt_read_file(p, e->path, e->size + 1, &b);
			if (rc) {
				add_name(rc == -ENODATA || rc == -ENOENT ? &out->removed :
					 &out->changed, e->path);
				continue;
			}
			sha256_hex(b.data, b.len, sha);
			if (b.len != e->size || strcmp(sha, e->sha256))
				add_name(&out->changed, e->path);
			vt_blob_free(&b);
		} else if (e->kind == VT_MF_LINK) {
			rc = vt_read_link(p, e->path, target, sizeof(target));
			if (rc)
				add_name(rc == -ENODATA || rc == -ENOENT ? &out->removed :
					 &out->changed, e->path);
			else if (strcmp(target, e->text ? e->text : ""))
				add_name(&out->changed, e->path);
		} else if (e->kind == VT_MF_DIR) {
			verify_dir(p, e->path, out);
		}
	}
	find_added(p, "", 0, out);
	out->status = out->changed.n || out->removed.n || out->added.n ?
		      VT_MANIFEST_CHANGED : VT_MANIFEST_VERIFIED;
}

void vt_manifest_check_free(struct vt_manifest_check *c)
{
	free(c->why);
	vt_names_free(&c->changed);
	vt_names_free(&c->removed);
	vt_names_free(&c->added);
	memset(c, 0, sizeof(*c));
}

const char *vt_manifest_status_name(enum vt_manifest_status st)
{
	static const char *const names[] = {
		[VT_MANIFEST_NONE] = "none", [VT_MANIFEST_INVALID] = "invalid",
		[VT_MANIFEST_VERIFIED] = "verified", [VT_MANIFEST_CHANGED] = "changed",
	};

	return st <= VT_MANIFEST_CHANGED ? names[st] : "?";
}
