import Foundation

/// Writes an import's files all or none: each goes first to a hidden file beside its place,
/// and only when every one is written are they moved into place. A failure removes what this
/// run wrote and names the file that failed.
public enum ImportWriter {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ files: [RegisterImport.PlannedFile], content: URL) throws(Failure) {
        let fileManager = FileManager.default
        let changed = files.filter { $0.action != .unchanged }
        var staged: [(temporary: URL, final: URL)] = []
        func removeStaged() {
            for file in staged { try? fileManager.removeItem(at: file.temporary) }
        }
        for file in changed {
            let final = content.appendingPathComponent(file.contentPath)
            let temporary = final.deletingLastPathComponent().appendingPathComponent(
                ".\(final.lastPathComponent).aimsbook-import")
            do {
                try fileManager.createDirectory(
                    at: final.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: temporary)
                staged.append((temporary, final))
            } catch {
                removeStaged()
                throw Failure(
                    description: "cannot write \(final.path): \(error.localizedDescription); nothing was imported")
            }
        }
        // Renames within one folder: each replaces its file whole, and none can fail for space.
        for file in staged {
            if rename(file.temporary.path, file.final.path) != 0 {
                removeStaged()
                throw Failure(description: "cannot move \(file.final.path) into place (errno \(errno))")
            }
        }
    }
}
