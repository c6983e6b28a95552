import CCmarkGFM
import Foundation

@testable import AimsbookKit

/// One example of the GitHub Flavored Markdown spec (Fixtures/cmark-gfm-spec/spec.txt).
struct SpecExample: Sendable {
    /// 1-based, in the order of the file, as cmark-gfm's spec_tests.py counts them.
    var number: Int
    /// The line of spec.txt where the example's fence opens.
    var line: Int
    var section: String
    /// The words after `example` on the fence: the extensions the spec renders it with
    /// (`table`, `autolink`, …), or `disabled`.
    var extensions: [String]
    var markdown: String
    var html: String
}

/// Reads the spec's examples and renders them with cmark-gfm itself, for `CmarkSpecTests`.
enum CmarkSpec {
    static let file = Fixtures.directory.appendingPathComponent("cmark-gfm-spec/spec.txt")

    /// The examples, read as cmark-gfm's test/spec_tests.py reads them: a fence of 32 backticks
    /// and `example`, the Markdown, a line `.`, the HTML, a closing fence; `→` stands for a tab.
    static func examples(in text: String) -> [SpecExample] {
        let fence = String(repeating: "`", count: 32)
        var examples: [SpecExample] = []
        var state = 0  // 0 prose, 1 Markdown, 2 HTML
        var extensions: [String] = []
        var markdown = ""
        var html = ""
        var section = ""
        var start = 0
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(fence + " example") {
                state = 1
                extensions = trimmed.dropFirst(fence.count + " example".count).split(separator: " ").map(String.init)
                start = lineNumber
            } else if trimmed == fence {
                state = 0
                examples.append(
                    SpecExample(
                        number: examples.count + 1, line: start, section: section, extensions: extensions,
                        markdown: markdown.replacingOccurrences(of: "→", with: "\t"),
                        html: html.replacingOccurrences(of: "→", with: "\t")))
                markdown = ""
                html = ""
            } else if trimmed == "." && state == 1 {
                state = 2
            } else if state == 1 {
                markdown += line + "\n"
            } else if state == 2 {
                html += line + "\n"
            } else if line.hasPrefix("#"), let space = line.firstIndex(of: " "),
                line[..<space].allSatisfy({ $0 == "#" })
            {
                section = line[line.index(after: space)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return examples
    }

    /// cmark-gfm's HTML for `markdown` with the given extensions and options, its tree first
    /// edited by `edit`, which also returns what it did.
    static func render<Edited>(
        _ markdown: String, extensions names: [String], options: Int32, edit: (OpaquePointer) -> Edited
    ) -> (html: String, edited: Edited) {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(options)!
        defer { cmark_parser_free(parser) }
        for name in names {
            guard let syntaxExtension = cmark_find_syntax_extension(name) else { continue }
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        let root = cmark_parser_finish(parser)!
        defer { cmark_node_free(root) }
        let edited = edit(root)
        let html = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser))!
        defer { free(html) }
        return (String(cString: html), edited)
    }

    /// cmark-gfm's HTML for `markdown`, as cmark-gfm renders it.
    static func render(_ markdown: String, extensions: [String], options: Int32) -> String {
        render(markdown, extensions: extensions, options: options) { _ in () }.html
    }

    /// The nodes of a tree of the given types, in document order (collected before any edit).
    static func nodes(in root: OpaquePointer, ofTypes types: Set<UInt32>) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            if types.contains(cmark_node_get_type(node).rawValue) { found.append(node) }
        }
        return found
    }
}
