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

    /// On bytes: Foundation's `replacingOccurrences(of: "\r", …)` skips a CR followed by a
    /// combining mark (it keeps composed character sequences whole), found by Fuzz/run.sh.
    public static func normalizeLineEndings(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var afterCR = false
        for byte in text.utf8 {
            if byte == 10, afterCR {
                afterCR = false
                continue
            }
            afterCR = byte == 13
            bytes.append(afterCR ? 10 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
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
