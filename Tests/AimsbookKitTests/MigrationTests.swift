import Testing

@testable import AimsbookKit

/// A handbook being migrated: other tools' fields kept quietly, chosen warnings silenced.
@Suite struct MigrationTests {
    static let policy = """
        ---
        id: POL-1
        type: policy
        title: P
        owner: ROLE-A
        status: draft
        template_id: aims-07
        x-generated-at: 2026-01-02
        extra:
          template_id: aims-07
          source: { tool: other, version: 2 }
        ---

        """
    static let role = "---\nid: ROLE-A\ntype: role\ntitle: Head of Product\nstatus: draft\n---\n"

    @Test func extraAndXFieldsAreNotWarnedAbout() {
        let source = Fixtures.source(["p.md": Self.policy, "r.md": Self.role])
        let diagnostics = Pipeline.check(source, asOf: Fixtures.asOf, rendersHTML: false).diagnostics
        #expect(diagnostics.map(\.message) == ["'template_id' is not a field of a policy document"])
    }

    @Test func warningsIgnoreInSettingsSilencesThoseWarningsOnly() {
        let broken = Self.policy.replacingOccurrences(
            of: "owner: ROLE-A", with: "owner: Head of Product\napprover: NOBODY")
        let settings = "warnings_ignore: [unknown-field, role-by-title, unknown-reference]\n"
        let source = Fixtures.source(["p.md": broken, "r.md": Self.role], settings: settings)
        let diagnostics = Pipeline.check(source, asOf: Fixtures.asOf, rendersHTML: false).diagnostics
        // The unknown approver is an error, and stays one although its code is listed.
        #expect(diagnostics.map(\.code) == ["unknown-reference"], "\(diagnostics.map(\.message))")
        #expect(diagnostics.first?.severity == .error)
    }
}

@Suite struct RawHTMLWarningTests {
    @Test func oneWarningPerDocumentWithTheCount() {
        let body = (1...86).map { "| <span>\($0)</span> | <font>x</font> |" }.joined(separator: "\n")
        let policy =
            MigrationTests.policy.replacingOccurrences(of: "template_id: aims-07\n", with: "")
            + "| A | B |\n| --- | --- |\n" + body + "\n"
        let source = Fixtures.source(["p.md": policy, "r.md": MigrationTests.role])
        let warnings = Pipeline.check(source, asOf: Fixtures.asOf, rendersHTML: false).diagnostics.filter {
            $0.code == "raw-html"
        }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.hasPrefix("344 pieces of raw HTML (the first here) are omitted") == true)
        let firstSpan = policy.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains("<span>")
        }
        #expect(warnings.first?.location.line == firstSpan.map { $0 + 1 })
    }
}
