import Foundation
import Testing

@testable import AimsbookKit

/// The render stage end to end on a small handbook built from strings: every page exists, every
/// relative link and anchor resolves, backlinks are right, front matter is escaped, output is
/// deterministic, and a broken theme fails loudly.
@Suite struct RenderTests {
    static let asOf = Day("2026-11-29")!

    static let files: [String: String] = [
        "roles/owner.md": """
        ---
        id: ROLE-OWNER
        type: role
        title: AI governance officer
        status: approved
        members: ["Priya Raman"]
        clauses: [5.3]
        ---
        # Purpose
        Runs the AIMS.
        """,
        "roles/ceo.md": """
        ---
        id: ROLE-CEO
        type: role
        title: Chief executive
        status: approved
        ---
        Leads.
        """,
        "policies/ai-policy.md": """
        ---
        id: POL-001
        type: policy
        title: AI policy
        owner: ROLE-OWNER
        approver: ROLE-CEO
        status: approved
        version: "1.0"
        effective: 2026-01-15
        review: 2026-06-01
        clauses: [5.2, 4.3]
        controls: [A.2.2]
        ---
        # Purpose
        See the [procedure](PROC-001#steps) and [[6.1.2]] and [[A.2.2]].
        ## Scope
        Everything in [the register](../risks/bias.md).
        # Purpose
        A second heading with the same text.
        """,
        "procedures/risk.md": """
        ---
        id: PROC-001
        type: procedure
        title: "<script>alert(1)</script> & risk assessment"
        owner: ROLE-OWNER
        status: draft
        clauses: [6.1.2]
        controls: [A.5.2]
        ---
        # Steps
        1. Assess.
        """,
        "risks/bias.md": """
        ---
        id: RISK-001
        type: risk
        title: Unfair bias
        owner: ROLE-OWNER
        status: approved
        likelihood: 4
        impact: 5
        residual_likelihood: 2
        residual_impact: 3
        treatment: mitigate
        ai_systems: [AIS-1]
        controls: [A.2.2]
        ---
        Bias in [[AIS-1]].
        """,
        "systems/scoring.md": """
        ---
        id: AIS-1
        type: ai-system
        title: Scoring model
        owner: ROLE-OWNER
        status: approved
        lifecycle: deployed
        eu_ai_act_risk: high
        provider: third-party
        supplier: ScoreCo
        impact_assessment: IA-1
        ---
        The model.
        """,
        "systems/ia.md": """
        ---
        id: IA-1
        type: impact-assessment
        title: Impact of scoring
        owner: ROLE-OWNER
        status: in-review
        ai_systems: [AIS-1]
        date: 2026-03-01
        ---
        Assessed.
        """,
        "soa.md": """
        ---
        id: SOA-001
        type: soa
        title: Statement of Applicability
        status: approved
        clauses: [6.1.3]
        decisions:
          A.2.2: { applicable: true, status: implemented, justification: "Policy needed" }
        ---
        # About
        Made under the [policy](policies/ai-policy.md) and clause [[6.1.3]].
        """,
    ]

    static func render(
        _ files: [String: String] = RenderTests.files, overrides: [String: String] = [:]
    ) throws -> [String: String] {
        var source = Fixtures.source(files, settings: "title: Test handbook\norganisation: Example & Co\n")
        source.templateOverrides = overrides
        let checked = Pipeline.check(source, asOf: asOf)
        let output = try SiteRenderer.render(checked.handbook, options: .init(asOf: asOf))
        return Fixtures.pages(output)
    }

