import Foundation
import Testing

@testable import AimsbookKit

/// A handbook kept in git by a small team: the AI Governance Officer drafts, the CEO approves
/// with `Approved-by:` trailers, a policy is renamed and later edited without a new version, an
/// audit is tagged, a policy is retired and another removed.
struct ControlledHandbook {
    let repository: GitFixture
    /// Commit ids by step name.
    var commits: [String: String] = [:]

    static func policy(
        _ id: String, version: String, status: String, approver: String = "ROLE-CEO", body: String = "Text.",
        controls: String = "[A.2.2]"
    ) -> String {
        """
        ---
        id: \(id)
        type: policy
        title: Policy \(id)
        owner: ROLE-AIGO
        approver: \(approver)
        status: \(status)
        version: "\(version)"
        clauses: [5.2]
        controls: \(controls)
        retention: 6y
        ---
        # Purpose
        \(body)
        """
    }

    static func role(_ id: String, title: String, member: String) -> String {
        """
        ---
        id: \(id)
        type: role
        title: \(title)
        status: approved
        members:
          - "\(member)"
        ---
        The \(title).
        """
    }

    static let priya = (name: "Priya Raman", email: "priya@example.org")
    static let chris = (name: "Chris Chief", email: "chris@example.org")

    /// - Parameter trailers: false makes the same history without any `Approved-by:` trailer.
    init(trailers: Bool = true) throws {
        repository = try GitFixture()
        func approved(_ message: String, by role: String) -> String {
            trailers ? "\(message)\n\nApproved-by: \(role)" : message
        }
        try repository.write(
            "content/roles/aigo.md",
            Self.role("ROLE-AIGO", title: "AI Governance Officer", member: "Priya Raman, Head of AI Governance"))
        try repository.write(
            "content/roles/ceo.md", Self.role("ROLE-CEO", title: "Chief Executive", member: "Chris Chief (CEO)"))
        try repository.write("content/policies/old-name.md", Self.policy("POL-001", version: "0.1", status: "draft"))
        try repository.write(
            "content/policies/gone.md", Self.policy("POL-009", version: "1.0", status: "approved", controls: "[A.3.2]"))
        try repository.write("content/policies/third.md", Self.policy("POL-003", version: "1.0", status: "approved"))
        commits["first"] = try repository.commit(
            "Draft the policy set", author: Self.priya.name, email: Self.priya.email, date: "2026-01-10")
        try repository.write("content/policies/old-name.md", Self.policy("POL-001", version: "1.0", status: "approved"))
        commits["approval"] = try repository.commit(
            approved("Approve the AI policy 1.0", by: "ROLE-CEO"), author: Self.chris.name, email: Self.chris.email,
            date: "2026-02-01")
        try repository.git("tag", "audit-2026")
        try repository.git("mv", "content/policies/old-name.md", "content/policies/ai-policy.md")
        commits["rename"] = try repository.commit(
            "Name the policy file after the policy", author: Self.priya.name, email: Self.priya.email,
            date: "2026-03-01")
        try repository.write(
            "content/policies/ai-policy.md",
            Self.policy("POL-001", version: "1.0", status: "approved", body: "Text, reworded after approval."))
        commits["edit"] = try repository.commit(
            "Fix wording", author: Self.priya.name, email: Self.priya.email, date: "2026-03-05")
        try repository.write("content/policies/second.md", Self.policy("POL-002", version: "1.0", status: "approved"))
        commits["self-approval"] = try repository.commit(
            approved("Add and approve the second policy", by: "ROLE-AIGO"), author: Self.priya.name,
            email: Self.priya.email, date: "2026-03-10")
        try repository.write("content/policies/third.md", Self.policy("POL-003", version: "1.0", status: "retired"))
        try FileManager.default.removeItem(at: repository.root.appendingPathComponent("content/policies/gone.md"))
        commits["retire"] = try repository.commit(
            "Retire POL-003, remove POL-009", author: Self.chris.name, email: Self.chris.email, date: "2026-04-01")
    }

    var paths: HandbookPaths { HandbookPaths(root: repository.root) }

    func checked(gitHistory: Bool = true) throws -> Pipeline.Checked {
        try Pipeline.check(paths, asOf: Day("2026-06-01")!, gitHistory: gitHistory)
    }

    func short(_ step: String) -> String { String(commits[step]!.prefix(7)) }
}

