/// Findings about the control of documented information (ISO/IEC 42001 7.5.3), read from git:
/// approvals are commits whose message carries `Approved-by: ROLE-ID` trailers. A handbook
/// whose history has no such trailer at all has not adopted the convention, and gets none of
/// these findings.
enum DocumentControlFindings {
    static let kinds = ["changed-after-approval", "approval-by-author", "approver-mismatch"]

    static func findings(_ handbook: Handbook) -> [AuditReport.Finding] {
        var usesApprovals = false
        handbook.forEachDocument { document in
            if !usesApprovals, document.history?.lastApproval != nil { usesApprovals = true }
        }
        guard usesApprovals else { return [] }
        var findings: [AuditReport.Finding] = []
        let titles = RoleTitles(
            roles: handbook.documents(of: .role).map { ($0.id.value, $0.title) },
            isID: { [ids = Set(handbook.documents.map { $0.id.value })] in ids.contains($0) })
        handbook.forEachDocument { document in
            guard document.status == .approved, let history = document.history,
                let approvalIndex = history.revisions.firstIndex(where: { !$0.approvals.isEmpty })
            else { return }
            let approval = history.revisions[approvalIndex]
            let id = document.id.value
            findings += changedAfterApproval(document, history: history, approvalIndex: approvalIndex)
            // The approvers the approved version named (as ids, though written as titles), or
            // else today's: an approval is by one of them.
            let recorded = (approval.fields?.approvers ?? []).map { titles.id(of: $0) }
            let approvers = recorded.isEmpty ? document.approvers.map(\.value) : recorded
            if !approvers.isEmpty, !approval.approvals.contains(where: approvers.contains) {
                let named = approvers.joined(separator: " or ")
                findings.append(
                    .init(
                        kind: "approver-mismatch", document: id,
                        message:
                            "\(document.title) was approved in \(approval.shortCommit) (\(approval.date)) by \(approval.approvals.joined(separator: ", ")), but its approver is \(named); have \(named) approve it, or correct '\(document.approversKey)'"
                    ))
            } else if approvers.isEmpty {
                findings.append(
                    .init(
                        kind: "approver-mismatch", document: id,
                        message:
                            "\(document.title) was approved in \(approval.shortCommit) by \(approval.approvals.joined(separator: ", ")), but names no approver; add 'approver: \(approval.approvals[0])'"
                    ))
            }
            // Independent when a role other than the owner, of which the author is no member,
            // approved in the commit as one of the approvers.
            let owner = (approval.fields?.owner).map { titles.id(of: $0) } ?? document.owner?.value
            func authorIsMember(of role: String) -> Bool {
                handbook.document(role)?.role?.members.contains {
                    Self.member($0, is: approval.author, email: approval.email)
                } ?? false
            }
            let independent = approval.approvals.contains { role in
                role != owner && (approvers.isEmpty || approvers.contains(role)) && !authorIsMember(of: role)
            }
            if let owner, authorIsMember(of: owner), !independent {
                findings.append(
                    .init(
                        kind: "approval-by-author", document: id,
                        message:
                            "\(document.title): the approving commit \(approval.shortCommit) was made by \(approval.author), a member of its owner \(owner); the approval should come from someone other than the owner",
                        isWarning: true))
            }
        }
        return findings
    }

    /// Changes to the file after its last approval that no approval covers: content edited with
    /// the approved version number kept, or a new version never approved. The file as last
    /// committed is compared with the approved one by blob id: a merge or a rename that lands
    /// the approved text unchanged, or an edit undone, is no change.
    static func changedAfterApproval(
        _ document: Document, history: DocumentHistory, approvalIndex: Int
    )
        -> [AuditReport.Finding]
    {
        let approval = history.revisions[approvalIndex]
        guard let newest = history.revisions.first, newest.blob != approval.blob,
            let latest = history.revisions[..<approvalIndex].first(where: {
                $0.blob != approval.blob && $0.changedContent
            })
        else { return [] }
        let approvedVersion = approval.fields?.version
        let version = document.version
        let edit = "changed in \(latest.shortCommit) (\(latest.date), \(latest.author))"
        let message: String
        if version == approvedVersion {
            message =
                "\(document.title) was \(edit) after its approval in \(approval.shortCommit) (\(approval.date)), and its version is still \(version ?? "unstated"); raise the version and approve the change with an 'Approved-by:' trailer"
        } else {
            message =
                "\(document.title) version \(version ?? "unstated") was \(edit) and has no approval commit; the last approval, in \(approval.shortCommit) (\(approval.date)), was of version \(approvedVersion ?? "unstated")"
        }
        return [.init(kind: "changed-after-approval", document: document.id.value, message: message)]
    }

    /// Whether a role's member line (`Priya Raman, Head of AI Governance`, or one with an
    /// e-mail address) names the commit's author.
    static func member(_ line: String, is author: String, email: String) -> Bool {
        let line = line.lowercased()
        if !email.isEmpty, line.contains(email.lowercased()) { return true }
        let name = line.prefix { $0 != "," && $0 != "(" && $0 != "<" }.trimmingCharacters(in: .whitespaces)
        return !name.isEmpty && name == author.lowercased().trimmingCharacters(in: .whitespaces)
    }
}
