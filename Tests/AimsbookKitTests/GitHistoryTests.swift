import Foundation
import Testing

@testable import AimsbookKit

@Suite struct GitHistoryTests {
    static let blobA = String(repeating: "a", count: 40)
    static let blobB = String(repeating: "b", count: 40)
    static let none = String(repeating: "0", count: 40)

    /// Two commits in `logFormat` with `--raw`: a rename with an approval, then the file's creation.
    static let log =
        "\u{1E}c2\u{1F}c2short\u{1F}2026-11-02\u{1F}Ann Approver\u{1F}ann@example.org\u{1F}Move it\u{1F}ROLE-CEO\u{1D}ROLE-DPO\n\n"
        + ":100644 100644 \(blobA) \(blobA) R100\tcontent/old.md\tcontent/sub/new.md\n"
        + "\u{1E}c1\u{1F}c1short\u{1F}2026-10-01\u{1F}Bo Author\u{1F}bo@example.org\u{1F}Add it\u{1F}\n\n"
        + ":000000 100644 \(none) \(blobA) A\tcontent/old.md\n"
        + ":000000 100644 \(none) \(blobB) A\tother/x.md\n"

    @Test func theLogIsReadWithTrailersAndRenames() {
        let commits = GitHistory.parse(Self.log)
        #expect(commits.map(\.commit) == ["c2", "c1"])
        #expect(commits[0].approvals == ["ROLE-CEO", "ROLE-DPO"])
        #expect(commits[1].approvals.isEmpty)
        #expect(
            commits[0].files == [
                .init(
                    status: "R", similarity: 100, oldBlob: Self.blobA, newBlob: Self.blobA, oldPath: "content/old.md",
                    path: "content/sub/new.md")
            ])
        #expect(commits[1].files.map(\.recordedBlob) == [Self.blobA, Self.blobB])
    }

    @Test func aFileIsFollowedBackAcrossItsRenameAndKeptWhenUnderTheRoot() {
        let fields = RecordedFields(id: "POL-001", status: "approved", version: "2")
        let history = GitHistory.assemble(
            GitHistory.parse(Self.log), head: "c2", fields: { $0 == Self.blobA ? fields : nil },
            topLevel: URL(fileURLWithPath: "/repo"), root: URL(fileURLWithPath: "/repo"))
        #expect(history.documents.keys.sorted() == ["content/sub/new.md", "other/x.md"])
        let revisions = history.documents["content/sub/new.md"]!.revisions
        #expect(revisions.map(\.change) == [.renamed, .added])
        #expect(revisions.map(\.path) == ["content/sub/new.md", "content/old.md"])
        #expect(revisions.map(\.changedContent) == [false, true])
        #expect(revisions[0].fields == fields)
        #expect(history.lastChange(of: "content/sub/new.md") == LastChange(date: Day("2026-11-02")!, commit: "c2short"))
        let inside = GitHistory.assemble(
            GitHistory.parse(Self.log), head: "c2", fields: { _ in nil }, topLevel: URL(fileURLWithPath: "/repo"),
            root: URL(fileURLWithPath: "/repo/content"))
        #expect(inside.documents.keys.sorted() == ["sub/new.md"])
    }

    @Test func quotedPathsAreUnquoted() {
        #expect(GitHistory.unquote("\"content/a\\tb \\\"q\\\".md\"") == "content/a\tb \"q\".md")
        #expect(GitHistory.unquote("\"caf\\303\\251.md\"") == "café.md")
        #expect(GitHistory.unquote("plain.md") == "plain.md")
    }

    @Test func catFileBatchOutputIsSplitIntoBlobs() {
        let output = Array("aaa blob 5\nhello\nbbb missing\nccc blob 0\n\n".utf8)
        #expect(GitHistory.parseBatch(output) == ["aaa": "hello", "ccc": ""])
    }

    @Test func frontMatterAtACommitIsRead() {
        let fields = RecordedFields.read(
            "---\nid: POL-1\nstatus: approved\nversion: \"1.2\"\nclauses: [5.2, 6.1]\n---\nBody")
        #expect(fields == RecordedFields(id: "POL-1", status: "approved", version: "1.2", clauses: ["5.2", "6.1"]))
        #expect(RecordedFields.read("no front matter") == nil)
    }

    @Test func outsideGitThereIsNoHistory() throws {
        let folder = try Fixtures.temporaryFolder()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("content"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(GitHistory.history(root: folder, content: folder.appendingPathComponent("content")).isEmpty)
    }

    @Test func gitIsAskedOnlyWhereARepositoryCouldBe() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let handbook = folder.appendingPathComponent("docs/handbook")
        try FileManager.default.createDirectory(at: handbook, withIntermediateDirectories: true)
        #expect(!GitHistory.mayBeInRepository(handbook, environment: [:]))
        #expect(GitHistory.mayBeInRepository(handbook, environment: ["GIT_DIR": "/elsewhere/.git"]))
        // A worktree or submodule has a `.git` file; a clone a `.git` folder, perhaps further up.
        FileManager.default.createFile(atPath: handbook.appendingPathComponent(".git").path, contents: Data())
        #expect(GitHistory.mayBeInRepository(handbook, environment: [:]))
        try FileManager.default.removeItem(at: handbook.appendingPathComponent(".git"))
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(GitHistory.mayBeInRepository(handbook, environment: [:]))
    }
}