    @Test func pagesExistAtTheirPaths() throws {
        let pages = try Self.render()
        var expected = [
            "index.html", "docs/pol-001.html", "docs/role-owner.html", "docs/ais-1.html", "clauses/index.html",
            "clauses/4.html", "clauses/6.1.2.html", "clauses/10.2.html", "controls/index.html", "controls/A.2.2.html",
            "controls/A.10.4.html", "risks.html", "ai-systems.html", "roles.html", "soa.html", "soa.csv", "audit.html",
            "search.html", "print.html", "404.html", "assets/style.css", "assets/site.js", "assets/search.js",
            "assets/search-index.js", "assets/search-documents-1.js",
        ]
        expected += DocumentType.allCases.map(SitePaths.typeList)
        for path in expected { #expect(pages[path] != nil, "missing \(path)") }
        #expect(pages.keys.filter { $0.hasPrefix("controls/A.") }.count == StandardModel.iso42001.controls.count)
        #expect(
            pages.keys.filter { $0.hasPrefix("clauses/") && $0 != "clauses/index.html" }.count
                == StandardModel.iso42001.clauses.count)
    }

    @Test func everyRelativeLinkAndAnchorResolves() throws {
        let problems = HTMLScan.brokenLinks(in: try Self.render())
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func anEmptyHandbookStillGivesAWholeSite() throws {
        let pages = try Self.render([:])
        #expect(pages["index.html"]?.contains("No scope document") == true)
        #expect(pages["soa.html"]?.contains("no document of <code>type: soa</code>") == true)
        let problems = HTMLScan.brokenLinks(in: pages)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func backlinksAndRelations() throws {
        let pages = try Self.render()
        let procedure = try #require(pages["docs/proc-001.html"])
        let referencedBy = try #require(procedure.range(of: "Referenced by")).upperBound
        #expect(procedure[referencedBy...].contains("href=\"../docs/pol-001.html\""), "POL-001 links to PROC-001")
        let risk = try #require(pages["docs/risk-001.html"])
        #expect(risk[try #require(risk.range(of: "Referenced by")).upperBound...].contains("pol-001.html"))
        let system = try #require(pages["docs/ais-1.html"])
        #expect(system.contains("href=\"../docs/risk-001.html\""), "the system lists its risks")
        #expect(system.contains("href=\"../docs/ia-1.html\""), "and its impact assessment")
        let role = try #require(pages["docs/role-owner.html"])
        #expect(role.contains("href=\"../docs/pol-001.html\""), "a role lists what it owns")
        let control = try #require(pages["controls/A.2.2.html"])
        #expect(control.contains("../docs/pol-001.html") && control.contains("../docs/risk-001.html"))
        #expect(control.contains("Implemented"))
        let clause = try #require(pages["clauses/6.1.2.html"])
        #expect(clause.contains("../docs/proc-001.html"))
    }

    @Test func overdueReviewIsShownAgainstTheAsOfDate() throws {
        let pages = try Self.render()
        #expect(try #require(pages["docs/pol-001.html"]).contains("Overdue by 181 days"))
        #expect(try #require(pages["index.html"]).contains("docs/pol-001.html"))
    }

    @Test func frontMatterIsEscapedEverywhere() throws {
        let pages = try Self.render()
        for (path, text) in pages where path.hasSuffix(".html") || path.hasSuffix(".js") {
            #expect(!text.contains("<script>alert(1)"), "unescaped title in \(path)")
        }
        let page = try #require(pages["docs/proc-001.html"])
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; risk assessment"))
        #expect(try #require(pages["index.html"]).contains("Example &amp; Co"))
        #expect(try #require(pages[SitePaths.searchShard(1)]).contains("\\u003cscript\\u003ealert(1)"))
    }

    /// Swift compares `Character`s as grapheme clusters: `"` followed by a combining accent is
    /// one character that is not `"`. Escaping must work on bytes, or that quote leaves the attribute.
    @Test func aQuoteHiddenInAGraphemeClusterCannotLeaveAnAttribute() throws {
        var files = Self.files
        files["procedures/sneaky.md"] = """
            ---
            id: PROC-002
            type: procedure
            title: 'Sneaky"\u{301} onmouseover=alert(1) x="\u{301}'
            owner: ROLE-OWNER
            status: draft
            related: [POL-001]
            ---
            Text.
            """
        let pages = try Self.render(files)
        let quoteAndAccent: [UInt8] = [UInt8(ascii: "\""), 0xCC, 0x81]
        for (path, text) in pages where path.hasSuffix(".html") {
            #expect(!Array(text.utf8).contains(quoteAndAccent), "a raw quote before an accent in \(path)")
        }
        // Listed in the policy's backlinks, inside a title="…" attribute and as text.
        #expect(try #require(pages["docs/pol-001.html"]).contains("Sneaky&quot;\u{301} onmouseover=alert(1)"))
    }

    @Test func escapingWorksOnBytes() {
        #expect(Array(HTML.escape("a\"\u{301}<b>&'c'").utf8) == Array("a&quot;\u{301}&lt;b&gt;&amp;&#39;c&#39;".utf8))
        #expect(HTML.escape("plain é ✓ 𝄞") == "plain é ✓ 𝄞")
        #expect(HTML.escape("") == "")
    }

    @Test func anAIsystemsChecklistShowsFiveDocumentsPerObligationAndLinksTheRest() throws {
        var files = Self.files
        for number in 1...7 {
            files["records/r\(number).md"] = """
                ---
                id: REC-\(number)
                type: record
                title: Deployer log \(number)
                owner: ROLE-OWNER
                status: approved
                date: 2026-10-01
                eu_ai_act: [Art.26]
                ---
                Kept.
                """
        }
        let page = try #require(try Self.render(files)["docs/ais-1.html"])
        // Citing Art.26 cites each of its paragraphs.
        let row = try #require(page.split(separator: "\n").first { $0.contains(">Art.26(12)</a>") })
        #expect(row.contains("docs/rec-5.html") && !row.contains("docs/rec-6.html"))
        #expect(row.contains("<a href=\"../frameworks/eu-ai-act/art.26(12).html\">and 2 more</a>"))
        let requirement = try #require(try Self.render(files)["frameworks/eu-ai-act/art.26(12).html"])
        #expect(requirement.contains("rec-7.html"), "the requirement's page lists them all")
    }

    @Test func everyPageCarriesTheSecurityPolicyAndNoInlineScriptOrStyle() throws {
        let pages = try Self.render()
        for (path, html) in pages where path.hasSuffix(".html") {
            #expect(html.contains("Content-Security-Policy"), "\(path)")
            #expect(!html.contains("<script>"), "inline script in \(path)")
            #expect(!html.contains(" style=\""), "style attribute in \(path)")
            #expect(!html.contains("<style"), "style element in \(path)")
            #expect(!html.contains("//cdn") && !html.contains("https://fonts"), "external resource in \(path)")
        }
    }

    @Test func theSidebarMarksTheCurrentPageAndListsNoDocuments() throws {
        let pages = try Self.render()
        func sidebar(_ path: String) throws -> String {
            let html = try #require(pages[path])
            let start = try #require(html.range(of: "<nav id=\"site.nav\""))
            let end = try #require(html[start.upperBound...].range(of: "</nav>"))
            return String(html[start.lowerBound..<end.upperBound])
        }
        #expect(try sidebar("risks.html").contains("<a href=\"risks.html\" aria-current=\"page\">"))
        #expect(try sidebar("types/policy.html").contains("<a href=\"../types/policy.html\" aria-current=\"page\">"))
        let onDocument = try sidebar("docs/pol-001.html")
        #expect(!onDocument.contains("aria-current"), "a document is not in the sidebar")
        #expect(
            onDocument.contains("<a href=\"../types/policy.html\" class=\"in-section\">"), "its type is highlighted")
        #expect(!onDocument.contains("docs/"), "the sidebar never lists documents")
    }

    @Test func renderingIsDeterministic() throws {
        let first = try Self.render()
        let second = try Self.render()
        #expect(first == second)
    }

    @Test func theSoAPageLinksFromTheRootAndTheCSVSitsNextToIt() throws {
        let pages = try Self.render()
        let soa = try #require(pages["soa.html"])
        #expect(soa.contains("href=\"docs/pol-001.html\""), "body links re-made for a root page")
        #expect(soa.contains("href=\"clauses/6.1.3.html\""))
        #expect(soa.contains("href=\"soa.csv\""))
        #expect(try #require(pages["soa.csv"]).contains("A.2.2,AI policy"))
    }

    @Test func printViewLinksInsideThePage() throws {
        let pages = try Self.render()
        let print = try #require(pages["print.html"])
        #expect(print.contains("id=\"doc-pol-001\""))
        #expect(print.contains("href=\"#proc-001--steps\""), "a link to a heading of another document")
        #expect(print.contains("id=\"pol-001--purpose-1\""), "heading ids prefixed per document")
        #expect(print.contains("href=\"#doc-risk-001\""), "a link by file path")
    }

    @Test func aLinkToAFileThatBecameNoDocumentRendersAsAnUnresolvedOne() throws {
        var files = Self.files
        files["roles/broken.md"] = "---\nid: ROLE-BROKEN\ntype: role\ntitle: A\ntitle: B\n---\n# Duties\n"
        files["notes.md"] = """
            ---
            id: REC-009
            type: record
            title: Notes
            status: draft
            ---
            [By id](ROLE-BROKEN#duties), [[ROLE-BROKEN|by wiki link]], [by path](roles/broken.md) and [unknown](NOPE-1).
            """
        let pages = try Self.render(files)
        let page = try #require(pages["docs/rec-009.html"])
        for text in ["By id", "by wiki link", "by path", "unknown"] {
            #expect(
                page.contains("<a href=\"#broken-reference\">\(text)</a>"),
                "\(text) links nowhere, marked as an unresolved link is")
        }
        let print = try #require(pages["print.html"])
        #expect(print.contains("By id, by wiki link, by path and unknown."), "the print view keeps only the text")
    }

