import Foundation

/// Where a site is written and how it is published, so that at every instant the output folder
/// is the previous complete site or the new complete one.
///
/// Everything aimsbook writes besides the site lies next to the output folder, in the same
/// parent folder (so on the same file system), under names that start with a dot and the
/// output folder's name (for `output`):
/// - `.output.aimsbook-staging`: the new site while it is written; after the exchange, the
///   previous site until it is deleted.
/// - `.output.aimsbook-previous`: only where the exchange is not available, the previous site
///   between the two renames of the journaled swap.
/// - `.output.aimsbook-lock`: the lock of the one process writing the output folder
///   (`OutputLock`), holding its process id; left in place, it is taken again by the next.
///
/// Publishing is one `renameat2(RENAME_EXCHANGE)` of the staging folder and the output folder.
/// A file system or system without it gets the journaled swap: output → previous, staging →
/// output, previous deleted; a failed second rename puts the previous site back at once, and a
/// kill between the two leaves `previous` for the next run to put back (`recover`).
struct OutputPlace: Sendable {
    /// The output folder, symbolic links resolved (the folder itself is exchanged, never a link).
    let output: String
    let staging: String
    let previous: String
    let lock: String

    init(_ url: URL) {
        let standardized = url.standardizedFileURL.path
        let resolved = FileManager.default.fileExists(atPath: standardized) ? Self.realPath(standardized) : nil
        let output = resolved ?? standardized
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        self.output = output
        staging = parent + "/." + name + ".aimsbook-staging"
        previous = parent + "/." + name + ".aimsbook-previous"
        lock = parent + "/." + name + ".aimsbook-lock"
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Puts back what an interrupted run left: a site moved aside by a journaled swap that did
    /// not finish is the output folder again; a staging folder (a site half written, or the
    /// previous site after an exchange) is deleted.
    func recover() throws {
        var status = stat()
        if lstat(previous, &status) == 0 {
            if lstat(output, &status) != 0, errno == ENOENT {
                guard rename(previous, output) == 0 else {
                    throw FileSystem.error("cannot put the previous site back from \(previous) to", output)
                }
            } else {
                FileSystem.removeTree(previous)
            }
        }
        FileSystem.removeTree(staging)
    }

    /// Makes the staging folder the output folder and returns where the previous site now is
    /// (nil when there was none): one exchange of names, or the journaled swap.
    func publish() throws -> String? {
        var status = stat()
        guard lstat(output, &status) == 0 else {
            guard rename(staging, output) == 0 else {
                throw FileSystem.error("cannot move the new site from \(staging) to", output)
            }
            return nil
        }
        if FileSwap.exchange(staging, output) { return staging }
        // No exchange here: two renames, undone at once if the second fails.
        guard rename(output, previous) == 0 else {
            throw FileSystem.error("cannot move the previous site aside from \(output) to", previous)
        }
        guard rename(staging, output) == 0 else {
            let failure = FileSystem.error("cannot move the new site from \(staging) to", output)
            rename(previous, output)
            throw failure
        }
        return previous
    }
}

/// One process writes an output folder at a time: `build` for its write, `serve` while it
/// runs. An advisory `flock` on `.NAME.aimsbook-lock` beside the folder, released by the
/// kernel when the process ends however it ends, so a kill never leaves it held.
public final class OutputLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// Takes the lock of `output`, or fails naming the process that holds it.
    public static func acquire(for output: URL, displayName: String? = nil) throws -> OutputLock {
        let place = OutputPlace(output)
        let parent = (place.output as NSString).deletingLastPathComponent
        try FileSystem.makeFolder(parent)
        var descriptor = open(place.lock, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        // Another user's lock file locks as well read-only (it then names no process id).
        if descriptor < 0, errno == EACCES { descriptor = open(place.lock, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw FileSystem.error("cannot create the lock file", place.lock) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.processID(in: descriptor)
            close(descriptor)
            let name = displayName ?? place.output
            throw SiteWriteError(
                description:
                    "another aimsbook build is writing \(name)\(holder.map { " (pid \($0))" } ?? ""); wait for it to finish or stop it, then run this again"
            )
        }
        // The holder's id, for the message of the next one that tries.
        let id = Array("\(getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 {
            // unsafe: the holder's id lent to pwrite(2) for the call.
            _ = id.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
        return OutputLock(descriptor: descriptor)
    }

    private static func processID(in descriptor: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        // unsafe: pread(2) fills the buffer it is lent, no further than its count.
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
