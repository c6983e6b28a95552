import Foundation
import Testing

@testable import AimsbookKit

/// `approvers` as a list: read, checked, shown, judged by the audit and document control, and
/// imported; and `review_interval` counted from the last approval in git.
@Suite struct ApproversTests {
    static let roles = [
        "roles/ceo.md": "---\nid: ROLE-CEO\ntype: role\ntitle: Chief Executive\nstatus: approved\n---\n",
        "roles/hop.md": "---\nid: ROLE-HOP\ntype: role\ntitle: Head of Product\nstatus: approved\n---\n",
        "roles/dpo.md": "---\nid: ROLE-DPO\ntype: role\ntitle: Data Protection Officer\nstatus: approved\n---\n",
    ]

    static func policy(_ fields: String) -> String {
        "---\nid: POL-1\ntype: policy\ntitle: P\nowner: ROLE-HOP\nstatus: approved\nversion: \"1\"\neffective: 2026-01-05\n\(fields)---\nText.\n"
    }

    static func checked(_ fields: String) -> Pipeline.Checked {
        var files = roles
        files["p.md"] = policy(fields)
        return Pipeline.check(Fixtures.source(files), asOf: Fixtures.asOf)
    }

    @Test func aListOfIdsAndTitlesIsReadInOrder() throws {
        let checked = Self.checked("approvers: [ROLE-CEO, Data Protection Officer]\n")
        let document = try #require(checked.handbook.document("POL-1"))
        #expect(document.approvers.map(\.value) == ["ROLE-CEO", "ROLE-DPO"])
        #expect(Fixtures.summary(checked.diagnostics) == ["warning role-by-title content/p.md:9:23"])
        #expect(checked.handbook.relations.about("ROLE-DPO").approves == ["POL-1"])
        #expect(checked.handbook.relations.about("ROLE-CEO").approves == ["POL-1"])
    }

