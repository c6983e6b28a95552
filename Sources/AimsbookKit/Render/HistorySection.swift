/// The "History" section of a document page: every commit that changed the file, newest first,
/// with the version and status it had then, and the approvals its commits record
/// (`Approved-by:` trailers, named by the role's title). Left out outside git.
enum HistorySection {
    static func view(_ document: Document, context: RenderContext, linker: Linker) -> View {
        guard let history = document.history, !history.revisions.isEmpty else { return ["hasHistory": false] }
        func approvals(_ revision: Revision) -> [View] {
            revision.approvals.map { id -> View in
                let role = context.handbook.document(id)
                return [
                    "id": id, "title": role?.title ?? id, "linked": role != nil,
                    "href": role.map { linker.document($0.id.value) } ?? "",
                ]
            }
        }
        let rows = history.revisions.map { revision -> View in
            let approvals = approvals(revision)
            let status = revision.fields?.status
            return [
                "date": context.date(revision.date),
                "commit": revision.shortCommit,
                "fullCommit": revision.commit,
                "author": revision.author,
                "subject": revision.subject,
                "change": changeLabel(revision),
                "hasVersion": revision.fields?.version != nil,
                "version": revision.fields?.version ?? "",
                "hasStatus": status != nil,
                "status": status.flatMap(DocumentStatus.init(rawValue:)).map(Badge.status)
                    ?? Badge.make(status ?? "", .muted),
                "approvals": approvals,
                "hasApprovals": !approvals.isEmpty,
            ]
        }
        var view: View = ["hasHistory": true, "historyRows": rows, "historyCount": history.revisions.count]
        if let approval = history.lastApproval {
            let names = approvals(approval).map { $0["title"] as? String ?? "" }
            view["lastApproval"] =
                [
                    "roles": names.joined(separator: " and "), "date": context.date(approval.date),
                    "commit": approval.shortCommit,
                ] as View
        } else {
            view["lastApproval"] = false
        }
        return view
    }

    static func changeLabel(_ revision: Revision) -> String {
        switch revision.change {
        case .added: "Added"
        case .modified: "Changed"
        case .renamed: revision.changedContent ? "Moved and changed" : "Moved"
        case .removed: "Removed"
        }
    }
}
