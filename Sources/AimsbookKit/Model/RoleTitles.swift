/// Roles named by their titles: `owner: Head of Product` where the handbook has a role titled
/// "Head of Product". The reference resolves to the role's id (the page links it, the role
/// lists what it owns) and a warning suggests writing the id, which survives a renamed role.
struct RoleTitles: Sendable {
    /// Role ids by title without case or extra spaces; a title two roles share names neither.
    private var idsByTitle: [String: String] = [:]
    private let isID: @Sendable (String) -> Bool

    init(roles: [(id: String, title: String)], isID: @escaping @Sendable (String) -> Bool) {
        var ambiguous: Set<String> = []
        for role in roles {
            let key = Self.key(role.title)
            if idsByTitle[key] != nil { ambiguous.insert(key) }
            idsByTitle[key] = role.id
        }
        for key in ambiguous { idsByTitle[key] = nil }
        self.isID = isID
    }

    /// The role titles of `documents`, a value that is one of their ids never read as a title.
    static func of(_ documents: [Document]) -> RoleTitles {
        let ids = Set(documents.map { $0.id.value })
        return RoleTitles(
            roles: documents.filter { $0.type == .role }.map { ($0.id.value, $0.title) }, isID: { ids.contains($0) })
    }

    static func key(_ title: String) -> String {
        title.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The document with every role field that names a role by title made that role's id, and
    /// a warning for each.
    func resolve(_ document: inout Document) -> [Diagnostic] {
        guard !idsByTitle.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        func resolved(_ reference: Located<String>?, field: String) -> Located<String>? {
            guard let reference, !isID(reference.value), let id = idsByTitle[Self.key(reference.value)] else {
                return reference
            }
            diagnostics.append(
                .warning(
                    "role-by-title",
                    "'\(field)' names the role '\(reference.value)' by its title; write its id, \(id), which stays right when the role is renamed",
                    at: reference.location))
            return Located(id, at: reference.location)
        }
        let owner = resolved(document.owner, field: "owner")
        if owner != document.owner { document.owner = owner }
        let field = document.approversKey
        let approvers = document.approvers.map { resolved($0, field: field) ?? $0 }
        if approvers != document.approvers { document.approvers = approvers }
        if var role = document.role, let reportsTo = resolved(role.reportsTo, field: "reports_to"),
            reportsTo != role.reportsTo
        {
            role.reportsTo = reportsTo
            document.details = Document.Details(role)
        }
        return diagnostics
    }
}

extension RoleTitles {
    /// The id a role field names: the role's id for its exact title, else the value as written.
    func id(of written: String) -> String {
        isID(written) ? written : idsByTitle[Self.key(written)] ?? written
    }
}
