import Foundation
import Testing

@testable import AimsbookKit

/// The readiness verdict on fixture handbooks: the sample (ready one month before its stage 1
/// audit) with one thing changed at a time, and `init`'s starter. Each manipulation gives the
/// gate, the status and the finding an auditor would.
@Suite struct ReadinessTests {
    /// The sample handbook's files (path inside content/ → text) and its aimsbook.yml.
    static let sample: (files: [String: String], settings: String) = {
        let source = try! HandbookLoader.load(HandbookPaths(root: Fixtures.repositoryRoot))
        var files: [String: String] = [:]
        for file in source.markdownFiles { files[file.contentPath] = file.text }
        return (files, source.settingsText ?? "")
    }()

    static func report(
        _ edit: (inout [String: String]) -> Void = { _ in }, settings: String = sample.settings,
        asOf: Day = Fixtures.asOf
    ) -> (report: AuditReport, checked: Pipeline.Checked) {
        var files = sample.files
        edit(&files)
        let checked = Pipeline.check(Fixtures.source(files, settings: settings), asOf: asOf)
        return (AuditReport(handbook: checked.handbook, asOf: asOf), checked)
    }

    static func replace(_ files: inout [String: String], _ path: String, _ old: String, _ new: String) {
        let text = files[path]!
        precondition(text.contains(old), "\(path) has no '\(old)'")
        files[path] = text.replacingOccurrences(of: old, with: new)
    }

    /// The 1-based line of the first line of `path` starting with `prefix`.
    static func line(_ files: [String: String], _ path: String, startingWith prefix: String) -> Int {
        files[path]!.components(separatedBy: "\n").firstIndex { $0.hasPrefix(prefix) }! + 1
    }

    static func gate(_ report: AuditReport, _ id: String) -> AuditReport.Gate {
        report.gates.first { $0.id == id }!
    }

    static func item(_ report: AuditReport, _ clause: String, _ evidence: String? = nil) -> AuditReport.MandatoryItem {
        report.mandatory.first { $0.clause == clause && (evidence == nil || $0.evidence == evidence) }!
    }

