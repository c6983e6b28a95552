/// The print view (`print.html`): the whole handbook on one page, in the order of the sidebar
/// (types, then ids), one document per printed page, for auditors who want a PDF.
///
/// Bodies are rendered so that their links point inside this page: a document becomes
/// `#doc-<slug>`, its headings `#<slug>--<anchor>` (the heading id prefix keeps ids unique across
/// documents); clauses, controls and files still link to their pages.
enum PrintView {
    static func anchor(_ id: String) -> String { SitePaths.printAnchor(id) }
    static func headingPrefix(_ id: String) -> String { SitePaths.printHeadingPrefix(id) }

    /// An owner within the print view: a link to the role's section of this page.
    static func printRoleLink(_ id: String?, context: RenderContext) -> Any {
        guard let id else { return false }
        let role = context.handbook.document(id)
        return [
            "id": id, "title": role?.title ?? id, "printHref": "#" + anchor(id), "linked": role != nil,
        ] as View
    }

    /// A body as the print view shows it: its links point inside this page, a document becoming
    /// `#doc-<slug>` and its headings `#<slug>--<anchor>`. The model renders it from the tree it
    /// parsed for the document's own page; a body parsed without HTML is parsed here.
    static func body(of document: Document, handbook: HandbookReader) -> String {
        if let html = document.body.printHTML { return html }
        let own = document.id.value
        let resolver = handbook.resolver
        return MarkdownParser.parse(
            document.bodySource, firstLine: document.bodyFirstLine, file: document.path,
            options: .init(
                allowRawHTML: handbook.settings.allowRawHTML, headingIDPrefix: headingPrefix(own),
                headingLevelOffset: 2,
                pageTitle: (own, document.title)
            )
        ) { reference in
            resolver.printURL(for: resolver.resolve(reference, from: document.contentPath), inDocument: own)
        }.html
    }

    /// One document's `<article>`, rendered on its own with `print-document` (on all cores with
    /// the document pages); `render` joins them in order.
    static func section(_ document: Document, context: RenderContext) throws -> [UInt8] {
        let linker = Linker(page: SitePaths.print)
        var view = context.documentRef(document, linker: linker)
        // The shared ref copied once, with room for the keys below, rather than copied and then grown.
        view.reserveCapacity(view.count + 16)
        view["anchor"] = anchor(document.id.value)
        let body = body(of: document, handbook: context.handbook)
        view["body"] = body
        view["hasVersion"] = document.version != nil
        view["version"] = document.version ?? ""
        view["effective"] = context.date(document.effective)
        view["review"] = context.review(document)
        view["owner"] = printRoleLink(document.owner?.value, context: context)
        view["approvers"] = document.approvers.map { context.handbook.document($0.value)?.title ?? $0.value }
            .joined(separator: ", ")
        view["hasApprovers"] = !document.approvers.isEmpty
        view["clauses"] = document.clauses.map { ["id": $0.value, "href": linker.clause($0.value)] as View }
        view["hasClauses"] = !document.clauses.isEmpty
        view["controls"] = document.controls.map { ["id": $0.value, "href": linker.control($0.value)] as View }
        view["hasControls"] = !document.controls.isEmpty
        // The Statement of Applicability prints with its table, as its page shows it.
        let isTheSoA = document.type == .soa && context.handbook.soaDocument?.id == document.id
        view["hasSoATable"] = isTheSoA
        view["groups"] = isTheSoA ? try SoAPage.tableGroups(context: context, linker: linker) : []
        // Room for the body and the section's own lines: the buffer is not doubled and copied
        // four or five times on its way to a body's size (the sections total 15 MB for 2,000 documents).
        let capacity = body.utf8.count + 4096
        guard let cache = context.options.memo else {
            return try context.theme.renderUTF8(view, template: "print-document", capacity: capacity)
        }
        var key = Hasher()
        key.combine(context.theme.fingerprint)
        ViewFingerprint.combine(view, into: &key)
        return try cache.printSection(document.path, key: key.finalize()) {
            try context.theme.renderUTF8(view, template: "print-document", capacity: capacity)
        }
    }

