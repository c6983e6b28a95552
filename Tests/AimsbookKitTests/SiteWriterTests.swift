import Foundation
import Testing

@testable import AimsbookKit

@Suite struct SiteWriterTests {
    @Test func listsAFolderOfNamesOfEveryLengthUpToTheLongest() throws {
        // Directory entries are as long as their names: a name must be read in place, never by
        // copying the entry's whole name array (past the end of readdir's buffer, under ASan an
        // overflow, on a large folder a crash).
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var expected: Set<String> = []
        for length in 1...255 {
            let name = String(repeating: "d", count: length - 1) + "\(length % 10)"
            FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data())
            expected.insert(name)
        }
        #expect(Set(FileSystem.entries(of: folder.path)) == expected)
        #expect(Set(HandbookLoader.listFiles(under: folder).map(\.path)) == expected)
    }

    @Test func replacesItsOwnSiteWhole() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("output")
        try SiteWriter.write([.text("index.html", "one"), .text("docs/a.html", "a")], to: output)
        try SiteWriter.write([.text("index.html", "two")], to: output)
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "two")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("docs/a.html").path))
        let entries = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(entries == [SiteWriter.markerName, "index.html"])
    }

    @Test func writesPiecesAsTheirJoinedText() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Small pieces gathered in the buffer, one larger than the buffer written straight, and
        // text that is not ASCII across the joins.
        let pieces =
            ["<p>é", "", String(repeating: "x", count: 300_000), "ü</p>"] + Array(repeating: "ab\n", count: 5_000)
        try SiteWriter.write([OutputFile(path: "print.html", contents: .pieces(pieces))], to: folder)
        let written = try String(contentsOf: folder.appendingPathComponent("print.html"), encoding: .utf8)
        #expect(written == pieces.joined())
        #expect(OutputFile(path: "print.html", contents: .pieces(pieces)).textSize == pieces.joined().utf8.count)
    }

    @Test func refusesAFolderItDidNotMake() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "mine".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(throws: SiteWriteError.self) { try SiteWriter.write([.text("index.html", "x")], to: folder) }
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }

    @Test func aFailedWriteLeavesThePreviousSite() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteWriter.write([.text("index.html", "good")], to: folder)
        #expect(throws: SiteWriteError.self) {
            try SiteWriter.write([.text("index.html", "bad"), .text("../escape.html", "x")], to: folder)
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8) == "good")
        #expect(
            !FileManager.default.fileExists(
                atPath: folder.deletingLastPathComponent().appendingPathComponent("escape.html").path))
    }

    @Test func refusesPathsOutsideTheFolder() {
        #expect(SiteWriter.safeRelativePath("docs/a.html") == "docs/a.html")
        #expect(SiteWriter.safeRelativePath("./docs//a.html") == "docs/a.html")
        #expect(SiteWriter.safeRelativePath("../a.html") == nil)
        #expect(SiteWriter.safeRelativePath("docs/../../a.html") == nil)
        #expect(SiteWriter.safeRelativePath("/etc/passwd") == nil)
        #expect(SiteWriter.safeRelativePath(SiteWriter.markerName) == nil)
        #expect(SiteWriter.safeRelativePath("docs/./a.html") == "docs/a.html")
        #expect(SiteWriter.safeRelativePath("docs/.aimsbook-staging") == "docs/.aimsbook-staging")
        #expect(SiteWriter.safeRelativePath(".aimsbook-staging/a.html") == nil)
        #expect(SiteWriter.safeRelativePath("") == nil)
        #expect(SiteWriter.safeRelativePath("docs/") == "docs")
        #expect(SiteWriter.isPlainRelativePath("frameworks/eu-ai-act/art.73.html"))
        for unusual in ["/a", "a//b", "a/../b", "./a", "a/.b", "a b", "a\\b", "é.html", "a/", ""] {
            #expect(!SiteWriter.isPlainRelativePath(unusual), "\(unusual)")
        }
    }

    @Test func refusesOutputFoldersThatHoldTheHandbook() {
        let root = URL(fileURLWithPath: "/tmp/handbook")
        for output in ["/tmp/handbook", "/tmp/handbook/content", "/tmp/handbook/content/site", "/tmp", "/"] {
            let paths = HandbookPaths(root: root, output: URL(fileURLWithPath: output))
            #expect(throws: SiteWriteError.self, "\(output)") { try SiteWriter.checkOutputLocation(paths) }
        }
        #expect(throws: Never.self) { try SiteWriter.checkOutputLocation(HandbookPaths(root: root)) }
    }

    // MARK: In-place updates (serve's rebuilds)

    func inode(_ path: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path.path)[.systemFileNumber] as? Int)
    }

    func files(under folder: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func anUpdateKeepsUnchangedFilesRewritesChangedOnesAndDropsTheRest() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("output")
        try SiteWriter.write(
            [.text("index.html", "home"), .text("docs/a.html", "a"), .text("old/gone.html", "gone")], to: output)
        let homeInode = try inode(output.appendingPathComponent("index.html"))
        try SiteWriter.write(
            [.text("index.html", "home"), .text("docs/a.html", "a, edited"), .text("docs/b.html", "b")], to: output,
            unchanged: ["index.html"])
        #expect(try inode(output.appendingPathComponent("index.html")) == homeInode, "kept, not written again")
        #expect(try String(contentsOf: output.appendingPathComponent("docs/a.html"), encoding: .utf8) == "a, edited")
        #expect(try String(contentsOf: output.appendingPathComponent("docs/b.html"), encoding: .utf8) == "b")
        #expect(
            try files(under: output) == [SiteWriter.markerName, "docs", "docs/a.html", "docs/b.html", "index.html"],
            "the removed page and its empty folder are gone, no hidden file is left")
    }

    @Test func anUpdateReplacesALargeFileAndDeletesTheOldOneElsewhere() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let large = { (letter: String) in String(repeating: letter, count: FileSwap.threshold + 10) }
        try SiteWriter.write([.text("index.html", "home"), .text("print.html", large("a"))], to: folder)
        for (round, letter) in ["b", "c"].enumerated() {
            try SiteWriter.write(
                [.text("index.html", "home"), .text("print.html", large(letter))], to: folder,
                unchanged: ["index.html"])
            #expect(
                try String(contentsOf: folder.appendingPathComponent("print.html"), encoding: .utf8) == large(letter),
                "round \(round + 1)")
        }
        #if os(Linux)
            #expect(FileSwap.exchangesNames, "glibc has renameat2")
        #endif
        FileSwap.waitForDeletions()
        #expect(
            try files(under: folder) == [SiteWriter.markerName, "index.html", "print.html"],
            "the old files are deleted, no hidden file is left")
    }

    @Test func aFailedUpdateLeavesThePreviousSiteAndNoHiddenFiles() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteWriter.write([.text("index.html", "good"), .text("docs/a.html", "a")], to: folder)
        let before = try files(under: folder)
        #expect(throws: SiteWriteError.self) {
            try SiteWriter.write(
                [
                    .text("docs/a.html", "new a"), .init(path: "z.png", contents: .copy(from: "/nonexistent/z.png")),
                    .text("index.html", "good"),
                ], to: folder, unchanged: ["index.html"])
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("docs/a.html"), encoding: .utf8) == "a")
        #expect(try files(under: folder) == before)
    }

    @Test func anUpdateWhereAFolderBecameAFileWritesTheWholeSite() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteWriter.write([.text("index.html", "home"), .text("docs/a.html", "a")], to: folder)
        try SiteWriter.write(
            [.text("index.html", "home"), .text("docs", "now a file")], to: folder, unchanged: ["index.html"])
        #expect(try String(contentsOf: folder.appendingPathComponent("docs"), encoding: .utf8) == "now a file")
        #expect(try files(under: folder) == [SiteWriter.markerName, "docs", "index.html"])
    }
}
