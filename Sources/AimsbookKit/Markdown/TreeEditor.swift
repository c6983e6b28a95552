import CCmarkGFM

/// The walk over one cmark-gfm tree: turns `[[…]]` text into links, gives headings their ids,
/// rewrites or drops link targets, and removes raw HTML unless it is allowed.
struct TreeEditor {
    let root: OpaquePointer
    let positions: SourcePositions
    let options: MarkdownParser.Options

    private(set) var headings: [Heading] = []
    private(set) var links: [LinkReference] = []
    private(set) var rawHTML: [SourceLocation] = []

    /// Links still in the tree after `edit`, and those it dropped (kept as text), so that
    /// `repoint` can render the same tree for another page.
    private var keptLinks: [(node: OpaquePointer, position: Int)] = []
    private var droppedLinks: [Int] = []
    /// The nodes that write each heading's tags, with what the tags are made of.
    private var taggedHeadings: [(node: OpaquePointer, level: Int, slug: String)] = []
    /// Nodes `unwrap` took out of the tree, freed by `freeUnlinkedNodes`.
    private var unlinkedNodes: [OpaquePointer] = []

    /// The allocator the tree was parsed with, or nil for the system's: cmark only links
    /// nodes made with the same allocator (it silently refuses others), so new nodes use it.
    // unsafe: cmark's allocator (`MarkdownArena.allocator`, process-long), passed back to cmark.
    let memory: UnsafeMutablePointer<cmark_mem>?

    init(
        root: OpaquePointer, positions: SourcePositions, options: MarkdownParser.Options,
        memory: UnsafeMutablePointer<cmark_mem>? = nil
    ) {
        self.root = root
        self.positions = positions
        self.options = options
        self.memory = memory
    }

    private func newNode(_ type: cmark_node_type) -> OpaquePointer {
        if let memory { return cmark_node_new_with_mem(type, memory)! }
        return cmark_node_new(type)!
    }

    /// Added to every heading's level beside `headingLevelOffset`: minus one per level the
    /// body's highest heading sits below `#`, so that a body of `##` sections (its `# Title`
    /// left out) starts right under the page's title and keeps all its levels apart.
    private var levelShift = 0

    /// Leaves out a first `# Title` that repeats the page's title (`pageTitle`).
    private func removeTitleHeading() {
        guard let page = options.pageTitle, let first = cmark_node_first_child(root),
            cmark_node_get_type(first) == CMARK_NODE_HEADING, cmark_node_get_heading_level(first) == 1
        else { return }
        guard Self.repeatsTitle(Self.plainText(of: first), id: page.id, title: page.title) else { return }
        cmark_node_unlink(first)
        cmark_node_free(first)
    }

