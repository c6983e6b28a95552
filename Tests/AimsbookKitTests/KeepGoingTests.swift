import Foundation
import Testing

@testable import AimsbookKit

/// Migration mode: `build --keep-going` and `serve` render the site despite errors, each
/// broken reference marked where it is written and the errors listed in banners.
@Suite struct KeepGoingTests {
    static var brokenFiles: [String: String] {
        var files = RenderTests.files
        files["policies/broken.md"] = """
            ---
            id: POL-BROKEN
            type: policy
            title: Broken
            owner: ROLE-<b>NOBODY</b>
            status: draft
            clauses: [6.1.2, 9.30]
            related: [POL-GONE]
            ---
            See [[POL-NOPE]] and [the policy](POL-001).
            """
        files["notes/unreadable.md"] = "---\nid: REC-X\ntitle: [unclosed\n---\n"
        return files
    }

    static func render(_ files: [String: String]) throws -> (pages: [String: String], errors: [Diagnostic]) {
        let checked = Pipeline.check(Fixtures.source(files), asOf: RenderTests.asOf)
        let output = try SiteRenderer.render(checked.handbook, options: .init(asOf: RenderTests.asOf))
        let errors = checked.diagnostics.filter { $0.severity == .error }
        return (Fixtures.pages(ProblemBanners.mark(output, errors: errors, handbook: checked.handbook)), errors)
    }

    @Test func eachBrokenReferenceIsMarkedWhereItIsWritten() throws {
        let (pages, errors) = try Self.render(Self.brokenFiles)
        // Five here, one of the base handbook's (its SoA decides one control only).
        #expect(errors.count == 6, "\(errors.map { "\($0.location) \($0.message)" })")
        let page = try #require(pages["docs/pol-broken.html"])
        #expect(page.contains("ROLE-&lt;b&gt;NOBODY&lt;/b&gt; <span class=\"broken-ref\">broken reference</span>"))
        #expect(page.contains("<span class=\"mono\">9.30</span> <span class=\"broken-ref\">broken reference</span>"))
        #expect(page.contains("POL-GONE <span class=\"broken-ref\">broken reference</span>"))
        #expect(page.contains("<a href=\"#broken-reference\">POL-NOPE</a>"))
        #expect(page.contains("<a href=\"../docs/pol-001.html\">the policy</a>"), "resolved links stay as they are")
        #expect(page.contains("<a href=\"../clauses/6.1.2.html\""), "a known clause stays a link")
    }

    @Test func theDocumentPageListsItsErrorsAndTheHomePageAllOfThem() throws {
        let (pages, errors) = try Self.render(Self.brokenFiles)
        let page = try #require(pages["docs/pol-broken.html"])
        #expect(page.contains("<h2 id=\"site.build-errors\" class=\"panel-title\">This document has 4 errors</h2>"))
        #expect(page.contains("<span class=\"mono\">content/policies/broken.md:5:8</span>"))
        #expect(!page.contains("content/notes/unreadable.md"), "another file's error is not this page's")
        #expect(!page.contains("<b>NOBODY</b>"), "messages are escaped")
        // The banner opens the main content.
        #expect(page.contains("<main id=\"site.main\" tabindex=\"-1\">\n<section class=\"panel build-errors\""))
        let home = try #require(pages["index.html"])
        #expect(home.contains("The handbook has \(errors.count) errors"))
        #expect(home.contains("content/notes/unreadable.md:4:1"), "a file that became no page is listed at home")
        #expect(pages["docs/pol-001.html"]?.contains("build-errors") == false)
    }

    @Test func withoutErrorsNothingIsAdded() throws {
        let checked = Pipeline.check(Fixtures.source(RenderTests.files), asOf: RenderTests.asOf)
        let output = try SiteRenderer.render(checked.handbook, options: .init(asOf: RenderTests.asOf))
        let warnings = checked.diagnostics.filter { $0.severity == .warning }
        #expect(!warnings.isEmpty, "warnings alone make no banner")
        let marked = ProblemBanners.mark(output, errors: warnings, handbook: checked.handbook)
        #expect(marked.count == output.count && zip(marked, output).allSatisfy { $0 == $1 })
    }

