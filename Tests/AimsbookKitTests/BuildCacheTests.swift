import Foundation
import Mustache
import Testing

@testable import AimsbookKit

/// `serve`'s incremental rebuilds: after an edit, only what depends on it is made again, and
/// the site is byte for byte the one a fresh build gives.
@Suite struct BuildCacheTests {
    static let asOf = RenderTests.asOf

    /// Model and render `files` with `cache` (nil: a fresh build), as `SiteBuild` does.
    static func build(
        _ files: [String: String], cache: ServeSession?, overrides: [String: String] = [:]
    ) throws -> [OutputFile] {
        var source = Self.source(files, hashed: cache != nil)
        source.templateOverrides = overrides
        let checked = Pipeline.check(source, asOf: asOf, session: cache)
        let files = try SiteRenderer.render(checked.handbook, options: .init(asOf: asOf, session: cache))
        cache?.finishRender()
        return files
    }

    /// The handbook of `files`, each file's text hashed when `hashed`, as the loader does for
    /// `serve` (the hash then stands for the text in the cache's keys).
    static func source(_ files: [String: String], hashed: Bool) -> HandbookSource {
        var source = Fixtures.source(files, settings: "title: Test handbook\n")
        if hashed { source.markdownFiles = source.markdownFiles.map { $0.hashed() } }
        return source
    }

    static func pageCount(_ files: [OutputFile]) -> Int { files.filter { $0.path.hasSuffix(".html") }.count }

    /// The site's files `cache`'s last render made again rather than took from the previous one.
    static func rendered(_ files: [OutputFile], cache: ServeSession) -> Set<String> {
        Set(files.filter { $0.textSize != nil }.map(\.path)).subtracting(
            cache.reusedPages)
    }

    @Test func aKeptTablesHTMLIsSplicedWhereItsRowsWereMadeAgain() {
        let rows = ["aa", "bé", "ccc"]
        let joined = rows.joined()
        let length = { (position: Int) in rows[position].utf8.count }
        #expect(RenderContext.spliced(joined, length: length, replacing: [(0, "x"), (2, "yyyy")]) == "xbéyyyy")
        #expect(RenderContext.spliced(joined, length: length, replacing: [(1, "")]) == "aaccc")
        #expect(RenderContext.spliced("", length: { _ in 0 }, replacing: []) == "")
    }

    @Test func aKeptListsHTMLIsSplicedWhereItsItemsWereMadeAgain() {
        let items = ["<li>a</li>", "<li>é</li>", "", "<li>c</li>"]
        let joined = items.joined()
        for replacing in [[0: "<li>A</li>"], [1: "", 3: "<li>C, longer</li>"], [2: "<li>new</li>"], [:]] {
            var expected = items
            for (position, item) in replacing { expected[position] = item }
            let spliced = RenderContext.spliced(
                joined, length: { items[$0].utf8.count },
                replacing: replacing.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            #expect(spliced == expected.joined())
        }
    }

    @Test func anUnchangedHandbookRendersNothingAgain() throws {
        let cache = ServeSession()
        let first = try Self.build(RenderTests.files, cache: cache)
        #expect(first == (try Self.build(RenderTests.files, cache: nil)))
        let second = try Self.build(RenderTests.files, cache: cache)
        #expect(second == first)
        // Performance (README "How it works"): a rebuild renders only what an edit reaches; none here.
        #expect(cache.renderedPages == 0)
    }

    @Test func anEditedTitleRendersTheDocumentAndThePagesShowingItAndMatchesAFreshBuild() throws {
        let cache = ServeSession()
        let before = try Self.build(RenderTests.files, cache: cache)
        var edited = RenderTests.files
        edited["risks/bias.md"] = edited["risks/bias.md"]!.replacingOccurrences(
            of: "title: Unfair bias", with: "title: Unfair bias in scoring")
        let incremental = try Self.build(edited, cache: cache)
        let fresh = try Self.build(edited, cache: nil)
        #expect(incremental == fresh, "an incremental build differs from a fresh one")
        #expect(incremental != before)
        for page in ["docs/risk-001.html", "docs/ais-1.html", "risks.html"] {
            #expect(Self.text(of: page, in: incremental).contains("Unfair bias in scoring"), "\(page) shows the risk")
        }
        // Performance (README "How it works"): a title edit renders only the pages whose read log meets it.
        #expect(cache.reusedPages.contains("docs/soa-001.html") && cache.renderedPages < Self.pageCount(fresh) / 2)
    }

    @Test func anEditedBodyIsParsedAgainAndLinksToItStayRight() throws {
        let cache = ServeSession()
        _ = try Self.build(RenderTests.files, cache: cache)
        var edited = RenderTests.files
        edited["procedures/risk.md"] = edited["procedures/risk.md"]!.replacingOccurrences(
            of: "# Steps", with: "# Procedure steps")
        let incremental = try Self.build(edited, cache: cache)
        #expect(incremental == (try Self.build(edited, cache: nil)))
    }

    @Test func anEditedSentenceRendersOnlyThePagesCarryingTheBody() throws {
        let cache = ServeSession()
        let before = try Self.build(RenderTests.files, cache: cache)
        var edited = RenderTests.files
        edited["procedures/risk.md"] = edited["procedures/risk.md"]! + "\nOne more sentence.\n"
        let incremental = try Self.build(edited, cache: cache)
        #expect(incremental == (try Self.build(edited, cache: nil)), "an incremental build differs from a fresh one")
        #expect(incremental != before)
        // Performance (README "How it works"): an edit leaving the outline alone renders only the body's pages.
        #expect(
            Self.rendered(incremental, cache: cache)
                == ["docs/proc-001.html", "print.html", SitePaths.searchShard(1)])
    }

