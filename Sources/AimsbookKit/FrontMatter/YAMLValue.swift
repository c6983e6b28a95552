/// Front matter as written: every scalar kept as its source text (so `5.2` stays "5.2" and
/// `9.30` stays "9.30"), every key and value with its file position. Plain values, no Yams types,
/// so the model stage and its tests need no YAML parser.
public indirect enum YAMLValue: Sendable, Hashable {
    case scalar(String, SourceLocation)
    case sequence([YAMLValue], SourceLocation)
    case mapping([YAMLEntry], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(_, let location), .sequence(_, let location), .mapping(_, let location): location
        }
    }

    public var scalar: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// What an author would call this kind of value, for messages.
    public var kindName: String {
        switch self {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

public struct YAMLEntry: Sendable, Hashable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: YAMLValue

    public init(key: String, keyLocation: SourceLocation, value: YAMLValue) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

/// The top-level mapping of a document's front matter.
public struct FrontMatter: Sendable, Hashable {
    public var entries: [YAMLEntry]
    /// Where the front matter starts: the anchor for "missing field" diagnostics.
    public var location: SourceLocation

    public init(entries: [YAMLEntry], location: SourceLocation) {
        self.entries = entries
        self.location = location
    }

    public subscript(key: String) -> YAMLEntry? {
        entries.first { $0.key == key }
    }
}