    /// `AI Policy`, `POL-001 AI Policy` and `POL-001: AI policy` all stand for the title "AI
    /// policy" of POL-001: compared without case, extra spaces, or the id and its separator.
    static func repeatsTitle(_ heading: String, id: String, title: String) -> Bool {
        func normal(_ text: some StringProtocol) -> String {
            text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let heading = normal(heading)
        let title = normal(title)
        guard !title.isEmpty else { return false }
        if heading == title { return true }
        let id = id.lowercased()
        guard !id.isEmpty, heading.hasPrefix(id) else { return false }
        return normal(heading.dropFirst(id.count).drop { " :-–—.|".contains($0) }) == title
    }

    mutating func edit(rewrite: MarkdownParser.LinkRewriter) {
        removeTitleHeading()
        // Without HTML (`check`), the tree is only read: links are found but not rewritten,
        // headings get no wrapper, task items no label, raw HTML stays. Only wiki links in
        // headings are still made into nodes, since they change the heading's text and slug.
        let edits = options.rendersHTML
        // Collect first, edit after: cmark's iterator must not see the tree change under it.
        var textNodes: [(node: OpaquePointer, inHeading: Bool)] = []
        var linkNodes: [OpaquePointer] = []
        var headingNodes: [OpaquePointer] = []
        var htmlNodes: [OpaquePointer] = []
        var taskItems: [OpaquePointer] = []
        let taskList = edits ? cmark_find_syntax_extension("tasklist") : nil
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var linkDepth = 0
        var headingDepth = 0
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if event == CMARK_EVENT_ENTER {
                    linkNodes.append(node)
                    linkDepth += 1
                } else {
                    linkDepth -= 1
                }
            case CMARK_NODE_TEXT where event == CMARK_EVENT_ENTER && linkDepth == 0:
                textNodes.append((node, headingDepth > 0))
            case CMARK_NODE_HEADING:
                if event == CMARK_EVENT_ENTER {
                    headingNodes.append(node)
                    headingDepth += 1
                } else {
                    headingDepth -= 1
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                htmlNodes.append(node)
            case CMARK_NODE_ITEM where event == CMARK_EVENT_ENTER:
                if let taskList, cmark_node_get_syntax_extension(node) == taskList { taskItems.append(node) }
            default:
                break
            }
        }

        var wikiLinks: [(node: OpaquePointer?, reference: LinkReference)] = []
        for (node, inHeading) in textNodes {
            wikiLinks += splitWikiLinks(node, makesNodes: edits || inHeading)
        }
        // Document order: links as written, wiki links merged by position.
        var allLinks: [(node: OpaquePointer?, reference: LinkReference)] = linkNodes.map { node in
            let kind: LinkReference.Kind = cmark_node_get_type(node) == CMARK_NODE_IMAGE ? .image : .link
            let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            return (node, LinkReference(kind: kind, destination: destination, location: linkLocation(node)))
        }
        allLinks += wikiLinks
        allLinks.sort { $0.reference.location < $1.reference.location }
        links.reserveCapacity(allLinks.count)
        for (node, reference) in allLinks {
            links.append(reference)
            let url = rewrite(reference)
            guard edits, let node else { continue }
            if let url {
                cmark_node_set_url(node, url)
                keptLinks.append((node, links.count - 1))
            } else {
                unwrap(node)
                droppedLinks.append(links.count - 1)
            }
        }

        let highest = headingNodes.map { Int(cmark_node_get_heading_level($0)) }.min() ?? 1
        levelShift = 1 - highest
        var slugger = HeadingSlugger()
        for node in headingNodes {
            let text = Self.plainText(of: node)
            let slug = slugger.next(text)
            let level = Int(cmark_node_get_heading_level(node))
            headings.append(Heading(level: level, text: text, slug: slug, location: positions.location(of: node)))
            if edits { taggedHeadings.append((wrapHeading(node, level: level, slug: slug), level, slug)) }
        }

        for node in taskItems { labelTaskItem(node) }

        for node in htmlNodes {
            if options.allowRawHTML { continue }
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            switch SafeHTML.verdict(literal) {
            case .safe(let html):
                if edits { cmark_node_set_literal(node, html) }
                continue
            case .comment:
                break
            case .unsafe:
                rawHTML.append(positions.location(of: node))
            }
            guard edits else { continue }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// Makes the edited tree fit another page (the print view): every link's target again through
    /// `rewrite` (given the link's position in `links`), every heading's id prefix and level
    /// offset again. Returns false, leaving the tree to be thrown away, when a link `edit` dropped
    /// would be kept here: its node is gone, so the body must be parsed again for that page.
    mutating func repoint(
        rewrite: MarkdownParser.PositionalLinkRewriter, headingIDPrefix: String, headingLevelOffset: Int
    ) -> Bool {
        guard droppedLinks.allSatisfy({ rewrite($0, links[$0]) == nil }) else { return false }
        for (node, position) in keptLinks {
            if let url = rewrite(position, links[position]) {
                cmark_node_set_url(node, url)
            } else {
                unwrap(node)
            }
        }
        keptLinks = []
        for (tagged, level, slug) in taggedHeadings {
            let tags = Self.headingTags(
                level: level, slug: slug, prefix: headingIDPrefix, offset: headingLevelOffset + levelShift)
            cmark_node_set_on_enter(tagged, tags.open)
            cmark_node_set_on_exit(tagged, tags.close)
        }
        return true
    }

    /// Where a link starts. cmark-gfm positions inline nodes; where it gives no column, the
    /// first `[` or `![` of the line stands in.
    private func linkLocation(_ node: OpaquePointer) -> SourceLocation {
        var line = cmark_node_get_start_line(node)
        var column = cmark_node_get_start_column(node)
        if line == 0 {
            var parent = cmark_node_parent(node)
            while let current = parent, cmark_node_get_start_line(current) == 0 { parent = cmark_node_parent(current) }
            line = parent.map { cmark_node_get_start_line($0) } ?? 1
            column = 1
            // An autolink (`www.…`, `ftp://…`) has no position of its own: it is where its text
            // first stands in the block's lines.
            let text = Self.plainText(of: node)
            let lastLine = parent.map { cmark_node_get_end_line($0) } ?? line
            if !text.isEmpty, let found = positions.find(text, fromLine: Int(line), toLine: Int(lastLine)) {
                return positions.location(line: Int32(found.line), byteColumn: Int32(found.byteColumn))
            }
        }
        // A link written `[…]`, `![…]` or `<…>` starts with that character. An autolink cmark-gfm
        // positioned (`www.…`) may be a column off: it is where its text stands.
        if let first = positions.byte(line: Int(line), byteColumn: Int(column)),
            first != UInt8(ascii: "["), first != UInt8(ascii: "!"), first != UInt8(ascii: "<")
        {
            let text = Self.plainText(of: node)
            if !text.isEmpty, let found = positions.find(text, fromLine: Int(line), toLine: Int(line)) {
                return positions.location(line: Int32(found.line), byteColumn: Int32(found.byteColumn))
            }
        }
        return positions.location(line: line, byteColumn: column)
    }

    /// Replaces `[[target]]` and `[[target|text]]` in a text node by link nodes, or with
    /// `makesNodes` false only finds them (the node is nil) and leaves the tree alone.
    private func splitWikiLinks(
        _ node: OpaquePointer, makesNodes: Bool
    ) -> [(node: OpaquePointer?, reference: LinkReference)] {
        guard let literalPointer = cmark_node_get_literal(node) else { return [] }
        guard WikiLinkScanner.containsOpening(literalPointer) else { return [] }
        let literal = String(cString: literalPointer)
        let pieces = WikiLinkScanner.scan(literal)
        guard pieces.contains(where: { if case .link = $0 { true } else { false } }) else { return [] }
        let start = positions.location(of: node)
        var created: [(node: OpaquePointer?, reference: LinkReference)] = []
        var scalarOffset = 0
        for piece in pieces {
            switch piece {
            case .text(let text):
                if makesNodes {
                    let textNode = newNode(CMARK_NODE_TEXT)
                    cmark_node_set_literal(textNode, text)
                    cmark_node_insert_before(node, textNode)
                }
                scalarOffset += text.unicodeScalars.count
            case .link(let target, let label, let source):
                var linkNode: OpaquePointer?
                if makesNodes {
                    let wikiLink = newNode(CMARK_NODE_LINK)
                    cmark_node_set_url(wikiLink, target)
                    let labelNode = newNode(CMARK_NODE_TEXT)
                    cmark_node_set_literal(labelNode, label ?? target)
                    cmark_node_append_child(wikiLink, labelNode)
                    cmark_node_insert_before(node, wikiLink)
                    linkNode = wikiLink
                }
                var location = start
                location.column += scalarOffset
                created.append((linkNode, LinkReference(kind: .wiki, destination: target, location: location)))
                scalarOffset += source.unicodeScalars.count
            }
        }
        if makesNodes {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        return created
    }

    /// Drops a link but keeps what it contains (its text), for unsafe targets. A dropped image
    /// is only unlinked, not freed: a link inside its description (`![a [b](x)](y)`) is still in
    /// the list of links to edit, and freeing the image would free that node too.
    private mutating func unwrap(_ node: OpaquePointer) {
        if cmark_node_get_type(node) == CMARK_NODE_IMAGE {
            let alt = Self.plainText(of: node)
            let text = newNode(CMARK_NODE_TEXT)
            cmark_node_set_literal(text, alt)
            cmark_node_insert_before(node, text)
        } else {
            while let child = cmark_node_first_child(node) {
                cmark_node_insert_before(node, child)
            }
        }
        cmark_node_unlink(node)
        unlinkedNodes.append(node)
    }

    /// Frees the nodes `unwrap` took out of the tree; call once the tree is no longer edited.
    mutating func freeUnlinkedNodes() {
        for node in unlinkedNodes { cmark_node_free(node) }
        unlinkedNodes = []
    }

    /// Renders a task-list item's checkbox with an accessible name ("Done" / "Not done"), which
    /// cmark-gfm's own rendering lacks: the item becomes a plain list item whose first inline
    /// is the labelled checkbox.
    private func labelTaskItem(_ item: OpaquePointer) {
        let checked = cmark_gfm_extensions_get_tasklist_item_checked(item)
        let checkbox =
            checked
            ? "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" /> "
            : "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" /> "
        cmark_node_set_syntax_extension(item, nil)
        let input = newNode(CMARK_NODE_CUSTOM_INLINE)
        cmark_node_set_on_enter(input, checkbox)
        if let first = cmark_node_first_child(item), cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH {
            if let firstInline = cmark_node_first_child(first) {
                cmark_node_insert_before(firstInline, input)
            } else {
                cmark_node_append_child(first, input)
            }
        } else {
            let paragraph = newNode(CMARK_NODE_PARAGRAPH)
            cmark_node_append_child(paragraph, input)
            if let first = cmark_node_first_child(item) {
                cmark_node_insert_before(first, paragraph)
            } else {
                cmark_node_append_child(item, paragraph)
            }
        }
    }

    /// Puts the heading's content in a custom inline that writes `<hN id="slug">` and `</hN>`, since
    /// cmark's renderer gives headings no ids; returns that inline. Its block writes nothing but
    /// the line ends around it, so the heading is one line, `<hN id="slug">text</hN>`, as cmark-gfm
    /// writes a heading (a custom block's own tags would stand on lines of their own, the text
    /// between them). The slug is made of letters, digits, `-` and `_` only.
    private func wrapHeading(_ node: OpaquePointer, level: Int, slug: String) -> OpaquePointer {
        let block = newNode(CMARK_NODE_CUSTOM_BLOCK)
        cmark_node_set_on_enter(block, "")
        cmark_node_set_on_exit(block, "")
        let tagged = newNode(CMARK_NODE_CUSTOM_INLINE)
        let tags = Self.headingTags(
            level: level, slug: slug, prefix: options.headingIDPrefix, offset: options.headingLevelOffset + levelShift)
        cmark_node_set_on_enter(tagged, tags.open)
        cmark_node_set_on_exit(tagged, tags.close)
        while let child = cmark_node_first_child(node) {
            cmark_node_append_child(tagged, child)
        }
        cmark_node_append_child(block, tagged)
        cmark_node_insert_before(node, block)
        cmark_node_unlink(node)
        cmark_node_free(node)
        return tagged
    }

    /// `<hN id="prefix+slug">` and `</hN>`, the level moved by `offset`. Past h6 (a body's
    /// `######` under a page's title), a heading is still one level below the last:
    /// `<div role="heading" aria-level="7">`, as ARIA allows, never a second h6.
    static func headingTags(level: Int, slug: String, prefix: String, offset: Int) -> (open: String, close: String) {
        let shown = max(1, level + offset)
        let id = HTML.escape(prefix + slug)
        if shown > 6 {
            return (
                "<div role=\"heading\" aria-level=\"\(shown)\" class=\"heading-\(shown)\" id=\"\(id)\">", "</div>"
            )
        }
        return ("<h\(shown) id=\"\(id)\">", "</h\(shown)>")
    }

    /// The text of a node's inline content (text, code, line breaks as spaces).
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}
