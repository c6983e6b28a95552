import Foundation
import Testing

@testable import AimsbookKit

/// Publishing the site as written: files keep their names, footnotes their own ids in every
/// view, the print view carries what the pages show.
@Suite struct AssetNameTests {
    static let files: [String: String] = [
        "roles/owner.md": "---\nid: ROLE-OWNER\ntype: role\ntitle: Owner\nstatus: approved\n---\nRuns it.\n",
        "records/check.md": """
        ---
        id: REC-001
        type: record
        title: Inspection
        owner: ROLE-OWNER
        status: approved
        ---
        The [report](../evidence/Pr%C3%BCfbericht%202026.pdf), written as the file is named
        ([again](<../evidence/Prüfbericht 2026.pdf>)), and [a per cent](../evidence/100%25.pdf#page=2).
        """,
    ]

    static func render() throws -> [OutputFile] {
        var source = Fixtures.source(files)
        source.assets = [
            .init(
                path: "content/evidence/Prüfbericht 2026.pdf", contentPath: "evidence/Prüfbericht 2026.pdf",
                absolutePath: "/x/a.pdf"),
            .init(path: "content/evidence/100%.pdf", contentPath: "evidence/100%.pdf", absolutePath: "/x/b.pdf"),
        ]
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics.map(\.message))")
        return try SiteRenderer.render(checked.handbook, options: .init(asOf: Fixtures.asOf))
    }

    @Test func aFileIsWrittenUnderItsOwnNameAndLinkedPercentEncodedOnce() throws {
        let output = try Self.render()
        let paths = Set(output.map(\.path))
        #expect(paths.contains("files/evidence/Prüfbericht 2026.pdf"))
        #expect(paths.contains("files/evidence/100%.pdf"))
        #expect(!paths.contains { $0.contains("%C3") || $0.contains("%20") }, "no name with escapes in it")
        let page = try #require(Fixtures.pages(output)["docs/rec-001.html"])
        let href = "href=\"../files/evidence/Pr%C3%BCfbericht%202026.pdf\""
        #expect(page.components(separatedBy: href).count == 3, "both spellings of the link, encoded once")
        #expect(page.contains("href=\"../files/evidence/100%25.pdf#page=2\""))
        #expect(!page.contains("%25C3") && !page.contains("%2520"), "nothing encoded twice")
        let print = try #require(Fixtures.pages(output)["print.html"])
        #expect(print.contains(href.replacingOccurrences(of: "../", with: "")), "the print view links the same file")
    }

    @Test func everyLinkToTheFileLeadsToItOnceDecoded() throws {
        let problems = HTMLScan.brokenLinks(in: Fixtures.pages(try Self.render()))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func aNameTooLongIsMeasuredAsWritten() {
        // 120 "ü" are 240 bytes as written (a name the file system takes), 720 percent-encoded.
        let name = String(repeating: "ü", count: 120) + ".pdf"
        var source = Fixtures.source(Self.files)
        source.assets = [.init(path: "content/\(name)", contentPath: name, absolutePath: "/x/c.pdf")]
        #expect(!Pipeline.check(source, asOf: Fixtures.asOf).diagnostics.map(\.code).contains("file-name-too-long"))
    }
}

@Suite struct FootnoteIDTests {
    static let body = """
        # fn 1

        A claim[^1], a second[^note], the first again[^1] and a label like a repeat[^1-2].

        [^1]: The source.
        [^note]: Another.
        [^1-2]: A third.

        """

    static func ids(_ html: String) -> [String] { HTMLScan.attributes("id", in: html) }

