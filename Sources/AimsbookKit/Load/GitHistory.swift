import Foundation

/// When each document last changed in git, for the "last changed" line on its page: people who
/// author in git expect it, and auditors use it to see that a document is maintained.
public struct LastChange: Sendable, Hashable {
    public var date: Day
    /// The abbreviated commit id.
    public var commit: String
}

/// Reads the history once for the whole content folder (one `git log`, not one per file).
/// Outside a git repository, or without git, there is simply no history.
public enum GitHistory {
    /// Keys are paths relative to the handbook root (`content/risks/bias.md`).
    /// - Parameter cache: `serve`'s: the history is read again only when HEAD moved.
    public static func lastChanges(root: URL, content: URL, cache: BuildCache? = nil) -> [String: LastChange] {
        guard mayBeInRepository(root),
            let lines = run(["-C", root.path, "rev-parse", "--show-toplevel", "HEAD"], in: root)?
                .split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }), lines.count == 2,
            !lines[0].isEmpty
        else { return [:] }
        let topLevel = lines[0]
        var key = Hasher()
        key.combine(topLevel)
        key.combine(lines[1])
        key.combine(content.path)
        return cache?.gitHistory(key: key.finalize()) { read(topLevel: topLevel, root: root, content: content) }
            ?? read(topLevel: topLevel, root: root, content: content)
    }

    static func read(topLevel: String, root: URL, content: URL) -> [String: LastChange] {
        guard
            let log = run(
                ["-C", topLevel, "log", "--no-renames", "--format=%x1e%h %cs", "--name-only", "--", content.path],
                in: root)
        else { return [:] }
        return parse(log, topLevel: URL(fileURLWithPath: topLevel), root: root)
    }

    /// Parses `git log --format=%x1e%h %cs --name-only`: newest commit first, so the first
    /// commit naming a file is its last change.
    static func parse(_ log: String, topLevel: URL, root: URL) -> [String: LastChange] {
        var changes: [String: LastChange] = [:]
        let rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
        let topPath = topLevel.resolvingSymlinksInPath().standardizedFileURL.path
        for record in log.split(separator: "\u{1E}") {
            let lines = record.split(separator: "\n")
            guard let header = lines.first else { continue }
            let parts = header.split(separator: " ")
            guard parts.count == 2, let date = Day(String(parts[1])) else { continue }
            for name in lines.dropFirst() where !name.isEmpty {
                let absolute = topPath + "/" + name
                guard absolute.hasPrefix(rootPath + "/") else { continue }
                let path = String(absolute.dropFirst(rootPath.count + 1))
                if changes[path] == nil { changes[path] = LastChange(date: date, commit: String(parts[0])) }
            }
        }
        return changes
    }

    /// Whether `folder` or a folder above it has a `.git` (or `GIT_DIR` names one): without one
    /// git can only fail, and starting it to find out was a twentieth of a build outside git.
    static func mayBeInRepository(
        _ folder: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> Bool
    {
        if environment["GIT_DIR"] != nil { return true }
        for start in [folder.standardizedFileURL.path, folder.resolvingSymlinksInPath().path] {
            var path = start
            while true {
                if access((path == "/" ? "" : path) + "/.git", F_OK) == 0 { return true }
                guard path != "/", !path.isEmpty else { break }
                path = (path as NSString).deletingLastPathComponent
            }
        }
        return false
    }

    static func run(_ arguments: [String], in directory: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
