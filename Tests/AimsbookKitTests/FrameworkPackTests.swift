import Foundation
import Testing

@testable import AimsbookKit

/// The built-in framework packs, the framework-file reader, and a handbook's overrides and extensions.
@Suite struct FrameworkPackTests {
    static let euAIActArticles = [
        "Art.4", "Art.5", "Art.6(4)", "Art.9", "Art.10", "Art.11", "Art.12", "Art.13", "Art.14", "Art.15", "Art.16",
        "Art.17", "Art.18", "Art.19", "Art.20", "Art.25", "Art.26", "Art.26(1)", "Art.26(2)", "Art.26(4)", "Art.26(5)",
        "Art.26(6)", "Art.26(7)", "Art.26(8)", "Art.26(9)", "Art.26(10)", "Art.26(11)", "Art.26(12)", "Art.27",
        "Art.43",
        "Art.47", "Art.48", "Art.49", "Art.50", "Art.50(1)", "Art.50(2)", "Art.50(3)", "Art.50(4)", "Art.72", "Art.73",
        "Art.86",
    ]

    /// ISO/IEC 27001:2022 Annex A: 37 organizational, 8 people, 14 physical, 34 technological controls.
    static let annexA27001 =
        (1...37).map { "A.5.\($0)" } + (1...8).map { "A.6.\($0)" } + (1...14).map { "A.7.\($0)" }
        + (1...34).map { "A.8.\($0)" }

    @Test func theBuiltInPacksLoad() throws {
        let library = FrameworkLibrary.builtIn
        #expect(library.packs.map(\.id) == ["iso42001", "eu-ai-act", "iso27001"])
        let euAIAct = try #require(library.pack("eu-ai-act"))
        #expect(euAIAct.requirements.map(\.id) == Self.euAIActArticles)
        #expect(euAIAct.requirement("Art.14")?.title == "Human oversight")
        #expect(euAIAct.requirement("Art.26")?.role == .deployer)
        #expect(euAIAct.requirement("Art.9")?.role == .provider)
        #expect(euAIAct.requirement("Art.50(3)")?.role == .deployer)
        #expect(euAIAct.requirement("Art.26(5)")?.parent == "Art.26")
        #expect(euAIAct.requirement("Art.5")?.appliesTo == ["prohibited"])
        // Art.113: Chapters I and II from 2 February 2025, the rest (Annex III) from 2 August 2026.
        #expect(euAIAct.requirement("Art.4")?.appliesFrom == Day("2025-02-02"))
        #expect(euAIAct.requirement("Art.5")?.appliesFrom == Day("2025-02-02"))
        for requirement in euAIAct.requirements where !["Art.4", "Art.5"].contains(requirement.id) {
            #expect(requirement.appliesFrom == Day("2026-08-02"), "\(requirement.id)")
        }
        // Every requirement the applicability rules name is in the pack, and the reverse.
        #expect(AIActApplicability.decided == Set(Self.euAIActArticles))
        let iso27001 = try #require(library.pack("iso27001"))
        for clause in ["4.1", "6.1.2", "6.1.3", "7.5.3", "8.3", "9.2.1", "9.3.1", "9.3.3", "10.1", "10.2"] {
            #expect(iso27001.requirement(clause) != nil, "27001 clause \(clause)")
        }
        #expect(iso27001.requirement("6.1.2")?.parent == "6.1")
        #expect(iso27001.requirements.filter { $0.id.hasPrefix("A.") }.map(\.id) == Self.annexA27001)
        #expect(iso27001.requirement("A.8.15")?.title == "Logging")
        #expect(iso27001.requirement("A.5.23")?.title == "Information security for use of cloud services")
        #expect(library.unknownCrossReferences().isEmpty)
        let hub = try #require(library.pack("iso42001"))
        #expect(hub.requirements.count == StandardModel.iso42001.clauses.count + StandardModel.iso42001.controls.count)
        #expect(hub.mappings.isEmpty)
    }

    @Test func everyCrosswalkTargetExistsInTheModel() {
        let standard = StandardModel.iso42001
        for pack in FrameworkLibrary.builtIn.packs {
            for mapping in pack.mappings {
                #expect(pack.requirement(mapping.requirement) != nil, "\(pack.id) maps unknown \(mapping.requirement)")
                for clause in mapping.clauses {
                    #expect(standard.clause(clause) != nil, "\(pack.id) \(mapping.requirement) → clause \(clause)")
                }
                for control in mapping.controls {
                    #expect(standard.control(control) != nil, "\(pack.id) \(mapping.requirement) → control \(control)")
                }
                #expect(!mapping.basis.isEmpty, "\(pack.id) \(mapping.requirement) has no basis")
                #expect(mapping.origin == nil)
            }
        }
    }

