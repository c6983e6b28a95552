/// The framework pages: an index of the packs, a page per pack (EU AI Act, ISO/IEC 27001) and per
/// requirement with its crosswalk to ISO/IEC 42001 and the documents covering it, the EU AI Act
/// readiness of every AI system, and the obligation checklist on each AI system's page.
///
/// Coverage is worked out once per build (`FrameworkCoverage`, `AIActObligations`); the pages
/// read flat view models like every other page.
enum FrameworkPages {
    static func jobs(context: RenderContext) -> [PageJob] {
        var jobs = [
            PageJob(SitePaths.frameworks) {
                try indexPage(context: $0, coverage: $0.coverage, obligations: $0.obligations)
            },
            PageJob(SitePaths.aiActReadiness) { try readinessPage(context: $0, obligations: $0.obligations) },
        ]
        for pack in crosswalkPacks(context.handbook.frameworks) {
            jobs.append(
                PageJob(SitePaths.framework(pack.id)) { try packPage(pack, context: $0, coverage: $0.coverage) })
            for (index, requirement) in pack.requirements.enumerated() {
                let previous = index > 0 ? pack.requirements[index - 1] : nil
                let next = index + 1 < pack.requirements.count ? pack.requirements[index + 1] : nil
                jobs.append(
                    PageJob(SitePaths.requirement(requirement.id, in: pack.id)) {
                        try requirementPage(
                            requirement, in: pack, previous: previous, next: next, context: $0,
                            coverage: $0.coverage, obligations: $0.obligations)
                    })
            }
        }
        return jobs
    }

    /// The packs with a crosswalk (all but ISO/IEC 42001, whose clauses and controls have their own pages).
    static func crosswalkPacks(_ frameworks: FrameworkLibrary) -> [FrameworkPack] {
        frameworks.packs.filter { $0.id != "iso42001" }
    }

    /// The sidebar's "Frameworks" section: the readiness overview and each pack.
    static func navigationSection(_ handbook: Handbook) -> Navigation.Section {
        var items = [
            Navigation.Item(path: SitePaths.frameworks, label: "All frameworks"),
            Navigation.Item(path: SitePaths.aiActReadiness, label: "EU AI Act readiness"),
        ]
        items += crosswalkPacks(handbook.frameworks).map {
            Navigation.Item(path: SitePaths.framework($0.id), label: $0.name, count: $0.requirements.count)
        }
        return Navigation.Section(heading: "Frameworks", items: items)
    }

    /// Search entries for the requirement pages, so "Art.14" or "human oversight" finds them.
    static func searchEntries(_ handbook: Handbook) -> [[String]] {
        crosswalkPacks(handbook.frameworks).flatMap { pack in
            pack.requirements.map { requirement in
                let targets = pack.mapping(for: requirement.id)?.targets ?? []
                return SearchIndex.entry(
                    url: SitePaths.requirement(requirement.id, in: pack.id), id: requirement.id,
                    title: requirement.title, type: pack.name, status: "",
                    keywords: ([requirement.group ?? ""] + requirement.appliesTo + targets).joined(separator: " "),
                    text: "\(pack.name) \(requirement.id) \(requirement.title)")
            }
        }
    }

    // MARK: Badges

    static func badge(_ status: RequirementCoverage.Status) -> View {
        switch status {
        case .covered: Badge.make("Covered", .ok)
        case .partial: Badge.make("Partial", .warn)
        case .open: Badge.make("Open", .bad)
        }
    }

    static func badge(_ status: AIActObligations.Obligation.Status) -> View {
        switch status {
        case .covered: Badge.make("Covered", .ok)
        case .partial: Badge.make("Partial", .warn)
        case .open: Badge.make("Open", .bad)
        case .upcoming: Badge.make("Upcoming", .info)
        }
    }

    static func obligationCounts(_ statuses: [AIActObligations.Obligation.Status]) -> String {
        AIActObligations.Obligation.Status.allCases.map { status in
            "\(statuses.filter { $0 == status }.count) \(status.rawValue)"
        }.joined(separator: ", ")
    }

