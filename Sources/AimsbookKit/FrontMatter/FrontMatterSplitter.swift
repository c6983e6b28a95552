#if canImport(Glibc)
    import Glibc
#endif

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

/// Splits `---` delimited front matter from the body, as Jekyll, Hugo and MkDocs do. Scans the
/// UTF-8 bytes line by line only as far as the closing delimiter.
public enum FrontMatterSplitter {
    public static func split(_ text: String, file: String) -> Result<SplitDocument, Diagnostic> {
        // On the string's own UTF-8 storage: no copy of the whole file into an array.
        if let result = text.utf8.withContiguousStorageIfAvailable({ split(bytes: $0[...], file: file) }) {
            return result
        }
        // unsafe: memchr over the file's bytes; offsets stay below the slice's end.
        return Array(text.utf8).withUnsafeBufferPointer { split(bytes: $0[...], file: file) }
    }

    static func split(bytes: Slice<UnsafeBufferPointer<UInt8>>, file: String) -> Result<SplitDocument, Diagnostic> {
        // The text is already LF-only and BOM-free (TextDecoding); tolerate both anyway for callers on strings.
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }

        /// The line starting at `start`: its end (before any CR) and where the next line starts.
        func line(from start: Int) -> (end: Int, next: Int) {
            var end = bytes.endIndex
            if start < end, let found = memchr(bytes.base.baseAddress! + start, 10, end - start) {
                end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - bytes.base.baseAddress!
            }
            let next = end == bytes.endIndex ? end : end + 1
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return (end, next)
        }
        func isDelimiter(_ start: Int, _ end: Int, allowDots: Bool) -> Bool {
            var end = end
            while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
            let content = bytes[start..<end]
            return content.elementsEqual("---".utf8) || (allowDots && content.elementsEqual("...".utf8))
        }

        let first = line(from: bytes.startIndex)
        guard isDelimiter(bytes.startIndex, first.end, allowDots: false) else {
            let message: String
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                message =
                    "this Markdown file is empty; every document starts with front matter between '---' lines (id, type, title, status)"
            } else {
                message =
                    "this Markdown file has no front matter; start it with a '---' line, the YAML fields (id, type, title, status), and another '---' line"
            }
            return .failure(.error("missing-front-matter", message, at: .file(file)))
        }
        var lineNumber = 2
        var start = first.next
        while start < bytes.endIndex {
            let current = line(from: start)
            if isDelimiter(start, current.end, allowDots: true) {
                let yaml = String(decoding: bytes[first.next..<max(first.next, start - 1)], as: UTF8.self)
                let body = String(decoding: bytes[current.next...], as: UTF8.self)
                return .success(SplitDocument(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: lineNumber + 1))
            }
            start = current.next
            lineNumber += 1
        }
        return .failure(
            .error(
                "unclosed-front-matter",
                "the front matter opened on line 1 is never closed; add a '---' line after the last YAML field",
                at: .file(file)))
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
