#ifndef AIMSBOOK_ARCHIVE_ZLIB_H
#define AIMSBOOK_ARCHIVE_ZLIB_H

#include <stddef.h>
#include <stdint.h>

/*
 * zlib's deflate and CRC-32 for the audit pack's archives (Archive/*.swift). Output depends only
 * on the input and zlib's version: no time, no host name, no file name is written.
 */

/* The CRC-32 of `count` bytes, continuing from `crc` (0 to start). */
uint32_t aimsbook_crc32(uint32_t crc, const uint8_t *bytes, size_t count);

/* At least the size `aimsbook_deflate` can write for `count` bytes. */
size_t aimsbook_deflate_bound(size_t count);

/*
 * Compresses `count` bytes at the best level into `output` (`capacity` bytes): raw deflate for a
 * zip entry when `gzip` is 0, a whole gzip member (modification time 0) when it is 1.
 * Returns the size written, or 0 on failure.
 */
size_t aimsbook_deflate(const uint8_t *input, size_t count, uint8_t *output, size_t capacity, int gzip);

#endif