    static func roleLabel(_ role: FrameworkPack.Role?) -> String {
        switch role {
        case .provider: "Provider"
        case .deployer: "Deployer"
        case .both: "Provider and deployer"
        case nil: ""
        }
    }

    static func countsLabel(_ statuses: [RequirementCoverage.Status]) -> String {
        RequirementCoverage.Status.allCases.map { status in
            "\(statuses.filter { $0 == status }.count) \(status.rawValue)"
        }.joined(separator: ", ")
    }

    // MARK: Shared rows

    /// A mapped 42001 clause or control: its page, title, and the documents covering it.
    static func targetRow(
        _ target: RequirementCoverage.Target, context: RenderContext, linker: Linker
    ) throws -> View {
        let standard = context.handbook.standard
        let title = target.isControl ? standard.control(target.id)?.title : standard.clause(target.id)?.title
        let documents = try context.refList(target.documents, template: "ref-id-status", linker: linker)
        let href =
            target.isISO27001
            ? linker.to(SitePaths.requirement(target.id, in: "iso27001"))
            : target.isControl ? linker.control(target.id) : linker.clause(target.id)
        let iso27001Title =
            target.isISO27001 ? context.handbook.frameworks.pack("iso27001")?.requirement(target.id)?.title : nil
        return [
            "id": target.isISO27001 ? "ISO/IEC 27001 \(target.id)" : target.id,
            "title": iso27001Title ?? title ?? "",
            "href": href,
            "kind": target.isISO27001
                ? "ISO/IEC 27001 control (cite it with iso27001: [\(target.id)])"
                : target.isControl
                    ? "Annex A control" + (target.soaStatus.map { ", SoA: \($0)" } ?? ", no SoA decision") : "Clause",
            "documents": documents.refs,
            "documentsHTML": documents.html,
            "hasDocuments": !target.documents.isEmpty,
            "coverage": target.isCovered && !target.isMet
                ? Badge.make("Not implemented in the SoA", .warn)
                : target.isCovered
                    ? Badge.make("Covered", .ok)
                    : target.documents.isEmpty ? Badge.make("No document", .bad) : Badge.make("Drafts only", .warn),
        ]
    }

    /// One line of an AI system's checklist: the obligation, its status, who addresses it, what
    /// is missing (the first `AIActObligations.listedDocuments` documents and how many more).
    static func obligationRow(
        _ duty: AIActObligations.Obligation, context: RenderContext, linker: Linker
    ) -> View {
        let obligation = duty.coverage
        let standard = context.handbook.standard
        var uncovered = obligation.targets.filter { !$0.isCovered }.map { target -> View in
            let id = target.id
            if target.isISO27001 {
                return [
                    "id": "ISO/IEC 27001 \(id)", "href": linker.to(SitePaths.requirement(id, in: "iso27001")),
                    "title": "cite it with iso27001: [\(id)]",
                ]
            }
            let isControl = standard.control(id) != nil
            return [
                "id": id, "href": isControl ? linker.control(id) : linker.clause(id),
                "title": (isControl ? standard.control(id)?.title : standard.clause(id)?.title) ?? "",
            ]
        }
        // A control documents cover but the SoA does not mark implemented is not yet evidence.
        uncovered += obligation.notImplemented.map { target -> View in
            [
                "id": "\(target.id) (SoA: \(target.soaStatus ?? "no decision"))", "href": linker.control(target.id),
                "title": "the SoA does not mark \(target.id) implemented",
            ]
        }
        if obligation.targets.isEmpty, !obligation.citedByApproved {
            uncovered.append([
                "id": "eu_ai_act: [\(obligation.requirement.id)]",
                "href": linker.to(SitePaths.requirement(obligation.requirement.id, in: obligation.pack)),
                "title": "nothing in ISO/IEC 42001 maps to it: an approved document citing it is the evidence",
            ])
        }
        let citing = Set(obligation.direct)
        let addressing = obligation.firstDocuments(AIActObligations.listedDocuments)
        let documents = addressing.first.map { id -> View in
            let document = context.handbook.document(id)
            return [
                "id": id, "href": linker.document(id), "title": document?.title ?? id,
                "approved": document?.status == .approved,
                "status": document.map { Badge.status($0.status) } ?? Badge.make("Unknown", .bad),
                "cites": citing.contains(id),
            ]
        }
        let more = addressing.count - documents.count
        return [
            "id": obligation.requirement.id,
            "title": obligation.requirement.title,
            "href": linker.to(SitePaths.requirement(obligation.requirement.id, in: obligation.pack)),
            "role": roleLabel(duty.role),
            "reason": duty.reason,
            "appliesFrom": duty.appliesFrom.map { RenderText.humanDate($0) } ?? "",
            "hasAppliesFrom": duty.appliesFrom != nil,
            "isUpcoming": duty.status == .upcoming,
            "evidence": badge(obligation.status),
            "status": badge(duty.status),
            "statusSort": AIActObligations.Obligation.Status.allCases.firstIndex(of: duty.status) ?? 0,
            "documents": documents,
            "hasDocuments": !documents.isEmpty,
            "hasMore": more > 0,
            "moreCount": more,
            "uncovered": uncovered,
            "hasUncovered": !uncovered.isEmpty && obligation.status != .covered,
        ]
    }

