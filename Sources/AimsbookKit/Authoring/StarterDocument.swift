/// A document written by `aimsbook init` or `aimsbook new`: front matter fields in a fixed
/// order, and a body. Turns itself into Markdown text.
public struct StarterDocument: Sendable, Equatable {
    public var contentPath: String
    public var id: String
    public var type: DocumentType
    public var title: String
    /// Further fields as (key, YAML value as written), in order.
    public var fields: [(String, String)]
    public var body: String

    public init(
        contentPath: String, id: String, type: DocumentType, title: String, fields: [(String, String)], body: String
    ) {
        self.contentPath = contentPath
        self.id = id
        self.type = type
        self.title = title
        self.fields = fields
        self.body = body
    }

    public static func == (lhs: StarterDocument, rhs: StarterDocument) -> Bool {
        lhs.markdown == rhs.markdown && lhs.contentPath == rhs.contentPath
    }

    public var markdown: String {
        var text = "---\nid: \(id)\ntype: \(type.rawValue)\ntitle: \(Self.yamlString(title))\n"
        for (key, value) in fields {
            // A value starting with a line break is a block (the SoA's decisions).
            text += value.hasPrefix("\n") ? "\(key):\(value)\n" : "\(key): \(value)\n"
        }
        return text + "---\n" + body
    }

    /// A title as a YAML scalar: plain when safe, double-quoted otherwise.
    static func yamlString(_ text: String) -> String {
        let special = ":#&*!|>'\"%@`{}[],?-"
        let needsQuotes =
            text.isEmpty || text.first.map { special.contains($0) || $0 == " " } == true
            || text.contains(": ") || text.contains(" #") || text.last == " "
            || ["true", "false", "yes", "no", "null", "~"].contains(text.lowercased())
        guard needsQuotes else { return text }
        return "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    /// The conventional folder of each type in a new handbook.
    public static func folder(for type: DocumentType) -> String { type.descriptor.starter.folder }

    /// The id prefix of each type (POL-001, ROLE-…, RISK-001 …).
    public static func idPrefix(for type: DocumentType) -> String { type.descriptor.starter.idPrefix }
}
