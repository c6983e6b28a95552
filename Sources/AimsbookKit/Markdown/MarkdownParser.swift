import CCmarkGFM
import Foundation

/// Parses a document body with cmark-gfm (GitHub Flavored Markdown: tables, strikethrough,
/// autolinks, tag filter, task lists), collects headings and links with their file positions,
/// rewrites link targets through the caller's function, and renders HTML from the AST.
///
/// Each call owns its parser and tree, so bodies can be parsed on several threads at once; the
/// extension registry is global in cmark-gfm and is filled once.
public enum MarkdownParser {
    public struct Options: Sendable {
        /// Keep the author's raw HTML in the page (otherwise it is omitted and reported).
        public var allowRawHTML = false
        /// Put before every heading id, so several documents can share one page (the print view)
        /// without clashing ids. Slugs themselves (and so link checking) are unaffected.
        public var headingIDPrefix = ""
        /// Render HTML and plain text. Checking needs only headings and links, so `check`,
        /// `soa` and `audit` skip the rendering, which is a large part of a body's cost.
        public var rendersHTML = true
        /// Added to every heading's level in the HTML (never past h6), so the body sits under the
        /// page's own headings: 1 on a document's page, whose title is the only `<h1>`.
        /// `Heading.level` stays the level as written.
        public var headingLevelOffset = 0
        /// The document's title (and id), when the body belongs to a page that shows it: a
        /// first heading `# Title` (or `# ID Title`) only repeats it, and is left out.
        public var pageTitle: (id: String, title: String)?

        public init(
            allowRawHTML: Bool = false, headingIDPrefix: String = "", rendersHTML: Bool = true,
            headingLevelOffset: Int = 0, pageTitle: (id: String, title: String)? = nil
        ) {
            self.allowRawHTML = allowRawHTML
            self.headingIDPrefix = headingIDPrefix
            self.rendersHTML = rendersHTML
            self.headingLevelOffset = headingLevelOffset
            self.pageTitle = pageTitle
        }
    }

    /// What to do with a link: the URL to put in the page, or nil to drop the link and keep its text.
    public typealias LinkRewriter = (LinkReference) -> String?
    /// The same, also given the link's position among the body's links (`MarkdownDocument.links`).
    public typealias PositionalLinkRewriter = (_ position: Int, _ reference: LinkReference) -> String?

    /// How to render the same body a second time for another page: the print view, where
    /// documents link to each other's sections and heading ids carry the document's prefix.
    /// Made from the tree already parsed for the document's own page, which saves a second
    /// parse of every body (a fifth of a build's Markdown work).
    public struct PrintRendering {
        public var headingIDPrefix: String
        public var headingLevelOffset: Int
        public var rewrite: PositionalLinkRewriter

        public init(headingIDPrefix: String, headingLevelOffset: Int, rewrite: @escaping PositionalLinkRewriter) {
            self.headingIDPrefix = headingIDPrefix
            self.headingLevelOffset = headingLevelOffset
            self.rewrite = rewrite
        }
    }

    /// - Parameters:
    ///   - body: the Markdown text after the front matter.
    ///   - firstLine: the line of the file on which `body` starts.
    ///   - file: the root-relative path used in positions.
    ///   - print: when given (and `options.rendersHTML`), the body is also rendered for the
    ///     print view, into `MarkdownDocument.printHTML`.
    public static func parse(
        _ body: String, firstLine: Int, file: String, options: Options = Options(),
        rewrite: LinkRewriter = { $0.destination }, print: PrintRendering? = nil
    ) -> MarkdownDocument {
        // Nothing cmark allocates outlives the parse (the HTML is copied into strings), so it
        // all comes from this thread's arena and goes when the parse ends.
        MarkdownArena.scoped {
            parseInArena(body, firstLine: firstLine, file: file, options: options, rewrite: rewrite, print: print)
        }
    }

