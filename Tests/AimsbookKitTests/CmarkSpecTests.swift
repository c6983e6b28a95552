import CCmarkGFM
import Foundation
import Testing

@testable import AimsbookKit

/// The GitHub Flavored Markdown spec's examples (cmark-gfm 0.29.0.gfm.6's test/spec.txt, CC BY-SA
/// 4.0, see Fixtures/cmark-gfm-spec/ATTRIBUTION.md) put through aimsbook's Markdown stage as a
/// page body, and compared with cmark-gfm's own HTML for the same Markdown.
///
/// The reference is libcmark-gfm parsing the example with the extensions and options aimsbook
/// parses every body with (table, strikethrough, autolink, tagfilter, tasklist; footnotes; raw
/// HTML rendered), with the README's documented differences ("Differences from cmark-gfm") applied
/// to the nodes each one names, one rule per difference:
///
/// - links to pages: an external `http(s):`, `mailto:` or `tel:` URL (or `//host/…`) and an
///   in-page `#anchor` or `?query` are kept as written; any other target is a path or id of the
///   handbook, made the site page it names, or `#` when it names nothing (which `check` reports;
///   no example's target exists in this handbook);
/// - wiki links: `[[target]]` and `[[target|text]]` in text (outside links) are links to the
///   page `target` names, resolved as above;
/// - unsafe schemes: a link with any other scheme (`javascript:`, `irc:`, a made-up one) is
///   dropped and its text kept; an image becomes its description;
/// - heading ids and levels: every heading gets GitHub's slug of its text as `id`, and is shifted
///   so the body's highest heading is `<h2>` (the page's title is the `<h1>`), one level further
///   per level below, past `<h6>` as `<div role="heading" aria-level="7">`, the tags written where
///   cmark-gfm writes its `<hN>` and `</hN>`;
/// - the HTML allow-list: raw HTML is kept only as the allow-listed tags, bare; comments are
///   dropped; any other raw HTML is left out (and reported);
/// - task-list checkboxes carry an accessible name (`aria-label="Done"` / `"Not done"`).
///
/// The comparison is then exact: no normalisation of whitespace or attribute order. Each example
/// the rules change is counted under each rule that changed it; any other difference fails.
@Suite struct CmarkSpecTests {
    enum Difference: String, CaseIterable, Sendable {
        case linksToPages = "links to pages"
        case wikiLinks = "wiki links"
        case unsafeSchemes = "unsafe schemes"
        case headingIDs = "heading ids and levels"
        case htmlAllowList = "the HTML allow-list"
        case taskListLabels = "task-list checkbox labels"
    }

    static let examples: [SpecExample] = {
        guard let text = try? String(contentsOf: CmarkSpec.file, encoding: .utf8) else { return [] }
        return CmarkSpec.examples(in: text)
    }()

    static func id(_ example: SpecExample) -> String { "SPEC-\(example.number)" }
    static func contentPath(_ example: SpecExample) -> String { "spec/example-\(example.number).md" }

    /// Every example as a document of one handbook, its body the example's Markdown as written.
    static func handbook() -> Pipeline.Checked {
        var files = ["roles/a.md": "---\nid: ROLE-A\ntype: role\ntitle: A\nstatus: draft\n---\n"]
        for example in examples {
            files[contentPath(example)] =
                "---\nid: \(id(example))\ntype: policy\ntitle: Spec example \(example.number)\nowner: ROLE-A\n"
                + "status: draft\n---\n" + example.markdown
        }
        return Pipeline.check(Fixtures.source(files), asOf: Fixtures.asOf)
    }

    static let cmarkOptions = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES

    /// The URL a link's destination gets in a handbook where it names no document or file (none
    /// of the spec's examples does), or nil when the link is dropped for an unsafe scheme. The
    /// rule as the README states it, written apart from the link resolver that implements it.
    static func linkURL(_ destination: String) -> String? {
        let schemeCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")
        if let colon = destination.firstIndex(of: ":"), let first = destination.first, first.isASCII, first.isLetter,
            destination[..<colon].allSatisfy(schemeCharacters.contains)
        {
            let scheme = destination[..<colon].lowercased()
            return ["http", "https", "mailto", "tel"].contains(scheme) ? destination : nil
        }
        // Another site's (`//host/…`), or a place in this page (`#anchor`, `?query`).
        if destination.hasPrefix("//") || destination.hasPrefix("#") || destination.hasPrefix("?") {
            return destination
        }
        // A page or file of the handbook: here it names none, which `check` reports and the
        // page marks as a broken reference.
        return "#broken-reference"
    }