    /// The checklist of one AI system, for its page and the readiness overview.
    static func checklist(_ system: AIActObligations.System, context: RenderContext, linker: Linker) -> View {
        let rows = system.obligations.map { obligationRow($0, context: context, linker: linker) }
        return [
            "systemID": system.id,
            "systemTitle": system.title,
            "systemHref": linker.document(system.id),
            "euRisk": Badge.euAIActRisk(system.riskClass),
            "provider": DocumentDetails.providerLabel(system.provider),
            "role": roleLabel(system.role),
            "annexIII": system.annexIII.map { point in
                "Annex III \(point)" + (AIActApplicability.annexIIITitle(point).map { ": \($0)" } ?? "")
            } ?? "",
            "hasAnnexIII": system.annexIII != nil,
            "summary": system.summary,
            "obligations": rows,
            "hasObligations": !rows.isEmpty,
            "counts": obligationCounts(system.obligations.map(\.status)),
            "upcomingCount": system.count(.upcoming),
            "openCount": system.count(.open),
            "partialCount": system.count(.partial),
            "coveredCount": system.count(.covered),
            "readinessHref": linker.to(SitePaths.aiActReadiness),
            "packHref": linker.to(SitePaths.framework(AIActObligations.packID)),
        ]
    }

    /// The checklist on an AI system's own page (`{{>framework-checklist}}` in its panel).
    static func systemChecklist(_ document: Document, context: RenderContext, linker: Linker) -> View {
        let handbook = context.handbook
        let system =
            context.obligations.system(document.id.value)
            ?? AIActObligations.system(
                document, handbook: handbook.whole, asOf: context.asOf, coverage: context.coverage)
        return checklist(system, context: context, linker: linker)
    }

    // MARK: Pages

    static func indexPage(
        context: RenderContext, coverage: FrameworkCoverage, obligations: AIActObligations
    ) throws
        -> OutputFile
    {
        let handbook = context.handbook
        let path = SitePaths.frameworks
        let linker = Linker(page: path)
        var packs: [View] = []
        if let hub = handbook.frameworks.pack("iso42001") {
            packs.append([
                "name": hub.name, "title": hub.title, "href": linker.to(SitePaths.clauses),
                "requirements":
                    "\(handbook.standard.clauses.count) clauses, \(handbook.standard.controls.count) Annex A controls",
                "coverage":
                    "The hub every crosswalk leads to; see the clauses, the Annex A controls and the audit readiness report.",
                "note": hub.note ?? "",
            ])
        }
        for pack in crosswalkPacks(handbook.frameworks) {
            let statuses = pack.requirements.map { coverage.coverage(of: $0, in: pack).status }
            packs.append([
                "name": pack.name, "title": pack.title, "href": linker.to(SitePaths.framework(pack.id)),
                "requirements": RenderText.count(pack.requirements.count, "requirement"),
                "coverage": "Across the handbook: " + countsLabel(statuses) + ".",
                "note": pack.note ?? "",
            ])
        }
        let all = obligations.systems.flatMap { $0.obligations.map(\.status) }
        let view: View = [
            "packs": packs,
            "readinessHref": linker.to(SitePaths.aiActReadiness),
            "systemCount": RenderText.count(obligations.systems.count, "AI system"),
            "obligationCounts": obligationCounts(all),
        ]
        let frame = RenderContext.Frame(path: path, kind: "frameworks", title: "Frameworks", section: path)
        return try context.page(frame, template: "frameworks", view)
    }

