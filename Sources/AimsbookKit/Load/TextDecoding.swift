#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns file bytes into text the rest of the pipeline can trust: UTF-8 only, a leading BOM
/// dropped, CRLF and lone CR line endings made LF (line numbers stay as the author sees them).
public enum TextDecoding {
    public enum Result: Sendable, Equatable {
        case success(String)
        /// Where the first invalid byte sits, for the diagnostic.
        case failure(line: Int, column: Int)
    }

    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> Result where Bytes.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable(decode(buffer:)) { return result }
        // unsafe: validates and decodes the file's bytes in place, within the buffer.
        return Array(bytes).withUnsafeBufferPointer(decode(buffer:))
    }

    /// Validates and normalizes in place on the bytes: no copy into an array first, and the
    /// search for a CR is a `memchr`, not a walk over the string's UTF-8 view.
    static func decode(buffer: UnsafeBufferPointer<UInt8>) -> Result {
        var bytes = buffer
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return firstInvalidPosition(Array(bytes))
        }
        guard let base = bytes.baseAddress, memchr(base, 13, bytes.count) != nil else { return .success(text) }
        return .success(normalizeLineEndings(bytes))
    }

    /// On bytes: Foundation's `replacingOccurrences(of: "\r", …)` skips a CR followed by a
    /// combining mark (it keeps composed character sequences whole), found by Fuzz/run.sh.
    public static func normalizeLineEndings(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, memchr(base, 13, bytes.count) != nil else { return nil }
            return normalizeLineEndings(bytes)
        } ?? text
    }

    /// CRLF and lone CR made LF, on valid UTF-8 (a CR byte is never part of a longer scalar).
    static func normalizeLineEndings(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0
            var afterCR = false
            for byte in bytes {
                if byte == 10, afterCR {
                    afterCR = false
                    continue
                }
                afterCR = byte == 13
                output[count] = afterCR ? 10 : byte
                count += 1
            }
            return count
        }
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
