/// One page per document (`docs/<id>.html`): the metadata panel an auditor reads first, the
/// type's own panel, the body with a table of contents, who refers to it, and previous/next
/// within its type.
enum DocumentPage {
    static func render(_ document: Document, context: RenderContext) throws -> OutputFile {
        let id = document.id.value
        let path = SitePaths.document(id)
        let linker = Linker(page: path)
        let handbook = context.handbook
        let typeList = SitePaths.typeList(document.type)

        var view: View = [
            "id": id,
            "title": document.title,
            "typeName": document.type.displayName,
            "typeHref": linker.to(typeList),
            "status": Badge.status(document.status),
            "evidence": Badge.evidence(document.status),
            "hasVersion": document.version != nil,
            "version": document.version ?? "",
            "effective": context.date(document.effective),
            "review": context.review(document),
            "lastChange": context.date(document.lastChange?.date),
            "lastCommit": document.lastChange?.commit ?? "",
            "owner": roleLink(document.owner?.value, context: context, linker: linker),
            "approvers": document.approvers.map { roleLink($0.value, context: context, linker: linker) },
            "hasApprovers": !document.approvers.isEmpty,
            "approversLabel": document.approvers.count > 1 ? "Approvers" : "Approver",
            "clauses": document.clauses.map { clause -> View in
                [
                    "id": clause.value, "title": handbook.standard.clause(clause.value)?.title ?? "",
                    "href": linker.clause(clause.value), "broken": handbook.standard.clause(clause.value) == nil,
                ]
            },
            "controls": document.controls.map { control -> View in
                [
                    "id": control.value, "title": handbook.standard.control(control.value)?.title ?? "",
                    "href": linker.control(control.value),
                    "broken": handbook.standard.control(control.value) == nil
                        && !ReferenceRules.isOrganisationControlForm(control.value, standard: handbook.standard),
                ]
            },
            "related": document.related.map { context.documentRef($0.value, linker: linker) },
            "tags": document.tags,
        ]
        view["hasClauses"] = !document.clauses.isEmpty
        view["hasControls"] = !document.controls.isEmpty
        view["hasRelated"] = !document.related.isEmpty
        view["hasTags"] = !document.tags.isEmpty
        view["reviewBasis"] = document.reviewSchedule?.explanation ?? false
        view["extraFields"] = document.extraFields.map { ["key": $0.key, "value": $0.value] as View }
        view["hasExtraFields"] = !document.extraFields.isEmpty

        for (key, value) in try DocumentDetails.view(document, context: context, linker: linker) { view[key] = value }
        for (key, value) in HistorySection.view(document, context: context, linker: linker) { view[key] = value }
        view["hasRetention"] = document.retention != nil
        view["retention"] = document.retention?.text ?? ""

        let headings = document.body.headings
        view["toc"] = headings.filter { $0.level <= 3 }.map { heading -> View in
            ["text": heading.text, "slug": heading.slug, "level": heading.level]
        }
        view["hasToc"] = headings.count >= 2
        view["body"] = document.body.html
        view["hasBody"] = !RenderText.isBlank(document.body.html)

        let backlinks = handbook.relations(about: id).referencedBy
        let backlinkList = try context.refList(backlinks, template: "doc-row", linker: linker)
        view["backlinks"] = backlinkList.refs
        view["backlinksHTML"] = backlinkList.html
        view["hasBacklinks"] = !backlinks.isEmpty

        let siblings = context.idsByType[document.type] ?? []
        if let index = Self.position(of: id, inSorted: siblings) {
            view["previous"] = index > 0 ? context.documentRef(siblings[index - 1], linker: linker) : false
            view["next"] = index + 1 < siblings.count ? context.documentRef(siblings[index + 1], linker: linker) : false
        } else {
            view["previous"] = false
            view["next"] = false
        }
        view["typePlural"] = document.type.pluralName

        let frame = RenderContext.Frame(
            path: path, kind: "document", title: document.title, trail: [(document.type.pluralName, typeList)],
            crumb: id, section: typeList)
        return try context.page(frame, template: "document", view)
    }

    /// Where `id` is in the sorted ids of its type: a binary search, not a scan of up to
    /// thousands of ids on each of their pages.
    static func position(of id: String, inSorted ids: [String]) -> Int? {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }

    /// An owner or approver: a link to the role's page, or the id as written if it is not a role.
    static func roleLink(_ id: String?, context: RenderContext, linker: Linker) -> Any {
        guard let id else { return false }
        let role = context.handbook.document(id)
        return [
            "id": id, "title": role?.title ?? id, "href": role.map { linker.document($0.id.value) } ?? "",
            "linked": role != nil,
        ] as View
    }
}
