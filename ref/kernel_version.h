/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which Linux a verdict is for. Behaviour that changed between kernels
 * (a sanity check, a quirk) is data here: a rule with the versions it
 * applies to, so a check judges a machine by the kernel that runs on it
 * and says which one. Pure C, no I/O.
 */
#ifndef VTDCERT_REF_KERNEL_VERSION_H
#define VTDCERT_REF_KERNEL_VERSION_H

#include <stdbool.h>
#include <stddef.h>

struct kernel_version {
	unsigned major, minor, patch;   /* 0.0.0: unknown */
};

#define KV(a, b, c) ((struct kernel_version){ (a), (b), (c) })

/*
 * The upstream version of the running kernel from /proc/version. Distro
 * releases name an ABI, not a stable release ("6.1.0-28-amd64" is Linux
 * 6.1.119): the version line's own upstream version is preferred when it
 * has one ("... Debian 6.1.119-1 (2024-11-22)"). false when none is found.
 */
bool kernel_version_parse(const char *version_line, struct kernel_version *out);
bool kernel_version_known(const struct kernel_version *v);
int kernel_version_cmp(const struct kernel_version *a, const struct kernel_version *b);
/* "6.1.119" into @buf. */
char *kernel_version_str(const struct kernel_version *v, char *buf, size_t size);
/* A release as people name it: "6.1" for 6.1.0, else "6.0.6". */
char *kernel_series_str(const struct kernel_version *v, char *buf, size_t size);

/*
 * A behaviour that holds from a version on: in mainline from @mainline,
 * and in the stable series listed (each "from X.Y.Z in series X.Y").
 */
struct kernel_since {
	struct kernel_version mainline;
	const struct kernel_version *stable;    /* backports, or NULL */
	size_t nstable;
};

/* 1 applies, 0 does not, -1 the version is unknown. */
int kernel_since_applies(const struct kernel_since *r, const struct kernel_version *v);

#endif
