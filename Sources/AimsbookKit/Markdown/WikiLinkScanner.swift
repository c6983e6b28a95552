/// Finds `[[target]]` and `[[target|text]]` in a run of text.
enum WikiLinkScanner {
    enum Piece: Equatable {
        case text(String)
        /// target, optional label, and the source text it replaces (for column arithmetic).
        case link(target: String, label: String?, source: String)
    }

    /// Whether a C string holds `[[`, without making a Swift string (most text nodes do not).
    static func containsOpening(_ text: UnsafePointer<CChar>) -> Bool {
        var pointer = text
        var previous: CChar = 0
        while pointer.pointee != 0 {
            if pointer.pointee == 0x5B, previous == 0x5B { return true }
            previous = pointer.pointee
            pointer += 1
        }
        return false
    }

    static func scan(_ text: String) -> [Piece] {
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