    /// cmark-gfm's HTML for the example with the documented differences applied, and which of
    /// them changed anything.
    static func expected(_ example: SpecExample) -> (html: String, differences: Set<Difference>) {
        let rendered = CmarkSpec.render(example.markdown, extensions: MarkdownExtensions.names, options: cmarkOptions) {
            root in
            var differences: Set<Difference> = []
            var unlinked: [OpaquePointer] = []
            let url = linkURL
            // One text node per run of text, as the Markdown stage reads them (no change to the HTML).
            cmark_consolidate_text_nodes(root)
            let links = CmarkSpec.nodes(in: root, ofTypes: [CMARK_NODE_LINK.rawValue, CMARK_NODE_IMAGE.rawValue])
            // Wiki links, in text outside links and images.
            for node in CmarkSpec.nodes(in: root, ofTypes: [CMARK_NODE_TEXT.rawValue]) {
                var parent = cmark_node_parent(node)
                var inLink = false
                while let current = parent {
                    let type = cmark_node_get_type(current)
                    if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { inLink = true }
                    parent = cmark_node_parent(current)
                }
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                let pieces = WikiLinkScanner.scan(literal)
                guard !inLink, pieces.contains(where: { if case .link = $0 { true } else { false } }) else { continue }
                differences.insert(.wikiLinks)
                for piece in pieces {
                    let inserted: OpaquePointer
                    switch piece {
                    case .text(let text):
                        inserted = cmark_node_new(CMARK_NODE_TEXT)!
                        cmark_node_set_literal(inserted, text)
                    case .link(let target, let label, _):
                        let text = cmark_node_new(CMARK_NODE_TEXT)!
                        cmark_node_set_literal(text, label ?? target)
                        guard let url = url(target) else {
                            // An unsafe scheme: the text alone, as for any link.
                            differences.insert(.unsafeSchemes)
                            inserted = text
                            break
                        }
                        inserted = cmark_node_new(CMARK_NODE_LINK)!
                        cmark_node_set_url(inserted, url)
                        cmark_node_append_child(inserted, text)
                    }
                    cmark_node_insert_before(node, inserted)
                }
                cmark_node_unlink(node)
                unlinked.append(node)
            }
            // Links to pages; unsafe schemes.
            for node in links {
                let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if let url = url(destination) {
                    if url != destination {
                        differences.insert(.linksToPages)
                        cmark_node_set_url(node, url)
                    }
                    continue
                }
                differences.insert(.unsafeSchemes)
                if isImage {
                    let text = cmark_node_new(CMARK_NODE_TEXT)!
                    cmark_node_set_literal(text, TreeEditor.plainText(of: node))
                    cmark_node_insert_before(node, text)
                } else {
                    while let child = cmark_node_first_child(node) { cmark_node_insert_before(node, child) }
                }
                cmark_node_unlink(node)
                unlinked.append(node)
            }
            // The HTML allow-list.
            for node in CmarkSpec.nodes(
                in: root, ofTypes: [CMARK_NODE_HTML_BLOCK.rawValue, CMARK_NODE_HTML_INLINE.rawValue])
            {
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                if case .safe(let html) = SafeHTML.verdict(literal) {
                    if html != literal {
                        differences.insert(.htmlAllowList)
                        cmark_node_set_literal(node, html)
                    }
                    continue
                }
                differences.insert(.htmlAllowList)
                cmark_node_unlink(node)
                unlinked.append(node)
            }
            // Heading ids and levels.
            let headings = CmarkSpec.nodes(in: root, ofTypes: [CMARK_NODE_HEADING.rawValue])
            let highest = headings.map { Int(cmark_node_get_heading_level($0)) }.min() ?? 1
            var slugger = HeadingSlugger()
            let headingTags = headings.map { node in
                differences.insert(.headingIDs)
                let slug = slugger.next(TreeEditor.plainText(of: node))
                let shown = Int(cmark_node_get_heading_level(node)) + 1 - highest + 1
                return shown <= 6
                    ? (open: "<h\(shown) id=\"\(slug)\">", close: "</h\(shown)>")
                    : (
                        open:
                            "<div role=\"heading\" aria-level=\"\(shown)\" class=\"heading-\(shown)\" id=\"\(slug)\">",
                        close: "</div>"
                    )
            }
            let taskList = cmark_find_syntax_extension("tasklist")
            if CmarkSpec.nodes(in: root, ofTypes: [CMARK_NODE_ITEM.rawValue]).contains(where: {
                cmark_node_get_syntax_extension($0) == taskList
            }) {
                differences.insert(.taskListLabels)
            }
            for node in unlinked { cmark_node_free(node) }
            return (differences, headingTags)
        }
        // Heading ids and levels: cmark-gfm's `<hN>` and `</hN>` in turn (no other tag of the page
        // is one: raw `<h1>` is not on the allow-list).
        var html = ""
        var opened = 0
        var closed = 0
        var rest = rendered.html[...]
        while let tag = rest.firstMatch(of: /<(\/?)h[1-6]>/) {
            html += rest[..<tag.range.lowerBound]
            let tags = rendered.edited.1
            if tag.output.1.isEmpty {
                html += opened < tags.count ? tags[opened].open : String(tag.output.0)
                opened += 1
            } else {
                html += closed < tags.count ? tags[closed].close : String(tag.output.0)
                closed += 1
            }
            rest = rest[tag.range.upperBound...]
        }
        html += rest
        // Task-list checkboxes: cmark-gfm's two forms, with their accessible names.
        html =
            html
            .replacingOccurrences(
                of: "<input type=\"checkbox\" disabled=\"\" /> ",
                with: "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" /> "
            )
            .replacingOccurrences(
                of: "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> ",
                with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" /> ")
        return (html, rendered.edited.0)
    }

