import Foundation
import Testing

@testable import AimsbookKit

/// Input a handbook may contain by accident or on purpose: every case ends in diagnostics, never
/// in a crash, a hang or a silently skipped file.
@Suite struct HostileInputTests {
    func temporaryHandbook(_ files: [String: [UInt8]]) throws -> URL {
        let root = try Fixtures.temporaryFolder()
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return root
    }

    @Test func binaryFilesAreAssetsAndNeverParsed() throws {
        let root = try temporaryHandbook([
            "content/diagrams/flow.png": [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0xFE],
            "content/a.md": Array(
                "---\nid: POL-001\ntype: policy\ntitle: A\nowner: ROLE-A\nstatus: draft\n---\n![flow](diagrams/flow.png)\n"
                    .utf8),
            "content/role.md": Array("---\nid: ROLE-A\ntype: role\ntitle: R\nstatus: draft\n---\n".utf8),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let source = try HandbookLoader.load(HandbookPaths(root: root))
        #expect(source.assets.map(\.contentPath) == ["diagrams/flow.png"])
        #expect(source.markdownFiles.count == 2)
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(checked.diagnostics.isEmpty)
        #expect(checked.handbook.document("POL-001")?.body.html.contains("src=\"../files/diagrams/flow.png\"") == true)
    }

    @Test func symlinksLeadingOutsideContentAreSkippedWithAWarning() throws {
        let root = try temporaryHandbook([
            "content/role.md": Array("---\nid: ROLE-A\ntype: role\ntitle: R\nstatus: draft\n---\n".utf8),
            "secret.md": Array("---\nid: SECRET\ntype: policy\ntitle: S\nstatus: draft\n---\n".utf8),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("content/leak.md").path,
            withDestinationPath: root.appendingPathComponent("secret.md").path)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("content/alias.md").path,
            withDestinationPath: root.appendingPathComponent("content/role.md").path)
        let source = try HandbookLoader.load(HandbookPaths(root: root))
        #expect(source.markdownFiles.map(\.path) == ["content/alias.md", "content/role.md"])
        #expect(source.diagnostics.map(\.code) == ["symlink-outside-content"])
        #expect(source.diagnostics.first?.location.file == "content/leak.md")
    }

    @Test func namedPipesAreSkippedWithAWarningNotReadForEver() throws {
        let root = try temporaryHandbook([
            "content/role.md": Array("---\nid: ROLE-A\ntype: role\ntitle: R\nstatus: draft\n---\n".utf8)
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        // Opening a pipe for reading waits for a writer: a loader that did would hang here.
        for name in ["content/pipe.md", "content/pipe.png", "templates/pipe.mustache"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(name).deletingLastPathComponent(), withIntermediateDirectories: true)
            #expect(mkfifo(root.appendingPathComponent(name).path, 0o644) == 0)
        }
        let source = try HandbookLoader.load(HandbookPaths(root: root))
        #expect(source.markdownFiles.map(\.path) == ["content/role.md"])
        #expect(source.assets.isEmpty)
        #expect(source.templateOverrides.isEmpty)
        #expect(
            source.diagnostics.map { "\($0.code) \($0.location.file)" } == [
                "special-file content/pipe.md", "special-file content/pipe.png",
            ])
    }

    @Test func aContentFolderThatIsALinkIsRead() throws {
        let root = try temporaryHandbook([
            "shared/role.md": Array("---\nid: ROLE-A\ntype: role\ntitle: R\nstatus: draft\n---\n".utf8)
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("content").path,
            withDestinationPath: root.appendingPathComponent("shared").path)
        let source = try HandbookLoader.load(HandbookPaths(root: root))
        #expect(source.markdownFiles.map(\.path) == ["content/role.md"])
        #expect(source.diagnostics.isEmpty)
    }

    @Test func assetsDifferingOnlyInCaseAreReportedNotWrittenOverEachOther() {
        var source = Fixtures.source([:])
        source.assets = [
            .init(path: "content/img/Chart.png", contentPath: "img/Chart.png", absolutePath: "/x/Chart.png"),
            .init(path: "content/img/chart.png", contentPath: "img/chart.png", absolutePath: "/x/chart.png"),
        ]
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(checked.diagnostics.map(\.code) == ["duplicate-output-path"])
        #expect(checked.diagnostics.first?.location.file == "content/img/chart.png")
        #expect(checked.handbook.assets.map(\.contentPath) == ["img/Chart.png"])
    }

    @Test func aTenMegabyteDocumentIsChecked() throws {
        var body = "---\nid: REC-001\ntype: record\ntitle: Large log\nstatus: draft\n---\n# Log\n\n"
        let paragraph = "An entry of the monitoring log with a [link](#log) and [[6.1.2]] and some **bold** text.\n\n"
        while body.utf8.count < 10_000_000 { body += paragraph }
        body += "[broken](#nowhere)\n"
        let checked = Pipeline.check(Fixtures.source(["big.md": body]), asOf: Fixtures.asOf)
        #expect(checked.diagnostics.map(\.code) == ["unknown-anchor"])
        #expect(
            checked.diagnostics.first?.location.line == body.split(separator: "\n", omittingEmptySubsequences: false)
                .count - 1)
    }

    /// Found by Fuzz/run.sh (front-matter and model targets): Foundation's string search skips a
    /// CR followed by a combining mark, so that CR survived decoding; the splitter counts only LF,
    /// and every position after it was reported a line too early.
    @Test func aCarriageReturnBeforeACombiningMarkIsStillALineEnding() throws {
        // The fuzzer's reproducer: CR, U+06D6 ARABIC SMALL HIGH LIGATURE (a combining mark), "?1(+".
        #expect(TextDecoding.decode([0x0D, 0xDB, 0x96, 0x3F, 0x31, 0x28, 0x2B]) == .success("\n\u{6D6}?1(+"))
        #expect(TextDecoding.normalizeLineEndings("a\r\u{301}b\r\nc\r\r\nd\n\re") == "a\n\u{301}b\nc\n\nd\n\ne")
        // Old Mac line endings, and a line of the front matter that starts with a combining mark.
        let text =
            "---\rid: REC-001\rtype: record\rtitle: Log\rtags: [a,\r\u{301}b]\rstatus: draft\r---\r[x](#nowhere)\r"
        guard case .success(let decoded) = TextDecoding.decode(Array(text.utf8)) else {
            Issue.record("not decoded")
            return
        }
        #expect(!decoded.utf8.contains(13))
        let checked = Pipeline.check(Fixtures.source(["log.md": decoded]), asOf: Fixtures.asOf)
        #expect(checked.diagnostics.map(\.code) == ["unknown-anchor"])
        #expect(checked.diagnostics.first?.location.line == 9)
    }

    /// A seeded "fuzzer" over the whole pipeline: flips, cuts and repeats bytes of real
    /// documents. Whatever comes out must be diagnostics with sane positions, never a crash.
    @Test func mutatedDocumentsNeverCrashThePipeline() throws {
        let seeds = try Fixtures.load([Fixtures.repositoryRoot]).markdownFiles.prefix(12).map { Array($0.text.utf8) }
        var generator = SeededGenerator(seed: 42)
        let specials: [UInt8] = Array("-:[]{}#&*!|>'\"%@`\n\t\r\\".utf8) + [0x00, 0xC3, 0xFF, 0xE2, 0x80]
        for round in 0..<300 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                guard !bytes.isEmpty else { break }
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[index] = specials.randomElement(using: &generator)!
                case 1:
                    bytes.removeSubrange(index..<min(bytes.count, index + Int.random(in: 1...40, using: &generator)))
                case 2: bytes.insert(contentsOf: bytes[index..<min(bytes.count, index + 30)], at: index)
                default: bytes.insert(specials.randomElement(using: &generator)!, at: index)
                }
            }
            var source = HandbookSource(markdownFiles: [])
            switch TextDecoding.decode(bytes) {
            case .success(let text):
                source.markdownFiles = [.init(path: "content/m.md", contentPath: "m.md", text: text)]
            case .failure(let line, let column):
                #expect(line >= 1 && column >= 1)
                continue
            }
            let checked = Pipeline.check(source, asOf: Fixtures.asOf)
            let lineCount = source.markdownFiles[0].text.split(separator: "\n", omittingEmptySubsequences: false).count
            for diagnostic in checked.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.line <= lineCount + 1, "\(diagnostic)")
                #expect(diagnostic.location.column >= 1)
            }
        }
    }
}

/// SplitMix64: a small deterministic generator, so a failure reproduces.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
