/// One field of another tool, kept as written so the document page can show it: an `x-` key of
/// the front matter, or an entry of its `extra:` mapping (named by its own key).
public struct ExtraField: Sendable, Hashable {
    public var key: String
    /// The value as one line of text: a list's items joined by ", ", a mapping's entries as
    /// `key: value` joined by "; ".
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// The extra fields of `frontMatter`, in the order written; `extra:` given as anything but a
    /// mapping is kept whole under the name `extra`.
    static func read(_ frontMatter: FrontMatter) -> [ExtraField] {
        var fields: [ExtraField] = []
        for entry in frontMatter.entries where ExtraFields.isExtra(entry.key) {
            if entry.key == "extra", case .mapping(let entries, _) = entry.value {
                fields += entries.map { ExtraField(key: $0.key, value: text($0.value)) }
            } else {
                fields.append(ExtraField(key: entry.key, value: text(entry.value)))
            }
        }
        return fields
    }

    static func text(_ value: YAMLValue) -> String {
        switch value {
        case .scalar(let text, _): text
        case .sequence(let items, _): items.map(text).joined(separator: ", ")
        case .mapping(let entries, _): entries.map { "\($0.key): \(text($0.value))" }.joined(separator: "; ")
        }
    }
}
