/// The sidebar and breadcrumbs. The sidebar's items are computed once per build — types with
/// their counts, clauses 4–10, the compliance views — never one link per document, so a page
/// costs the same with 20 or 2,000 documents (the quadratic-navigation trap of MkDocs and Hugo).
struct Navigation {
    struct Item {
        var path: String
        var label: String
        var count: Int?
    }

    struct Section {
        var heading: String
        var items: [Item]
    }

    let sections: [Section]
    /// Every page the sidebar links to.
    let paths: Set<String>

    init(handbook: Handbook) {
        var counts: [DocumentType: Int] = [:]
        for document in handbook.documents { counts[document.type, default: 0] += 1 }
        let compliance = Section(
            heading: "Compliance",
            items: [
                Item(path: SitePaths.soa, label: "Statement of Applicability"),
                Item(path: SitePaths.risks, label: "Risk register", count: counts[.risk] ?? 0),
                Item(path: SitePaths.aiSystems, label: "AI system inventory", count: counts[.aiSystem] ?? 0),
                Item(path: SitePaths.roles, label: "Role directory", count: counts[.role] ?? 0),
                Item(path: SitePaths.audit, label: "Audit readiness"),
                Item(path: SitePaths.documents, label: "Master list", count: handbook.documents.count),
                Item(path: SitePaths.actions, label: "Nonconformities and actions"),
            ])
        let documents = Section(
            heading: "Documents",
            items: DocumentType.allCases.map { type in
                Item(path: SitePaths.typeList(type), label: type.pluralName, count: counts[type] ?? 0)
            })
        var standardItems = handbook.standard.clauses.filter { $0.parent == nil }.map { clause in
            Item(path: SitePaths.clause(clause.id), label: "\(clause.id) \(clause.title)")
        }
        standardItems.insert(Item(path: SitePaths.clauses, label: "All clauses"), at: 0)
        standardItems.append(
            Item(path: SitePaths.controls, label: "Annex A controls", count: handbook.standard.controls.count))
        sections = [
            Section(
                heading: "Overview",
                items: [Item(path: SitePaths.home, label: "Home"), Item(path: SitePaths.print, label: "Print view")]),
            compliance, documents, Section(heading: "ISO/IEC 42001", items: standardItems),
            FrameworkPages.navigationSection(handbook),
        ]
        paths = Set(sections.flatMap { $0.items.map(\.path) })
    }

    /// The sidebar for one page: `aria-current="page"` on the link to the page itself, and a
    /// highlight on the section the page belongs to (`sectionPath`, e.g. its type's list).
    func view(linker: Linker, sectionPath: String?) -> [View] {
        sections.map { section in
            [
                "heading": section.heading,
                "items": section.items.map { item -> View in
                    [
                        "href": linker.to(item.path),
                        "label": item.label,
                        "hasCount": item.count != nil,
                        "count": item.count ?? 0,
                        "current": item.path == linker.page,
                        "inSection": item.path != linker.page && item.path == sectionPath,
                    ]
                },
            ]
        }
    }

    /// Breadcrumbs from Home to the page; the last crumb is the page itself (not a link).
    static func breadcrumbs(
        _ trail: [(label: String, path: String)], current: String, linker: Linker
    ) -> [View] {
        var crumbs: [View] = [["label": "Home", "href": linker.to(SitePaths.home), "isLink": true]]
        for crumb in trail {
            crumbs.append(["label": crumb.label, "href": linker.to(crumb.path), "isLink": true])
        }
        crumbs.append(["label": current, "href": "", "isLink": false])
        return crumbs
    }
}