    @Test func aMissingPartialFailsNamingTheTemplate() throws {
        #expect {
            _ = try Self.render(overrides: [
                "document.mustache": "{{<layout}}{{$content}}{{>metadata-pannel}}{{/content}}{{/layout}}"
            ])
        } throws: { error in
            guard let error = error as? ThemeError else { return false }
            return error.file.contains("templates/document.mustache") && error.message.contains("metadata-pannel")
                && error.line == 1
        }
    }

    @Test func aMissingParentTemplateAndAMissingPageTemplateFail() throws {
        #expect(throws: ThemeError.self) { _ = try Theme.load(overrides: ["home.mustache": "{{<base}}{{/base}}"]) }
        var files = EmbeddedResources.templates
        files["clause.mustache"] = nil
        #expect {
            _ = try Theme(files: files)
        } throws: { error in
            (error as? ThemeError)?.file == "templates/clause.mustache"
        }
    }

    @Test func aTemplateThatDoesNotParseFailsWithItsPosition() throws {
        #expect {
            _ = try Theme.load(overrides: ["404.mustache": "<p>\n{{#open}}never closed\n"])
        } throws: { error in
            guard let error = error as? ThemeError else { return false }
            return error.file.contains("404.mustache") && error.line != nil
        }
        // Line numbers are the file's own (the theme adds a line above every template).
        #expect {
            _ = try Theme.load(overrides: ["404.mustache": "<p>\n<p>{{/never-opened}}\n"])
        } throws: { error in
            (error as? ThemeError)?.line == 2
        }
    }

    @Test func aBuildReportsABrokenOverrideItParsedWhileCheckingAndWritesNothing() throws {
        // `SiteBuild` parses the theme on another thread while the handbook is checked; its error
        // still stops the build, named as before, before anything is written.
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let templates = root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "<p>\n{{#open}}never closed\n".write(
            to: templates.appendingPathComponent("404.mustache"), atomically: false, encoding: .utf8)
        try FileManager.default.copyItem(
            at: Fixtures.repositoryRoot.appendingPathComponent("aimsbook.yml"),
            to: root.appendingPathComponent("aimsbook.yml"))
        let paths = HandbookPaths(root: root, content: Fixtures.repositoryRoot.appendingPathComponent("content"))
        #expect {
            _ = try SiteBuild.run(paths, asOf: Self.asOf, gitHistory: false)
        } throws: { error in
            guard let error = error as? ThemeError else { return false }
            return error.file == "templates/404.mustache (the handbook's override)" && error.line == 3
        }
        #expect(!FileManager.default.fileExists(atPath: paths.output.path))
    }

    @Test func anOverrideReplacesABuiltInFile() throws {
        let pages = try Self.render(overrides: [
            "404.mustache": "{{<layout}}{{$content}}<h1>Lost: {{siteTitle}}</h1>{{/content}}{{/layout}}"
        ])
        #expect(try #require(pages["404.html"]).contains("<h1>Lost: Test handbook</h1>"))
    }

    @Test func aPrintOverrideCanStillGoThroughTheContentsEntries() throws {
        // The built-in theme places each type's entries rendered and joined; the entries
        // themselves are made only for a template that goes through them.
        let pages = try Self.render(overrides: [
            "print.mustache":
                "{{<layout}}{{$content}}{{#contents}}<h2>{{typePlural}} ({{count(entries)}})</h2>"
                + "{{#entries}}<p id=\"{{anchor}}\">{{id}}: {{title}}</p>{{/entries}}{{/contents}}{{{documents}}}"
                + "{{/content}}{{/layout}}"
        ])
        let print = try #require(pages["print.html"])
        #expect(print.contains("<h2>Policies (1)</h2><p id=\"doc-pol-001\">POL-001: AI policy</p>"))
        #expect(print.contains("<article"), "the documents' sections are still placed")
    }

    @Test func theSearchIndexQuotesAsJSONValueDoes() {
        for text in [
            "plain", "a \"quote\" and \\ backslash", "</script><!--", "tab\tline\nend\r", "\u{01}\u{1F}", "é ✓ 𝄞",
            "line\u{2028}para\u{2029}", "&amp;", "\u{2027} € ‰ \u{E2}", "\u{2028}", "",
        ] {
            var bytes: [UInt8] = []
            SearchIndex.appendQuoted(text, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == JSONValue.quote(text), "\(text)")
        }
    }

    @Test func partialReferencesAreFoundWithTheirPositions() {
        let references = Theme.partialReferences(in: "a\n  {{> badge }} {{<layout}}{{>*dynamic}}")
        #expect(references.map(\.name) == ["badge", "layout"])
        #expect(references.first?.line == 2 && references.first?.column == 3)
        let windows = Theme.partialReferences(in: "a\r\n\r\n x{{>pager}}\r\n")
        #expect(windows.map { [$0.line, $0.column] } == [[3, 3]], "Windows line endings count as lines")
        #expect(Theme.lines(of: "\none\n\ntwo") == ["", "one", "", "two"])
    }

    @Test func aPageLinksUpAsManyFoldersAsItIsDeep() {
        #expect(SitePaths.relative(from: "index.html", to: "docs/a.html") == "docs/a.html")
        #expect(SitePaths.relative(from: "docs/a.html", to: "index.html") == "../index.html")
        #expect(SitePaths.relative(from: "frameworks/eu-ai-act/art.9.html", to: "") == "../../")
        #expect(SitePaths.depth(of: "a//b/c.html") == 2, "empty segments do not count")
    }

    @Test func thePrintShellIsCutAtEachMarkerOnly() {
        func split(_ text: String) -> [String] {
            PrintView.splitting(Array(text.utf8), by: Array("<!--m-->".utf8)).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        #expect(split("<p>a</p><!--m--><p>b</p>") == ["<p>a</p>", "<p>b</p>"])
        #expect(split("<!--m-->x<!--m-->") == ["", "x", ""])
        #expect(split("<!--m--><!--m-->") == ["", "", ""])
        #expect(split("<!--x--> !--m--> <!--m") == ["<!--x--> !--m--> <!--m"], "no marker without its '<'")
        #expect(split("") == [""])
        #expect(split("é<!--m-->ü") == ["é", "ü"])
    }
}

