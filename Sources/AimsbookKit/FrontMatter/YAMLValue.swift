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

extension YAMLValue {
    /// The value read as a list of single values, as front matter and framework files write
    /// lists: `[A, B]`, a block list, or one value alone (a list of one); an empty value or YAML
    /// null is an empty list. Items that are not single values are reported against `key`.
    public func scalarList(key: String) -> (values: [Located<String>], diagnostics: [Diagnostic]) {
        switch self {
        case .scalar(let text, let location):
            return (text.isEmpty || text == "null" || text == "~" ? [] : [Located(text, at: location)], [])
        case .sequence(let items, _):
            var values: [Located<String>] = []
            var diagnostics: [Diagnostic] = []
            for item in items {
                if case .scalar(let text, let location) = item {
                    values.append(Located(text, at: location))
                } else {
                    diagnostics.append(
                        .error(
                            "invalid-value", "each item of '\(key)' must be a single value, not \(item.kindName)",
                            at: item.location))
                }
            }
            return (values, diagnostics)
        case .mapping(_, let location):
            return ([], [.error("invalid-value", "'\(key)' must be a list like [A, B], not a mapping", at: location)])
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

    /// The first entry with this key. Compares keys through the array's buffer: `first(where:)`
    /// copied every entry it passed (a key, a location and a value tree), and a document's
    /// fields are looked up some thirty times.
    public subscript(key: String) -> YAMLEntry? {
        // unsafe: compares keys in place; no entry (a key, location and value tree) is copied.
        let position = entries.withUnsafeBufferPointer { entries in
            entries.indices.first { entries[$0].key == key }
        }
        return position.map { entries[$0] }
    }
}