    @Test func everyBrokenFixtureRendersDespiteItsErrors() throws {
        let folder = Fixtures.directory.appendingPathComponent("check")
        for name in CheckFixtureTests.cases {
            let source = try Fixtures.load([
                folder.appendingPathComponent("_base"), folder.appendingPathComponent(name),
            ])
            let checked = Pipeline.check(source, asOf: Fixtures.asOf)
            let output = try SiteRenderer.render(checked.handbook, options: .init(asOf: checked.asOf))
            let marked = Fixtures.pages(
                ProblemBanners.mark(output, errors: checked.diagnostics, handbook: checked.handbook))
            let errors = checked.diagnostics.errorCount
            #expect(marked["index.html"]?.contains("build-errors") == (errors > 0), "\(name)")
        }
    }

    @Test func aServeRebuildWithErrorsAndAfterThemMatchesAFreshBuild() throws {
        let paths = try RebuildShortcutTests.sampleHandbookCopy()
        defer { try? FileManager.default.removeItem(at: paths.root) }
        let cache = ServeSession()
        let asOf = RebuildShortcutTests.asOf
        _ = try SiteBuild.run(paths, asOf: asOf, gitHistory: false, session: cache, keepGoing: true)
        let policy = paths.content.appendingPathComponent("policies/ai-policy.md")
        let text = try String(contentsOf: policy, encoding: .utf8)
        let broken = text + "\nSee [[POL-NOPE]] and [[6.1.2]].\n"
        let titleBroken = text.replacingOccurrences(of: "\ntitle: ", with: "\nowner_note: x\ntitle: ")
        for (step, edit) in [broken, titleBroken, text].enumerated() {
            try edit.write(to: policy, atomically: false, encoding: .utf8)
            let outcome = try SiteBuild.run(paths, asOf: asOf, gitHistory: false, session: cache, keepGoing: true)
            #expect(outcome.writtenFiles != nil)
            let fresh = paths.root.appendingPathComponent("fresh")
            _ = try SiteBuild.run(
                HandbookPaths(root: paths.root, output: fresh), asOf: asOf, gitHistory: false, keepGoing: true)
            let served = try RebuildShortcutTests.contents(paths.output)
            let built = try RebuildShortcutTests.contents(fresh)
            #expect(served.keys.sorted() == built.keys.sorted(), "step \(step)")
            for (path, data) in built where served[path] != data {
                Issue.record("step \(step): \(path) differs from a fresh build")
            }
            let home = String(decoding: served["index.html"] ?? Data(), as: UTF8.self)
            #expect(home.contains("build-errors") == (step == 0), "step \(step)")
        }
    }
}

/// Fields of other tools are kept and shown, escaped, and carried in the master list's JSON.
@Suite struct ExtraFieldsTests {
    @Test func theDocumentPageShowsOtherFieldsEscaped() throws {
        var files = RenderTests.files
        files["policies/ai-policy.md"] = files["policies/ai-policy.md"]!.replacingOccurrences(
            of: "clauses: [5.2, 4.3]",
            with:
                "clauses: [5.2, 4.3]\nx-generated-at: 2026-01-02\nextra:\n  template_id: \"<b>aims-07</b>\"\n  source: { tool: other, version: 2 }\n  owners: [a, b]"
        )
        let checked = Pipeline.check(Fixtures.source(files), asOf: RenderTests.asOf)
        #expect(checked.diagnostics.filter { $0.code == "unknown-field" }.isEmpty)
        let policy = try #require(checked.handbook.document("POL-001"))
        #expect(
            policy.extraFields == [
                ExtraField(key: "x-generated-at", value: "2026-01-02"),
                ExtraField(key: "template_id", value: "<b>aims-07</b>"),
                ExtraField(key: "source", value: "tool: other; version: 2"), ExtraField(key: "owners", value: "a, b"),
            ])
        let pages = Fixtures.pages(try SiteRenderer.render(checked.handbook, options: .init(asOf: RenderTests.asOf)))
        let page = try #require(pages["docs/pol-001.html"])
        #expect(
            page.contains(
                "<dt>Other fields</dt><dd><ul class=\"plain extra-fields\"><li><span class=\"mono\">x-generated-at</span>: 2026-01-02</li><li><span class=\"mono\">template_id</span>: &lt;b&gt;aims-07&lt;/b&gt;</li>"
            ))
        #expect(pages["docs/proc-001.html"]?.contains("Other fields") == false)
        let json = MasterList(checked.handbook).json()
        #expect(json.contains("\"template_id\": \"\\u003cb\\u003eaims-07\\u003c/b\\u003e\""), "\(json)")
        #expect(json.contains("\"extra\": {}"))
    }
}
