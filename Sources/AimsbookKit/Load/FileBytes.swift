#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a whole file into bytes with `open`/`read`, sized by `fstat`: the loader reads
/// thousands of small files, and `FileManager.contents(atPath:)` wraps each in `Data` that is
/// then copied into an array to decode.
enum FileBytes {
    /// The file's bytes, or nil when it cannot be opened or read (as `contents(atPath:)`) or is
    /// not a regular file.
    static func contents(atPath path: String) -> [UInt8]? { contents(atPath: path, ifSize: nil) }

    /// The file's bytes when it is a regular file of `size` bytes (any size when nil): the write
    /// stage's comparison with the previous site checks the size on the open file instead of
    /// stating the path first (one system call and path walk fewer per file).
    static func contents(atPath path: String, ifSize size: Int?) -> [UInt8]? {
        // Non-blocking, then regular files only: opening a named pipe would wait for a writer.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        if let size, Int(status.st_size) != size { return nil }
        // One byte more than the size, so a single read that fills it means the file grew.
        let room = max(Int(status.st_size), 0) + 1
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
            count = 0
            while count < room {
                let result = read(descriptor, buffer.baseAddress! + count, room - count)
                if result > 0 {
                    count += result
                } else if result == 0 {
                    break
                } else if errno != EINTR {
                    failed = true
                    break
                }
            }
        }
        if failed { return nil }
        guard bytes.count == room else { return bytes }
        // The file grew since `fstat`: read on to its end.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // unsafe: read(2) into the chunk, no more than its count.
            let result = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if result > 0 {
                bytes += chunk[..<result]
            } else if result == 0 {
                return bytes
            } else if errno != EINTR {
                return nil
            }
        }
    }
}
