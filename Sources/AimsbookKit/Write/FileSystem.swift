import Foundation

/// The few file operations the write stage repeats thousands of times, on POSIX calls:
/// Foundation's `Data.write` copies each page into a `Data` first, and `FileManager.removeItem`
/// stats and bridges every entry (about 10 times slower than `rm -r` on a 2,000-page site).
enum FileSystem {
    // unsafe (this file): bytes handed to write(2) and dirent names read in place, each within the call that lends them.
    /// Writes `text` to `path`, replacing the file, straight from the string's UTF-8 storage.
    static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: path) }
    }

    /// Pieces one after the other through a small buffer: no string of the whole file is made.
    static func write(_ pieces: [[UInt8]], to path: String) throws {
        try writing(to: path) { descriptor in
            var written = 0
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 18)
            for piece in pieces {
                try piece.withUnsafeBufferPointer { bytes in
                    if buffer.count + bytes.count > buffer.capacity {
                        written += try buffer.withUnsafeBytes { try writeAll($0, to: descriptor, path: path) }
                        buffer.removeAll(keepingCapacity: true)
                    }
                    if bytes.count >= buffer.capacity {
                        written += try writeAll(UnsafeRawBufferPointer(bytes), to: descriptor, path: path)
                    } else {
                        buffer.append(contentsOf: bytes)
                    }
                }
            }
            written += try buffer.withUnsafeBytes { try writeAll($0, to: descriptor, path: path) }
            return written
        }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        try writing(to: path) { try writeAll(bytes, to: $0, path: path) }
    }

    /// Creates or empties the file at `path`, lets `body` write to it, and closes it, also when
    /// `body` throws.
    private static func writing(to path: String, _ body: (Int32) throws -> Int) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw error("cannot create", path) }
        do {
            _ = try body(descriptor)
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw error("cannot write", path) }
    }

    @discardableResult
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws -> Int {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw error("cannot write", path)
            }
            offset += written
        }
        return offset
    }

    /// Deletes a folder and everything below it; what cannot be deleted is left.
    static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if folder >= 0 { removeContents(of: folder) }
        rmdir(path)
    }

    /// Deletes what the open folder `folder` holds, and closes it. Each entry is removed relative
    /// to its folder (`unlinkat`), by the type `readdir` gives, so deleting a site of thousands
    /// of files resolves no path and stats no file (a 2,000-document site: 2,300 `lstat`s and
    /// full-path `unlink`s before).
    private static func removeContents(of folder: Int32) {
        guard let handle = fdopendir(folder) else {
            close(folder)
            return
        }
        defer { closedir(handle) }
        var folders: [String] = []
        while let entry = readdir(handle) {
            let name = name(of: entry)
            if name == "." || name == ".." { continue }
            // A file system that does not give the type (DT_UNKNOWN) is asked with a stat.
            let type = type(of: entry)
            var isFolder = type == UInt8(DT_DIR)
            if type == UInt8(DT_UNKNOWN) {
                var status = stat()
                isFolder =
                    fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder { folders.append(name) } else { unlinkat(folder, name, 0) }
        }
        for name in folders {
            let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 { removeContents(of: child) }
            unlinkat(folder, name, AT_REMOVEDIR)
        }
    }

    /// The names in a folder, without `.` and `..`.
    static func entries(of folder: String) -> [String] {
        guard let handle = opendir(folder) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = name(of: entry)
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// A directory entry's name, read in place up to its NUL. Not `entry.pointee.d_name`: that
    /// copies the whole 256-byte array, and an entry is only as long as its name, so for the last
    /// entry of `readdir`'s buffer the copy can read past the end of mapped memory (it crashed
    /// `serve` on a folder of 10,000 files).
    static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        String(cString: UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
    }

    /// Whether a directory entry's name is valid UTF-8 (`name(of:)` repairs one that is not).
    static func isUTF8Name(_ entry: UnsafeMutablePointer<dirent>) -> Bool {
        let name = UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self)
        // Most names are ASCII: one pass over the bytes.
        var cursor = name
        while cursor.pointee != 0 {
            if cursor.pointee < 0 { return String(validatingCString: name) != nil }
            cursor += 1
        }
        return true
    }

    /// A directory entry's type (`DT_DIR`, `DT_REG`, … or `DT_UNKNOWN`), read in place for the
    /// reason `name(of:)` gives.
    static func type(of entry: UnsafeMutablePointer<dirent>) -> UInt8 {
        UnsafeRawPointer(entry).load(fromByteOffset: typeOffset, as: UInt8.self)
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    private static let typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)!

    /// The failed call's `errno` in plain words, after what was being done and to which path.
    static func error(_ what: String, _ path: String) -> SiteWriteError {
        SiteWriteError(description: "\(what) \(path): \(reason(errno))")
    }

    /// `strerror`, with what to do for the causes a user can act on.
    static func reason(_ code: Int32) -> String {
        let words = String(cString: strerror(code))
        switch code {
        case EACCES, EPERM: return words + " (give this user write access to it, or choose another output folder)"
        case EROFS: return words + " (the file system is mounted read-only; choose another output folder)"
        case ENOSPC, EDQUOT: return words + " (free some space; the previous site is unchanged)"
        case ENAMETOOLONG: return words + " (shorten the document id or the output folder's path)"
        default: return words
        }
    }

    /// Creates `path` and the folders above it that are missing.
    static func makeFolder(_ path: String) throws {
        var status = stat()
        if stat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw SiteWriteError(description: "cannot create the folder \(path): a file of that name is in the way")
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeFolder(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw error("cannot create the folder", path) }
    }
}
