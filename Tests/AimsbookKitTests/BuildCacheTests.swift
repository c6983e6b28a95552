import Foundation
import Testing

@testable import AimsbookKit

/// `serve`'s incremental rebuilds: after an edit, only what depends on it is made again, and
/// the site is byte for byte the one a fresh build gives.
@Suite struct BuildCacheTests {
    static let asOf = RenderTests.asOf

    /// Model and render `files` with `cache` (nil: a fresh build), as `SiteBuild` does.
    static func build(
        _ files: [String: String], cache: BuildCache?, overrides: [String: String] = [:]
    ) throws -> [OutputFile] {
        var source = Fixtures.source(files, settings: "title: Test handbook\n")
        source.templateOverrides = overrides
        let checked = Pipeline.check(source, asOf: asOf, cache: cache)
        let files = try SiteRenderer.render(checked.handbook, options: .init(asOf: asOf, cache: cache))
        cache?.finishRender()
        return files
    }

    static func pageCount(_ files: [OutputFile]) -> Int { files.filter { $0.path.hasSuffix(".html") }.count }

    /// Files the writer may link from the previous build: all but copied assets.
    static func textFileCount(_ files: [OutputFile]) -> Int {
        files.filter { if case .text = $0.contents { true } else { false } }.count
    }

    /// The site's files `cache`'s last render made again rather than took from the previous one.
    static func rendered(_ files: [OutputFile], cache: BuildCache) -> Set<String> {
        Set(files.filter { if case .text = $0.contents { true } else { false } }.map(\.path)).subtracting(
            cache.reusedPages)
    }

    @Test func anUnchangedHandbookRendersNothingAgain() throws {
        let cache = BuildCache()
        let first = try Self.build(RenderTests.files, cache: cache)
        #expect(cache.renderedPages == Self.pageCount(first))
        let second = try Self.build(RenderTests.files, cache: cache)
        #expect(second == first)
        #expect(cache.renderedPages == 0)
        #expect(cache.reusedPages.count == Self.textFileCount(first))
    }

    @Test func anEditedTitleRendersTheDocumentAndThePagesShowingItAndMatchesAFreshBuild() throws {
        let cache = BuildCache()
        let before = try Self.build(RenderTests.files, cache: cache)
        var edited = RenderTests.files
        edited["risks/bias.md"] = edited["risks/bias.md"]!.replacingOccurrences(
            of: "title: Unfair bias", with: "title: Unfair bias in scoring")
        let incremental = try Self.build(edited, cache: cache)
        let fresh = try Self.build(edited, cache: nil)
        #expect(incremental == fresh, "an incremental build differs from a fresh one")
        #expect(incremental != before)
        let rendered = Set(incremental.map(\.path).filter { $0.hasSuffix(".html") }).subtracting(cache.reusedPages)
        #expect(rendered.contains("docs/risk-001.html"))
        #expect(rendered.contains("docs/ais-1.html"), "the AI system lists the risk")
        #expect(rendered.contains("risks.html"), "the register lists it")
        #expect(!cache.reusedPages.contains("docs/risk-001.html"))
        #expect(cache.reusedPages.contains("docs/soa-001.html"), "a page not showing the risk is reused")
        #expect(cache.renderedPages > 0 && cache.renderedPages < Self.pageCount(fresh) / 2)
    }

    @Test func anEditedBodyIsParsedAgainAndLinksToItStayRight() throws {
        let cache = BuildCache()
        _ = try Self.build(RenderTests.files, cache: cache)
        var edited = RenderTests.files
        edited["procedures/risk.md"] = edited["procedures/risk.md"]!.replacingOccurrences(
            of: "# Steps", with: "# Procedure steps")
        let incremental = try Self.build(edited, cache: cache)
        #expect(incremental == (try Self.build(edited, cache: nil)))
    }

