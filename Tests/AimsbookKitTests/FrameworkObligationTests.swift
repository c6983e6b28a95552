import Foundation
import Testing

@testable import AimsbookKit

/// EU AI Act obligations per AI system, their coverage through the crosswalk, and the audit findings.
@Suite struct FrameworkObligationTests {
    static let role = """
        ---
        id: ROLE-OWNER
        type: role
        title: Owner
        status: approved
        ---
        """

    static func system(
        _ id: String, risk: String?, provider: String? = nil, lifecycle: String = "deployed", extra: String = ""
    )
        -> String
    {
        var text = "---\nid: \(id)\ntype: ai-system\ntitle: \(id)\nowner: ROLE-OWNER\nstatus: approved\n"
        text += "lifecycle: \(lifecycle)\n"
        if let risk { text += "eu_ai_act_risk: \(risk)\n" }
        if let provider { text += "provider: \(provider)\n" }
        return text + extra + "---\n"
    }

    static func document(
        _ id: String, type: String = "procedure", status: String = "approved", fields: String
    )
        -> String
    {
        "---\nid: \(id)\ntype: \(type)\ntitle: \(id)\nowner: ROLE-OWNER\nstatus: \(status)\n\(fields)---\n"
    }

    static func handbook(
        _ files: [String: String], frameworks: [String: String] = [:], settings: String? = nil
    ) -> Handbook {
        var source = Fixtures.source(files.merging(["roles/owner.md": role]) { a, _ in a }, settings: settings)
        source.frameworkFiles = frameworks.map { .init(path: "frameworks/\($0.key)", text: $0.value) }
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(checked.diagnostics.filter { $0.severity == .error && $0.code != "prohibited-ai-practice" }.isEmpty)
        return checked.handbook
    }

    /// An SoA deciding every Annex A control: implemented, unless `status` says otherwise.
    static func soa(_ status: [String: String] = [:]) -> String {
        let decisions = StandardModel.iso42001.controls.map { control in
            "  \(control.id): { applicable: true, status: \(status[control.id] ?? "implemented"), justification: x }\n"
        }
        return document("SOA-1", type: "soa", fields: "decisions:\n" + decisions.joined())
    }

    static func obligations(_ handbook: Handbook, asOf: Day = Fixtures.asOf) -> AIActObligations {
        AIActObligations(handbook, asOf: asOf)
    }

    static func ids(_ system: AIActObligations.System?) -> [String] { system?.obligations.map(\.requirement.id) ?? [] }

    static let providerSet = [
        "Art.9", "Art.10", "Art.11", "Art.12", "Art.13", "Art.14", "Art.15", "Art.16", "Art.17", "Art.18", "Art.19",
        "Art.20", "Art.43", "Art.47", "Art.48", "Art.49", "Art.72", "Art.73",
    ]

    /// An in-house credit-scoring model (Annex III 5(b)): provider and deployer (Art.3(3), 3(4)),
    /// so the provider set, Art.26's paragraphs and Art.27 (Art.27(1) names point 5(b)).
    @Test func inHouseCreditScoringIsProviderAndDeployerWithArt27() throws {
        let handbook = Self.handbook([
            "ais.md": Self.system("AIS-A", risk: "high", provider: "internal", extra: "annex_iii: \"5(b)\"\n")
        ])
        let system = try #require(Self.obligations(handbook).system("AIS-A"))
        #expect(system.role == .both)
        let ids = Self.ids(system)
        #expect(Set(Self.providerSet).isSubset(of: Set(ids)))
        #expect(ids.contains("Art.26(1)") && ids.contains("Art.26(6)") && ids.contains("Art.26(11)"))
        #expect(ids.contains("Art.27"))
        #expect(ids.contains("Art.86"))
        #expect(ids.first == "Art.4")
        #expect(!ids.contains("Art.26(7)"))  // not an employment system
        #expect(!ids.contains("Art.25"))  // already its provider
        #expect(system.obligations.first { $0.requirement.id == "Art.27" }?.role == .deployer)
        #expect(system.obligations.first { $0.requirement.id == "Art.73" }?.role == .both)
        #expect(system.summary.contains("Annex III point 5(b)"))
    }

