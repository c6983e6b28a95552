#include "archive_zlib.h"

#include <string.h>
#include <zlib.h>

uint32_t aimsbook_crc32(uint32_t crc, const uint8_t *bytes, size_t count) {
    while (count > 0) {
        uInt chunk = count > 0x40000000u ? 0x40000000u : (uInt)count;
        crc = (uint32_t)crc32(crc, bytes, chunk);
        bytes += chunk;
        count -= chunk;
    }
    return crc;
}

size_t aimsbook_deflate_bound(size_t count) {
    /* compressBound's formula, plus room for the gzip header and trailer. */
    return count + (count >> 12) + (count >> 14) + (count >> 25) + 13 + 32;
}

size_t aimsbook_deflate(const uint8_t *input, size_t count, uint8_t *output, size_t capacity, int gzip) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, gzip ? 31 : -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return 0;
    }
    stream.next_in = (Bytef *)input;
    stream.next_out = output;
    size_t written = 0;
    int status = Z_OK;
    /* zlib counts in uInt: feed and drain in pieces for inputs above 4 GiB. */
    while (status == Z_OK) {
        uInt inChunk = count > 0x40000000u ? 0x40000000u : (uInt)count;
        size_t room = capacity - written;
        uInt outChunk = room > 0x40000000u ? 0x40000000u : (uInt)room;
        stream.avail_in = inChunk;
        stream.avail_out = outChunk;
        status = deflate(&stream, inChunk == count ? Z_FINISH : Z_NO_FLUSH);
        count -= inChunk - stream.avail_in;
        written += outChunk - stream.avail_out;
        if (status == Z_BUF_ERROR || (status == Z_OK && outChunk == 0)) {
            status = Z_BUF_ERROR;
        }
    }
    deflateEnd(&stream);
    return status == Z_STREAM_END ? written : 0;
}
