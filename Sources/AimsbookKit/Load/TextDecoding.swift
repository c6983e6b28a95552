/// Turns file bytes into text the rest of the pipeline can trust: UTF-8 only, a leading BOM
/// dropped, CRLF and lone CR line endings made LF (line numbers stay as the author sees them).
public enum TextDecoding {
    public enum Result: Sendable, Equatable {
        case success(String)
        /// Where the first invalid byte sits, for the diagnostic.
        case failure(line: Int, column: Int)
    }

    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> Result where Bytes.Element == UInt8 {
        var bytes = Array(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return firstInvalidPosition(bytes)
        }
        return .success(normalizeLineEndings(text))
    }

    public static func normalizeLineEndings(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    static func firstInvalidPosition(_ bytes: [UInt8]) -> Result {
        // Decode scalar by scalar; the first repair marks the first invalid byte.
        var line = 1
        var column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return .failure(line: line, column: column)
            case .error:
                return .failure(line: line, column: column)
            }
        }
    }
}
