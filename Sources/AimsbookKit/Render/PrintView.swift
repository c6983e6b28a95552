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

    /// Positions in `documents` in print order: sorting positions moves no document, and the
    /// comparisons read through the buffer, which copies none.
    static func orderedIndices(_ documents: [Document]) -> [Int] {
        documents.withUnsafeBufferPointer { documents in
            documents.indices.sorted {
                (documents[$0].type.order, documents[$0].id.value) < (documents[$1].type.order, documents[$1].id.value)
            }
        }
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
                allowRawHTML: handbook.settings.allowRawHTML, headingIDPrefix: headingPrefix(own), headingLevelOffset: 2
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
        view["anchor"] = anchor(document.id.value)
        view["body"] = body(of: document, handbook: context.handbook)
        view["hasVersion"] = document.version != nil
        view["version"] = document.version ?? ""
        view["effective"] = context.date(document.effective)
        view["review"] = context.review(document)
        view["owner"] = printRoleLink(document.owner?.value, context: context)
        view["approver"] = DocumentPage.roleLink(document.approver?.value, context: context, linker: linker)
        view["clauses"] = document.clauses.map { ["id": $0.value, "href": linker.clause($0.value)] as View }
        view["hasClauses"] = !document.clauses.isEmpty
        view["controls"] = document.controls.map { ["id": $0.value, "href": linker.control($0.value)] as View }
        view["hasControls"] = !document.controls.isEmpty
        guard let cache = context.options.cache else {
            return try context.theme.renderUTF8(view, template: "print-document")
        }
        var key = Hasher()
        key.combine(context.theme.fingerprint)
        ViewFingerprint.combine(view, into: &key)
        return try cache.printSection(document.path, key: key.finalize()) {
            try context.theme.renderUTF8(view, template: "print-document")
        }
    }

    /// Stands where the sections go while the page around them is rendered. Text from the
    /// handbook is escaped, so only a template can hold it.
    static let sectionsMarker = "<!--aimsbook:print-sections-->"

    /// The page around the sections (cover, contents, layout), split where the sections go. It
    /// depends on the outline only, so `serve` keeps it while bodies change; the sections, 1 MB
    /// per hundred documents, never pass through the template engine.
    static func shell(context: RenderContext) throws -> [String] {
        let path = SitePaths.print
        // By position, through the buffer: copying thousands of documents (large values) to list
        // their ids and titles was a tenth of a rebuild after a title edit.
        let all = context.handbook.documents
        var entriesByType: [DocumentType: [View]] = [:]
        all.withUnsafeBufferPointer { documents in
            for index in orderedIndices(all) {
                let id = documents[index].id.value
                entriesByType[documents[index].type, default: []].append(
                    ["id": id, "title": documents[index].title, "anchor": anchor(id)])
            }
        }
        let contents = DocumentType.allCases.compactMap { type -> View? in
            guard let entries = entriesByType[type] else { return nil }
            return ["typePlural": type.pluralName, "entries": entries]
        }
        let view: View = ["documents": sectionsMarker, "contents": contents, "documentTotal": all.count]
        let frame = RenderContext.Frame(path: path, kind: "print", title: "Print view", section: path)
        let page = try context.theme.render(
            try context.layout(frame).merging(view) { _, own in own }, template: "print")
        return page.splitting(by: sectionsMarker)
    }

    /// The page: the shell with every document's section (`sections`, by id) in its place.
    static func render(context: RenderContext, shell: [String], sections: [String: [UInt8]]) -> OutputFile {
        let documents = context.outline.documents
        var ordered: [[UInt8]] = []
        ordered.reserveCapacity(documents.count)
        for index in orderedIndices(documents) { ordered.append(sections[documents[index].id.value] ?? []) }
        // The sections go wherever the shell has the marker (once, in the built-in theme). The
        // page, megabytes long, is written piece by piece, never joined into one.
        var pieces: [[UInt8]] = []
        pieces.reserveCapacity(shell.count + max(shell.count - 1, 0) * ordered.count)
        for (position, part) in shell.enumerated() {
            if position > 0 { pieces += ordered }
            pieces.append(Array(part.utf8))
        }
        return OutputFile(path: SitePaths.print, contents: .pieces(pieces))
    }
}
