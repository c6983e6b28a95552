import Testing

@testable import AimsbookKit

/// The raw-HTML allow-list on what authors write inside allowed tags.
@Suite struct SafeHTMLTests {
    /// An `abbr` title is an attribute value as written: a character reference in it is one
    /// character on the page, not its source text (`&amp;amp;` showed "R&amp;D"), while `"`, `<`
    /// and a bare `&` are escaped.
    @Test func anAbbreviationsTitleKeepsItsCharacterReferences() {
        #expect(
            SafeHTML.verdict("<abbr title=\"R&amp;D &#38; Q&#x26;A\">RD</abbr>")
                == .safe("<abbr title=\"R&amp;D &#38; Q&#x26;A\">RD</abbr>"))
        #expect(
            SafeHTML.verdict("<abbr title='say \"hi\" & <go>'>x</abbr>")
                == .safe("<abbr title=\"say &quot;hi&quot; &amp; &lt;go&gt;\">x</abbr>"))
        let html = MarkdownParser.parse(
            "The <abbr title=\"Research &amp; development\">R&amp;D</abbr> team.\n", firstLine: 1, file: "f.md"
        ).html
        #expect(html == "<p>The <abbr title=\"Research &amp; development\">R&amp;D</abbr> team.</p>\n")
    }

    /// A `<` that starts no tag (`1 < 2`) is text in HTML: a disclosure block holding one is kept,
    /// the `<` escaped, instead of the whole block being left out and reported as raw HTML.
    @Test func aLessThanSignThatStartsNoTagIsText() {
        #expect(
            SafeHTML.verdict("<details>\nScores 1 < 2 <= 3\n</details>")
                == .safe("<details>\nScores 1 &lt; 2 &lt;= 3\n</details>"))
        let body = "<details>\n<summary>Scales</summary>\nA score of 1 < 2 is low.\n</details>\n"
        let document = MarkdownParser.parse(body, firstLine: 1, file: "f.md")
        #expect(document.rawHTML.isEmpty)
        #expect(document.html == "<details>\n<summary>Scales</summary>\nA score of 1 &lt; 2 is low.\n</details>\n")
        // What could start markup stays unsafe: a tag outside the list, a closing tag of none, a
        // declaration or processing instruction.
        for literal in [
            "<div>1 < 2</div>", "<details>a </ b></details>", "<details><!x></details>", "<details><?x?></details>",
        ] {
            #expect(SafeHTML.verdict(literal) == .unsafe, "\(literal)")
        }
    }
}
