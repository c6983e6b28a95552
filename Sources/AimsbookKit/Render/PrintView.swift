/// The print view (`print.html`): the whole handbook on one page, in the order of the sidebar
/// (types, then ids), one document per printed page, for auditors who want a PDF.
///
/// Bodies are parsed again from their Markdown so their links point inside this page: a
/// document becomes `#doc-<slug>`, its headings `#<slug>--<anchor>` (the heading id prefix
/// keeps ids unique across documents); clauses, controls and files still link to their pages.
enum PrintView {
    static func anchor(_ id: String) -> String { "doc-" + DocumentID.slug(id) }
    static func headingPrefix(_ id: String) -> String { DocumentID.slug(id) + "--" }

    /// An owner within the print view: a link to the role's section of this page.
    static func printRoleLink(_ id: String?, context: RenderContext) -> Any {
        guard let id else { return false }
        let role = context.handbook.document(id)
        return [
            "id": id, "title": role?.title ?? id, "printHref": "#" + anchor(id), "linked": role != nil,
        ] as View
    }

    static func orderedDocuments(_ handbook: Handbook) -> [Document] {
        handbook.documents.sorted { ($0.type.order, $0.id.value) < ($1.type.order, $1.id.value) }
    }

    static func body(of document: Document, handbook: Handbook) -> String {
        let page = SitePaths.print
        let own = document.id.value
        let parsed = MarkdownParser.parse(
            document.bodySource, firstLine: document.bodyFirstLine, file: document.path,
            options: .init(
                allowRawHTML: handbook.settings.allowRawHTML, headingIDPrefix: headingPrefix(own), headingLevelOffset: 2
            )
        ) { reference in
            switch handbook.resolver.resolve(reference, from: document.contentPath) {
            case .document(let id, let anchor):
                guard let anchor, !anchor.isEmpty else { return "#" + Self.anchor(id) }
                return "#" + headingPrefix(id) + anchor
            case .inPage(let anchor):
                return anchor.isEmpty ? "#" + Self.anchor(own) : "#" + headingPrefix(own) + anchor
            case .unresolved:
                return nil
            case let target:
                return handbook.resolver.url(for: target, from: page)
            }
        }
        return parsed.html
    }

    static func render(context: RenderContext) throws -> OutputFile {
        let path = SitePaths.print
        let linker = Linker(page: path)
        let handbook = context.handbook
        let documents = orderedDocuments(handbook)
        let bodies = documents.concurrentMap { document in
            guard let cache = context.options.cache else { return body(of: document, handbook: handbook) }
            // Links in the body resolve against every document: the resolver's fingerprint is in the key.
            var key = Hasher()
            key.combine(document.id.value)
            key.combine(document.contentPath)
            key.combine(document.bodySource)
            key.combine(document.bodyFirstLine)
            key.combine(handbook.settings.allowRawHTML)
            key.combine(handbook.resolver.fingerprint)
            return cache.printBody(document.path, key: key.finalize()) { body(of: document, handbook: handbook) }
        }
        var sections: [View] = []
        var lastType: DocumentType?
        for (document, body) in zip(documents, bodies) {
            var view = context.documentRef(document, linker: linker)
            view["anchor"] = anchor(document.id.value)
            view["body"] = body
            view["hasVersion"] = document.version != nil
            view["version"] = document.version ?? ""
            view["effective"] = context.date(document.effective)
            view["review"] = context.review(document)
            view["owner"] = printRoleLink(document.owner?.value, context: context)
            view["approver"] = DocumentPage.roleLink(document.approver?.value, context: context, linker: linker)
            view["clauses"] = document.clauses.map { ["id": $0.value, "href": linker.clause($0.value)] }
            view["hasClauses"] = !document.clauses.isEmpty
            view["controls"] = document.controls.map { ["id": $0.value, "href": linker.control($0.value)] }
            view["hasControls"] = !document.controls.isEmpty
            view["startsType"] = document.type != lastType
            view["typePlural"] = document.type.pluralName
            lastType = document.type
            sections.append(view)
        }
        let contents = DocumentType.allCases.compactMap { type -> View? in
            let ofType = documents.filter { $0.type == type }
            guard !ofType.isEmpty else { return nil }
            return [
                "typePlural": type.pluralName,
                "entries": ofType.map { ["id": $0.id.value, "title": $0.title, "anchor": anchor($0.id.value)] },
            ]
        }
        let view: View = ["documents": sections, "contents": contents, "documentTotal": documents.count]
        let frame = RenderContext.Frame(path: path, kind: "print", title: "Print view", section: path)
        return try context.page(frame, template: "print", view)
    }
}
