/// The Statement of Applicability's completeness and its agreement with the risk treatments.
enum SoARules {
    static func check(_ context: Validator.Context) -> [Diagnostic] {
        let handbook = context.handbook
        let soaDocuments = handbook.documents(of: .soa).sorted { $0.path < $1.path }
        guard let soaDocument = handbook.soaDocument else { return [] }
        var diagnostics: [Diagnostic] = []
        for extra in soaDocuments where extra.id.value != soaDocument.id.value {
            diagnostics.append(
                .error(
                    "duplicate-soa",
                    "a handbook has one Statement of Applicability, and \(soaDocument.id.value) (\(soaDocument.path)) is already one; merge the decisions into it",
                    at: extra.id.location))
        }
        let standard = handbook.standard
        let decisions = soaDocument.soaDecisions ?? .init(decisions: [], location: nil)
        let anchor = decisions.location ?? soaDocument.id.location
        let decided = Set(decisions.decisions.map(\.control.value))
        let missing = standard.controls.map(\.id).filter { !decided.contains($0) }
        if !missing.isEmpty {
            let list =
                missing.count > 6
                ? missing.prefix(6).joined(separator: ", ") + " and \(missing.count - 6) more"
                : missing.joined(separator: ", ")
            diagnostics.append(
                .error(
                    "soa-missing-decision",
                    "the Statement of Applicability decides nothing for \(list); every Annex A control needs 'applicable' and a justification",
                    at: anchor))
        }
        for decision in decisions.decisions {
            let control = decision.control
            let organisational = StatementOfApplicability.isOrganisational(decision, standard: standard)
            guard standard.control(control.value) != nil || organisational else {
                diagnostics.append(
                    .error(
                        "soa-unknown-control",
                        "'\(control.value)' is not an Annex A control of ISO/IEC 42001"
                            + Suggestion.standardID(control.value, in: standard.controls.map(\.id))
                            + "; for a control of your own, give it a title: '\(control.value): { title: \"…\", applicable: true, status: planned, justification: \"…\" }'",
                        at: control.location))
                continue
            }
            switch decision.applicable {
            case nil where decision.invalidFields.contains("applicable"):
                break
            case nil:
                diagnostics.append(
                    .error(
                        "soa-missing-applicability",
                        "the decision for \(control.value) does not say whether it applies; add 'applicable: true' or 'applicable: false'",
                        at: control.location))
            case false?:
                if (decision.justification ?? "").allSatisfy(\.isWhitespace) {
                    diagnostics.append(
                        .error(
                            "soa-missing-justification",
                            "\(control.value) is excluded without a justification; say why it does not apply (clause 6.1.3 requires it)",
                            at: control.location))
                }
                if let status = decision.status {
                    diagnostics.append(
                        .error(
                            "soa-status-on-excluded",
                            "\(control.value) is excluded, so it has no implementation status; remove 'status: \(status.value)' or make it applicable",
                            at: status.location))
                }
            case true?:
                if (decision.justification ?? "").allSatisfy(\.isWhitespace) {
                    diagnostics.append(
                        .warning(
                            "soa-missing-justification",
                            "\(control.value) is applicable without a justification; say why it is included (clause 6.1.3 asks for the justification of inclusions too)",
                            at: control.location))
                }
                if decision.status == nil, !decision.invalidFields.contains("status") {
                    diagnostics.append(
                        .warning(
                            "soa-missing-status",
                            "\(control.value) is applicable but has no status; add 'status: planned', 'partial' or 'implemented'",
                            at: control.location))
                }
            }
        }
        let soa = StatementOfApplicability(handbook)
        for entry in soa.allEntries where entry.isApplicable && entry.implementedBy.isEmpty {
            diagnostics.append(
                .warning(
                    "soa-not-implemented",
                    "\(entry.control.id) is applicable, but no document lists it in 'controls'; add it to the policy, procedure or record that implements it",
                    at: entry.decision?.control.location ?? anchor))
        }
        let excluded = Set(soa.allEntries.filter(\.isExcluded).map(\.control.id))
        handbook.forEachDocument(of: .risk) { risk in
            for control in risk.controls where excluded.contains(control.value) {
                diagnostics.append(
                    .error(
                        "soa-excluded-treatment",
                        "\(risk.id.value) is treated with \(control.value), which the Statement of Applicability excludes; include the control or choose another treatment",
                        at: control.location))
            }
        }
        return diagnostics
    }

    /// `controls` entries that are not Annex A ids in form (`ORG-1`), which the document rules
    /// leave to this one: each must be a control of the organisation's own declared in the SoA.
    static func organisationControlCitations(_ context: Validator.Context) -> [Diagnostic] {
        let handbook = context.handbook
        let declared = StatementOfApplicability.organisationControlIDs(handbook)
        var diagnostics: [Diagnostic] = []
        handbook.forEachDocument { document in
            for control in document.controls
            where ReferenceRules.isOrganisationControlForm(control.value, standard: handbook.standard)
                && !declared.contains(control.value)
            {
                diagnostics.append(
                    .error(
                        "unknown-control",
                        "'\(control.value)' is neither an Annex A control of ISO/IEC 42001 nor a control of your own; controls run from A.2.2 to A.10.4, and your own are declared in the Statement of Applicability with a title"
                            + Suggestion.didYouMean(
                                control.value, in: handbook.standard.controls.map(\.id) + declared.sorted()),
                        at: control.location))
            }
        }
        return diagnostics
    }
}
