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

    /// One pass over the body's bytes, line by line, read in place (every approved body of a
    /// 2,000-document handbook is read at each full build, so no line becomes a String unless it
    /// is a heading or holds a hit, and the body is not copied).
    /// Fenced code is skipped: a `TODO` in an example is not a placeholder.
    static func scan(_ document: Document) -> [BodyPlaceholder] {
        let source = document.bodySource
        return scan(source.utf8.span, firstLine: document.bodyFirstLine)
    }

    static func scan(_ bytes: Span<UInt8>, firstLine: Int) -> [BodyPlaceholder] {
        var phrases: [BodyPlaceholder] = []
        var sections = SectionTracker()
        var inFence = false
        var lineStart = 0
        var offset = 0
        let table = MarkerTable.shared
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            var start = lineStart
            while start < lineEnd, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
            var end = lineEnd
            while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 || bytes[end - 1] == 13 { end -= 1 }
            let line = bytes.extracting(start..<end)
            if startsFence(line, 96) || startsFence(line, 126) {
                inFence.toggle()
                sections.content()
            } else if !inFence {
                if phrases.count < limit, let marker = table.marker(in: line) {
                    phrases.append(.init(line: firstLine + offset, text: marker, emptySection: false))
                }
                sections.read(line, offset: offset)
            } else {
                sections.content()
            }
            if lineEnd >= bytes.count { break }
            lineStart = lineEnd + 1
            offset += 1
        }
        let empty = sections.finish().map {
            BodyPlaceholder(line: firstLine + $0.offset, text: $0.heading, emptySection: true)
        }
        return Array((phrases + empty).prefix(limit))
    }

    /// Whether `line` starts with three of `byte` (a code fence: ``` or ~~~).
    static func startsFence(_ line: Span<UInt8>, _ byte: UInt8) -> Bool {
        line.count >= 3 && line[0] == byte && line[1] == byte && line[2] == byte
    }

    /// The markers, indexed by the byte each starts with: one look-up per byte of the body, and a
    /// comparison only where a marker could start. Made once; a scan reads it without retaining
    /// its arrays per byte.
    final class MarkerTable: Sendable {
        static let shared = MarkerTable()
        /// The markers as bytes, and whether each must stand as a word of its own.
        let markers: [(bytes: [UInt8], text: String, word: Bool)] =
            ReadinessFindings.placeholderPhrases.map { (Array($0.utf8), $0, false) }
            + ReadinessFindings.placeholderWords.map { (Array($0.utf8), $0, true) }
        let byFirstByte: [[Int]]
        /// Whether any marker starts with a byte: false for nearly all the bytes of a body.
        let startsMarker: [Bool]

        init() {
            var table = Array(repeating: [Int](), count: 256)
            for (index, marker) in markers.enumerated() { table[Int(marker.bytes[0])].append(index) }
            byFirstByte = table
            startsMarker = table.map { !$0.isEmpty }
        }

        /// The first marker in `line`, as its text.
        func marker(in line: Span<UInt8>) -> String? {
            var index = 0
            while index < line.count {
                guard startsMarker[Int(line[index])] else {
                    index += 1
                    continue
                }
                for candidate in byFirstByte[Int(line[index])] {
                    let marker = markers[candidate]
                    let end = index + marker.bytes.count
                    guard end <= line.count, Self.line(line, at: index, equals: marker.bytes) else { continue }
                    let before = index == 0 ? 32 : line[index - 1]
                    let after = end == line.count ? 32 : line[end]
                    if !marker.word || (!isWordByte(before) && !isWordByte(after)) { return marker.text }
                }
                index += 1
            }
            return nil
        }

        /// Whether `line` holds `bytes` from `index` (which the caller has checked fit).
        static func line(_ line: Span<UInt8>, at index: Int, equals bytes: [UInt8]) -> Bool {
            for offset in bytes.indices where line[index + offset] != bytes[offset] { return false }
            return true
        }
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte >= 128
    }

    /// Headings with nothing under them before the next heading of the same or a higher level.
    struct SectionTracker {
        var open: [(level: Int, heading: String, offset: Int, hasContent: Bool)] = []
        var empty: [(heading: String, offset: Int)] = []

        mutating func close(upTo level: Int) {
            while let last = open.last, last.level >= level {
                open.removeLast()
                if !last.hasContent { empty.append((last.heading, last.offset)) }
            }
        }

        /// Content under the innermost open heading (a subheading counts for every one above).
        mutating func content() {
            if !open.isEmpty { open[open.count - 1].hasContent = true }
        }

        mutating func read(_ line: Span<UInt8>, offset: Int) {
            var hashes = 0
            while hashes < line.count, line[hashes] == 35 { hashes += 1 }
            let afterHashes = hashes
            if (1...6).contains(hashes), afterHashes < line.count, line[afterHashes] == 32 {
                close(upTo: hashes)
                for index in open.indices { open[index].hasContent = true }
                var bytes: [UInt8] = []
                for index in (afterHashes + 1)..<line.count { bytes.append(line[index]) }
                let heading = String(decoding: bytes, as: UTF8.self)
                open.append((hashes, heading, offset, false))
            } else if !line.isEmpty {
                content()
            }
        }

        mutating func finish() -> [(heading: String, offset: Int)] {
            close(upTo: 1)
            return empty.sorted { $0.offset < $1.offset }
        }
    }
}
