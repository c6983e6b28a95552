/// `aimsbook new TYPE [ID] --title T`: a document of the type's template, placed in the type's
/// conventional folder, with the next free id when none is given, ready to pass `check`.
public enum NewDocument {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func make(
        type: DocumentType, id: String?, title: String, in handbook: Handbook
    ) throws
        -> StarterDocument
    {
        let id = id ?? nextFreeID(for: type, existing: handbook.documents.map(\.id.value) + handbook.brokenIDs)
        guard DocumentID.isValid(id) else {
            throw Failure(description: "'\(id)' is not a valid id; use letters, digits and '-', starting with a letter")
        }
        if let existing = handbook.documents.first(where: { $0.id.value.lowercased() == id.lowercased() }) {
            throw Failure(description: "the id \(id) is already used by \(existing.path)")
        }
        if type == .soa, let soa = handbook.soaDocument {
            throw Failure(
                description: "the handbook already has a Statement of Applicability, \(soa.id.value) (\(soa.path))")
        }
        let roles = handbook.documents(of: .role).map(\.id.value)
        let owner = roles.first { $0.contains("AIGO") } ?? roles.first
        if type.requiresOwner && owner == nil {
            throw Failure(
                description:
                    "\(Article.a(type.rawValue)) needs an owning role, and the handbook has none; create one first with 'aimsbook new role'"
            )
        }
        let folder = StarterDocument.folder(for: type)
        let file = DocumentID.slug(id) + ".md"
        var document = Templates.document(type: type, id: id, title: title, owner: owner, standard: handbook.standard)
        document.contentPath = folder.isEmpty ? file : "\(folder)/\(file)"
        return document
    }

    /// PREFIX-NNN one above the highest number already used with that prefix.
    public static func nextFreeID(for type: DocumentType, existing: some Sequence<String>) -> String {
        let prefix = StarterDocument.idPrefix(for: type) + "-"
        var highest = 0
        for id in existing where id.hasPrefix(prefix) {
            if let number = Int(id.dropFirst(prefix.count)) { highest = max(highest, number) }
        }
        let number = String(highest + 1)
        return prefix + String(repeating: "0", count: max(0, 3 - number.count)) + number
    }
}
