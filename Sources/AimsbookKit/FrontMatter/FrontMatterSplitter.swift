/// A Markdown file cut into its YAML front matter and its body, remembering on which line of
/// the file each starts so that positions inside either can be reported as file positions.
public struct SplitDocument: Sendable, Equatable {
    public var yaml: String
    /// 1-based line of the file on which the YAML text starts (the line after the opening `---`).
    public var yamlFirstLine: Int
    public var body: String
    /// 1-based line of the file on which the body starts.
    public var bodyFirstLine: Int
}

/// Splits `---` delimited front matter from the body, as Jekyll, Hugo and MkDocs do.
public enum FrontMatterSplitter {
    public static func split(_ text: String, file: String) -> Result<SplitDocument, Diagnostic> {
        // The text is already LF-only and BOM-free (TextDecoding); tolerate both anyway for callers on strings.
        var text = Substring(text)
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func isDelimiter(_ line: Substring) -> Bool {
            var line = line
            if line.last == "\r" { line = line.dropLast() }
            return line.trimmingTrailingSpaces() == "---"
        }
        guard let first = lines.first, isDelimiter(first) else {
            let message: String
            if text.allSatisfy(\.isWhitespace) {
                message = "this Markdown file is empty; every document starts with front matter between '---' lines (id, type, title, status)"
            } else {
                message = "this Markdown file has no front matter; start it with a '---' line, the YAML fields (id, type, title, status), and another '---' line"
            }
            return .failure(.error("missing-front-matter", message, at: .file(file)))
        }
        guard let closing = lines.indices.dropFirst().first(where: { isDelimiter(lines[$0]) || lines[$0] == "..." })
        else {
            return .failure(
                .error(
                    "unclosed-front-matter",
                    "the front matter opened on line 1 is never closed; add a '---' line after the last YAML field",
                    at: .file(file)))
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        return .success(SplitDocument(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: closing + 2))
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