    /// Stands where the sections go while the page around them is rendered. Text from the
    /// handbook is escaped, so only a template can hold it.
    static let sectionsMarker = "<!--aimsbook:print-sections-->"

    /// The page around the sections (cover, contents, layout), split where the sections go. It
    /// depends on the outline only, so `serve` keeps it while bodies change; the sections, 1 MB
    /// per hundred documents, never pass through the template engine.
    static func shell(context: RenderContext) throws -> [[UInt8]] {
        let path = SitePaths.print
        let handbook = context.handbook
        let all = handbook.documents
        var contents: [View] = []
        var expectedSize = Theme.layoutRoom
        for type in DocumentType.allCases {
            let positions = handbook.positions(of: type)
            guard !positions.isEmpty else { continue }
            // Made only for a template that goes through them: the built-in one places the
            // joined `entriesHTML`, and a theme override may loop over the views itself.
            let entries = LazyViewList(count: positions.count) { [all] position in
                let document = all[positions[position]]
                let id = document.id.value
                return ["id": id, "title": document.title, "anchor": anchor(id)] as View
            }
            let html = try entriesHTML(entries, type: type, documents: all, positions, context: context)
            expectedSize += html.utf8.count
            contents.append(["typePlural": type.pluralName, "entries": entries, "entriesHTML": html])
        }
        let view: View = ["documents": sectionsMarker, "contents": contents, "documentTotal": all.count]
        let frame = RenderContext.Frame(path: path, kind: "print", title: "Print view", section: path)
        let page = try context.theme.renderUTF8(
            try context.layout(frame).merging(view) { _, own in own }, template: "print", capacity: expectedSize)
        return splitting(page, by: Array(sectionsMarker.utf8))
    }

    /// `bytes` cut where `marker` occurs, without it, looked for at the marker's second byte:
    /// its first, `<`, begins every tag of the 300 KB shell.
    static func splitting(_ bytes: [UInt8], by marker: [UInt8]) -> [[UInt8]] {
        bytes.splitting(by: marker, lookingFor: marker.count > 1 ? 1 : 0)
    }

    /// One type's entries of the contents, each rendered with `print-entry` and joined. `serve`
    /// keeps a type's joined entries while its documents' ids and titles are the same, and each
    /// entry while its own are: a title edit renders one entry again, not the contents of
    /// thousands.
    private static func entriesHTML(
        _ entries: LazyViewList, type: DocumentType, documents: [Document], _ positions: [Int],
        context: RenderContext
    ) throws -> String {
        let theme = context.theme
        guard let cache = context.options.memo else {
            return try entries.map { try theme.render($0, template: "print-entry") }.joined()
        }
        var group = Hasher()
        let keys = positions.map { index -> Int in
            var key = Hasher()
            key.combine(theme.fingerprint)
            key.combine(documents[index].id.value)
            key.combine(documents[index].title)
            let entry = key.finalize()
            group.combine(entry)
            return entry
        }
        return try cache.fragment("print-contents|" + type.rawValue, key: group.finalize()) {
            try cache.sharedFragments(names: positions.map { "print-entry|" + documents[$0].id.value }, keys: keys) {
                try theme.render(entries.view(at: $0), template: "print-entry")
            }.joined()
        }
    }

    /// The page: the shell with every document's section (`sections`, by the document's
    /// position in the handbook) in its place.
    static func render(context: RenderContext, shell: [[UInt8]], sections: [[UInt8]]) -> OutputFile {
        var ordered: [[UInt8]] = []
        ordered.reserveCapacity(sections.count)
        for index in context.handbook.positionsInTypeOrder where index < sections.count {
            ordered.append(sections[index])
        }
        // The sections go wherever the shell has the marker (once, in the built-in theme). The
        // page, megabytes long, is written piece by piece, never joined into one.
        var pieces: [[UInt8]] = []
        pieces.reserveCapacity(shell.count + max(shell.count - 1, 0) * ordered.count)
        for (position, part) in shell.enumerated() {
            if position > 0 { pieces += ordered }
            pieces.append(part)
        }
        return OutputFile(path: SitePaths.print, contents: .pieces(pieces))
    }
}
