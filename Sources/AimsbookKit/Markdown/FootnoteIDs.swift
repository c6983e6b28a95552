/// Footnote ids that no heading and no other document can take.
///
/// cmark-gfm names a note after its label: `fn-1`, its references `fnref-1`, `fnref-1-2`, …
/// Those are ids a heading has too ("fn 1" is `fn-1`), every document of the print view would
/// have the same `fn-1`, and `[^1-2]` is the second reference of `[^1]`. Renamed here by the
/// note's number: the n-th note is `fn.n`, its references `fnref.n`, `fnref.n.2`, …, after the
/// page's heading prefix (`pol-001--` in the print view). A heading slug has no `.` (letters,
/// digits, `-`, `_`) and a document id neither, so none of these ids is ever another's.
///
/// cmark-gfm's renderer writes the ids from labels it keeps to itself (its API cannot set
/// them), so they are renamed in its HTML: only in the three tags it writes for footnotes, in
/// exactly the form it writes them.
enum FootnoteIDs {
    /// What the renderer writes before the notes, once, at the end of the body.
    static let section = Array("<section class=\"footnotes\" data-footnotes>".utf8)
    static let reference = Array("<sup class=\"footnote-ref\"><a href=\"#fn-".utf8)
    static let referenceID = Array("\" id=\"fnref-".utf8)
    static let definition = Array("<li id=\"fn-".utf8)
    static let backReference = Array("<a href=\"#fnref-".utf8)
    static let backReferenceClass = Array("\" class=\"footnote-backref\"".utf8)
    static let quote = UInt8(ascii: "\"")

    /// `html` (cmark-gfm's rendering of one body) with its footnotes' ids numbered after `prefix`.
    static func renamed(_ html: String, prefix: String) -> String {
        let bytes = Array(html.utf8)
        guard let notesStart = lastIndex(of: section, in: bytes) else { return html }
        // The notes in their order (cmark numbers them so), by their label as written in the ids.
        var numbers: [ArraySlice<UInt8>: Int] = [:]
        var position = notesStart
        while let found = firstIndex(of: definition, in: bytes, from: position) {
            let start = found + definition.count
            guard let end = bytes[start...].firstIndex(of: quote) else { break }
            if numbers[bytes[start..<end]] == nil { numbers[bytes[start..<end]] = numbers.count + 1 }
            position = end
        }
        guard !numbers.isEmpty else { return html }

        let prefix = Array(prefix.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + numbers.count * (prefix.count + 8) * 3)
        /// The note whose `<li>` the scan is in, for its back references.
        var currentNote: (label: ArraySlice<UInt8>, number: Int)?
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                output.append(bytes[index])
                index += 1
                continue
            }
            // `<sup class="footnote-ref"><a href="#fn-LABEL" id="fnref-LABEL[-k]"`
            if starts(with: reference, in: bytes, at: index) {
                let labelStart = index + reference.count
                if let labelEnd = bytes[labelStart...].firstIndex(of: quote),
                    let number = numbers[bytes[labelStart..<labelEnd]],
                    starts(with: referenceID, in: bytes, at: labelEnd),
                    let (suffix, end) = repeatSuffix(
                        in: bytes, at: labelEnd + referenceID.count, label: bytes[labelStart..<labelEnd])
                {
                    output +=
                        Array("<sup class=\"footnote-ref\"><a href=\"#".utf8) + prefix + Array("fn.\(number)".utf8)
                    output += Array("\" id=\"".utf8) + prefix + Array("fnref.\(number)\(suffix)\"".utf8)
                    index = end + 1
                    continue
                }
            }
            if index > notesStart, starts(with: definition, in: bytes, at: index) {
                let labelStart = index + definition.count
                if let labelEnd = bytes[labelStart...].firstIndex(of: quote),
                    let number = numbers[bytes[labelStart..<labelEnd]]
                {
                    currentNote = (bytes[labelStart..<labelEnd], number)
                    output += Array("<li id=\"".utf8) + prefix + Array("fn.\(number)\"".utf8)
                    index = labelEnd + 1
                    continue
                }
            }
            // `<a href="#fnref-LABEL[-k]" class="footnote-backref"`, inside the note's `<li>`.
            if index > notesStart, let note = currentNote, starts(with: backReference, in: bytes, at: index),
                let (suffix, end) = repeatSuffix(in: bytes, at: index + backReference.count, label: note.label),
                starts(with: backReferenceClass, in: bytes, at: end)
            {
                output += Array("<a href=\"#".utf8) + prefix + Array("fnref.\(note.number)\(suffix)".utf8)
                index = end
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// After `label` at `start`: the `-k` cmark adds for a note's k-th reference, as `.k`, and
    /// where the closing quote stands; nil when the bytes are not the label and such a suffix.
    static func repeatSuffix(in bytes: [UInt8], at start: Int, label: ArraySlice<UInt8>) -> (String, Int)? {
        guard start + label.count <= bytes.count, bytes[start..<(start + label.count)].elementsEqual(label) else {
            return nil
        }
        let afterLabel = start + label.count
        guard let end = bytes[afterLabel...].firstIndex(of: quote) else { return nil }
        if end == afterLabel { return ("", end) }
        let digits = bytes[(afterLabel + 1)..<end]
        guard bytes[afterLabel] == UInt8(ascii: "-"), !digits.isEmpty,
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return ("." + String(decoding: digits, as: UTF8.self), end)
    }

    static func starts(with pattern: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], starts(with: pattern, in: bytes, at: index) { return index }
            index += 1
        }
        return nil
    }

    static func lastIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        var index = bytes.count - pattern.count
        while index >= 0 {
            if bytes[index] == pattern[0], starts(with: pattern, in: bytes, at: index) { return index }
            index -= 1
        }
        return nil
    }
}
