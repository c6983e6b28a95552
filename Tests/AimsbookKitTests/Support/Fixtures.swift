import Foundation

@testable import AimsbookKit

/// Fixture handbooks under Tests/AimsbookKitTests/Fixtures, and helpers to load and check them.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The repository root (for the sample handbook in content/).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let asOf = Day("2026-11-29")!

    /// Loads a fixture handbook; `base` folders are merged in first, the case's files win.
    static func load(_ folders: [URL]) throws -> HandbookSource {
        var merged = HandbookSource(markdownFiles: [])
        var byPath: [String: HandbookSource.MarkdownFile] = [:]
        for folder in folders {
            let content = folder.appendingPathComponent("content")
            guard FileManager.default.fileExists(atPath: content.path) else { continue }
            let source = try HandbookLoader.load(HandbookPaths(root: folder))
            for file in source.markdownFiles { byPath[file.path] = file }
            merged.assets += source.assets
            merged.diagnostics += source.diagnostics
            merged.frameworkFiles += source.frameworkFiles
            if let settings = source.settingsText { merged.settingsText = settings }
        }
        merged.markdownFiles = byPath.values.sorted { $0.path < $1.path }
        return merged
    }

    /// A new empty folder under the system's temporary folder; the caller removes it.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aimsbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// One line per diagnostic, `severity code file:line:column`, the form of the expected.txt files.
    static func summary(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.sortedByLocation().map { "\($0.severity.rawValue) \($0.code) \($0.location)" }
    }

    /// A handbook from strings: `[path inside content/: text]`.
    static func source(_ files: [String: String], settings: String? = nil) -> HandbookSource {
        HandbookSource(
            markdownFiles: files.keys.sorted().map {
                HandbookSource.MarkdownFile(path: "content/\($0)", contentPath: $0, text: files[$0]!)
            },
            settingsText: settings)
    }

    /// The rendered site as path → text (files copied from the handbook map to "").
    static func pages(_ files: [OutputFile]) -> [String: String] {
        var pages: [String: String] = [:]
        for file in files {
            switch file.contents {
            case .text(let text): pages[file.path] = text
            case .utf8(let bytes): pages[file.path] = String(decoding: bytes, as: UTF8.self)
            case .pieces(let pieces): pages[file.path] = String(decoding: Array(pieces.joined()), as: UTF8.self)
            case .bytes, .copy: pages[file.path] = ""
            }
        }
        return pages
    }
}