    static func readinessPage(context: RenderContext, obligations: AIActObligations) throws -> OutputFile {
        let path = SitePaths.aiActReadiness
        let linker = Linker(page: path)
        let systems = obligations.systems.map { checklist($0, context: context, linker: linker) }
        let all = obligations.systems.flatMap { $0.obligations.map(\.status) }
        let view: View = [
            "systems": systems,
            "hasSystems": !systems.isEmpty,
            "systemCount": RenderText.count(systems.count, "AI system"),
            "covered": all.filter { $0 == .covered }.count,
            "partial": all.filter { $0 == .partial }.count,
            "open": all.filter { $0 == .open }.count,
            "upcoming": all.filter { $0 == .upcoming }.count,
            "coveredBadge": badge(AIActObligations.Obligation.Status.covered),
            "partialBadge": badge(AIActObligations.Obligation.Status.partial),
            "openBadge": badge(AIActObligations.Obligation.Status.open),
            "upcomingBadge": badge(AIActObligations.Obligation.Status.upcoming),
            "packHref": linker.to(SitePaths.framework(AIActObligations.packID)),
            "inventoryHref": linker.to(SitePaths.aiSystems),
        ]
        let frame = RenderContext.Frame(
            path: path, kind: "ai-act-readiness", title: "EU AI Act readiness",
            trail: [("Frameworks", SitePaths.frameworks)], section: path)
        return try context.page(frame, template: "framework-readiness", view)
    }

    /// Requirements in groups: a chapter of the Act, or a top-level clause with its subclauses.
    static func groups(_ pack: FrameworkPack) -> [(title: String, requirements: [(FrameworkPack.Requirement, Int)])] {
        if pack.requirements.contains(where: { $0.group != nil }) {
            var groups: [(title: String, requirements: [(FrameworkPack.Requirement, Int)])] = []
            for requirement in pack.requirements {
                let title = requirement.group ?? "Other requirements"
                if let index = groups.firstIndex(where: { $0.title == title }) {
                    groups[index].requirements.append((requirement, 0))
                } else {
                    groups.append((title, [(requirement, 0)]))
                }
            }
            return groups
        }
        let ids = Set(pack.requirements.map(\.id))
        return pack.requirements.filter { $0.parent == nil || !ids.contains($0.parent!) }.map { top in
            var rows: [(FrameworkPack.Requirement, Int)] = []
            func add(_ requirement: FrameworkPack.Requirement, depth: Int) {
                rows.append((requirement, depth))
                for child in pack.children(of: requirement.id) { add(child, depth: depth + 1) }
            }
            add(top, depth: 0)
            return ("\(top.id) \(top.title)", rows)
        }
    }

