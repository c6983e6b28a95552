extension FieldReader {
    /// The approving roles: `approver: ROLE-CEO` (one) or `approvers: [ROLE-CEO, ROLE-AIGO]`
    /// (any number). Writing both is an error, since neither can be known to be the intended
    /// one; both are then kept, so each is still checked.
    mutating func approvers() -> [Located<String>] {
        var approvers: [Located<String>] = []
        if let entry = frontMatter["approver"], case .sequence = entry.value {
            diagnostics.append(
                .error(
                    "invalid-value",
                    "'approver' names one role; write several as 'approvers: [ROLE-…, ROLE-…]'",
                    at: entry.value.location))
        } else if let approver = text("approver") {
            approvers.append(approver)
        }
        let list = self.list("approvers")
        if let single = frontMatter["approver"], let several = frontMatter["approvers"] {
            diagnostics.append(
                .error(
                    "conflicting-fields",
                    "both 'approver' (line \(single.keyLocation.line)) and 'approvers' are written; keep one, such as 'approvers: [\((approvers + list).map(\.value).joined(separator: ", "))]'",
                    at: several.keyLocation))
        }
        for approver in list where !approvers.contains(where: { $0.value == approver.value }) {
            approvers.append(approver)
        }
        return approvers
    }
}