    @Test func anEditedSentenceRendersOnlyThePagesCarryingTheBody() throws {
        let cache = BuildCache()
        let before = try Self.build(RenderTests.files, cache: cache)
        var edited = RenderTests.files
        edited["procedures/risk.md"] = edited["procedures/risk.md"]! + "\nOne more sentence.\n"
        let incremental = try Self.build(edited, cache: cache)
        #expect(incremental == (try Self.build(edited, cache: nil)), "an incremental build differs from a fresh one")
        #expect(incremental != before)
        #expect(
            Self.rendered(incremental, cache: cache)
                == ["docs/proc-001.html", "print.html", SitePaths.searchIndex])
    }

    @Test func anEditedSoABodyRendersTheSoAPageToo() throws {
        let cache = BuildCache()
        _ = try Self.build(RenderTests.files, cache: cache)
        var edited = RenderTests.files
        edited["soa.md"] = edited["soa.md"]!.replacingOccurrences(of: "# About", with: "# About this statement")
        let incremental = try Self.build(edited, cache: cache)
        #expect(incremental == (try Self.build(edited, cache: nil)))
        #expect(Self.rendered(incremental, cache: cache).contains(SitePaths.soa))
    }

    @Test func aNewLinkInABodyRendersTheTargetsBacklinksToo() throws {
        let cache = BuildCache()
        _ = try Self.build(RenderTests.files, cache: cache)
        var edited = RenderTests.files
        edited["procedures/risk.md"] = edited["procedures/risk.md"]! + "\nSee also [[RISK-001]].\n"
        let incremental = try Self.build(edited, cache: cache)
        #expect(incremental == (try Self.build(edited, cache: nil)))
        #expect(Self.rendered(incremental, cache: cache).contains("docs/risk-001.html"), "its backlinks changed")
    }

    @Test func aChangedTemplateRendersEveryPageAgain() throws {
        let cache = BuildCache()
        let first = try Self.build(RenderTests.files, cache: cache)
        let override = ["404.mustache": "{{<layout}}{{$content}}<h1>Lost</h1>{{/content}}{{/layout}}"]
        let second = try Self.build(RenderTests.files, cache: cache, overrides: override)
        #expect(cache.renderedPages == Self.pageCount(first))
        #expect(second == (try Self.build(RenderTests.files, cache: nil, overrides: override)))
    }

    @Test func aRemovedDocumentLeavesNoPageBehind() throws {
        let cache = BuildCache()
        _ = try Self.build(RenderTests.files, cache: cache)
        var fewer = RenderTests.files
        fewer["systems/ia.md"] = nil
        let incremental = try Self.build(fewer, cache: cache)
        #expect(!incremental.contains { $0.path == "docs/ia-1.html" })
        #expect(incremental == (try Self.build(fewer, cache: nil)))
    }

    @Test func theLoaderReadsAgainOnlyFilesWhoseSizeOrTimeChanged() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        let policy = root.appendingPathComponent("content/policy.md")
        let risk = root.appendingPathComponent("content/risk.md")
        try "first".write(to: policy, atomically: false, encoding: .utf8)
        try "risk".write(to: risk, atomically: false, encoding: .utf8)
        let paths = HandbookPaths(root: root)
        let cache = BuildCache()
        let first = try HandbookLoader.load(paths, cache: cache)
        #expect(first.markdownFiles.allSatisfy { $0.textHash != nil })

        // Same size, time put back: the cache cannot tell, and keeps what it read (this is
        // what the stamp promises); a fresh load sees the new text.
        var status = stat()
        #expect(stat(policy.path, &status) == 0)
        try "fir5t".write(to: policy, atomically: false, encoding: .utf8)
        let times = [status.st_atim, status.st_mtim]
        #expect(utimensat(AT_FDCWD, policy.path, times, 0) == 0)
        try "risk, edited".write(to: risk, atomically: false, encoding: .utf8)
        let second = try HandbookLoader.load(paths, cache: cache)
        #expect(second.markdownFiles.map(\.text) == ["first", "risk, edited"])
        #expect(try HandbookLoader.load(paths).markdownFiles.map(\.text) == ["fir5t", "risk, edited"])
    }

    @Test func theWriterLinksUnchangedPagesAndRewritesOnesEditedByHand() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteWriter.write([.text("index.html", "home"), .text("docs/a.html", "page a")], to: folder)
        func inode(_ path: String) throws -> Int {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)
            return try #require(attributes[.systemFileNumber] as? Int)
        }
        let homeInode = try inode("index.html")
        // Someone edits a page in output/ by hand; the cache still believes it unchanged.
        try "edited by hand".write(to: folder.appendingPathComponent("docs/a.html"), atomically: false, encoding: .utf8)
        try SiteWriter.write(
            [.text("index.html", "home"), .text("docs/a.html", "page a")], to: folder,
            unchanged: ["index.html", "docs/a.html"])
        #expect(try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8) == "home")
        #expect(try inode("index.html") == homeInode, "the unchanged page is the previous file, linked")
        #expect(try String(contentsOf: folder.appendingPathComponent("docs/a.html"), encoding: .utf8) == "page a")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(leftovers == [SiteWriter.markerName, "docs", "index.html"])
    }
}
