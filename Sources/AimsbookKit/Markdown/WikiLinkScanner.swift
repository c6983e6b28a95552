#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds `[[target]]` and `[[target|text]]` in a run of text.
enum WikiLinkScanner {
    enum Piece: Equatable {
        case text(String)
        /// target, optional label, and the source text it replaces (for column arithmetic).
        case link(target: String, label: String?, source: String)
    }

    /// Whether a C string holds `[[`, without making a Swift string (most text nodes do not).
    /// Jumps from `[` to `[` with `strchr` rather than looking at every byte: it runs on all
    /// the text of every body.
    // unsafe: cmark's NUL-terminated text node, scanned with strchr up to its NUL.
    static func containsOpening(_ text: UnsafePointer<CChar>) -> Bool {
        var pointer = text
        while let bracket = strchr(pointer, 0x5B) {
            if bracket[1] == 0x5B { return true }
            pointer = UnsafePointer(bracket) + 1
        }
        return false
    }

    static func scan(_ text: String) -> [Piece] {
        var text = text
        if let pieces = text.withUTF8(scanASCII) { return pieces }
        return scanCharacters(text)
    }

    /// The scan on bytes, for text that is all ASCII (nearly all of it), or nil for other text.
    ///
    /// The search below is Foundation's, which matches only whole composed character sequences:
    /// `[[` followed by a combining mark is no opening. In ASCII every character is one byte
    /// (only CR LF is a sequence of two, and neither is a bracket), so a byte search finds
    /// exactly what it finds, without Foundation's cost per text node.
    // unsafe: a byte scan within the text node's bytes.
    static func scanASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> [Piece]? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        func find(_ byte: UInt8, from start: Int) -> Int? {
            var index = start
            while index + 1 < bytes.count {
                if bytes[index] == byte, bytes[index + 1] == byte { return index }
                index += 1
            }
            return nil
        }
        func trimmed(_ range: Range<Int>) -> Range<Int> {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper, bytes[lower] == UInt8(ascii: " ") { lower += 1 }
            while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
            return lower..<upper
        }
        var pieces: [Piece] = []
        var pendingStart = 0
        var rest = 0
        while let open = find(UInt8(ascii: "["), from: rest) {
            guard let close = find(UInt8(ascii: "]"), from: open + 2) else { break }
            let inner = (open + 2)..<close
            if inner.isEmpty || bytes[inner].contains(UInt8(ascii: "[")) || bytes[inner].contains(10) {
                rest = open + 2
                continue
            }
            if pendingStart < open { pieces.append(.text(string(pendingStart..<open))) }
            let bar = bytes[inner].firstIndex(of: UInt8(ascii: "|"))
            let target = string(trimmed(inner.lowerBound..<(bar ?? inner.upperBound)))
            let label = bar.map { string(trimmed(($0 + 1)..<inner.upperBound)) }
            pieces.append(
                .link(target: target, label: label?.isEmpty == true ? nil : label, source: string(open..<(close + 2))))
            rest = close + 2
            pendingStart = rest
        }
        if pendingStart < bytes.count { pieces.append(.text(string(pendingStart..<bytes.count))) }
        return pieces
    }

    /// The scan on characters, for text with any non-ASCII scalar.
    static func scanCharacters(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var pending = ""
        var rest = Substring(text)
        while let open = rest.range(of: "[[") {
            guard let close = rest[open.upperBound...].range(of: "]]") else { break }
            let inner = rest[open.upperBound..<close.lowerBound]
            // Scalars, not characters: "\n" followed by a combining mark is still a line break.
            if inner.isEmpty || inner.unicodeScalars.contains("[") || inner.unicodeScalars.contains("\n") {
                pending += rest[..<open.upperBound]
                rest = rest[open.upperBound...]
                continue
            }
            pending += rest[..<open.lowerBound]
            if !pending.isEmpty { pieces.append(.text(pending)) }
            pending = ""
            let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let target = parts[0].trimmingCharacters(in: " ")
            let label = parts.count > 1 ? parts[1].trimmingCharacters(in: " ") : nil
            pieces.append(
                .link(
                    target: target, label: label?.isEmpty == true ? nil : label,
                    source: String(rest[open.lowerBound..<close.upperBound])))
            rest = rest[close.upperBound...]
        }
        pending += rest
        if !pending.isEmpty { pieces.append(.text(pending)) }
        return pieces
    }
}

extension Substring {
    func trimmingCharacters(in character: Character) -> String {
        var result = self
        while result.first == character { result = result.dropFirst() }
        while result.last == character { result = result.dropLast() }
        return String(result)
    }
}
