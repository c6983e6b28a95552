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
        try SiteWriter.write([OutputFile(path: "print.html", contents: .text(pieces: pieces))], to: folder)
        let written = try String(contentsOf: folder.appendingPathComponent("print.html"), encoding: .utf8)
        #expect(written == pieces.joined())
        #expect(OutputFile(path: "print.html", contents: .text(pieces: pieces)).textSize == pieces.joined().utf8.count)
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

    @Test func aNewBuildLinksOnlyTheFilesWhoseBytesThePreviousSiteHolds() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("output")
        let asset = folder.appendingPathComponent("logo.svg")
        try "<svg/>".write(to: asset, atomically: true, encoding: .utf8)
        try SiteWriter.write(
            [
                .text("index.html", "home"), .text("docs/a.html", "aaa"), .text("docs/edited.html", "same"),
                OutputFile(path: "print.html", contents: .text(pieces: ["<p>é", "ü</p>"])),
                OutputFile(path: "logo.svg", contents: .copy(from: asset.path)),
            ], to: output)
        let before = try ["index.html", "docs/a.html", "docs/edited.html", "print.html", "logo.svg"].map {
            try inode(output.appendingPathComponent($0))
        }
        // Edited by hand in output/, keeping its size: compared, so written again.
        try "SAME".write(to: output.appendingPathComponent("docs/edited.html"), atomically: false, encoding: .utf8)

        // No render cache (a new process): the writer compares what is there.
        try SiteWriter.write(
            [
                .text("index.html", "home"), .text("docs/a.html", "bbb"), .text("docs/edited.html", "same"),
                OutputFile(path: "print.html", contents: .text(pieces: ["<p>", "éü", "</p>"])),
                OutputFile(path: "logo.svg", contents: .copy(from: asset.path)), .text("docs/new.html", "new"),
            ], to: output)
        let after = try ["index.html", "docs/a.html", "docs/edited.html", "print.html", "logo.svg"].map {
            try inode(output.appendingPathComponent($0))
        }
        #expect(after[0] == before[0], "the same bytes: linked into the new site")
        #expect(after[3] == before[3], "the same bytes in other pieces: linked")
        #expect(after[1] != before[1] && after[2] != before[2] && after[4] != before[4], "written again")
        for (path, text) in [("docs/a.html", "bbb"), ("docs/edited.html", "same"), ("print.html", "<p>éü</p>")] {
            #expect(try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) == text)
        }
        #expect(try files(under: output).filter { $0.hasPrefix(".aimsbook-") && $0 != SiteWriter.markerName } == [])
    }

    @Test func contentsCompareWithBytesAcrossTheirPieces() {
        func holds(_ contents: OutputFile.Contents, _ text: String) -> Bool {
            Array(text.utf8).withUnsafeBytes { contents.isEqual(to: $0) }
        }
        #expect(holds(.text(pieces: ["ab", "", "c"]), "abc"))
        #expect(!holds(.text(pieces: ["ab", "c"]), "abd"))
        #expect(!holds(.text(pieces: ["ab", "c"]), "ab"))
        #expect(!holds(.text(pieces: ["ab"]), "abc"))
        #expect(holds(.pieces([]), "") && holds(.text(""), ""))
        #expect(holds(.text("é"), "é") && !holds(.text("é"), "e"))
        #expect(holds(.bytes([0x61, 0x62]), "ab") && !holds(.bytes([0x61]), "ab"))
        #expect(!holds(.copy(from: "/nonexistent"), ""))
        #expect(OutputFile.Contents.text(pieces: ["é", "ab"]).byteCount == 4)
    }

    @Test func serveLinksWhatItPublishedUnchangedWritesTheRestAndDropsRemovedPages() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = HandbookPaths(root: folder, output: folder.appendingPathComponent("output"))
        let output = paths.output
        var writer = ServedSiteWriter(paths: paths)
        let home = OutputFile.utf8("index.html", Array("home".utf8))
        try writer.write([.text("docs/a.html", "a"), home, .text("old/gone.html", "gone")])
        let homeFile = try inode(output.appendingPathComponent("index.html"))
        try writer.write([.text("docs/a.html", "a, edited"), .text("docs/b.html", "b"), home])
        #expect(try String(contentsOf: output.appendingPathComponent("docs/a.html"), encoding: .utf8) == "a, edited")
        #expect(try String(contentsOf: output.appendingPathComponent("docs/b.html"), encoding: .utf8) == "b")
        #expect(try inode(output.appendingPathComponent("index.html")) == homeFile, "the unchanged page is linked")
        #expect(
            try files(under: output) == [SiteWriter.markerName, "docs", "docs/a.html", "docs/b.html", "index.html"],
            "the removed page and its folder are gone")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != ".output.aimsbook-lock" }
                == ["output"], "nothing left beside")
    }

    @Test func serveCountsAsChangedWhatItCannotShowIsTheSame() throws {
        let bytes = Array("page".utf8)
        let last: [OutputFile] = [
            .utf8("a.html", bytes), .text("b.html", "b"), .init(path: "logo.svg", contents: .copy(from: "/x/logo.svg")),
            .utf8("z.html", bytes),
        ]
        let next: [OutputFile] = [
            .utf8("a.html", bytes), .text("b.html", "b, edited"), .utf8("c.html", bytes),
            .init(path: "logo.svg", contents: .copy(from: "/x/logo.svg")), .utf8("z.html", Array("page".utf8)),
        ]
        #expect(
            ServedSiteWriter.changedPaths(next, since: last) == ["b.html", "c.html", "logo.svg"],
            "the same bytes in other storage are the same; a new path and a copied asset are not")
    }

    @Test func afterAFailedWriteServeComparesTheOutputFolderAgain() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = HandbookPaths(root: folder, output: folder.appendingPathComponent("output"))
        var writer = ServedSiteWriter(paths: paths)
        let page = OutputFile.text("index.html", "one")
        try writer.write([page])
        #expect(throws: SiteWriteError.self) {
            try writer.write([page, .init(path: "z.png", contents: .copy(from: "/nonexistent/z.png"))])
        }
        // Edited by hand at the same size: the writer no longer trusts what it published.
        try "two".write(to: paths.output.appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
        try writer.write([page])
        #expect(try String(contentsOf: paths.output.appendingPathComponent("index.html"), encoding: .utf8) == "one")
    }

    @Test func theNextWriteRepairsWhatAnInterruptedOneLeft() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("output")
        let staging = folder.appendingPathComponent(".output.aimsbook-staging")
        let previous = folder.appendingPathComponent(".output.aimsbook-previous")
        try SiteWriter.write([.text("index.html", "one")], to: output)
        // Killed while writing the staging folder: a half-written site beside, deleted next time.
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try "half".write(to: staging.appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
        try SiteWriter.write([.text("index.html", "two")], to: output)
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "two")
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        // Killed between the two renames of the journaled swap: the previous site is put back
        // before anything else happens.
        try FileManager.default.moveItem(at: output, to: previous)
        #expect(throws: SiteWriteError.self) {
            try SiteWriter.write([.text("index.html", "three"), .text("../x", "refused")], to: output)
        }
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "two")
        #expect(!FileManager.default.fileExists(atPath: previous.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["output"])
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
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)
        #expect(beside.filter { $0.hasPrefix("." + folder.lastPathComponent + ".aimsbook-") } == [])
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

