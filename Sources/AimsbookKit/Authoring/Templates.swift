/// The starting text of each document type: the fields it needs and headings with placeholders
/// saying what belongs under them, as its descriptor declares (`Starter`). Written for
/// aimsbook; no text of the standard.
public enum Templates {
    static let placeholderNote =
        "> **To complete:** replace the placeholders in this document with your organisation's own text, then set `status: approved` once it has been approved.\n"

    public static func document(
        type: DocumentType, id: String, title: String, owner: String?, standard: StandardModel
    )
        -> StarterDocument
    {
        let starter = type.descriptor.starter
        var fields: [(String, String)] = []
        if let owner, type.requiresOwner || starter.namesOwner { fields.append(("owner", owner)) }
        fields.append(("status", "draft"))
        fields += starter.fields(standard)
        let body = sections(starter.sections)
        return StarterDocument(
            contentPath: "", id: id, type: type, title: title, fields: fields, body: placeholderNote + "\n" + body)
    }

    static func sections(_ headings: [String]) -> String {
        headings.map { "## \($0)\n\n_To be written._\n" }.joined(separator: "\n")
    }
}
