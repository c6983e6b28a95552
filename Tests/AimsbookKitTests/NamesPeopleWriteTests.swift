import Testing

@testable import AimsbookKit

/// Roles named by their titles, and ids of the standard suggested only as the same id.
@Suite struct NamesPeopleWriteTests {
    @Test func aRoleNamedByItsExactTitleResolvesWithAWarningGivingTheID() throws {
        let files = BuildCacheTests.editing(
            RenderTests.files, "policies/ai-policy.md", "owner: ROLE-OWNER", "owner: AI Governance  officer")
        let checked = Pipeline.check(Fixtures.source(files), asOf: Fixtures.asOf, rendersHTML: false)
        let warnings = checked.diagnostics.filter { $0.code == "role-by-title" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("write its id, ROLE-OWNER") == true)
        #expect(warnings.first.map { "\($0.location)" } == "content/policies/ai-policy.md:5:8")
        #expect(
            !checked.diagnostics.contains { $0.code == "unknown-reference" }, "\(checked.diagnostics.map(\.message))")
        #expect(checked.handbook.document("POL-001")?.owner?.value == "ROLE-OWNER")
        #expect(checked.handbook.relations.about("ROLE-OWNER").owns.contains("POL-001"))
    }

    @Test func aTitleTwoRolesShareNamesNeither() {
        let source = Fixtures.source([
            "a.md": "---\nid: ROLE-A\ntype: role\ntitle: Lead\nstatus: draft\n---\n",
            "b.md": "---\nid: ROLE-B\ntype: role\ntitle: Lead\nstatus: draft\n---\n",
            "p.md": "---\nid: POL-1\ntype: policy\ntitle: P\nowner: Lead\nstatus: draft\n---\n",
        ])
        let codes = Pipeline.check(source, asOf: Fixtures.asOf, rendersHTML: false).diagnostics.map(\.code)
        #expect(codes.contains("unknown-reference") && !codes.contains("role-by-title"))
    }

    @Test func serveRebuildsAfterATitleReferenceAndARetitledRoleMatchAFreshBuild() throws {
        let byTitle = BuildCacheTests.editing(
            RenderTests.files, "policies/ai-policy.md", "owner: ROLE-OWNER", "owner: AI governance officer")
        let retitled = BuildCacheTests.editing(
            byTitle, "roles/owner.md", "title: AI governance officer", "title: AI governance lead")
        try BuildCacheTests.expectEachStepMatchesAFreshBuild([byTitle, retitled, byTitle])
        let cache = ServeSession()
        for files in [RenderTests.files, byTitle, retitled] {
            let incremental = Pipeline.check(
                BuildCacheTests.source(files, hashed: true), asOf: Fixtures.asOf, session: cache)
            let fresh = Pipeline.check(BuildCacheTests.source(files, hashed: true), asOf: Fixtures.asOf)
            #expect(incremental.diagnostics == fresh.diagnostics)
        }
    }
}

@Suite struct ReviewIntervalTests {
    @Test(arguments: [
        ("2026-01-15", "12m", "2027-01-15"), ("2026-01-31", "1m", "2026-02-28"), ("2024-01-31", "1m", "2024-02-29"),
        ("2026-11-30", "3m", "2027-02-28"), ("2026-01-15", "1y", "2027-01-15"), ("2026-12-20", "2w", "2027-01-03"),
        ("2024-02-29", "1y", "2025-02-28"), ("2026-03-01", "90d", "2026-05-30"),
    ])
    func nextReviewIsTheEffectiveDatePlusTheInterval(_ effective: String, _ interval: String, _ next: String) throws {
        let parsed = try #require(ReviewInterval.parse(interval))
        #expect(ReviewInterval.adding(parsed, to: Day(effective)!) == Day(next)!)
    }

    @Test func dayNumbersRoundTrip() {
        var day = Day("1999-12-25")!
        for _ in 0..<12_000 {
            #expect(Day(ordinal: day.ordinal) == day)
            day = Day(ordinal: day.ordinal + 1)
        }
        #expect(day == Day("2032-11-01"), "12,000 days after 1999-12-25, as Python's datetime counts")
    }

    static func policy(_ fields: String) -> HandbookSource {
        Fixtures.source([
            "r.md": "---\nid: ROLE-A\ntype: role\ntitle: A\nstatus: draft\n---\n",
            "p.md": "---\nid: POL-1\ntype: policy\ntitle: P\nowner: ROLE-A\nstatus: approved\n\(fields)---\n",
        ])
    }

    @Test func aDocumentWithAnIntervalIsDueAnIntervalAfterItTookEffect() throws {
        let checked = Pipeline.check(
            Self.policy("effective: 2025-06-10\nreview_interval: 12m\n"), asOf: Day("2026-07-01")!, rendersHTML: false)
        let policy = try #require(checked.handbook.document("POL-1"))
        #expect(policy.review?.value == Day("2026-06-10"))
        #expect(policy.review?.location.line == 8)
        #expect(checked.diagnostics.contains { $0.message.hasPrefix("the review of POL-1 was due on 2026-06-10") })
    }

    @Test func aWrittenReviewDateWinsAndBadIntervalsAreReported() {
        let written = Pipeline.check(
            Self.policy("effective: 2025-06-10\nreview: 2027-01-01\nreview_interval: 6m\n"), asOf: Fixtures.asOf,
            rendersHTML: false)
        #expect(written.handbook.document("POL-1")?.review?.value == Day("2027-01-01"))
        let bad = Pipeline.check(Self.policy("effective: 2025-06-10\nreview_interval: yearly\n"), asOf: Fixtures.asOf)
        #expect(bad.diagnostics.contains { $0.code == "invalid-value" && $0.message.contains("such as 12m") })
        let undated = Pipeline.check(Self.policy("review_interval: 12m\n"), asOf: Fixtures.asOf)
        #expect(undated.diagnostics.map(\.code).contains("review-interval-without-date"))
    }
}

@Suite struct DuplicateIDTests {
    @Test func theSecondOfTwoDocumentsSharingAnIDStillHasItsOwnerChecked() {
        let source = Fixtures.source([
            "a.md": "---\nid: POL-1\ntype: policy\ntitle: A\nowner: ROLE-A\nstatus: draft\n---\n",
            "b.md": "---\nid: POL-1\ntype: policy\ntitle: B\nowner: ROLE-NOBODY\nstatus: draft\n---\n",
            "r.md": "---\nid: ROLE-A\ntype: role\ntitle: A\nstatus: draft\n---\n",
        ])
        let diagnostics = Pipeline.check(source, asOf: Fixtures.asOf, rendersHTML: false).diagnostics
        let summary = diagnostics.map { "\($0.code) \($0.location)" }
        #expect(summary.contains("duplicate-id content/b.md:2:5"), "\(summary)")
        #expect(summary.contains("unknown-reference content/b.md:5:8"), "\(summary)")
    }
}
