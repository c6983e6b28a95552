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

    /// The slugger keeps a short list of slugs and moves them into a dictionary past 32; the
    /// slugs must be those of the rule with one dictionary throughout, before and after the move.
    @Test func longBodiesGetTheSameUniqueSlugs() {
        var seen: [String: Int] = [:]
        func reference(_ text: String) -> String {
            let base = HeadingSlugger.slug(text)
            var slug = base.isEmpty ? "section" : base
            if let count = seen[slug] {
                var counter = count
                var candidate: String
                repeat {
                    counter += 1
                    candidate = "\(slug)-\(counter)"
                } while seen[candidate] != nil
                seen[slug] = counter
                slug = candidate
            }
            seen[slug] = 0
            return slug
        }
        let texts = (0..<120).map { index in
            ["Purpose", "Purpose-\(index % 3)", "Scope \(index % 7)", "", "Step \(index)", "purpose-1"][index % 6]
        }
        var slugger = HeadingSlugger()
        #expect(texts.map { slugger.next($0) } == texts.map(reference))
    }

    @Test func searchTextHasTheWordsWithoutMarkup() {
        let body = """
            # Risk *criteria*

            Scores run from 1 to 5,
            see [the policy](POL-001) and ![a chart](c.png).[^1]

            - first item
            - second `item`

            1. one
            2. two

            | Level | Meaning |
            | --- | --- |
            | 1 | rare |

            ```
            code line
            ```

            <div>raw</div>

            [^1]: A footnote.

            """
        let document = MarkdownParser.parse(body, firstLine: 1, file: "f.md")
        #expect(
            RenderText.collapsingWhitespace(document.plainText)
                == "Risk criteria Scores run from 1 to 5, see the policy and a chart. first item second item one two "
                + "Level Meaning 1 rare code line A footnote.")
    }

    @Test func collectsHeadingsWithIDsInTheHTML() {
        let document = MarkdownParser.parse("# Purpose\n\n## Roles & duties\n", firstLine: 7, file: "f.md")
        #expect(document.headings.map(\.slug) == ["purpose", "roles--duties"])
        #expect(document.headings.map(\.location.line) == [7, 9])
        #expect(document.html.contains("<h1 id=\"purpose\">"))
        #expect(document.html.contains("<h2 id=\"roles--duties\">"))
    }

    /// A heading is one line, its text right between its tags, as cmark-gfm writes it: on the
    /// page and, its tags rewritten, in the print view.
    @Test func headingsAreWrittenOnOneLineAsCmarkGFMWritesThem() {
        let print = MarkdownParser.PrintRendering(headingIDPrefix: "p-", headingLevelOffset: 2) { _, reference in
            reference.destination
        }
        let document = MarkdownParser.parse(
            "Intro\n\n## Roles & *duties*\nText\n", firstLine: 1, file: "f.md",
            options: .init(headingLevelOffset: 1), print: print)
        #expect(
            document.html == "<p>Intro</p>\n<h2 id=\"roles--duties\">Roles &amp; <em>duties</em></h2>\n<p>Text</p>\n")
        #expect(
            document.printHTML?.contains("<h3 id=\"p-roles--duties\">Roles &amp; <em>duties</em></h3>\n<p>") == true)
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
        let body = "Text <b>bold</b> <span style=\"x\">s</span>\n\n<script>alert(1)</script>\n"
        let safe = MarkdownParser.parse(body, firstLine: 1, file: "f.md")
        #expect(safe.rawHTML.count == 3)
        #expect(!safe.html.contains("<script>"))
        #expect(!safe.html.contains("<span"))
        #expect(safe.html.contains("<b>bold</b>"), "on the allow-list")
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

    /// cmark-gfm keeps the characters that start an extension's inlines (`~`, and `:` and `w`
    /// for autolinks) in one table for the whole process, and each parse cleared them when it
    /// finished, under the feet of parses on other threads: now and then a body lost its
    /// strikethrough or its autolinks. Many bodies at once, all on every core, must each keep both;
    /// and bodies parsed without either extension, beside those with one, must come out as they
    /// do parsed alone.
    @Test func bodiesParsedSideBySideEachKeepTheirStrikethroughAndAutolinks() {
        // Every other body has a strikethrough, every third an autolink; the others are parsed
        // without the extension, at the same time as those with it.
        let bodies = (0..<3000).map { index in
            "Line \(index) \(index % 2 == 0 ? "~~gone~~" : "kept") and "
                + (index % 3 == 0 ? "www.example.org/\(index)" : "w: [[POL-\(index)]] w") + " and *kept*.\n"
        }
        let alone = bodies.map { MarkdownParser.parse($0, firstLine: 1, file: "f.md").html }
        let pages = bodies.concurrentMap { MarkdownParser.parse($0, firstLine: 1, file: "f.md").html }
        let broken = pages.indices.filter { index in
            pages[index] != alone[index] || pages[index].contains("<del>gone</del>") != (index % 2 == 0)
                || pages[index].contains("~")
                || pages[index].contains("href=\"http://www.example.org/\(index)\"") != (index % 3 == 0)
                || !pages[index].contains("<em>kept</em>")
        }
        #expect(broken.isEmpty, "\(broken.count) of \(pages.count) bodies lost an extension's inline")
    }

    /// A body with nothing an autolink starts from is parsed without the autolink extension (its
    /// `w` and `:` cost most of a parse). The same body parsed with it must come out the same:
    /// each body below is parsed alone, and again followed by a paragraph with a `www.` link,
    /// which brings the extension in; its part of the page, its headings and its links (with
    /// their positions) must not change.
    @Test func bodiesWithoutAutolinksParseTheSameWithoutTheExtension() {
        let bodies = [
            "## Wow: what we want\n\nWe write w: w:w ww. w:/ and [[POL-001]] with `w:` code.\n",
            "Words with w at line end w   \nnext line w\\\nhard break, *w*: _w_ **w:w**\n",
            "See [the w: policy](POL-001#why-w) and [[RISK-001|w: the risk]] or [[w]].\n\n[w]: POL-002\n\n[w] again\n",
            "| w | what: |\n| --- | --- |\n| w:1 | [[POL-001]] w |\n\n- [x] w done: yes\n- [ ] w open\n",
            "Text with a note.[^w]\n\n[^w]: The note, w: written.\n\n> quoted w:\n> > nested ww\n",
            "&amp;w: &lt;w&gt; &copy; w&nbsp;w <span>w:</span>\n\n    indented w: code\n\n```\nfenced w:\n```\n",
            "Setext w:\n===\n\n# ATX w\n\nnowww and w.w.w\n",
        ]
        let autolinking = "\n\nwww.example.org\n"
        for body in bodies {
            let plain = MarkdownParser.parse(body, firstLine: 3, file: "f.md")
            let linked = MarkdownParser.parse(body + autolinking, firstLine: 3, file: "f.md")
            let paragraph = "<p><a href=\"http://www.example.org\">www.example.org</a></p>\n"
            #expect(linked.html.contains(paragraph), "the extension was attached")
            #expect(linked.html.replacingOccurrences(of: paragraph, with: "") == plain.html, "\(body)")
            #expect(plain.headings == linked.headings, "\(body)")
            #expect(plain.links == Array(linked.links.prefix(plain.links.count)), "\(body)")
            #expect(linked.plainText.replacingOccurrences(of: "www.example.org ", with: "") == plain.plainText)
        }
    }

    @Test func autolinksAreLookedForWhereverTheExtensionCouldFindOne() {
        func mayHold(_ body: String) -> Bool {
            var body = body
            return body.withUTF8 { MarkdownExtensions.mayHoldAutolinks($0) }
        }
        for body in [
            "see www.x.org", "at https://x.org", "ftp://x", "mail a@b.org", "mail a&#64;b.org", "a&commat;b.org",
        ] {
            #expect(mayHold(body), "\(body)")
            let html = MarkdownParser.parse(body + "\n", firstLine: 1, file: "f.md").html
            #expect(html.contains("<a href="), "\(body) gives \(html)")
        }
        for body in ["", "w", "plain words: w, ww, w.w and WWW", "a & b", "x:/y"] {
            #expect(!mayHold(body), "\(body)")
        }
    }

    @Test func headingLevelsShiftUnderThePageButKeepTheirWrittenLevel() {
        let options = MarkdownParser.Options(headingLevelOffset: 1)
        let document = MarkdownParser.parse(
            "# A\n\n##### E\n\n###### F\n\n`<h1>`\n", firstLine: 1, file: "f.md", options: options)
        #expect(document.headings.map(\.level) == [1, 5, 6])
        #expect(document.html.contains("<h2 id=\"a\">"))
        #expect(document.html.contains("<h6 id=\"e\">"))
        // Six written levels under the page's h1 stay six: the sixth is an ARIA heading of level 7.
        #expect(
            document.html.contains("<div role=\"heading\" aria-level=\"7\" class=\"heading-7\" id=\"f\">F</div>"))
        #expect(document.html.contains("<code>&lt;h1&gt;</code>"))
    }

    @Test func bareAutolinksAreReportedWhereTheyAreWritten() {
        let body = "See the notes, or\nthe mirror at ftp://files.example.org/x and www.example.org/y for more.\n"
        let links = MarkdownParser.parse(body, firstLine: 8, file: "f.md").links
        #expect(links.map { "\($0.location.line):\($0.location.column)" } == ["9:15", "9:45"])
    }

    @Test func aTableWithBreaksInItsCellsReadsAsWritten() {
        let body = "| Owner | Steps |\n| --- | --- |\n| CEO<br>CFO | one<br/>two<BR />three |\n"
        let document = MarkdownParser.parse(body, firstLine: 1, file: "f.md")
        #expect(document.rawHTML.isEmpty)
        #expect(document.html.contains("<td>CEO<br>CFO</td>"))
        #expect(document.html.contains("<td>one<br>two<br>three</td>"))
    }

    @Test func allowedTagsLoseTheirAttributesAndCommentsGoSilently() {
        let body = """
            E = mc<sup class="x" onclick="alert(1)">2</sup>, press <kbd>Ctrl</kbd>, <abbr title="Artificial intelligence" class="x">AI</abbr>

            <!-- a note for editors -->

            <details open>
            <summary onclick="x()">More</summary>

            Hidden *text*.

            </details>

            Inline <!-- aside --> comment. <img src="x" onerror="alert(1)">

            """
        let document = MarkdownParser.parse(body, firstLine: 1, file: "f.md")
        #expect(document.html.contains("mc<sup>2</sup>, press <kbd>Ctrl</kbd>"))
        #expect(document.html.contains("<abbr title=\"Artificial intelligence\">AI</abbr>"))
        #expect(document.html.contains("<details>\n<summary>More</summary>\n"))
        #expect(document.html.contains("</details>"))
        #expect(
            !document.html.contains("onclick") && !document.html.contains("<!--") && !document.html.contains("<img"))
        #expect(document.rawHTML.count == 1, "only the image is reported")
        #expect(document.rawHTML.first?.line == 12)
    }

    @Test func aBodyOfSectionsStartsRightUnderThePageTitle() {
        let options = MarkdownParser.Options(headingLevelOffset: 1)
        let html = MarkdownParser.parse("## B\n\n### C\n\n###### F\n", firstLine: 1, file: "f.md", options: options)
            .html
        #expect(html.contains("<h2 id=\"b\">") && html.contains("<h3 id=\"c\">") && html.contains("<h6 id=\"f\">"))
    }

    @Test(arguments: [
        "# AI Policy", "#  ai   policy ", "# POL-001 AI policy", "# POL-001: AI Policy", "# POL-001 – AI policy",
    ])
    func aFirstHeadingRepeatingTheTitleIsLeftOut(_ heading: String) {
        let options = MarkdownParser.Options(headingLevelOffset: 1, pageTitle: ("POL-001", "AI policy"))
        let document = MarkdownParser.parse(
            "\(heading)\n\nText.\n\n## Purpose\n", firstLine: 5, file: "f.md", options: options)
        #expect(document.headings.map(\.text) == ["Purpose"])
        #expect(!document.html.contains("<h1") && !document.html.lowercased().contains("policy"))
        #expect(document.html.contains("<h2 id=\"purpose\">Purpose</h2>"))
    }

    @Test(arguments: ["# AI policy scope", "Intro.\n\n# AI policy", "## AI policy"])
    func otherFirstHeadingsStay(_ body: String) {
        let options = MarkdownParser.Options(headingLevelOffset: 1, pageTitle: ("POL-001", "AI policy"))
        let document = MarkdownParser.parse(body + "\n", firstLine: 1, file: "f.md", options: options)
        #expect(document.headings.count == 1)
    }

    @Test func taskListCheckboxesHaveAnAccessibleName() {
        let html = MarkdownParser.parse("- [x] done\n- [ ] open\n- plain\n", firstLine: 1, file: "f.md").html
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" /> done"))
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" /> open"))
        #expect(html.components(separatedBy: "<input").count == 3)
    }

    /// A body with every kind of link the two renderings treat differently: kept on the page and
    /// dropped in print (`missing`), dropped on both (`javascript:`), a link inside a dropped
    /// image's description, wiki links in a heading, headings, a task list and raw HTML.
    static let printBody = """
        # Scope [[POL-1|policy]]

        See [a](POL-1) and [b](missing) and [c](javascript:alert(1)) and [[PROC-2#steps]].

        ![logo [inside](POL-1) text](missing) and ![ok](img.png)

        ## Steps

        - [x] done <b>bold</b>
        - [ ] open

        """

    static func pageURL(_ link: LinkReference) -> String? {
        link.destination.hasPrefix("javascript:") ? nil : link.destination == "missing" ? "#" : "p/\(link.destination)"
    }

    static func printURL(_ link: LinkReference) -> String? {
        ["missing"].contains(link.destination) || link.destination.hasPrefix("javascript:")
            ? nil : "#print-\(link.destination)"
    }

    @Test func thePrintRenderingOfTheSameTreeEqualsASeparateParse() {
        let pageOptions = MarkdownParser.Options(headingLevelOffset: 1)
        let printOptions = MarkdownParser.Options(headingIDPrefix: "doc--", headingLevelOffset: 2)
        let separatePage = MarkdownParser.parse(Self.printBody, firstLine: 1, file: "f.md", options: pageOptions) {
            Self.pageURL($0)
        }
        let separatePrint = MarkdownParser.parse(Self.printBody, firstLine: 1, file: "f.md", options: printOptions) {
            Self.printURL($0)
        }
        var positions: [Int] = []
        let both = MarkdownParser.parse(
            Self.printBody, firstLine: 1, file: "f.md", options: pageOptions, rewrite: { Self.pageURL($0) },
            print: .init(headingIDPrefix: "doc--", headingLevelOffset: 2) { position, link in
                positions.append(position)
                #expect(separatePage.links[position].destination == link.destination)
                return Self.printURL(link)
            })
        #expect(both.html == separatePage.html)
        #expect(both.plainText == separatePage.plainText)
        #expect(both.printHTML == separatePrint.html)
        #expect(both.printHTML?.contains("<h3 id=\"doc--scope-policy\">") == true)
        #expect(both.printHTML?.contains("href=\"#print-POL-1\"") == true)
        #expect(both.printHTML?.contains("missing") == false)
        #expect(Set(positions) == Set(both.links.indices))
    }

    @Test func aLinkOnlyThePrintViewKeepsMakesItParseTheBodyAgain() {
        // The page drops `x`, the print view keeps it: the page's tree no longer has its node.
        let body = "[x](drop-on-page) [y](Y)\n\n# H\n"
        let rewritePage: MarkdownParser.LinkRewriter = {
            $0.destination == "drop-on-page" ? nil : "p/\($0.destination)"
        }
        let rewritePrint: MarkdownParser.LinkRewriter = { "#\($0.destination)" }
        let both = MarkdownParser.parse(
            body, firstLine: 1, file: "f.md", rewrite: rewritePage,
            print: .init(headingIDPrefix: "d--", headingLevelOffset: 2) { rewritePrint($1) })
        let separate = MarkdownParser.parse(
            body, firstLine: 1, file: "f.md", options: .init(headingIDPrefix: "d--", headingLevelOffset: 2),
            rewrite: rewritePrint)
        #expect(both.printHTML == separate.html)
        #expect(both.printHTML?.contains("<a href=\"#drop-on-page\">x</a>") == true)
        #expect(!both.html.contains("drop-on-page"))
    }
}