    @Test func oneApproverStaysValid() throws {
        let checked = Self.checked("approver: ROLE-CEO\n")
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics.map(\.message))")
        #expect(checked.handbook.document("POL-1")?.approvers.map(\.value) == ["ROLE-CEO"])
    }

    @Test func writingBothIsAnError() {
        let checked = Self.checked("approver: ROLE-CEO\napprovers: [ROLE-DPO]\n")
        #expect(Fixtures.summary(checked.diagnostics) == ["error conflicting-fields content/p.md:10:1"])
        #expect(checked.diagnostics.first?.message.contains("approvers: [ROLE-CEO, ROLE-DPO]") == true)
    }

    @Test func anUnknownApproverInTheListIsReportedWhereItIsWrittenWithATitleSuggestion() {
        let checked = Self.checked("approvers: [ROLE-CEO, Head of Prodct]\n")
        #expect(Fixtures.summary(checked.diagnostics) == ["error unknown-reference content/p.md:9:23"])
        #expect(
            checked.diagnostics.first?.message.hasSuffix("did you mean ROLE-HOP (Head of Product)?") == true,
            "\(checked.diagnostics.map(\.message))")
        #expect(checked.diagnostics.first?.message.hasPrefix("'approvers' names 'Head of Prodct'") == true)
    }

    @Test func aPartOfOneRolesTitleIsAnsweredWithThatRole() {
        let checked = Self.checked("approvers: [data protection]\n")
        #expect(
            checked.diagnostics.first?.message.hasSuffix("did you mean ROLE-DPO (Data Protection Officer)?") == true,
            "\(checked.diagnostics.map(\.message))")
        // A part of two titles (Head of Product, Data Protection Officer) suggests neither.
        let vague = Self.checked("approvers: [pro]\n")
        #expect(vague.diagnostics.first?.message.contains("did you mean") == false)
    }

    @Test func theApproverFieldTakesOneRoleAndSaysHowToWriteSeveral() {
        let checked = Self.checked("approver: [ROLE-CEO, ROLE-DPO]\n")
        #expect(Fixtures.summary(checked.diagnostics) == ["error invalid-value content/p.md:9:11"])
        #expect(checked.diagnostics.first?.message.contains("approvers: [") == true)
    }

    @Test func thePageAndTheRegisterShowEveryApprover() throws {
        let checked = Self.checked("approvers: [ROLE-CEO, ROLE-DPO]\n")
        let pages = Fixtures.pages(try SiteRenderer.render(checked.handbook, options: .init(asOf: checked.asOf)))
        let page = try #require(pages[SitePaths.document("POL-1")])
        #expect(
            page.contains(
                "<dt>Approvers</dt><dd><ul class=\"plain\"><li><a href=\"../docs/role-ceo.html\">Chief Executive</a></li><li><a href=\"../docs/role-dpo.html\">Data Protection Officer</a></li></ul></dd>"
            ), "\(page)")
        let csv = MasterList(checked.handbook).csv()
        #expect(csv.contains(",ROLE-HOP,ROLE-CEO; ROLE-DPO,2026-01-05,"), "\(csv)")
        #expect(
            MasterList(checked.handbook).json().contains(
                "\"approvers\": [\n        \"ROLE-CEO\",\n        \"ROLE-DPO\"\n      ]"))
        let register = try #require(pages[SitePaths.documents])
        #expect(
            register.contains(
                "<a class=\"mono\" href=\"docs/role-ceo.html\" title=\"Chief Executive\">ROLE-CEO</a> <a class=\"mono\" href=\"docs/role-dpo.html\""
            ))
    }

    @Test func aPolicyIsSelfApprovedOnlyWhenEveryApproverIsItsOwner() {
        func selfApproved(_ fields: String) -> Bool {
            let checked = Self.checked(fields)
            return AuditReport(handbook: checked.handbook, asOf: checked.asOf).findings.contains {
                $0.kind == "self-approved-policy"
            }
        }
        #expect(selfApproved("approvers: [ROLE-HOP]\n"))
        #expect(selfApproved("approver: ROLE-HOP\n"))
        #expect(!selfApproved("approvers: [ROLE-HOP, ROLE-CEO]\n"))
        #expect(!selfApproved("approver: ROLE-CEO\n"))
    }

    @Test func anApproversColumnImportsAsAListOfRoleIds() throws {
        var files = Self.roles
        files["p.md"] = Self.policy("approver: ROLE-CEO\n")
        let source = Fixtures.source(files)
        let csv =
            "Id,Title,Owner,Approvers,Status\nPOL-7,Seven,Head of Product,Chief Executive; Data Protection Officer,draft\nPOL-8,Eight,ROLE-HOP,\"ROLE-CEO, ROLE-HOP\",draft\n"
        let table = try RegisterTable.csv(csv)
        let options = RegisterImport.Options(type: .policy, mapping: ImportMapping(), sourceName: "policies.csv")
        let plan = RegisterImport.plan(table, into: source, options: options)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        let seven = try #require(plan.files.first { $0.id == "POL-7" })
        #expect(seven.text.contains("approvers: [ROLE-CEO, ROLE-DPO]"), "\(seven.text)")
        let eight = try #require(plan.files.first { $0.id == "POL-8" })
        #expect(eight.text.contains("approvers: [ROLE-CEO, ROLE-HOP]"), "\(eight.text)")
    }
}

/// Approvals recorded in git against a list of approvers, and a review interval counted from them.
@Suite(.serialized) struct ApproversInGitTests {
    static func policy(_ id: String, owner: String, approvers: String, extra: String = "") -> String {
        "---\nid: \(id)\ntype: policy\ntitle: Policy \(id)\nowner: \(owner)\napprovers: \(approvers)\nstatus: approved\nversion: \"1.0\"\neffective: 2025-01-10\n\(extra)---\nText.\n"
    }