    @Test func theSampleIsReadyWithAFewNonBlockingFindings() {
        let (report, checked) = Self.report()
        #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(report.ready, "\(report.failedGates.map(\.message))")
        #expect(report.gates.map(\.id) == AuditGates.ids)
        #expect(
            report.mandatory.allSatisfy { $0.status == .covered },
            "\(report.mandatory.filter { $0.status != .covered })")
        #expect((1...5).contains(report.findings.count), "\(report.findings.map(\.message))")
        #expect(Set(report.findings.map(\.kind)).isSubset(of: ["incomplete-approval", "unverified-action"]))
        #expect(report.mandatory.count == 19)
        #expect(
            report.mandatory.filter { $0.clause == "6.1.3" }.map(\.evidence) == ["process", "soa", "treatment-plan"])
        #expect(report.mandatory.contains { $0.clause == "6.1.1" })
    }

    @Test func theStarterApprovedAsItStandsIsNotReady() {
        // The issue's trial: every starter approved with its placeholders, the records dated.
        var files: [String: String] = [:]
        var settings = ""
        for file in StarterHandbook.files() {
            if file.path == "aimsbook.yml" { settings = file.text }
            guard file.path.hasPrefix("content/") else { continue }
            var text = file.text.replacingOccurrences(of: "status: draft", with: "status: approved")
                .replacingOccurrences(of: "status: planned", with: "status: implemented")
            if text.contains("type: record") {
                text = text.replacingOccurrences(of: "record_kind:", with: "date: 2026-10-01\nrecord_kind:")
            }
            files[String(file.path.dropFirst("content/".count))] = text
        }
        let checked = Pipeline.check(Fixtures.source(files, settings: settings), asOf: Fixtures.asOf)
        let report = AuditReport(handbook: checked.handbook, asOf: Fixtures.asOf)
        #expect(!report.ready)
        #expect(Self.gate(report, "no-placeholders").passed == false)
        let placeholders = report.findings.filter { $0.kind == "placeholder-text" }
        #expect(
            placeholders.contains { $0.document == "POL-001" && $0.location?.file == "content/policies/ai-policy.md" })
        #expect(placeholders.contains { $0.document == "SOA-001" && $0.message.contains("To review:") })
        // Body placeholders point at their line.
        let policy = files["policies/ai-policy.md"]!.components(separatedBy: "\n")
        let first = placeholders.first { $0.document == "POL-001" }!
        #expect(
            policy[first.location!.line - 1].contains("To complete:")
                || policy[first.location!.line - 1].contains("To be written"))
        // The internal audit names no audited clauses; the objective's target is "to be set".
        #expect(Self.gate(report, "internal-audit").passed == false)
        #expect(placeholders.contains { $0.document == "OBJ-001" })
        #expect(report.score < 0.9)
    }

    @Test func theFreshStarterIsNotReady() {
        let report = AuditReport(
            handbook: Pipeline.check(AuthoringTests.starterSource(), asOf: Fixtures.asOf).handbook, asOf: Fixtures.asOf)
        #expect(!report.ready)
        #expect(Self.gate(report, "mandatory-information").passed == false)
        #expect(Self.gate(report, "soa-approved").passed == false)
        #expect(Self.gate(report, "treatment-plan-approved").passed == false)
    }

    @Test func withoutRecordsNothingWasPerformed() {
        let (report, _) = Self.report { files in
            for path in files.keys where path.hasPrefix("records/") { files[path] = nil }
        }
        #expect(!report.ready)
        for id in ["internal-audit", "management-review", "treatment-plan-approved", "mandatory-information"] {
            #expect(Self.gate(report, id).passed == false, "\(id)")
        }
        for clause in ["7.2", "9.1", "9.2.2", "9.3.3", "10.2"] {
            #expect(Self.item(report, clause).status == .notPerformed, "\(clause)")
        }
        #expect(Self.item(report, "6.1.3", "treatment-plan").status == .notPerformed)
        // The processes stay covered: they are documented and approved.
        #expect(Self.item(report, "6.1.3", "process").status == .covered)
        #expect(report.findings.contains { $0.kind == "missing-record" })
    }

    @Test func anSoAInDraftFailsItsGate() {
        let (report, _) = Self.report { Self.replace(&$0, "soa.md", "status: approved", "status: draft") }
        #expect(!report.ready)
        #expect(Self.gate(report, "soa-approved").passed == false)
        #expect(Self.gate(report, "soa-approved").message.contains("SOA-001 is draft"))
        #expect(Self.item(report, "6.1.3", "soa").status == .draftOnly)
        #expect(report.findings.contains { $0.kind == "soa-not-approved" && $0.document == "SOA-001" })
    }

    @Test func aReviewDatedInTheFutureCountsForNothing() {
        let path = "records/2026-10-management-review-minutes.md"
        let (report, _) = Self.report { Self.replace(&$0, path, "date: 2026-10-22", "date: 2031-10-22") }
        let finding = report.findings.first { $0.kind == "future-date" }
        #expect(finding?.document == "REC-002")
        #expect(finding?.location?.file == "content/\(path)")
        #expect(finding?.location?.line == Self.line(Self.sample.files, path, startingWith: "date:"))
        #expect(Self.gate(report, "management-review").passed == false)
        #expect(Self.item(report, "9.3.3").status == .notPerformed)
        #expect(!report.ready)
    }

    @Test func aReviewBeforeTheLatestAuditFailsTheReviewGate() {
        let (report, _) = Self.report {
            Self.replace(&$0, "records/2026-10-internal-audit-ia-2026-3.md", "date: 2026-10-09", "date: 2026-11-05")
        }
        #expect(Self.gate(report, "internal-audit").passed)
        #expect(Self.gate(report, "management-review").passed == false)
        #expect(Self.gate(report, "management-review").message.contains("before the internal audit of 2026-11-05"))
    }

    @Test func auditsThatLeaveAClauseUnauditedFailTheAuditGate() {
        let (report, _) = Self.report {
            Self.replace(
                &$0, "records/2026-10-internal-audit-ia-2026-3.md", "9.3, 10.1, 10.2]", "9.3]")
        }
        #expect(Self.gate(report, "internal-audit").passed == false)
        #expect(Self.gate(report, "internal-audit").message.contains("did not examine clause 10"))
    }

    @Test func residualAboveInherentIsAFindingAtTheScore() {
        let path = "risks/risk-008-llm-outage.md"
        let (report, _) = Self.report { files in
            Self.replace(&files, path, "residual_likelihood: 2", "residual_likelihood: 5")
            Self.replace(&files, path, "residual_impact: 2", "residual_impact: 5")
        }
        let finding = report.findings.first { $0.kind == "residual-above-inherent" }
        #expect(finding?.document == "RISK-008")
        #expect(finding?.location?.line == Self.line(Self.sample.files, path, startingWith: "residual_likelihood:"))
        // 25 is above the threshold (9) and nobody accepted it.
        #expect(report.findings.contains { $0.kind == "residual-not-accepted" && $0.document == "RISK-008" })
        #expect(Self.gate(report, "treatment-plan-approved").passed == false)
        #expect(Self.item(report, "6.1.3", "treatment-plan").status == .notPerformed)
    }

    @Test func residualAcceptedByARoleNotAllowedIsAFinding() {
        let (report, _) = Self.report {
            Self.replace(
                &$0, "risks/risk-005-cv-discrimination.md", "accepted_by: ROLE-CEO", "accepted_by: ROLE-HR-OWNER")
        }
        #expect(report.findings.contains { $0.kind == "residual-not-accepted" && $0.message.contains("ROLE-HR-OWNER") })
        #expect(!report.ready)
    }

    @Test func anObjectiveWithoutTargetPastItsDue() {
        let path = "objectives/obj-002-chatbot-accuracy.md"
        let (report, _) = Self.report { files in
            let text = files[path]!.components(separatedBy: "\n").filter { !$0.hasPrefix("target:") }
            files[path] = text.joined(separator: "\n").replacingOccurrences(
                of: "due: 2027-03-31", with: "due: 2026-11-01")
        }
        #expect(report.findings.contains { $0.kind == "objective-without-target" && $0.document == "OBJ-002" })
        let overdue = report.findings.first { $0.kind == "objective-overdue" }
        #expect(overdue?.document == "OBJ-002")
        #expect(overdue?.location?.file == "content/\(path)")
        // Findings do not block: only gates do.
        #expect(report.ready)
    }

    @Test func anApplicableControlWithoutJustification() {
        let (report, checked) = Self.report { files in
            Self.replace(
                &files, "soa.md",
                "A.2.2: { applicable: true, status: implemented, justification: \"An AI policy is required to direct the AIMS; see POL-001 and POL-002\" }",
                "A.2.2: { applicable: true, status: implemented }")
        }
        #expect(report.findings.contains { $0.kind == "soa-missing-justification" && $0.message.hasPrefix("A.2.2") })
        let diagnostic = checked.diagnostics.first { $0.code == "soa-missing-justification" }
        #expect(diagnostic?.severity == .warning)
        #expect(diagnostic?.location.line == Self.line(Self.sample.files, "soa.md", startingWith: "  A.2.2:"))
    }

    @Test func anOrganisationControlWithATitleIsListedAfterAnnexA() throws {
        // The sample declares ORG-1 with a title; the life-cycle procedure implements it.
        let (report, checked) = Self.report()
        #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty, "\(checked.diagnostics.map(\.message))")
        let soa = StatementOfApplicability(checked.handbook)
        #expect(soa.organisationEntries.map(\.control.id) == ["ORG-1"])
        #expect(soa.organisationEntries.first?.implementedBy == ["PROC-004"])
        #expect(soa.allEntries.last?.control.title == "Model card for every AI system in use")
        let csv = SoAExport.csv(soa).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(csv.last?.hasPrefix("ORG-1,Model card for every AI system in use,ORG ") == true)
        let json = SoAExport.json(soa)
        #expect(json.contains("\"control\": \"ORG-1\""))
        #expect(
            json.range(of: "\"control\": \"A.10.4\"")!.lowerBound < json.range(of: "\"control\": \"ORG-1\"")!.lowerBound
        )
        #expect(report.soa.controls == 38, "the summary stays Annex A's")
        // A second one written in the SoA and cited by a procedure is listed in the order written.
        let (_, second) = Self.report { files in
            Self.replace(
                &files, "soa.md", "decisions:\n",
                "decisions:\n  ORG-2: { title: \"Red-team every chatbot release\", applicable: true, status: planned, justification: \"Prompt injection (RISK-004)\" }\n"
            )
            Self.replace(&files, "procedures/ai-system-lifecycle.md", "controls: [", "controls: [ORG-2, ")
        }
        #expect(second.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(StatementOfApplicability(second.handbook).organisationEntries.map(\.control.id) == ["ORG-2", "ORG-1"])
        // Without its title ORG-1 is an unknown control, and so is its citation.
        let (_, untitled) = Self.report { files in
            Self.replace(&files, "soa.md", "ORG-1: { title: \"Model card for every AI system in use\", ", "ORG-1: { ")
        }
        #expect(
            Set(untitled.diagnostics.filter { $0.severity == .error }.map(\.code)) == [
                "soa-unknown-control", "unknown-control",
            ])
    }

    @Test func aRecordOlderThanItsIntervalStopsCovering() {
        let settings = Self.sample.settings.replacingOccurrences(of: "monitoring: 3", with: "monitoring: 1")
        let (report, _) = Self.report(settings: settings)
        #expect(Self.item(report, "9.1").status == .notPerformed)
        #expect(Self.item(report, "9.1").note?.contains("older than its 1-month interval") == true)
        let stale = report.findings.first { $0.kind == "stale-record" }
        #expect(stale?.document == "REC-004")
        #expect(stale?.message.contains("the next was due 2026-11-10") == true)
        #expect(!report.ready)
    }

    @Test func anImpactAssessmentOfAnotherSystemIsAMismatch() {
        let (report, _) = Self.report {
            Self.replace(
                &$0, "ai-systems/support-chatbot.md", "impact_assessment: IA-CHATBOT", "impact_assessment: IA-CREDIT")
        }
        let finding = report.findings.first { $0.kind == "impact-assessment-mismatch" }
        #expect(finding?.document == "AIS-CHATBOT")
        #expect(
            finding?.location?.line
                == Self.line(Self.sample.files, "ai-systems/support-chatbot.md", startingWith: "impact_assessment:"))
    }

    @Test func anOverdueActionFailsTheNonconformityGate() {
        let (report, _) = Self.report {
            Self.replace(&$0, "records/2026-09-nonconformity-nc-2026-04.md", "due: 2026-12-31", "due: 2026-10-31")
        }
        #expect(report.findings.contains { $0.kind == "overdue-action" && $0.document == "REC-005" })
        #expect(Self.gate(report, "nonconformities").passed == false)
        #expect(!report.ready)
    }

    @Test func approvalWithoutApproverAndSelfApprovedPolicies() {
        let (report, _) = Self.report { files in
            Self.replace(&files, "policies/ai-policy.md", "approver: ROLE-CEO", "approver: ROLE-AIGO")
            Self.replace(&files, "policies/ai-policy.md", "version: \"", "x_version: \"")
        }
        #expect(report.findings.contains { $0.kind == "self-approved-policy" && $0.document == "POL-001" })
        #expect(
            report.findings.contains {
                $0.kind == "incomplete-approval" && $0.document == "POL-001" && $0.message.contains("version")
            })
    }

    @Test func theJSONCarriesVerdictGatesAndPlaces() throws {
        let (report, _) = Self.report { Self.replace(&$0, "soa.md", "status: approved", "status: draft") }
        let json = try JSONSerialization.jsonObject(with: Data(AuditReportWriter.json(report).utf8)) as! [String: Any]
        #expect(json["ready"] as? Bool == false)
        let gates = json["gates"] as! [[String: Any]]
        #expect(gates.map { $0["id"] as! String } == AuditGates.ids)
        #expect(gates.first { $0["id"] as? String == "soa-approved" }?["passed"] as? Bool == false)
        for key in ["asOf", "mandatory", "soa", "findings", "score"] { #expect(json[key] != nil, "\(key)") }
        let finding = (json["findings"] as! [[String: Any]]).first { $0["kind"] as? String == "soa-not-approved" }!
        #expect(finding["file"] as? String == "content/soa.md")
        #expect(finding["line"] as? Int == 2)
        let text = AuditReportWriter.text(report)
        #expect(text.hasPrefix("Audit readiness as of 2026-11-29: NOT READY: 2 of 7 gates fail\n"))
        #expect(text.contains("✗ soa-approved: SOA-001 is draft"))
        #expect(text.contains("not a certification decision"))
    }
}

