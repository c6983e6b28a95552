extension DocumentType {
    public static let role = DocumentType(declaring: "role")
}

/// A role: who is responsible and accountable (clause 5.3), what it owns and approves.
enum RoleType {
    static let descriptor = DocumentTypeDescriptor(
        .role, displayName: "Role", pluralName: "Roles", requiresOwner: false,
        fields: [
            .reference("reports_to", to: .role, backlink: false, mayNameItself: false) { $0.role?.reportsTo },
            .list("members"),
        ],
        readDetails: { reader in
            Document.Details(
                Document.Role(reportsTo: reader.text("reports_to"), members: reader.list("members").map(\.value)))
        },
        panel: DetailsPanel(key: "rolePanel") { document, context, linker in
            guard let role = document.role else { return nil }
            return try DocumentDetails.role(
                document, role, context: context, linker: linker, itemTemplate: "ref-item-status")
        },
        starter: Starter(
            folder: "roles", idPrefix: "ROLE", fields: [("members", "[]")],
            sections: ["Purpose of the role", "Responsibilities", "Authorities"]),
        richerView: ("Role directory", SitePaths.roles))
}

extension Document {
    public struct Role: TypeDetails {
        public var reportsTo: Located<String>?
        public var members: [String]
    }

    public var role: Role? { self.details.value as? Role }
}
