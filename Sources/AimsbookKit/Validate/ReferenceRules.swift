/// References from front matter and from bodies: to documents of the right type, to clauses
/// and controls of the standard, to files, and to heading anchors.
enum ReferenceRules {
    /// Every reference field of the document's type (`DocumentTypeDescriptor.allReferences`:
    /// owner, approver(s) → role; related → any document; the type's own, such as ai_systems →
    /// ai-system) names an existing document of a type the field expects.
    static func fieldReferences(
        _ context: Validator.Context, _ document: Document, into diagnostics: inout [Diagnostic]
    ) {
        let handbook = context.handbook
        let id = document.id.value
        for field in document.type.descriptor.allReferences {
            let name = field.name(in: document)
            for reference in field.values(document) {
                check(reference, field: field, name: name, from: id, handbook: handbook, into: &diagnostics)
            }
        }
    }

    private static func check(
        _ reference: Located<String>, field: ReferenceField, name: String, from document: String,
        handbook: Handbook, into diagnostics: inout [Diagnostic]
    ) {
        let id = reference.value
        guard let position = handbook.position(of: id) else {
            if handbook.brokenIDs.contains(id) { return }
            let candidates = handbook.documents.filter { field.expects.isEmpty || field.expects.contains($0.type) }
                .map(\.id.value)
            var hint = Suggestion.didYouMean(id, in: candidates)
            if hint.isEmpty, field.expects == [.role] { hint = roleTitleHint(id, handbook: handbook) }
            diagnostics.append(
                .error(
                    "unknown-reference",
                    "'\(name)' names '\(id)', but no document has that id; give the id of \(Article.a(field.expectedKind))"
                        + hint,
                    at: reference.location))
            return
        }
        let targetType = handbook.documents[position].type
        if !field.expects.isEmpty, !field.expects.contains(targetType) {
            diagnostics.append(
                .error(
                    "wrong-reference-type",
                    "'\(name)' must name \(Article.a(field.expectedNames)) document, but \(id) is \(Article.a(targetType.rawValue))",
                    at: reference.location))
        }
        if id == document, !field.mayNameItself {
            diagnostics.append(
                .error(
                    "self-reference", "'\(name)' names the document itself; remove it", at: reference.location))
        }
    }

    /// clauses → clauses 4–10 of ISO/IEC 42001; controls → Annex A.
    static func standardReferences(
        _ context: Validator.Context, _ document: Document, into diagnostics: inout [Diagnostic]
    ) {
        let standard = context.handbook.standard
        var clauseIDs: [String] { standard.clauses.map(\.id) }
        var controlIDs: [String] { standard.controls.map(\.id) }
        for clause in document.clauses where !standard.hasClause(clause.value) {
            var message = "'\(clause.value)' is not a clause of ISO/IEC 42001; cite clauses 4 to 10 such as 6.1.2"
            if standard.hasControl(clause.value) {
                message = "'\(clause.value)' is an Annex A control; list it under 'controls', not 'clauses'"
            } else {
                message += Suggestion.standardID(clause.value, in: clauseIDs)
            }
            diagnostics.append(.error("unknown-clause", message, at: clause.location))
        }
        for control in document.controls
        where !standard.hasControl(control.value) && !isOrganisationControlForm(control.value, standard: standard) {
            var message =
                "'\(control.value)' is not an Annex A control of ISO/IEC 42001; controls run from A.2.2 to A.10.4"
            if standard.hasClause(control.value) {
                message = "'\(control.value)' is a clause; list it under 'clauses', not 'controls'"
            } else {
                message += Suggestion.standardID(control.value, in: controlIDs)
            }
            diagnostics.append(.error("unknown-control", message, at: control.location))
        }
    }

    /// Whether a `controls` entry may name a control of the organisation's own (`ORG-1`): not
    /// written as an Annex A id (`A.` and a digit) nor a clause. The SoA declares those, so a
    /// handbook rule (`SoARules.organisationControlCitations`) checks them.
    static func isOrganisationControlForm(_ id: String, standard: StandardModel) -> Bool {
        if standard.hasClause(id) || id.first?.isNumber == true { return false }
        let characters = Array(id.prefix(3))
        return !(characters.count == 3 && characters[0] == "A" && characters[1] == "." && characters[2].isNumber)
    }

