import Foundation

/// Puts newly written files in place of the old ones without waiting for the old ones to leave
/// the disk or the new ones to start out to it.
///
/// On ext4, `rename` over an existing file starts writing out the new file's data (the
/// `auto_da_alloc` safeguard for programs that skip `fsync`) and frees the old file's pages on
/// the spot. For the print view (15 MB for 2,000 documents) that took 12–17 ms of a 0.2 s rebuild
/// in `serve`, and for the thirty-odd small pages a title edit rewrites, 4–9 ms more. Linux's
/// `renameat2` with `RENAME_EXCHANGE` swaps the two names in one atomic step instead (a reader
/// sees the old file or the new, as with `rename`); each old file, now under the temporary name,
/// is then deleted: a small one at once, a large one under a hidden name of its own on another
/// thread. New files, other systems and file systems without the exchange take the plain
/// `rename`. The site is a build product: a crash that loses a page
/// costs one more build, so the early write-out is not worth its wait here.
enum FileSwap {
    static let retiredPrefix = ".aimsbook-old-"

    private static let deletions = DispatchGroup()

    /// Old files from this size on are deleted on another thread: freeing megabytes of pages
    /// takes milliseconds. Smaller ones are deleted at once, so no hidden file outlives the update.
    static let deletedElsewhereFrom = 1 << 20

    /// Replaces each `destination` with its `temporary` (a file in the same folder, `size` bytes
    /// when known), in order; the path that could not be replaced, with `errno` set, stops it.
    static func replace(_ files: [(temporary: String, destination: String, size: Int?)]) -> String? {
        var retired: [String] = []
        defer { delete(retired) }
        for (temporary, destination, size) in files {
            guard let exchange = renameExchange,
                exchange(AT_FDCWD, temporary, AT_FDCWD, destination, exchangeFlag) == 0
            else {
                if rename(temporary, destination) == 0 { continue }
                return destination
            }
            // `temporary` now names the old file. A large one gets a name of its own, so that the
            // next rebuild's temporary file under the same name cannot be deleted in its place.
            guard let size, size >= deletedElsewhereFrom else {
                unlink(temporary)
                continue
            }
            let folder = (destination as NSString).deletingLastPathComponent
            let name = folder + "/" + retiredPrefix + UUID().uuidString
            if rename(temporary, name) == 0 { retired.append(name) } else { unlink(temporary) }
        }
        return nil
    }

    /// Deletes the old files on another thread, all in one go.
    private static func delete(_ retired: [String]) {
        guard !retired.isEmpty else { return }
        deletions.enter()
        DispatchQueue.global(qos: .utility).async {
            for path in retired { unlink(path) }
            deletions.leave()
        }
    }

    /// Returns when every old file handed to another thread is deleted (for tests). A full
    /// write need not wait: it moves the whole old site aside, such a file included, and deletes
    /// it; the other thread's `unlink` then finds nothing.
    static func waitForDeletions() { deletions.wait() }

    /// Whether this system swaps names (`renameat2` found).
    static var exchangesNames: Bool { renameExchange != nil }

    private typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let exchangeFlag: UInt32 = 1 << 1  // RENAME_EXCHANGE

    /// glibc's `renameat2`, which Swift's Glibc module does not declare; nil where there is none.
    private static let renameExchange: RenameAt2? = {
        #if os(Linux)
            guard let symbol = dlsym(nil, "renameat2") else { return nil }
            return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
            return nil
        #endif
    }()
}
