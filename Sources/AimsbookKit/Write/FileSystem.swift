import Foundation

/// The few file operations the write stage repeats thousands of times, on POSIX calls:
/// Foundation's `Data.write` copies each page into a `Data` first, and `FileManager.removeItem`
/// stats and bridges every entry (about 10 times slower than `rm -r` on a 2,000-page site).
enum FileSystem {
    /// Writes `text` to `path`, replacing the file, straight from the string's UTF-8 storage.
    static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: path) }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw error("cannot create", path) }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                let failure = error("cannot write", path)
                close(descriptor)
                throw failure
            }
            offset += written
        }
        guard close(descriptor) == 0 else { throw error("cannot write", path) }
    }

    /// Deletes a folder and everything below it; what cannot be deleted is left.
    static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        for name in entries(of: path) {
            let child = path + "/" + name
            guard lstat(child, &status) == 0 else { continue }
            if (status.st_mode & S_IFMT) == S_IFDIR { removeTree(child) } else { unlink(child) }
        }
        rmdir(path)
    }

    /// The names in a folder, without `.` and `..`.
    static func entries(of folder: String) -> [String] {
        guard let handle = opendir(folder) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func error(_ what: String, _ path: String) -> SiteWriteError {
        SiteWriteError(description: "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
