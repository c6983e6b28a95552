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

    static func handbook(_ files: [String: String], frameworks: [String: String] = [:]) -> Handbook {
        var source = Fixtures.source(files.merging(["roles/owner.md": role]) { a, _ in a })
        source.frameworkFiles = frameworks.map { .init(path: "frameworks/\($0.key)", text: $0.value) }
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(checked.diagnostics.filter { $0.severity == .error && $0.code != "prohibited-ai-practice" }.isEmpty)
        return checked.handbook
    }

    @Test func highRiskInHouseGetsTheProvidersDuties() throws {
        let handbook = Self.handbook(["ais.md": Self.system("AIS-A", risk: "high", provider: "internal")])
        let system = try #require(AIActObligations(handbook).system("AIS-A"))
        #expect(
            system.obligations.map(\.requirement.id) == [
                "Art.9", "Art.10", "Art.11", "Art.12", "Art.13", "Art.14", "Art.15", "Art.17", "Art.72", "Art.73",
            ])
        #expect(system.roles == [.provider])
        #expect(system.obligations.allSatisfy { $0.status == .open })
        #expect(system.summary.hasPrefix("High-risk, built in-house"))
    }

    @Test func highRiskFromASupplierGetsTheDeployersDuties() throws {
        let handbook = Self.handbook(["ais.md": Self.system("AIS-B", risk: "high", provider: "third-party")])
        let system = try #require(AIActObligations(handbook).system("AIS-B"))
        #expect(system.obligations.map(\.requirement.id) == ["Art.26", "Art.27"])
        #expect(system.roles == [.deployer])
    }

    @Test func highRiskWithoutProviderListsBoth() throws {
        let handbook = Self.handbook(["ais.md": Self.system("AIS-C", risk: "high")])
        let system = try #require(AIActObligations(handbook).system("AIS-C"))
        #expect(system.obligations.count == 12)
        #expect(system.summary.contains("'provider' is not set"))
    }

    @Test func limitedMinimalUnclassifiedAndRetired() throws {
        let handbook = Self.handbook([
            "l.md": Self.system("AIS-L", risk: "limited", provider: "third-party"),
            "m.md": Self.system("AIS-M", risk: "minimal", provider: "internal"),
            "n.md": Self.system("AIS-N", risk: nil),
            "r.md": Self.system("AIS-R", risk: "high", provider: "internal", lifecycle: "retired"),
        ])
        let obligations = AIActObligations(handbook)
        #expect(obligations.system("AIS-L")?.obligations.map(\.requirement.id) == ["Art.50"])
        #expect(obligations.system("AIS-M")?.obligations.isEmpty == true)
        #expect(obligations.system("AIS-M")?.summary.hasPrefix("Minimal risk") == true)
        #expect(obligations.system("AIS-N")?.obligations.isEmpty == true)
        #expect(obligations.system("AIS-N")?.summary.contains("eu_ai_act_risk") == true)
        #expect(obligations.system("AIS-R")?.obligations.isEmpty == true)
    }

    @Test func prohibitedIsAnErrorWithAnExplanationAndNeverCovered() throws {
        let text = Self.system("AIS-P", risk: "prohibited", provider: "internal", extra: "eu_ai_act: [Art.5]\n")
        let source = Fixtures.source(["ais.md": text, "roles/owner.md": Self.role])
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(Fixtures.summary(checked.diagnostics) == ["error prohibited-ai-practice content/ais.md:8:17"])
        #expect(checked.diagnostics.first?.message.contains("Art.5") == true)
        #expect(checked.diagnostics.first?.message.contains("retire") == true)
        let system = try #require(AIActObligations(checked.handbook).system("AIS-P"))
        #expect(system.isProhibited)
        #expect(system.obligations.map(\.requirement.id) == ["Art.5"])
        #expect(system.obligations.first?.status == .open)
        #expect(system.obligations.first?.direct == ["AIS-P"])
        // The audit reports it once, as a prohibited system, not as a gap.
        let report = AuditReport(handbook: checked.handbook, asOf: Fixtures.asOf)
        let kinds = report.findings.filter { $0.document == "AIS-P" }.map(\.kind)
        #expect(kinds.contains("prohibited-ai-system"))
        #expect(!kinds.contains("eu-ai-act-gap"))
    }

    @Test func coverageDirectThroughTheCrosswalkAndScopedToTheSystem() throws {
        let handbook = Self.handbook([
            "ais.md": Self.system("AIS-A", risk: "high", provider: "internal", extra: "controls: [A.6.2.8]\n"),
            "other.md": Self.system("AIS-OTHER", risk: "high", provider: "internal", extra: "controls: [A.6.2.6]\n"),
            // Art.14 cited directly by an approved organisation-wide procedure.
            "oversight.md": Self.document("PROC-OVERSIGHT", fields: "eu_ai_act: [Art.14]\n"),
            // Art.73: 10.2 covered by an approved procedure, A.8.4 only by a draft.
            "nc.md": Self.document("PROC-NC", fields: "clauses: [10.2]\n"),
            "incidents.md": Self.document("PROC-INC", status: "draft", fields: "controls: [A.8.4]\n"),
            // Art.17 maps to 9.2: a 9.2.2 audit programme covers it.
            "audit.md": Self.document("PROC-AUDIT", fields: "clauses: [9.2.2]\n"),
            // A retired document addresses nothing.
            "old.md": Self.document("PROC-OLD", status: "retired", fields: "eu_ai_act: [Art.9]\n"),
        ])
        let system = try #require(AIActObligations(handbook).system("AIS-A"))
        func obligation(_ id: String) throws -> RequirementCoverage {
            try #require(system.obligations.first { $0.requirement.id == id })
        }
        #expect(try obligation("Art.14").status == .covered)
        #expect(try obligation("Art.14").direct == ["PROC-OVERSIGHT"])
        // Record-keeping maps to A.6.2.8 alone, which the system itself lists.
        #expect(try obligation("Art.12").status == .covered)
        #expect(try obligation("Art.12").documents == ["AIS-A"])
        let incidents = try obligation("Art.73")
        #expect(incidents.status == .partial)
        #expect(incidents.uncovered == ["A.8.4"])
        #expect(incidents.documents == ["PROC-NC", "PROC-INC"])
        #expect(try obligation("Art.17").targets.first { $0.id == "9.2" }?.documents == ["PROC-AUDIT"])
        #expect(try obligation("Art.9").status == .open)
        // Another system's own controls do not count: A.6.2.6 of AIS-OTHER leaves Art.72 open for AIS-A.
        let monitoring = try obligation("Art.72")
        #expect(monitoring.status == .open)
        #expect(monitoring.documents.isEmpty)
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
        let obligations = AIActObligations(handbook)
        func recordKeeping(_ system: String) -> [String]? {
            obligations.system(system)?.obligations.first { $0.requirement.id == "Art.12" }?.documents
        }
        #expect(recordKeeping("AIS-A") == ["IA-NAMED", "RISK-ALL"])
        #expect(recordKeeping("AIS-OTHER") == ["IA-NAMED", "IA-OTHER", "RISK-ALL", "RISK-OTHER"])
        // Every requirement mapped to the control gives the same documents, as computed alone.
        let coverage = FrameworkCoverage(handbook)
        let pack = try #require(handbook.frameworks.pack(AIActObligations.packID))
        // An obligation carries its documents counted, the first few kept, for the pages.
        for entry in try #require(obligations.system("AIS-A")).obligations {
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

    @Test func openObligationsAreAuditFindings() throws {
        let handbook = Self.handbook([
            "ais.md": Self.system("AIS-L", risk: "limited", provider: "third-party"),
            "m.md": Self.system("AIS-M", risk: "minimal", provider: "third-party"),
        ])
        let report = AuditReport(handbook: handbook, asOf: Fixtures.asOf)
        let gaps = report.findings.filter { $0.kind == "eu-ai-act-gap" }
        #expect(gaps.map(\.document) == ["AIS-L"])
        #expect(gaps.first?.message.contains("Art.50") == true)
        #expect(gaps.first?.message.contains("A.8.2, A.8.5") == true)

        let covered = Self.handbook([
            "ais.md": Self.system("AIS-L", risk: "limited", provider: "third-party", extra: "eu_ai_act: [Art.50]\n")
        ])
        #expect(AuditReport(handbook: covered, asOf: Fixtures.asOf).findings.allSatisfy { $0.kind != "eu-ai-act-gap" })
    }

    @Test func aHandbookOverrideChangesWhatCovers() throws {
        let files = [
            "ais.md": Self.system("AIS-L", risk: "limited", provider: "third-party"),
            "notice.md": Self.document("PROC-NOTICE", fields: "controls: [A.8.3]\n"),
        ]
        // Built in, Art.50 maps to A.8.2 and A.8.5: A.8.3 does not help.
        let builtIn = Self.handbook(files)
        #expect(AIActObligations(builtIn).system("AIS-L")?.obligations.first?.status == .open)
        let override = """
            framework: eu-ai-act
            mappings:
              - requirement: Art.50
                controls: [A.8.3]
                basis: "Our legal team's reading, 2026-05"
            """
        let overridden = Self.handbook(files, frameworks: ["eu-ai-act.yml": override])
        let obligation = try #require(AIActObligations(overridden).system("AIS-L")?.obligations.first)
        #expect(obligation.status == .covered)
        #expect(obligation.mapping?.origin == "frameworks/eu-ai-act.yml")
        #expect(obligation.documents == ["PROC-NOTICE"])
    }

    @Test func anExtensionAddsObligations() throws {
        let addition = """
            framework: eu-ai-act
            requirements:
              - id: Art.4
                title: AI literacy
                applies_to: [high, limited, minimal]
                role: both
            mappings:
              - requirement: Art.4
                clauses: [7.2]
                basis: ours
            """
        let handbook = Self.handbook(
            [
                "m.md": Self.system("AIS-M", risk: "minimal", provider: "internal"),
                "training.md": Self.document("PROC-TRAIN", fields: "clauses: [7.2]\neu_ai_act: [Art.4]\n"),
            ], frameworks: ["eu-ai-act.yml": addition])
        let system = try #require(AIActObligations(handbook).system("AIS-M"))
        #expect(system.obligations.map(\.requirement.id) == ["Art.4"])
        #expect(system.obligations.first?.status == .covered)
    }

    @Test func theSampleHandbook() throws {
        let source = try HandbookLoader.load(HandbookPaths(root: Fixtures.repositoryRoot))
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(!checked.hasErrors)
        let obligations = AIActObligations(checked.handbook)
        #expect(obligations.system("AIS-CREDIT")?.roles == [.provider])
        #expect(obligations.system("AIS-CVSCREEN")?.obligations.map(\.requirement.id) == ["Art.26", "Art.27"])
        #expect(obligations.system("AIS-CHATBOT")?.obligations.map(\.requirement.id) == ["Art.50"])
        for system in obligations.systems {
            #expect(system.count(.open) == 0, "\(system.id) has open obligations")
        }
    }
}
