import Foundation

/// What `serve` polls to notice an edit: the path, size and modification time of every file a
/// build reads (content/, templates/, frameworks/, aimsbook.yml). Hidden files are left out, as
/// the loader leaves them out: an editor's swap file changing is no reason to rebuild.
///
/// Plain `lstat` calls: `serve` polls twice a second, and FileManager's enumerator with
/// attributes spent more CPU on a 2,000-document handbook than the rebuilds did.
public enum SourceStamps {
    public struct Stamp: Hashable, Sendable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int

        init(_ status: stat) {
            size = Int64(status.st_size)
            seconds = Int(status.st_mtim.tv_sec)
            nanoseconds = Int(status.st_mtim.tv_nsec)
        }
    }

    public static func of(_ paths: HandbookPaths) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for folder in [paths.content, paths.templates, paths.frameworks] { walk(folder.path, into: &stamps) }
        if let stamp = stamp(paths.settings.path) { stamps[paths.settings.path] = stamp }
        return stamps
    }

    /// `stamps` with the files at `touched` looked at again: those `of(paths)` stamps (in the
    /// three folders or the settings file, not hidden) taken anew, or dropped when gone, and
    /// the paths whose stamps that changed. For a watcher told which files changed
    /// (`FolderWatch.takeTouched`); a file that is now a folder is left to a full look, which
    /// the notice of a folder brings.
    public static func updating(
        _ stamps: [String: Stamp], touched: Set<String>, in paths: HandbookPaths
    ) -> (stamps: [String: Stamp], changed: Set<String>) {
        let trees = [paths.content, paths.templates, paths.frameworks].map { $0.path + "/" }
        var updated = stamps
        var changed: Set<String> = []
        for path in touched {
            let isSettings = path == paths.settings.path
            let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path[...]
            guard isSettings || (!name.hasPrefix(".") && trees.contains { path.hasPrefix($0) }) else { continue }
            var status = stat()
            let now: Stamp?
            if lstat(path, &status) != 0 {
                now = nil
            } else if isSettings {
                now = Stamp(status)
            } else if (status.st_mode & S_IFMT) == S_IFDIR {
                continue
            } else {
                now = fileStamp(path, status)
            }
            if updated[path] != now {
                updated[path] = now
                changed.insert(path)
            }
        }
        return (updated, changed)
    }

    /// The paths whose stamps differ between two looks at the same files; nil when a file was
    /// added or removed (or renamed) between them.
    static func changes(from before: [String: Stamp], to after: [String: Stamp]) -> Set<String>? {
        guard before.count == after.count else { return nil }
        var changed: Set<String> = []
        for (path, stamp) in after {
            guard let old = before[path] else { return nil }
            if old != stamp { changed.insert(path) }
        }
        return changed
    }

    /// - Parameter followingLinks: stamp the file a symbolic link leads to, not the link.
    static func stamp(_ path: String, followingLinks: Bool = false) -> Stamp? {
        var status = stat()
        guard (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0 else { return nil }
        return Stamp(status)
    }

    static func walk(_ folder: String, into stamps: inout [String: Stamp]) {
        for name in FileSystem.entries(of: folder) where !name.hasPrefix(".") {
            let path = folder + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                walk(path, into: &stamps)
            } else if let stamp = fileStamp(path, status) {
                stamps[path] = stamp
            }
        }
    }

    /// The stamp of the entry at `path` that is no folder, from its `lstat` status: a symbolic
    /// link's is the file it leads to, for its edits; a link to a folder has none (it could
    /// loop, and the loader does not read it either).
    private static func fileStamp(_ path: String, _ status: stat) -> Stamp? {
        guard (status.st_mode & S_IFMT) == S_IFLNK else {
            // From the caller's `lstat`: a second call per file was half of a walk's time.
            return Stamp(status)
        }
        var target = stat()
        guard stat(path, &target) == 0, (target.st_mode & S_IFMT) != S_IFDIR else { return nil }
        return Stamp(target)
    }
}
