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
            try files(under: output) == [
                SiteWriter.markerName, "docs", "docs/" + SiteUpdate.sparePrefix + "a.html", "docs/a.html",
                "docs/b.html",
                "index.html",
            ], "the removed page and its empty folder are gone; the old a.html is the spare of the new")
    }

    @Test func anUpdateWritesIntoTheSpareTheLastOneLeftAndTheSparesCanBeRemoved() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let large = { (letter: String) in String(repeating: letter, count: 1 << 20) }
        let page = folder.appendingPathComponent("docs/a.html")
        let spare = folder.appendingPathComponent("docs/" + SiteUpdate.sparePrefix + "a.html")
        try SiteWriter.write(
            [.text("index.html", "home"), .text("docs/a.html", "a"), .text("print.html", large("a"))], to: folder)
        let first = try inode(page)
        for (round, letter) in ["bb", "c"].enumerated() {
            try SiteWriter.write(
                [.text("index.html", "home"), .text("docs/a.html", letter), .text("print.html", large(letter))],
                to: folder, unchanged: ["index.html"])
            #expect(
                try String(contentsOf: folder.appendingPathComponent("print.html"), encoding: .utf8) == large(letter),
                "round \(round + 1)")
            #expect(try String(contentsOf: page, encoding: .utf8) == letter, "round \(round + 1)")
        }
        #if os(Linux)
            #expect(FileSwap.exchangesNames, "glibc has renameat2")
            #expect(try inode(page) == first, "the first file, the spare after round 1, was written into in round 2")
            #expect(try String(contentsOf: spare, encoding: .utf8) == "bb", "the version before is the spare now")
            // A spare that shares its file with another name (a full write links files between
            // sites) is replaced, not written into.
            let elsewhere = try Fixtures.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: elsewhere) }
            let other = elsewhere.appendingPathComponent("shared")
            try FileManager.default.linkItem(at: spare, to: other)
            try SiteWriter.write(
                [.text("index.html", "home"), .text("docs/a.html", "d"), .text("print.html", large("c"))],
                to: folder, unchanged: ["index.html", "print.html"])
            #expect(try String(contentsOf: page, encoding: .utf8) == "d")
            #expect(try String(contentsOf: other, encoding: .utf8) == "bb", "the other name still holds its bytes")
        #endif
        SiteUpdate.removeSpares(in: folder.path)
        #expect(
            try files(under: folder) == [SiteWriter.markerName, "docs", "docs/a.html", "index.html", "print.html"],
            "no hidden file is left")
    }

    @Test func anUpdateLooksOnlyInFoldersChangedSinceTheLastWrite() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stamps = OutputFolderStamps()
        let site: [OutputFile] = [.text("docs/a.html", "a"), .text("docs/b.html", "b"), .text("index.html", "home")]
        try SiteWriter.write(site, to: folder, folders: stamps)
        #expect(stamps.unchanged(["", "docs"], in: folder.path) == ["", "docs"], "a full write notes its folders")
        // Deleted by hand: its folder changed, so the update looks and writes it again.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("docs/b.html"))
        #expect(stamps.unchanged(["", "docs"], in: folder.path) == [""])
        try SiteWriter.write(
            site, to: folder, unchanged: ["docs/a.html", "docs/b.html", "index.html"], samePaths: true, folders: stamps)
        #expect(try String(contentsOf: folder.appendingPathComponent("docs/b.html"), encoding: .utf8) == "b")
        #expect(stamps.unchanged(["", "docs"], in: folder.path) == ["", "docs"], "the update notes them again")
        // A failed update forgets them.
        #expect(throws: SiteWriteError.self) {
            try SiteWriter.write(
                [.init(path: "docs/a.html", contents: .copy(from: "/nonexistent/a")), .text("index.html", "home")],
                to: folder, unchanged: ["index.html"], folders: stamps)
        }
        #expect(stamps.unchanged(["", "docs"], in: folder.path).isEmpty)
    }

    @Test func anUpdateIntoFoldersAsTheLastLeftThemLooksOnlyAtTheFilesMadeAnew() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stamps = OutputFolderStamps()
        let asset = folder.appendingPathComponent("logo.svg")
        try "<svg/>".write(to: asset, atomically: true, encoding: .utf8)
        func site(_ a: String, _ b: String) -> [OutputFile] {
            [
                .text("docs/a.html", a), .text("docs/b.html", b), .text("index.html", "home"),
                .init(path: "img/logo.svg", contents: .copy(from: asset.path)),
            ]
        }
        func text(_ path: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent("out/" + path), encoding: .utf8)
        }
        let output = folder.appendingPathComponent("out")
        try SiteWriter.write(site("a", "b"), to: output, folders: stamps)
        #expect(stamps.siteFolders == nil, "a full write does not know the site's folders")
        try SiteWriter.write(
            site("a2", "b"), to: output, unchanged: .allBut(["docs/a.html"]), samePaths: true, folders: stamps)
        #expect(stamps.siteFolders == ["", "docs", "img"], "the first update looks at every file and notes them")
        let few = SiteUpdate.filesToLookAt(
            site("a3", "b"), unchanged: .allBut(["docs/a.html"]), folders: stamps, in: output.path)
        #expect(few?.files.map(\.path) == ["docs/a.html", "img/logo.svg"], "the one made anew, and the copied asset")
        // A file deleted by hand changes its folder: every file is looked at again.
        try SiteWriter.write(
            site("a3", "b"), to: output, unchanged: .allBut(["docs/a.html"]), samePaths: true, folders: stamps)
        #expect(try text("docs/a.html") == "a3")
        try FileManager.default.removeItem(at: output.appendingPathComponent("docs/b.html"))
        #expect(
            SiteUpdate.filesToLookAt(
                site("a4", "b"), unchanged: .allBut(["docs/a.html"]), folders: stamps, in: output.path) == nil)
        try SiteWriter.write(
            site("a4", "b"), to: output, unchanged: .allBut(["docs/a.html"]), samePaths: true, folders: stamps)
        #expect(try text("docs/a.html") == "a4")
        #expect(try text("docs/b.html") == "b", "written again")
        // Writing a deferred file (a part of the site, `SiteBuild.writeDeferred`) keeps what is
        // known of the whole.
        try SiteUpdate.update(
            [.text("index.html", "home, later")], in: output.path, unchanged: [], samePaths: true, folders: stamps)
        #expect(stamps.siteFolders == ["", "docs", "img"])
        #expect(try text("index.html") == "home, later")
    }

    @Test func sparesAreMadeAheadABatchAtATimeInFoldersAsTheLastWriteLeftThem() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stamps = OutputFolderStamps()
        let site: [OutputFile] = [
            .text("docs/a.html", "a"), .text("docs/b.html", "b"), .text("index.html", "home"),
            .text("types/risk.html", "risks"),
        ]
        let paths = site.map(\.path)
        try SiteWriter.write(site, to: folder, folders: stamps)
        // Someone adds a file to types/ by hand: no spare goes there, the update will look.
        try Data("x".utf8).write(to: folder.appendingPathComponent("types/notes.txt"))
        #expect(!SiteUpdate.makeSpares(for: paths, in: folder.path, folders: stamps, count: 3))
        #expect(
            Set(try files(under: folder).filter { $0.contains(SiteUpdate.sparePrefix) }) == [
                "docs/" + SiteUpdate.sparePrefix + "a.html", "docs/" + SiteUpdate.sparePrefix + "b.html",
                SiteUpdate.sparePrefix + "index.html",
            ], "the first batch of three")
        #expect(SiteUpdate.makeSpares(for: paths, in: folder.path, folders: stamps, count: 3), "the rest")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/types/" + SiteUpdate.sparePrefix + "risk.html"))
        #expect(
            stamps.unchanged(["", "docs"], in: folder.path) == ["", "docs"], "the spares are no change to vouch for")
        #expect(SiteUpdate.makeSpares(for: paths, in: folder.path, folders: stamps, count: 3), "nothing left to do")
        // An update writes into the spare made ahead: no new file.
        let spare = try inode(folder.appendingPathComponent("docs/" + SiteUpdate.sparePrefix + "a.html"))
        try SiteWriter.write(
            [.text("docs/a.html", "a, edited")] + site.dropFirst(), to: folder,
            unchanged: ["docs/b.html", "index.html", "types/risk.html"], samePaths: true, folders: stamps)
        #if os(Linux)
            #expect(try inode(folder.appendingPathComponent("docs/a.html")) == spare)
        #endif
        #expect(try String(contentsOf: folder.appendingPathComponent("docs/a.html"), encoding: .utf8) == "a, edited")
        // A full write leaves no spare, and they are made again from the first file.
        try SiteWriter.write(site, to: folder, folders: stamps)
        #expect(stamps.sparesMade == 0)
        #expect(!SiteUpdate.makeSpares(for: paths, in: folder.path, folders: stamps, count: 1))
        #expect(
            try files(under: folder).filter { $0.contains(SiteUpdate.sparePrefix) } == [
                "docs/" + SiteUpdate.sparePrefix + "a.html"
            ])
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

extension OutputFile.Contents {
    /// Pieces written as text, for tests that read easier with strings.
    fileprivate static func text(pieces: [String]) -> Self { .pieces(pieces.map { Array($0.utf8) }) }
}