    private static func parseInArena(
        _ body: String, firstLine: Int, file: String, options: Options, rewrite: LinkRewriter,
        print: PrintRendering?
    ) -> MarkdownDocument {
        let cmarkOptions = CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES
        let parser = cmark_parser_new_with_mem(cmarkOptions, MarkdownArena.allocator)!
        defer { cmark_parser_free(parser) }
        // Fed from the string's own UTF-8 storage (cmark takes a length, no NUL needed).
        var body = body
        let root = body.withUTF8 { buffer in
            let plan = MarkdownExtensions.plan(for: buffer)
            for syntaxExtension in plan.extensions {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
            return MarkdownExtensions.run(takingTurn: plan.takesTurn) {
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
                return cmark_parser_finish(parser)!
            }
        }
        defer { cmark_node_free(root) }
        cmark_consolidate_text_nodes(root)

        let positions = SourcePositions(body: body, firstLine: firstLine, file: file)
        var tree = TreeEditor(root: root, positions: positions, options: options, memory: MarkdownArena.allocator)
        tree.edit(rewrite: rewrite)
        defer { tree.freeUnlinkedNodes() }

        var html = ""
        var plainText = ""
        var printHTML: String?
        if options.rendersHTML {
            let extensions = cmark_parser_get_syntax_extensions(parser)
            html = renderHTML(root, extensions: extensions, idPrefix: options.headingIDPrefix)
            plainText = SearchText.of(root)
            if let print {
                if tree.repoint(
                    rewrite: print.rewrite, headingIDPrefix: print.headingIDPrefix,
                    headingLevelOffset: print.headingLevelOffset)
                {
                    printHTML = renderHTML(root, extensions: extensions, idPrefix: print.headingIDPrefix)
                } else {
                    var printOptions = options
                    printOptions.headingIDPrefix = print.headingIDPrefix
                    printOptions.headingLevelOffset = print.headingLevelOffset
                    // `edit` rewrites each link once, in document order.
                    var position = 0
                    printHTML =
                        parse(body, firstLine: firstLine, file: file, options: printOptions) { reference in
                            defer { position += 1 }
                            return print.rewrite(position, reference)
                        }.html
                }
            }
        }
        return MarkdownDocument(
            headings: tree.headings, links: tree.links, rawHTML: tree.rawHTML, html: html, plainText: plainText,
            printHTML: printHTML)
    }

    /// The tree's HTML; its footnotes' ids begin with `idPrefix`, as its headings' do (`FootnoteIDs`).
    // unsafe: cmark's own extension list, owned by the parser for the call.
    private static func renderHTML(
        _ root: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?, idPrefix: String
    ) -> String {
        // Allocated with the tree's allocator (the arena): copied, and freed through it.
        let pointer = cmark_render_html(root, CMARK_OPT_UNSAFE, extensions)!
        defer { MarkdownArena.allocator.pointee.free(pointer) }
        // Only a body with notes has the attribute cmark writes before them.
        guard strstr(pointer, "data-footnotes") != nil else { return String(cString: pointer) }
        return FootnoteIDs.renamed(String(cString: pointer), prefix: idPrefix)
    }
}

/// Converts cmark's positions (1-based lines of the body, 1-based byte columns) into file
/// positions with columns in Unicode scalars, as Yams reports them. Works on the UTF-8 bytes:
/// the line table is one `memchr` scan, and a column is a count of non-continuation bytes.
struct SourcePositions {
    let body: String
    /// Byte offset at which each line starts.
    let lineStarts: [Int]
    let firstLine: Int
    let file: String
    /// For a long body, the scalars before each `checkpointSpacing`-byte block: a column is
    /// then counted from the nearest block, not from its line's start, so 100,000 links on one
    /// line cost 100,000 short counts rather than 100,000 counts along the line (quadratic).
    let checkpoints: [Int]
    static let checkpointSpacing = 256
    /// Bodies up to this size count from the line's start (a few thousand bytes at most).
    static let countsFromLineStartUpTo = 16_384

