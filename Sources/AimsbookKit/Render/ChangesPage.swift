/// `changes.html`, written by `build --since REV`: the documents added, modified, retired and
/// removed since REV, each with its commits, then the clauses and controls they cite.
enum ChangesPage {
    static func jobs(context: RenderContext) -> [PageJob] {
        guard let report = context.options.changes else { return [] }
        return [PageJob(SitePaths.changes, one: { try render(report, context: $0) })]
    }

    static func render(_ report: ChangeReport, context: RenderContext) throws -> OutputFile {
        let path = SitePaths.changes
        let linker = Linker(page: path)
        let handbook = context.handbook.whole
        func entryView(_ entry: ChangeReport.Entry) -> View {
            let linked = entry.change != .removed && handbook.document(entry.id) != nil
            return [
                "id": entry.id, "title": entry.title, "linked": linked,
                "href": linked ? linker.document(entry.id) : "",
                "change": entry.change.rawValue,
                "commits": entry.commits.map { commit -> View in
                    [
                        "date": context.date(commit.date), "commit": commit.shortCommit, "author": commit.author,
                        "subject": commit.subject, "version": commit.fields?.version ?? "",
                        "approvals": commit.approvals.map { handbook.document($0)?.title ?? $0 }
                            .joined(separator: ", "),
                        "hasApprovals": !commit.approvals.isEmpty,
                    ]
                },
            ]
        }
        let sections = ChangeReport.Change.allCases.compactMap { change -> View? in
            let entries = report.entries.filter { $0.change == change }
            guard !entries.isEmpty else { return nil }
            return ["heading": change.rawValue.capitalized, "count": entries.count, "entries": entries.map(entryView)]
        }
        func groups(_ key: KeyPath<ChangeReport.Entry, [String]>, order: [String], isClause: Bool) -> [View] {
            report.grouped(by: key, order: order).map { group in
                [
                    "id": group.id,
                    "title":
                        (isClause
                        ? handbook.standard.clause(group.id)?.title : handbook.standard.control(group.id)?.title) ?? "",
                    "href": isClause ? linker.clause(group.id) : linker.control(group.id),
                    "entries": group.entries.map(entryView),
                ]
            }
        }
        let byClause = groups(\.clauses, order: handbook.standard.clauses.map(\.id), isClause: true)
        let byControl = groups(\.controls, order: handbook.standard.controls.map(\.id), isClause: false)
        let view: View = [
            "since": report.since, "sinceCommit": String(report.sinceCommit.prefix(7)),
            "head": String(report.head.prefix(7)),
            "summary": ChangeReport.Change.allCases.map { "\(report.count($0)) \($0.rawValue)" }
                .joined(separator: ", "),
            "sections": sections, "hasChanges": !report.entries.isEmpty,
            "byClause": byClause, "hasByClause": !byClause.isEmpty,
            "byControl": byControl, "hasByControl": !byControl.isEmpty,
            "listHref": linker.to(SitePaths.documents),
        ]
        let frame = RenderContext.Frame(
            path: path, kind: "changes", title: "Changes since \(report.since)",
            trail: [("Master list of documents", SitePaths.documents)], crumb: "Changes since \(report.since)",
            section: SitePaths.documents)
        return try context.page(frame, template: "changes", view)
    }
}
