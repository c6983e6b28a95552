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

    /// The markers as bytes, and whether each must stand as a word of its own.
    static let markers: [(bytes: [UInt8], text: String, word: Bool)] =
        ReadinessFindings.placeholderPhrases.map { (Array($0.utf8), $0, false) }
        + ReadinessFindings.placeholderWords.map { (Array($0.utf8), $0, true) }

    /// One pass over the body's bytes, line by line (every approved body of a 2,000-document
    /// handbook is read at each full build, so no line becomes a String unless it is a heading or
    /// holds a hit).
    /// Fenced code is skipped: a `TODO` in an example is not a placeholder.
    static func scan(_ document: Document) -> [BodyPlaceholder] {
        let bytes = Array(document.bodySource.utf8)
        let firstLine = document.bodyFirstLine
        do {
            var phrases: [BodyPlaceholder] = []
            var sections = SectionTracker()
            var inFence = false
            var lineStart = 0
            var offset = 0
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
                var start = lineStart
                while start < lineEnd, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
                var end = lineEnd
                while end > start, [32, 9, 13].contains(bytes[end - 1]) { end -= 1 }
                let line = bytes[start..<end]
                if line.starts(with: [96, 96, 96]) || line.starts(with: [126, 126, 126]) {
                    inFence.toggle()
                    sections.content()
                } else if !inFence {
                    if phrases.count < limit, let marker = marker(in: line) {
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
    }

    /// For each byte, the markers starting with it: one look-up per byte of the body, and a
    /// comparison only where a marker could start.
    static let markersByFirstByte: [[Int]] = {
        var table = Array(repeating: [Int](), count: 256)
        for (index, marker) in markers.enumerated() { table[Int(marker.bytes[0])].append(index) }
        return table
    }()
    /// Whether any marker starts with a byte: a plain look-up (no array retained) for the bytes
    /// that start none, which are nearly all.
    static let startsMarker: [Bool] = markersByFirstByte.map { !$0.isEmpty }

    /// The first marker in `line`, a slice of the body's bytes (indices are the body's).
    static func marker(in line: ArraySlice<UInt8>) -> String? {
        let starts = startsMarker
        var index = line.startIndex
        while index < line.endIndex {
            guard starts[Int(line[index])] else {
                index += 1
                continue
            }
            for candidate in markersByFirstByte[Int(line[index])] {
                let marker = markers[candidate]
                let end = index + marker.bytes.count
                guard end <= line.endIndex, line[index..<end].elementsEqual(marker.bytes) else { continue }
                let before = index == line.startIndex ? 32 : line[index - 1]
                let after = end == line.endIndex ? 32 : line[end]
                if !marker.word || (!isWordByte(before) && !isWordByte(after)) { return marker.text }
            }
            index += 1
        }
        return nil
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

        mutating func read(_ line: ArraySlice<UInt8>, offset: Int) {
            var hashes = 0
            while line.startIndex + hashes < line.endIndex, line[line.startIndex + hashes] == 35 { hashes += 1 }
            let afterHashes = line.startIndex + hashes
            if (1...6).contains(hashes), afterHashes < line.endIndex, line[afterHashes] == 32 {
                close(upTo: hashes)
                for index in open.indices { open[index].hasContent = true }
                let heading = String(decoding: line[(afterHashes + 1)...], as: UTF8.self)
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