    init(body: String, firstLine: Int, file: String) {
        var body = body
        var starts = [0]
        // unsafe: memchr over the body's bytes; each offset stays below `bytes.count`.
        body.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, 10, bytes.count - offset) {
                offset = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
                starts.append(offset)
            }
        }
        var checkpoints: [Int] = []
        body.withUTF8 { bytes in
            guard bytes.count > Self.countsFromLineStartUpTo else { return }
            checkpoints.reserveCapacity(bytes.count / Self.checkpointSpacing + 1)
            var scalars = 0
            for offset in 0..<bytes.count {
                if offset % Self.checkpointSpacing == 0 { checkpoints.append(scalars) }
                if bytes[offset] & 0xC0 != 0x80 { scalars += 1 }
            }
        }
        self.body = body
        self.lineStarts = starts
        self.firstLine = firstLine
        self.file = file
        self.checkpoints = checkpoints
    }

    func location(line: Int32, byteColumn: Int32) -> SourceLocation {
        let lineIndex = Int(line) - 1
        var column = max(1, Int(byteColumn))
        if lineStarts.indices.contains(lineIndex) {
            let start = lineStarts[lineIndex]
            var body = body
            column = body.withUTF8 { bytes in
                let end = max(start, min(bytes.count, start + column - 1))
                guard !checkpoints.isEmpty else { return Self.scalars(in: bytes, from: start, to: end) + 1 }
                return scalars(before: end, in: bytes) - scalars(before: start, in: bytes) + 1
            }
        }
        return SourceLocation(file: file, line: max(1, Int(line)) + firstLine - 1, column: column)
    }

    /// The Unicode scalars in `bytes[..<offset]`, counted on from the checkpoint before it.
    // unsafe: counts scalars in a range the caller took from the same buffer.
    private func scalars(before offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let block = min(offset / Self.checkpointSpacing, checkpoints.count - 1)
        return checkpoints[block] + Self.scalars(in: bytes, from: block * Self.checkpointSpacing, to: offset)
    }

    /// The Unicode scalars in `bytes[start..<end]`: its bytes that do not continue a scalar.
    private static func scalars(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var scalars = 0
        for offset in start..<end where bytes[offset] & 0xC0 != 0x80 { scalars += 1 }
        return scalars
    }

    /// The byte at a 1-based line and byte column of the body, if there is one.
    func byte(line: Int, byteColumn: Int) -> UInt8? {
        guard lineStarts.indices.contains(line - 1), byteColumn >= 1 else { return nil }
        let offset = lineStarts[line - 1] + byteColumn - 1
        var body = body
        return body.withUTF8 { offset < $0.count ? $0[offset] : nil }
    }

    /// The first line from `fromLine` to `toLine` (lines of the body) holding `text`, and the
    /// 1-based byte column where it starts there.
    func find(_ text: String, fromLine: Int, toLine: Int) -> (line: Int, byteColumn: Int)? {
        let needle = Array(text.utf8)
        var body = body
        return body.withUTF8 { bytes -> (Int, Int)? in
            guard !needle.isEmpty else { return nil }
            for line in max(1, fromLine)...max(fromLine, min(toLine, lineStarts.count))
            where lineStarts.indices.contains(line - 1) {
                let start = lineStarts[line - 1]
                let end = line < lineStarts.count ? lineStarts[line] : bytes.count
                guard end - start >= needle.count else { continue }
                for offset in start...(end - needle.count) where bytes[offset] == needle[0] {
                    if (0..<needle.count).allSatisfy({ bytes[offset + $0] == needle[$0] }) {
                        return (line, offset - start + 1)
                    }
                }
            }
            return nil
        }
    }

    func location(of node: OpaquePointer) -> SourceLocation {
        location(line: cmark_node_get_start_line(node), byteColumn: cmark_node_get_start_column(node))
    }
}