    @Test func examplesRenderAsCmarkGFMDoesExceptForTheDocumentedDifferences() throws {
        #expect(Self.examples.count == 673, "spec.txt should hold cmark-gfm 0.29.0.gfm.6's 673 examples")
        let checked = Self.handbook()
        var identical = 0
        var counts: [Difference: Int] = [:]
        var unexplained: [String] = []
        // Examples whose HTML in the spec differs from cmark-gfm's with every extension on (the
        // spec turns on only the extension an example shows): compared with the latter.
        var extensionsOn = 0
        let reader = HandbookReader(SharedHandbook(checked.handbook), log: nil)
        for example in Self.examples {
            let document = try #require(checked.handbook.document(Self.id(example)))
            let expected = Self.expected(example)
            if CmarkSpec.render(example.markdown, extensions: MarkdownExtensions.names, options: Self.cmarkOptions)
                != example.html
            {
                extensionsOn += 1
            }
            // A page at another depth (the SoA page at the root) parses the body again: the same
            // HTML, no example's link leading to a page of the handbook.
            #expect(
                BodyHTML.html(of: document, forPage: SitePaths.soa, handbook: reader) == document.body.html,
                "example \(example.number) on the SoA page")
            guard document.body.html == expected.html else {
                unexplained.append(
                    "example \(example.number) (spec.txt line \(example.line), \(example.section)):\n"
                        + "\(example.markdown)--- expected:\n\(expected.html)--- aimsbook:\n\(document.body.html)")
                continue
            }
            if expected.differences.isEmpty { identical += 1 }
            for difference in expected.differences { counts[difference, default: 0] += 1 }
        }
        let summary =
            "\(Self.examples.count) examples: \(identical) identical, "
            + Difference.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
            + ", \(unexplained.count) unexplained (\(extensionsOn) with cmark-gfm's HTML for every extension on,"
            + " not the spec's for one)"
        print("cmark-gfm spec: " + summary)
        if let dump = ProcessInfo.processInfo.environment["AIMSBOOK_SPEC_DUMP"] {
            try (unexplained.joined(separator: "\n=====\n")).write(toFile: dump, atomically: true, encoding: .utf8)
        }
        #expect(unexplained.isEmpty, "\(summary)\n\n\(unexplained.prefix(10).joined(separator: "\n=====\n"))")
    }
}

extension CmarkSpecTests {
    /// The reference is right: libcmark-gfm, given each example's own extensions as cmark-gfm's
    /// spec_tests.py gives them, renders the spec's HTML, so the examples are read as written
    /// (tabs included) and the spec matches the installed library.
    @Test func theInstalledCmarkGFMRendersTheSpecsHTML() {
        var mismatches: [String] = []
        for example in Self.examples where !example.extensions.contains("disabled") {
            let html = CmarkSpec.render(example.markdown, extensions: example.extensions, options: CMARK_OPT_UNSAFE)
            if html != example.html { mismatches.append("\(example.number):\n\(example.html)---\n\(html)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ:\n\(mismatches.joined(separator: "\n=====\n"))")
    }
}