    /// Performance (README "How it works"): the model is the last one with only the edited
    /// documents made again (`updatedModel`); an id, type or file change builds it whole, which
    /// the fresh builds compared at each step check.
    @Test func anEditMakesOnlyTheEditedDocumentsAgainUntilAnIDTypeOrFileChanges() throws {
        let cache = ServeSession()
        _ = try Self.build(RenderTests.files, cache: cache)
        let sentence = Self.editing(RenderTests.files, "procedures/risk.md", "1. Assess.", "1. Assess the risk.")
        #expect(try Self.build(sentence, cache: cache) == (try Self.build(sentence, cache: nil)))
        #expect(cache.model.updatedModel, "a sentence")
        let title = Self.editing(sentence, "risks/bias.md", "title: Unfair bias", "title: Unfair bias in scoring")
        #expect(try Self.build(title, cache: cache) == (try Self.build(title, cache: nil)))
        #expect(cache.model.updatedModel, "a title")
        let broken = Self.editing(title, "risks/bias.md", "title: Unfair", "title: [Unfair")
        #expect(try Self.build(broken, cache: cache) == (try Self.build(broken, cache: nil)))
        #expect(try Self.build(title, cache: cache) == (try Self.build(title, cache: nil)))
        let renamed = Self.editing(title, "risks/bias.md", "id: RISK-001", "id: RISK-009")
        #expect(try Self.build(renamed, cache: cache) == (try Self.build(renamed, cache: nil)))
        var added = renamed
        added["records/new.md"] = "---\nid: REC-NEW\ntype: record\ntitle: New\nstatus: draft\n---\nText.\n"
        #expect(try Self.build(added, cache: cache) == (try Self.build(added, cache: nil)))
        let settled = Self.editing(added, "records/new.md", "Text.", "More text.")
        #expect(try Self.build(settled, cache: cache) == (try Self.build(settled, cache: nil)))
        #expect(cache.model.updatedModel, "then a sentence again")
    }

    @Test func anUpdatedModelReportsWhatAFreshOneReports() throws {
        let cache = ServeSession()
        func diagnostics(_ files: [String: String], cache: ServeSession?) -> [Diagnostic] {
            Pipeline.check(Self.source(files, hashed: true), asOf: Self.asOf, session: cache).diagnostics
        }
        _ = diagnostics(RenderTests.files, cache: cache)
        let unknownField = Self.editing(
            RenderTests.files, "risks/bias.md", "title: Unfair bias", "title: Unfair bias\nflavour: x")
        let brokenLink = Self.editing(unknownField, "procedures/risk.md", "1. Assess.", "1. Assess [it](NOPE-1).")
        for files in [unknownField, brokenLink, RenderTests.files] {
            let updated = diagnostics(files, cache: cache)
            // Performance (README "How it works"): the model is updated, not built whole; the comparison covers that path.
            #expect(cache.model.updatedModel)
            #expect(updated == diagnostics(files, cache: nil))
        }
        #expect(diagnostics(brokenLink, cache: nil).map(\.code).contains("unknown-field"))
        #expect(diagnostics(brokenLink, cache: nil).map(\.code).contains("unknown-reference"))
    }

