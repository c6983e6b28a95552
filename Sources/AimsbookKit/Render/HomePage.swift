/// The home page (`index.html`): who the handbook belongs to, its scope, and the handbook's
/// status at a glance — audit readiness, the SoA, documents by type and status, overdue reviews.
enum HomePage {
    static let overdueShown = 8

    /// The scope document: an approved document addressing 4.3, policies first; else any document addressing it.
    static func scopeDocument(_ handbook: HandbookReader) -> Document? {
        let candidates = handbook.documents(addressing: "4.3").compactMap(handbook.document)
        return candidates.sorted { a, b in
            let keyA = (a.status == .approved ? 0 : 1, a.type.order, a.id.value)
            let keyB = (b.status == .approved ? 0 : 1, b.type.order, b.id.value)
            return keyA < keyB
        }.first
    }

    static func jobs(context: RenderContext) -> [PageJob] {
        [
            PageJob(SitePaths.home, one: render), PageJob(SitePaths.risks, one: RiskRegister.render),
            PageJob(SitePaths.aiSystems, one: AISystemInventory.render),
            PageJob(SitePaths.roles, one: RoleDirectory.render), PageJob(SitePaths.audit, one: AuditPage.render),
            PageJob(SitePaths.actions, one: ActionRegister.render),
        ] + StaticPages.jobs(context: context)
    }

    static func render(context: RenderContext) throws -> OutputFile {
        let path = SitePaths.home
        let linker = Linker(page: path)
        let handbook = context.handbook
        let audit = context.audit
        let counts = context.soa.counts

        let statuses = DocumentStatus.allCases
        let typeRows = DocumentType.allCases.map { type -> View in
            [
                "name": type.pluralName, "href": linker.typeList(type),
                "total": handbook.count(of: type),
                "cells": statuses.map { status in ["count": handbook.count(of: type, status: status)] as View },
            ]
        }
        let all = handbook.documents
        var overdue: [(review: Day, id: String, position: Int)] = []
        for (position, document) in all.enumerated()
        where RenderContext.isOverdue(review: document.review?.value, status: document.status, asOf: context.asOf) {
            overdue.append((document.review!.value, document.id.value, position))
        }
        overdue.sort { ($0.review, $0.id) < ($1.review, $1.id) }
        let overdueShownDocuments = overdue.prefix(overdueShown).map { all[$0.position] }
        let overdueRows = overdueShownDocuments.map { document -> View in
            var row = context.documentRef(document, linker: linker)
            row["review"] = context.review(document)
            return row
        }
        let scope = scopeDocument(handbook)
        let score = Int((audit.score * 100).rounded())
        let highRiskSystems = handbook.count(of: .aiSystem) { $0.aiSystem?.euAIActRisk == "high" }
        let view: View = [
            "hasScope": scope != nil,
            "scope": scope.map { context.documentRef($0, linker: linker) } ?? false,
            "score": score,
            "scoreBadge": AuditPage.verdictBadge(audit),
            "mandatoryCovered": audit.coveredCount,
            "mandatoryTotal": audit.mandatory.count,
            "findingCount": RenderText.count(audit.findings.count, "finding"),
            "hasSoA": context.soa.document != nil,
            "soaApplicable": counts.applicable,
            "soaImplemented": counts.implemented,
            "soaControls": counts.controls,
            "soaExcluded": counts.excluded,
            "documentTotal": handbook.documentCount,
            "statusHeaders": statuses.map { ["label": Badge.status($0)["label"]!] as View },
            "typeRows": typeRows,
            "statusTotals": statuses.map { status in ["count": handbook.count(status: status)] as View },
            "overdue": overdueRows,
            "hasOverdue": !overdue.isEmpty,
            "overdueCount": RenderText.count(overdue.count, "review"),
            "moreOverdue": overdue.count > overdueShown,
            "moreOverdueCount": overdue.count - overdueShown,
            "riskCount": handbook.count(of: .risk),
            "highResidual": handbook.count(of: .risk) { ($0.risk?.residualScore ?? 0) >= 10 },
            "systemCount": handbook.count(of: .aiSystem),
            "highRiskSystems": highRiskSystems,
            "soaHref": linker.to(SitePaths.soa),
            "risksHref": linker.to(SitePaths.risks),
            "systemsHref": linker.to(SitePaths.aiSystems),
            "rolesHref": linker.to(SitePaths.roles),
            "clausesHref": linker.to(SitePaths.clauses),
            "controlsHref": linker.to(SitePaths.controls),
        ]
        let frame = RenderContext.Frame(path: path, kind: "home", title: handbook.settings.title, section: path)
        return try context.page(frame, template: "home", view)
    }
}