    @Test func trailersAreMatchedAgainstAnyApproverAndTheReviewCountsFromTheApproval() throws {
        let repository = try GitFixture()
        defer { repository.remove() }
        try repository.write(
            "content/roles/aigo.md",
            ControlledHandbook.role("ROLE-AIGO", title: "AI Governance Officer", member: "Priya Raman"))
        try repository.write(
            "content/roles/ceo.md", ControlledHandbook.role("ROLE-CEO", title: "Chief Executive", member: "Chris Chief")
        )
        try repository.write(
            "content/roles/dpo.md", ControlledHandbook.role("ROLE-DPO", title: "Privacy Lead", member: "Dana Lee"))
        try repository.write(
            "content/a.md",
            Self.policy(
                "POL-A", owner: "ROLE-AIGO", approvers: "[ROLE-CEO, Privacy Lead]", extra: "review_interval: 12m\n"))
        try repository.write("content/b.md", Self.policy("POL-B", owner: "ROLE-AIGO", approvers: "[ROLE-CEO]"))
        try repository.write(
            "content/c.md", Self.policy("POL-C", owner: "ROLE-AIGO", approvers: "[ROLE-AIGO, ROLE-CEO]"))
        try repository.write(
            "content/d.md",
            Self.policy("POL-D", owner: "ROLE-AIGO", approvers: "[ROLE-CEO]", extra: "review_interval: 6m\n"))
        _ = try repository.commit("Draft", author: "Priya Raman", email: "priya@example.org", date: "2026-01-10")
        for (file, role) in [("a", "ROLE-DPO"), ("b", "ROLE-DPO"), ("c", "ROLE-AIGO")] {
            try repository.write(
                "content/\(file).md",
                try String(contentsOf: repository.root.appendingPathComponent("content/\(file).md"), encoding: .utf8)
                    + "More.\n")
            _ = try repository.commit(
                "Approve \(file)\n\nApproved-by: \(role)", author: "Priya Raman", email: "priya@example.org",
                date: "2026-03-15")
        }
        let checked = try Pipeline.check(
            HandbookPaths(root: repository.root), asOf: Day("2026-06-01")!, gitHistory: true)
        let report = AuditReport(handbook: checked.handbook, asOf: checked.asOf)
        let control = report.findings.filter { DocumentControlFindings.kinds.contains($0.kind) }
        #expect(
            control.map { "\($0.kind) \($0.document ?? "-")" } == [
                // POL-A: Privacy Lead (ROLE-DPO, one of two approvers) approved it, recorded by an
                // owner's member: neither a mismatch nor approval by the author.
                // POL-B: ROLE-DPO is no approver of it, so no approver other than the owner did.
                "approver-mismatch POL-B", "approval-by-author POL-B", "approval-by-author POL-C",
            ], "\(control.map(\.message))")
        #expect(control.first?.message.contains("but its approver is ROLE-CEO;") == true)

        let approved = try #require(checked.handbook.document("POL-A"))
        #expect(approved.review?.value == Day("2027-03-15"))
        let commit = try #require(approved.history?.lastApproval?.shortCommit)
        #expect(approved.reviewSchedule?.explanation == "12m after the last approval (2026-03-15, \(commit))")
        // No approval commit: counted from `effective`.
        let unapproved = try #require(checked.handbook.document("POL-D"))
        #expect(unapproved.review?.value == Day("2025-07-10"))
        #expect(unapproved.reviewSchedule?.explanation == "6m after the effective date (2025-01-10)")

        let pages = Fixtures.pages(try SiteRenderer.render(checked.handbook, options: .init(asOf: checked.asOf)))
        let page = try #require(pages[SitePaths.document("POL-A")])
        #expect(page.contains("<span class=\"muted small\">12m after the last approval (2026-03-15, \(commit))</span>"))

        // Without git there is no approval to count from.
        let plain = try Pipeline.check(
            HandbookPaths(root: repository.root), asOf: Day("2026-06-01")!, gitHistory: false)
        #expect(plain.handbook.document("POL-A")?.review?.value == Day("2026-01-10"))
    }
}