    @Test func notesAreNumberedWithIDsNoHeadingCanHave() {
        let html = MarkdownParser.parse(Self.body, firstLine: 1, file: "f.md").html
        #expect(html.contains("<h1 id=\"fn-1\">"))
        #expect(html.contains("<a href=\"#fn.1\" id=\"fnref.1\" data-footnote-ref>1</a>"))
        #expect(html.contains("<a href=\"#fn.2\" id=\"fnref.2\" data-footnote-ref>2</a>"))
        #expect(html.contains("<a href=\"#fn.1\" id=\"fnref.1.2\" data-footnote-ref>1</a>"))
        #expect(html.contains("<a href=\"#fn.3\" id=\"fnref.3\" data-footnote-ref>3</a>"), "[^1-2] is its own note")
        #expect(
            html.contains("<li id=\"fn.1\">") && html.contains("<li id=\"fn.2\">") && html.contains("<li id=\"fn.3\">"))
        #expect(html.contains("<a href=\"#fnref.1\" class=\"footnote-backref\""))
        #expect(html.contains("<a href=\"#fnref.1.2\" class=\"footnote-backref\""))
        #expect(html.contains("<a href=\"#fnref.3\" class=\"footnote-backref\""))
        #expect(!html.contains("\"fn-1\"") || html.components(separatedBy: "\"fn-1\"").count == 2, "only the heading")
        let ids = Self.ids(html)
        #expect(Set(ids).count == ids.count, "\(ids)")
    }

    @Test func aBodyWithoutNotesIsUnchanged() {
        let text = "A [link](#fn-1) and `<li id=\"fn-1\">` in code.\n"
        let html = MarkdownParser.parse(text, firstLine: 1, file: "f.md").html
        #expect(html.contains("href=\"#fn-1\""))
        #expect(html.contains("<code>&lt;li id=&quot;fn-1&quot;&gt;</code>"))
    }

    @Test func eachDocumentsNotesAreItsOwnInThePrintView() throws {
        var files = RenderTests.files
        files["notes/a.md"] =
            "---\nid: REC-101\ntype: record\ntitle: Notes A\nowner: ROLE-OWNER\nstatus: approved\n---\n" + Self.body
        files["notes/b.md"] =
            "---\nid: REC-102\ntype: record\ntitle: Notes B\nowner: ROLE-OWNER\nstatus: approved\n---\nB[^1].\n\n[^1]: B's.\n"
        let pages = try RenderTests.render(files)
        let print = try #require(pages["print.html"])
        #expect(print.contains("<a href=\"#rec-101--fn.1\" id=\"rec-101--fnref.1\""))
        #expect(print.contains("<li id=\"rec-101--fn.1\">"))
        #expect(print.contains("<a href=\"#rec-102--fn.1\" id=\"rec-102--fnref.1\""))
        #expect(print.contains("<li id=\"rec-102--fn.1\">"))
        #expect(print.contains("<a href=\"#rec-102--fnref.1\" class=\"footnote-backref\""))
        #expect(!print.contains("id=\"fn-1\"") && !print.contains("id=\"fn.1\""), "no unprefixed note")
        let page = try #require(pages["docs/rec-101.html"])
        #expect(page.contains("<li id=\"fn.1\">"))
        let problems = HTMLScan.brokenLinks(in: pages)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}

@Suite struct PrintedSoATests {
    @Test func theSoADocumentPrintsWithItsTableAsItsPageShowsIt() throws {
        let pages = try RenderTests.render()
        let print = try #require(pages["print.html"])
        let soaPage = try #require(pages["soa.html"])
        let section = try #require(
            print.components(separatedBy: "<article class=\"print-doc print-soa\" id=\"doc-soa-001\"").dropFirst().first
        )
        let start = try #require(soaPage.range(of: "<div class=\"table-wrap\"><table class=\"data soa-table\">"))
        let end = try #require(soaPage.range(of: "</table></div>", range: start.upperBound..<soaPage.endIndex))
        let pageTable = String(soaPage[start.lowerBound..<end.upperBound])
        #expect(section.contains(pageTable), "the same table, links and all (both pages sit at the root)")
        #expect(pageTable.contains("<tr id=\"A.2.2\">") && pageTable.contains("Policy needed"))
        #expect(print.components(separatedBy: "class=\"data soa-table\"").count == 2, "in the SoA's section only")
        #expect(!print.contains("<article class=\"print-doc print-soa\" id=\"doc-pol-001\""))
    }

    @Test func theLandscapePageAndTheRegistersPrintedHeadersHoldForThePrintView() throws {
        let pages = try RenderTests.render()
        let css = try #require(pages["assets/style.css"])
        let print = try #require(css.components(separatedBy: "@media print {").last)
        #expect(print.contains(".page-soa main, .print-soa { page: soa-landscape; }"))
        // The register's sort buttons (site.js) print as their words only; the register itself has none in HTML.
        #expect(print.contains(".sort-button::after, th[aria-sort] .sort-button::after { content: none; }"))
        let risks = try #require(pages["risks.html"])
        #expect(!risks.contains("sort-button") && !risks.contains("↕"), "the sort controls are made by the script")
        #expect(!(pages["print.html"] ?? "").contains("sortable"), "the print view has no sortable table")
    }

    /// `serve` rebuilds the SoA's print section when another document starts implementing a
    /// control, as a fresh build makes it.
    @Test func aRebuildAfterAControlIsCitedMatchesAFreshBuild() throws {
        let paths = try RebuildShortcutTests.sampleHandbookCopy()
        defer { try? FileManager.default.removeItem(at: paths.root) }
        let session = ServeSession()
        _ = try SiteBuild.run(paths, asOf: RenderTests.asOf, gitHistory: false, session: session)
        let policy = paths.content.appendingPathComponent("policies/roles-and-responsibilities.md")
        let text = try String(contentsOf: policy, encoding: .utf8)
        try text.replacingOccurrences(of: "controls: [A.3.2]", with: "controls: [A.3.2, A.10.4]")
            .write(to: policy, atomically: false, encoding: .utf8)
        _ = try SiteBuild.run(paths, asOf: RenderTests.asOf, gitHistory: false, session: session)
        let fresh = paths.root.appendingPathComponent("fresh")
        _ = try SiteBuild.run(HandbookPaths(root: paths.root, output: fresh), asOf: RenderTests.asOf, gitHistory: false)
        let served = try RebuildShortcutTests.contents(paths.output)
        let built = try RebuildShortcutTests.contents(fresh)
        #expect(served.keys.sorted() == built.keys.sorted())
        for (path, data) in built where served[path] != data { Issue.record("\(path) differs from a fresh build") }
        let print = String(decoding: try #require(served[SitePaths.print]), as: UTF8.self)
        let row = try #require(print.components(separatedBy: "<tr id=\"A.10.4\">").dropFirst().first)
        #expect(row.prefix { $0 != "\n" }.contains("POL-"), "the new implementer is in the printed row")
    }
}