    static func packPage(
        _ pack: FrameworkPack, context: RenderContext, coverage: FrameworkCoverage
    ) throws
        -> OutputFile
    {
        let path = SitePaths.framework(pack.id)
        let linker = Linker(page: path)
        let standard = context.handbook.standard
        var statuses: [RequirementCoverage.Status] = []
        let groupViews = groups(pack).enumerated().map { index, group -> View in
            let rows = group.requirements.map { requirement, depth -> View in
                let entry = coverage.coverage(of: requirement, in: pack)
                statuses.append(entry.status)
                let targets = entry.targets.map { target -> View in
                    if target.isISO27001 {
                        return [
                            "id": "ISO/IEC 27001 \(target.id)",
                            "href": linker.to(SitePaths.requirement(target.id, in: "iso27001")),
                        ]
                    }
                    let isControl = standard.control(target.id) != nil
                    return ["id": target.id, "href": isControl ? linker.control(target.id) : linker.clause(target.id)]
                }
                return [
                    "id": requirement.id,
                    "title": requirement.title,
                    "href": linker.to(SitePaths.requirement(requirement.id, in: pack.id)),
                    "depth": depth,
                    "appliesTo": requirement.appliesTo.joined(separator: ", "),
                    "role": roleLabel(requirement.role),
                    "targets": targets,
                    "hasTargets": !targets.isEmpty,
                    "documentCount": entry.documentCount,
                    "status": badge(entry.status),
                    "overridden": entry.mapping?.origin != nil,
                    "sharedNote": entry.needsOwnEvidence
                        ? "shared process — add the information-security evidence (cite it with \(pack.citationField ?? "iso27001"): [\(requirement.id)])"
                        : "",
                    "hasSharedNote": entry.needsOwnEvidence,
                    "appliesFrom": AIActObligations.appliesFrom(requirement, settings: context.handbook.settings)
                        .map(\.description) ?? "",
                ]
            }
            return ["title": group.title, "headingID": "group-\(index + 1)", "rows": rows]
        }
        var bases: [View] = []
        for mapping in pack.mappings where !bases.contains(where: { ($0["basis"] as? String) == mapping.basis }) {
            bases.append([
                "basis": mapping.basis, "hasSource": mapping.source != nil, "source": mapping.source ?? "",
                "origin": mapping.origin ?? "", "hasOrigin": mapping.origin != nil,
            ])
        }
        let view: View = [
            "packID": pack.id,
            "name": pack.name,
            "packTitle": pack.title,
            "note": pack.note ?? "",
            "hasNote": pack.note != nil,
            "citation": pack.citationExample ?? "",
            "hasCitation": pack.citationExample != nil,
            "isEUAIAct": pack.id == AIActObligations.packID,
            "readinessHref": linker.to(SitePaths.aiActReadiness),
            "groups": groupViews,
            "counts": countsLabel(statuses),
            "requirementCount": RenderText.count(pack.requirements.count, "requirement"),
            "bases": bases,
        ]
        let frame = RenderContext.Frame(
            path: path, kind: "framework", title: pack.name, trail: [("Frameworks", SitePaths.frameworks)],
            section: path)
        return try context.page(frame, template: "framework", view)
    }

