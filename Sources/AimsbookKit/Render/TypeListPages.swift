/// A list page per document type (`types/<type>.html`): every document of the type with its
/// status, owner and next review, in a sortable table. Written for every type, empty or not, so
/// the sidebar's links always resolve.
enum TypeListPages {
    static func jobs(context: RenderContext) -> [PageJob] {
        DocumentType.allCases.map { type in PageJob(SitePaths.typeList(type)) { try page(type, context: $0) } }
    }

    static func page(_ type: DocumentType, context: RenderContext) throws -> OutputFile {
        let path = SitePaths.typeList(type)
        let linker = Linker(page: path)
        // In place: copying every document of the type to read a few fields cost more than the rows.
        var ids: [String] = []
        var overdue = 0
        var statusCounts = [Int](repeating: 0, count: DocumentStatus.allCases.count)
        context.handbook.forEachDocument(of: type) { document in
            ids.append(document.id.value)
            if RenderContext.isOverdue(
                review: document.review?.value, status: document.status, asOf: context.asOf)
            {
                overdue += 1
            }
            if let position = DocumentStatus.allCases.firstIndex(of: document.status) {
                statusCounts[position] += 1
            }
        }
        // Each row reads through its own context (the page's is shadowed): see `rowsHTML(page:…)`.
        let rendered = try context.rowsHTML(page: path, template: "type-row", keys: ids) {
            id, context in
            guard let document = context.handbook.document(id) else { return [:] }
            var row = context.documentRef(document, linker: linker)
            row["hasVersion"] = document.version != nil
            row["version"] = document.version ?? ""
            row["review"] = context.review(document)
            return row
        }
        var byStatus: [View] = []
        for (status, count) in zip(DocumentStatus.allCases, statusCounts) where count > 0 {
            byStatus.append(["count": count, "badge": Badge.status(status)])
        }
        let richer = type.descriptor.richerView
        let view: View = [
            "typeName": type.pluralName,
            "rows": rendered.rows,
            "rowsHTML": rendered.html,
            "hasRows": !ids.isEmpty,
            "total": RenderText.count(ids.count, "document"),
            "byStatus": byStatus,
            "overdue": overdue,
            "hasOverdue": overdue > 0,
            "hasRicher": richer != nil,
            "richerLabel": richer?.label ?? "",
            "richerHref": richer.map { linker.to($0.path) } ?? "",
        ]
        let frame = RenderContext.Frame(path: path, kind: "type-list", title: type.pluralName, section: path)
        return try context.page(frame, template: "type-list", view)
    }
}