/// Just enough HTML scanning for link checks in tests.
enum HTMLScan {
    /// Relative links that lead to no generated file, anchors naming no id, and duplicate ids.
    static func brokenLinks(in pages: [String: String]) -> [String] {
        var problems: [String] = []
        var idsByPage: [String: [String]] = [:]
        for (path, html) in pages where path.hasSuffix(".html") {
            let ids = attributes("id", in: html)
            idsByPage[path] = ids
            let duplicates = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys
            if !duplicates.isEmpty { problems.append("\(path): duplicate ids \(duplicates.sorted())") }
        }
        for (path, html) in pages.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".html") {
            for link in attributes("href", in: html) + attributes("src", in: html) {
                if link.hasPrefix("http:") || link.hasPrefix("https:") || link.hasPrefix("mailto:") { continue }
                // A data: URL (the empty icon) holds its content; it names no file.
                if link.hasPrefix("data:") { continue }
                let parts = unescape(link).split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(
                    String.init)
                let target = parts[0].isEmpty ? path : resolve(parts[0], from: path)
                guard let target, pages[target] != nil else {
                    problems.append("\(path): \(link) leads to no file")
                    continue
                }
                if parts.count == 2, target.hasSuffix(".html"), !(idsByPage[target] ?? []).contains(parts[1]) {
                    problems.append("\(path): \(link) names no id in \(target)")
                }
            }
        }
        return problems
    }

    static func attributes(_ name: String, in html: String) -> [String] {
        var values: [String] = []
        let marker = " \(name)=\""
        var rest = html[...]
        while let start = rest.range(of: marker) {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            values.append(String(after[..<end]))
            rest = after[after.index(after: end)...]
        }
        return values
    }

    static func unescape(_ text: String) -> String {
        text.replacingAll("&quot;", with: "\"").replacingAll("&#39;", with: "'").replacingAll("&lt;", with: "<")
            .replacingAll("&gt;", with: ">").replacingAll("&amp;", with: "&")
    }

    /// A relative link from a page to a site path (percent-decoded), nil if it climbs out of the site.
    static func resolve(_ link: String, from page: String) -> String? {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        let pathOnly = link.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        for segment in pathOnly.split(separator: "/", omittingEmptySubsequences: false) {
            switch segment {
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            case ".", "": continue
            // A browser asks for the name the escapes stand for (`%20` a space).
            default: parts.append(segment.removingPercentEncoding ?? String(segment))
            }
        }
        return parts.joined(separator: "/")
    }
}

