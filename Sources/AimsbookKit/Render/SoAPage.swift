/// The Statement of Applicability page (`soa.html`) and its spreadsheet (`soa.csv`, written by
/// `SoAExport`): counts, the SoA document's own text, then one row per Annex A
/// control grouped by objective. Printable on A4 landscape (the stylesheet's `@page soa`).
enum SoAPage {
    static func render(context: RenderContext) throws -> OutputFile {
        let document = context.handbook.soaDocumentWithBody
        let path = SitePaths.soa
        let linker = Linker(page: path)
        let soa = context.soa
        let counts = soa.counts
        let groups = try tableGroups(context: context, linker: linker)

        let undecided = counts.controls - counts.decided
        let view: View = [
            "hasDocument": document != nil,
            "document": document.map { context.documentRef($0, linker: linker) } ?? false,
            "body": document.map { BodyHTML.html(of: $0, forPage: path, handbook: context.handbook) } ?? "",
            "hasBody": !RenderText.isBlank(document?.body.html ?? ""),
            "version": document?.version ?? "",
            "hasVersion": document?.version != nil,
            "effective": context.date(document?.effective),
            "counts": [
                ["label": "Controls", "value": counts.controls, "tone": "neutral"],
                ["label": "Applicable", "value": counts.applicable, "tone": "accent"],
                ["label": "Excluded", "value": counts.excluded, "tone": "muted"],
                ["label": "Implemented", "value": counts.implemented, "tone": "ok"],
                ["label": "Partial", "value": counts.partial, "tone": "warn"],
                ["label": "Planned", "value": counts.planned, "tone": "info"],
            ] + (undecided > 0 ? [["label": "Undecided", "value": undecided, "tone": "bad"]] : []),
            "groups": groups,
            "csvHref": linker.to(SitePaths.soaCSV),
        ]
        let frame = RenderContext.Frame(path: path, kind: "soa", title: "Statement of Applicability", section: path)
        return try context.page(frame, template: "soa", view)
    }

    /// The table's rows, one per control, grouped by objective, linked from the page of `linker`:
    /// the page's table and the print view's (the `soa-table` template).
    static func tableGroups(context: RenderContext, linker: Linker) throws -> [View] {
        let soa = context.soa
        var groups: [View] = []
        var lastTop: String?
        var current: (objective: StandardModel.Objective, top: StandardModel.Objective, rows: [View])?
        func flush() {
            guard let group = current else { return }
            let nested = group.top.id != group.objective.id
            groups.append([
                "id": group.objective.id, "title": group.objective.title, "rows": group.rows,
                "startsTop": nested && group.top.id != lastTop, "topID": group.top.id, "topTitle": group.top.title,
                "nested": nested,
            ])
            lastTop = group.top.id
        }
        for entry in soa.allEntries {
            if current?.objective.id != entry.objective.id {
                flush()
                current = (entry.objective, entry.topObjective, [])
            }
            let implementation = Badge.implementation(entry)
            let documents = try context.refList(entry.implementedBy, template: "ref-id-link", linker: linker)
            let risks = try context.refList(entry.treatsRisks, template: "ref-id-link", linker: linker)
            current!.rows.append([
                "id": entry.control.id,
                "title": entry.control.title,
                "href": linker.control(entry.control.id),
                "applicability": Badge.applicability(entry),
                "hasImplementation": implementation != nil,
                "implementation": implementation ?? Badge.make("", .muted),
                "hasJustification": !(entry.justification ?? "").isEmpty,
                "justification": entry.justification ?? "",
                "documents": documents.refs,
                "documentsHTML": documents.html,
                "hasDocuments": !entry.implementedBy.isEmpty,
                "risks": risks.refs,
                "risksHTML": risks.html,
                "hasRisks": !entry.treatsRisks.isEmpty,
                "needsDocument": entry.isApplicable && entry.implementedBy.isEmpty,
            ])
        }
        flush()
        return groups
    }

    /// `soa.csv`: a job of its own, as it reads the SoA alone, not the titles the page shows (a
    /// title edit makes the page again, and leaves the spreadsheet as it was).
    static func spreadsheet(context: RenderContext) -> OutputFile {
        .text(SitePaths.soaCSV, SoAExport.csv(context.soa))
    }
}
