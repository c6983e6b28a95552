import Foundation
import Testing

@testable import AimsbookKit

@Suite struct GitHistoryTests {
    @Test func theNewestCommitNamingAFileIsItsLastChange() {
        let log =
            "\u{1E}b2c3d4e 2026-11-02\n\ncontent/a.md\n\u{1E}a1b2c3d 2026-10-01\n\ncontent/a.md\ncontent/sub/b.md\n"
        let changes = GitHistory.parse(
            log, topLevel: URL(fileURLWithPath: "/repo"), root: URL(fileURLWithPath: "/repo"))
        #expect(changes["content/a.md"] == LastChange(date: Day("2026-11-02")!, commit: "b2c3d4e"))
        #expect(changes["content/sub/b.md"] == LastChange(date: Day("2026-10-01")!, commit: "a1b2c3d"))
    }

    @Test func pathsAreMadeRelativeToAHandbookInsideTheRepository() {
        let log = "\u{1E}abc1234 2026-01-05\n\nhandbook/content/a.md\nother/x.md\n"
        let changes = GitHistory.parse(
            log, topLevel: URL(fileURLWithPath: "/repo"), root: URL(fileURLWithPath: "/repo/handbook"))
        #expect(changes.keys.sorted() == ["content/a.md"])
    }

    @Test func outsideGitThereIsNoHistory() throws {
        let folder = try Fixtures.temporaryFolder()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("content"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(GitHistory.lastChanges(root: folder, content: folder.appendingPathComponent("content")).isEmpty)
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
