import CCmarkGFM
import CMarkdownArena

/// Memory for cmark-gfm while a body is parsed, edited and rendered: a bump allocator per
/// thread (`Sources/CMarkdownArena`, in C for its thread-local state), emptied back to where it
/// was when the parse ends. cmark allocates every node and grows every buffer with calloc and
/// realloc, and frees them one by one; with the system allocator that was a tenth of a check
/// and a twentieth of a build. Here allocating is an addition, freeing does nothing, and a
/// body's tree, its buffers and its rendered HTML go at once.
///
/// Each cmark node remembers its allocator, so nodes made with `cmark_node_new` (the
/// system's) may still be put into an arena tree and are freed with `free`. Whatever cmark
/// returns from an arena tree (the rendered HTML) belongs to the arena: it is copied, never
/// passed to `free`.
///
/// A parse marks the arena when it starts and goes back to the mark when it ends, so a parse
/// inside another (the print view's second parse) keeps the outer one's blocks.
enum MarkdownArena {
    /// The cmark allocator backed by the calling thread's arena.
    // nonisolated(unsafe): filled once (a lazy static) with functions that use the calling thread's arena.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        // unsafe: cmark takes its allocator as a C pointer; this one lives as long as the process.
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(
            to: cmark_mem(calloc: aimsbook_arena_calloc, realloc: aimsbook_arena_realloc, free: aimsbook_arena_free))
        return memory
    }()

    /// Runs `body` with the calling thread's arena, and forgets whatever it allocated there.
    /// Nothing allocated from the arena inside `body` may be used after it.
    static func scoped<Result>(_ body: () throws -> Result) rethrows -> Result {
        let mark = aimsbook_arena_get_mark()
        defer { aimsbook_arena_reset(mark) }
        return try body()
    }
}
