#ifndef AIMSBOOK_MARKDOWN_ARENA_H
#define AIMSBOOK_MARKDOWN_ARENA_H

#include <stddef.h>

/*
 * A bump allocator for cmark-gfm, one per thread: aimsbook's MarkdownArena.swift says why and
 * how it is used. cmark's allocator callbacks (calloc, realloc, free) take no context, so each
 * thread's arena is a C thread-local variable, which Swift cannot declare.
 */

/* cmark's three callbacks, for a `cmark_mem`. Freeing does nothing. */
void *aimsbook_arena_calloc(size_t count, size_t size);
void *aimsbook_arena_realloc(void *pointer, size_t size);
void aimsbook_arena_free(void *pointer);

/* A position in the calling thread's arena. */
typedef struct {
    void *chunk;
    size_t offset;
} aimsbook_arena_mark;

aimsbook_arena_mark aimsbook_arena_get_mark(void);

/* Forgets every block the calling thread allocated since `mark`; the memory stays for reuse. */
void aimsbook_arena_reset(aimsbook_arena_mark mark);

#endif
