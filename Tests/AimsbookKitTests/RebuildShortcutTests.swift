import Foundation
import Testing

@testable import AimsbookKit

/// The shortcuts of `serve`'s one-file rebuilds: the print view written after the rest, derived
/// parts kept when none of their inputs changed, pages compared by their bytes, and the
/// unchanged files named by the few that changed. Each must leave the site a fresh build gives.
@Suite struct RebuildShortcutTests {
    static let asOf = RenderTests.asOf

    // MARK: The print view, written after the rest

    /// A copy of the sample handbook's content and settings in a folder of its own.
    static func sampleHandbookCopy() throws -> HandbookPaths {
        let root = try Fixtures.temporaryFolder()
        for name in ["content", "aimsbook.yml"] {
            try FileManager.default.copyItem(
                at: Fixtures.repositoryRoot.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
        return HandbookPaths(root: root)
    }

    static func contents(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! {
            let path = url.standardizedFileURL.path
            guard !path.hasSuffix("/" + SiteWriter.markerName), let data = FileManager.default.contents(atPath: path)
            else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                continue
            }
            files[String(path.dropFirst(base.count))] = data
        }
        return files
    }

    @Test func aRebuildIsServedAndWrittenAsAFreshBuildIs() throws {
        let paths = try Self.sampleHandbookCopy()
        defer { try? FileManager.default.removeItem(at: paths.root) }
        let cache = ServeSession()
        var writer = ServedSiteWriter(paths: paths)
        let first = try SiteBuild.run(paths, asOf: Self.asOf, gitHistory: false, session: cache, write: false)
        try writer.write(try #require(first.files))
        let printPath = paths.output.appendingPathComponent(SitePaths.print).path
        let printBefore = try #require(FileManager.default.contents(atPath: printPath))

        // Two title edits: the print view's contents list and the document's section change.
        let policy = paths.content.appendingPathComponent("policies/ai-policy.md")
        let text = try String(contentsOf: policy, encoding: .utf8)
        let title = try #require(text.split(separator: "\n").first { $0.hasPrefix("title: ") })
        for edit in ["Rebuilt policy", "Rebuilt policy again"] {
            try text.replacingOccurrences(of: String(title), with: "title: \(edit)")
                .write(to: policy, atomically: false, encoding: .utf8)
            let outcome = try SiteBuild.run(paths, asOf: Self.asOf, gitHistory: false, session: cache, write: false)
            let site = ServedSite(files: try #require(outcome.files), build: 2)
            try writer.write(site.files)
            let printAfter = try #require(FileManager.default.contents(atPath: printPath))
            #expect(printAfter != printBefore)
            #expect(String(decoding: printAfter, as: UTF8.self).contains(edit), "published with the rest")

            let fresh = paths.root.appendingPathComponent("fresh")
            _ = try SiteBuild.run(HandbookPaths(root: paths.root, output: fresh), asOf: Self.asOf, gitHistory: false)
            let written = try Self.contents(paths.output)
            let built = try Self.contents(fresh)
            #expect(written.keys.sorted() == built.keys.sorted(), "nothing hidden in the site")
            #expect(Set(site.files.map(\.path)) == Set(built.keys), "served: the same files")
            for (path, data) in built where written[path] != data {
                Issue.record("\(path) written differs from a fresh build after '\(edit)'")
            }
            for file in site.files where file.contents.wholeBytes().map({ Data($0) }) != built[file.path] {
                Issue.record("\(file.path) served differs from a fresh build after '\(edit)'")
            }
        }
        let beside = try FileManager.default.contentsOfDirectory(atPath: paths.root.path)
        #expect(beside.filter { $0.hasPrefix(".output.aimsbook-") && $0 != ".output.aimsbook-lock" } == [])
    }

    // MARK: Derived parts kept

    /// The parts a rebuild of `files` keeps from a build of `RenderTests.files`.
    static func kept(after files: [String: String], changed: Set<String>) throws -> RenderContext.Derived.Kept {
        func outline(_ files: [String: String]) -> Handbook {
            Pipeline.check(Fixtures.source(files, settings: "title: Test handbook\n"), asOf: asOf).handbook.outline
        }
        return try SiteRenderer.keptDerivedParts(
            last: outline(RenderTests.files), now: outline(files), changed: changed, options: .init(asOf: asOf),
            theme: Theme.load(overrides: [:]))
    }

    static func editing(_ path: String, _ old: String, _ new: String) -> [String: String] {
        BuildCacheTests.editing(RenderTests.files, path, old, new)
    }

    @Test func aRiskTitleEditKeepsTheSoACoverageAndObligations() throws {
        let kept = try Self.kept(
            after: Self.editing("risks/bias.md", "title: Unfair bias", "title: Bias"), changed: ["RISK-001"])
        #expect(kept.soa != nil)
        #expect(kept.coverage != nil)
        #expect(kept.obligations != nil)
    }

    @Test func aStatusEditMakesCoverageAndObligationsAgain() throws {
        let kept = try Self.kept(
            after: Self.editing("risks/bias.md", "status: approved", "status: draft"), changed: ["RISK-001"])
        #expect(kept.soa != nil, "the SoA reads no status")
        #expect(kept.coverage == nil)
        #expect(kept.obligations == nil)
    }

    @Test func anAISystemTitleEditMakesItsObligationsAgain() throws {
        let kept = try Self.kept(
            after: Self.editing("systems/scoring.md", "title: Scoring model", "title: Scorer"), changed: ["AIS-1"])
        #expect(kept.coverage != nil)
        #expect(kept.obligations == nil, "each system's obligations carry its title")
    }

    @Test func anSoADecisionEditMakesTheSoAAgain() throws {
        let kept = try Self.kept(
            after: Self.editing("soa.md", "status: implemented", "status: planned"), changed: ["SOA-001"])
        #expect(kept.soa == nil)
    }

    @Test func anSoADecisionEditMakesTheCoverageAgainToo() throws {
        // Coverage reads whether the SoA marks each mapped control implemented.
        let kept = try Self.kept(
            after: Self.editing("soa.md", "status: implemented", "status: planned"), changed: ["SOA-001"])
        #expect(kept.coverage == nil && kept.obligations == nil)
    }

    @Test func aSystemsEUAIActFactsAndAnSoAEditMatchAFreshBuild() throws {
        // Obligations read the system's annex_iii, transparency and role; coverage reads the SoA.
        let facts = Self.editing(
            "systems/scoring.md", "provider: third-party",
            "provider: third-party\nai_act_role: both\nannex_iii: \"5(b)\"\ntransparency: [interacts-with-people]")
        let planned = Self.editing("soa.md", "status: implemented", "status: planned")
        try BuildCacheTests.expectEachStepMatchesAFreshBuild([facts, RenderTests.files, planned, RenderTests.files])
    }

    @Test func aNewControlOnARiskMakesEveryPartAgain() throws {
        let kept = try Self.kept(
            after: Self.editing("risks/bias.md", "controls: [A.2.2]", "controls: [A.2.2, A.5.2]"),
            changed: ["RISK-001"])
        #expect(kept.soa == nil && kept.coverage == nil && kept.obligations == nil, "the relations changed")
    }

    @Test func citationAndAssessmentEditsMatchAFreshBuild() throws {
        // Coverage reads citations and which systems a document speaks for; neither may be kept.
        let cited = Self.editing(
            "procedures/risk.md", "status: draft", "status: draft\neu_ai_act: [Art.9, Art.26]")
        let retied = Self.editing("systems/ia.md", "ai_systems: [AIS-1]", "ai_systems: []")
        try BuildCacheTests.expectEachStepMatchesAFreshBuild([cited, RenderTests.files, retied, RenderTests.files])
    }

    @Test func twoTitleEditsAtOnceAndThenAnOwnerChangeMatchAFreshBuild() throws {
        // Lists showing both documents are patched item by item; an owner change adds a read.
        let both = BuildCacheTests.editing(
            Self.editing("risks/bias.md", "title: Unfair bias", "title: Bias"), "systems/scoring.md",
            "title: Scoring model", "title: Scorer")
        let owner = BuildCacheTests.editing(both, "risks/bias.md", "owner: ROLE-OWNER", "owner: ROLE-CEO")
        let renamedCEO = BuildCacheTests.editing(owner, "roles/ceo.md", "title: Chief executive", "title: Director")
        let cache = try BuildCacheTests.expectEachStepMatchesAFreshBuild([both, owner, renamedCEO, RenderTests.files])
        // Performance (README "How it works"): a front-matter edit is a targeted rebuild, the path compared here.
        #expect(cache.render.targetedJobs != nil)
    }

    @Test func aListNoPageAskedForSinceAnEarlierEditIsMadeWholeNotPatched() throws {
        // Step 1 renames the risk and moves the procedure to another owner in one go: the
        // owner's list of what it owns has other ids, so its old list is not asked for and keeps
        // the risk's old title. Step 2 moves the procedure back: the old list's ids again, and a
        // change it reads (the procedure), but patching only the procedure's item would show
        // the risk's old title.
        let retitled = Self.editing("risks/bias.md", "title: Unfair bias", "title: Bias")
        let moved = BuildCacheTests.editing(retitled, "procedures/risk.md", "owner: ROLE-OWNER", "owner: ROLE-CEO")
        try BuildCacheTests.expectEachStepMatchesAFreshBuild([moved, retitled])
    }

    @Test func aListNoPageAskedForSinceAnEarlierEditIsNotTakenAsItWas() throws {
        // Step 1 renames the risk and has the procedure cite A.2.2 too: the control's list has
        // other ids, so its old list is not asked for and keeps the risk's old title. Step 2
        // takes the citation back: the old list's ids again, and nothing it reads changed in
        // this edit, but the edit before changed the risk.
        let retitled = Self.editing("risks/bias.md", "title: Unfair bias", "title: Bias")
        let cites = BuildCacheTests.editing(
            retitled, "procedures/risk.md", "controls: [A.5.2]", "controls: [A.5.2, A.2.2]")
        let cache = try BuildCacheTests.expectEachStepMatchesAFreshBuild([cites, retitled])
        // Performance (README "How it works"): a front-matter edit is a targeted rebuild, the path compared here.
        #expect(cache.render.targetedJobs != nil)
    }

    // MARK: Bytes and unchanged files

    @Test func contentsAreTheSameOnlyWithTheSameBytes() {
        let page: OutputFile.Contents = .utf8(Array("<p>é</p>".utf8))
        #expect(page.sameBytes(as: .utf8(Array("<p>é</p>".utf8))))
        #expect(!page.sameBytes(as: .utf8(Array("<p>e</p>".utf8))))
        #expect(!page.sameBytes(as: .utf8(Array("<p>é</p>\n".utf8))))
        #expect(!page.sameBytes(as: .text("<p>é</p>")), "another kind is another file")
        #expect(OutputFile.Contents.utf8([]).sameBytes(as: .utf8([])))
        #expect(OutputFile.Contents.text("a").sameBytes(as: .text("a")))
        #expect(!OutputFile.Contents.text("a").sameBytes(as: .text("b")))
        let pieces: OutputFile.Contents = .pieces([Array("a".utf8), Array("bc".utf8)])
        #expect(pieces.sameBytes(as: .pieces([Array("a".utf8), Array("bc".utf8)])))
        #expect(!pieces.sameBytes(as: .pieces([Array("ab".utf8), Array("c".utf8)])), "compared piece by piece")
        #expect(!OutputFile.Contents.copy(from: "/x").sameBytes(as: .copy(from: "/x")), "a copy is read at write time")
    }

    @Test func unchangedFilesAreNamedOrAllButAFew() {
        let named: UnchangedFiles = ["index.html", "soa.html"]
        #expect(named.contains("index.html") && !named.contains("risks.html"))
        #expect(UnchangedFiles([]).isEmpty)
        let allBut = UnchangedFiles.allBut(["risks.html"])
        #expect(allBut.contains("index.html") && !allBut.contains("risks.html"))
        #expect(!allBut.isEmpty)
    }
}
