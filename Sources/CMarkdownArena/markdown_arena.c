#include "markdown_arena.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Blocks are 16-byte aligned and carry their size just before them, for realloc to copy.
 * Chunks of 256 KiB form a list that is reused from the start after each reset, and freed
 * when the thread ends.
 */

typedef struct chunk {
    struct chunk *next;
    size_t size;
} chunk;

typedef struct {
    chunk *first;
    chunk *current;
    /* Where the next block starts in `current`. */
    size_t offset;
    /* The latest block, which realloc may grow in place. */
    char *last;
} arena;

enum { chunk_header = 16, block_header = 16, default_chunk_size = 1 << 18 };

static __thread arena thread_arena;
static pthread_key_t release_key;
static pthread_once_t release_key_once = PTHREAD_ONCE_INIT;

static void release(void *state) {
    arena *a = state;
    chunk *c = a->first;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    a->first = a->current = NULL;
    a->offset = 0;
    a->last = NULL;
}

static void make_release_key(void) { pthread_key_create(&release_key, release); }

static size_t rounded(size_t size) { return (size + block_header + 15) & ~(size_t)15; }

/* A block that does not fit the current chunk: the next chunk, or a new one. */
static __attribute__((noinline)) void *allocate_in_another_chunk(size_t size) {
    arena *a = &thread_arena;
    size_t needed = rounded(size);
    if (size > PTRDIFF_MAX / 2) abort(); /* cmark never asks for this much */
    for (;;) {
        chunk *c = a->current;
        if (c) {
            if (a->offset + needed <= c->size) {
                char *block = (char *)c + a->offset;
                a->offset += needed;
                *(size_t *)block = size;
                a->last = block + block_header;
                return a->last;
            }
            if (c->next) {
                a->current = c->next;
                a->offset = chunk_header;
                a->last = NULL;
                continue;
            }
        }
        size_t size_of_new = needed + chunk_header;
        if (size_of_new < (size_t)default_chunk_size) size_of_new = default_chunk_size;
        chunk *fresh = malloc(size_of_new);
        if (!fresh) abort(); /* as cmark's own allocator does */
        fresh->next = NULL;
        fresh->size = size_of_new;
        if (c) {
            c->next = fresh;
        } else {
            /* The thread's first chunk: have its chunks freed when the thread ends. */
            a->first = fresh;
            pthread_once(&release_key_once, make_release_key);
            pthread_setspecific(release_key, a);
        }
        a->current = fresh;
        a->offset = chunk_header;
        a->last = NULL;
    }
}

/* The common case, in a few instructions: the block fits the current chunk. */
static inline void *allocate(size_t size) {
    arena *a = &thread_arena;
    chunk *c = a->current;
    size_t needed = rounded(size);
    if (c && size <= PTRDIFF_MAX / 2 && a->offset + needed <= c->size) {
        char *block = (char *)c + a->offset;
        a->offset += needed;
        *(size_t *)block = size;
        a->last = block + block_header;
        return a->last;
    }
    return allocate_in_another_chunk(size);
}

void *aimsbook_arena_calloc(size_t count, size_t size) {
    size_t total;
    /* What no allocator could give, as calloc says. */
    if (__builtin_mul_overflow(count, size, &total) || total > PTRDIFF_MAX / 2) return NULL;
    void *block = allocate(total);
    memset(block, 0, total);
    return block;
}

void *aimsbook_arena_realloc(void *pointer, size_t size) {
    if (!pointer) return allocate(size);
    arena *a = &thread_arena;
    char *block = (char *)pointer - block_header;
    size_t old = *(size_t *)block;
    if (size <= old) return pointer;
    /* The latest block grows in place when its chunk has room. */
    if ((char *)pointer == a->last && a->current) {
        size_t start = (size_t)(block - (char *)a->current);
        size_t end = start + rounded(size);
        if (end > start && end <= a->current->size) {
            a->offset = end;
            *(size_t *)block = size;
            return pointer;
        }
    }
    void *moved = allocate(size);
    memcpy(moved, pointer, old);
    return moved;
}

void aimsbook_arena_free(void *pointer) { (void)pointer; }

aimsbook_arena_mark aimsbook_arena_get_mark(void) {
    aimsbook_arena_mark mark = {thread_arena.current, thread_arena.offset};
    return mark;
}

void aimsbook_arena_reset(aimsbook_arena_mark mark) {
    arena *a = &thread_arena;
    if (mark.chunk) {
        a->current = mark.chunk;
        a->offset = mark.offset;
    } else {
        /* Marked before the thread's first block: back to the start. */
        a->current = a->first;
        a->offset = chunk_header;
    }
    a->last = NULL;
}