@Suite struct AuditSettingsTests {
    @Test func intervalsAndRiskCriteriaAreRead() {
        let (settings, diagnostics) = Settings.parse(
            """
            intervals:
              monitoring: 6
            risk_criteria:
              bands:
                - { name: low, max: 6, colour: "#00ff00" }
                - { name: high, max: 25 }
              acceptance_threshold: 6
              accepted_by: [ROLE-CEO]
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(settings.intervals.months(for: "monitoring") == 6)
        #expect(settings.intervals.months(for: "internal-audit") == 12)
        #expect(settings.riskCriteria.bands.map(\.name) == ["low", "high"])
        #expect(settings.riskCriteria.band(of: 6).colour == "#00ff00")
        #expect(settings.riskCriteria.band(of: 7).name == "high")
        #expect(settings.riskCriteria.acceptanceThreshold == 6)
        #expect(settings.riskCriteria.acceptors == ["ROLE-CEO"])
    }

    @Test func badValuesAreDiagnosticsAtTheirLine() {
        let (_, diagnostics) = Settings.parse(
            """
            intervals:
              monitoring: often
              audits: 12
            risk_criteria:
              bands:
                - { name: low, max: 4, colour: "red; background: url(x)" }
              acceptance_threshold: 40
            """)
        let summary = diagnostics.map { "\($0.severity.rawValue) \($0.code) \($0.location.line)" }
        #expect(
            summary == [
                "error invalid-setting 2", "warning unknown-setting 3", "error invalid-setting 6",
                "error invalid-setting 7",
            ])
    }

    @Test func monthsAreAddedOnTheCalendar() {
        #expect(Day("2026-01-31")!.adding(months: 1) == Day("2026-02-28"))
        #expect(Day("2026-10-10")!.adding(months: 3) == Day("2027-01-10"))
        #expect(Day("2026-11-29")!.adding(months: -12) == Day("2025-11-29"))
    }

    @Test func theHeatMapsAndRegisterUseTheBands() throws {
        let files = ReadinessTests.sample.files
        let settings = """
            risk_criteria:
              bands:
                - { name: acceptable, label: Acceptable, max: 8, colour: "#aaffaa" }
                - { name: unacceptable, label: Unacceptable, max: 25, colour: "#ffaaaa" }
              acceptance_threshold: 8
            """
        let checked = Pipeline.check(Fixtures.source(files, settings: settings), asOf: Fixtures.asOf)
        let pages = Fixtures.pages(try SiteRenderer.render(checked.handbook, options: .init(asOf: Fixtures.asOf)))
        let risks = pages["risks.html"]!
        #expect(risks.contains("class=\"heat-acceptable\" style=\"background:#aaffaa\""))
        #expect(risks.contains("Unacceptable 9–25"))
        #expect(risks.contains("acceptance threshold (8)"))
        #expect(pages["docs/risk-001.html"]!.contains("Acceptable · 8"))
    }
}

@Suite struct BodyPlaceholderTests {
    static func scan(_ body: String) -> [String] {
        let source = "---\nid: POL-1\ntype: policy\ntitle: P\nowner: ROLE-1\nstatus: approved\n---\n" + body
        let checked = Pipeline.check(Fixtures.source(["p.md": source]), asOf: Fixtures.asOf)
        let document = checked.handbook.document("POL-1")!
        return BodyPlaceholder.scan(document).map { "\($0.line) \($0.emptySection ? "section" : "text") \($0.text)" }
    }

    @Test func markersAreFoundAtTheirLineAndOnlyAsWords() {
        #expect(Self.scan("# Purpose\nTODOS and MASTODON are words.\nA TBD here.\n") == ["10 text TBD"])
        #expect(Self.scan("# Purpose\n_To be written._\n") == ["9 text To be written"])
        #expect(Self.scan("# Purpose\nDone.\n```\nTODO in code\n```\n") == [])
    }

    @Test func emptySectionsAreHeadingsWithNothingUnderThem() {
        #expect(
            Self.scan("# Purpose\n\n## Steps\n1. Work.\n## Records\n\n# Review\n") == [
                "12 section Records", "14 section Review",
            ])
        #expect(Self.scan("# Purpose\n## Steps\nText.\n") == [], "a subheading with text fills its parent")
        #expect(Self.scan("# Purpose\n```\ncode\n```\n") == [], "a code block is content")
    }
}

@Suite struct BodyPlaceholderEdgeTests {
    @Test func markersAtTheEdgesOfLinesAndOfTheBody() {
        #expect(BodyPlaceholderTests.scan("# Purpose\nTODO") == ["9 text TODO"], "the body's last line, no newline")
        #expect(BodyPlaceholderTests.scan("# Purpose\r\nText, TBD\r\n") == ["9 text TBD"], "a CRLF line")
        #expect(BodyPlaceholderTests.scan("# Purpose\néTODO and TODOé\n") == [], "letters beyond ASCII are word bytes")
        #expect(BodyPlaceholderTests.scan("# Purpose\n  ~~~\nTBD\n  ~~~\n") == [], "an indented tilde fence")
    }

    @Test func anEmptySectionKeepsItsHeadingBeyondASCII() {
        #expect(BodyPlaceholderTests.scan("# Zweck\n## Maßnahmen ✓\n# Prüfung\nText.\n") == ["9 section Maßnahmen ✓"])
    }
}
