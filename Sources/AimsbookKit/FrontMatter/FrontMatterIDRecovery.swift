/// The id of a document whose front matter is not valid YAML, read from the raw text.
///
/// Such a file becomes no document, and its own error says why. Other documents still name it
/// in `owner:`, `related:` and links, and without its id each of those would be reported as
/// unknown too: one mistake, a screenful of follow-on errors. The `id:` line is usually intact
/// (the mistake is elsewhere), so it is read line by line, without a YAML parser. The id only
/// silences those follow-on reports; it never makes a document, so a wrong guess costs nothing
/// but a missed follow-on error on a file that already has one.
public enum FrontMatterIDRecovery {
    /// The value of the first unindented `id:` line, plain or quoted, with any trailing comment
    /// removed; nil when there is no such line or its value is not a valid document id.
    public static func id(in yaml: String) -> String? {
        // Lines as YAML ends them: LF, CR and CRLF (one `Character`), and the Unicode breaks.
        for line in yaml.split(whereSeparator: \.isNewline) where line.hasPrefix("id") {
            var rest = line.dropFirst(2).drop { $0 == " " || $0 == "\t" }
            guard rest.first == ":" else { continue }
            rest = rest.dropFirst()
            // `id:POL-001` is one plain value in YAML, not the key id.
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { continue }
            let value = self.value(rest.drop { $0 == " " || $0 == "\t" })
            // The first `id:` line decides: a second one is a repeated key, not a better answer.
            return value.flatMap { DocumentID.isValid($0) ? $0 : nil }
        }
        return nil
    }

    /// A value as written after the colon: quoted ('…' or "…", nothing but a comment after the
    /// closing quote) or plain (up to a ` #` comment). Escapes are not undone: an id needs none,
    /// and a value that has one is no valid id.
    static func value(_ text: Substring) -> String? {
        if let quote = text.first, quote == "\"" || quote == "'" {
            let inside = text.dropFirst()
            guard let end = inside.firstIndex(of: quote) else { return nil }
            let after = inside[inside.index(after: end)...].drop { $0 == " " || $0 == "\t" }
            guard after.isEmpty || after.first == "#" else { return nil }
            return String(inside[..<end])
        }
        var plain = text[...]
        // A comment starts at a '#' after a space or tab; a '#' inside a value is part of it.
        var previous: Character = " "
        for index in text.indices {
            if text[index] == "#", previous == " " || previous == "\t" {
                plain = text[..<index]
                break
            }
            previous = text[index]
        }
        return String(plain.trimmingTrailingSpaces())
    }
}
