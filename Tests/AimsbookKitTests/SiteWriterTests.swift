import Foundation
import Testing

@testable import AimsbookKit

@Suite struct SiteWriterTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aimsbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func replacesItsOwnSiteWhole() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("output")
        try SiteWriter.write([.text("index.html", "one"), .text("docs/a.html", "a")], to: output)
        try SiteWriter.write([.text("index.html", "two")], to: output)
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "two")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("docs/a.html").path))
        let entries = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(entries == [SiteWriter.markerName, "index.html"])
    }

    @Test func refusesAFolderItDidNotMake() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "mine".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(throws: SiteWriteError.self) { try SiteWriter.write([.text("index.html", "x")], to: folder) }
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }

    @Test func aFailedWriteLeavesThePreviousSite() throws {
        let folder = try temporaryFolder()
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
    }

    @Test func refusesOutputFoldersThatHoldTheHandbook() {
        let root = URL(fileURLWithPath: "/tmp/handbook")
        for output in ["/tmp/handbook", "/tmp/handbook/content", "/tmp/handbook/content/site", "/tmp", "/"] {
            let paths = HandbookPaths(root: root, output: URL(fileURLWithPath: output))
            #expect(throws: SiteWriteError.self, "\(output)") { try SiteWriter.checkOutputLocation(paths) }
        }
        #expect(throws: Never.self) { try SiteWriter.checkOutputLocation(HandbookPaths(root: root)) }
    }
}
