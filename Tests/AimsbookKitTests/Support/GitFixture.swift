import Foundation

/// A git repository in a temporary folder, made by scripted commits with chosen authors, dates
/// and messages, for the document-control tests. Git runs with no global or system settings.
struct GitFixture {
    let root: URL

    init() throws {
        root = try Fixtures.temporaryFolder()
        try git("init", "-q", "-b", "main")
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Stages everything and commits as `author` on `date` (noon UTC).
    @discardableResult
    func commit(_ message: String, author: String, email: String, date: String) throws -> String {
        try git("add", "-A")
        try git(
            "commit", "-q", "--allow-empty", "-m", message,
            environment: [
                "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": "\(date)T12:00:00Z",
                "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": email,
                "GIT_COMMITTER_DATE": "\(date)T12:00:00Z",
            ])
        return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        try run(
            ["git", "-C", root.path, "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"] + arguments,
            environment: environment)
    }

    @discardableResult
    static func run(
        _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]
    ) throws
        -> String
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var merged = ProcessInfo.processInfo.environment
        merged["GIT_CONFIG_GLOBAL"] = "/dev/null"
        merged["GIT_CONFIG_NOSYSTEM"] = "1"
        merged["GIT_AUTHOR_NAME"] = "Fixture"
        merged["GIT_AUTHOR_EMAIL"] = "fixture@example.org"
        merged["GIT_COMMITTER_NAME"] = "Fixture"
        merged["GIT_COMMITTER_EMAIL"] = "fixture@example.org"
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError(description: "\(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        try Self.run(arguments, environment: environment)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
    }
}
