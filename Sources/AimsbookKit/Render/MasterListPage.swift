extension SitePaths {
    public static let documents = "documents.html"
    public static let documentsCSV = "documents.csv"
    public static let changes = "changes.html"
}

/// The master list of documented information (`documents.html`) and its spreadsheet
/// (`documents.csv`, `MasterList.csv()`): every document's identification, version, approval
/// and retention, as an auditor asks for it at the start of an audit.
enum MasterListPage {
    static func jobs(context: RenderContext) -> [PageJob] {
        [PageJob(SitePaths.documents, one: render), PageJob(SitePaths.documentsCSV, one: spreadsheet)]
    }

    static func spreadsheet(context: RenderContext) -> OutputFile {
        .text(SitePaths.documentsCSV, MasterList(context.handbook.whole).csv())
    }

    static func render(context: RenderContext) throws -> OutputFile {
        let path = SitePaths.documents
        let linker = Linker(page: path)
        let handbook = context.handbook.whole
        let list = MasterList(handbook)
        // Each row reads through its own context (the page's is shadowed), so a rebuild makes
        // again only the rows whose document, owner or approver changed (`rowsHTML(page:…)`).
        let rendered = try context.rowsHTML(page: path, template: "master-row", keys: list.entries.map(\.id)) {
            id, context in
            guard let document = context.handbook.document(id) else { return [:] }
            let entry = MasterList.Entry(document)
            func role(_ id: String?) -> View {
                guard let id else { return ["has": false, "id": "", "title": "", "href": ""] }
                let title = context.handbook.document(id)?.title
                return [
                    "has": true, "id": id, "title": title ?? id, "href": title != nil ? linker.document(id) : "",
                    "linked": title != nil,
                ]
            }
            return [
                "id": entry.id, "title": entry.title, "href": linker.document(entry.id),
                "type": DocumentType(rawValue: entry.type)?.displayName ?? entry.type,
                "status": DocumentStatus(rawValue: entry.status).map(Badge.status) ?? Badge.make(entry.status, .muted),
                "version": entry.version ?? "", "hasVersion": entry.version != nil,
                "owner": role(entry.owner), "approvers": entry.approvers.map(role),
                "hasApprovers": !entry.approvers.isEmpty,
                "effective": context.date(entry.effective), "review": context.date(entry.review),
                "lastChange": entry.lastChange.map {
                    ["date": context.date($0.date), "commit": $0.shortCommit] as View
                }
                    ?? false,
                "lastApproval": entry.lastApproval.map { approval -> View in
                    [
                        "date": context.date(approval.date), "commit": approval.shortCommit,
                        "roles": approval.approvals.map { context.handbook.document($0)?.title ?? $0 }
                            .joined(separator: ", "),
                    ]
                } ?? false,
                "retention": entry.retention?.text ?? "", "hasRetention": entry.retention != nil,
            ]
        }
        let view: View = [
            "rows": rendered.rows, "rowsHTML": rendered.html, "total": RenderText.count(list.entries.count, "document"),
            "approvedByCommit": list.entries.filter { $0.lastApproval != nil }.count,
            "hasHistory": list.entries.contains { $0.lastChange != nil },
            "csvHref": linker.to(SitePaths.documentsCSV),
            "hasChanges": context.options.changes != nil,
            "changesHref": linker.to(SitePaths.changes),
            "changesSince": context.options.changes?.since ?? "",
        ]
        let frame = RenderContext.Frame(
            path: path, kind: "master-list", title: "Master list of documents", section: path)
        return try context.page(frame, template: "documents", view)
    }
}
