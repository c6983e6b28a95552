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
        handbook.forEachDocument { document in
            guard document.status == .approved, let history = document.history,
                let approvalIndex = history.revisions.firstIndex(where: { !$0.approvals.isEmpty })
            else { return }
            let approval = history.revisions[approvalIndex]
            let id = document.id.value
            findings += changedAfterApproval(document, history: history, approvalIndex: approvalIndex)
            let approver = approval.fields?.approver ?? document.approver?.value
            if let approver, !approval.approvals.contains(approver) {
                findings.append(
                    .init(
                        kind: "approver-mismatch", document: id,
                        message:
                            "\(document.title) was approved in \(approval.shortCommit) (\(approval.date)) by \(approval.approvals.joined(separator: ", ")), but its approver is \(approver); have \(approver) approve it, or correct 'approver'"
                    ))
            } else if approver == nil {
                findings.append(
                    .init(
                        kind: "approver-mismatch", document: id,
                        message:
                            "\(document.title) was approved in \(approval.shortCommit) by \(approval.approvals.joined(separator: ", ")), but names no approver; add 'approver: \(approval.approvals[0])'"
                    ))
            }
            let owner = approval.fields?.owner ?? document.owner?.value
            if let owner, let role = handbook.document(owner)?.role,
                role.members.contains(where: { Self.member($0, is: approval.author, email: approval.email) })
            {
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