    static func requirementPage(
        _ requirement: FrameworkPack.Requirement, in pack: FrameworkPack, previous: FrameworkPack.Requirement?,
        next: FrameworkPack.Requirement?, context: RenderContext, coverage: FrameworkCoverage,
        obligations: AIActObligations
    ) throws -> OutputFile {
        let path = SitePaths.requirement(requirement.id, in: pack.id)
        let linker = Linker(page: path)
        let entry = coverage.coverage(of: requirement, in: pack)
        let mapping = entry.mapping
        let targets = try entry.targets.map { try targetRow($0, context: context, linker: linker) }
        let systems = obligations.systems.compactMap { system -> View? in
            guard pack.id == AIActObligations.packID,
                let obligation = system.obligations.first(where: { $0.requirement.id == requirement.id })
            else { return nil }
            var row = context.documentRef(system.id, linker: linker)
            row["euRisk"] = Badge.euAIActRisk(system.riskClass)
            row["coverage"] = badge(obligation.status)
            row["role"] = roleLabel(obligation.role)
            row["addressedBy"] = RenderText.count(obligation.coverage.documentCount, "document")
            return row
        }
        func neighbour(_ requirement: FrameworkPack.Requirement?) -> Any {
            guard let requirement else { return false }
            return [
                "id": requirement.id, "title": requirement.title,
                "href": linker.to(SitePaths.requirement(requirement.id, in: pack.id)),
            ] as View
        }
        let parent = requirement.parent.flatMap(pack.requirement)
        let direct = try context.refList(entry.direct, template: "doc-row", linker: linker)
        // The crosswalk between the Act and ISO/IEC 27001's Annex A, both ways.
        let frameworks = context.handbook.frameworks
        let supports = (mapping?.supports ?? []).map { id -> View in
            [
                "id": id, "title": frameworks.pack(AIActObligations.packID)?.requirement(id)?.title ?? "",
                "href": linker.to(SitePaths.requirement(id, in: AIActObligations.packID)),
            ]
        }
        let supportedBy =
            pack.id == AIActObligations.packID
            ? (frameworks.pack("iso27001")?.mappings ?? []).filter { $0.supports.contains(requirement.id) }.map {
                mapping -> View in
                [
                    "id": mapping.requirement,
                    "title": frameworks.pack("iso27001")?.requirement(mapping.requirement)?.title ?? "",
                    "href": linker.to(SitePaths.requirement(mapping.requirement, in: "iso27001")),
                ]
            } : []
        let appliesFrom = AIActObligations.appliesFrom(requirement, settings: context.handbook.settings)
        let view: View = [
            "packName": pack.name,
            "packHref": linker.to(SitePaths.framework(pack.id)),
            "requirementID": requirement.id,
            "requirementTitle": requirement.title,
            "coverage": badge(entry.status),
            "documentCount": RenderText.count(entry.documentCount, "document"),
            "hasParent": parent != nil,
            "parentID": parent?.id ?? "",
            "parentTitle": parent?.title ?? "",
            "parentHref": parent.map { linker.to(SitePaths.requirement($0.id, in: pack.id)) } ?? "",
            "group": requirement.group ?? "",
            "hasGroup": requirement.group != nil,
            "appliesTo": requirement.appliesTo.map { Badge.euAIActRisk($0) },
            "hasAppliesTo": !requirement.appliesTo.isEmpty,
            "role": roleLabel(requirement.role),
            "hasRole": requirement.role != nil,
            "hasMapping": mapping != nil,
            "targets": targets,
            "hasTargets": !targets.isEmpty,
            "basis": mapping?.basis ?? "",
            "hasSource": mapping?.source != nil,
            "source": mapping?.source ?? "",
            "hasOrigin": mapping?.origin != nil,
            "origin": mapping?.origin ?? "",
            "citation": pack.citationField.map { "\($0): [\(requirement.id)]" } ?? "",
            "hasCitation": pack.citationField != nil,
            "direct": direct.refs,
            "directHTML": direct.html,
            "hasDirect": !entry.direct.isEmpty,
            "supports": supports,
            "hasSupports": !supports.isEmpty,
            "supportedBy": supportedBy,
            "hasSupportedBy": !supportedBy.isEmpty,
            "appliesFrom": appliesFrom.map { RenderText.humanDate($0) } ?? "",
            "hasAppliesFrom": appliesFrom != nil,
            "hasSharedNote": entry.needsOwnEvidence,
            "sharedNote": entry.needsOwnEvidence
                ? "Shared process — add the information-security evidence: ISO/IEC 42001's \(mapping?.clauses.joined(separator: ", ") ?? "") is the same process, not the same content. A document citing it with '\(pack.citationField ?? "iso27001"): [\(requirement.id)]' makes it covered."
                : "",
            "isEUAIAct": pack.id == AIActObligations.packID,
            "systems": systems,
            "hasSystems": !systems.isEmpty,
            "readinessHref": linker.to(SitePaths.aiActReadiness),
            "previous": neighbour(previous),
            "next": neighbour(next),
        ]
        let frame = RenderContext.Frame(
            path: path, kind: "requirement", title: "\(pack.name) \(requirement.id) \(requirement.title)",
            trail: [("Frameworks", SitePaths.frameworks), (pack.name, SitePaths.framework(pack.id))],
            crumb: requirement.id, section: SitePaths.framework(pack.id))
        return try context.page(frame, template: "framework-requirement", view)
    }
}

extension SitePaths {
    static let frameworks = "frameworks/index.html"
    static let aiActReadiness = "frameworks/eu-ai-act-readiness.html"
    /// A pack's page; pack ids are the built-in ones (a handbook cannot add packs).
    static func framework(_ pack: String) -> String { "frameworks/\(pack).html" }
    /// A requirement's page; ids are letters, digits, `.` and `-` (checked when a pack is read).
    static func requirement(_ id: String, in pack: String) -> String { "frameworks/\(pack)/\(id.lowercased()).html" }
}