extension OutputFile.Contents {
    /// Pieces written as text, for tests that read easier with strings.
    fileprivate static func text(pieces: [String]) -> Self { .pieces(pieces.map { Array($0.utf8) }) }
}

@Suite struct RemoveTreeTests {
    @Test func deletesNestedFoldersAndFilesButNotWhatALinkPointsTo() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tree = folder.appendingPathComponent("tree")
        let outside = folder.appendingPathComponent("outside")
        let files = FileManager.default
        try files.createDirectory(
            at: tree.appendingPathComponent("docs/deep/deeper"), withIntermediateDirectories: true)
        try files.createDirectory(at: outside, withIntermediateDirectories: true)
        try "kept".write(to: outside.appendingPathComponent("kept.txt"), atomically: false, encoding: .utf8)
        for path in ["index.html", "docs/a.html", "docs/deep/b.html", "docs/deep/deeper/c.html", ".hidden"] {
            try "x".write(to: tree.appendingPathComponent(path), atomically: false, encoding: .utf8)
        }
        // Links to a folder and to a file outside the tree are deleted as links, never followed.
        try files.createSymbolicLink(at: tree.appendingPathComponent("docs/to-outside"), withDestinationURL: outside)
        try files.createSymbolicLink(
            at: tree.appendingPathComponent("kept-link"), withDestinationURL: outside.appendingPathComponent("kept.txt")
        )
        FileSystem.removeTree(tree.path)
        #expect(!files.fileExists(atPath: tree.path))
        #expect(try String(contentsOf: outside.appendingPathComponent("kept.txt"), encoding: .utf8) == "kept")
    }

    @Test func aLinkGivenAsTheTreeIsDeletedAsALink() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try "kept".write(to: target.appendingPathComponent("kept.txt"), atomically: false, encoding: .utf8)
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        FileSystem.removeTree(link.path)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == nil)
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("kept.txt").path))
    }
}
