import CCmarkGFM

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Memory for cmark-gfm while a body is parsed only to be read (`check`, `soa`, `audit`): a
/// bump allocator per thread, emptied after each body. cmark allocates every node and grows
/// every buffer with calloc and realloc, and frees them one by one; with the system allocator
/// that was over a tenth of a check. Here allocating is an addition, freeing does nothing, and
/// the whole tree goes at once when the parse ends.
///
/// Not for rendering: the HTML renderer allocates its result with the tree's allocator, and
/// the caller frees that with `free`. Each cmark node remembers its allocator, so nodes made
/// with `cmark_node_new` (the system's) may still be put into an arena tree and freed with it.
///
/// cmark's allocator callbacks take no context, so the arena is found per thread; its chunks
/// live as long as the thread and are reused by every body parsed on it.
struct MarkdownArena {
    /// Chunks form a list; each starts with the next chunk's address and its own size.
    private var first: UnsafeMutableRawPointer?
    private var current: UnsafeMutableRawPointer?
    /// Where the next block starts in `current`.
    private var offset = 0
    /// The latest block, which `reallocate` may grow in place.
    private var last: UnsafeMutableRawPointer?

    private static let chunkHeader = 16
    /// Before every block: its size, for `reallocate` to copy.
    private static let blockHeader = 16
    private static let chunkSize = 1 << 18

    /// The cmark allocator backed by the calling thread's arena.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(
            to: cmark_mem(
                calloc: { count, size in
                    let (total, overflow) = count.multipliedReportingOverflow(by: size)
                    if overflow { return nil }
                    let block = MarkdownArena.forThisThread().pointee.allocate(total)
                    block.initializeMemory(as: UInt8.self, repeating: 0, count: total)
                    return block
                },
                realloc: { pointer, size in MarkdownArena.forThisThread().pointee.reallocate(pointer, size) },
                free: { _ in }))
        return memory
    }()

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { state in
            guard let state else { return }
            let arena = state.assumingMemoryBound(to: MarkdownArena.self)
            arena.pointee.releaseChunks()
            arena.deinitialize(count: 1)
            arena.deallocate()
        }
        return key
    }()

    /// The calling thread's arena, made on first use.
    static func forThisThread() -> UnsafeMutablePointer<MarkdownArena> {
        if let state = pthread_getspecific(key) { return state.assumingMemoryBound(to: MarkdownArena.self) }
        let arena = UnsafeMutablePointer<MarkdownArena>.allocate(capacity: 1)
        arena.initialize(to: MarkdownArena())
        pthread_setspecific(key, arena)
        return arena
    }

    private static func roundedUp(_ size: Int) -> Int { (size + blockHeader + 15) & ~15 }

    private static func size(of chunk: UnsafeMutableRawPointer) -> Int { chunk.load(fromByteOffset: 8, as: Int.self) }

    private static func next(of chunk: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        chunk.load(as: UnsafeMutableRawPointer?.self)
    }

    mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let needed = Self.roundedUp(size)
        while true {
            if let chunk = current {
                if offset + needed <= Self.size(of: chunk) {
                    let block = chunk + offset
                    offset += needed
                    block.storeBytes(of: size, as: Int.self)
                    last = block + Self.blockHeader
                    return block + Self.blockHeader
                }
                if let next = Self.next(of: chunk) {
                    current = next
                    offset = Self.chunkHeader
                    last = nil
                    continue
                }
            }
            let chunkSize = max(Self.chunkSize, needed + Self.chunkHeader)
            let chunk = malloc(chunkSize)!
            chunk.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
            chunk.storeBytes(of: chunkSize, toByteOffset: 8, as: Int.self)
            if let current {
                current.storeBytes(of: chunk, as: UnsafeMutableRawPointer?.self)
            } else {
                first = chunk
            }
            current = chunk
            offset = Self.chunkHeader
            last = nil
        }
    }

    mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer {
        guard let pointer else { return allocate(size) }
        let block = pointer - Self.blockHeader
        let old = block.load(as: Int.self)
        if size <= old { return pointer }
        // The latest block grows in place when its chunk has room.
        if pointer == last, let chunk = current, block - chunk + Self.roundedUp(size) <= Self.size(of: chunk) {
            offset = block - chunk + Self.roundedUp(size)
            block.storeBytes(of: size, as: Int.self)
            return pointer
        }
        let moved = allocate(size)
        moved.copyMemory(from: pointer, byteCount: old)
        return moved
    }

    /// Forgets every block; the chunks stay for the next body.
    mutating func reset() {
        current = first
        offset = Self.chunkHeader
        last = nil
    }

    mutating func releaseChunks() {
        var chunk = first
        while let current = chunk {
            chunk = Self.next(of: current)
            free(current)
        }
        first = nil
        current = nil
    }
}
