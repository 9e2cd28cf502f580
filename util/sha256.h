/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SHA-256 (FIPS 180-4) for the snapshot manifest: a file's digest tells
 * whether a snapshot was changed after capture. Not for secrets; a small
 * self-contained implementation so vtdcert needs no crypto library.
 */
#ifndef VTDCERT_UTIL_SHA256_H
#define VTDCERT_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN 32
#define SHA256_HEX_LEN    (2 * SHA256_DIGEST_LEN)

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	uint8_t block[64];
	size_t fill;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, uint8_t digest[SHA256_DIGEST_LEN]);
/* The digest of @len bytes as lowercase hex into @hex (SHA256_HEX_LEN + 1). */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1]);

#endif