    @Test func anEditIsCheckedAgainWithTheDocumentsReferringToIt() throws {
        let cache = ServeSession()
        func check(_ files: [String: String]) -> Pipeline.Checked {
            let checked = Pipeline.check(Self.source(files, hashed: true), asOf: Self.asOf, session: cache)
            #expect(
                checked.diagnostics == Pipeline.check(Self.source(files, hashed: true), asOf: Self.asOf).diagnostics)
            return checked
        }
        _ = check(RenderTests.files)
        // The policy links to the procedure's "steps" heading: renaming the heading breaks the link.
        let renamed = Self.editing(RenderTests.files, "procedures/risk.md", "# Steps", "# Method")
        let broken = check(renamed)
        // Performance (README "How it works"): the model is updated, not built whole; the comparison covers that path.
        #expect(cache.model.updatedModel)
        #expect(
            broken.diagnostics.contains {
                $0.code == "unknown-anchor" && $0.location.file == "content/policies/ai-policy.md"
            })
        // Each kind of reference, edited and mended again, reports what a fresh check reports.
        let unknownOwner = Self.editing(renamed, "risks/bias.md", "owner: ROLE-OWNER", "owner: ROLE-NOBODY")
        let unknownClause = Self.editing(unknownOwner, "procedures/risk.md", "clauses: [6.1.2]", "clauses: [6.1.9]")
        let wrongType = Self.editing(unknownClause, "systems/ia.md", "ai_systems: [AIS-1]", "ai_systems: [RISK-001]")
        for files in [unknownOwner, unknownClause, wrongType, RenderTests.files] {
            _ = check(files)
            // Performance (README "How it works"): the model is updated, not built whole; the comparison covers that path.
            #expect(cache.model.updatedModel)
        }
        #expect(check(wrongType).diagnostics.map(\.code).contains("wrong-reference-type"))
    }

    /// Performance (README "How it works"): the relations are kept while no link or reference
    /// changes; that they are made again when one does, the fresh builds compared check.
    @Test func relationsAreKeptUntilALinkOrReferenceChanges() throws {
        let cache = ServeSession()
        _ = try Self.build(RenderTests.files, cache: cache)
        let sentence = Self.editing(RenderTests.files, "procedures/risk.md", "1. Assess.", "1. Assess the risk.")
        #expect(try Self.build(sentence, cache: cache) == (try Self.build(sentence, cache: nil)))
        #expect(cache.model.keptRelations, "a sentence changes no relation")
        let linked = Self.editing(sentence, "procedures/risk.md", "1. Assess the risk.", "1. Assess [[RISK-001]].")
        #expect(try Self.build(linked, cache: cache) == (try Self.build(linked, cache: nil)))
        let controls = Self.editing(linked, "procedures/risk.md", "controls: [A.5.2]", "controls: [A.5.3]")
        #expect(try Self.build(controls, cache: cache) == (try Self.build(controls, cache: nil)))
    }

    @Test func anEditedSoABodyRendersTheSoAPageToo() throws {
        let cache = ServeSession()
        _ = try Self.build(RenderTests.files, cache: cache)
        var edited = RenderTests.files
        edited["soa.md"] = edited["soa.md"]!.replacingOccurrences(of: "# About", with: "# About this statement")
        let incremental = try Self.build(edited, cache: cache)
        #expect(incremental == (try Self.build(edited, cache: nil)))
        #expect(Self.text(of: SitePaths.soa, in: incremental).contains("About this statement"))
    }

    @Test func aNewLinkInABodyRendersTheTargetsBacklinksToo() throws {
        let cache = ServeSession()
        _ = try Self.build(RenderTests.files, cache: cache)
        var edited = RenderTests.files
        edited["procedures/risk.md"] = edited["procedures/risk.md"]! + "\nSee also [[RISK-001]].\n"
        let incremental = try Self.build(edited, cache: cache)
        #expect(incremental == (try Self.build(edited, cache: nil)))
        let backlinks = Self.text(of: "docs/risk-001.html", in: incremental).components(separatedBy: "Referenced by")
        #expect(backlinks.count > 1 && backlinks[1].contains("proc-001.html"), "its backlinks gained the procedure")
        // Performance (README "How it works"): a new link remakes the two documents it joins and
        // the lists showing them, not every page that shows some document's backlinks.
        let made = try #require(cache.render.targetedJobs)
        #expect(!made.contains("document POL-001"), "a page whose backlinks are the same is not made again")
        #expect(
            made.filter { $0.hasPrefix("clauses/") } == ["clauses/6.1.2.html"],
            "only the clause listing the edited procedure: no clause gained or lost a document")
    }

    @Test func aChangedTemplateRendersEveryPageAgain() throws {
        let cache = ServeSession()
        let first = try Self.build(RenderTests.files, cache: cache)
        let override = ["404.mustache": "{{<layout}}{{$content}}<h1>Lost</h1>{{/content}}{{/layout}}"]
        let second = try Self.build(RenderTests.files, cache: cache, overrides: override)
        #expect(second == (try Self.build(RenderTests.files, cache: nil, overrides: override)))
        #expect(Self.text(of: "404.html", in: second).contains("<h1>Lost</h1>") && second != first)
    }

    @Test func aRemovedDocumentLeavesNoPageBehind() throws {
        let cache = ServeSession()
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
        let cache = ServeSession()
        let first = try HandbookLoader.load(paths, memo: cache.load)
        #expect(first.markdownFiles.allSatisfy { $0.textHash != nil })

        // Same size, time put back: the cache cannot tell, and keeps what it read (this is
        // what the stamp promises); a fresh load sees the new text.
        var status = stat()
        #expect(stat(policy.path, &status) == 0)
        try "fir5t".write(to: policy, atomically: false, encoding: .utf8)
        let times = [status.st_atim, status.st_mtim]
        #expect(utimensat(AT_FDCWD, policy.path, times, 0) == 0)
        try "risk, edited".write(to: risk, atomically: false, encoding: .utf8)
        let second = try HandbookLoader.load(paths, memo: cache.load)
        #expect(second.markdownFiles.map(\.text) == ["first", "risk, edited"])
        #expect(try HandbookLoader.load(paths).markdownFiles.map(\.text) == ["fir5t", "risk, edited"])
    }

    @Test func theLoaderJudgesFilesByTheStampsTheWatcherOffered() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        let policy = root.appendingPathComponent("content/policy.md")
        try "first".write(to: policy, atomically: false, encoding: .utf8)
        let paths = HandbookPaths(root: root)
        let cache = ServeSession()
        _ = try HandbookLoader.load(paths, memo: cache.load)
        let before = SourceStamps.of(paths)

        try "first, then edited".write(to: policy, atomically: false, encoding: .utf8)
        // Stamps taken before the edit: the loader trusts them and keeps what it read.
        cache.offer(stamps: before)
        #expect(try HandbookLoader.load(paths, memo: cache.load).markdownFiles.map(\.text) == ["first"])
        // Offered once: the next load takes its own stamps (as the watcher's next look would
        // offer them) and reads the edit.
        #expect(try HandbookLoader.load(paths, memo: cache.load).markdownFiles.map(\.text) == ["first, then edited"])
        cache.offer(stamps: SourceStamps.of(paths))
        #expect(try HandbookLoader.load(paths, memo: cache.load).markdownFiles.map(\.text) == ["first, then edited"])
    }

    @Test func withTheWatchersStampsTheLoaderLooksOnlyAtChangedFilesUntilOneIsAddedOrRemoved() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        for name in ["a", "b", "c"] {
            try "text of \(name)".write(
                to: content.appendingPathComponent(name + ".md"), atomically: false, encoding: .utf8)
        }
        let paths = HandbookPaths(root: root)
        let cache = ServeSession()
        func load() throws -> [String] {
            cache.offer(stamps: SourceStamps.of(paths))
            return try HandbookLoader.load(paths, memo: cache.load).markdownFiles.map(\.text)
        }
        func fresh() throws -> [String] { try HandbookLoader.load(paths).markdownFiles.map(\.text) }
        _ = try load()

        try "text of b, edited".write(to: content.appendingPathComponent("b.md"), atomically: false, encoding: .utf8)
        #expect(try load() == fresh())
        // Performance (README "How it works"): with no file added or removed, the last listing is kept.
        #expect(cache.load.lastLoadWasPartial)
        #expect(try load() == ["text of a", "text of b, edited", "text of c"], "nothing changed")
        #expect(cache.load.lastLoadWasPartial)

        try "new".write(to: content.appendingPathComponent("ab.md"), atomically: false, encoding: .utf8)
        #expect(try load() == ["text of a", "new", "text of b, edited", "text of c"], "a new file is listed")
        try FileManager.default.removeItem(at: content.appendingPathComponent("a.md"))
        #expect(try load() == fresh(), "a removed one is not")
        try "bad \u{FF}".write(to: content.appendingPathComponent("c.md"), atomically: false, encoding: .isoLatin1)
        let broken = try { () throws -> HandbookSource in
            cache.offer(stamps: SourceStamps.of(paths))
            return try HandbookLoader.load(paths, memo: cache.load)
        }()
        #expect(cache.load.lastLoadWasPartial)
        #expect(broken.diagnostics.map(\.code) == ["invalid-utf8"], "a changed file that no longer decodes is reported")
        #expect(broken.markdownFiles.map(\.text) == ["new", "text of b, edited"], "and is no Markdown file")
        // Mended, and then edited: back among the Markdown files, in its place, as a fresh load has it.
        try "text of c, mended".write(to: content.appendingPathComponent("c.md"), atomically: false, encoding: .utf8)
        #expect(try load() == fresh())
        #expect(cache.load.lastLoadWasPartial)
        try "text of c, again".write(to: content.appendingPathComponent("c.md"), atomically: false, encoding: .utf8)
        #expect(try load() == ["new", "text of b, edited", "text of c, again"])
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

    // MARK: Targeted rebuilds after a front-matter edit

    /// `files` with `old` replaced by `new` in the file at `path`.
    static func editing(_ files: [String: String], _ path: String, _ old: String, _ new: String) -> [String: String] {
        var edited = files
        let text = edited[path]!
        precondition(text.contains(old), "\(path) has no \(old)")
        edited[path] = text.replacingOccurrences(of: old, with: new)
        return edited
    }

    /// The serve session after the steps of `expectEachStepMatchesAFreshBuild`, and the site its
    /// last step made.
    struct Rebuilt {
        let session: ServeSession
        let site: [OutputFile]
        /// What the last step made (`RenderMemo.targetedJobs`).
        var render: RenderMemo { session.render }
    }

    /// Builds `steps` one after the other with one serve session and checks each against a fresh build;
    /// returns the session, whose `render.targetedJobs` tell what the last step made, and the last site.
    @discardableResult
    static func expectEachStepMatchesAFreshBuild(
        _ steps: [[String: String]], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Rebuilt {
        let cache = ServeSession()
        var site = try build(RenderTests.files, cache: cache)
        for (number, files) in steps.enumerated() {
            let incremental = try build(files, cache: cache)
            let fresh = try build(files, cache: nil)
            #expect(
                incremental.map(\.path) == fresh.map(\.path), "step \(number + 1): other files",
                sourceLocation: sourceLocation)
            for (a, b) in zip(incremental, fresh) where a != b {
                Issue.record("step \(number + 1): \(a.path) differs from a fresh build", sourceLocation: sourceLocation)
            }
            site = incremental
        }
        return Rebuilt(session: cache, site: site)
    }

    /// The text of the page at `path` in `files` ("" when there is none).
    static func text(of path: String, in files: [OutputFile]) -> String {
        guard let text = Fixtures.pages(files.filter { $0.path == path })[path] else {
            Issue.record("no \(path) among the built files")
            return ""
        }
        return text
    }

    @Test func aRiskTitleEditMakesOnlyThePagesThatReadTheRisk() throws {
        let edited = Self.editing(
            RenderTests.files, "risks/bias.md", "title: Unfair bias", "title: Unfair bias in scoring")
        let cache = try Self.expectEachStepMatchesAFreshBuild([edited])
        let made = try #require(cache.render.targetedJobs, "a title edit is a targeted rebuild")
        // Performance (README "How it works"): pages whose read log misses the risk are not made again.
        for key in [
            "document PROC-001", "clauses/4.1.html", "types/policy.html", "controls/A.5.2.html",
        ] {
            #expect(!made.contains(key), "\(key) does not read the risk")
        }
    }

    @Test func aRoleTitleEditRemakesTheListsShowingItAsOwner() throws {
        let edited = Self.editing(
            RenderTests.files, "roles/owner.md", "title: AI governance officer", "title: Head of AI governance")
        let site = try Self.expectEachStepMatchesAFreshBuild([edited]).site
        #expect(Self.text(of: "types/risk.html", in: site).contains("Head of AI governance"), "each risk's owner")
        #expect(Self.text(of: "docs/pol-001.html", in: site).contains("Head of AI governance"))
    }

    @Test func anAISystemTitleEditMatchesAFreshBuild() throws {
        let edited = Self.editing(
            RenderTests.files, "systems/scoring.md", "title: Scoring model", "title: Credit scoring")
        let site = try Self.expectEachStepMatchesAFreshBuild([edited]).site
        #expect(Self.text(of: SitePaths.aiActReadiness, in: site).contains("Credit scoring"))
    }

    @Test func aStatusChangeMatchesAFreshBuild() throws {
        let approved = Self.editing(RenderTests.files, "systems/ia.md", "status: in-review", "status: approved")
        let draft = Self.editing(RenderTests.files, "policies/ai-policy.md", "status: approved", "status: draft")
        try Self.expectEachStepMatchesAFreshBuild([approved, RenderTests.files, draft])
    }

    @Test func addingAndRemovingARelatedLinkMatchesAFreshBuild() throws {
        let related = Self.editing(
            RenderTests.files, "procedures/risk.md", "status: draft", "status: draft\nrelated: [RISK-001, POL-001]")
        try Self.expectEachStepMatchesAFreshBuild([related, RenderTests.files])
    }

    @Test func breakingAndMendingALinkedDocumentsFrontMatterMatchesAFreshBuild() throws {
        // POL-001 links to PROC-001: a link to a document, then to a file that is no document
        // (not reported, rendered as a link to nothing), then to a document again.
        let repeated = Self.editing(
            RenderTests.files, "procedures/risk.md", "status: draft", "status: draft\nstatus: x")
        let unreadableID = Self.editing(repeated, "procedures/risk.md", "id: PROC-001", " id: PROC-001")
        try Self.expectEachStepMatchesAFreshBuild([repeated, unreadableID, repeated, RenderTests.files])
    }

    @Test func scoresOwnersReportingLinesAndDecisionsMatchAFreshBuild() throws {
        let files = RenderTests.files
        try Self.expectEachStepMatchesAFreshBuild([
            Self.editing(files, "risks/bias.md", "likelihood: 4", "likelihood: 2"),
            Self.editing(files, "risks/bias.md", "owner: ROLE-OWNER", "owner: ROLE-CEO"),
            Self.editing(files, "roles/owner.md", "clauses: [5.3]", "clauses: [5.3]\nreports_to: ROLE-CEO"),
            Self.editing(files, "soa.md", "applicable: true, status: implemented", "applicable: true, status: planned"),
            Self.editing(files, "risks/bias.md", "controls: [A.2.2]", "controls: [A.2.2, A.5.2]"),
            Self.editing(files, "policies/ai-policy.md", "review: 2026-06-01", "review: 2027-06-01"),
            files,
        ])
    }

    @Test func bodyAndTitleEditsInTurnMatchAFreshBuild() throws {
        let titled = Self.editing(RenderTests.files, "risks/bias.md", "title: Unfair bias", "title: Bias")
        var titledAndLonger = titled
        titledAndLonger["risks/bias.md"]! += "\nOne more sentence.\n"
        let retitled = Self.editing(titledAndLonger, "risks/bias.md", "title: Bias", "title: Bias, again")
        let cache = try Self.expectEachStepMatchesAFreshBuild([titled, titledAndLonger, retitled])
        // Performance (README "How it works"): a front-matter edit is a targeted rebuild, the path compared here.
        #expect(cache.render.targetedJobs != nil)
    }

    @Test func whatPagesReadCarriesOverRebuildsThatChangedOtherDocuments() throws {
        // The last site is changed in place by each targeted rebuild: its records of what pages
        // read must carry over one that changed another document, or the third step would
        // leave the pages showing the risk (the AI system's among them) with its old title.
        let titled = Self.editing(RenderTests.files, "risks/bias.md", "title: Unfair bias", "title: Bias")
        let policy = Self.editing(titled, "policies/ai-policy.md", "title: AI policy", "title: Policy on AI")
        let retitled = Self.editing(policy, "risks/bias.md", "title: Bias", "title: Bias, again")
        let cache = try Self.expectEachStepMatchesAFreshBuild([titled, policy, retitled])
        // Performance (README "How it works"): a front-matter edit is a targeted rebuild, the path compared here.
        #expect(cache.render.targetedJobs != nil)
    }

    @Test func registerAndListRowsAreMadeAgainWhenAnythingTheyShowChanges() throws {
        var files = RenderTests.files
        files["risks/drift.md"] = """
            ---
            id: RISK-002
            type: risk
            title: Model drift
            owner: ROLE-CEO
            status: draft
            likelihood: 2
            impact: 2
            ai_systems: [AIS-1]
            review: 2026-01-01
            ---
            Drift.
            """
        let retitled = Self.editing(files, "risks/bias.md", "title: Unfair bias", "title: Unfair bias in scoring")
        let ownerRenamed = Self.editing(retitled, "roles/ceo.md", "title: Chief executive", "title: Managing director")
        let systemRenamed = Self.editing(ownerRenamed, "systems/scoring.md", "title: Scoring model", "title: Scorer")
        let reviewed = Self.editing(systemRenamed, "risks/drift.md", "review: 2026-01-01", "review: 2027-01-01")
        let rescored = Self.editing(reviewed, "risks/drift.md", "likelihood: 2", "likelihood: 5")
        let cache = ServeSession()
        _ = try Self.build(files, cache: cache)
        for (number, step) in [retitled, ownerRenamed, systemRenamed, reviewed, rescored, files].enumerated() {
            let incremental = try Self.build(step, cache: cache)
            // Performance (README "How it works"): a front-matter edit is a targeted rebuild, the path compared here.
            #expect(cache.render.targetedJobs != nil, "step \(number + 1) is a targeted rebuild")
            #expect(incremental == (try Self.build(step, cache: nil)), "step \(number + 1)")
        }
    }

    @Test func aChangedIDOrTypeMatchesAFreshBuild() throws {
        let renamed = Self.editing(RenderTests.files, "risks/bias.md", "id: RISK-001", "id: RISK-009")
        let retyped = Self.editing(RenderTests.files, "procedures/risk.md", "type: procedure", "type: policy")
        try Self.expectEachStepMatchesAFreshBuild([renamed, RenderTests.files, retyped, RenderTests.files])
    }

    @Test func rowsAndListItemsRenderedOnTheirOwnReadAsRenderedInThePage() throws {
        // The page templates iterating `rows` in place, as they did before the rows were
        // rendered one by one: every key a row template reads must be in the row's own view.
        // Lists of document refs likewise (`RenderContext.refsHTML`).
        let lists: [(template: String, html: String, list: String, partial: String)] = [
            ("risks", "rowsHTML", "rows", "risk-row"), ("type-list", "rowsHTML", "rows", "type-row"),
            ("roles", "ownsHTML", "owns", "ref-item"), ("roles", "approvesHTML", "approves", "ref-item"),
            ("details-panel", "ownsHTML", "owns", "ref-item-status"),
            ("details-panel", "approvesHTML", "approves", "ref-item-status"),
            ("heatmap-cells", "risksHTML", "risks", "ref-item"),
            ("soa-table", "documentsHTML", "documents", "ref-id-link"),
            ("soa-table", "risksHTML", "risks", "ref-id-link"),
            ("framework-requirement", "documentsHTML", "documents", "ref-id-status"),
            ("audit", "documentsHTML", "documents", "ref-id-link"),
            ("clause", "documentsHTML", "documents", "ref-evidence-row"),
            ("control", "documentsHTML", "documents", "ref-evidence-row"),
            ("audit", "findingsHTML", "findings", "audit-finding"),
            ("document", "backlinksHTML", "backlinks", "doc-row"),
            ("framework-requirement", "directHTML", "direct", "doc-row"),
        ]
        var inPlace: [String: String] = [:]
        for use in lists {
            let file = "\(use.template).mustache"
            let text = try #require(inPlace[file] ?? EmbeddedResources.templates[file])
            #expect(text.contains("{{{\(use.html)}}}"), "\(file) places \(use.html)")
            inPlace[file] = text.replacingOccurrences(
                of: "{{{\(use.html)}}}", with: "{{#\(use.list)}}{{>\(use.partial)}}{{/\(use.list)}}")
        }
        let oneByOne = try RenderTests.render()
        let whole = try RenderTests.render(overrides: inPlace)
        #expect(oneByOne.keys.sorted() == whole.keys.sorted())
        for (path, text) in oneByOne where path.hasSuffix(".html") {
            #expect(text == whole[path], "\(path)")
        }
    }

    @Test func aViewListRendersAsTheArrayItHolds() throws {
        let template = try MustacheTemplate(
            string:
                "{{#rows}}{{id}}{{#first()}}!{{/first()}}{{name}},{{/rows}}{{^rows}}none {{name}}{{/rows}}|{{count(rows)}}|{{#reversed(rows)}}{{id}}{{/reversed(rows)}}|{{rows.views}}"
        )
        for views in [[["id": "a"], ["id": "b"]] as [View], []] {
            let array = template.render(["rows": views, "name": "outer"] as View)
            let list = template.render(["rows": ViewList(views: views, fingerprint: 1), "name": "outer"] as View)
            #expect(array.contains(views.isEmpty ? "none outer|0|" : "a!outer,bouter,|2|ba|"))
            #expect(list == array)
        }
    }

    @Test func aReadSetHoldsLargeSetsWholeAndFindsEveryRead() {
        let large = Set((0..<ReadSet.sharedFrom).map { PageRead.document("RISK-\($0)") })
        var page = ReadSet()
        page.insert(.soa)
        page.formUnion(ReadSet([.document("POL-001")]))
        page.formUnion(ReadSet(large))
        var row = ReadSet([.type(.risk)])
        row.formUnion(ReadSet(large))
        page.formUnion(row)
        #expect(page.own == [.soa, .document("POL-001"), .type(.risk)], "small sets are merged")
        #expect(page.shared.count == 2, "large ones are held as they are, also from a merged set")
        #expect(page.contains(.document("RISK-3")) && page.contains(.type(.risk)) && page.contains(.soa))
        #expect(!page.contains(.document("RISK-\(ReadSet.sharedFrom)")) && !page.contains(.audit))
        #expect(page.all == large.union([.soa, .document("POL-001"), .type(.risk)]))
    }
}