@Suite(.serialized) struct DocumentControlTests {
    @Test func eachDocumentHasEveryCommitFollowingRenamesNewestFirst() throws {
        let handbook = try ControlledHandbook()
        defer { handbook.repository.remove() }
        let checked = try handbook.checked()
        let policy = try #require(checked.handbook.document("POL-001"))
        let revisions = try #require(policy.history).revisions
        #expect(revisions.map(\.commit) == ["edit", "rename", "approval", "first"].map { handbook.commits[$0]! })
        #expect(revisions.map(\.change) == [.modified, .renamed, .modified, .added])
        #expect(revisions.map(\.changedContent) == [true, false, true, true])
        #expect(
            revisions.map(\.path) == [
                "content/policies/ai-policy.md", "content/policies/ai-policy.md", "content/policies/old-name.md",
                "content/policies/old-name.md",
            ])
        #expect(revisions.map { $0.fields?.version } == ["1.0", "1.0", "1.0", "0.1"])
        #expect(revisions.map { $0.fields?.status } == ["approved", "approved", "approved", "draft"])
        #expect(revisions.map(\.author) == ["Priya Raman", "Priya Raman", "Chris Chief", "Priya Raman"])
        #expect(revisions[0].subject == "Fix wording")
        #expect(revisions[0].date == Day("2026-03-05")!)
        #expect(revisions[2].approvals == ["ROLE-CEO"])
        #expect(policy.history?.lastApproval?.commit == handbook.commits["approval"])
        #expect(policy.lastChange == LastChange(date: Day("2026-03-05")!, commit: revisions[0].shortCommit))
        #expect(checked.source.history.removed.map { $0.revisions.first?.fields?.id } == ["POL-009"])
    }

    @Test func theDocumentPageShowsItsHistoryAndApproval() throws {
        let handbook = try ControlledHandbook()
        defer { handbook.repository.remove() }
        let checked = try handbook.checked()
        let pages = Fixtures.pages(try SiteRenderer.render(checked.handbook, options: .init(asOf: checked.asOf)))
        let page = try #require(pages[SitePaths.document("POL-001")])
        #expect(page.contains("<h2 id=\"site.history\" class=\"panel-title\">History</h2>"))
        #expect(
            page.contains(
                "Approved by Chief Executive, <time datetime=\"2026-02-01\">1 February 2026</time>, <span class=\"mono\">\(handbook.short("approval"))</span>"
            ))
        #expect(page.contains("Fix wording<br><span class=\"muted\">Changed by Priya Raman</span>"))
        #expect(
            page.contains("Name the policy file after the policy<br><span class=\"muted\">Moved by Priya Raman</span>"))
        #expect(page.contains("Draft the policy set<br><span class=\"muted\">Added by Priya Raman</span>"))
        #expect(page.contains("<dt>Retention</dt><dd>6 years</dd>"))
        let withoutGit = try handbook.checked(gitHistory: false)
        let plain = Fixtures.pages(try SiteRenderer.render(withoutGit.handbook, options: .init(asOf: withoutGit.asOf)))
        #expect(plain[SitePaths.document("POL-001")]?.contains("site.history") == false)
    }

    @Test func controlFindingsNameTheDocumentAndWhatToDo() throws {
        let handbook = try ControlledHandbook()
        defer { handbook.repository.remove() }
        let checked = try handbook.checked()
        let report = AuditReport(handbook: checked.handbook, asOf: checked.asOf)
        let control = report.findings.filter { DocumentControlFindings.kinds.contains($0.kind) }
        #expect(
            control.map { "\($0.kind) \($0.document ?? "-") \($0.isWarning)" } == [
                "changed-after-approval POL-001 false", "approver-mismatch POL-002 false",
                "approval-by-author POL-002 true",
            ])
        #expect(control[0].message.contains("changed in \(handbook.short("edit"))"))
        #expect(control[0].message.contains("its version is still 1.0"))
        #expect(control[1].message.contains("by ROLE-AIGO, but its approver is ROLE-CEO"))
        let json = AuditReportWriter.json(report)
        #expect(json.contains("\"kind\": \"approval-by-author\""))
        #expect(json.contains("\"severity\": \"warning\""))
    }

    /// A pull request's way: approved on a branch, landed by a merge commit. The merge shows
    /// in the history, and landing the approved text unchanged is no change after approval.
    @Test func aMergeThatLandsTheApprovedTextIsNoChangeAfterApproval() throws {
        let repository = try GitFixture()
        defer { repository.remove() }
        let chris = ControlledHandbook.chris
        try repository.write(
            "content/roles/ceo.md", ControlledHandbook.role("ROLE-CEO", title: "Chief Executive", member: "Chris Chief")
        )
        try repository.write(
            "content/roles/aigo.md",
            ControlledHandbook.role("ROLE-AIGO", title: "AI Governance Officer", member: "Priya Raman"))
        try repository.write("content/p.md", ControlledHandbook.policy("POL-M", version: "0.1", status: "draft"))
        try repository.commit("Draft", author: chris.name, email: chris.email, date: "2026-01-01")
        try repository.git("checkout", "-q", "-b", "review")
        try repository.write("content/p.md", ControlledHandbook.policy("POL-M", version: "1.0", status: "approved"))
        let approval = try repository.commit(
            "Approve POL-M\n\nApproved-by: ROLE-CEO", author: chris.name, email: chris.email, date: "2026-01-02")
        try repository.git("checkout", "-q", "main")
        try repository.write("content/other.md", ControlledHandbook.policy("POL-O", version: "1.0", status: "draft"))
        try repository.commit("Other work", author: chris.name, email: chris.email, date: "2026-01-03")
        try repository.git(
            "merge", "-q", "--no-ff", "review", "-m", "Merge review",
            environment: ["GIT_COMMITTER_DATE": "2026-01-04T12:00:00Z", "GIT_AUTHOR_DATE": "2026-01-04T12:00:00Z"])
        let checked = try Pipeline.check(
            HandbookPaths(root: repository.root), asOf: Day("2026-06-01")!, gitHistory: true)
        let revisions = try #require(checked.handbook.document("POL-M")?.history).revisions
        #expect(revisions.map(\.subject) == ["Merge review", "Approve POL-M", "Draft"])
        #expect(revisions[1].commit == approval)
        let report = AuditReport(handbook: checked.handbook, asOf: checked.asOf)
        #expect(!report.findings.contains { $0.kind == "changed-after-approval" })
    }

    @Test func withoutAnyTrailerTheControlFindingsStayQuiet() throws {
        let handbook = try ControlledHandbook(trailers: false)
        defer { handbook.repository.remove() }
        let checked = try handbook.checked()
        let report = AuditReport(handbook: checked.handbook, asOf: checked.asOf)
        #expect(!report.findings.contains { DocumentControlFindings.kinds.contains($0.kind) })
        #expect(checked.handbook.document("POL-001")?.history?.revisions.count == 4)
    }

    @Test func theMasterListHasLastChangeAndLastApproval() throws {
        let handbook = try ControlledHandbook()
        defer { handbook.repository.remove() }
        let list = MasterList(try handbook.checked().handbook)
        #expect(list.entries.map(\.id) == ["POL-001", "POL-002", "POL-003", "ROLE-AIGO", "ROLE-CEO"])
        let csv = list.csv().split(separator: "\r\n").map(String.init)
        #expect(csv[0] == "\u{FEFF}" + MasterList.columns.joined(separator: ","))
        #expect(
            csv[1]
                == "POL-001,Policy POL-001,policy,approved,1.0,ROLE-AIGO,ROLE-CEO,,,2026-03-05,\(handbook.short("edit")),2026-02-01,\(handbook.short("approval")),ROLE-CEO,6y,content/policies/ai-policy.md"
        )
        let json = list.json()
        #expect(json.contains("\"lastApproval\": null"))
        #expect(json.contains("\"roles\": [\n          \"ROLE-CEO\"\n        ]"))
        #expect(list.table().contains("5 documents, 2 with an approval commit"))
    }

    @Test func changesSinceATagAreAddedModifiedRetiredAndRemoved() throws {
        let handbook = try ControlledHandbook()
        defer { handbook.repository.remove() }
        let checked = try handbook.checked()
        let range = try GitHistory.commits(since: "audit-2026", root: handbook.paths.root)
        #expect(range.commit == handbook.commits["approval"])
        let report = ChangeReport(range, history: checked.source.history, handbook: checked.handbook)
        #expect(
            report.entries.map { "\($0.change.rawValue) \($0.id)" } == [
                "added POL-002", "modified POL-001", "retired POL-003", "removed POL-009",
            ])
        #expect(report.entries[1].commits.map(\.commit) == ["edit", "rename"].map { handbook.commits[$0]! })
        let byControl = report.grouped(by: \.controls, order: checked.handbook.standard.controls.map(\.id))
        #expect(
            byControl.map { "\($0.id): \($0.entries.map(\.id).joined(separator: " "))" } == [
                "A.2.2: POL-002 POL-001 POL-003", "A.3.2: POL-009",
            ])
        let json = ChangeReportWriter.json(report)
        #expect(json.contains("\"since\": \"audit-2026\""))
        #expect(json.contains("\"change\": \"removed\""))
        let text = ChangeReportWriter.text(report, standard: checked.handbook.standard)
        #expect(text.contains("1 added, 1 modified, 1 retired, 1 removed"))
        #expect(text.contains("  5.2 "))
        #expect(throws: GitHistory.RevisionError.self) {
            try GitHistory.commits(since: "no-such-tag", root: handbook.paths.root)
        }
    }

    @Test func thePackIsReproducibleAndItsManifestVerifies() throws {
        let handbook = try ControlledHandbook()
        defer { handbook.repository.remove() }
        let checked = try handbook.checked()
        let site = try SiteRenderer.render(checked.handbook, options: .init(asOf: checked.asOf))
        let pack = try AuditPack.make(checked, site: site, paths: handbook.paths, gitHistory: true)
        #expect(pack.provenance.commit == handbook.commits["retire"])
        #expect(pack.provenance.isClean)
        let paths = pack.entries.map(\.path)
        #expect(paths.first == "MANIFEST.sha256")
        for required in [
            "PACK.txt", "audit.json", "soa.csv", "documents.csv", "site/index.html", "site/documents.html",
        ] {
            #expect(paths.contains(required))
        }
        let header = String(decoding: pack.entries.first { $0.path == "PACK.txt" }!.bytes, as: UTF8.self)
        #expect(header.contains("commit: \(handbook.commits["retire"]!)\ntree: clean\n"))
        #expect(header.contains("as-of: 2026-06-01"))

        let out = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        for format in ArchiveWriter.Format.allCases {
            let first = try ArchiveWriter.archive(pack.entries, format: format, day: checked.asOf)
            let again = try AuditPack.make(
                try handbook.checked(), site: site, paths: handbook.paths, gitHistory: true)
            #expect(try ArchiveWriter.archive(again.entries, format: format, day: checked.asOf) == first)
            let folder = out.appendingPathComponent(format.rawValue)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let archive = folder.appendingPathComponent("pack.\(format.rawValue)")
            try Data(first).write(to: archive)
            if format == .zip {
                try GitFixture.run(["unzip", "-q", archive.path, "-d", folder.path])
            } else {
                try GitFixture.run(["tar", "-xzf", archive.path, "-C", folder.path])
            }
            let verified = try GitFixture.run(["sha256sum", "-c", "MANIFEST.sha256"], in: folder)
            #expect(verified.split(separator: "\n").count == pack.entries.count - 1)
            #expect(!verified.contains("FAILED"))
        }
    }

    @Test func aDirtyTreeIsPackedAndSaysSo() throws {
        let handbook = try ControlledHandbook()
        defer { handbook.repository.remove() }
        try handbook.repository.write(
            "content/policies/new.md", ControlledHandbook.policy("POL-004", version: "0.1", status: "draft"))
        let checked = try handbook.checked()
        let pack = try AuditPack.make(checked, site: [], paths: handbook.paths, gitHistory: true)
        #expect(!pack.provenance.isClean)
        #expect(pack.provenance.uncommitted == ["content/policies/new.md"])
        let header = String(decoding: pack.entries.first { $0.path == "PACK.txt" }!.bytes, as: UTF8.self)
        #expect(header.contains("tree: dirty"))
    }

    @Test func aHandbookInASubfolderOfItsRepositoryNamesItsOwnFiles() throws {
        let repository = try GitFixture()
        defer { repository.remove() }
        try repository.write(
            "docs/handbook/content/p.md", ControlledHandbook.policy("POL-S", version: "1.0", status: "draft"))
        try repository.write("elsewhere.txt", "not the handbook's")
        try repository.commit("Start", author: "A", email: "a@example.org", date: "2026-01-01")
        try repository.write("docs/handbook/content/new/q.md", "draft")
        try repository.write("elsewhere.txt", "changed, but not the handbook's")
        let paths = HandbookPaths(root: repository.root.appendingPathComponent("docs/handbook"))
        #expect(AuditPack.uncommittedFiles(paths) == ["content/new/q.md"])
        let checked = try Pipeline.check(paths, asOf: Day("2026-06-01")!, gitHistory: true)
        #expect(checked.handbook.document("POL-S")?.history?.revisions.map(\.path) == ["content/p.md"])
    }

    /// `serve` reads the history again only when HEAD moves; its rebuilds, after an edit, a
    /// commit, and a change to a role named by an approval, equal fresh builds.
    @Test func serveRebuildsWithHistoryMatchFreshBuilds() throws {
        let handbook = try ControlledHandbook()
        defer { handbook.repository.remove() }
        let paths = handbook.paths
        let asOf = Day("2026-06-01")!
        let cache = ServeSession()
        _ = try SiteBuild.run(paths, asOf: asOf, gitHistory: true, session: cache)
        func expectSameAsFresh(_ step: String) throws {
            _ = try SiteBuild.run(paths, asOf: asOf, gitHistory: true, session: cache)
            let fresh = paths.root.appendingPathComponent("fresh-\(step)")
            _ = try SiteBuild.run(HandbookPaths(root: paths.root, output: fresh), asOf: asOf, gitHistory: true)
            let served = try RebuildShortcutTests.contents(paths.output)
            let built = try RebuildShortcutTests.contents(fresh)
            #expect(served.keys.sorted() == built.keys.sorted(), "\(step)")
            for (path, data) in built where served[path] != data { Issue.record("\(step): \(path) differs") }
        }
        let second = "content/policies/second.md"
        try handbook.repository.write(
            second, ControlledHandbook.policy("POL-002", version: "1.1", status: "approved", body: "Edited."))
        try expectSameAsFresh("edit")
        try handbook.repository.git("add", second)
        let commit = try handbook.repository.commit(
            "Approve POL-002 1.1\n\nApproved-by: ROLE-CEO", author: "Chris Chief", email: "chris@example.org",
            date: "2026-05-01")
        try expectSameAsFresh("commit")
        let page = try String(
            contentsOf: paths.output.appendingPathComponent(SitePaths.document("POL-002")), encoding: .utf8)
        #expect(page.contains(String(commit.prefix(7))))
        try handbook.repository.write(
            "content/roles/ceo.md",
            ControlledHandbook.role("ROLE-CEO", title: "Managing Director", member: "Chris Chief"))
        try expectSameAsFresh("role title")
        let policy = try String(
            contentsOf: paths.output.appendingPathComponent(SitePaths.document("POL-001")), encoding: .utf8)
        #expect(policy.contains("Approved by Managing Director"))
    }

    @Test func packSinceATagCarriesTheChanges() throws {
        let handbook = try ControlledHandbook()
        defer { handbook.repository.remove() }
        let checked = try handbook.checked()
        let changes = ChangeReport(
            try GitHistory.commits(since: "audit-2026", root: handbook.paths.root), history: checked.source.history,
            handbook: checked.handbook)
        var options = SiteRenderer.Options(asOf: checked.asOf)
        options.changes = changes
        let site = try SiteRenderer.render(checked.handbook, options: options)
        let pack = try AuditPack.make(checked, site: site, paths: handbook.paths, gitHistory: true, changes: changes)
        let paths = pack.entries.map(\.path)
        #expect(paths.contains("changes.json") && paths.contains("site/changes.html"))
        let header = String(decoding: pack.entries.first { $0.path == "PACK.txt" }!.bytes, as: UTF8.self)
        #expect(header.contains("changes since audit-2026"))
    }

    @Test func longPathsUseTheUstarPrefix() throws {
        let folder = String(repeating: "f", count: 90)
        let path = "\(folder)/\(folder)/page.html"
        let split = try ArchiveWriter.split(path)
        #expect(split.prefix.count <= 155 && split.name.count <= 100)
        #expect(String(decoding: split.prefix + [UInt8(ascii: "/")] + split.name, as: UTF8.self) == path)
        #expect(throws: ArchiveError.self) { try ArchiveWriter.split(String(repeating: "x", count: 120)) }
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func retentionIsAPeriodOrPermanent() {
        #expect(Retention("6y")?.text == "6 years")
        #expect(Retention("18m")?.description == "18m")
        #expect(Retention("permanent") == .permanent)
        for bad in ["6", "y", "0y", "-1y", "6 years", "+3y", "6w"] { #expect(Retention(bad) == nil, "\(bad)") }
    }
}