@Suite struct BasePathTests {
    static func settings(_ text: String) -> (Settings, [String]) {
        let (settings, diagnostics) = Settings.parse(text)
        return (settings, diagnostics.map { "\($0.code) \($0.location.line):\($0.location.column) \($0.message)" })
    }

    @Test func aPathIsTakenWithItsLastSlashAdded() {
        #expect(Self.settings("title: T\nbase_path: /handbook/\n").0.basePath == "/handbook/")
        #expect(Self.settings("base_path: /intranet/aims\n").0.basePath == "/intranet/aims/")
        #expect(Self.settings("base_path: /\n").0.basePath == "/")
        #expect(Self.settings("base_path: /Pr%C3%BCfung/h~b/\n").0.basePath == "/Pr%C3%BCfung/h~b/")
        #expect(Self.settings("title: T\n").0.basePath == nil, "none by default")
        #expect(Self.settings("base_path: /handbook/\n").1.isEmpty)
    }

    @Test func aMalformedPathIsAnErrorAtItsValue() {
        let cases: [(String, String)] = [
            ("handbook/", "must start with '/'"),
            ("https://intranet.example/handbook/", "not an address"),
            ("//intranet/handbook/", "not an address"),
            ("/hand book/", "holds a space"),
            ("/handbook/?x=1", "no query or fragment"),
            ("/über/", "holds 'ü'"),
            ("/a//b/", "empty segment"),
            ("/a/../b/", "'..' segment"),
            ("/100%/", "starts no escape"),
            ("[/a]", "must be a single value"),
        ]
        for (value, expected) in cases {
            let (settings, messages) = Self.settings("title: T\nbase_path: \(value)\n")
            #expect(settings.basePath == nil, "\(value)")
            #expect(messages.count == 1 && messages[0].hasPrefix("invalid-value 2:12 "), "\(value): \(messages)")
            #expect(messages.first?.contains(expected) == true, "\(value): \(messages)")
        }
    }

    static func render(settings: String) throws -> [String: String] {
        let source = Fixtures.source(RenderTests.files, settings: settings)
        let checked = Pipeline.check(source, asOf: RenderTests.asOf)
        #expect(!checked.diagnostics.contains { $0.location.file == "aimsbook.yml" })
        return Fixtures.pages(try SiteRenderer.render(checked.handbook, options: .init(asOf: RenderTests.asOf)))
    }

    static func links(_ html: String) -> [String] {
        HTMLScan.attributes("href", in: html) + HTMLScan.attributes("src", in: html)
            + HTMLScan.attributes("action", in: html)
    }

    @Test func the404PageLinksThroughTheBasePathAndTheOthersStayRelative() throws {
        let pages = try Self.render(settings: "title: T\nbase_path: /handbook/\n")
        let notFound = try #require(pages["404.html"])
        let links = Self.links(notFound)
        #expect(links.contains("/handbook/assets/style.css") && links.contains("/handbook/assets/site.js"))
        #expect(links.contains("/handbook/index.html") && links.contains("/handbook/search.html"))
        #expect(links.contains("/handbook/clauses/index.html") && links.contains("/handbook/soa.html"))
        let elsewhere = links.filter { !$0.hasPrefix("/handbook/") && !$0.hasPrefix("#") && $0 != "data:," }
        #expect(elsewhere.isEmpty, "every link of the 404 page under the base path: \(elsewhere)")
        for path in ["index.html", "docs/pol-001.html", "clauses/6.1.2.html", "print.html", "search.html"] {
            let absolute = Self.links(try #require(pages[path])).filter { $0.hasPrefix("/") }
            #expect(absolute.isEmpty, "\(path) links relatively, for file:// and any path: \(absolute)")
        }
    }

    @Test func withoutABasePathThe404PageLinksFromTheRoot() throws {
        let pages = try Self.render(settings: "title: T\n")
        let links = Self.links(try #require(pages["404.html"]))
        #expect(links.contains("assets/style.css") && links.contains("clauses/index.html"))
        #expect(!links.contains { $0.hasPrefix("/") })
    }
}
