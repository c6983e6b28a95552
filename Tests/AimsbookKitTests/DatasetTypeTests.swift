import Testing

@testable import AimsbookKit

/// The `dataset` type (Annex A.7), declared in Model/Types/DatasetType.swift alone: its fields
/// are read, its panel shows them, the AI systems it names list it, and it is evidence for
/// those systems only.
@Suite struct DatasetTypeTests {
    static let dataset = """
        ---
        id: DATA-1
        type: dataset
        title: Training data
        owner: ROLE-OWNER
        status: approved
        ai_systems: [AIS-1]
        source: Loan applications & outcomes
        personal_data: true
        quality_checked: 2026-09-15
        controls: [A.7.4]
        ---
        # Description
        The data.
        """

    static let bare = """
        ---
        id: DATA-2
        type: dataset
        title: Bare data
        owner: ROLE-OWNER
        status: draft
        ---
        # Description
        Nothing stated yet.
        """

    static var files: [String: String] {
        var files = RenderTests.files
        files["datasets/training.md"] = dataset
        files["datasets/bare.md"] = bare
        return files
    }

    @Test func itsFieldsAreRead() throws {
        let checked = Pipeline.check(Fixtures.source(Self.files), asOf: Fixtures.asOf)
        #expect(Fixtures.summary(checked.diagnostics).filter { $0.contains("datasets/") }.isEmpty)
        let dataset = try #require(checked.handbook.document("DATA-1")?.dataset)
        #expect(dataset.aiSystems.map(\.value) == ["AIS-1"])
        #expect(dataset.source == "Loan applications & outcomes")
        #expect(dataset.personalData == true)
        #expect(dataset.qualityChecked?.value == Day("2026-09-15"))
        let bare = try #require(checked.handbook.document("DATA-2")?.dataset)
        #expect(bare.personalData == nil && bare.source == nil && bare.aiSystems.isEmpty)
    }

    @Test func itsPanelShowsItsFieldsAndTheSystemListsIt() throws {
        let pages = try RenderTests.render(Self.files)
        let page = try #require(pages["docs/data-1.html"])
        #expect(page.contains(#"<h2 id="site.panel" class="panel-title">Dataset</h2>"#))
        #expect(page.contains("<dt>Source</dt><dd>Loan applications &amp; outcomes</dd>"))
        #expect(page.contains("<dt>Personal data</dt><dd>Yes</dd>"))
        #expect(
            page.contains(#"<dt>Quality checked</dt><dd><time datetime="2026-09-15">15 September 2026</time></dd>"#))
        #expect(page.contains(#"href="../docs/ais-1.html"><span class="mono">AIS-1</span>"#))
        let bare = try #require(pages["docs/data-2.html"])
        #expect(bare.contains(#"<dt>Personal data</dt><dd><span class="muted">Not stated</span></dd>"#))
        #expect(bare.contains(#"<dt>Quality checked</dt><dd><span class="muted">Not yet</span></dd>"#))
        #expect(bare.contains(#"<dt>AI systems using it</dt><dd><span class="muted">None named</span></dd>"#))
        let system = try #require(pages["docs/ais-1.html"])
        let backlinks = try #require(system.range(of: "Referenced by"))
        #expect(system[backlinks.upperBound...].contains(#"href="../docs/data-1.html">DATA-1</a>"#))
        #expect(pages["types/dataset.html"]?.contains("DATA-2") == true)
    }

    @Test func itIsEvidenceForTheSystemsItNamesOnly() throws {
        let checked = Pipeline.check(Fixtures.source(Self.files), asOf: Fixtures.asOf)
        let tie = FrameworkCoverage.tie(of: try #require(checked.handbook.document("DATA-1")))
        #expect(tie.systems == ["AIS-1"])
        #expect(!tie.isAssessment)
        #expect(FrameworkCoverage.tie(of: try #require(checked.handbook.document("DATA-2"))).systems == nil)
    }
}
