/// The role directory (`roles.html`): every role with its reporting line, members, and what it
/// owns and approves — who to ask, and whom an auditor interviews. One anchor per role.
enum RoleDirectory {
    static func render(context: RenderContext) throws -> OutputFile {
        let path = SitePaths.roles
        let linker = Linker(page: path)
        let handbook = context.handbook
        let roles = try handbook.documents(of: .role).map { document -> View in
            var view = context.documentRef(document, linker: linker)
            let role = document.role ?? Document.Role(reportsTo: nil, members: [])
            for (key, value) in try DocumentDetails.role(
                document, role, context: context, linker: linker, itemTemplate: "ref-item")
            {
                view[key] = value
            }
            view["anchor"] = DocumentID.slug(document.id.value)
            let relations = handbook.relations(about: document.id.value)
            let owns = relations.owns.count
            let approves = relations.approves.count
            view["ownsCount"] = owns
            view["approvesCount"] = approves
            view["idle"] = owns == 0 && approves == 0
            return view
        }
        let view: View = ["roles": roles, "hasRoles": !roles.isEmpty, "total": RenderText.count(roles.count, "role")]
        let frame = RenderContext.Frame(path: path, kind: "roles", title: "Role directory", section: path)
        return try context.page(frame, template: "roles", view)
    }
}