@Suite struct BodiesAsWrittenTests {
    @Test func aPageWhoseBodyStartsWithItsTitleShowsItOnce() throws {
        var files = RenderTests.files
        let policy = try #require(files.keys.first { files[$0]!.contains("id: POL-001") })
        let split = try FrontMatterSplitter.split(files[policy]!, file: "").get()
        files[policy] = "---\n\(split.yaml)\n---\n# AI policy\n\n## Purpose\n\nText.\n\n## Scope\n\nMore.\n"
        let pages = try RenderTests.render(files)
        let page = try #require(pages["docs/pol-001.html"])
        let main = try #require(page.components(separatedBy: "<main").last)
        #expect(main.components(separatedBy: "AI policy\n</h").count == 1, "no second heading of the title")
        #expect(!main.contains("<h2 class=\"toc-title\">On this page</h2>\n<ul>\n<li><a href=\"#ai-policy\""))
        #expect(main.contains("<h2 id=\"purpose\">Purpose</h2>"))
        let print = try #require(pages["print.html"])
        #expect(!print.contains("AI policy\n</h"), "the title once in the print view")
    }
}

@Suite struct FaviconTests {
    @Test func everyPageDeclaresAnIconSoBrowsersAskForNoFaviconFile() throws {
        let pages = try RenderTests.render()
        for path in ["index.html", "docs/pol-001.html", "404.html", "print.html", "soa.html"] {
            #expect(pages[path]?.contains("<link rel=\"icon\" href=\"data:,\">") == true, "\(path)")
        }
    }
}

@Suite struct PrintedRegisterTests {
    @Test func theRegistersSortArrowsAreNotPrinted() throws {
        let css = try #require(try RenderTests.render()["assets/style.css"])
        let print = try #require(css.components(separatedBy: "@media print {").last)
        #expect(print.contains(".sort-button::after, th[aria-sort] .sort-button::after { content: none; }"))
    }
}