    @Test func everyRequirementOfTheOtherPacksIsMapped() throws {
        // Every article has a mapping with its basis; those mapped to nothing say why (a legal
        // step ISO/IEC 42001 does not perform, evidenced by a document citing it).
        let euAIAct = try #require(FrameworkLibrary.builtIn.pack("eu-ai-act"))
        for requirement in euAIAct.requirements {
            let mapping = try #require(euAIAct.mapping(for: requirement.id), "\(requirement.id) has no crosswalk")
            if mapping.targets.isEmpty {
                #expect(mapping.basis.contains("nothing in ISO/IEC 42001"), "\(requirement.id)")
            }
        }
        // The review's corrections (issue 30).
        #expect(euAIAct.mapping(for: "Art.13")?.controls == ["A.6.2.7", "A.8.2", "A.8.5"])
        #expect(euAIAct.mapping(for: "Art.14")?.controls == ["A.6.2.2", "A.9.2", "A.9.3"])
        #expect(euAIAct.mapping(for: "Art.15")?.controls == ["A.6.2.4", "A.6.2.6", "A.10.3"])
        #expect(euAIAct.mapping(for: "Art.15")?.iso27001.isEmpty == false)
        #expect(euAIAct.mapping(for: "Art.17")?.controls == StandardModel.iso42001.controls.map(\.id))
        #expect(euAIAct.mapping(for: "Art.17")?.clauses == ["4", "5", "6", "7", "8", "9", "10"])
        #expect(euAIAct.mapping(for: "Art.26(6)")?.controls == ["A.6.2.8"])
        #expect(euAIAct.mapping(for: "Art.26(4)")?.controls == ["A.7.4"])
        #expect(euAIAct.mapping(for: "Art.26(5)")?.controls.contains("A.8.4") == true)
        #expect(euAIAct.mapping(for: "Art.72")?.clauses.contains("10.1") == true)
        #expect(euAIAct.mapping(for: "Art.72")?.controls.contains("A.8.3") == true)
        #expect(euAIAct.mapping(for: "Art.73")?.controls.contains("A.8.3") == true)
        // Both standards follow the harmonized structure: each 27001 clause maps to its 42001
        // namesake as a shared process, never as the same evidence.
        let iso27001 = try #require(FrameworkLibrary.builtIn.pack("iso27001"))
        for requirement in iso27001.requirements where !requirement.id.hasPrefix("A.") {
            let mapping = try #require(iso27001.mapping(for: requirement.id))
            #expect(mapping.clauses == [mapping.requirement])
            #expect(mapping.shared)
        }
        for mapping in iso27001.mappings { #expect(mapping.shared, "\(mapping.requirement)") }
        #expect(iso27001.mapping(for: "A.8.15")?.supports == ["Art.12", "Art.19", "Art.26(6)"])
    }

    @Test func titlesAreShortNotText() {
        for pack in FrameworkLibrary.builtIn.packs {
            for requirement in pack.requirements {
                #expect(requirement.title.count < 90, "\(pack.id) \(requirement.id): keep titles short")
            }
        }
    }

    @Test func jsonFilesGiveLinesAndColumnsToo() throws {
        let text = """
            {
              "framework": "eu-ai-act",
              "mappings": [
                {"requirement": "Art.14", "clauses": [], "controls": ["A.9.9"], "basis": "ours"}
              ]
            }
            """
        let (library, diagnostics) = FrameworkLibrary.builtIn.applying(
            [.init(path: "frameworks/eu.json", text: text)], standard: .iso42001)
        #expect(Fixtures.summary(diagnostics) == ["error unknown-control frameworks/eu.json:4:59"])
        // The broken control is dropped; the mapping still replaces the built-in one.
        #expect(library.pack("eu-ai-act")?.mapping(for: "Art.14")?.controls == [])
    }

    @Test func anOverrideReplacesTheBuiltInMapping() throws {
        let yaml = """
            framework: eu-ai-act
            mappings:
              - requirement: Art.14
                clauses: [8.1]
                controls: [A.9.2]
                basis: "Our legal team's reading, 2026-05"
            """
        let (library, diagnostics) = FrameworkLibrary.builtIn.applying(
            [.init(path: "frameworks/eu-ai-act.yml", text: yaml)], standard: .iso42001)
        #expect(diagnostics.isEmpty)
        let pack = try #require(library.pack("eu-ai-act"))
        let mapping = try #require(pack.mapping(for: "Art.14"))
        #expect(mapping.clauses == ["8.1"])
        #expect(mapping.controls == ["A.9.2"])
        #expect(mapping.basis == "Our legal team's reading, 2026-05")
        #expect(mapping.origin == "frameworks/eu-ai-act.yml")
        #expect(pack.mappings.filter { $0.requirement == "Art.14" }.count == 1)
        // Everything else is untouched.
        #expect(pack.mapping(for: "Art.9") == FrameworkLibrary.builtIn.pack("eu-ai-act")?.mapping(for: "Art.9"))
        #expect(pack.requirements == FrameworkLibrary.builtIn.pack("eu-ai-act")?.requirements)
    }

    @Test func aFileExtendsAPackWithNewRequirementsInNumberOrder() throws {
        let yaml = """
            framework: eu-ai-act
            requirements:
              - id: Art.4
                title: AI literacy
                applies_to: [high, limited, minimal]
                role: both
              - id: Art.50
                applies_to: [high, limited]
            mappings:
              - requirement: Art.4
                clauses: [7.2, 7.3]
                basis: ours
            """
        let (library, diagnostics) = FrameworkLibrary.builtIn.applying(
            [.init(path: "frameworks/eu-ai-act.yml", text: yaml)], standard: .iso42001)
        #expect(diagnostics.isEmpty)
        let pack = try #require(library.pack("eu-ai-act"))
        #expect(pack.requirements.map(\.id) == Self.euAIActArticles)
        #expect(pack.requirement("Art.4")?.appliesTo == ["high", "limited", "minimal"])
        // A known id with some fields changes only those fields.
        #expect(pack.requirement("Art.50")?.appliesTo == ["high", "limited"])
        #expect(
            pack.requirement("Art.50")?.title
                == FrameworkLibrary.builtIn.pack("eu-ai-act")?.requirement("Art.50")?.title)
        #expect(pack.mapping(for: "Art.4")?.clauses == ["7.2", "7.3"])
        #expect(pack.mappings.map(\.requirement).first == "Art.4")
    }