    /// A third-party CV screener (Annex III 4(a)) of a private company: the deployer's duties,
    /// Art.26(7) for the workplace, no Art.27; public bodies and public-service providers do get it.
    @Test func thirdPartyCVScreenerOfAPrivateCompanyHasNoArt27() throws {
        let files = [
            "ais.md": Self.system("AIS-B", risk: "high", provider: "third-party", extra: "annex_iii: 4(a)\n")
        ]
        let system = try #require(Self.obligations(Self.handbook(files)).system("AIS-B"))
        #expect(system.role == .deployer)
        let ids = Self.ids(system)
        #expect(
            ids == [
                "Art.4", "Art.25", "Art.26(1)", "Art.26(2)", "Art.26(4)", "Art.26(5)", "Art.26(6)", "Art.26(7)",
                "Art.26(9)", "Art.26(11)", "Art.26(12)", "Art.73", "Art.86",
            ])
        #expect(system.obligations.first { $0.requirement.id == "Art.73" }?.role == .deployer)
        for settings in ["public_body: true\n", "public_service: true\n"] {
            let publicSystem = try #require(Self.obligations(Self.handbook(files, settings: settings)).system("AIS-B"))
            #expect(Self.ids(publicSystem).contains("Art.27"), "\(settings)")
            #expect(Self.ids(publicSystem).contains("Art.26(8)") == settings.hasPrefix("public_body"))
        }
        // Critical infrastructure (point 2) is outside Art.27(1), even for a public body.
        let grid = ["ais.md": Self.system("AIS-G", risk: "high", provider: "third-party", extra: "annex_iii: \"2\"\n")]
        let gridSystem = Self.obligations(Self.handbook(grid, settings: "public_body: true\n")).system("AIS-G")
        #expect(!Self.ids(gridSystem).contains("Art.27"))
        #expect(!Self.ids(gridSystem).contains("Art.86"))
    }

    /// Art.50 stacks on any risk class: a high-risk system flagged interacts-with-people gets
    /// Art.50(1) beside the high-risk set; deployer-side flags give the deployer's paragraphs.
    @Test func transparencyStacksOnTheRiskClass() throws {
        let handbook = Self.handbook([
            "h.md": Self.system(
                "AIS-H", risk: "high", provider: "internal",
                extra: "annex_iii: \"5(b)\"\ntransparency: [interacts-with-people]\n"),
            "m.md": Self.system(
                "AIS-M", risk: "minimal", provider: "third-party",
                extra: "transparency: [emotion-recognition, deep-fake, interacts-with-people]\n"),
        ])
        let obligations = Self.obligations(handbook)
        let high = Self.ids(obligations.system("AIS-H"))
        #expect(high.contains("Art.50(1)") && high.contains("Art.9"))
        #expect(!high.contains("Art.50(2)"))
        // A deployer of a third-party system: 50(3) and 50(4) are its duties, 50(1) the provider's.
        #expect(Self.ids(obligations.system("AIS-M")) == ["Art.4", "Art.50(3)", "Art.50(4)"])
        #expect(
            obligations.system("AIS-M")?.summary.hasSuffix(
                "Art.50(1) is its provider's (the supplier's) duty, not the organisation's.") == true)
    }

    @Test func everySystemGetsArt4() throws {
        let handbook = Self.handbook([
            "h.md": Self.system("AIS-H", risk: "high", provider: "internal", extra: "annex_iii: 4(b)\n"),
            "l.md": Self.system("AIS-L", risk: "limited", provider: "third-party"),
            "m.md": Self.system("AIS-M", risk: "minimal", provider: "internal"),
            "n.md": Self.system("AIS-N", risk: nil),
        ])
        let obligations = Self.obligations(handbook)
        #expect(obligations.systems.count == 4)
        for system in obligations.systems {
            #expect(Self.ids(system).contains("Art.4"), "\(system.id)")
            #expect(system.obligations.first { $0.requirement.id == "Art.4" }?.appliesFrom == Day("2025-02-02"))
        }
        #expect(obligations.system("AIS-N")?.summary.contains("eu_ai_act_risk") == true)
    }

    /// A line `eu_ai_act: [Art.9, …]` in an approved document is a claim: it makes each obligation
    /// at most partial; drafts' citations count for nothing.
    @Test func aCitationLineAloneIsNotCovered() throws {
        let citations = "eu_ai_act: [Art.9, Art.12, Art.14, Art.72, Art.73]\n"
        let handbook = Self.handbook([
            "ais.md": Self.system(
                "AIS-A", risk: "high", provider: "internal", extra: "annex_iii: \"5(b)\"\n" + citations),
            "draft.md": Self.document("PROC-D", status: "draft", fields: "eu_ai_act: [Art.10]\n"),
        ])
        let system = try #require(Self.obligations(handbook).system("AIS-A"))
        for id in ["Art.9", "Art.12", "Art.14", "Art.72", "Art.73"] {
            #expect(system.obligations.first { $0.requirement.id == id }?.status == .partial, "\(id)")
        }
        #expect(system.obligations.first { $0.requirement.id == "Art.10" }?.status == .open)
        #expect(system.obligations.allSatisfy { $0.status != .covered })
    }

    /// Covered takes approved documents for every mapped clause and control and the SoA marking
    /// the controls implemented; a mapped control the SoA marks planned leaves it partial.
    @Test func aMappedControlPlannedInTheSoAIsPartial() throws {
        let files = [
            "ais.md": Self.system("AIS-A", risk: "high", provider: "internal", extra: "controls: [A.6.2.8]\n")
        ]
        for (status, expected) in [("planned", AIActObligations.Obligation.Status.partial), ("implemented", .covered)] {
            let handbook = Self.handbook(files.merging(["soa.md": Self.soa(["A.6.2.8": status])]) { a, _ in a })
            let system = try #require(Self.obligations(handbook).system("AIS-A"))
            // Record-keeping maps to A.6.2.8 alone, which the system itself lists.
            let records = try #require(system.obligations.first { $0.requirement.id == "Art.12" })
            #expect(records.status == expected, "\(status)")
            #expect(records.coverage.documents == ["AIS-A"])
            #expect(records.coverage.notImplemented.map(\.id) == (status == "planned" ? ["A.6.2.8"] : []))
        }
        // Without an SoA nothing mapped to a control can be covered.
        let system = try #require(Self.obligations(Self.handbook(files)).system("AIS-A"))
        #expect(system.obligations.first { $0.requirement.id == "Art.12" }?.status == .partial)
    }

    /// Before its date of application (Art.113, or eu_ai_act_dates) an obligation is upcoming.
    @Test func obligationsBeforeTheirDateAreUpcoming() throws {
        let files = ["ais.md": Self.system("AIS-A", risk: "high", provider: "internal", extra: "annex_iii: \"5(b)\"\n")]
        let early = try #require(Self.obligations(Self.handbook(files), asOf: Day("2025-06-01")!).system("AIS-A"))
        #expect(early.obligations.first { $0.requirement.id == "Art.4" }?.status == .open)
        #expect(early.obligations.filter { $0.requirement.id != "Art.4" }.allSatisfy { $0.status == .upcoming })
        // An amendment moves the Annex III dates: the handbook follows it without a new release.
        let moved = Self.handbook(files, settings: "eu_ai_act_dates:\n  Art.9: 2027-12-02\n  Art.26: 2027-12-02\n")
        let system = try #require(Self.obligations(moved).system("AIS-A"))
        #expect(system.obligations.first { $0.requirement.id == "Art.9" }?.status == .upcoming)
        #expect(system.obligations.first { $0.requirement.id == "Art.9" }?.appliesFrom == Day("2027-12-02"))
        #expect(system.obligations.first { $0.requirement.id == "Art.26(5)" }?.status == .upcoming)
        #expect(system.obligations.first { $0.requirement.id == "Art.10" }?.status == .open)
    }

    @Test func anUnknownDateKeyIsAnErrorAtItsKey() {
        let source = Fixtures.source(
            ["roles/owner.md": Self.role], settings: "title: T\neu_ai_act_dates:\n  Art.99: 2027-12-02\n  Art.9: soon\n"
        )
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(
            Fixtures.summary(checked.diagnostics) == [
                "error unknown-requirement aimsbook.yml:3:3", "error invalid-date aimsbook.yml:4:10",
            ])
    }

    @Test func unknownAnnexIIIPointsAndTransparencyValuesAreErrors() {
        let text = Self.system(
            "AIS-X", risk: "high",
            extra: "annex_iii: 5b\ntransparency: [interacts-with-people, chatbot]\nai_act_role: user\n")
        let checked = Pipeline.check(
            Fixtures.source(["ais.md": text, "roles/owner.md": Self.role]), asOf: Fixtures.asOf)
        #expect(
            Fixtures.summary(checked.diagnostics) == [
                "error invalid-value content/ais.md:9:12", "error invalid-value content/ais.md:10:39",
                "error invalid-value content/ais.md:11:14",
            ])
        #expect(checked.diagnostics.first?.message.contains("did you mean '5(b)'") == true)
    }

    /// An Annex III system assessed as not high-risk (Art.6(3)): the documented assessment and
    /// the registration, not the high-risk set; the assessment must exist.
    @Test func anArt6Derogation() throws {
        let handbook = Self.handbook([
            "ais.md": Self.system(
                "AIS-D", risk: "minimal", provider: "internal",
                extra: "annex_iii: 3(b)\nnot_high_risk_assessment: IA-D\n"),
            "ia.md": Self.document("IA-D", type: "impact-assessment", fields: "ai_systems: [AIS-D]\n"),
        ])
        #expect(Self.ids(Self.obligations(handbook).system("AIS-D")) == ["Art.4", "Art.6(4)", "Art.49"])
        let broken = Self.system(
            "AIS-D", risk: "minimal", extra: "annex_iii: 3(b)\nnot_high_risk_assessment: IA-NONE\n")
        let checked = Pipeline.check(
            Fixtures.source(["ais.md": broken, "roles/owner.md": Self.role]), asOf: Fixtures.asOf)
        #expect(Fixtures.summary(checked.diagnostics) == ["error unknown-reference content/ais.md:10:27"])
    }

    /// ISO/IEC 27001: a 42001 handbook shares the process, not the evidence. A clause or Annex A
    /// control is partial until an approved document cites the 27001 requirement itself.
    @Test func iso27001ClausesAndControlsNeedTheirOwnEvidence() throws {
        var files = [
            "risk.md": Self.document("PROC-RISK", fields: "clauses: [6.1.2]\n"),
            "logs.md": Self.document("PROC-LOGS", fields: "controls: [A.6.2.8]\n"),
            "soa.md": Self.soa(),
        ]
        func status(_ id: String, _ files: [String: String]) throws -> RequirementCoverage {
            let handbook = Self.handbook(files)
            let pack = try #require(handbook.frameworks.pack("iso27001"))
            return FrameworkCoverage(handbook).coverage(of: try #require(pack.requirement(id)), in: pack)
        }
        let clause = try status("6.1.2", files)
        #expect(clause.status == .partial && clause.needsOwnEvidence)
        let logging = try status("A.8.15", files)
        #expect(logging.status == .partial && logging.needsOwnEvidence)
        #expect(try status("A.7.1", files).status == .open)  // physical security: no AI counterpart
        files["isms.md"] = Self.document("PROC-ISMS", fields: "iso27001: [6.1.2, A.8.15, A.7.1]\n")
        #expect(try status("6.1.2", files).status == .covered)
        #expect(try status("A.8.15", files).status == .covered)
        #expect(try status("A.7.1", files).status == .covered)
        // A draft's citation is no evidence.
        files["isms.md"] = Self.document("PROC-ISMS", status: "draft", fields: "iso27001: [6.1.2]\n")
        #expect(try status("6.1.2", files).status == .partial)
    }

    /// Art.15's cybersecurity is evidenced by documents citing the ISO/IEC 27001 controls it maps to.
    @Test func art15NeedsTheISO27001SecurityControls() throws {
        var files = [
            "ais.md": Self.system(
                "AIS-A", risk: "high", provider: "internal", extra: "controls: [A.6.2.4, A.6.2.6, A.10.3]\n"),
            "soa.md": Self.soa(),
        ]
        func art15(_ files: [String: String]) -> AIActObligations.Obligation? {
            Self.obligations(Self.handbook(files)).system("AIS-A")?.obligations.first { $0.requirement.id == "Art.15" }
        }
        #expect(art15(files)?.status == .partial)
        #expect(art15(files)?.coverage.uncovered == ["A.8.8", "A.8.16", "A.8.25", "A.8.29"])
        files["sec.md"] = Self.document("PROC-SEC", fields: "iso27001: [A.8.8, A.8.16, A.8.25, A.8.29]\n")
        #expect(art15(files)?.status == .covered)
    }

    @Test func anAnnexIIISystemClassedBelowHighWithoutAnAssessmentIsAWarning() {
        let files = [
            "a.md": Self.system("AIS-A", risk: "limited", extra: "annex_iii: 4(a)\n"),
            "b.md": Self.system("AIS-B", risk: "high", extra: "annex_iii: 4(a)\nnot_high_risk_assessment: IA-B\n"),
            "ia.md": Self.document("IA-B", type: "impact-assessment", fields: "ai_systems: [AIS-B]\n"),
            "roles/owner.md": Self.role,
        ]
        let checked = Pipeline.check(Fixtures.source(files), asOf: Fixtures.asOf)
        #expect(
            Fixtures.summary(checked.diagnostics) == [
                "warning annex-iii-class content/a.md:9:12", "warning annex-iii-class content/b.md:10:27",
            ])
        #expect(checked.diagnostics.first?.message.contains("Art.6(2)") == true)
    }

    @Test func prohibitedIsAnErrorWithAnExplanationAndNeverCovered() throws {
        let text = Self.system("AIS-P", risk: "prohibited", provider: "internal", extra: "eu_ai_act: [Art.5]\n")
        let source = Fixtures.source(["ais.md": text, "roles/owner.md": Self.role])
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(Fixtures.summary(checked.diagnostics) == ["error prohibited-ai-practice content/ais.md:8:17"])
        #expect(checked.diagnostics.first?.message.contains("Art.5") == true)
        #expect(checked.diagnostics.first?.message.contains("retire") == true)
        let system = try #require(Self.obligations(checked.handbook).system("AIS-P"))
        #expect(system.isProhibited)
        #expect(Self.ids(system) == ["Art.5"])
        #expect(system.obligations.first?.status == .open)
        #expect(system.obligations.first?.coverage.direct == ["AIS-P"])
        // The audit reports it once, as a prohibited system, not as a gap.
        let report = AuditReport(handbook: checked.handbook, asOf: Fixtures.asOf)
        let kinds = report.findings.filter { $0.document == "AIS-P" }.map(\.kind)
        #expect(kinds.contains("prohibited-ai-system"))
        #expect(!kinds.contains("eu-ai-act-gap"))
    }

    @Test func coverageThroughTheCrosswalkAndScopedToTheSystem() throws {
        let handbook = Self.handbook([
            "ais.md": Self.system("AIS-A", risk: "high", provider: "internal", extra: "controls: [A.6.2.8]\n"),
            "other.md": Self.system("AIS-OTHER", risk: "high", provider: "internal", extra: "controls: [A.6.2.6]\n"),
            // Art.73: 10.2 and A.8.3 covered by approved procedures, A.8.4 only by a draft.
            "nc.md": Self.document("PROC-NC", fields: "clauses: [10.2]\ncontrols: [A.8.3]\n"),
            "incidents.md": Self.document("PROC-INC", status: "draft", fields: "controls: [A.8.4]\n"),
            // Art.17 maps to every clause: a 9.2.2 audit programme covers 9.
            "audit.md": Self.document("PROC-AUDIT", fields: "clauses: [9.2.2]\n"),
            // A retired document addresses nothing.
            "old.md": Self.document("PROC-OLD", status: "retired", fields: "eu_ai_act: [Art.9]\n"),
            // Art.43 maps to nothing in 42001: an approved document citing it is the evidence.
            "ca.md": Self.document("REC-CA", type: "record", fields: "eu_ai_act: [Art.43]\n"),
            "soa.md": Self.soa(),
        ])
        let system = try #require(Self.obligations(handbook).system("AIS-A"))
        func obligation(_ id: String) throws -> AIActObligations.Obligation {
            try #require(system.obligations.first { $0.requirement.id == id })
        }
        let incidents = try obligation("Art.73")
        #expect(incidents.status == .partial)
        #expect(incidents.coverage.uncovered == ["A.8.4"])
        #expect(incidents.coverage.documents == ["PROC-NC", "PROC-INC"])
        #expect(try obligation("Art.17").coverage.targets.first { $0.id == "9" }?.documents == ["PROC-AUDIT"])
        #expect(try obligation("Art.9").status == .open)
        #expect(try obligation("Art.43").status == .covered)
        #expect(try obligation("Art.47").status == .open)
        // Another system's own controls do not count: A.6.2.6 of AIS-OTHER is not AIS-A's evidence.
        let monitoring = try obligation("Art.72")
        #expect(monitoring.coverage.targets.first { $0.id == "A.6.2.6" }?.documents.isEmpty == true)
    }

    @Test func risksAndAssessmentsCountForTheSystemsTheyName() throws {
        let risk = "likelihood: 2\nimpact: 2\ntreatment: mitigate\ncontrols: [A.6.2.8]\n"
        let assessment = "date: 2026-01-10\ncontrols: [A.6.2.8]\n"
        let handbook = Self.handbook([
            "a.md": Self.system("AIS-A", risk: "high", provider: "internal", extra: "impact_assessment: IA-NAMED\n"),
            "o.md": Self.system("AIS-OTHER", risk: "high", provider: "internal"),
            // Record-keeping (Art.12) maps to A.6.2.8 alone.
            "r1.md": Self.document("RISK-OTHER", type: "risk", fields: risk + "ai_systems: [AIS-OTHER]\n"),
            "r2.md": Self.document("RISK-ALL", type: "risk", fields: risk),
            // Names only the other system, but AIS-A names it as its assessment.
            "i1.md": Self.document(
                "IA-NAMED", type: "impact-assessment", fields: assessment + "ai_systems: [AIS-OTHER]\n"),
            "i2.md": Self.document(
                "IA-OTHER", type: "impact-assessment", fields: assessment + "ai_systems: [AIS-OTHER]\n"),
        ])
        let obligations = Self.obligations(handbook)
        func recordKeeping(_ system: String) -> [String]? {
            obligations.system(system)?.obligations.first { $0.requirement.id == "Art.12" }?.coverage.documents
        }
        #expect(recordKeeping("AIS-A") == ["IA-NAMED", "RISK-ALL"])
        #expect(recordKeeping("AIS-OTHER") == ["IA-NAMED", "IA-OTHER", "RISK-ALL", "RISK-OTHER"])
        // Every requirement mapped to the control gives the same documents, as computed alone.
        let coverage = FrameworkCoverage(handbook)
        let pack = try #require(handbook.frameworks.pack(AIActObligations.packID))
        // An obligation carries its documents counted, the first few kept, for the pages.
        for entry in try #require(obligations.system("AIS-A")).obligations.map(\.coverage) {
            var alone = coverage.coverage(of: entry.requirement, in: pack, forSystem: "AIS-A")
            #expect(alone.counted == nil)
            alone.count(keeping: AIActObligations.listedDocuments)
            #expect(entry == alone)
            #expect(entry.counted?.count == entry.documents.count)
            #expect(entry.counted?.first == Array(entry.documents.prefix(AIActObligations.listedDocuments)))
            for limit in [1, 10] {
                #expect(entry.firstDocuments(limit).first == Array(entry.documents.prefix(limit)))
                #expect(entry.firstDocuments(limit).count == entry.documents.count)
            }
        }
    }

    @Test func openObligationsAreAuditFindingsAndUpcomingOnesAreNot() throws {
        let handbook = Self.handbook([
            "ais.md": Self.system(
                "AIS-L", risk: "limited", provider: "third-party", extra: "transparency: [deep-fake]\n"),
            "m.md": Self.system("AIS-M", risk: "minimal", provider: "third-party"),
        ])
        let report = AuditReport(handbook: handbook, asOf: Fixtures.asOf)
        let gaps = report.findings.filter { $0.kind == "eu-ai-act-gap" }
        #expect(gaps.map(\.document) == ["AIS-L", "AIS-L", "AIS-M"])
        #expect(gaps[1].message.contains("Art.50(4)") && gaps[1].message.contains("A.8.5"))
        #expect(
            report.obligations.map { "\($0.system) \($0.requirement) \($0.role) \($0.status)" } == [
                "AIS-L Art.4 deployer open", "AIS-L Art.50(4) deployer open", "AIS-M Art.4 deployer open",
            ])
        let json = AuditReportWriter.json(report)
        #expect(json.contains("\"obligations\""))
        #expect(json.contains("\"requirement\": \"Art.50(4)\""))
        // Before 2 August 2026 Art.50 is upcoming, not a gap.
        let early = AuditReport(handbook: handbook, asOf: Day("2026-01-10")!)
        #expect(
            early.findings.filter { $0.kind == "eu-ai-act-gap" }.map(\.message).allSatisfy { $0.contains("Art.4 ") })
        #expect(early.obligations.first { $0.requirement == "Art.50(4)" }?.status == "upcoming")
    }

    @Test func aHandbookOverrideChangesWhatCovers() throws {
        let files = [
            "ais.md": Self.system(
                "AIS-L", risk: "limited", provider: "third-party", extra: "transparency: [deep-fake]\n"),
            "notice.md": Self.document("PROC-NOTICE", fields: "controls: [A.8.3]\n"),
            "soa.md": Self.soa(),
        ]
        func disclosure(_ handbook: Handbook) -> AIActObligations.Obligation? {
            Self.obligations(handbook).system("AIS-L")?.obligations.first { $0.requirement.id == "Art.50(4)" }
        }
        // Built in, Art.50(4) maps to A.8.5: A.8.3 does not help.
        #expect(disclosure(Self.handbook(files))?.status == .open)
        let override = """
            framework: eu-ai-act
            mappings:
              - requirement: Art.50(4)
                controls: [A.8.3]
                basis: "Our legal team's reading, 2026-05"
            """
        let obligation = try #require(disclosure(Self.handbook(files, frameworks: ["eu-ai-act.yml": override])))
        #expect(obligation.status == .covered)
        #expect(obligation.coverage.mapping?.origin == "frameworks/eu-ai-act.yml")
        #expect(obligation.coverage.documents == ["PROC-NOTICE"])
    }

    @Test func anExtensionAddsObligations() throws {
        let addition = """
            framework: eu-ai-act
            requirements:
              - id: Art.21
                title: Cooperation with competent authorities
                applies_to: [minimal]
                role: both
                applies_from: 2026-08-02
            mappings:
              - requirement: Art.21
                clauses: [7.4]
                basis: ours
            """
        let handbook = Self.handbook(
            [
                "m.md": Self.system("AIS-M", risk: "minimal", provider: "internal"),
                "comms.md": Self.document("PROC-COMMS", fields: "clauses: [7.4]\n"),
            ], frameworks: ["eu-ai-act.yml": addition])
        let system = try #require(Self.obligations(handbook).system("AIS-M"))
        #expect(Self.ids(system) == ["Art.4", "Art.21"])
        #expect(system.obligations.last?.status == .covered)
    }

    /// The sample handbook's three systems carry the facts the Regulation reads, and get the
    /// obligations it gives them.
    @Test func theSampleHandbook() throws {
        let source = try HandbookLoader.load(HandbookPaths(root: Fixtures.repositoryRoot))
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(!checked.hasErrors)
        let obligations = Self.obligations(checked.handbook)
        let credit = try #require(obligations.system("AIS-CREDIT"))
        #expect(credit.role == .both && credit.annexIII == "5(b)")
        #expect(Set(Self.providerSet + ["Art.4", "Art.26(1)", "Art.27", "Art.86"]).isSubset(of: Set(Self.ids(credit))))
        let screener = try #require(obligations.system("AIS-CVSCREEN"))
        #expect(screener.role == .deployer && screener.annexIII == "4(a)")
        #expect(Self.ids(screener).contains("Art.26(7)") && !Self.ids(screener).contains("Art.27"))
        #expect(!Self.ids(screener).contains("Art.9"))
        let chatbot = try #require(obligations.system("AIS-CHATBOT"))
        #expect(Self.ids(chatbot) == ["Art.4", "Art.50(1)", "Art.50(2)"])
        // The SoA plans A.8.5 (the public transparency page): nothing mapped to it is covered.
        #expect(credit.obligations.first { $0.requirement.id == "Art.86" }?.status == .partial)
        for system in obligations.systems {
            #expect(system.count(.open) == 0, "\(system.id) has open obligations")
        }
    }
}
