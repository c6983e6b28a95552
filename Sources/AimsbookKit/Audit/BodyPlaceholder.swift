/// A placeholder left in a document's body: starter text (`_To be written._`), TODO, TBD, or a
/// heading with nothing under it. Found once per document, when the outline is made.
public struct BodyPlaceholder: Sendable, Hashable {
    /// The file line.
    public var line: Int
    /// The phrase found, or the empty section's heading.
    public var text: String
    public var emptySection: Bool

    /// At most this many per document: one is enough to fail the gate, three show the pattern.
    static let limit = 3

    static func scan(_ document: Document) -> [BodyPlaceholder] {
        var hits: [BodyPlaceholder] = []
        var inFence = false
        let lines = document.bodySource.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() where hits.count < limit {
            let trimmed = line.trimmed
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            guard !inFence, let phrase = ReadinessFindings.placeholder(in: String(line)) else { continue }
            hits.append(.init(line: document.bodyFirstLine + offset, text: phrase, emptySection: false))
        }
        for (heading, offset) in emptySections(lines) where hits.count < limit {
            hits.append(.init(line: document.bodyFirstLine + offset, text: heading, emptySection: true))
        }
        return hits
    }

    /// Headings with nothing under them before the next heading of the same or a higher level.
    static func emptySections(_ lines: [Substring]) -> [(String, Int)] {
        var headings: [(level: Int, text: String, line: Int, hasContent: Bool)] = []
        var empty: [(String, Int)] = []
        var inFence = false
        func close(upTo level: Int) {
            while let last = headings.last, last.level >= level {
                headings.removeLast()
                if !last.hasContent { empty.append((last.text, last.line)) }
            }
        }
        for (offset, line) in lines.enumerated() {
            let trimmed = line.trimmed
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            let hashes = trimmed.prefix { $0 == "#" }.count
            if !inFence, (1...6).contains(hashes), trimmed.dropFirst(hashes).first == " " {
                close(upTo: hashes)
                // A subheading counts as content of every heading above it.
                for index in headings.indices { headings[index].hasContent = true }
                headings.append((hashes, String(trimmed.dropFirst(hashes + 1)), offset, false))
            } else if !trimmed.isEmpty, !headings.isEmpty {
                headings[headings.count - 1].hasContent = true
            }
        }
        close(upTo: 1)
        return empty.sorted { $0.1 < $1.1 }
    }

}

extension Substring {
    /// The line without leading and trailing spaces and tabs.
    fileprivate var trimmed: Substring {
        let start = drop { $0 == " " || $0 == "\t" }
        var end = start.endIndex
        while end > start.startIndex, [" ", "\t", "\r"].contains(start[start.index(before: end)]) {
            end = start.index(before: end)
        }
        return start[start.startIndex..<end]
    }
}