    /// Links in bodies: targets exist, anchors exist in their target, schemes are safe, no raw HTML.
    static func bodyLinks(
        _ context: Validator.Context, _ document: Document, into diagnostics: inout [Diagnostic]
    ) {
        let handbook = context.handbook
        for (link, target) in zip(document.body.links, document.linkTargets) {
            switch target {
            case .unresolved(let reason):
                let code: String
                if link.kind == .wiki, link.destination.first?.isNumber == true {
                    code = "unknown-clause"
                } else if link.kind == .wiki, link.destination.hasPrefix("A.") {
                    code = "unknown-control"
                } else {
                    code = LinkResolver.namesDocumentID(link) ? "unknown-reference" : "broken-link"
                }
                diagnostics.append(
                    .error(code, "the link to '\(link.destination)' does not resolve: \(reason)", at: link.location)
                )
            case .brokenDocument:
                // The file exists but is no document; its own error is the one report.
                break
            case .unsafe(let scheme):
                diagnostics.append(
                    .warning(
                        "unsafe-link",
                        "'\(scheme):' links can run code or hide content, so this link is dropped from the page; link to a page or an https address",
                        at: link.location))
            case .document(let id, let anchor?):
                if let position = handbook.position(of: id),
                    !handbook.documents[position].body.hasAnchor(anchor)
                {
                    diagnostics.append(
                        .error(
                            "unknown-anchor",
                            "\(id) has no heading with the anchor '#\(anchor)'"
                                + Self.anchorAdvice(anchor, headings: handbook.documents[position].body.headings),
                            at: link.location))
                }
            case .inPage(let anchor):
                if !anchor.isEmpty, !document.body.hasAnchor(anchor) {
                    diagnostics.append(
                        .error(
                            "unknown-anchor",
                            "this document has no heading with the anchor '#\(anchor)'"
                                + Self.anchorAdvice(anchor, headings: document.body.headings),
                            at: link.location))
                }
            default:
                break
            }
        }
        // One warning a document, at the first: a table of `<span>`s is one thing to decide about.
        let rawHTML = document.body.rawHTML
        if let first = rawHTML.first {
            let count = rawHTML.count == 1 ? "raw HTML is" : "\(rawHTML.count) pieces of raw HTML (the first here) are"
            diagnostics.append(
                .warning(
                    "raw-html",
                    "\(count) omitted from the page; write it in Markdown, or set 'allow_raw_html: true' in aimsbook.yml (\(SafeHTML.allowed.sorted().joined(separator: ", ")) are kept without attributes, comments are dropped)",
                    at: first))
        }
    }

    /// What to write instead of an anchor no heading has: the closest heading's, else the first
    /// few there are, else the link without its anchor.
    static func anchorAdvice(_ anchor: String, headings: [Heading]) -> String {
        let slugs = headings.map(\.slug)
        let suggestion = Suggestion.didYouMean(anchor, in: slugs)
        if !suggestion.isEmpty { return suggestion }
        guard !slugs.isEmpty else { return "; it has no headings, so link to the document without '#…'" }
        let shown = slugs.prefix(5).map { "'#\($0)'" }.joined(separator: ", ")
        return "; link to one of its headings (\(shown)\(slugs.count > 5 ? ", …" : "")) or drop the '#…'"
    }

    /// "; did you mean ROLE-HOP (Head of Product)?" for a role named by a misspelt title, or by
    /// a part of its title that no other role's title holds ("Chief Risk Officer" for "AI risk
    /// owner (Chief Risk Officer)").
    static func roleTitleHint(_ written: String, handbook: Handbook) -> String {
        let roles = handbook.documents(of: .role)
        if let title = Suggestion.closest(to: written, in: roles.map(\.title)),
            let role = roles.first(where: { $0.title == title })
        {
            return "; did you mean \(role.id.value) (\(title))?"
        }
        let key = RoleTitles.key(written)
        let holding = roles.filter { key.count >= 3 && RoleTitles.key($0.title).contains(key) }
        guard holding.count == 1, let role = holding.first else { return "" }
        return "; did you mean \(role.id.value) (\(role.title))?"
    }
}
