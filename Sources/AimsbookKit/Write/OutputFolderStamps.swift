import Foundation

/// The output folders as `serve`'s last write left them, and the tree beside them its next
/// rebuild writes into (`BackTree`). A folder whose entries nobody has
/// changed since (no file added, deleted or renamed in it: its inode, modification and change
/// times are the same) still holds the files written there, so an update need not look at
/// them one by one: on 2,000 documents, `lstat` of every file was 3–4 ms of a 50 ms rebuild.
/// A file changed in place by hand in output/ is not noticed this way; it is written again
/// with the next change to its page, or by any folder change beside it.
// @unchecked: every stored `var` is read and written under `lock`.
public final class OutputFolderStamps: @unchecked Sendable {
    private struct Stamp: Equatable {
        var inode: UInt64
        var modified: (seconds: Int, nanoseconds: Int)
        var changed: (seconds: Int, nanoseconds: Int)

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.inode == b.inode && a.modified == b.modified && a.changed == b.changed
        }

        init?(_ path: String) {
            var status = stat()
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return nil }
            inode = UInt64(status.st_ino)
            modified = (status.st_mtim.tv_sec, status.st_mtim.tv_nsec)
            changed = (status.st_ctim.tv_sec, status.st_ctim.tv_nsec)
        }
    }

    private let lock = NSLock()
    /// By folder inside the output folder ("" for the output folder itself).
    private var stamps: [String: Stamp] = [:]

    init() {}

    /// Those of `folders` (inside `output`) that are as the last `record` left them.
    func unchanged(_ folders: Set<String>, in output: String) -> Set<String> {
        let recorded = lock.withLock { stamps }
        guard !recorded.isEmpty else { return [] }
        return folders.filter { folder in
            guard let last = recorded[folder], let now = Stamp(Self.path(of: folder, in: output)) else { return false }
            return now == last
        }
    }

    /// Notes how `folders` are now, once a write has finished changing them (a folder that is
    /// gone is forgotten). The stamps of other folders stay: the write did not change them.
    func record(_ folders: Set<String>, in output: String) {
        var now: [String: Stamp?] = [:]
        for folder in folders { now[folder] = Stamp(Self.path(of: folder, in: output)) }
        lock.withLock {
            for (folder, stamp) in now { stamps[folder] = stamp }
        }
    }

    /// After a failed write: nothing is known of the folders.
    func forget() {
        lock.withLock {
            stamps = [:]
            folders = nil
            back = nil
        }
    }

    /// The folders of the whole site the last update wrote (`SiteUpdate.filesToLookAt`); nil
    /// when unknown.
    var siteFolders: Set<String>? {
        get { lock.withLock { folders } }
        set { lock.withLock { folders = newValue } }
    }
    private var folders: Set<String>?

    /// The tree beside the output folder (`OutputPlace.staging`) that holds the site published
    /// before the current one, kept by `serve` for its next rebuild to write into in place and
    /// exchange with the output folder; nil when there is none or nothing is known of it.
    struct BackTree {
        /// Paths whose bytes in the tree may differ from the published site's: those the last
        /// publish wrote anew.
        var stale: Set<String>
        /// The tree holds exactly the published site's paths.
        var samePaths: Bool
        /// The tree's folders as the last write into it left them.
        var stamps: OutputFolderStamps
    }

    var backTree: BackTree? {
        get { lock.withLock { back } }
        set { lock.withLock { back = newValue } }
    }
    private var back: BackTree?

    /// After the back tree and the output folder exchanged names: each set of stamps goes with
    /// its tree.
    func exchangeStamps(with other: OutputFolderStamps) {
        let mine = lock.withLock { (stamps, folders) }
        let theirs = other.lock.withLock { (other.stamps, other.folders) }
        lock.withLock { (stamps, folders) = theirs }
        other.lock.withLock { (other.stamps, other.folders) = mine }
    }

    private static func path(of folder: String, in output: String) -> String {
        folder.isEmpty ? output : output + "/" + folder
    }
}
