/// The register of nonconformities and corrective actions (`actions.html`, clause 10.2): every
/// record of those kinds with its severity, action status, age, due date, root cause and
/// effectiveness check, open ones first, oldest first, overdue and unverified actions marked.
enum ActionRegister {
    static let kinds: Set<String> = ["nonconformity", "corrective-action"]

    static func render(context: RenderContext) throws -> OutputFile {
        let path = SitePaths.actions
        let linker = Linker(page: path)
        let asOf = context.options.asOf
        var rows: [(open: Bool, date: Day?, id: String, view: View)] = []
        var open = 0
        var overdue = 0
        var unverified = 0
        context.handbook.forEachDocument(of: .record) { document in
            guard document.status != .retired, let record = document.record,
                let kind = record.kind, kinds.contains(kind)
            else { return }
            let action = record.nonconformity
            let isClosed = action?.actionStatus == "closed"
            let isOverdue = !isClosed && (action?.due.map { $0.value < asOf } ?? false)
            let isUnverified = isClosed && action?.effectivenessChecked == nil
            if !isClosed { open += 1 }
            if isOverdue { overdue += 1 }
            if isUnverified { unverified += 1 }
            var view = context.documentRef(document, linker: linker)
            view["kind"] = DocumentDetails.label(kind)
            view["severity"] = severityBadge(action?.severity)
            view["actionStatus"] = statusBadge(action?.actionStatus)
            view["raised"] = context.date(record.date)
            let age = record.date.map { $0.days(until: isClosed ? (action?.effectivenessChecked ?? asOf) : asOf) }
            view["age"] = age.map { RenderText.count(max(0, $0), "day") } ?? "—"
            view["ageSort"] = age ?? -1
            view["due"] = context.date(action?.due?.value)
            view["overdue"] = isOverdue
            view["rootCause"] = action?.rootCause ?? ""
            view["hasRootCause"] = action?.rootCause != nil
            view["checked"] = context.date(action?.effectivenessChecked)
            view["unverified"] = isUnverified
            rows.append((!isClosed, record.date, document.id.value, view))
        }
        // Open first, then oldest first: the ageing an auditor asks about.
        rows.sort { a, b in
            if a.open != b.open { return a.open }
            return (a.date?.description ?? "9999", a.id) < (b.date?.description ?? "9999", b.id)
        }
        let view: View = [
            "rows": rows.map(\.view), "hasRows": !rows.isEmpty,
            "total": RenderText.count(rows.count, "record"), "open": open, "overdue": overdue,
            "unverified": unverified, "hasOverdue": overdue > 0, "hasUnverified": unverified > 0,
        ]
        let frame = RenderContext.Frame(
            path: path, kind: "actions", title: "Nonconformities and corrective actions", section: path)
        return try context.page(frame, template: "actions", view)
    }

    static func severityBadge(_ value: String?) -> View {
        switch value {
        case "major": Badge.make("Major", .bad)
        case "minor": Badge.make("Minor", .warn)
        case "observation": Badge.make("Observation", .info)
        default: Badge.make("Not graded", .muted)
        }
    }

    static func statusBadge(_ value: String?) -> View {
        switch value {
        case "closed": Badge.make("Closed", .ok)
        case "in-progress": Badge.make("In progress", .info)
        case "open": Badge.make("Open", .warn)
        default: Badge.make("No status", .muted)
        }
    }
}
