import Testing

@testable import AimsbookKit

/// `serve` after edits the readiness report reads: placeholders in a body (which the outline
/// carries as `bodyPlaceholders`), a nonconformity's action fields, an organisation control in the
/// SoA. Each rebuild equals a fresh build, and the audit page changes with them.
@Suite struct ReadinessRebuildTests {
    static let record = """
        ---
        id: REC-NC
        type: record
        title: Nonconformity NC-1
        status: approved
        record_kind: nonconformity
        date: 2026-09-01
        severity: minor
        action_status: open
        due: 2026-12-31
        ---
        # Nonconformity
        A record.
        """

    @Test func aPlaceholderInABodyEditMakesTheAuditPageAgain() throws {
        let placeholder = BuildCacheTests.editing(
            RenderTests.files, "policies/ai-policy.md", "A second heading with the same text.",
            "A second heading with the same text. TODO: say more.")
        try BuildCacheTests.expectEachStepMatchesAFreshBuild([placeholder, RenderTests.files])
        let pages = Fixtures.pages(try BuildCacheTests.build(placeholder, cache: nil))
        #expect(pages["audit.html"]!.contains("still says &#39;TODO&#39;"))
        #expect(pages["audit.html"]!.contains("content/policies/ai-policy.md:"))
    }

    @Test func actionFieldsAndAnOrganisationControlMatchAFreshBuild() throws {
        var withRecord = RenderTests.files
        withRecord["records/nc.md"] = Self.record
        let overdue = BuildCacheTests.editing(withRecord, "records/nc.md", "due: 2026-12-31", "due: 2026-10-31")
        let closed = BuildCacheTests.editing(overdue, "records/nc.md", "action_status: open", "action_status: closed")
        let organisation = BuildCacheTests.editing(
            closed, "soa.md", "decisions:\n",
            "decisions:\n  ORG-1: { title: \"Model cards\", applicable: true, status: planned, justification: \"asked for\" }\n"
        )
        try BuildCacheTests.expectEachStepMatchesAFreshBuild([withRecord, overdue, closed, organisation])
        let pages = Fixtures.pages(try BuildCacheTests.build(overdue, cache: nil))
        #expect(pages["actions.html"]!.contains("Overdue"))
        #expect(pages["audit.html"]!.contains("gate-nonconformities"))
        let soa = Fixtures.pages(try BuildCacheTests.build(organisation, cache: nil))["soa.html"]!
        #expect(soa.contains("id=\"ORG-1\""))
    }
}
