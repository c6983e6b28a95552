import Testing

@testable import AimsbookKit

@Suite struct SoAAndAuditTests {
    static let controls = StandardModel.iso42001.controls.map(\.id)

    static func handbook(decisions: [String: String], extra: [String: String] = [:]) -> Handbook {
        var soa = "---\nid: SOA-001\ntype: soa\ntitle: SoA\nstatus: approved\nclauses: [6.1.3]\ndecisions:\n"
        for control in controls {
            soa += "  \(control): \(decisions[control] ?? "{ applicable: false, justification: \"n/a\" }")\n"
        }
        soa += "---\n"
        var files = extra
        files["soa.md"] = soa
        files["roles/owner.md"] = "---\nid: ROLE-OWNER\ntype: role\ntitle: Owner\nstatus: approved\n---\n"
        return Pipeline.check(Fixtures.source(files), asOf: Fixtures.asOf).handbook
    }

    @Test func derivesImplementationFromDocuments() {
        let handbook = Self.handbook(
            decisions: ["A.2.2": "{ applicable: true, status: implemented, justification: \"policy\" }"],
            extra: [
                "pol.md":
                    "---\nid: POL-001\ntype: policy\ntitle: P\nowner: ROLE-OWNER\nstatus: approved\ncontrols: [A.2.2]\n---\n",
                "risk.md":
                    "---\nid: RISK-001\ntype: risk\ntitle: R\nowner: ROLE-OWNER\nstatus: approved\ncontrols: [A.2.2]\n---\n",
            ])
        let soa = StatementOfApplicability(handbook)
        let entry = soa.entries.first { $0.control.id == "A.2.2" }!
        #expect(entry.implementedBy == ["POL-001"])
        #expect(entry.treatsRisks == ["RISK-001"])
        #expect(
            soa.counts
                == .init(controls: 38, decided: 38, applicable: 1, excluded: 37, implemented: 1, partial: 0, planned: 0)
        )
        #expect(soa.entries.map(\.control.id) == Self.controls, "Annex A order")
    }

    @Test func csvIsRFC4180AndSafeInSpreadsheets() throws {
        let handbook = Self.handbook(decisions: [
            "A.2.2": "{ applicable: true, status: partial, justification: \"Needed, \\\"really\\\"\\nsee note\" }",
            "A.2.3": "{ applicable: false, justification: \"=HYPERLINK(1)\" }",
        ])
        let csv = SoAExport.csv(StatementOfApplicability(handbook))
        let rows = csv.dropFirst().components(separatedBy: "\r\n")
        #expect(
            csv.hasPrefix(
                "\u{FEFF}control,title,objective,applicable,status,justification,implemented by,treats risks\r\n"))
        #expect(
            rows[1].hasPrefix(
                "A.2.2,AI policy,A.2 Policies related to AI,yes,partial,\"Needed, \"\"really\"\"\nsee note\","))
        #expect(rows.contains { $0.hasPrefix("A.2.3,") && $0.contains(",'=HYPERLINK(1),") })
        try assertSnapshot(SoAExport.table(StatementOfApplicability(handbook)), named: "soa-table.txt")
    }

    @Test func csvFieldsAreQuotedByTheirBytes() {
        #expect(SoAExport.csvField("RISK-1 RISK-2") == "RISK-1 RISK-2")
        #expect(SoAExport.csvField("a,b") == "\"a,b\"")
        // "\r\n" is one Character: a test per character missed it, a spreadsheet does not.
        #expect(SoAExport.csvField("first\r\nsecond") == "\"first\r\nsecond\"")
        #expect(SoAExport.csvField("say \"no\"") == "\"say \"\"no\"\"\"")
        #expect(SoAExport.csvField("-1+1") == "'-1+1")
        #expect(SoAExport.csvField("@SUM(A1)") == "'@SUM(A1)")
        #expect(SoAExport.csvField("é=1") == "é=1")
    }

    @Test func auditReportsMissingDraftOnlyAndCovered() {
        let handbook = Self.handbook(
            decisions: [:],
            extra: [
                "scope.md":
                    "---\nid: SCOPE\ntype: policy\ntitle: Scope\nowner: ROLE-OWNER\nstatus: approved\nclauses: [4.3]\nreview: 2026-01-01\n---\n",
                "policy.md":
                    "---\nid: POL-001\ntype: policy\ntitle: AI policy\nowner: ROLE-OWNER\nstatus: draft\nclauses: [5.2]\n---\n",
                "ai.md":
                    "---\nid: AIS-1\ntype: ai-system\ntitle: Scoring\nowner: ROLE-OWNER\nstatus: approved\nlifecycle: deployed\neu_ai_act_risk: high\n---\n",
                "risk.md":
                    "---\nid: RISK-1\ntype: risk\ntitle: Bias\nowner: ROLE-OWNER\nstatus: approved\ntreatment: mitigate\nai_systems: [AIS-1]\n---\n",
            ])
        let report = AuditReport(handbook: handbook, asOf: Fixtures.asOf)
        // Keyed by clause and evidence: 6.1.3 has three items (process, SoA, treatment plan).
        let status = Dictionary(
            uniqueKeysWithValues: report.mandatory.map { ($0.clause + " " + $0.evidence, $0.status) })
        #expect(status["4.3 process"] == .covered)
        #expect(status["5.2 process"] == .draftOnly)
        #expect(status["6.1.3 soa"] == .covered)
        #expect(status["6.1.3 process"] == .missing)
        #expect(status["6.1.3 treatment-plan"] == .missing)
        #expect(status["9.2.2 records"] == .missing)
        #expect(report.ready == false)
        let kinds = Set(report.findings.map(\.kind))
        #expect(
            kinds.isSuperset(of: [
                "overdue-review", "untreated-risk", "missing-impact-assessment", "missing-human-oversight",
                "missing-record",
            ]))
        #expect(report.findings.first { $0.kind == "overdue-review" }?.document == "SCOPE")
        #expect(report.score > 0 && report.score < 1)
        let json = AuditReportWriter.json(report)
        #expect(json.contains("\"asOf\": \"2026-11-29\""))
        #expect(json.contains("\"status\": \"draft-only\""))
    }

    @Test func scoreIsOneForAFullyCoveredHandbookWithoutFindings() {
        let soa = StatementOfApplicability(Self.handbook(decisions: [:]))
        let mandatory = StandardModel.iso42001.mandatory.map {
            AuditReport.MandatoryItem(
                clause: $0.clause, clauseTitle: "", what: $0.what, status: .covered, documents: ["X"])
        }
        let passed = AuditGates.ids.map { AuditReport.Gate(id: $0, passed: true, message: "") }
        #expect(AuditReport.score(mandatory: mandatory, soa: soa, gates: passed, findings: 0) == 1)
        let half = mandatory.map { item -> AuditReport.MandatoryItem in
            var item = item
            item.status = .draftOnly
            return item
        }
        let failed = passed.map { gate -> AuditReport.Gate in
            var gate = gate
            gate.passed = false
            return gate
        }
        // 0.5 × ½ + 0.2 × 1 + 0.2 × 0 + 0.1 × (1 − 10/20)
        #expect(AuditReport.score(mandatory: half, soa: soa, gates: failed, findings: 10) == 0.5)
        // Findings count as they are, whatever the number of documents: 20 take all of their tenth.
        #expect(AuditReport.score(mandatory: mandatory, soa: soa, gates: passed, findings: 40) == 0.9)
    }
}