/// The render cache's key for a view: the same for equal views however they were built, and
/// different when anything a template could show differs.
@Suite struct ViewFingerprintTests {
    func fingerprint(_ value: Any) -> Int {
        var hasher = Hasher()
        ViewFingerprint.combine(value, into: &hasher)
        return hasher.finalize()
    }

    @Test func equalViewsHashAlikeWhateverTheOrderTheirKeysWereSetIn() {
        var first: View = ["id": "R-1", "score": 12]
        first["nested"] = ["on": true, "tags": ["a", "b"]] as View
        var second: View = ["nested": ["tags": ["a", "b"], "on": true] as View]
        second["score"] = 12
        second["id"] = "R-1"
        #expect(fingerprint(first) == fingerprint(second))
        #expect(fingerprint([first, second] as [View]) == fingerprint([second, first] as [View]))
    }

    @Test func anyDifferenceDeepInsideChangesTheHash() {
        let view: View = ["id": "R-1", "nested": ["on": true, "rows": [["n": 1]] as [View]] as View]
        let variants: [View] = [
            ["id": "R-2", "nested": ["on": true, "rows": [["n": 1]] as [View]] as View],
            ["id": "R-1", "nested": ["on": false, "rows": [["n": 1]] as [View]] as View],
            ["id": "R-1", "nested": ["on": true, "rows": [["n": 2]] as [View]] as View],
            ["id": "R-1", "nested": ["on": true, "rows": [["m": 1]] as [View]] as View],
            ["id": "R-1", "nested": ["on": true, "rows": [] as [View]] as View],
        ]
        for variant in variants { #expect(fingerprint(variant) != fingerprint(view), "\(variant)") }
    }
}
