/// Sets top-level fields of a document's front matter in place, keeping every other line (the
/// fields an author added, comments, their order) and the body exactly as they were: what an
/// import run again over a register it made may change, and nothing more.
public enum FrontMatterEdit {
    /// `text` with each `(key, value)` written as `key: value` where the key was (its block of
    /// continued or indented lines replaced), or after the last field when it is new. Nil when
    /// `text` has no front matter.
    public static func setting(_ fields: [(key: String, value: String)], in text: String) -> String? {
        guard case .success(let split) = FrontMatterSplitter.split(text, file: "") else { return nil }
        var lines =
            split.yaml.isEmpty
            ? [] : split.yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (key, value) in fields {
            let written = "\(key): \(value)"
            if let start = lines.firstIndex(where: { topLevelKey(of: $0) == key }) {
                var end = start + 1
                while end < lines.count, topLevelKey(of: lines[end]) == nil, !lines[end].hasPrefix("#") { end += 1 }
                // Blank lines and comments before the next field stay with it.
                while end > start + 1, lines[end - 1].trimmingSpaces().isEmpty { end -= 1 }
                lines.replaceSubrange(start..<end, with: [written])
            } else {
                lines.append(written)
            }
        }
        return "---\n" + lines.joined(separator: "\n") + "\n---\n" + split.body
    }

    /// The key of a line that starts a top-level field (`owner: ROLE-CEO`), nil for continued
    /// lines, list items, comments and blank lines.
    static func topLevelKey(of line: String) -> String? {
        guard let first = line.first, first != " ", first != "\t", first != "-", first != "#" else { return nil }
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let after = line.index(after: colon)
        guard after == line.endIndex || line[after] == " " else { return nil }
        return String(line[..<colon]).trimmingSpaces()
    }
}
