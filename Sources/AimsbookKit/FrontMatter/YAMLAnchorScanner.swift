#if canImport(Glibc)
    import Glibc
#endif

/// Finds YAML anchors (`&name`) and aliases (`*name`) in front matter before it is parsed.
///
/// Front matter has no use for them, and aliases are how a "billion laughs" document makes a
/// parser build an exponentially large tree; Yams expands aliases while composing, so they
/// are refused on the text, before Yams sees it. Quoted strings and comments are skipped, and
/// `&` or `*` inside a plain value ("R&D", "a * b") is not at the start of a token.
///
/// Scans the UTF-8 bytes: every character it looks for is ASCII, and an ASCII byte in UTF-8 is
/// always that character, never part of a longer scalar. Columns count Unicode scalars (the
/// bytes that do not continue one), as Yams counts them.
enum YAMLAnchorScanner {
    /// The 1-based line and column (in Unicode scalars) of the first anchor or alias.
    static func firstAnchorOrAlias(in yaml: String) -> (line: Int, column: Int)? {
        if let result = yaml.utf8.withContiguousStorageIfAvailable(firstAnchorOrAlias(in:)) { return result }
        // unsafe: a byte scan within the front matter's buffer.
        return Array(yaml.utf8).withUnsafeBufferPointer(firstAnchorOrAlias(in:))
    }

    static func firstAnchorOrAlias(in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int)? {
        // Both start with their character: front matter with neither (nearly all) is two `memchr`s.
        guard let base = bytes.baseAddress,
            memchr(base, Int32(UInt8(ascii: "&")), bytes.count) != nil
                || memchr(base, Int32(UInt8(ascii: "*")), bytes.count) != nil
        else { return nil }
        var line = 1
        var start = 0
        var index = 0
        while index <= bytes.count {
            // A line ends at LF, as the Character-based split this replaced cut it: except after
            // a CR, where "\r\n" is one Character (decoded text has no CR; direct callers may).
            if index == bytes.count || (bytes[index] == 10 && (index == 0 || bytes[index - 1] != 13)) {
                if let column = scan(UnsafeBufferPointer(rebasing: bytes[start..<index])) { return (line, column) }
                line += 1
                start = index + 1
            }
            index += 1
        }
        return nil
    }

    private static func scan(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var column = 0
        var quote: UInt8 = 0
        var previous = UInt8(ascii: " ")
        while index < line.count {
            let byte = line[index]
            let isContinuation = byte & 0xC0 == 0x80
            if !isContinuation { column += 1 }
            if quote != 0 {
                if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                    // Skip the escaped scalar whole: its first byte and any continuation bytes.
                    index += 2
                    while index < line.count, line[index] & 0xC0 == 0x80 { index += 1 }
                    column += 1
                    continue
                }
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                if isTokenBoundary(previous) { quote = byte }
            } else if byte == UInt8(ascii: "#")
                && (previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") || index == 0)
            {
                return nil
            } else if (byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*")) && isTokenBoundary(previous),
                index + 1 < line.count, isAnchorCharacter(line[index + 1])
            {
                return column
            }
            // A scalar's last byte stands for it as `previous`: only ASCII bytes are compared.
            previous = byte
            index += 1
        }
        return nil
    }

    private static func isTokenBoundary(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","),
            UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "?"):
            true
        default: false
        }
    }

    private static func isAnchorCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"):
            false
        default: true
        }
    }
}