    @Test func theLoaderReadsTheFrameworksFolder() throws {
        let folder = Fixtures.directory.appendingPathComponent("check/framework-extension")
        let source = try HandbookLoader.load(HandbookPaths(root: folder))
        #expect(source.frameworkFiles.map(\.path) == ["frameworks/eu-ai-act.json", "frameworks/iso27001.yml"])
        let built = HandbookBuilder.build(source)
        #expect(built.diagnostics.isEmpty)
        #expect(built.handbook.frameworks.pack("iso27001")?.requirement("A.8.15")?.title == "Logging")
        #expect(built.handbook.frameworks.pack("eu-ai-act")?.requirement("Art.4") != nil)
    }

    @Test func modelCommandOutput() throws {
        let pack = try #require(FrameworkLibrary.builtIn.pack("eu-ai-act"))
        let json = FrameworkPackWriter.json(pack)
        // The JSON is a framework file: reading it back gives the same pack.
        let (definition, diagnostics) = FrameworkPackReader.read(json, file: "out.json")
        #expect(diagnostics.isEmpty)
        #expect(definition?.requirements.map(\.id.value) == Self.euAIActArticles)
        #expect(definition?.mappings.count == pack.mappings.count)
        #expect(definition?.requirements.first?.appliesFrom == Day("2025-02-02"))
        let text = FrameworkPackWriter.text(pack)
        #expect(text.contains("Art.14      Human oversight  [high; provider; from 2026-08-02]"))
        #expect(text.contains("eu_ai_act: [Art.14]"))
        #expect(FrameworkPackWriter.text(try #require(FrameworkLibrary.builtIn.pack("iso27001"))).contains("6.1.2"))
    }

    @Test func naturalOrderOfIds() {
        #expect(FrameworkLibrary.naturalOrder("Art.4", "Art.10") < 0)
        #expect(FrameworkLibrary.naturalOrder("9.3", "10.1") < 0)
        #expect(FrameworkLibrary.naturalOrder("10.2", "A.8.15") < 0)
        #expect(FrameworkLibrary.naturalOrder("6.1", "6.1.2") < 0)
        #expect(FrameworkLibrary.naturalOrder("Art.9", "Art.9") == 0)
        #expect(FrameworkLibrary.naturalOrder("Art.26", "Art.26(2)") < 0)
        #expect(FrameworkLibrary.naturalOrder("Art.26(2)", "Art.26(10)") < 0)
        #expect(FrameworkLibrary.naturalOrder("Art.26(12)", "Art.27") < 0)
    }
}
