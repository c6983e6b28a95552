import Testing

@testable import AimsbookKit

@Suite struct MarkdownTests {
    @Test func slugsFollowGitHub() {
        #expect(HeadingSlugger.slug("4. Risk criteria & scales") == "4-risk-criteria--scales")
        #expect(HeadingSlugger.slug("Überblick: Ziele") == "überblick-ziele")
        var slugger = HeadingSlugger()
        #expect(
            ["Purpose", "Purpose", "Purpose", "Purpose-1"].map { slugger.next($0) } == [
                "purpose", "purpose-1", "purpose-2", "purpose-1-1",
            ])
    }

    @Test func collectsHeadingsWithIDsInTheHTML() {
        let document = MarkdownParser.parse("# Purpose\n\n## Roles & duties\n", firstLine: 7, file: "f.md")
        #expect(document.headings.map(\.slug) == ["purpose", "roles--duties"])
        #expect(document.headings.map(\.location.line) == [7, 9])
        #expect(document.html.contains("<h1 id=\"purpose\">"))
        #expect(document.html.contains("<h2 id=\"roles--duties\">"))
    }

    @Test func findsLinksAtTheirFilePositions() {
        let body =
            "Intro\n\nSee [the policy](POL-001) and ![chart](img/chart.png), then [[6.1.2]] and [[PROC-1|steps]].\n"
        let document = MarkdownParser.parse(body, firstLine: 10, file: "f.md")
        #expect(document.links.map(\.kind) == [.link, .image, .wiki, .wiki])
        #expect(document.links.map(\.destination) == ["POL-001", "img/chart.png", "6.1.2", "PROC-1"])
        #expect(document.links.map(\.location.line) == [12, 12, 12, 12])
        #expect(document.links.map(\.location.column) == [5, 31, 61, 75])
    }

    @Test func countsColumnsInUnicodeScalars() {
        let document = MarkdownParser.parse("Größe → [x](A)\n", firstLine: 1, file: "f.md")
        #expect(document.links.first?.location.column == 9)
    }

    @Test func aWikiLinkDoesNotSpanALineBreakHiddenBeforeACombiningMark() {
        let pieces = WikiLinkScanner.scan("[[POL-001\n\u{301}x]]")
        #expect(!pieces.contains { if case .link = $0 { true } else { false } })
    }

    @Test func ignoresWikiSyntaxInCode() {
        let document = MarkdownParser.parse("`[[POL-001]]`\n\n    [[POL-002]]\n", firstLine: 1, file: "f.md")
        #expect(document.links.isEmpty)
    }

    @Test func rewritesAndDropsLinks() {
        let document = MarkdownParser.parse(
            "[a](POL-001) [b](javascript:alert(1)) [[A.2.2|policy]]", firstLine: 1, file: "f.md"
        ) { link in
            link.destination.hasPrefix("javascript:") ? nil : "page-\(link.destination).html"
        }
        #expect(document.html.contains("<a href=\"page-POL-001.html\">a</a>"))
        #expect(document.html.contains("<a href=\"page-A.2.2.html\">policy</a>"))
        #expect(!document.html.contains("javascript"))
        #expect(document.html.contains(" b "))
    }

    @Test func omitsRawHTMLUnlessAllowed() {
        let body = "Text <b>bold</b>\n\n<script>alert(1)</script>\n"
        let safe = MarkdownParser.parse(body, firstLine: 1, file: "f.md")
        #expect(safe.rawHTML.count == 3)
        #expect(!safe.html.contains("<script>"))
        #expect(!safe.html.contains("<b>"))
        let allowed = MarkdownParser.parse(body, firstLine: 1, file: "f.md", options: .init(allowRawHTML: true))
        #expect(allowed.rawHTML.isEmpty)
        #expect(allowed.html.contains("<b>bold</b>"))
        #expect(!allowed.html.contains("<script>"), "the tag filter disarms script even when raw HTML is allowed")
    }

    @Test func rendersGitHubExtensions() {
        let body = "| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done\n- [ ] open\n\nwww.example.org\n"
        let html = MarkdownParser.parse(body, firstLine: 1, file: "f.md").html
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>2</del>"))
        #expect(html.contains("type=\"checkbox\""))
        #expect(html.contains("href=\"http://www.example.org\""))
    }

    @Test func headingLevelsShiftUnderThePageButKeepTheirWrittenLevel() {
        let options = MarkdownParser.Options(headingLevelOffset: 1)
        let document = MarkdownParser.parse("# A\n\n###### F\n\n`<h1>`\n", firstLine: 1, file: "f.md", options: options)
        #expect(document.headings.map(\.level) == [1, 6])
        #expect(document.html.contains("<h2 id=\"a\">"))
        #expect(document.html.contains("<h6 id=\"f\">"))
        #expect(document.html.contains("<code>&lt;h1&gt;</code>"))
    }

    @Test func taskListCheckboxesHaveAnAccessibleName() {
        let html = MarkdownParser.parse("- [x] done\n- [ ] open\n- plain\n", firstLine: 1, file: "f.md").html
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" /> done"))
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" /> open"))
        #expect(html.components(separatedBy: "<input").count == 3)
    }
}
